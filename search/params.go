package search

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// The parameters of a request are described once, here: every front door
// (the GET query string, the POST body, the command line's flags and the
// OpenAPI document) is derived from these tables, and every check and
// default lives in them or in Request.normalize, which reports an *Error.

// Kind is the type of a parameter's values.
type Kind string

// Kinds of parameters.
const (
	KindString Kind = "string"
	KindInt    Kind = "integer"
	KindBool   Kind = "boolean"
	// KindDate is an ISO date (YYYY-MM-DD) or an RFC 3339 time.
	KindDate Kind = "date"
	// KindEnum is one of Param.Enum.
	KindEnum Kind = "enum"
)

// Param describes one request parameter: its name (the query-string
// parameter, the JSON field and, with '_' as '-', the command-line flag),
// its type, whether it may be given several times, its default and
// limits, and what it does.
type Param struct {
	Name string
	Kind Kind
	// Repeatable parameters take several values (?place=a&place=b, a
	// JSON array, a repeated flag); a comma also separates values when
	// Comma is set.
	Repeatable bool
	Comma      bool
	// Default is the value used when the parameter is absent, as text
	// ("" for none).
	Default string
	// Min and Max bound an integer; MaxValues bounds how many values a
	// repeatable parameter may have; MaxLen bounds a string's length in
	// characters. Zero means no bound.
	Min, Max  int
	MaxValues int
	MaxLen    int
	// Enum lists the values a KindEnum parameter accepts.
	Enum []string
	Doc  string
}

// Flag is the command-line flag of the parameter (without the dashes).
func (p Param) Flag() string { return strings.ReplaceAll(p.Name, "_", "-") }

// value is one parameter's checked values.
type value struct {
	strs []string
	n    int
	b    bool
	t    time.Time
}

func (v value) str() string {
	if len(v.strs) == 0 {
		return ""
	}
	return v.strs[0]
}

// field ties a parameter to where its value goes in T.
type field[T any] struct {
	Param
	set func(dst *T, v value)
}

// ParamSet is the parameters of one kind of request, decoded into T.
type ParamSet[T any] struct {
	fields []field[T]
	// check fills defaults and checks the request as a whole.
	check func(*T) error
}

// Params lists the parameters in the order they are documented.
func (s *ParamSet[T]) Params() []Param {
	out := make([]Param, len(s.fields))
	for i, f := range s.fields {
		out[i] = f.Param
	}
	return out
}

// Param returns the parameter with the name.
func (s *ParamSet[T]) Param(name string) (Param, bool) {
	for _, f := range s.fields {
		if f.Name == name {
			return f.Param, true
		}
	}
	return Param{}, false
}

// Parse reads a request from query-string values: unknown parameters, a
// parameter given twice that may be given once, and values of the wrong
// type are refused. Parameters not given take their defaults.
func (s *ParamSet[T]) Parse(values url.Values) (T, error) {
	var dst T
	for name := range values {
		if _, ok := s.Param(name); !ok {
			return dst, s.unknown("parameter", name)
		}
	}
	for _, f := range s.fields {
		vals := values[f.Name]
		if len(vals) == 0 {
			if f.Default == "" {
				continue
			}
			vals = []string{f.Default}
		}
		v, err := f.read(vals)
		if err != nil {
			return dst, err
		}
		f.set(&dst, v)
	}
	if s.check != nil {
		if err := s.check(&dst); err != nil {
			return dst, err
		}
	}
	return dst, nil
}

// ParseJSON reads a request from a JSON object whose fields are the
// parameters: strings for strings and dates, numbers for integers, true
// or false for booleans, and arrays of strings for repeatable parameters.
func (s *ParamSet[T]) ParseJSON(body []byte) (T, error) {
	var zero T
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var raw map[string]json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return zero, JSONError(body, err)
	}
	if raw == nil {
		return zero, badParam("", "invalid_type", "the body must be a JSON object, not null")
	}
	if _, err := dec.Token(); err != io.EOF {
		return zero, badParam("", "malformed_json", "the body holds more data after its JSON object")
	}
	values := url.Values{}
	for name, msg := range raw {
		p, ok := s.Param(name)
		if !ok {
			return zero, s.unknown("field", name)
		}
		vals, err := p.fromJSON(msg)
		if err != nil {
			return zero, err
		}
		if vals != nil {
			values[name] = vals
		}
	}
	return s.Parse(values)
}

