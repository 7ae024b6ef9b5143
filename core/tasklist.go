package core

import (
	"cmp"
	"slices"
)

// The loop's unfinished tasks are a slice, each task knowing its index:
// adding and removing are a few writes (a map cost a hash and a probe per
// task), and the index fits in padding a Task has anyway.

func (l *Loop) addTask(t *Task) {
	t.index = int32(len(l.tasks))
	l.tasks = append(doubled(l.tasks), t)
}

// removeTask moves the last task into t's place.
func (l *Loop) removeTask(t *Task) {
	last := len(l.tasks) - 1
	moved := l.tasks[last]
	l.tasks[t.index] = moved
	moved.index = t.index
	l.tasks[last] = nil
	l.tasks = l.tasks[:last]
	t.index = -1
}

// AllTasks lists the loop's unfinished tasks in creation order.
func (l *Loop) AllTasks() []*Task {
	ts := slices.Clone(l.tasks)
	slices.SortFunc(ts, func(a, b *Task) int { return cmp.Compare(a.id, b.id) })
	return ts
}
