// Go's sync.Mutex: it keeps goroutines out of each other's way, it has no owner (any goroutine
// may unlock it) and is not reentrant (TryLock by the holder fails). sync.RWMutex: readers share
// it, a writer excludes them. sync.Cond: Broadcast wakes every waiter. Ported to Java as
// io.execmodels.examples.goports.MutexPort; both print the same lines. An unlock of an unlocked
// mutex and a lock-order deadlock end a Go program (fatal error, exit status 2), so they are
// pinned by csp's MutexTest rather than here.
package main

import (
	"fmt"
	"sync"
)

func main() {
	var mu sync.Mutex
	counter := 0
	var wg sync.WaitGroup
	for i := 0; i < 100; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; n < 100; n++ {
				mu.Lock()
				counter++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	fmt.Println("counter", counter)

	mu.Lock()
	fmt.Println("TryLock by the holder:", mu.TryLock())
	done := make(chan bool)
	go func() {
		mu.Unlock()
		done <- true
	}()
	<-done
	fmt.Println("unlocked by another goroutine, TryLock:", mu.TryLock())
	mu.Unlock()

	var rw sync.RWMutex
	rw.RLock()
	fmt.Println("second reader, TryRLock:", rw.TryRLock())
	fmt.Println("writer while read, TryLock:", rw.TryLock())
	rw.RUnlock()
	rw.RUnlock()
	fmt.Println("writer once the readers left, TryLock:", rw.TryLock())
	fmt.Println("reader while written, TryRLock:", rw.TryRLock())
	rw.Unlock()

	cond := sync.NewCond(&mu)
	ready := false
	woken := 0
	var all sync.WaitGroup
	for i := 0; i < 3; i++ {
		all.Add(1)
		go func() {
			defer all.Done()
			mu.Lock()
			for !ready {
				cond.Wait()
			}
			woken++
			mu.Unlock()
		}()
	}
	mu.Lock()
	ready = true
	cond.Broadcast()
	mu.Unlock()
	all.Wait()
	fmt.Println("woken by Broadcast:", woken)
}