func (s *ParamSet[T]) unknown(what, name string) error {
	names := make([]string, 0, len(s.fields))
	for _, f := range s.fields {
		names = append(names, f.Name)
	}
	return badParam(name, "unknown_"+what, "unknown %s %q; the %ss are %s", what, name, what, strings.Join(names, ", "))
}

// JSONError explains, in words a user can act on, why a body did not
// decode as JSON: where the fault is, or what the body is instead of an
// object.
func JSONError(body []byte, err error) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		line, col := position(body, syntax.Offset)
		return badParam("", "malformed_json", "the body is not valid JSON: unexpected character at line %d, column %d", line, col)
	case errors.As(err, &typ):
		return badParam("", "invalid_type", "the body must be a JSON object, not %s", jsonKind(typ.Value))
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return badParam("", "malformed_json", "the body ends in the middle of its JSON value")
	}
	return badParam("", "malformed_json", "the body is not valid JSON")
}

// position gives the line and column (from 1, in characters) of a byte
// offset; encoding/json's offsets point just past the faulty byte.
func position(b []byte, off int64) (line, col int) {
	off = min(max(off-1, 0), int64(len(b)))
	before := b[:off]
	line = bytes.Count(before, []byte("\n")) + 1
	col = utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:]) + 1
	return line, col
}

func jsonKind(v string) string {
	switch v {
	case "array":
		return "an array"
	case "number", "string":
		return "a " + v
	case "bool":
		return "true or false"
	}
	return v
}

// fromJSON turns a JSON field into the parameter's text values; null is
// the parameter absent.
func (p Param) fromJSON(msg json.RawMessage) ([]string, error) {
	var v any
	dec := json.NewDecoder(bytes.NewReader(msg))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return nil, badParam(p.Name, "malformed_json", "field %q is not valid JSON", p.Name)
	}
	if v == nil {
		return nil, nil
	}
	one := func(x any) (string, error) {
		switch x := x.(type) {
		case string:
			if p.Kind == KindInt || p.Kind == KindBool {
				break
			}
			return x, nil
		case json.Number:
			if p.Kind == KindInt {
				return x.String(), nil
			}
		case bool:
			if p.Kind == KindBool {
				return strconv.FormatBool(x), nil
			}
		}
		return "", badParam(p.Name, "invalid_type", "field %q must be %s", p.Name, p.jsonType())
	}
	arr, isArray := v.([]any)
	switch {
	case isArray && !p.Repeatable:
		return nil, badParam(p.Name, "invalid_type", "field %q must be %s, not an array", p.Name, p.jsonType())
	case !isArray && p.Repeatable:
		return nil, badParam(p.Name, "invalid_type", "field %q must be an array of strings", p.Name)
	}
	if isArray {
		out := make([]string, 0, len(arr))
		for _, x := range arr {
			s, err := one(x)
			if err != nil {
				return nil, badParam(p.Name, "invalid_type", "field %q must be an array of strings", p.Name)
			}
			out = append(out, s)
		}
		return out, nil
	}
	s, err := one(v)
	if err != nil {
		return nil, err
	}
	return []string{s}, nil
}

func (p Param) jsonType() string {
	switch {
	case p.Repeatable:
		return "an array of strings"
	case p.Kind == KindInt:
		return "a number"
	case p.Kind == KindBool:
		return "true or false"
	}
	return "a string"
}

