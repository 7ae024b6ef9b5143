package core

// The loop's unfinished tasks form a list threaded through the tasks
// themselves, oldest first: adding and removing cost two pointer writes (a
// map cost a hash and a probe per task), and AllTasks needs no sorting to
// list them in creation order.

func (l *Loop) addTask(t *Task) {
	t.older = l.newestTask
	if l.newestTask != nil {
		l.newestTask.newer = t
	} else {
		l.oldestTask = t
	}
	l.newestTask = t
	l.numTasks++
}

func (l *Loop) removeTask(t *Task) {
	if t.older != nil {
		t.older.newer = t.newer
	} else {
		l.oldestTask = t.newer
	}
	if t.newer != nil {
		t.newer.older = t.older
	} else {
		l.newestTask = t.older
	}
	t.older, t.newer = nil, nil
	l.numTasks--
}

// AllTasks lists the loop's unfinished tasks in creation order.
func (l *Loop) AllTasks() []*Task {
	ts := make([]*Task, 0, l.numTasks)
	for t := l.oldestTask; t != nil; t = t.newer {
		ts = append(ts, t)
	}
	return ts
}
