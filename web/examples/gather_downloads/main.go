package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/loopscope/loopscope/core"
)

// Put real URLs here to download them over HTTP (in the browser, net/http
// uses fetch; the site must allow cross-origin requests). Left empty, each
// download is simulated by a sleep of its latency.
var urls = []string{}

var simulated = map[string]time.Duration{
	"fast.example":   300 * time.Millisecond,
	"medium.example": 700 * time.Millisecond,
	"slow.example":   3 * time.Second,
}

const perDownload = 1 * time.Second

// fetch downloads url without blocking the loop.
func fetch(ctx context.Context, url string) (any, error) {
	if latency, ok := simulated[url]; ok {
		if err := core.Sleep(ctx, latency); err != nil {
			return nil, err
		}
		return fmt.Sprintf("%d bytes", len(url)*100), nil
	}
	// Blocking HTTP runs off the loop, on its own goroutine.
	return core.ToThread(ctx, func(ctx context.Context) (any, error) {
		req, err := http.NewRequestWithContext(ctx, "GET", url, nil)
		if err != nil {
			return nil, err
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return nil, err
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		return fmt.Sprintf("%d bytes", len(body)), err
	})
}

func main() {
	targets := urls
	if len(targets) == 0 {
		targets = []string{"fast.example", "medium.example", "slow.example"}
	}
	core.Run(func(ctx context.Context) (any, error) {
		loop := core.CurrentTask(ctx).Loop()
		var tasks []core.Awaitable
		for _, u := range targets {
			tasks = append(tasks, loop.CreateTask(u, func(ctx context.Context) (any, error) {
				fmt.Println("start", u)
				// Each download gets its own deadline.
				return core.Timeout(ctx, perDownload, func(ctx context.Context) (any, error) {
					return fetch(ctx, u)
				})
			}))
		}
		results, err := core.GatherReturnErrors(ctx, tasks...)
		if err != nil {
			return nil, err
		}
		for i, r := range results {
			fmt.Printf("%-15s %v\n", targets[i], r)
		}
		fmt.Println("all done at", loop.Time())
		return nil, nil
	})
}
