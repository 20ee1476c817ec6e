package ui

import (
	"context"
	"fmt"
	"io"
	"reflect"
	"runtime"
	"sync"
	"time"

	"fyne.io/fyne/v2"
)

// runner is where Seek's work runs. Store calls go to work, off the UI
// goroutine; what they found comes back through ui, on the UI goroutine,
// where it is applied only if nothing newer was asked for since (each
// caller keeps a generation); after waits on a timer, then runs on the UI
// goroutine. The window's runner is serviceRunner; tests pass one that lets
// them say when each of these happens (Options.run), so that no test
// depends on how long anything takes.
type runner interface {
	work(f func())
	ui(f func())
	after(d time.Duration, f func())
}

// serviceRunner runs work on goroutines the service tracks (Store.Go:
// quitting waits for them; work asked for while quitting is dropped) and
// hands results to the UI goroutine with fyne.Do (which queues, even when
// called from it).
type serviceRunner struct{ st lifetime }

func (r serviceRunner) work(f func()) {
	if !r.st.Go(func(context.Context) { f() }) {
		go f() // quitting: it meets a closed store and says so, rather than never ending
	}
}
func (r serviceRunner) ui(f func()) { fyne.Do(whileAlive(r.st, traced(f))) }
func (r serviceRunner) after(d time.Duration, f func()) {
	f = whileAlive(r.st, traced(f))
	time.AfterFunc(d, func() { fyne.Do(f) })
}

// whileAlive is f, run only while the app's lifetime lasts. Once the
// window's loop has ended (quitting), fyne.Do runs what it is given at
// once on the calling goroutine, and two workers ending then (their
// reads cancelled, each showing its error) would touch widgets side by
// side: the race detector caught one in the smoke run's tray Quit.
// There is no window left to show anything in.
func whileAlive(st lifetime, f func()) func() {
	return func() {
		if st.Context().Err() != nil {
			return
		}
		f()
	}
}

// do hands f to the UI goroutine (fyne.Do) while the app lives
// (whileAlive).
func (u *App) do(f func()) { fyne.Do(whileAlive(u.store, f)) }

// writeTimeout bounds one queued write: SQLite's busy timeout (10 s)
// applies to each statement, and a refresh may hold the writer for a few
// transactions in a row.
const writeTimeout = time.Minute

// writeQueue runs the reader's writes (read and starred flags, notes,
// marking all read) one at a time, in the order they were asked for, on a
// worker: a write waits there while a refresh holds the database's one
// writer, never on the UI goroutine. Each write's done runs on the UI
// goroutine with its error.
type writeQueue struct {
	run runner

	mu      sync.Mutex
	jobs    []func()
	running bool
	wg      sync.WaitGroup // the worker draining jobs
}

// push queues write; done(err) runs on the UI goroutine once it has run.
func (q *writeQueue) push(write func(context.Context) error, done func(error)) {
	q.mu.Lock()
	q.jobs = append(q.jobs, func() {
		ctx, cancel := context.WithTimeout(context.Background(), writeTimeout)
		err := write(ctx)
		cancel()
		q.run.ui(func() { done(err) })
	})
	start := !q.running
	if start {
		q.running = true
		q.wg.Add(1)
	}
	q.mu.Unlock()
	if start {
		q.run.work(q.drain)
	}
}

// drain runs the queued writes until none is left.
func (q *writeQueue) drain() {
	defer q.wg.Done()
	for {
		q.mu.Lock()
		if len(q.jobs) == 0 {
			q.running = false
			q.mu.Unlock()
			return
		}
		job := q.jobs[0]
		q.jobs[0] = nil
		q.jobs = q.jobs[1:]
		q.mu.Unlock()
		job()
	}
}

// wait returns once every write queued so far has run (the app's end:
// the store closes after it). Nothing may be pushed meanwhile.
func (q *writeQueue) wait() { q.wg.Wait() }

// async runs call on a worker with st, the caller's own store, and a
// context that ends after d or when the app quits, then apply on the UI
// goroutine with what it returned.
// With a generation token gen, each call moves *gen on, and apply runs
// only while *gen is still its own: of several calls with one token only
// the last one asked is applied (a caller may also move *gen on itself to
// drop what is under way). Without one (nil: a write) apply always runs.
// The UI goroutine never waits for call.
func async[S, T any](u *App, st S, gen *int, d time.Duration, call func(ctx context.Context, st S) (T, error), apply func(T, error)) {
	g := 0
	if gen != nil {
		*gen++
		g = *gen
	}
	life, run := u.store.Context(), u.run
	run.work(func() {
		ctx, cancel := context.WithTimeout(life, d)
		v, err := call(ctx, st)
		cancel()
		run.ui(func() {
			if gen != nil && *gen != g {
				return // overtaken
			}
			apply(v, err)
		})
	})
}

// slowTasks, when set (the stall meter's log, --stall-log), gets a line
// for each task the window's runner hands to the UI goroutine that runs
// longer than slowTask, with the function's name: which of our own
// callbacks cost the frames the stall meter saw go by.
var (
	slowTasksMu sync.Mutex
	slowTasks   io.Writer
)

const slowTask = 20 * time.Millisecond

// TraceSlowTasks writes each slow UI-goroutine task of the window's
// runner to w (nil: none).
func TraceSlowTasks(w io.Writer) {
	slowTasksMu.Lock()
	slowTasks = w
	slowTasksMu.Unlock()
}

// traced is f, timed when slow tasks are traced.
func traced(f func()) func() {
	slowTasksMu.Lock()
	w := slowTasks
	slowTasksMu.Unlock()
	if w == nil {
		return f
	}
	return func() {
		start := time.Now()
		f()
		if d := time.Since(start); d > slowTask {
			name := runtime.FuncForPC(reflect.ValueOf(f).Pointer()).Name()
			slowTasksMu.Lock()
			fmt.Fprintf(w, "slow task %d ms at %s: %s\n", d.Milliseconds(), time.Now().UTC().Format("15:04:05.000"), name)
			slowTasksMu.Unlock()
		}
	}
}
