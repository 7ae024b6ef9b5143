package core

// The ready queue and a sorted burst of timers say which handles come next,
// in an order unrelated to where they are in memory: with thousands of them
// each first touch is a cache miss, and a task's resume touches several
// (its task, its goroutine descriptor, the stack frames it returns
// through). Prefetching them this many places ahead lets the processor
// fetch them while earlier ones run. What it gains, against a build with
// -tags loopscope_noprefetch, `make bench` measures in every run ("tricks");
// on 2026-12-02, in alternate runs on a busy machine (load 27, 8 rounds,
// medians): lock +57%, task_switch +39%, timers +17%, gather within noise;
// that evening, quiet (load 1-2, best of 3): timers +84%, task_switch +72%,
// lock +9%, gather +9%; that night, each workload run for 1 s per process
// (best of 3 processes): timers +32%, task_switch +12%, gather +11%, lock 0;
// on 2026-12-03, the same way: task_switch +32%, timers +17%, lock +11%,
// gather +4% (its first steps now run without the ready queue's prefetch,
// firststeps.go).
// What breaks it: see prefetch_amd64.go; it never breaks correctness.
const prefetchDistance = 8

// runOnce (and runInternal) prefetch for the handles ahead of batch[i]:
// the handle (for a task step, the task's hot lines) two distances ahead,
// then, once those are in, the suspended coroutine's goroutine and stack
// one distance ahead. They do so in their own loops rather than through a
// function (too big for the compiler to inline), whose call per handle cost
// 2% of the instructions of 10k tasks switching.
