//go:build linux

package priority

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// The main goroutine keeps the main thread, as Fyne's loop does in the
// window, so that no test goroutine runs there.
func init() { runtime.LockOSThread() }

// onThread runs a goroutine on a thread of its own until the returned
// stop is called; name, when set, renames the thread as native libraries
// do. The thread ends with the goroutine (it stays locked), so a lowered
// priority never passes on to other tests.
func onThread(t *testing.T, name string) (tid int, stop func()) {
	t.Helper()
	ids := make(chan int)
	done := make(chan struct{})
	go func() {
		runtime.LockOSThread() // never unlocked: the thread exits with us
		id := syscall.Gettid()
		if id == os.Getpid() {
			t.Errorf("the goroutine runs on the main thread")
		}
		if name != "" {
			if err := os.WriteFile(filepath.Join("/proc/self/task", strconv.Itoa(id), "comm"), []byte(name), 0); err != nil {
				t.Errorf("naming the thread: %v", err)
			}
		}
		ids <- id
		<-done
	}()
	return <-ids, func() { close(done) }
}

func TestSweepLowersGoThreadsButNotTheMainOneNorNamedOnes(t *testing.T) {
	if !inOwnProcess(t) {
		return
	}
	mainBefore, err := niceOf(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	worker, stopWorker := onThread(t, "")
	defer stopWorker()
	native, stopNative := onThread(t, "llvmpipe-0")
	defer stopNative()
	nativeBefore, _ := niceOf(native)

	l := lowerer{done: map[int]bool{}}
	if err := l.sweep(); err != nil {
		t.Fatal(err)
	}
	if n, err := niceOf(worker); err != nil || n != Nice {
		t.Errorf("a Go thread's nice = %d (%v), want %d", n, err, Nice)
	}
	if n, _ := niceOf(os.Getpid()); n != mainBefore {
		t.Errorf("the main thread's nice went %d → %d: it is the UI thread", mainBefore, n)
	}
	if n, _ := niceOf(native); n != nativeBefore {
		t.Errorf("llvmpipe-0's nice went %d → %d: it draws the UI thread's frames", nativeBefore, n)
	}
}

// inOwnProcess runs the test t again in a process of its own, as a
// lowered priority cannot be raised again (and passes on to the
// processes a lowered thread starts), and reports whether this is
// that process (where the test does its work); in the first process it
// waits for the second and fails with its output.
func inOwnProcess(t *testing.T) bool {
	t.Helper()
	const child = "PRIORITY_TEST_CHILD"
	if os.Getenv(child) == t.Name() {
		if n, _ := niceOf(os.Getpid()); n >= Nice {
			t.Fatalf("the test's process started at nice %d: it would prove nothing", n)
		}
		return true
	}
	if before, _ := niceOf(os.Getpid()); before >= Nice {
		t.Skipf("the tests run at nice %d already", before)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^"+t.Name()+"$", "-test.v")
	cmd.Env = append(os.Environ(), child+"="+t.Name())
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	return false
}

// Batch lowers the main thread too.
func TestBatchLowersTheMainThreadToo(t *testing.T) {
	if !inOwnProcess(t) {
		return
	}
	done := make(chan struct{})
	var n int
	var err error
	go func() {
		defer close(done)
		l := lowerer{all: true, done: map[int]bool{}}
		if err = l.sweep(); err == nil {
			n, err = niceOf(os.Getpid())
		}
	}()
	<-done
	if err != nil || n != Nice {
		t.Fatalf("the main thread's nice = %d (%v), want %d", n, err, Nice)
	}
}

// The programs the window starts for the user (xdg-open, the browser)
// keep the user's priority: Start runs them from the launcher thread.
// Without it they would take the workers' nice 10.
func TestStartKeepsTheUsersPriority(t *testing.T) {
	if !inOwnProcess(t) {
		return
	}
	base, _ := niceOf(os.Getpid())
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	Background(ctx)
	childNice := func(start func(*exec.Cmd) error) int {
		t.Helper()
		cmd := exec.Command("cat", "/proc/self/stat")
		var out strings.Builder
		cmd.Stdout = &out
		if err := start(cmd); err != nil {
			t.Fatal(err)
		}
		if err := cmd.Wait(); err != nil {
			t.Fatal(err)
		}
		f := strings.Fields(out.String())
		n, err := strconv.Atoi(f[18])
		if err != nil {
			t.Fatalf("stat %q: %v", out.String(), err)
		}
		return n
	}
	if n := childNice((*exec.Cmd).Start); n != Nice {
		t.Fatalf("a program started from a worker has nice %d, want %d: the test proves nothing", n, Nice)
	}
	if n := childNice(Start); n != base {
		t.Errorf("a program started with Start has nice %d, want the user's %d", n, base)
	}
}
