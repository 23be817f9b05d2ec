package server

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/gorilla/mux"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/fahras/fahras/analyzers"
	"github.com/fahras/fahras/search"
)

// APIPrefix is where the JSON API is mounted.
const APIPrefix = "/api/v1"

// routes builds the router. Route templates name the routes in logs and
// metrics.
func (s *Server) routes(pg *page) (http.Handler, error) {
	r := mux.NewRouter()
	// Document IDs are opaque and may hold slashes: match on the escaped
	// path and unescape the ID ourselves.
	r.UseEncodedPath()

	add := func(method, path string, opts routeOpts, h endpoint) {
		r.Handle(path, s.handle(path, opts, h)).Methods(method)
	}
	reads := routeOpts{access: read, deadline: true}
	writes := routeOpts{access: write, deadline: true}

	api := APIPrefix
	add(http.MethodGet, api+"/search", reads, s.queue(s.getSearch))
	add(http.MethodPost, api+"/search", reads, s.queue(s.postSearch))
	add(http.MethodGet, api+"/suggest", reads, s.queue(s.suggest))
	add(http.MethodGet, api+"/facets/{facet}", reads, s.queue(s.facetValues))
	add(http.MethodGet, api+"/stories/{id}", reads, s.queue(s.getStory))
	add(http.MethodPost, api+"/analyze", reads, s.analyze)
	add(http.MethodGet, api+"/stats", reads, s.stats)

	add(http.MethodPost, api+"/documents", writes, s.postDocument)
	add(http.MethodPost, api+"/documents/bulk", routeOpts{access: write}, s.bulk)
	add(http.MethodGet, api+"/documents/{id}", reads, s.getDocument)
	add(http.MethodPut, api+"/documents/{id}", writes, s.putDocument)
	add(http.MethodDelete, api+"/documents/{id}", writes, s.deleteDocument)

	add(http.MethodGet, api+"/watches", reads, s.listWatches)
	add(http.MethodPost, api+"/watches", reads, s.createWatch)
	add(http.MethodGet, api+"/watches/{id}", reads, s.getWatch)
	add(http.MethodPut, api+"/watches/{id}", reads, s.replaceWatch)
	add(http.MethodDelete, api+"/watches/{id}", reads, s.deleteWatch)
	add(http.MethodGet, api+"/watches/{id}/matches", reads, s.watchMatches)
	add(http.MethodGet, api+"/watches/{id}/feed.atom", reads, s.watchAtom)
	add(http.MethodGet, api+"/watches/{id}/deliveries", reads, s.watchDeliveries)
	add(http.MethodGet, api+"/watches/{id}/events", routeOpts{access: read}, s.watchEvents)

	add(http.MethodGet, api+"/synonyms", reads, s.listSynonyms)
	add(http.MethodPost, api+"/synonyms", writes, s.addSynonym)
	add(http.MethodDelete, api+"/synonyms", writes, s.deleteSynonym)

	add(http.MethodGet, api+"/openapi.json", routeOpts{}, s.openAPI)
	for _, prefix := range []string{"", api} {
		add(http.MethodGet, prefix+"/healthz", routeOpts{}, s.healthz)
		add(http.MethodGet, prefix+"/readyz", routeOpts{}, s.readyz)
		add(http.MethodGet, prefix+"/metrics", routeOpts{}, s.promMetrics())
	}

	// The page: exact file names only, so unknown paths get JSON 404s.
	pageHandler := s.handle("/", routeOpts{}, pg.serve)
	r.Handle("/", pageHandler).Methods(http.MethodGet, http.MethodHead)
	for _, name := range pg.names() {
		r.Handle("/"+name, s.handle("/"+name, routeOpts{}, pg.serve)).Methods(http.MethodGet, http.MethodHead)
	}

	r.NotFoundHandler = s.notFound()
	r.MethodNotAllowedHandler = s.notAllowed(func(req *http.Request) bool {
		var m mux.RouteMatch
		return r.Match(req, &m) && m.MatchErr == nil
	})
	s.router = r
	gz, err := compressed(r)
	if err != nil {
		return nil, err
	}
	return s.wrap(gz), nil
}

func (s *Server) getSearch(w http.ResponseWriter, r *http.Request) error {
	req, err := search.SearchParams.Parse(r.URL.Query())
	if err != nil {
		return err
	}
	return s.runSearch(w, r, req)
}

func (s *Server) postSearch(w http.ResponseWriter, r *http.Request) error {
	if err := noParams(r); err != nil {
		return err
	}
	body, err := readJSONBody(w, r, s.cfg.MaxBodyBytes)
	if err != nil {
		return err
	}
	req, err := search.SearchParams.ParseJSON(body)
	if err != nil {
		return err
	}
	return s.runSearch(w, r, req)
}

func (s *Server) runSearch(w http.ResponseWriter, r *http.Request, req search.Request) error {
	start := time.Now()
	s.searching.Add(1)
	res, err := s.engine.Search(r.Context(), req)
	s.searching.Add(-1)
	err = late(r.Context(), err)
	outcome := "ok"
	if err != nil {
		outcome = "error"
	}
	s.metrics.searches.WithLabelValues(outcome).Observe(time.Since(start).Seconds())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, res)
	return nil
}

