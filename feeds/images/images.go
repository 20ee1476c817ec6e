// Package images loads the pictures items show: over the same bounded
// fetcher as feeds (a size cap, a time-out, a few requests per host), kept
// in a disk cache under the user's cache directory that is bounded in
// size, and never a tracking pixel (IsTracker: declared 1×1 or from a
// known tracker, never fetched; an image that turns out 1×1 is refused
// and remembered).
package images

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	_ "image/gif" // formats an item's picture may come in
	_ "image/jpeg"
	_ "image/png"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	_ "golang.org/x/image/webp"

	"github.com/knowflow/knowflow/feeds/fetch"
)

const (
	// DefaultMaxBytes caps one image as received.
	DefaultMaxBytes = 8 << 20
	// DefaultTimeout bounds one image's fetch.
	DefaultTimeout = 20 * time.Second
	// DefaultCacheBytes bounds the disk cache.
	DefaultCacheBytes = 200 << 20
	// MaxPixels refuses an image whose decoded size would be larger
	// (width × height): a small file may decode to gigabytes.
	MaxPixels = 40_000_000
	// accept asks for the formats Knowflow decodes.
	accept = "image/webp, image/png, image/jpeg, image/gif, */*;q=0.1"
)

var (
	// ErrTracker: a tracking pixel, not fetched (or fetched and found
	// 1×1, and not fetched again).
	ErrTracker = errors.New("a tracking pixel")
	// ErrNotImage: the answer is not a PNG, JPEG, GIF or WebP image.
	ErrNotImage = errors.New("not an image Knowflow can show")
	// ErrTooLarge: larger than DefaultMaxBytes, or than MaxPixels once
	// decoded.
	ErrTooLarge = errors.New("image too large")
)

// Image is a picture ready to show: its bytes, as served, and its format
// and size.
type Image struct {
	URL           string
	Data          []byte
	Format        string // png, jpeg, gif, webp
	Width, Height int
}

// Loader loads images through a Fetcher into a disk cache. It is safe for
// concurrent use; the same URL asked twice at once is fetched once.
type Loader struct {
	dir   string
	limit int64
	f     *fetch.Fetcher

	mu       sync.Mutex
	inFlight map[string]*call
	trackers map[string]bool // URLs found 1×1
	written  int64           // bytes written since the last trim
}

type call struct {
	done chan struct{}
	img  Image
	err  error
}

// NewFetcher is a Fetcher for images: DefaultMaxBytes, DefaultTimeout,
// the feeds' concurrency limits.
func NewFetcher() *fetch.Fetcher {
	return fetch.New(fetch.Options{MaxBodyBytes: DefaultMaxBytes, Timeout: DefaultTimeout})
}

// DefaultDir is where the window keeps images: knowflow/images under the
// user's cache directory ($XDG_CACHE_HOME or ~/.cache).
func DefaultDir() (string, error) {
	d, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("images: %w", err)
	}
	return filepath.Join(d, "knowflow", "images"), nil
}

// New returns a Loader keeping at most cacheBytes (DefaultCacheBytes when
// <= 0) of images in dir, fetched by f (NewFetcher when nil).
func New(dir string, cacheBytes int64, f *fetch.Fetcher) *Loader {
	if cacheBytes <= 0 {
		cacheBytes = DefaultCacheBytes
	}
	if f == nil {
		f = NewFetcher()
	}
	return &Loader{dir: dir, limit: cacheBytes, f: f, inFlight: map[string]*call{}, trackers: map[string]bool{}}
}

// Load returns the image at rawURL (http or https), from the cache or
// fetched, decoded enough to know its format and size. It never fetches a
// tracker (IsTrackerURL) or an image found to be one before.
func (l *Loader) Load(ctx context.Context, rawURL string) (Image, error) {
	if IsTrackerURL(rawURL) {
		return Image{}, fmt.Errorf("images: %s: %w", rawURL, ErrTracker)
	}
	l.mu.Lock()
	if l.trackers[rawURL] {
		l.mu.Unlock()
		return Image{}, fmt.Errorf("images: %s: %w", rawURL, ErrTracker)
	}
	if c, ok := l.inFlight[rawURL]; ok {
		l.mu.Unlock()
		select {
		case <-c.done:
			return c.img, c.err
		case <-ctx.Done():
			return Image{}, fmt.Errorf("images: %s: %w", rawURL, ctx.Err())
		}
	}
	c := &call{done: make(chan struct{})}
	l.inFlight[rawURL] = c
	l.mu.Unlock()

	c.img, c.err = l.load(ctx, rawURL)
	l.mu.Lock()
	delete(l.inFlight, rawURL)
	if errors.Is(c.err, ErrTracker) {
		l.trackers[rawURL] = true
	}
	l.mu.Unlock()
	close(c.done)
	return c.img, c.err
}