// read checks the text values of one parameter against its description.
func (p Param) read(vals []string) (value, error) {
	if !p.Repeatable {
		if len(vals) > 1 {
			return value{}, badParam(p.Name, "invalid_parameter", "%s may be given only once", p.Name)
		}
		s := strings.TrimSpace(vals[0])
		if !utf8.ValidString(s) {
			return value{}, badParam(p.Name, "invalid_utf8", "%s is not valid UTF-8", p.Name)
		}
		if p.MaxLen > 0 && utf8.RuneCountInString(s) > p.MaxLen {
			return value{}, badParam(p.Name, "too_long", "%s may be at most %d characters", p.Name, p.MaxLen)
		}
		return p.scalar(s)
	}
	var out value
	for _, v := range vals {
		parts := []string{v}
		if p.Comma {
			parts = strings.Split(v, ",")
		}
		for _, s := range parts {
			if s = strings.TrimSpace(s); s == "" {
				continue
			}
			if !utf8.ValidString(s) {
				return value{}, badParam(p.Name, "invalid_utf8", "%s is not valid UTF-8", p.Name)
			}
			if p.Kind == KindEnum && !slices.Contains(p.Enum, s) {
				return value{}, badParam(p.Name, "invalid_"+p.Name, "%s must be among %s, not %q", p.Name, strings.Join(p.Enum, ", "), s)
			}
			out.strs = append(out.strs, s)
		}
	}
	if p.MaxValues > 0 && len(out.strs) > p.MaxValues {
		return value{}, badParam(p.Name, "too_many_values", "%s may have at most %d values", p.Name, p.MaxValues)
	}
	return out, nil
}

func (p Param) scalar(s string) (value, error) {
	v := value{strs: []string{s}}
	switch p.Kind {
	case KindInt:
		if s == "" {
			return value{}, nil
		}
		n, err := strconv.Atoi(s)
		if err != nil {
			return value{}, badParam(p.Name, "invalid_type", "%s must be a whole number, not %q", p.Name, s)
		}
		if p.Min != 0 || p.Max != 0 {
			if n < p.Min || n > p.Max {
				return value{}, badParam(p.Name, "invalid_"+p.Name, "%s must be between %d and %d, not %d", p.Name, p.Min, p.Max, n)
			}
		}
		v.n = n
	case KindBool:
		if s == "" {
			v.b = true // "?no_facets" alone means true
			break
		}
		b, err := strconv.ParseBool(s)
		if err != nil {
			return value{}, badParam(p.Name, "invalid_type", "%s must be true or false, not %q", p.Name, s)
		}
		v.b = b
	case KindDate:
		if s == "" {
			return value{}, nil
		}
		t, err := ParseDate(s, false)
		if err != nil {
			return value{}, badParam(p.Name, "invalid_date", "%s: %v", p.Name, err)
		}
		v.t = t
	case KindEnum:
		if s != "" && !slices.Contains(p.Enum, s) {
			return value{}, badParam(p.Name, "invalid_"+p.Name, "%s must be %s, not %q", p.Name, orList(p.Enum), s)
		}
	}
	return v, nil
}

// orList joins values as "a, b or c".
func orList(vs []string) string {
	if len(vs) < 2 {
		return strings.Join(vs, "")
	}
	return strings.Join(vs[:len(vs)-1], ", ") + " or " + vs[len(vs)-1]
}

// ParseDate reads an ISO date (YYYY-MM-DD) or an RFC 3339 time; a date
// that does not exist is named as such. With endOfDay, a date stands for
// its last instant.
func ParseDate(s string, endOfDay bool) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, nil
	}
	y, m, d, ok := isoParts(s)
	if !ok {
		if len(s) > 10 && s[10] == 'T' {
			return time.Time{}, fmt.Errorf("%q is not an RFC 3339 time such as 2024-02-29T14:30:00Z", s)
		}
		return time.Time{}, fmt.Errorf("%q is not a date of the form YYYY-MM-DD", s)
	}
	if m < 1 || m > 12 {
		return time.Time{}, fmt.Errorf("%s does not exist: there is no month %d", s, m)
	}
	last := time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
	if d < 1 || d > last {
		return time.Time{}, fmt.Errorf("%s does not exist: %s %d has %d days", s, time.Month(m), y, last)
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if endOfDay {
		t = t.Add(24*time.Hour - time.Nanosecond)
	}
	return t, nil
}

