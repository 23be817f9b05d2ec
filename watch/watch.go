package watch

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/fahras/fahras/index"
	"github.com/fahras/fahras/search"
)

// Watch is a saved search.
type Watch struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Owner identifies who saved it (the server uses a fingerprint of
	// the caller's API key); a watch is seen and changed by its owner.
	Owner string `json:"owner,omitempty"`
	// Request is the search, as POST /search takes it, reduced to what
	// selects articles: the query and the filters (paging, sorting,
	// facets and the reference time are dropped).
	Request search.Request `json:"request"`
	// Webhook, when set, receives the matches.
	Webhook *Webhook  `json:"webhook,omitempty"`
	Created time.Time `json:"created"`
	Updated time.Time `json:"updated"`
}

// Webhook is where a watch's matches are posted. The secret signs the
// bodies (HMAC-SHA256); it is stored, never shown.
type Webhook struct {
	URL    string `json:"url"`
	Secret string `json:"-"`
}

// Spec is what a client gives to create or replace a watch.
type Spec struct {
	Name    string
	Request search.Request
	// WebhookURL and WebhookSecret set the webhook; an empty URL means
	// none.
	WebhookURL    string
	WebhookSecret string
}

// Limits on a watch.
const (
	MaxNameRunes   = 200
	MinSecretBytes = 16
	MaxSecretBytes = 256
)

// ErrNotFound is returned for a watch that does not exist (or belongs to
// another owner).
var ErrNotFound = errors.New("watch not found")

// Options configure a Service.
type Options struct {
	// Webhooks is the policy of webhook targets; its zero value allows
	// none.
	Webhooks Policy
	// Retry paces the retries of failed webhook deliveries; zero fields
	// take the defaults (see Retry).
	Retry Retry
	// MaxMatchesPerWatch bounds the matches each watch's feed keeps (the
	// newest); 0 means DefaultMaxMatches.
	MaxMatchesPerWatch int
	// Hold keeps the webhooks from being called (a batch load from the
	// command line): their matches wait, and are delivered by the next
	// Service opened without Hold.
	Hold bool
	// Enricher enriches the articles matched again after a crash as
	// their write did; required.
	Enricher *index.Enricher
	Logger   *slog.Logger
}

// DefaultMaxMatches is how many matches a watch's feed keeps by default.
const DefaultMaxMatches = 10000

// Service keeps the watches of one index, matches the articles written
// to it, and delivers the matches.
type Service struct {
	engine *search.Engine
	opts   Options
	log    *slog.Logger

	watches *journal
	mu      sync.RWMutex
	byID    map[string]*compiled
	perc    *percolator

	feed     *feed
	delivery *deliverer

	// pending logs the batches being written until they are matched;
	// queue holds the batches indexed and not yet matched, and matched
	// closes when the matcher has stopped.
	pending *journal
	queue   chan job
	matched chan struct{}
}

// queueBatches bounds the indexed batches waiting to be matched.
const queueBatches = 8

// watchRecord is a line of the watches log: a watch as saved (with its
// secret), or the ID of one deleted.
type watchRecord struct {
	Put    *storedWatch `json:"put,omitempty"`
	Delete string       `json:"delete,omitempty"`
}

type storedWatch struct {
	Watch
	Secret string `json:"secret,omitempty"`
}

