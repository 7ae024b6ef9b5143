//go:build loopscope_noframesite && !loopscope_precompiled

package runner

// Built with -tags loopscope_noframesite, framePC always reports !ok and
// every line is found through CallerFrames: what `make bench` measures the
// reflection-found frame fields (framesite.go) against.
func init() { frameFields.ok = false }