// isoParts splits YYYY-MM-DD into numbers without checking their ranges.
func isoParts(s string) (y, m, d int, ok bool) {
	if len(s) != len("2006-01-02") || s[4] != '-' || s[7] != '-' {
		return 0, 0, 0, false
	}
	num := func(part string) int {
		n := 0
		for i := 0; i < len(part); i++ {
			c := part[i]
			if c < '0' || c > '9' {
				return -1
			}
			n = n*10 + int(c-'0')
		}
		return n
	}
	y, m, d = num(s[:4]), num(s[5:7]), num(s[8:])
	return y, m, d, y >= 0 && m >= 0 && d >= 0
}

// Error is a request the engine refuses: Code is stable for API clients,
// Param names the parameter at fault ("" for the request as a whole),
// and Message says what to change.
type Error struct {
	Code    string
	Param   string
	Message string
}

func (e *Error) Error() string { return e.Message }

func badParam(param, code, format string, args ...any) error {
	return &Error{Code: code, Param: param, Message: fmt.Sprintf(format, args...)}
}

// Limits on a request.
const (
	DefaultSize = 10
	MaxSize     = 100
	// MaxWindow is how deep page/size paging may reach; beyond it, page
	// with the search_after cursor.
	MaxWindow = 10000
	// DefaultFacetSize and MaxFacetSize bound the values listed per facet.
	DefaultFacetSize = 20
	MaxFacetSize     = 500
	// MaxFilterValues bounds the values of one filter.
	MaxFilterValues = 100
	// MaxQueryRunes is the longest query.
	MaxQueryRunes = 1000
	// DefaultSuggest and MaxSuggest bound the completions of a prefix.
	DefaultSuggest = 8
	MaxSuggest     = 20
	// MaxSuggestRunes is the longest text to complete.
	MaxSuggestRunes = 200
)

// Sort orders.
const (
	SortRelevance = "relevance"
	SortNewest    = "newest"
	SortOldest    = "oldest"
)

// filterFields are the query and filters, shared by searches and facet
// value lists.
func filterFields[T any](req func(*T) *Request) []field[T] {
	list := func(name, doc string, dst func(*Request) *[]string) field[T] {
		return field[T]{
			Param: Param{Name: name, Kind: KindString, Repeatable: true, MaxValues: MaxFilterValues, Doc: doc},
			set:   func(t *T, v value) { *dst(req(t)) = v.strs },
		}
	}
	return []field[T]{
		{Param{Name: "q", Kind: KindString, MaxLen: MaxQueryRunes,
			Doc: "the query: words, \"phrases\", -exclusions, OR, prefix*, fuzzy~ and field:scopes; empty lists articles newest first"},
			func(t *T, v value) { req(t).Query = v.str() }},
		{Param{Name: "from", Kind: KindDate, Doc: "published on or after this day (YYYY-MM-DD or RFC 3339)"},
			func(t *T, v value) { req(t).From = v.str() }},
		{Param{Name: "to", Kind: KindDate, Doc: "published on or before this day (YYYY-MM-DD or RFC 3339), inclusive"},
			func(t *T, v value) { req(t).To = v.str() }},
		list("place", "only articles about one of these places: gazetteer IDs or names, at any level", func(r *Request) *[]string { return &r.Places }),
		list("country", "only articles about one of these countries: ISO 3166-1 alpha-2 codes or names", func(r *Request) *[]string { return &r.Countries }),
		list("source", "only articles from one of these sources", func(r *Request) *[]string { return &r.Sources }),
		list("category", "only articles of one of these categories", func(r *Request) *[]string { return &r.Categories }),
		list("author", "only articles by one of these authors", func(r *Request) *[]string { return &r.Authors }),
		{Param{Name: "now", Kind: KindDate, Doc: "the reference time of the recent date ranges (last 24 hours…); default the present"},
			func(t *T, v value) { req(t).Now = v.t }},
	}
}

