// Go's len and cap of channels, nil ones included, and a select whose only channel is nil.
// Ported to Java as io.execmodels.examples.goports.NilChannels; both print the same lines.
package main

import "fmt"

func main() {
	var nilCh chan int
	fmt.Println("nil channel: len", len(nilCh), "cap", cap(nilCh))

	var recvOnly <-chan int
	fmt.Println("nil receive-only channel: len", len(recvOnly), "cap", cap(recvOnly))

	ch := make(chan int, 3)
	ch <- 1
	ch <- 2
	fmt.Println("buffered channel: len", len(ch), "cap", cap(ch))

	unbuffered := make(chan int)
	fmt.Println("unbuffered channel: len", len(unbuffered), "cap", cap(unbuffered))

	select {
	case v := <-nilCh:
		fmt.Println("received", v)
	default:
		fmt.Println("a nil channel is never ready: default")
	}
}
