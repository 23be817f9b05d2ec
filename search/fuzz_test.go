package search_test

import (
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/fahras/fahras/search"
)

// checkParsed holds a request that parsing accepted to the limits the
// parameter tables promise, and a refusal to the one error type.
func checkParsed(t *testing.T, input string, req search.Request, err error) {
	t.Helper()
	if err != nil {
		var se *search.Error
		if !errors.As(err, &se) || se.Code == "" || se.Message == "" {
			t.Fatalf("%q: refused with %T %v, want a *search.Error with a code and a message", input, err, err)
		}
		if strings.Contains(se.Message, "json:") || strings.Contains(se.Message, "strconv.") || strings.Contains(se.Message, "parsing time") {
			t.Fatalf("%q: message %q speaks the standard library's words", input, se.Message)
		}
		return
	}
	switch {
	case req.Size < 1 || req.Size > search.MaxSize:
		t.Fatalf("%q: accepted size %d", input, req.Size)
	case req.Page < 1 || req.Page > search.MaxWindow/req.Size && len(req.SearchAfter) == 0:
		t.Fatalf("%q: accepted page %d with size %d", input, req.Page, req.Size)
	case req.FacetSize < 1 || req.FacetSize > search.MaxFacetSize:
		t.Fatalf("%q: accepted facet_size %d", input, req.FacetSize)
	case req.Sort != search.SortRelevance && req.Sort != search.SortNewest && req.Sort != search.SortOldest:
		t.Fatalf("%q: accepted sort %q", input, req.Sort)
	case len(req.Places) > search.MaxFilterValues || len(req.SearchAfter) > 3:
		t.Fatalf("%q: accepted %d places, %d cursor values", input, len(req.Places), len(req.SearchAfter))
	}
	for _, d := range []string{req.From, req.To} {
		if d != "" {
			if _, err := search.ParseDate(d, false); err != nil {
				t.Fatalf("%q: accepted the date %q: %v", input, d, err)
			}
		}
	}
}

// FuzzSearchParams feeds hostile query strings to the parameter table.
func FuzzSearchParams(f *testing.F) {
	for _, s := range []string{
		"q=%D9%86%D9%81%D8%B7&size=5&page=2",
		"from=2024-02-30&to=2024-13-01",
		"facets=dates,places&fields=title,url&search_after=MS41,eA",
		"no_facets&no_highlight=false&sort=newest&now=2024-03-01T12:00:00Z",
		"size=99999999999999999999&page=-1&facet_size=0",
		"place=IQ&place=&place=%D8%A8%D8%BA%D8%AF%D8%A7%D8%AF&country=eg",
		"q=%FF%FE&qq=x",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		req, err := search.SearchParams.Parse(v)
		checkParsed(t, raw, req, err)
	})
}

// FuzzSearchParamsJSON feeds hostile bodies to POST /search's reader.
func FuzzSearchParamsJSON(f *testing.F) {
	for _, s := range []string{
		`{"q":"نفط","place":["IQ"],"size":5,"no_facets":true,"now":"2024-03-01"}`,
		`{"size":5.5,"page":1e400}`,
		`{"q":["a"],"country":"EG"}`,
		`{"search_after":["AAAA","BBBB"],"page":2}`,
		`{"from":"2024-02-30"}`,
		`{"q":"x",}`,
		`[1]`, `null`, `{}`, `{"q":"x"} {}`, "{\"q\":\"\xff\"}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		req, err := search.SearchParams.ParseJSON(body)
		checkParsed(t, string(body), req, err)
	})
}

// FuzzParseDate checks that a date ParseDate accepts is the day it
// names, and that every refusal says why.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2024-02-29", "2024-02-30", "2020-13-45", "2018-03-14T09:30:00+03:00", "0000-00-00", "9999-12-31", "٢٠٢٤-٠٢-٢٩", "2024-2-9"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := search.ParseDate(s, false)
		if err != nil {
			if err.Error() == "" {
				t.Fatalf("%q: empty error", s)
			}
			return
		}
		if trimmed := strings.TrimSpace(s); len(trimmed) == len("2006-01-02") && d.Format("2006-01-02") != trimmed {
			t.Fatalf("%q read as %s", s, d.Format(time.RFC3339))
		}
	})
}
