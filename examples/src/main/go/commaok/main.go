// Go's comma-ok receive: a closed channel is an answer, not a failure. Ported to Java as
// io.execmodels.examples.goports.CommaOk; both print the same lines.
package main

import "fmt"

func main() {
	ch := make(chan int, 2)
	ch <- 1
	ch <- 2
	close(ch)
	for i := 0; i < 3; i++ {
		v, ok := <-ch
		fmt.Println("receive", v, ok)
	}

	// A receive case on a closed channel is always ready, with ok false; a nil channel's never.
	done := make(chan int)
	close(done)
	var never chan int
	select {
	case v, ok := <-done:
		fmt.Println("select closed", v, ok)
	case v := <-never:
		fmt.Println("nil channel", v)
	}

	// A goroutine reads until the channel is closed, then carries on: no panic, no failure.
	results := make(chan string)
	in := make(chan int)
	go func() {
		sum := 0
		for {
			v, ok := <-in
			if !ok {
				results <- fmt.Sprint("sum ", sum, " then closed")
				return
			}
			sum += v
		}
	}()
	for i := 1; i <= 4; i++ {
		in <- i
	}
	close(in)
	fmt.Println(<-results)
}