// suggestions is the body of GET /suggest.
type suggestions struct {
	Suggestions []search.Completion `json:"suggestions"`
}

func (s *Server) suggest(w http.ResponseWriter, r *http.Request) error {
	sr, err := search.SuggestParams.Parse(r.URL.Query())
	if err != nil {
		return err
	}
	list, err := s.engine.Suggest(r.Context(), sr)
	if err = late(r.Context(), err); err != nil {
		return err
	}
	if list == nil {
		list = []search.Completion{}
	}
	writeJSON(w, http.StatusOK, suggestions{list})
	return nil
}

func (s *Server) facetValues(w http.ResponseWriter, r *http.Request) error {
	facet, err := pathVar(r, "facet")
	if err != nil {
		return err
	}
	fr, err := search.FacetParams.Parse(r.URL.Query())
	if err != nil {
		return err
	}
	fr.Facet = facet
	values, err := s.engine.FacetValues(r.Context(), fr)
	if err = late(r.Context(), err); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, values)
	return nil
}

// analyzeRequest is the body of POST /analyze.
type analyzeRequest struct {
	Text     string `json:"text"`
	Analyzer string `json:"analyzer"`
}

func (s *Server) analyze(w http.ResponseWriter, r *http.Request) error {
	if err := noParams(r); err != nil {
		return err
	}
	var req analyzeRequest
	if err := decodeJSON(w, r, s.cfg.MaxBodyBytes, &req); err != nil {
		return err
	}
	name := req.Analyzer
	if name == "" {
		name = "ar"
	}
	an, err := lookupAnalyzer(name)
	if err != nil {
		return errorf(http.StatusBadRequest, "unknown_analyzer", "unknown analyzer %q; analyzers are %s",
			name, strings.Join(analyzers.Names(), ", "))
	}
	writeJSON(w, http.StatusOK, analyzers.Explain(an, req.Text))
	return nil
}

// lookupAnalyzer resolves a name without letting a misbehaving registry
// entry take the request down.
func lookupAnalyzer(name string) (an analysis.Analyzer, err error) {
	defer func() {
		if p := recover(); p != nil {
			an, err = nil, errorf(http.StatusBadRequest, "unknown_analyzer", "analyzer %q cannot be built", name)
		}
	}()
	return analyzers.Lookup(name, nil)
}

// statsJSON is the body of GET /stats.
type statsJSON struct {
	Documents       uint64    `json:"documents"`
	IndexSizeBytes  int64     `json:"index_size_bytes"`
	Shards          int       `json:"shards"`
	LastUpdate      time.Time `json:"last_update"`
	Created         time.Time `json:"created"`
	GazetteerPlaces int       `json:"gazetteer_places"`
}

func (s *Server) stats(w http.ResponseWriter, r *http.Request) error {
	if err := noParams(r); err != nil {
		return err
	}
	n, err := s.ix.Count()
	if err != nil {
		return err
	}
	size, err := s.ix.SizeBytes()
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, statsJSON{
		Documents: n, IndexSizeBytes: size, Shards: s.ix.Shards(),
		LastUpdate: s.ix.LastUpdate(), Created: s.ix.Meta().Created,
		GazetteerPlaces: s.enricher.Gazetteer().Len(),
	})
	return nil
}

func (s *Server) healthz(w http.ResponseWriter, _ *http.Request) error {
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	return nil
}

func (s *Server) readyz(w http.ResponseWriter, _ *http.Request) error {
	w.Header().Set("Cache-Control", "no-store")
	if !s.Ready() {
		return errorf(http.StatusServiceUnavailable, "not_ready", "the index is still being opened and warmed")
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
	return nil
}

func (s *Server) promMetrics() endpoint {
	h := promhttp.HandlerFor(s.metrics.registry, promhttp.HandlerOpts{
		ErrorLog: slogPrinter{s}, ErrorHandling: promhttp.ContinueOnError,
	})
	return func(w http.ResponseWriter, r *http.Request) error {
		h.ServeHTTP(w, r)
		return nil
	}
}

// slogPrinter passes promhttp's errors to the server's log.
type slogPrinter struct{ s *Server }

func (p slogPrinter) Println(v ...any) {
	p.s.log.Error("metrics", "err", strings.TrimSpace(fmt.Sprintln(v...)))
}

func (s *Server) openAPI(w http.ResponseWriter, _ *http.Request) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=300")
	_, _ = w.Write(s.openAPIDoc)
	return nil
}

// late turns an answer that arrived after the request's deadline into
// the deadline's error: over several shards, a shard that gave up on the
// deadline is left out of the result rather than failing it, so the
// result may be incomplete.
func late(ctx context.Context, err error) error {
	if err == nil && ctx.Err() != nil {
		return ctx.Err()
	}
	return err
}

// pathVar returns a path variable, unescaped and checked.
func pathVar(r *http.Request, name string) (string, error) {
	raw := mux.Vars(r)[name]
	v, err := url.PathUnescape(raw)
	if err != nil {
		return "", errorf(http.StatusBadRequest, "invalid_path", "the %s in the path does not decode: %v", name, err)
	}
	if !utf8.ValidString(v) {
		return "", errorf(http.StatusBadRequest, "invalid_utf8", "the %s in the path is not valid UTF-8", name)
	}
	return v, nil
}
