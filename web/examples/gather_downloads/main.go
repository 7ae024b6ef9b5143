package main

import (
	"context"
	"fmt"
	"time"

	"github.com/loopscope/loopscope/core"
)

// The network is simulated: each site answers after its latency. A real
// download would import net/http and run its blocking call off the loop
// with core.ToThread (the playground then loads its larger runner, which
// has net/http).
var latency = map[string]time.Duration{
	"fast.example":   300 * time.Millisecond,
	"medium.example": 700 * time.Millisecond,
	"slow.example":   3 * time.Second,
}

var sites = []string{"fast.example", "medium.example", "slow.example"}

const perDownload = 1 * time.Second

// fetch "downloads" site without blocking the loop: while it waits, the
// loop runs the other downloads.
func fetch(ctx context.Context, site string) (any, error) {
	if err := core.Sleep(ctx, latency[site]); err != nil {
		return nil, err
	}
	return fmt.Sprintf("%d bytes", len(site)*100), nil
}

func main() {
	core.Run(func(ctx context.Context) (any, error) {
		loop := core.CurrentTask(ctx).Loop()
		var tasks []core.Awaitable
		for _, site := range sites {
			tasks = append(tasks, loop.CreateTask(site, func(ctx context.Context) (any, error) {
				fmt.Println("start", site)
				// Each download gets its own deadline.
				return core.Timeout(ctx, perDownload, func(ctx context.Context) (any, error) {
					return fetch(ctx, site)
				})
			}))
		}
		results, err := core.GatherReturnErrors(ctx, tasks...)
		if err != nil {
			return nil, err
		}
		for i, r := range results {
			fmt.Printf("%-15s %v\n", sites[i], r)
		}
		fmt.Println("all done at", loop.Time())
		return nil, nil
	})
}
