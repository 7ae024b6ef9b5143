package core

import "slices"

// doubled makes room for one more element, doubling a full slice. append
// grows a large slice by about a quarter at a time, so a burst of n
// (timers, or the tasks of a gather of 100k: the ready queue, the list of
// unfinished tasks) copies it and leaves behind about 5n elements, where
// doubling leaves 2n; for a gather of 100k, 60 bytes a task less.
func doubled[T any](s []T) []T {
	if len(s) < cap(s) || len(s) < 256 {
		return s
	}
	return slices.Grow(s, len(s))
}
