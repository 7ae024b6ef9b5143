package main

import (
	"context"
	"fmt"
	"time"

	"github.com/loopscope/loopscope/core"
)

// download blocks the whole thread, like requests.get inside a coroutine:
// nothing else on the loop can run until it returns.
func download(url string) string {
	time.Sleep(20 * time.Millisecond)
	return "<html of " + url + ">"
}

func main() {
	urls := []string{"a.example", "b.example", "c.example"}
	core.Run(func(ctx context.Context) (any, error) {
		var tasks []core.Awaitable
		for _, u := range urls {
			tasks = append(tasks, core.CurrentTask(ctx).Loop().CreateTask("get "+u, func(ctx context.Context) (any, error) {
				fmt.Println("start", u)
				page := download(u)
				fmt.Println("done ", u, len(page), "bytes")
				return page, nil
			}))
		}
		for _, t := range tasks {
			if _, err := core.Await(ctx, t); err != nil {
				return nil, err
			}
		}
		return nil, nil
	})
}
