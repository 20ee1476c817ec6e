// Package priority keeps the window's UI thread ahead of its own
// background work. Under load the window's stalls came from the process
// itself: at start and after refreshes its workers (suggestion input,
// learning associations, the engine) kept both CPUs of a small machine
// busy, and the UI thread, which paints each frame, waited for a CPU
// behind them. An idle window switched sections without a wait over
// 50 ms; the same switches waited 100–220 ms while the workers ran.
//
// Background lowers the scheduling priority (nice) of every thread of
// the process but the main one, which Fyne's loop holds, and repeats it
// as the Go runtime starts new threads. Threads that native libraries
// name themselves (the GL driver's "llvmpipe-N" rasterisers, which draw
// the UI thread's frames) keep theirs. Lowering a priority needs no
// privilege; nothing here raises one. Programs a lowered thread starts
// would inherit its priority: Start starts the window's (xdg-open, and
// the browser it starts) from a thread kept at the user's. On systems
// other than Linux it does nothing.
//
// Batch lowers a whole process: the CLI's long jobs (refresh, sync,
// prune, compact), which timers start beside the user's desktop. They
// run as fast as before on an idle machine and give way to the window
// (and the user's other programs) when it wants the CPU.
//
// Measured with kfbench -stall (1,000 feeds refreshed beside the window
// on 100,000 items, two cores, Xvfb's software OpenGL): every wait
// outside a section switch at most 64 ms (was up to 180 ms).
package priority

import "time"

// Nice is the niceness given to background threads: they still get the
// whole CPU when nothing else wants it, but yield it to the UI thread
// (and to the user's other programs) at once. 19, not 10: perf of a
// section switch that waited 112 ms found the UI thread on a CPU only 60%
// of the time, beside six runnable nice-10 threads (the kernel weighs a
// nice-0 thread 1024 and a nice-10 one 110; a nice-19 one 15). Over about
// twenty stall runs each, waits over 100 ms went from 5 to 1.
const Nice = 19

// Every is how often Background looks for threads started since.
const Every = time.Second