// SearchParams are the parameters of a search: GET /search, the body of
// POST /search and the flags of `fahras search`.
var SearchParams = &ParamSet[Request]{
	fields: append(filterFields(func(r *Request) *Request { return r }), []field[Request]{
		{Param{Name: "sort", Kind: KindEnum, Enum: []string{SortRelevance, SortNewest, SortOldest},
			Doc: "the order of the hits; default relevance, newest for an empty query"},
			func(r *Request, v value) { r.Sort = v.str() }},
		{Param{Name: "size", Kind: KindInt, Default: strconv.Itoa(DefaultSize), Min: 1, Max: MaxSize, Doc: "hits per page"},
			func(r *Request, v value) { r.Size = v.n }},
		{Param{Name: "page", Kind: KindInt, Default: "1", Min: 1, Max: MaxWindow,
			Doc: fmt.Sprintf("the page, from 1; page × size may not exceed %d (page deeper with search_after)", MaxWindow)},
			func(r *Request, v value) { r.Page = v.n }},
		{Param{Name: "search_after", Kind: KindString, Repeatable: true, Comma: true, MaxValues: 3,
			Doc: "the cursor returned with the previous page (its values, comma-separated or repeated); replaces page"},
			func(r *Request, v value) { r.SearchAfter = v.strs }},
		{Param{Name: "facets", Kind: KindEnum, Repeatable: true, Comma: true, Enum: FacetNames(),
			Doc: "count only these facets (comma-separated or repeated); default all"},
			func(r *Request, v value) { r.Facets = v.strs }},
		{Param{Name: "facet_size", Kind: KindInt, Default: strconv.Itoa(DefaultFacetSize), Min: 1, Max: MaxFacetSize,
			Doc: "values listed per facet (per level of the place tree)"},
			func(r *Request, v value) { r.FacetSize = v.n }},
		{Param{Name: "no_facets", Kind: KindBool, Doc: "count no facets"},
			func(r *Request, v value) { r.NoFacets = v.b }},
		{Param{Name: "fields", Kind: KindEnum, Repeatable: true, Comma: true, Enum: HitFields(),
			Doc: "return only these fields of each hit (comma-separated or repeated; the id always); default all"},
			func(r *Request, v value) { r.Fields = v.strs }},
		{Param{Name: "no_highlight", Kind: KindBool, Doc: "no snippets with highlighted words"},
			func(r *Request, v value) { r.NoHighlight = v.b }},
		{Param{Name: "exact_total", Kind: KindBool, Doc: "count every match; by default a ranked query's total is exact up to 10000 and a lower bound beyond (total_relation gte)"},
			func(r *Request, v value) { r.ExactTotal = v.b }},
		{Param{Name: "collapse", Kind: KindEnum, Enum: []string{CollapseStory},
			Doc: "story: one hit per story, the best-ranked of its versions, with the number of matching versions and their sources; the total and the facets still count articles; not with search_after"},
			func(r *Request, v value) { r.Collapse = v.str() }},
		{Param{Name: "explain_expansion", Kind: KindBool, Doc: "return the query's expansion: the words searched with their other spellings (mined from the index) or synonyms (the index's synonyms file), with their weights"},
			func(r *Request, v value) { r.ExplainExpansion = v.b }},
	}...),
	check: func(r *Request) error { return r.normalize() },
}

// FacetRequest asks for the values of one facet (GET /facets/{facet}).
type FacetRequest struct {
	// Facet is the facet's API name (see Facets).
	Facet string
	// Prefix keeps the values one of whose words starts with it (for a
	// place, any of its Arabic or English names).
	Prefix string
	// Level keeps the places of one level (country, division or city).
	Level string
	Size  int
	// Request holds the query and filters the counts apply.
	Request Request
}

// FacetParams are the parameters of a facet's value list.
var FacetParams = &ParamSet[FacetRequest]{
	fields: append(filterFields(func(f *FacetRequest) *Request { return &f.Request }), []field[FacetRequest]{
		{Param{Name: "prefix", Kind: KindString, MaxLen: MaxSuggestRunes, Doc: "only values one of whose words starts with this"},
			func(f *FacetRequest, v value) { f.Prefix = v.str() }},
		{Param{Name: "level", Kind: KindEnum, Enum: placeLevels, Doc: "for places: only this level"},
			func(f *FacetRequest, v value) { f.Level = v.str() }},
		{Param{Name: "size", Kind: KindInt, Default: strconv.Itoa(DefaultFacetSize), Min: 1, Max: MaxFacetSize, Doc: "values listed"},
			func(f *FacetRequest, v value) { f.Size = v.n }},
	}...),
}

// SuggestRequest asks for completions of what has been typed so far.
type SuggestRequest struct {
	Text string
	Size int
}

