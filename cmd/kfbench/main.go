// Command kfbench measures `knowflow refresh` end to end, as a user runs it:
// it serves 1,000 feeds x 20 items (about 55 KB each, with ETags) from
// loopback servers on 127.0.0.1-127.0.0.20, imports them into a fresh
// database with the real binary, then times a first refresh (everything
// new) and a second one (everything answers 304 Not Modified), and reports
// the wall time, CPU time and peak RSS of each run. It does this -runs
// times, each on a fresh database, and sums up with the best and the median
// run: on a shared machine one run says little. `make bench` runs it.
//
// With -serve DIR it only serves the files of DIR on a loopback port, prints
// the base URL on its first line and runs until killed or until -for has
// passed; the smoke test uses it to give the window real feeds to show
// (and, with -hang, feeds that never answer, to quit mid refresh).
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"syscall"
	"time"
)

func main() {
	bin := flag.String("knowflow", "build/knowflow", "the knowflow binary to measure")
	feeds := flag.Int("feeds", 1000, "number of feeds")
	items := flag.Int("items", 20, "items per feed")
	hosts := flag.Int("hosts", 20, "loopback hosts the feeds are spread over (127.0.0.1..N)")
	flag.BoolVar(&keep, "keep", false, "keep the database and print where it is")
	serve := flag.String("serve", "", "only serve the files of this directory on 127.0.0.1")
	serveFor := flag.Duration("for", 10*time.Minute, "with -serve: stop after this long")
	hang := flag.String("hang", "", "with -serve: hold each request under /`DIR`/ open until its client goes (feeds that never answer)")
	flag.IntVar(&runs, "runs", 3, "times to measure, each on a fresh database")
	stall := flag.Bool("stall", false, "measure the window's stalls instead (needs DISPLAY and xdotool): see stall.go")
	stallMax := flag.Duration("stall-max", 0, "with -stall: fail when a wait exceeds this (0: only report)")
	flag.Parse()
	if *stall {
		if err := runStall(*bin, *feeds, *items, *stallMax); err != nil {
			fmt.Fprintln(os.Stderr, "kfbench:", err)
			os.Exit(1)
		}
		return
	}
	if *serve != "" {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			fmt.Fprintln(os.Stderr, "kfbench:", err)
			os.Exit(1)
		}
		fmt.Printf("http://%s/\n", ln.Addr())
		h := http.FileServer(http.Dir(*serve))
		if *hang != "" {
			files := h
			h = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if !strings.HasPrefix(r.URL.Path, "/"+*hang+"/") {
					files.ServeHTTP(w, r)
					return
				}
				fmt.Fprintf(os.Stderr, "kfbench: holding %s\n", r.URL.Path)
				<-r.Context().Done()
			})
		}
		srv := &http.Server{Handler: h}
		time.AfterFunc(*serveFor, func() { srv.Close() })
		srv.Serve(ln)
		return
	}
	if err := run(*bin, *feeds, *items, *hosts); err != nil {
		fmt.Fprintln(os.Stderr, "kfbench:", err)
		os.Exit(1)
	}
}

var (
	keep bool
	runs int
)

// figure is one measured refresh.
type figure struct {
	wall, cpu time.Duration
	rss       int64 // KiB
}

func run(bin string, nFeeds, nItems, nHosts int) error {
	bodies := make([][]byte, nFeeds)
	var total int
	for i := range bodies {
		bodies[i] = feed(i, nItems)
		total += len(bodies[i])
	}
	var requests, notModified atomic.Int64
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		var i int
		if _, err := fmt.Sscanf(r.URL.Path, "/feed/%d.xml", &i); err != nil || i < 0 || i >= nFeeds {
			http.NotFound(w, r)
			return
		}
		etag := fmt.Sprintf(`"f%d-v1"`, i)
		if r.Header.Get("If-None-Match") == etag {
			notModified.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		w.Write(bodies[i])
	})
	var addrs []string
	for h := 1; h <= nHosts; h++ {
		ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.%d:0", h))
		if err != nil {
			return err
		}
		srv := &http.Server{Handler: handler}
		go srv.Serve(ln)
		defer srv.Close()
		addrs = append(addrs, ln.Addr().String())
	}

	dir, err := os.MkdirTemp("", "kfbench-")
	if err != nil {
		return err
	}
	if keep {
		defer fmt.Println("kfbench: kept", dir)
	} else {
		defer os.RemoveAll(dir)
	}
	var opml bytes.Buffer
	opml.WriteString(`<?xml version="1.0" encoding="UTF-8"?><opml version="2.0"><head><title>bench</title></head><body><outline text="Bench">` + "\n")
	for i := 0; i < nFeeds; i++ {
		fmt.Fprintf(&opml, `<outline type="rss" text="Feed %d" xmlUrl="http://%s/feed/%d.xml"/>`+"\n", i, addrs[i%len(addrs)], i)
	}
	opml.WriteString("</outline></body></opml>\n")
	opmlPath := filepath.Join(dir, "bench.opml")
	if err := os.WriteFile(opmlPath, opml.Bytes(), 0o600); err != nil {
		return err
	}
	fmt.Printf("kfbench: %d feeds x %d items, %.1f KB per feed on average (%.1f MB), %d loopback hosts, %d runs\n",
		nFeeds, nItems, float64(total)/float64(nFeeds)/1024, float64(total)/1e6, nHosts, max(runs, 1))
	names := []string{"first refresh (all new)", "second refresh (all 304)"}
	figures := make([][]figure, len(names))
	for r := 0; r < max(runs, 1); r++ {
		db := filepath.Join(dir, fmt.Sprintf("knowflow-%d.db", r))
		if _, _, _, err := knowflow(bin, "--db", db, "import", opmlPath); err != nil {
			return err
		}
		for i, name := range names {
			requests.Store(0)
			notModified.Store(0)
			start, serverStart := time.Now(), selfCPU()
			out, rss, cpu, err := knowflow(bin, "--db", db, "refresh")
			wall, server := time.Since(start), selfCPU()-serverStart
			if err != nil {
				return err
			}
			fmt.Printf("kfbench: %-26s wall %6.2f s  cpu %5.2f s (server %4.2f s)  peak RSS %5.1f MB  requests %d (304: %d)\n    %s",
				name, wall.Seconds(), cpu.Seconds(), server.Seconds(), float64(rss)/1024, requests.Load(), notModified.Load(), out)
			if !strings.Contains(out, "0 failed") {
				return fmt.Errorf("%s: sources failed: %s", name, out)
			}
			figures[i] = append(figures[i], figure{wall, cpu, rss})
		}
		if !keep {
			for _, suffix := range []string{"", "-wal", "-shm"} {
				os.Remove(db + suffix)
			}
		}
	}
	for i, name := range names {
		fs := figures[i]
		best, median := summary(fs)
		var peak int64
		for _, f := range fs {
			peak = max(peak, f.rss)
		}
		fmt.Printf("kfbench: %-26s best %5.2f s (cpu %4.2f s), median %5.2f s (cpu %4.2f s), highest peak RSS %5.1f MB over %d runs\n",
			name, best.wall.Seconds(), best.cpu.Seconds(), median.wall.Seconds(), median.cpu.Seconds(), float64(peak)/1024, len(fs))
	}
	return nil
}

