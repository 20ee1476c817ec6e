package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/knowflow/knowflow/cmd/internal/priority"
)

// runStall measures how long the window's UI goroutine is kept from
// drawing while a user works and a refresh runs beside it: it builds a
// database of nFeeds x nItems loopback items (and a few people), opens
// the real window on it (on $DISPLAY) with --stall-log, starts `knowflow
// refresh` in another process (every feed has new items by then), and
// drives the window with xdotool: select a source, j/k through 50 items,
// type a search, open Share, People and Flow. It prints the stall
// meter's worst wait and 99th percentile, and fails when the worst is
// over max (when max > 0).
func runStall(bin string, nFeeds, nItems int, max time.Duration) error {
	if os.Getenv("DISPLAY") == "" {
		return fmt.Errorf("-stall needs a display (run it under xvfb-run)")
	}
	if _, err := exec.LookPath("xdotool"); err != nil {
		return fmt.Errorf("-stall needs xdotool: %w", err)
	}
	var version atomic.Int32 // 0: the first items; 1: ten newer ones per feed
	bodies := [2][][]byte{make([][]byte, nFeeds), make([][]byte, nFeeds)}
	for i := 0; i < nFeeds; i++ {
		bodies[0][i] = feedFrom(i, 0, nItems)
		bodies[1][i] = feedFrom(i, -10, nItems+10)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var i int
		if _, err := fmt.Sscanf(r.URL.Path, "/feed/%d.xml", &i); err != nil || i < 0 || i >= nFeeds {
			http.NotFound(w, r)
			return
		}
		v := version.Load()
		etag := fmt.Sprintf(`"f%d-v%d"`, i, v)
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		w.Write(bodies[v][i])
	})}
	go srv.Serve(ln)
	defer srv.Close()

	dir, err := os.MkdirTemp("", "kfbench-stall-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	var opml bytes.Buffer
	opml.WriteString(`<?xml version="1.0" encoding="UTF-8"?><opml version="2.0"><head><title>stall</title></head><body><outline text="Bench">` + "\n")
	for i := 0; i < nFeeds; i++ {
		fmt.Fprintf(&opml, `<outline type="rss" text="Feed %d" xmlUrl="http://%s/feed/%d.xml"/>`+"\n", i, ln.Addr(), i)
	}
	opml.WriteString("</outline></body></opml>\n")
	opmlPath, db := filepath.Join(dir, "stall.opml"), filepath.Join(dir, "knowflow.db")
	if err := os.WriteFile(opmlPath, opml.Bytes(), 0o600); err != nil {
		return err
	}
	start := time.Now()
	if _, _, _, err := knowflow(bin, "--db", db, "import", opmlPath); err != nil {
		return err
	}
	if _, _, _, err := knowflow(bin, "--db", db, "refresh"); err != nil {
		return err
	}
	for i, interests := range []string{"golang, latency", "documentation", "knowledge sharing, learning", "remote onboarding", "sqlite", "mentoring"} {
		for _, circle := range []string{"team", "network"} {
			if _, _, _, err := knowflow(bin, "--db", db, "contact", "add", fmt.Sprintf("Person %d %s", i, circle), "--circle", circle, "--interests", interests); err != nil {
				return err
			}
		}
	}
	fmt.Printf("kfbench: stall: %d feeds x %d items in %s (%.1f s to build)\n", nFeeds, nItems, db, time.Since(start).Seconds())

	// The window, with a home of its own so Fyne's preferences start clean.
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	logPath := filepath.Join(dir, "stall.log")
	win := exec.CommandContext(ctx, bin, "--db", db, "--stall-log", logPath, "--section", "seek", "--at", "2026-11-01T12:00:00Z")
	win.Env = append(os.Environ(), "HOME="+filepath.Join(dir, "home"), "XDG_CONFIG_HOME="+filepath.Join(dir, "home", ".config"))
	stderr, err := win.StderrPipe()
	if err != nil {
		return err
	}
	if err := win.Start(); err != nil {
		return err
	}
	defer win.Process.Kill()
	// The loopback server stands in for the feeds' own machines, whose CPU
	// is not the user's: from here on it (and the xdotool it runs) gives
	// way to the window and the refresh, started at nice 0 like a user's.
	// The refresh lowers itself, as every `knowflow refresh` does.
	priority.Batch(ctx)
	shown := make(chan struct{})
	go func() {
		sc := bufio.NewScanner(stderr)
		once := false
		for sc.Scan() {
			if !once && strings.Contains(sc.Text(), "knowflow: window shown") {
				once = true
				close(shown)
			}
		}
	}()
	select {
	case <-shown:
	case <-time.After(time.Minute):
		return fmt.Errorf("the window did not show within a minute")
	}
	time.Sleep(2 * time.Second) // the first suggestions and layout
	wid, err := exec.Command("xdotool", "search", "--sync", "--name", "^Knowflow$").Output()
	if err != nil {
		return fmt.Errorf("no Knowflow window: %w", err)
	}
	id := strings.Fields(string(wid))[0]

	// A refresh beside the window: every feed has ten new items now.
	version.Store(1)
	refresh := exec.Command(bin, "--db", db, "refresh")
	if err := refresh.Start(); err != nil {
		return err
	}
	x := func(args ...string) {
		if out, err := exec.Command("xdotool", args...).CombinedOutput(); err != nil {
			fmt.Fprintf(os.Stderr, "kfbench: xdotool %s: %v %s\n", strings.Join(args, " "), err, out)
		}
	}
	pause := func(d time.Duration) { time.Sleep(d) }
	// Each step's start, to read the stalls below against.
	step := func(what string) {
		fmt.Printf("kfbench: step %s at %s\n", what, time.Now().UTC().Format("15:04:05.000"))
	}
	x("windowfocus", "--sync", id)
	step("the Bench folder")
	// The tree's rows are 39 px apart from All items at y 131: All items,
	// Unread, Starred, then the Bench folder (Sources with problems, shown
	// only when a feed fails, would come before it; none fails yet). Until
	// this session this clicked y 205, Starred: the steps below ran on an
	// empty listing.
	x("mousemove", "--window", id, "190", "248", "click", "1") // the Bench folder
	pause(time.Second)
	step("the first item, then j/k")
	x("mousemove", "--window", id, "480", "110", "click", "1") // the first item
	pause(500 * time.Millisecond)
	for i := 0; i < 50; i++ {
		key := "j"
		if i%5 == 4 {
			key = "k"
		}
		x("key", "--window", id, key)
		pause(60 * time.Millisecond)
	}
	step("search")
	x("key", "--window", id, "ctrl+f")
	x("type", "--window", id, "--delay", "120", "documentation")
	pause(time.Second)
	x("key", "--window", id, "Escape")
	for _, tab := range []struct{ name, y string }{{"Share", "150"}, {"People", "230"}, {"Flow", "310"}, {"Seek", "70"}} {
		step(tab.name)
		x("mousemove", "--window", id, "30", tab.y, "click", "1")
		pause(2 * time.Second)
	}
	refreshErr := refresh.Wait()
	win.Process.Signal(syscall.SIGTERM)
	if err := win.Wait(); err != nil {
		return fmt.Errorf("the window: %w", err)
	}
	fmt.Printf("kfbench: stall: the window used %.1f s of CPU (user %.1f s, system %.1f s), the refresh beside it %.1f s\n",
		(win.ProcessState.UserTime() + win.ProcessState.SystemTime()).Seconds(),
		win.ProcessState.UserTime().Seconds(), win.ProcessState.SystemTime().Seconds(),
		(refresh.ProcessState.UserTime() + refresh.ProcessState.SystemTime()).Seconds())
	if refreshErr != nil {
		return fmt.Errorf("the refresh beside the window: %w", refreshErr)
	}
	log, err := os.ReadFile(logPath)
	if err != nil {
		return err
	}
	// The UI goroutine's stack (Fyne's is goroutine 1) in each dump the
	// meter wrote during a long wait: what kept it busy.
	for _, dump := range strings.Split(string(log), "stacks after a wait")[1:] {
		if i := strings.Index(dump, "goroutine 1 ["); i >= 0 {
			g := dump[i:]
			if j := strings.Index(g, "\n\n"); j >= 0 {
				g = g[:j]
			}
			fmt.Printf("kfbench: the UI goroutine during a long wait:\n%s\n", g)
		}
	}
	var n, worst, p99, startUp int
	for _, line := range strings.Split(string(log), "\n") {
		if strings.HasPrefix(line, "stall ") || strings.HasPrefix(line, "start-up stall ") || strings.HasPrefix(line, "slow task ") {
			fmt.Println("kfbench: " + line)
		}
		if _, err := fmt.Sscanf(line, "stalls: %d probes, worst %d ms, p99 %d ms", &n, &worst, &p99); err == nil {
			if _, s, ok := strings.Cut(line, "; start-up worst "); ok {
				fmt.Sscanf(s, "%d ms", &startUp)
			}
			break
		}
	}
	if n == 0 {
		return fmt.Errorf("no summary in the stall log:\n%s", log)
	}
	fmt.Printf("kfbench: stall: %d probes of the UI goroutine while working beside a refresh: worst wait %d ms, p99 %d ms\n", n, worst, p99)
	fmt.Printf("kfbench: stall: the window's first second on screen (its start-up, not counted above): worst wait %d ms\n", startUp)
	if max > 0 && time.Duration(worst)*time.Millisecond > max {
		return fmt.Errorf("the UI goroutine waited %d ms, over %v", worst, max)
	}
	return nil
}
