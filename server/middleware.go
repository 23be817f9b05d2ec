package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"runtime/debug"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/klauspost/compress/gzhttp"
)

// reqInfo travels in a request's context so that the outer middleware
// learns what the router and the endpoint decided.
type reqInfo struct {
	id    string
	route string
}

type ctxKey struct{}

func info(ctx context.Context) *reqInfo {
	if ri, ok := ctx.Value(ctxKey{}).(*reqInfo); ok {
		return ri
	}
	return &reqInfo{}
}

// requestID is the ID of the request being served.
func requestID(ctx context.Context) string { return info(ctx).id }

// saneRequestID accepts a client's X-Request-ID of up to 128 letters,
// digits and - _ . : characters.
func saneRequestID(id string) bool {
	if id == "" || len(id) > 128 {
		return false
	}
	for _, c := range []byte(id) {
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			c == '-' || c == '_' || c == '.' || c == ':'
		if !ok {
			return false
		}
	}
	return true
}

func newRequestID() string {
	var b [12]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	return hex.EncodeToString(b[:])
}

// recorder remembers the status and size of a response.
type recorder struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (rec *recorder) WriteHeader(status int) {
	if rec.status == 0 {
		rec.status = status
	}
	rec.ResponseWriter.WriteHeader(status)
}

func (rec *recorder) Write(p []byte) (int, error) {
	if rec.status == 0 {
		rec.status = http.StatusOK
	}
	n, err := rec.ResponseWriter.Write(p)
	rec.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the connection's writer
// (for flushing and full-duplex bulk loads).
func (rec *recorder) Unwrap() http.ResponseWriter { return rec.ResponseWriter }

// contentSecurityPolicy lets the page load only its own files and call
// only its own server.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// maxLoggedPath is the longest path written to the log, in bytes.
const maxLoggedPath = 256

// logPath is a request's path as the log shows it: cut after
// maxLoggedPath bytes (at a character boundary), saying how much was cut,
// so that a hostile 10 KB path costs the log a line like any other.
func logPath(p string) string {
	if len(p) <= maxLoggedPath {
		return p
	}
	cut := maxLoggedPath
	for cut > 0 && !utf8.RuneStart(p[cut]) {
		cut--
	}
	return fmt.Sprintf("%s…(%d more bytes)", p[:cut], len(p)-cut)
}

// compressed answers in gzip the clients that accept it (by
// Accept-Encoding), for responses of 1 KB and more. Bulk results are
// streamed line by line and left alone.
func compressed(next http.Handler) (http.Handler, error) {
	wrap, err := gzhttp.NewWrapper(
		gzhttp.MinSize(1024),
		gzhttp.ExceptContentTypes([]string{"application/x-ndjson", "text/event-stream"}),
	)
	if err != nil {
		return nil, fmt.Errorf("compression: %w", err)
	}
	return wrap(next), nil
}

// wrap is the outermost layer: request ID, security headers, CORS,
// recovery, logging and request metrics.
func (s *Server) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		id := r.Header.Get("X-Request-ID")
		if !saneRequestID(id) {
			id = newRequestID()
		}
		ri := &reqInfo{id: id, route: "unmatched"}
		r = r.WithContext(context.WithValue(r.Context(), ctxKey{}, ri))
		h := w.Header()
		h.Set("X-Request-ID", id)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		rec := &recorder{ResponseWriter: w}

		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				s.log.Error("panic serving request", "request_id", id, "method", r.Method, "path", logPath(r.URL.Path),
					"panic", fmt.Sprint(p), "stack", string(debug.Stack()))
				if rec.status == 0 {
					writeJSON(rec, http.StatusInternalServerError, errorBody{Error: errorDetail{
						Code: "internal", Message: "internal server error (request " + id + ")"}})
				}
			}
			status := rec.status
			if status == 0 {
				status = http.StatusOK
			}
			elapsed := time.Since(start)
			s.metrics.observeRequest(ri.route, r.Method, status, elapsed.Seconds())
			s.log.Log(r.Context(), logLevel(status), "request",
				"request_id", id, "method", r.Method, "route", ri.route, "path", logPath(r.URL.Path),
				"status", status, "bytes", rec.bytes, "duration_ms", float64(elapsed.Microseconds())/1000,
				"remote", clientIP(r))
		}()

		if s.cors(rec, r) {
			return
		}
		next.ServeHTTP(rec, r)
	})
}

