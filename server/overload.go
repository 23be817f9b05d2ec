package server

import (
	"context"
	"fmt"
	"net/http"
	"sync/atomic"
	"time"
)

// searchGate admits at most a fixed number of searches at once and lets
// the others wait, in a bounded queue, for a bounded time. On a machine of
// a few cores a search is CPU work: running more of them at once only
// stretches every one of them, so past the cores' worth a request waits
// for a slot, and past the queue's bound or deadline it is answered 503
// with a Retry-After that says when a slot is likely to be free, instead
// of letting latency grow without bound.
type searchGate struct {
	slots     chan struct{}
	maxQueued int64
	maxWait   time.Duration

	queued atomic.Int64
	// serviceNanos is a moving average of how long an admitted search
	// holds its slot, for the Retry-After estimate.
	serviceNanos atomic.Int64
	rejected     atomic.Uint64
}

func newSearchGate(slots, maxQueued int, maxWait time.Duration) *searchGate {
	return &searchGate{slots: make(chan struct{}, slots), maxQueued: int64(maxQueued), maxWait: maxWait}
}

// overloadedError is the 503 of a request the gate turned away.
type overloadedError struct {
	retry time.Duration
	why   string
}

func (e *overloadedError) Error() string { return e.why }

// enter waits for a slot. It returns the function that gives the slot
// back, or an *overloadedError when the queue is full or the wait passes
// its deadline, or ctx's error when the client gives up first.
func (g *searchGate) enter(ctx context.Context) (release func(), err error) {
	select {
	case g.slots <- struct{}{}:
		return g.releaser(), nil
	default:
	}
	if g.queued.Add(1) > g.maxQueued {
		g.queued.Add(-1)
		g.rejected.Add(1)
		return nil, &overloadedError{retry: g.expectedWait(), why: fmt.Sprintf("the server is busy: %d searches are already waiting", g.maxQueued)}
	}
	defer g.queued.Add(-1)
	timer := time.NewTimer(g.maxWait)
	defer timer.Stop()
	select {
	case g.slots <- struct{}{}:
		return g.releaser(), nil
	case <-timer.C:
		g.rejected.Add(1)
		return nil, &overloadedError{retry: g.expectedWait(), why: fmt.Sprintf("the server is busy: no search slot came free within %s", g.maxWait)}
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (g *searchGate) releaser() func() {
	start := time.Now()
	return func() {
		took := time.Since(start).Nanoseconds()
		// An average over about the last 16 searches.
		old := g.serviceNanos.Load()
		g.serviceNanos.Store(old + (took-old)/16)
		<-g.slots
	}
}

// expectedWait estimates how long the searches ahead take to drain.
func (g *searchGate) expectedWait() time.Duration {
	ahead := g.queued.Load() + int64(cap(g.slots))
	return time.Duration(ahead * g.serviceNanos.Load() / int64(cap(g.slots)))
}

// inFlight is the number of admitted searches.
func (g *searchGate) inFlight() int { return len(g.slots) }

// queue wraps an endpoint so that it runs only with a search slot.
func (s *Server) queue(h endpoint) endpoint {
	return func(w http.ResponseWriter, r *http.Request) error {
		release, err := s.gate.enter(r.Context())
		if err != nil {
			if oe, ok := err.(*overloadedError); ok {
				w.Header().Set("Retry-After", retryAfter(oe.retry))
				return errorf(http.StatusServiceUnavailable, "overloaded", "%s; retry in %s s", oe.why, retryAfter(oe.retry))
			}
			return err
		}
		defer release()
		return h(w, r)
	}
}
