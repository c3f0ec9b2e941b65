// A worker pool with results and an error group: twenty jobs, at most three at once. Job 13
// fails; the group cancels its context on that first error, the jobs still waiting see the
// cancellation, and Wait reports the error. Printed: the error, and whether the limit held, which
// do not depend on timing.
//
// errgroup lives in golang.org/x/sync, outside the standard library, and this program must build
// with no module download: group below is the part of errgroup.Group it uses (WithContext, Go with
// SetLimit, Wait), written out.
package main

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

type group struct {
	cancel  func()
	wg      sync.WaitGroup
	sem     chan struct{}
	errOnce sync.Once
	err     error
}

func withContext(ctx context.Context, limit int) (*group, context.Context) {
	ctx, cancel := context.WithCancel(ctx)
	return &group{cancel: cancel, sem: make(chan struct{}, limit)}, ctx
}

func (g *group) Go(f func() error) {
	g.sem <- struct{}{}
	g.wg.Add(1)
	go func() {
		defer func() { <-g.sem; g.wg.Done() }()
		if err := f(); err != nil {
			g.errOnce.Do(func() {
				g.err = err
				g.cancel()
			})
		}
	}()
}

func (g *group) Wait() error {
	g.wg.Wait()
	g.cancel()
	return g.err
}

func main() {
	g, ctx := withContext(context.Background(), 3)
	var mu sync.Mutex
	running, most := 0, 0
	for job := 1; job <= 20; job++ {
		job := job
		g.Go(func() error {
			mu.Lock()
			running++
			if running > most {
				most = running
			}
			mu.Unlock()
			defer func() { mu.Lock(); running--; mu.Unlock() }()
			if job == 13 {
				return errors.New("job 13: bad input")
			}
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(time.Millisecond):
				return nil
			}
		})
	}
	err := g.Wait()
	fmt.Printf("error: %v\n", err)
	fmt.Printf("never more than 3 jobs at once: %v\n", most <= 3)
}
