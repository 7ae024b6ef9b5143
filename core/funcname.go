package core

import (
	"reflect"
	"runtime"
	"strings"
	"sync"
)

// A traced callback carries the name of its function (cb.schedule's Name),
// as asyncio's handles show their callback's: the timeline, the state panel
// and the narration then say "callback handler" instead of a number.

// funcNames caches FuncName by code pointer: the runtime's symbol lookup
// costs more than the rest of scheduling a callback.
var funcNames sync.Map // uintptr -> string

// callbackName is the name of fn in the trace (l.tracer is set).
func (l *Loop) callbackName(fn func()) string {
	if l.funcName != nil {
		if name := l.funcName(fn); name != "" {
			return name
		}
	}
	pc := reflect.ValueOf(fn).Pointer()
	if name, ok := funcNames.Load(pc); ok {
		return name.(string)
	}
	name := ""
	if f := runtime.FuncForPC(pc); f != nil {
		name = shortFuncName(f.Name())
	}
	funcNames.Store(pc, name)
	return name
}

// shortFuncName shortens a function's full name, as the Go runtime gives it, to
// how the program's text names it: without its package path and package
// ("handler" for main.handler, "(*Loop).Stop" for a method value of core's
// Loop). A function literal has no name of its own, nor a function made by
// reflection: "". (The runtime names a literal "main.func1", or
// "main.func1.main.2.3" once inlined: it would differ between builds.)
func shortFuncName(full string) string {
	if full == "" || strings.HasPrefix(full, "reflect.") {
		return ""
	}
	name := full
	path := name
	if i := strings.IndexByte(path, '['); i >= 0 {
		path = path[:i] // type arguments may hold paths of their own
	}
	if i := strings.LastIndexByte(path, '/'); i >= 0 {
		name = name[i+1:]
	}
	if i := strings.IndexByte(name, '.'); i >= 0 {
		name = name[i+1:]
	}
	name = strings.TrimSuffix(name, "-fm") // a method value's wrapper
	if strings.Contains(name, "-range") {
		return "" // a range-over-func loop's body
	}
	for _, part := range strings.Split(name, ".")[1:] {
		if literalPart(part) {
			return ""
		}
	}
	return name
}

// literalPart: "func1" or "2" in a runtime name, where a function literal
// begins.
func literalPart(s string) bool {
	s = strings.TrimPrefix(s, "func")
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
