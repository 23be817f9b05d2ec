package server

import (
	"context"
	"net/http/httptest"
	"regexp"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/fahras/fahras/search"
)

// blockingSearcher holds every search until released, so a test can fill
// the server's search slots.
type blockingSearcher struct {
	stubSearcher
	entered chan struct{}
	release chan struct{}
}

func (b *blockingSearcher) Search(ctx context.Context, req search.Request) (*search.Result, error) {
	b.entered <- struct{}{}
	select {
	case <-b.release:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	return b.stubSearcher.Search(ctx, req)
}

// With every slot taken and the queue full, a search is answered 503
// with Retry-After at once; a search that waits in the queue runs as soon
// as a slot frees; one that waits past the deadline gets 503 too.
func TestOverloadQueuesThenRefusesWithRetryAfter(t *testing.T) {
	ix, _, enricher := buildIndex(t)
	eng := &blockingSearcher{entered: make(chan struct{}, 8), release: make(chan struct{})}
	srv, err := New(Config{Index: ix, Engine: eng, Enricher: enricher, Page: testPage, RateLimit: -1, KeyRateLimit: -1,
		MaxSearches: 1, MaxQueued: 1, QueueWait: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ts := &testServer{Server: httptest.NewServer(srv.Handler()), srv: srv}
	t.Cleanup(ts.Close)

	statuses := make(chan int, 2)
	var wg sync.WaitGroup
	search := func() {
		defer wg.Done()
		status, _, _ := ts.call(t, "GET", "/api/v1/search?q=x", "", nil)
		statuses <- status
	}
	wg.Add(1)
	go search()
	<-eng.entered // the one slot is held

	wg.Add(1)
	go search() // waits in the queue
	waitFor(t, "a queued search", func() bool { return srv.gate.queued.Load() == 1 })

	// The queue is full: refused at once, with a Retry-After.
	status, h, body := ts.call(t, "GET", "/api/v1/search?q=x", "", nil)
	if status != 503 || decode[errorBody](t, body).Error.Code != "overloaded" {
		t.Fatalf("full queue: %d %s", status, body)
	}
	if ra, err := strconv.Atoi(h.Get("Retry-After")); err != nil || ra < 1 {
		t.Errorf("full queue: Retry-After %q", h.Get("Retry-After"))
	}

	// Freeing the slot admits the queued search; both answer 200.
	eng.release <- struct{}{}
	<-eng.entered
	eng.release <- struct{}{}
	wg.Wait()
	close(statuses)
	for st := range statuses {
		if st != 200 {
			t.Errorf("admitted search: %d", st)
		}
	}

	// A search that waits longer than the deadline is refused.
	wg.Add(1)
	statuses = make(chan int, 1)
	go search()
	<-eng.entered
	start := time.Now()
	status, h, _ = ts.call(t, "GET", "/api/v1/suggest?q=بغ", "", nil)
	if waited := time.Since(start); status != 503 || waited < 250*time.Millisecond || h.Get("Retry-After") == "" {
		t.Errorf("past the deadline: %d after %s, Retry-After %q", status, waited, h.Get("Retry-After"))
	}
	eng.release <- struct{}{}
	wg.Wait()
	if st := <-statuses; st != 200 {
		t.Errorf("the search holding the slot: %d", st)
	}
	_, _, metrics := ts.call(t, "GET", "/metrics", "", nil)
	if !regexp.MustCompile(`fahras_searches_rejected_total 2\b`).Match(metrics) {
		t.Errorf("metrics do not count the two refusals")
	}
}
