// Package server is fahras's HTTP API and web page.
//
// The JSON API lives under /api/v1: search (GET with query parameters or
// POST with a JSON body), suggestions, facet values, single-document
// reads and writes, a streamed NDJSON bulk load, text analysis, index
// statistics and the OpenAPI document. /healthz, /readyz and /metrics
// (Prometheus text) answer at the root as well as under /api/v1, and the
// search page is served at /.
//
// Every error is a JSON object {"error": {"code": "...", "message": "..."}}
// whose code is stable for clients. Writes need an API key; reads need one
// only when read keys are configured. Requests are rate limited per key and
// per client address, carry a request ID into the logs, and search
// requests run under a deadline.
package server

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"runtime"
	"sync/atomic"
	"time"

	"github.com/gorilla/mux"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/fahras/fahras/index"
	"github.com/fahras/fahras/index/article"
	"github.com/fahras/fahras/search"
	"github.com/fahras/fahras/watch"
)

// Defaults for the zero values of Config.
const (
	DefaultRequestTimeout  = 10 * time.Second
	DefaultRateLimit       = 50
	DefaultRateBurst       = 100
	DefaultKeyRateLimit    = 1000
	DefaultKeyRateBurst    = 2000
	DefaultMaxBodyBytes    = 10 << 20
	DefaultMaxBulkBytes    = 1 << 30
	DefaultBulkBatch       = 500
	DefaultBulkYield       = 100 * time.Millisecond
	DefaultShutdownTimeout = 30 * time.Second
	DefaultMaxQueuedSearch = 256
	DefaultSearchQueueWait = 2 * time.Second
)

// Searcher answers searches, completions, facet value lists and stories:
// *search.Engine, or a stand-in in tests.
type Searcher interface {
	Search(context.Context, search.Request) (*search.Result, error)
	Suggest(context.Context, search.SuggestRequest) ([]search.Completion, error)
	FacetValues(context.Context, search.FacetRequest) (*search.FacetValues, error)
	Story(ctx context.Context, id string) (*search.Story, error)
}

// Store keeps the articles: *index.Index, or a stand-in in tests.
type Store interface {
	Get(ctx context.Context, id string) (article.Article, error)
	Write(ctx context.Context, docs []index.Doc) ([]index.WriteResult, error)
	Delete(ctx context.Context, ids ...string) ([]string, error)
	Count() (uint64, error)
	SizeBytes() (int64, error)
	Shards() int
	LastUpdate() time.Time
	Meta() index.Meta
}

// Config configures a Server. Index, Engine and Enricher are required.
type Config struct {
	Index    Store
	Engine   Searcher
	Enricher *index.Enricher

	// WriteKeys may write (and read); with none, writes are refused.
	// ReadKeys, when set, are required for reads (a write key also
	// reads); with none, reads are open.
	WriteKeys []string
	ReadKeys  []string

	// CORSOrigins are the browser origins allowed to call the API
	// ("*" allows any); none means no cross-origin access.
	CORSOrigins []string

	// RequestTimeout bounds the work of one request, searches included
	// (bulk loads excepted). 0 means DefaultRequestTimeout.
	RequestTimeout time.Duration

	// RateLimit (requests per second) and RateBurst apply per client
	// address; KeyRateLimit and KeyRateBurst per API key. 0 means the
	// default; a negative rate means no limit.
	RateLimit    float64
	RateBurst    int
	KeyRateLimit float64
	KeyRateBurst int

	// MaxBodyBytes caps the body of a single-document, search or
	// analyze request, and one line of a bulk load; MaxBulkBytes caps
	// a whole bulk load. 0 means the defaults (10 MB, 1 GB).
	MaxBodyBytes int64
	MaxBulkBytes int64
	// BulkBatch is how many documents of a bulk load are written at
	// once. 0 means DefaultBulkBatch.
	BulkBatch int
	// BulkYield is how long a bulk load may pause, every ten articles,
	// while searches are running: readers come first on a small machine,
	// and the load catches up between searches. 0 means DefaultBulkYield;
	// negative never pauses.
	BulkYield time.Duration

	// MaxSearches is how many searches (search, suggest, facet values)
	// run at once; the others wait in a queue of at most MaxQueued, for
	// at most QueueWait, and are answered 503 with Retry-After beyond.
	// 0 means one per CPU (GOMAXPROCS), DefaultMaxQueuedSearch and
	// DefaultSearchQueueWait.
	MaxSearches int
	MaxQueued   int
	QueueWait   time.Duration

	// ShutdownTimeout bounds how long Serve waits for requests in
	// flight once its context is done. 0 means DefaultShutdownTimeout.
	ShutdownTimeout time.Duration

	// Page is the web page served at /; nil means the built-in page.
	Page fs.FS

	// Watches keeps the saved searches (the /watches routes); nil means
	// none are kept.
	Watches *watch.Service

	// Logger receives request logs; nil discards them.
	Logger *slog.Logger
}

// Server serves the API and the page. It is safe for concurrent use.
type Server struct {
	cfg      Config
	ix       Store
	engine   Searcher
	enricher *index.Enricher
	log      *slog.Logger

	keys       *keyring
	gate       *searchGate
	limits     *limiter
	metrics    *metrics
	router     *mux.Router
	handler    http.Handler
	openAPIDoc []byte
	ready      atomic.Bool

	// searching counts searches in progress; bulk loads yield to them.
	searching atomic.Int64
}

