// A timeout/cancel tree: a request context with a 2 s deadline, a child context per worker,
// and one worker's subtree cancelled by hand. Worker 1 finishes in 10 ms; worker 2 would take
// 10 s and meets the deadline; worker 3's context is cancelled at once, and so is its own child,
// which never started waiting. Each outcome is printed in worker order, so the output does not
// depend on timing (the margins are 200x).
package main

import (
	"context"
	"fmt"
	"sync"
	"time"
)

func work(ctx context.Context, d time.Duration) string {
	select {
	case <-time.After(d):
		return "done"
	case <-ctx.Done():
		return ctx.Err().Error()
	}
}

func main() {
	request, cancelRequest := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancelRequest()

	outcomes := make([]string, 4)
	var wg sync.WaitGroup

	w1, cancel1 := context.WithCancel(request)
	defer cancel1()
	w2, cancel2 := context.WithCancel(request)
	defer cancel2()
	w3, cancel3 := context.WithCancel(request)
	grandchild, cancelGrandchild := context.WithCancel(w3)
	defer cancelGrandchild()
	cancel3()

	wg.Add(3)
	go func() { defer wg.Done(); outcomes[0] = work(w1, 10*time.Millisecond) }()
	go func() { defer wg.Done(); outcomes[1] = work(w2, 10*time.Second) }()
	go func() { defer wg.Done(); outcomes[2] = work(w3, 10*time.Second) }()
	wg.Wait()
	outcomes[3] = fmt.Sprint(grandchild.Err())

	fmt.Printf("worker 1: %s\n", outcomes[0])
	fmt.Printf("worker 2: %s\n", outcomes[1])
	fmt.Printf("worker 3: %s\n", outcomes[2])
	fmt.Printf("worker 3's child: %s\n", outcomes[3])
	fmt.Printf("request: %v\n", request.Err())
}
