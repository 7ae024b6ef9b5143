package main

import (
	"fmt"

	"github.com/loopscope/loopscope/core"
)

func main() {
	loop := core.NewLoop()
	f := loop.CreateFuture("answer")
	f.AddDoneCallback(func(f *core.Future) {
		v, _ := f.Result()
		fmt.Println("got", v)
		panic(fmt.Sprint("cannot use ", v))
	})
	loop.CallSoon(func() { f.SetResult(42) })
	loop.CallSoon(func() { loop.CallSoon(loop.Stop) })
	loop.RunForever()
}
