// A pipeline with fan-out and fan-in (after the Go blog's "Go Concurrency Patterns: Pipelines"):
// gen emits 1..1000, three sq workers square them, merge fans their outputs back in, and main
// sums what arrives. Every stage closes its output when done, so each range loop ends.
package main

import (
	"fmt"
	"sync"
)

func gen(nums ...int) <-chan int {
	out := make(chan int)
	go func() {
		for _, n := range nums {
			out <- n
		}
		close(out)
	}()
	return out
}

func sq(in <-chan int) <-chan int {
	out := make(chan int)
	go func() {
		for n := range in {
			out <- n * n
		}
		close(out)
	}()
	return out
}

func merge(cs ...<-chan int) <-chan int {
	var wg sync.WaitGroup
	out := make(chan int)
	output := func(c <-chan int) {
		for n := range c {
			out <- n
		}
		wg.Done()
	}
	wg.Add(len(cs))
	for _, c := range cs {
		go output(c)
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	return out
}

func main() {
	nums := make([]int, 1000)
	for i := range nums {
		nums[i] = i + 1
	}
	in := gen(nums...)
	c1, c2, c3 := sq(in), sq(in), sq(in)
	sum, count := 0, 0
	for n := range merge(c1, c2, c3) {
		sum += n
		count++
	}
	fmt.Printf("received %d squares, sum %d\n", count, sum)
}