// Open opens (or creates) the watches kept in dir, for the index the
// engine searches. Close it to stop its deliveries.
func Open(ctx context.Context, dir string, e *search.Engine, opts Options) (*Service, error) {
	if opts.Enricher == nil {
		return nil, errors.New("watches: an enricher is required")
	}
	if opts.MaxMatchesPerWatch <= 0 {
		opts.MaxMatchesPerWatch = DefaultMaxMatches
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	opts.Retry = opts.Retry.withDefaults()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("watches: %w", err)
	}
	s := &Service{engine: e, opts: opts, log: opts.Logger, byID: map[string]*compiled{}, perc: newPercolator()}
	saved := map[string]*storedWatch{}
	var order []string
	j, err := openJournal(filepath.Join(dir, "watches.jsonl"), func(line []byte) error {
		var rec watchRecord
		if err := json.Unmarshal(line, &rec); err != nil {
			return err
		}
		switch {
		case rec.Put != nil:
			if _, ok := saved[rec.Put.ID]; !ok {
				order = append(order, rec.Put.ID)
			}
			saved[rec.Put.ID] = rec.Put
		case rec.Delete != "":
			delete(saved, rec.Delete)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("watches: %w", err)
	}
	s.watches = j
	compact := make([]any, 0, len(saved))
	for _, id := range order {
		sw, ok := saved[id]
		if !ok {
			continue
		}
		w := sw.Watch
		if w.Webhook != nil {
			w.Webhook.Secret = sw.Secret
		}
		c, err := s.compile(&w)
		if err != nil {
			// The engine changed under a saved search; keep it, matching nothing, and say so.
			s.log.Warn("a saved search no longer compiles; it matches nothing until it is saved again", "watch", id, "err", err)
			c = &compiled{watch: w, node: noneNode{}}
		}
		s.byID[id] = c
		s.perc.add(c)
		compact = append(compact, watchRecord{Put: sw})
	}
	if err := j.Rewrite(compact); err != nil {
		j.Close()
		return nil, fmt.Errorf("watches: %w", err)
	}
	if s.feed, err = openFeed(filepath.Join(dir, "matches.jsonl"), opts.MaxMatchesPerWatch); err != nil {
		j.Close()
		return nil, fmt.Errorf("watches: %w", err)
	}
	if s.delivery, err = openDeliverer(filepath.Join(dir, "deliveries.jsonl"), s, opts); err != nil {
		j.Close()
		s.feed.close()
		return nil, fmt.Errorf("watches: %w", err)
	}
	if err := s.openPending(ctx, filepath.Join(dir, "pending.jsonl")); err != nil {
		s.delivery.stop()
		s.feed.close()
		j.Close()
		return nil, fmt.Errorf("watches: %w", err)
	}
	s.queue, s.matched = make(chan job, queueBatches), make(chan struct{})
	go s.matcher()
	for _, c := range s.byID {
		if c.watch.Webhook != nil {
			s.delivery.start(c.watch.ID)
		}
	}
	return s, nil
}

// openPending matches what a crash left pending, then starts a new log.
func (s *Service) openPending(ctx context.Context, path string) error {
	pending := map[string]bool{}
	var order []string
	j, err := openJournal(path, func(line []byte) error {
		var rec pendingRecord
		if err := json.Unmarshal(line, &rec); err != nil {
			return err
		}
		for _, id := range rec.Pending {
			if !pending[id] {
				order = append(order, id)
			}
			pending[id] = true
		}
		for _, id := range rec.Done {
			delete(pending, id)
		}
		return nil
	})
	if err != nil {
		return err
	}
	s.pending = j
	order = slices.DeleteFunc(order, func(id string) bool { return !pending[id] })
	if err := s.recover(ctx, order); err != nil {
		j.Close()
		return err
	}
	if err := j.Rewrite(nil); err != nil {
		j.Close()
		return err
	}
	return nil
}

// Close matches what was indexed, stops the deliveries and closes the
// logs. The index must not be written to any more.
func (s *Service) Close() error {
	close(s.queue)
	<-s.matched
	s.delivery.stop()
	err := s.watches.Close()
	if perr := s.pending.Close(); err == nil {
		err = perr
	}
	if ferr := s.feed.close(); err == nil {
		err = ferr
	}
	return err
}

// compiled is a watch with its request compiled for matching.
type compiled struct {
	watch Watch
	node  node
	// slot numbers the watch in the percolator; keyed is whether it is
	// filed under keys (else it is tried on every article); rest is what
	// is left to test on an article holding one of them (nil: nothing);
	// candidates are the terms it could be keyed by.
	slot       int
	keyed      bool
	keys       keySet
	rest       node
	candidates []fieldTerm
}

// compile checks a watch's request as the engine checks a search (the
// same errors) and compiles the query that selects its hits.
func (s *Service) compile(w *Watch) (*compiled, error) {
	// The request is kept as given; the engine's defaults are its own.
	req := w.Request
	if err := s.engine.Check(&req); err != nil {
		return nil, err
	}
	q, err := s.engine.MatchQuery(req)
	if err != nil {
		return nil, err
	}
	n, err := compile(q, s.engine.Index().Mapping())
	if err != nil {
		return nil, &search.Error{Code: "unsupported_query", Param: "q", Message: err.Error()}
	}
	return &compiled{watch: *w, node: n}, nil
}

// Create saves a new watch for owner.
func (s *Service) Create(ctx context.Context, owner string, spec Spec) (Watch, error) {
	now := time.Now().UTC().Truncate(time.Millisecond)
	w := Watch{ID: newID(), Owner: owner, Created: now, Updated: now}
	return s.save(ctx, w, spec)
}

// Replace changes a watch of owner; its matches so far stay in its feed.
func (s *Service) Replace(ctx context.Context, owner, id string, spec Spec) (Watch, error) {
	old, err := s.Get(owner, id)
	if err != nil {
		return Watch{}, err
	}
	old.Updated = time.Now().UTC().Truncate(time.Millisecond)
	return s.save(ctx, old, spec)
}

func (s *Service) save(ctx context.Context, w Watch, spec Spec) (Watch, error) {
	if err := ctx.Err(); err != nil {
		return Watch{}, err
	}
	name := strings.TrimSpace(spec.Name)
	switch {
	case name == "":
		return Watch{}, &search.Error{Code: "missing_name", Param: "name", Message: "a saved search needs a name"}
	case !utf8.ValidString(name):
		return Watch{}, &search.Error{Code: "invalid_utf8", Param: "name", Message: "the name is not valid UTF-8"}
	case utf8.RuneCountInString(name) > MaxNameRunes:
		return Watch{}, &search.Error{Code: "too_long", Param: "name", Message: fmt.Sprintf("name may be at most %d characters", MaxNameRunes)}
	}
	w.Name = name
	// Refused as the search would be, all of it (a bad sort too), then
	// kept for what selects articles.
	full := spec.Request
	if err := s.engine.Check(&full); err != nil {
		return Watch{}, err
	}
	w.Request = selecting(spec.Request)
	w.Webhook = nil
	if spec.WebhookURL != "" {
		if err := s.opts.Webhooks.CheckURL(spec.WebhookURL); err != nil {
			return Watch{}, &search.Error{Code: "webhook_not_allowed", Param: "webhook.url", Message: err.Error()}
		}
		if n := len(spec.WebhookSecret); n < MinSecretBytes || n > MaxSecretBytes {
			return Watch{}, &search.Error{Code: "invalid_secret", Param: "webhook.secret",
				Message: fmt.Sprintf("a webhook needs a secret of %d to %d bytes to sign its bodies", MinSecretBytes, MaxSecretBytes)}
		}
		w.Webhook = &Webhook{URL: spec.WebhookURL, Secret: spec.WebhookSecret}
	}
	c, err := s.compile(&w)
	if err != nil {
		return Watch{}, err
	}
	w = c.watch
	sw := &storedWatch{Watch: w}
	if w.Webhook != nil {
		sw.Secret = w.Webhook.Secret
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.watches.Append(watchRecord{Put: sw}); err != nil {
		return Watch{}, err
	}
	if old, ok := s.byID[w.ID]; ok {
		s.perc.remove(old)
	}
	s.byID[w.ID] = c
	s.perc.add(c)
	if w.Webhook != nil {
		s.delivery.start(w.ID)
	}
	return public(w), nil
}

// selecting is the part of a request that selects articles.
func selecting(r search.Request) search.Request {
	return search.Request{Query: r.Query, From: r.From, To: r.To, Places: r.Places, Countries: r.Countries,
		Sources: r.Sources, Categories: r.Categories, Authors: r.Authors}
}

// Get returns a watch of owner.
func (s *Service) Get(owner, id string) (Watch, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	c, ok := s.byID[id]
	if !ok || c.watch.Owner != owner {
		return Watch{}, ErrNotFound
	}
	return public(c.watch), nil
}

// List returns the watches of owner, newest first.
func (s *Service) List(owner string) []Watch {
	s.mu.RLock()
	var out []Watch
	for _, c := range s.byID {
		if c.watch.Owner == owner {
			out = append(out, public(c.watch))
		}
	}
	s.mu.RUnlock()
	slices.SortFunc(out, func(a, b Watch) int {
		if c := b.Created.Compare(a.Created); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out
}

// Len is the number of watches.
func (s *Service) Len() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.byID)
}

// Delete removes a watch of owner and its feed.
func (s *Service) Delete(owner, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.byID[id]
	if !ok || c.watch.Owner != owner {
		return ErrNotFound
	}
	if err := s.watches.Append(watchRecord{Delete: id}); err != nil {
		return err
	}
	s.perc.remove(c)
	delete(s.byID, id)
	s.delivery.forget(id)
	s.feed.forget(id)
	return nil
}

// public is a watch as it may be shown: without its secret.
func public(w Watch) Watch {
	if w.Webhook != nil {
		w.Webhook = &Webhook{URL: w.Webhook.URL}
	}
	return w
}

// lookup returns a watch with its secret, whoever owns it.
func (s *Service) lookup(id string) (Watch, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	c, ok := s.byID[id]
	if !ok {
		return Watch{}, false
	}
	return c.watch, true
}

// newID is a random watch ID: 16 hexadecimal digits.
func newID() string {
	var b [8]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read does not fail
	return "w" + hex.EncodeToString(b[:])
}
