package main

import (
	"fmt"

	"github.com/loopscope/loopscope/core"
)

var counts map[string]int
var tallies int

func tally(word string) {
	defer func() { tallies++ }()
	counts[word]++
}

func main() {
	loop := core.NewLoop()
	loop.CallSoon(func() {
		defer fmt.Println("first callback done")
	})
	loop.CallSoon(func() { tally("go") })
	loop.CallSoon(loop.Stop)
	loop.RunForever()
	fmt.Println("the loop went on")
}
