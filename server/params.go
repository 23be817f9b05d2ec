package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/fahras/fahras/search"
)

// params reads a query string, refusing unknown and repeated parameters.
type params struct {
	values url.Values
	known  map[string]bool
}

func newParams(r *http.Request, known ...string) (*params, error) {
	p := &params{values: r.URL.Query(), known: map[string]bool{}}
	for _, k := range known {
		p.known[k] = true
	}
	for k := range p.values {
		if !p.known[k] {
			return nil, errorf(http.StatusBadRequest, "unknown_parameter", "unknown query parameter %q", k)
		}
	}
	return p, nil
}

// one returns a parameter given at most once.
func (p *params) one(name string) (string, error) {
	vs := p.values[name]
	if len(vs) > 1 {
		return "", errorf(http.StatusBadRequest, "invalid_parameter", "parameter %q may be given only once", name)
	}
	if len(vs) == 0 {
		return "", nil
	}
	return vs[0], nil
}

// list returns a repeatable parameter's non-empty values.
func (p *params) list(name string) []string {
	var out []string
	for _, v := range p.values[name] {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

func (p *params) int(name string) (int, error) {
	v, err := p.one(name)
	if err != nil || v == "" {
		return 0, err
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil {
		return 0, errorf(http.StatusBadRequest, "invalid_parameter", "parameter %q must be an integer, not %q", name, v)
	}
	return n, nil
}

func (p *params) bool(name string) (bool, error) {
	v, err := p.one(name)
	if err != nil {
		return false, err
	}
	if _, given := p.values[name]; !given {
		return false, nil
	}
	if v == "" {
		return true, nil // "?no_facets" alone means true
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, errorf(http.StatusBadRequest, "invalid_parameter", "parameter %q must be true or false, not %q", name, v)
	}
	return b, nil
}

// filterParams are the query-string names of a search's filters.
var filterParams = []string{"q", "from", "to", "place", "country", "source", "category", "author", "now"}

// searchParams are those of GET /search.
var searchParams = append([]string{"sort", "size", "page", "search_after", "facet_size", "no_facets", "no_highlight"}, filterParams...)

// filters fills the query and filters of req.
func (p *params) filters(req *search.Request) error {
	var err error
	for _, f := range []struct {
		name string
		dst  *string
	}{{"q", &req.Query}, {"from", &req.From}, {"to", &req.To}} {
		if *f.dst, err = p.one(f.name); err != nil {
			return err
		}
	}
	req.Places = p.list("place")
	req.Countries = p.list("country")
	req.Sources = p.list("source")
	req.Categories = p.list("category")
	req.Authors = p.list("author")
	now, err := p.one("now")
	if err != nil {
		return err
	}
	if req.Now, err = parseTime(now); err != nil {
		return err
	}
	return nil
}

// searchRequest builds a search from the query string of GET /search.
func (p *params) searchRequest() (search.Request, error) {
	var req search.Request
	if err := p.filters(&req); err != nil {
		return req, err
	}
	var err error
	if req.Sort, err = p.one("sort"); err != nil {
		return req, err
	}
	if req.Size, err = p.int("size"); err != nil {
		return req, err
	}
	if req.Page, err = p.int("page"); err != nil {
		return req, err
	}
	if req.FacetSize, err = p.int("facet_size"); err != nil {
		return req, err
	}
	if req.NoFacets, err = p.bool("no_facets"); err != nil {
		return req, err
	}
	if req.NoHighlight, err = p.bool("no_highlight"); err != nil {
		return req, err
	}
	for _, v := range p.values["search_after"] {
		req.SearchAfter = append(req.SearchAfter, strings.Split(v, ",")...)
	}
	return req, nil
}

// parseTime reads a reference time: RFC 3339 or YYYY-MM-DD; empty is zero.
func parseTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return time.Time{}, errorf(http.StatusBadRequest, "invalid_date", "now %q is neither RFC 3339 nor YYYY-MM-DD", s)
	}
	return t, nil
}

// checkJSONType refuses bodies declared as something other than JSON; a
// missing Content-Type is taken as JSON.
func checkJSONType(r *http.Request) error {
	ct := r.Header.Get("Content-Type")
	if ct == "" {
		return nil
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err == nil && (mt == "application/json" || strings.HasSuffix(mt, "+json")) {
		return nil
	}
	return errorf(http.StatusUnsupportedMediaType, "unsupported_media_type", "the body must be application/json, not %q", ct)
}

// readBody reads a whole request body of at most limit bytes and checks
// that it is UTF-8.
func readBody(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, error) {
	if r.ContentLength > limit {
		return nil, errorf(http.StatusRequestEntityTooLarge, "body_too_large", "the request body exceeds %d bytes", limit)
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, err
		}
		return nil, errorf(http.StatusBadRequest, "unreadable_body", "the request body could not be read: %v", err)
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, errorf(http.StatusBadRequest, "empty_body", "the request body is empty")
	}
	if !utf8.Valid(body) {
		return nil, errorf(http.StatusBadRequest, "invalid_utf8", "the request body is not valid UTF-8")
	}
	return body, nil
}

// decodeJSON reads a JSON body into v. Unknown fields, trailing data,
// wrong types and bad syntax are request errors.
func decodeJSON(w http.ResponseWriter, r *http.Request, limit int64, v any) error {
	if err := checkJSONType(r); err != nil {
		return err
	}
	body, err := readBody(w, r, limit)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return errorf(http.StatusBadRequest, "malformed_json", "the body holds data after its JSON value")
	}
	return nil
}

// jsonError turns a decoding error into a request error.
func jsonError(err error) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var tm *time.ParseError
	switch {
	case errors.As(err, &syntax):
		return errorf(http.StatusBadRequest, "malformed_json", "the body is not valid JSON: %v", err)
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			return errorf(http.StatusBadRequest, "invalid_type", "the body must be a JSON object, not %s", typ.Value)
		}
		return errorf(http.StatusBadRequest, "invalid_type", "field %q must be %s, not %s", field, jsonKind(typ.Type.String()), typ.Value)
	case errors.As(err, &tm):
		return errorf(http.StatusBadRequest, "invalid_date", "a time must be RFC 3339: %v", err)
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return errorf(http.StatusBadRequest, "malformed_json", "the body ends in the middle of its JSON value")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return errorf(http.StatusBadRequest, "unknown_field", "%s", strings.TrimPrefix(err.Error(), "json: "))
	}
	return errorf(http.StatusBadRequest, "malformed_json", "the body is not valid JSON: %v", err)
}

func jsonKind(goType string) string {
	switch {
	case strings.HasPrefix(goType, "[]"):
		return "an array"
	case strings.HasPrefix(goType, "int"), strings.HasPrefix(goType, "uint"), strings.HasPrefix(goType, "float"):
		return "a number"
	case goType == "string":
		return "a string"
	case goType == "bool":
		return "true or false"
	}
	return fmt.Sprintf("of type %s", goType)
}
