// Timers where Go 1.19 (Debian's, run here) and Go 1.23 (whose timer rules csp follows) agree:
// a timer fires once; Stop of a fired and received timer reports false, of a pending one true;
// the pre-1.23 idiom `if !t.Stop() { <-t.C }` never waits for good; Reset rearms; AfterFunc runs
// its function; a Ticker ticks until stopped; time.After in a select. Where the two versions
// differ (Stop of a fired, unreceived timer; a stale value after Reset; len and cap of t.C), csp
// follows Go 1.23, pinned by csp's TimerTest. Ported to Java as
// io.execmodels.examples.goports.TimersPort; both print the same lines.
package main

import (
	"fmt"
	"time"
)

func main() {
	t := time.NewTimer(5 * time.Millisecond)
	<-t.C
	fmt.Println("fired; Stop after the receive:", t.Stop())

	pending := time.NewTimer(time.Hour)
	fmt.Println("Stop of a pending timer:", pending.Stop())
	fmt.Println("Stop again:", pending.Stop())

	idiom := time.NewTimer(time.Millisecond)
	time.Sleep(20 * time.Millisecond)
	if !idiom.Stop() {
		<-idiom.C
	}
	fmt.Println("the Stop-then-drain idiom returned")

	rearmed := time.NewTimer(time.Hour)
	rearmed.Stop()
	rearmed.Reset(5 * time.Millisecond)
	<-rearmed.C
	fmt.Println("fired after Reset")

	done := make(chan string)
	time.AfterFunc(5*time.Millisecond, func() { done <- "AfterFunc ran" })
	fmt.Println(<-done)

	ticker := time.NewTicker(2 * time.Millisecond)
	ticks := 0
	for ticks < 3 {
		<-ticker.C
		ticks++
	}
	ticker.Stop()
	fmt.Println("ticks:", ticks)

	never := make(chan int)
	select {
	case <-never:
		fmt.Println("received")
	case <-time.After(5 * time.Millisecond):
		fmt.Println("time.After won the select")
	}
}
