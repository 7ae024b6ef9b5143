package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/loopscope/loopscope/core"
)

func main() {
	_, err := core.Run(func(ctx context.Context) (any, error) {
		fmt.Println("connecting")
		return nil, errors.New("connection refused")
	})
	if err != nil {
		fmt.Println("error:", err)
	}
}
