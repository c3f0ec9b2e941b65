// The shootout's services in Go's own idioms (see ../README.md for the contract).
package main

import (
	"fmt"
	"math"
	"os"
	"runtime"
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

// mixed is the mixed handler's round: 200 requests arriving 1 ms apart, open loop, each
// mixedRequest.
func mixed(latencies *[]int64) int64 {
	sum, _, each := drive(200, time.Millisecond, mixedRequest)
	*latencies = append(*latencies, each...)
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

// fanOutRequest is one request of the levels' fan-out: 3 upstream calls of 10 ms at once,
// replying with the sum of their replies, 1 + 2 + 3.
func fanOutRequest(_ int) int64 {
	replies := make(chan int64, 3)
	for i := int64(1); i <= 3; i++ {
		go func(i int64) {
			time.Sleep(10 * time.Millisecond)
			replies <- i
		}(i)
	}
	return <-replies + <-replies + <-replies
}

// mixedRequest is one request of the mixed handler: 10 ms of I/O, every 20th then a CPU spike;
// request n replies n.
func mixedRequest(n int) int64 {
	time.Sleep(10 * time.Millisecond)
	if n%20 == 19 {
		countPrimes(0, 250_000)
	}
	return int64(n)
}

// drive offers requests open loop, interval apart (request i arrives at start + i*interval
// whatever the earlier ones do), each in a goroutine of its own; a request's latency runs from
// its scheduled arrival to its end. It returns the replies' sum, the span from the first arrival
// to the last end, and every latency in nanoseconds.
func drive(requests int, interval time.Duration, handle func(int) int64) (int64, time.Duration, []int64) {
	start := time.Now()
	var mu sync.Mutex
	var wg sync.WaitGroup
	var sum int64
	latencies := make([]int64, 0, requests)
	for i := 0; i < requests; i++ {
		arrival := start.Add(time.Duration(i) * interval)
		if wait := time.Until(arrival); wait > 0 {
			time.Sleep(wait)
		}
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			reply := handle(i)
			latency := int64(time.Since(arrival))
			mu.Lock()
			latencies = append(latencies, latency)
			sum += reply
			mu.Unlock()
		}(i)
	}
	wg.Wait()
	return sum, time.Since(start), latencies
}

// levels offers each workload at each rate for windowMs, after one unreported pass of each at
// the lowest rate (the warm-up), and prints a LEVEL line per workload and rate.
func levels(windowMs int, rates []int) {
	workloads := []struct {
		name   string
		handle func(int) int64
	}{{"fan-out", fanOutRequest}, {"mixed", mixedRequest}}
	level := func(rate int) (int, time.Duration) {
		// As the shootout's LevelResult: at least one request, the window's worth rounded.
		requests := int(math.Max(1, math.Floor(float64(rate)*float64(windowMs)/1000+0.5)))
		return requests, time.Second / time.Duration(rate)
	}
	for _, w := range workloads {
		requests, interval := level(rates[0])
		drive(requests, interval, w.handle)
	}
	for _, rate := range rates {
		for _, w := range workloads {
			requests, interval := level(rate)
			sum, span, latencies := drive(requests, interval, w.handle)
			fmt.Printf("LEVEL %s %d %d %d %d %s\n", w.name, rate, requests, sum, span.Nanoseconds(),
				join(latencies))
		}
	}
}

// inUse is the memory a parked goroutine can take: heap spans in use and goroutine stacks,
// after a full collection.
func inUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse + m.StackInuse
}

// memory parks n goroutines on one unbuffered channel, measures them, then releases them and
// prints MEMORY <n> <before> <parked> <ended> <task> <measure>.
func memory(n int) {
	gate := make(chan struct{})
	var started, ended sync.WaitGroup
	before := inUse()
	started.Add(n)
	ended.Add(n)
	var count int64
	var mu sync.Mutex
	for i := 0; i < n; i++ {
		go func() {
			defer ended.Done()
			started.Done()
			<-gate // blocks until the channel is closed
			mu.Lock()
			count++
			mu.Unlock()
		}()
	}
	started.Wait()
	parked := inUse()
	close(gate)
	ended.Wait()
	fmt.Printf("MEMORY %d %d %d %d goroutine Go HeapInuse+StackInuse\n", n, before, parked, count)
}

func join(xs []int64) string {
	parts := make([]string, len(xs))
	for k, x := range xs {
		parts[k] = strconv.FormatInt(x, 10)
	}
	return strings.Join(parts, ",")
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: shootout <service> <warmup> <rounds> | levels <window_ms> <rate,...> | memory <tasks>")
	os.Exit(2)
}

func main() {
	if len(os.Args) == 4 && os.Args[1] == "levels" {
		windowMs, err := strconv.Atoi(os.Args[2])
		var rates []int
		for _, r := range strings.Split(os.Args[3], ",") {
			rate, err2 := strconv.Atoi(r)
			if err2 != nil || rate < 1 {
				usage()
			}
			rates = append(rates, rate)
		}
		if err != nil || windowMs < 1 {
			usage()
		}
		levels(windowMs, rates)
		return
	}
	if len(os.Args) == 3 && os.Args[1] == "memory" {
		n, err := strconv.Atoi(os.Args[2])
		if err != nil || n < 1 {
			usage()
		}
		memory(n)
		return
	}
	if len(os.Args) != 4 {
		usage()
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
			fmt.Printf("RUN %d %d %d %s\n", result, wall.Nanoseconds(), cpu, join(latencies))
		}
	}
}