// yieldToSearches pauses a bulk load, up to max, while searches run: on a
// small machine readers come first, and a bulk load catches up when they
// pause.
func (s *Server) yieldToSearches(ctx context.Context, max time.Duration) {
	if max <= 0 {
		return
	}
	deadline := time.Now().Add(max)
	for s.searching.Load() > 0 && time.Now().Before(deadline) && ctx.Err() == nil {
		time.Sleep(time.Millisecond)
	}
}

// New checks the configuration and builds a server.
func New(cfg Config) (*Server, error) {
	if cfg.Index == nil || cfg.Engine == nil || cfg.Enricher == nil {
		return nil, errors.New("server: Index, Engine and Enricher are required")
	}
	positiveOr(&cfg.RequestTimeout, DefaultRequestTimeout)
	nonZeroOr(&cfg.RateLimit, DefaultRateLimit)
	positiveOr(&cfg.RateBurst, DefaultRateBurst)
	nonZeroOr(&cfg.KeyRateLimit, DefaultKeyRateLimit)
	positiveOr(&cfg.KeyRateBurst, DefaultKeyRateBurst)
	positiveOr(&cfg.MaxBodyBytes, DefaultMaxBodyBytes)
	positiveOr(&cfg.MaxBulkBytes, DefaultMaxBulkBytes)
	positiveOr(&cfg.BulkBatch, DefaultBulkBatch)
	nonZeroOr(&cfg.BulkYield, DefaultBulkYield)
	positiveOr(&cfg.ShutdownTimeout, DefaultShutdownTimeout)
	positiveOr(&cfg.MaxSearches, runtime.GOMAXPROCS(0))
	positiveOr(&cfg.MaxQueued, DefaultMaxQueuedSearch)
	positiveOr(&cfg.QueueWait, DefaultSearchQueueWait)
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	keys, err := newKeyring(cfg.WriteKeys, cfg.ReadKeys)
	if err != nil {
		return nil, fmt.Errorf("server: %w", err)
	}
	for _, o := range cfg.CORSOrigins {
		if o == "" {
			return nil, errors.New("server: empty CORS origin")
		}
	}
	s := &Server{
		cfg:      cfg,
		ix:       cfg.Index,
		engine:   cfg.Engine,
		enricher: cfg.Enricher,
		log:      cfg.Logger,
		keys:     keys,
		limits:   newLimiter(cfg.RateLimit, cfg.RateBurst, cfg.KeyRateLimit, cfg.KeyRateBurst),
		metrics:  newMetrics(cfg.Index),
		gate:     newSearchGate(cfg.MaxSearches, cfg.MaxQueued, cfg.QueueWait),
	}
	s.metrics.watchGate(s.gate)
	if s.openAPIDoc, err = openAPIDocument(openAPIFile); err != nil {
		return nil, fmt.Errorf("server: %w", err)
	}
	page, err := newPage(cfg.Page)
	if err != nil {
		return nil, fmt.Errorf("server: %w", err)
	}
	if s.handler, err = s.routes(page); err != nil {
		return nil, fmt.Errorf("server: %w", err)
	}
	return s, nil
}

// Handler is the server's whole HTTP handler: API, metrics and page.
func (s *Server) Handler() http.Handler { return s.handler }

// Registry is the Prometheus registry the server's metrics are in.
func (s *Server) Registry() *prometheus.Registry { return s.metrics.registry }

// Ready reports whether the index has been warmed (see Warm).
func (s *Server) Ready() bool { return s.ready.Load() }

// Warm runs one search with every facet and one suggestion, so that the
// index's files are read and its caches filled before the first real
// request, and then marks the server ready for /readyz.
func (s *Server) Warm(ctx context.Context) error {
	if _, err := s.engine.Search(ctx, search.Request{Size: 1}); err != nil {
		return fmt.Errorf("warm the index: %w", err)
	}
	if _, err := s.engine.Search(ctx, search.Request{Query: "العالم", Size: 1}); err != nil {
		return fmt.Errorf("warm the index: %w", err)
	}
	if _, err := s.engine.Suggest(ctx, search.SuggestRequest{Text: "ال", Size: 1}); err != nil {
		return fmt.Errorf("warm the index: %w", err)
	}
	s.ready.Store(true)
	return nil
}

// Serve answers requests on ln until ctx is done, then stops accepting
// connections and waits (up to the shutdown timeout) for requests in
// flight to finish. It returns nil after a clean shutdown.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    1 << 20,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	s.ready.Store(false)
	sctx, cancel := context.WithTimeout(context.Background(), s.cfg.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		srv.Close()
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}

// positiveOr sets *v to def when it is zero or negative (not set).
func positiveOr[T cmp.Ordered](v *T, def T) {
	var zero T
	if *v <= zero {
		*v = def
	}
}

// nonZeroOr sets *v to def when it is zero (not set); a negative value
// keeps its meaning (such as "no limit").
func nonZeroOr[T cmp.Ordered](v *T, def T) {
	var zero T
	if *v == zero {
		*v = def
	}
}
