package main

import (
	"fmt"

	"github.com/loopscope/loopscope/core"
)

func main() {
	loop := core.NewLoop()
	defer loop.Close()

	loop.CallSoon(func() {
		fmt.Println("first handler")
	})
	loop.CallSoon(func() {
		fmt.Println("second handler: stopping the loop")
		loop.Stop()
	})

	fmt.Println("running forever (until stopped)")
	if err := loop.RunForever(); err != nil {
		fmt.Println("error:", err)
	}
	fmt.Println("the loop stopped; running:", loop.IsRunning())
}