// cors adds the CORS headers for an allowed origin and answers preflight
// requests; it reports whether the request has been answered.
func (s *Server) cors(w http.ResponseWriter, r *http.Request) bool {
	origin := r.Header.Get("Origin")
	if origin == "" || len(s.cfg.CORSOrigins) == 0 {
		return false
	}
	h := w.Header()
	h.Add("Vary", "Origin")
	anyOrigin := slices.Contains(s.cfg.CORSOrigins, "*")
	if !anyOrigin && !slices.Contains(s.cfg.CORSOrigins, origin) {
		return false
	}
	if anyOrigin {
		h.Set("Access-Control-Allow-Origin", "*")
	} else {
		h.Set("Access-Control-Allow-Origin", origin)
	}
	h.Set("Access-Control-Expose-Headers", "X-Request-ID, Retry-After")
	if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
		ri := info(r.Context())
		ri.route = "preflight"
		h.Add("Vary", "Access-Control-Request-Method")
		h.Add("Vary", "Access-Control-Request-Headers")
		h.Set("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE")
		h.Set("Access-Control-Allow-Headers", "Authorization, Content-Type, X-Request-ID")
		h.Set("Access-Control-Max-Age", "600")
		w.WriteHeader(http.StatusNoContent)
		return true
	}
	return false
}

// endpoint is one route's handler: it returns an error for fail to answer.
type endpoint func(w http.ResponseWriter, r *http.Request) error

// route options.
type routeOpts struct {
	access   access
	deadline bool // run under the request timeout
}

// handle wraps an endpoint with the route's name for logs and metrics,
// query-string checks, rate limiting, authorization and the deadline.
func (s *Server) handle(template string, opts routeOpts, h endpoint) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		info(r.Context()).route = template
		if err := s.admit(w, r, opts.access); err != nil {
			s.fail(w, r, err)
			return
		}
		if err := checkQuery(r.URL.RawQuery); err != nil {
			s.fail(w, r, err)
			return
		}
		if opts.deadline {
			ctx, cancel := context.WithTimeout(r.Context(), s.cfg.RequestTimeout)
			defer cancel()
			r = r.WithContext(ctx)
		}
		if err := h(w, r); err != nil {
			s.fail(w, r, err)
		}
	})
}

// admit applies the rate limit (per key for a valid key, else per
// address) and the route's access rule.
func (s *Server) admit(w http.ResponseWriter, r *http.Request, need access) error {
	if need == open {
		return nil
	}
	got, sum := s.keys.identify(r)
	bucket, keyed := "ip:"+clientIP(r), false
	if got == readRole || got == writeRole {
		bucket, keyed = "key:"+hex.EncodeToString(sum[:8]), true
	}
	if wait := s.limits.allow(bucket, keyed, time.Now()); wait > 0 {
		w.Header().Set("Retry-After", retryAfter(wait))
		return errorf(http.StatusTooManyRequests, "rate_limited", "too many requests; retry in %s s", retryAfter(wait))
	}
	return s.keys.authorize(need, got)
}

// checkQuery rejects query strings that do not decode or are not UTF-8.
func checkQuery(raw string) error {
	if raw == "" {
		return nil
	}
	values, err := url.ParseQuery(raw)
	if err != nil {
		return errorf(http.StatusBadRequest, "invalid_query_string", "the query string does not decode: %v", err)
	}
	for k, vs := range values {
		if !utf8.ValidString(k) {
			return errorf(http.StatusBadRequest, "invalid_utf8", "a query parameter name is not valid UTF-8")
		}
		for _, v := range vs {
			if !utf8.ValidString(v) {
				return errorf(http.StatusBadRequest, "invalid_utf8", "query parameter %q is not valid UTF-8", k)
			}
		}
	}
	return nil
}

// allowedMethods lists the methods the router accepts for r's path.
func allowedMethods(match func(*http.Request) bool, r *http.Request) []string {
	var out []string
	for _, m := range []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodDelete} {
		probe := r.Clone(r.Context())
		probe.Method = m
		if match(probe) {
			out = append(out, m)
		}
	}
	return out
}

// notAllowed answers a known path with a method it does not take.
func (s *Server) notAllowed(match func(*http.Request) bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		allowed := allowedMethods(match, r)
		if len(allowed) > 0 {
			w.Header().Set("Allow", strings.Join(allowed, ", "))
		}
		s.fail(w, r, errorf(http.StatusMethodNotAllowed, "method_not_allowed",
			"%s is not allowed here; use %s", r.Method, strings.Join(allowed, " or ")))
	})
}

func (s *Server) notFound() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, errorf(http.StatusNotFound, "not_found", "no such route: %s", logPath(r.URL.Path)))
	})
}