// summary returns the fastest run and the median one (by wall time).
func summary(fs []figure) (best, median figure) {
	s := append([]figure(nil), fs...)
	sort.Slice(s, func(i, j int) bool { return s[i].wall < s[j].wall })
	return s[0], s[len(s)/2]
}

// selfCPU is the CPU time this process (the loopback server) has used.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// knowflow runs the binary and returns its stdout, peak RSS in KiB and the
// CPU time (user and system) it used.
func knowflow(bin string, args ...string) (string, int64, time.Duration, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Start(); err != nil {
		return "", 0, 0, err
	}
	// Peak RSS from the child's own VmHWM. The rusage of wait4 is no good
	// here: the child is forked from this process, which holds every feed
	// body, and ru_maxrss counts the moments before exec too.
	done, finished := make(chan struct{}), make(chan struct{})
	var rss int64
	go func() {
		defer close(finished)
		path := fmt.Sprintf("/proc/%d/status", cmd.Process.Pid)
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			if b, err := os.ReadFile(path); err == nil {
				for _, line := range strings.Split(string(b), "\n") {
					var kb int64
					if _, err := fmt.Sscanf(line, "VmHWM: %d kB", &kb); err == nil && kb > rss {
						rss = kb
					}
				}
			}
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	err := cmd.Wait()
	close(done)
	<-finished
	if err != nil {
		return out.String(), rss, 0, fmt.Errorf("%s %s: %v: %s", bin, strings.Join(args, " "), err, errb.String())
	}
	cpu := cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	if os.Getenv("KFBENCH_STDERR") != "" {
		os.Stderr.Write(errb.Bytes())
	}
	return out.String(), rss, cpu, nil
}

var words = strings.Fields(`knowledge learning network community practice team onboarding remote
engineering management sharing feedback mentoring documentation architecture testing release
design research writing reading curiosity serendipity cooperation collaboration trust practice
workflow platform database performance latency throughput golang sqlite desktop feeds reader`)

// feed makes an RSS document of n items, about 2.7 KB of content each.
func feed(i, n int) []byte { return feedFrom(i, 0, n) }

// feedFrom makes feed i's RSS document of n items numbered from first;
// item k is published k hours before 1 November 2026 (a negative first
// gives items newer than feed(i, n)'s).
func feedFrom(i, first, n int) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Bench feed %d</title><link>http://bench.example/%d/</link><description>Feed %d</description>
`, i, i, i)
	seed := uint32(i*7919 + 1 + first*31)
	next := func() int { seed = seed*1664525 + 1013904223; return int(seed >> 8) }
	for k := first; k < first+n; k++ {
		fmt.Fprintf(&b, "<item><title>Post %d of feed %d: %s and %s</title><link>http://bench.example/%d/post/%d</link>\n",
			k, i, words[next()%len(words)], words[next()%len(words)], i, k)
		fmt.Fprintf(&b, "<guid isPermaLink=\"false\">bench-%d-%d</guid><pubDate>%s</pubDate><category>%s</category>\n",
			i, k, time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC).Add(-time.Duration(k)*time.Hour).Format(time.RFC1123Z), words[next()%len(words)])
		b.WriteString("<content:encoded><![CDATA[")
		for p := 0; p < 5; p++ {
			b.WriteString("<p>")
			for w := 0; w < 48; w++ {
				b.WriteString(words[next()%len(words)])
				b.WriteByte(' ')
			}
			fmt.Fprintf(&b, `<a href="http://bench.example/%d/ref/%d">reference</a></p>`, i, p)
		}
		b.WriteString("]]></content:encoded></item>\n")
	}
	b.WriteString("</channel></rss>\n")
	return b.Bytes()
}