// SuggestParams are the parameters of GET /suggest.
var SuggestParams = &ParamSet[SuggestRequest]{
	fields: []field[SuggestRequest]{
		{Param{Name: "q", Kind: KindString, MaxLen: MaxSuggestRunes, Doc: "the text typed so far; its last word is completed"},
			func(s *SuggestRequest, v value) { s.Text = v.str() }},
		{Param{Name: "size", Kind: KindInt, Default: strconv.Itoa(DefaultSuggest), Min: 1, Max: MaxSuggest, Doc: "completions listed"},
			func(s *SuggestRequest, v value) { s.Size = v.n }},
	},
}

// normalize fills the defaults of a request built in Go (a zero Size or
// Page is the default) and checks it whole: the same checks a request
// parsed from parameters passes.
func (r *Request) normalize() error {
	if r.Size == 0 {
		r.Size = DefaultSize
	}
	if r.Page == 0 {
		r.Page = 1
	}
	if r.FacetSize == 0 {
		r.FacetSize = DefaultFacetSize
	}
	for _, c := range []struct {
		name           string
		n, least, most int
	}{{"size", r.Size, 1, MaxSize}, {"page", r.Page, 1, MaxWindow}, {"facet_size", r.FacetSize, 1, MaxFacetSize}} {
		if c.n < c.least || c.n > c.most {
			return badParam(c.name, "invalid_"+c.name, "%s must be between %d and %d, not %d", c.name, c.least, c.most, c.n)
		}
	}
	// Compared by division: page × size overflows for hostile pages.
	if r.Page > MaxWindow/r.Size && len(r.SearchAfter) == 0 {
		return badParam("page", "page_too_deep", "page × size may not exceed %d; page deeper with the search_after cursor", MaxWindow)
	}
	if len(r.SearchAfter) > 0 && r.Page != 1 {
		return badParam("search_after", "invalid_page", "search_after and page cannot be combined")
	}
	switch r.Collapse {
	case "", CollapseStory:
	default:
		return badParam("collapse", "invalid_collapse", "collapse must be %s, not %q", CollapseStory, r.Collapse)
	}
	if r.Collapse != "" && len(r.SearchAfter) > 0 {
		return badParam("collapse", "invalid_collapse", "collapse cannot be combined with search_after; page collapsed results with page")
	}
	switch r.Sort {
	case "":
		if strings.TrimSpace(r.Query) == "" {
			r.Sort = SortNewest
		} else {
			r.Sort = SortRelevance
		}
	case SortRelevance, SortNewest, SortOldest:
	default:
		return badParam("sort", "invalid_sort", "sort must be relevance, newest or oldest, not %q", r.Sort)
	}
	for _, l := range []struct {
		name string
		vals []string
	}{{"place", r.Places}, {"country", r.Countries}, {"source", r.Sources}, {"category", r.Categories}, {"author", r.Authors}} {
		if len(l.vals) > MaxFilterValues {
			return badParam(l.name, "too_many_values", "%s may have at most %d values", l.name, MaxFilterValues)
		}
	}
	for _, f := range r.Facets {
		if _, ok := FacetNamed(f); !ok {
			return badParam("facets", "invalid_facets", "facets must be among %s, not %q", strings.Join(FacetNames(), ", "), f)
		}
	}
	for _, f := range r.Fields {
		if !slices.Contains(HitFields(), f) {
			return badParam("fields", "invalid_fields", "fields must be among %s, not %q", strings.Join(HitFields(), ", "), f)
		}
	}
	var from, to time.Time
	var err error
	if r.From != "" {
		if from, err = ParseDate(r.From, false); err != nil {
			return badParam("from", "invalid_date", "from: %v", err)
		}
	}
	if r.To != "" {
		if to, err = ParseDate(r.To, true); err != nil {
			return badParam("to", "invalid_date", "to: %v", err)
		}
	}
	if !from.IsZero() && !to.IsZero() && to.Before(from) {
		return badParam("to", "invalid_date", "from (%s) is after to (%s)", r.From, r.To)
	}
	if r.Now.IsZero() {
		r.Now = time.Now()
	}
	return nil
}
