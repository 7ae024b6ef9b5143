package main

import (
	"fmt"
	"time"

	"github.com/loopscope/loopscope/core"
)

func main() {
	loop := core.NewLoop()
	defer loop.Close()

	fmt.Println("now:", loop.Time())
	loop.CallLater(2*time.Second, func() {
		fmt.Println("two seconds later, at", loop.Time())
	})
	// CallAt takes an absolute loop time: five minutes from now.
	loop.CallAt(loop.Time()+5*time.Minute, func() {
		fmt.Println("five minutes from now, at", loop.Time())
		loop.Stop()
	})
	loop.CallSoon(func() {
		fmt.Println("soon, at", loop.Time())
	})
	loop.RunForever()
}
