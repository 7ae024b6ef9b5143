// Package precompiled is the playground's Go examples compiled into a
// runner build: a page whose program is an example, unchanged (the
// default example on a first visit, a picker choice, a link or an embed
// holding one), runs it in that small build instead of loading the
// interpreter (wasm/playground built with -tags loopscope_precompiled).
//
// The examples' code here is generated from web/examples/NAME/main.go
// (go generate ./wasm/precompiled): fmt.Print*, time.Sleep and main are
// renamed on the lines where they are, as runner.NativeProgram does, so
// every trace position and output line is the example's own.
// TestGeneratedUpToDate fails when an example changed and this did not.
package precompiled

//go:generate go run ./internal/genexamples/cmd
