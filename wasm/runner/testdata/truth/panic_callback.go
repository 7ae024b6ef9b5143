package main

import (
	"fmt"

	"github.com/loopscope/loopscope/core"
)

func main() {
	loop := core.NewLoop()
	loop.CallSoon(func() {
		fmt.Println("callback runs")
		panic("the callback broke")
	})
	loop.CallSoon(loop.Stop)
	loop.RunForever()
	fmt.Println("the loop went on")
}
