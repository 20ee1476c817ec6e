//go:build linux

package priority

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Background lowers the priority of the process's threads but the main
// one now, and again every Every until ctx ends. It returns at once.
func Background(ctx context.Context) { lower(ctx, false) }

// Batch lowers the priority of the whole process (its main thread too)
// now, and of its new threads every Every until ctx ends.
func Batch(ctx context.Context) { lower(ctx, true) }

func lower(ctx context.Context, all bool) {
	l := lowerer{all: all, done: map[int]bool{}}
	if !all {
		l.done[startLauncher()] = true // left alone: see Start
	}
	if err := l.sweep(); err != nil {
		fmt.Fprintf(os.Stderr, "knowflow: background priority: %v\n", err)
		return
	}
	go func() {
		t := time.NewTicker(Every)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				l.sweep()
			}
		}
	}()
}

// launcher is a thread that keeps the priority the process started
// with, for Start. Once made, it serves until the process ends.
var launcher struct {
	sync.Mutex
	reqs chan func()
	tid  int
}

// startLauncher makes the launcher thread, once, and returns its id. It
// must run before the first sweep: a new thread takes the priority of
// the one that made it.
func startLauncher() int {
	launcher.Lock()
	defer launcher.Unlock()
	if launcher.reqs == nil {
		reqs, tid := make(chan func()), make(chan int)
		go func() {
			runtime.LockOSThread() // never unlocked: the thread is the launcher's
			tid <- syscall.Gettid()
			for f := range reqs {
				f()
			}
		}()
		launcher.reqs, launcher.tid = reqs, <-tid
	}
	return launcher.tid
}

// Start starts cmd at the priority the process had before Background,
// from the launcher thread: the programs Knowflow starts for the user
// (the browser, through xdg-open) would otherwise inherit its workers'
// nice. Without Background it is cmd.Start.
func Start(cmd *exec.Cmd) error {
	launcher.Lock()
	reqs := launcher.reqs
	launcher.Unlock()
	if reqs == nil {
		return cmd.Start()
	}
	done := make(chan error, 1)
	reqs <- func() { done <- cmd.Start() }
	return <-done
}

type lowerer struct {
	all  bool         // the main thread too
	done map[int]bool // threads lowered, or left alone, already
}

// sweep lowers each thread not seen before whose name is the process's
// own (a Go thread) and that is not the main thread, unless all.
func (l *lowerer) sweep() error {
	pid := os.Getpid()
	name, err := threadName(pid)
	if err != nil {
		return err
	}
	tasks, err := os.ReadDir("/proc/self/task")
	if err != nil {
		return err
	}
	alive := make(map[int]bool, len(tasks))
	for _, t := range tasks {
		tid, err := strconv.Atoi(t.Name())
		if err != nil {
			continue
		}
		alive[tid] = true
		if (tid == pid && !l.all) || l.done[tid] {
			continue
		}
		l.done[tid] = true
		if n, err := threadName(tid); err != nil || n != name {
			continue // gone, or a native library's own thread
		}
		if cur, err := niceOf(tid); err == nil && cur < Nice {
			syscall.Setpriority(syscall.PRIO_PROCESS, tid, Nice)
		}
	}
	// Forget threads that ended: their ids may be used again.
	for tid := range l.done {
		if !alive[tid] {
			delete(l.done, tid)
		}
	}
	return nil
}

func threadName(tid int) (string, error) {
	b, err := os.ReadFile(filepath.Join("/proc/self/task", strconv.Itoa(tid), "comm"))
	return strings.TrimSpace(string(b)), err
}

// niceOf is the thread's niceness. The raw getpriority system call
// returns 20 - nice, to keep its results positive.
func niceOf(tid int) (int, error) {
	p, err := syscall.Getpriority(syscall.PRIO_PROCESS, tid)
	if err != nil {
		return 0, err
	}
	return 20 - p, nil
}
