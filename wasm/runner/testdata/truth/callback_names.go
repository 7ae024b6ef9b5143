package main

import (
	"fmt"
	"time"

	"github.com/loopscope/loopscope/core"
)

type greeter struct{ name string }

func (g *greeter) hello() { fmt.Println("hello from", g.name) }

func (g greeter) bye() { fmt.Println("bye from", g.name) }

func handler() { fmt.Println("handler") }

func main() {
	loop := core.NewLoop()
	g := &greeter{"g"}
	loop.CallSoon(handler)
	loop.CallSoon(g.hello)
	loop.CallSoon(g.bye)
	loop.CallSoon(func() {
		fmt.Println("literal")
		loop.CallSoon(func() { fmt.Println("nested") })
	})
	later := handler
	loop.CallLater(time.Second, later)
	tick := func() { fmt.Println("tick") }
	loop.CallLater(time.Second, tick)
	loop.CallAt(2*time.Second, loop.Stop)
	loop.RunForever()
}
