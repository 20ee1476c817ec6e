package fetch

import (
	"bufio"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// maxEncodings bounds stacked Content-Encodings ("gzip, gzip, ...").
const maxEncodings = 2

// readBody reads hr's body, decompressing gzip or deflate, and fails with
// ErrTooLarge as soon as the body as received or decompressed passes
// limit. It never holds a buffer larger than limit+1 bytes.
func readBody(hr *http.Response, limit int64) ([]byte, error) {
	if hr.ContentLength > limit {
		return nil, tooLarge(limit)
	}
	raw := &capReader{r: hr.Body, left: limit}
	br := bufio.NewReader(raw)
	var r io.Reader = br
	codings := contentEncodings(hr.Header)
	if len(codings) > maxEncodings {
		return nil, fmt.Errorf("unsupported Content-Encoding %q", hr.Header.Get("Content-Encoding"))
	}
	sizeHint := int64(-1)
	if len(codings) == 0 {
		sizeHint = hr.ContentLength
		// Some servers send a gzip file (feed.xml.gz, or a misconfigured
		// cache) without saying so; its magic number is unambiguous, and a
		// feed never starts with it.
		if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
			codings = []string{"gzip"}
			sizeHint = -1
		}
	}
	// Codings are listed in the order applied; undo them in reverse.
	for i := len(codings) - 1; i >= 0; i-- {
		var err error
		r, err = decoder(codings[i], r)
		if err != nil {
			if raw.exceeded {
				return nil, tooLarge(limit)
			}
			return nil, err
		}
	}
	body, err := readAll(r, limit, sizeHint)
	if raw.exceeded || errors.Is(err, errOverLimit) {
		return nil, tooLarge(limit)
	}
	if err != nil {
		if len(codings) > 0 {
			return nil, fmt.Errorf("reading %s body: %w", strings.Join(codings, "+"), err)
		}
		return nil, fmt.Errorf("reading body: %w", err)
	}
	return body, nil
}

// contentEncodings lists the codings applied, identity left out.
func contentEncodings(h http.Header) []string {
	var out []string
	for _, v := range h.Values("Content-Encoding") {
		for _, c := range strings.Split(v, ",") {
			c = strings.ToLower(strings.TrimSpace(c))
			if c != "" && c != "identity" {
				out = append(out, c)
			}
		}
	}
	return out
}

// decoder wraps r to undo one content coding. r must be a *bufio.Reader
// or a decompressor over one.
func decoder(coding string, r io.Reader) (io.Reader, error) {
	switch coding {
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(r)
		if err != nil {
			return nil, fmt.Errorf("reading gzip body: %w", err)
		}
		return zr, nil
	case "deflate":
		// "deflate" means zlib-wrapped, but many servers send raw deflate.
		br, ok := r.(*bufio.Reader)
		if !ok {
			br = bufio.NewReader(r)
		}
		if h, _ := br.Peek(2); len(h) == 2 && h[0]&0x0f == 8 && (uint16(h[0])<<8|uint16(h[1]))%31 == 0 {
			zr, err := zlib.NewReader(br)
			if err != nil {
				return nil, fmt.Errorf("reading deflate body: %w", err)
			}
			return zr, nil
		}
		return flate.NewReader(br), nil
	}
	return nil, fmt.Errorf("unsupported Content-Encoding %q", coding)
}

// errOverLimit is readAll's and capReader's signal; callers turn it into
// tooLarge with the limit in words.
var errOverLimit = errors.New("over limit")

func tooLarge(limit int64) error {
	return fmt.Errorf("%w (limit %s)", ErrTooLarge, formatBytes(limit))
}

// capReader passes through at most left bytes and fails after that.
type capReader struct {
	r        io.Reader
	left     int64
	exceeded bool
}

func (c *capReader) Read(p []byte) (int, error) {
	if c.exceeded {
		return 0, errOverLimit
	}
	if int64(len(p)) > c.left+1 {
		p = p[:c.left+1]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	if c.left < 0 {
		c.exceeded = true
		return 0, errOverLimit
	}
	return n, err
}

// readAll reads r to EOF into one buffer that never grows past limit+1
// bytes: reading byte limit+1 fails with errOverLimit. sizeHint, when
// known, sizes the buffer up front.
func readAll(r io.Reader, limit, sizeHint int64) ([]byte, error) {
	size := int64(32 << 10)
	if sizeHint >= 0 {
		size = sizeHint + 1 // +1 to see EOF without growing
	}
	size = min(size, limit+1)
	buf := make([]byte, 0, size)
	for {
		if len(buf) == cap(buf) {
			grown := make([]byte, len(buf), min(2*int64(cap(buf))+512, limit+1))
			copy(grown, buf)
			buf = grown
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if int64(len(buf)) > limit {
			return nil, errOverLimit
		}
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// formatBytes writes n as "10 MiB", "512 KiB" or "300 bytes".
func formatBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