// load reads rawURL from the cache, else fetches and caches it.
func (l *Loader) load(ctx context.Context, rawURL string) (Image, error) {
	path := l.path(rawURL)
	if data, err := os.ReadFile(path); err == nil {
		if img, err := decode(rawURL, data); err == nil {
			now := time.Now() // wall clock: the cache's last use, for trimming
			_ = os.Chtimes(path, now, now)
			return img, nil
		}
		_ = os.Remove(path) // damaged: fetch again
	}
	resp, err := l.f.Fetch(ctx, fetch.Request{URL: rawURL, Accept: accept})
	if err != nil {
		if errors.Is(err, fetch.ErrTooLarge) {
			return Image{}, fmt.Errorf("images: %s: %w", rawURL, ErrTooLarge)
		}
		return Image{}, fmt.Errorf("images: %w", err)
	}
	img, err := decode(rawURL, resp.Body)
	if err != nil {
		return Image{}, err
	}
	_ = l.store(path, resp.Body) // when it cannot be kept, it is shown all the same
	return img, nil
}

// decode checks that data is an image Knowflow shows and reads its size.
func decode(rawURL string, data []byte) (Image, error) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return Image{}, fmt.Errorf("images: %s: %w", rawURL, ErrNotImage)
	}
	switch {
	case cfg.Width <= 1 && cfg.Height <= 1:
		return Image{}, fmt.Errorf("images: %s: %w", rawURL, ErrTracker)
	case cfg.Width <= 0 || cfg.Height <= 0:
		return Image{}, fmt.Errorf("images: %s: %w", rawURL, ErrNotImage)
	case int64(cfg.Width)*int64(cfg.Height) > MaxPixels:
		return Image{}, fmt.Errorf("images: %s: %w (%d×%d pixels)", rawURL, ErrTooLarge, cfg.Width, cfg.Height)
	}
	return Image{URL: rawURL, Data: data, Format: format, Width: cfg.Width, Height: cfg.Height}, nil
}

// path is where rawURL's image is cached.
func (l *Loader) path(rawURL string) string {
	sum := sha256.Sum256([]byte(rawURL))
	key := hex.EncodeToString(sum[:])
	return filepath.Join(l.dir, key[:2], key)
}

// store writes data to path through a temporary file and a rename, so a
// reader never sees half an image, then trims the cache once a tenth of
// its limit was written since the last trim.
func (l *Loader) store(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".part-*")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
		return err
	}
	l.mu.Lock()
	l.written += int64(len(data))
	trim := l.written >= l.limit/10
	if trim {
		l.written = 0
	}
	l.mu.Unlock()
	if trim {
		return l.Trim()
	}
	return nil
}

// Trim removes the least recently used images until the cache holds at
// most nine tenths of its limit, if it holds more than the limit.
func (l *Loader) Trim() error {
	type file struct {
		path string
		size int64
		used time.Time
	}
	var files []file
	var total int64
	err := filepath.WalkDir(l.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if d.IsDir() {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return nil // removed meanwhile
		}
		files = append(files, file{p, info.Size(), info.ModTime()})
		total += info.Size()
		return nil
	})
	if err != nil {
		return fmt.Errorf("images: trimming the cache: %w", err)
	}
	if total <= l.limit {
		return nil
	}
	sort.Slice(files, func(i, j int) bool { return files[i].used.Before(files[j].used) })
	for _, f := range files {
		if total <= l.limit*9/10 {
			break
		}
		if err := os.Remove(f.path); err == nil || errors.Is(err, fs.ErrNotExist) {
			total -= f.size
		}
	}
	return nil
}

// trackerHosts serve only tracking pixels and counters; an image from one
// of them (or a subdomain) is never fetched.
var trackerHosts = []string{
	"pixel.wp.com", "stats.wordpress.com", "google-analytics.com",
	"doubleclick.net", "scorecardresearch.com", "quantserve.com",
	"pixel.quantserve.com", "mathtag.com", "analytics.twitter.com",
	"pixel.facebook.com", "bat.bing.com", "ct.pinterest.com",
	"feeds.feedblitz.com", "pixel.tapad.com", "sb.scorecardresearch.com",
}

// trackerPaths are path prefixes of counters on hosts that also serve
// real content: FeedBurner's and FeedProxy's per-item pixels.
var trackerPaths = []string{"/~r/", "/~ff/", "/~a/"}

// IsTrackerURL reports whether rawURL is a known tracker's, or not an
// http or https URL at all.
func IsTrackerURL(rawURL string) bool {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return true
	}
	host := strings.ToLower(u.Hostname())
	for _, h := range trackerHosts {
		if host == h || strings.HasSuffix(host, "."+h) {
			return true
		}
	}
	if host == "feeds.feedburner.com" || host == "feedproxy.google.com" {
		for _, p := range trackerPaths {
			if strings.HasPrefix(u.Path, p) {
				return true
			}
		}
	}
	return false
}

// IsTracker reports whether an <img> with src and the width and height
// attributes given ("" when absent) is a tracking pixel: declared at most
// 1×1 (either side 0 or 1), or IsTrackerURL.
func IsTracker(src, width, height string) bool {
	return tiny(width) || tiny(height) || IsTrackerURL(src)
}

// tiny reports whether a width or height attribute says 0 or 1 pixel.
func tiny(v string) bool {
	v = strings.TrimSuffix(strings.TrimSpace(strings.ToLower(v)), "px")
	n, err := strconv.ParseFloat(v, 64)
	return err == nil && n <= 1
}
