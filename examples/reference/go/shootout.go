// The shootout's services in Go's own idioms (see ../README.md for the contract).
package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

func isPrime(n int) bool {
	if n%2 == 0 {
		return n == 2
	}
	for d := 3; d <= n/d; d += 2 {
		if n%d == 0 {
			return false
		}
	}
	return true
}

func countPrimes(from, to int) int64 {
	var count int64
	if from < 2 {
		from = 2
	}
	for n := from; n < to; n++ {
		if isPrime(n) {
			count++
		}
	}
	return count
}

func fanOut(_ *[]int64) int64 {
	replies := make(chan int64, 100)
	for i := int64(1); i <= 100; i++ {
		go func(i int64) {
			time.Sleep(50 * time.Millisecond)
			replies <- i
		}(i)
	}
	var total int64
	for i := 0; i < 100; i++ {
		total += <-replies
	}
	return total
}

func cpuBatch(_ *[]int64) int64 {
	const jobs, limit = 8, 1_000_000
	counts := make(chan int64, jobs)
	for j := 0; j < jobs; j++ {
		from, to := limit*j/jobs, limit*(j+1)/jobs
		go func() { counts <- countPrimes(from, to) }()
	}
	var total int64
	for j := 0; j < jobs; j++ {
		total += <-counts
	}
	return total
}

func mixed(latencies *[]int64) int64 {
	const requests, spikeEvery, spikeBelow = 200, 20, 250_000
	interval, io := time.Millisecond, 10*time.Millisecond
	start := time.Now()
	var mu sync.Mutex
	var wg sync.WaitGroup
	var sum int64
	for i := 0; i < requests; i++ {
		arrival := start.Add(time.Duration(i) * interval)
		if wait := time.Until(arrival); wait > 0 {
			time.Sleep(wait)
		}
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			time.Sleep(io)
			if i%spikeEvery == spikeEvery-1 {
				countPrimes(0, spikeBelow)
			}
			mu.Lock()
			*latencies = append(*latencies, int64(time.Since(arrival)))
			sum += int64(i)
			mu.Unlock()
		}(i)
	}
	wg.Wait()
	return sum
}

func pipeline(_ *[]int64) int64 {
	const count, buffer = 10_000, 64
	numbers := make(chan int64, buffer)
	squares := make(chan int64, buffer)
	go func() {
		defer close(numbers)
		for i := int64(1); i <= count; i++ {
			numbers <- i
		}
	}()
	go func() {
		defer close(squares)
		for n := range numbers {
			squares <- n * n
		}
	}()
	var sum int64
	for s := range squares {
		sum += s
	}
	return sum
}

func cpuNanos() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: shootout <service> <warmup> <rounds>")
		os.Exit(2)
	}
	services := map[string]func(*[]int64) int64{
		"fan-out": fanOut, "cpu-batch": cpuBatch, "mixed": mixed, "pipeline": pipeline,
	}
	run, ok := services[os.Args[1]]
	warmup, err1 := strconv.Atoi(os.Args[2])
	rounds, err2 := strconv.Atoi(os.Args[3])
	if !ok || err1 != nil || err2 != nil {
		fmt.Fprintln(os.Stderr, "bad arguments:", os.Args[1:])
		os.Exit(2)
	}
	for r := 0; r < warmup+rounds; r++ {
		var latencies []int64
		cpu0 := cpuNanos()
		t0 := time.Now()
		result := run(&latencies)
		wall := time.Since(t0)
		cpu := cpuNanos() - cpu0
		if r >= warmup {
			parts := make([]string, len(latencies))
			for k, l := range latencies {
				parts[k] = strconv.FormatInt(l, 10)
			}
			fmt.Printf("RUN %d %d %d %s\n", result, wall.Nanoseconds(), cpu, strings.Join(parts, ","))
		}
	}
}
