// golang.org/x/sync/errgroup (Debian's golang-golang-x-sync-dev): SetLimit bounds the goroutines
// running at once; TryGo starts nothing and reports false while the limit is reached, true once a
// slot is free; Wait returns the first error; WithContext cancels the group's context on it.
// Ported to Java as io.execmodels.examples.goports.ErrGroupPort; both print the same lines.
package main

import (
	"context"
	"errors"
	"fmt"

	"golang.org/x/sync/errgroup"
)

func main() {
	var g errgroup.Group
	g.SetLimit(1)
	started := make(chan struct{})
	release := make(chan struct{})
	g.Go(func() error {
		close(started)
		<-release
		return nil
	})
	<-started
	fmt.Println("TryGo at the limit:", g.TryGo(func() error { return nil }))
	close(release)
	fmt.Println("Wait:", g.Wait())
	ran := make(chan string, 1)
	fmt.Println("TryGo with a free slot:", g.TryGo(func() error {
		ran <- "the body ran"
		return errors.New("boom")
	}))
	fmt.Println("Wait:", g.Wait())
	fmt.Println(<-ran)

	g2, ctx := errgroup.WithContext(context.Background())
	g2.Go(func() error { return errors.New("first") })
	g2.Go(func() error {
		<-ctx.Done()
		return ctx.Err()
	})
	fmt.Println("Wait:", g2.Wait())
	fmt.Println("the group's context:", ctx.Err())
}
