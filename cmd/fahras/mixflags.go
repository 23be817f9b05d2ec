package main

import (
	"fmt"
	"time"

	"github.com/spf13/pflag"
)

// mixFlags are the flags of the commands that run the benchmark's query
// mix: bench compare and bench queries.
type mixFlags struct {
	clients    []int
	duration   time.Duration
	cpuProfile string
}

// register declares the flags; defaultClients is the concurrency list
// used when --clients is not given.
func (f *mixFlags) register(fs *pflag.FlagSet, defaultClients []int, profileUsage string) {
	fs.IntSliceVar(&f.clients, "clients", defaultClients, "comma-separated numbers of concurrent clients")
	fs.DurationVar(&f.duration, "duration", 3*time.Second, "how long each query kind runs at each concurrency")
	fs.StringVar(&f.cpuProfile, "cpuprofile", "", profileUsage)
}

// check refuses concurrencies and durations the mix cannot run with.
func (f *mixFlags) check() error {
	if len(f.clients) == 0 {
		return fmt.Errorf("--clients: give at least one number of clients")
	}
	for _, n := range f.clients {
		if n <= 0 {
			return fmt.Errorf("--clients: %d is not a positive number", n)
		}
	}
	if f.duration <= 0 {
		return fmt.Errorf("--duration: %s is not a positive duration", f.duration)
	}
	return nil
}
