package server

import (
	"context"
	"testing"
	"time"
)

func TestYieldToSearches(t *testing.T) {
	s := &Server{}
	ctx := context.Background()

	start := time.Now()
	s.yieldToSearches(ctx, time.Second)
	if d := time.Since(start); d > 100*time.Millisecond {
		t.Errorf("no search running, yet the load paused %v", d)
	}

	s.searching.Add(1)
	start = time.Now()
	s.yieldToSearches(ctx, 30*time.Millisecond)
	if d := time.Since(start); d < 30*time.Millisecond {
		t.Errorf("a search is running, yet the load paused only %v of 30ms", d)
	}

	// The pause ends as soon as the searches do.
	go func() {
		time.Sleep(20 * time.Millisecond)
		s.searching.Add(-1)
	}()
	start = time.Now()
	s.yieldToSearches(ctx, 5*time.Second)
	if d := time.Since(start); d >= 5*time.Second {
		t.Errorf("the pause outlasted the search: %v", d)
	}

	// A cancelled load does not wait, and a negative limit never pauses.
	s.searching.Add(1)
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	start = time.Now()
	s.yieldToSearches(cancelled, 5*time.Second)
	s.yieldToSearches(ctx, -1)
	if d := time.Since(start); d >= 5*time.Second {
		t.Errorf("a cancelled load or a negative limit waited %v", d)
	}
}
