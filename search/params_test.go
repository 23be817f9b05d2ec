package search_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2/search/searcher"

	"github.com/fahras/fahras/search"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in       string
		endOfDay bool
		want     time.Time
		err      string
	}{
		{in: "2024-02-29", want: time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC)},
		{in: " 2024-02-29 ", endOfDay: true, want: time.Date(2024, 2, 29, 23, 59, 59, 999999999, time.UTC)},
		{in: "2018-03-14T09:30:00+03:00", want: time.Date(2018, 3, 14, 6, 30, 0, 0, time.UTC)},
		{in: "2024-02-30", err: "2024-02-30 does not exist: February 2024 has 29 days"},
		{in: "2023-02-29", err: "2023-02-29 does not exist: February 2023 has 28 days"},
		{in: "2020-13-45", err: "2020-13-45 does not exist: there is no month 13"},
		{in: "2020-04-31", err: "2020-04-31 does not exist: April 2020 has 30 days"},
		{in: "2020-00-10", err: "there is no month 0"},
		{in: "yesterday", err: `"yesterday" is not a date of the form YYYY-MM-DD`},
		{in: "14/03/2018", err: "is not a date of the form YYYY-MM-DD"},
		{in: "2018-03-14T25:00:00Z", err: "is not an RFC 3339 time"},
		{in: "٢٠٢٤-٠٢-٢٩", err: "is not a date of the form YYYY-MM-DD"},
	}
	for _, tc := range tests {
		got, err := search.ParseDate(tc.in, tc.endOfDay)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("ParseDate(%q) = %v, %v; want an error with %q", tc.in, got, err, tc.err)
			}
			continue
		}
		if err != nil || !got.Equal(tc.want) {
			t.Errorf("ParseDate(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
}

func TestSearchParamsParse(t *testing.T) {
	tests := []struct {
		name  string
		query string
		want  search.Request
	}{
		{"defaults", "", search.Request{Size: 10, Page: 1, FacetSize: 20, Sort: search.SortNewest}},
		{"filters repeat", "q=%D9%86%D9%81%D8%B7&place=IQ&place=%D8%A7%D9%84%D8%A8%D8%B5%D8%B1%D8%A9&source=a&country=eg",
			search.Request{Query: "نفط", Places: []string{"IQ", "البصرة"}, Countries: []string{"eg"}, Sources: []string{"a"},
				Size: 10, Page: 1, FacetSize: 20, Sort: search.SortRelevance}},
		{"lists by comma", "facets=dates,places&fields=title&fields=url&search_after=MS41,eA&sort=relevance",
			search.Request{Facets: []string{"dates", "places"}, Fields: []string{"title", "url"}, SearchAfter: []string{"MS41", "eA"},
				Size: 10, Page: 1, FacetSize: 20, Sort: search.SortRelevance}},
		{"a bare boolean is true", "no_facets&no_highlight=false&size=3&page=2",
			search.Request{NoFacets: true, Size: 3, Page: 2, FacetSize: 20, Sort: search.SortNewest}},
		{"dates", "from=2024-02-01&to=2024-02-29&now=2024-03-01T12:00:00Z",
			search.Request{From: "2024-02-01", To: "2024-02-29", Now: time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC),
				Size: 10, Page: 1, FacetSize: 20, Sort: search.SortNewest}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v, err := url.ParseQuery(tc.query)
			if err != nil {
				t.Fatal(err)
			}
			got, err := search.SearchParams.Parse(v)
			if err != nil {
				t.Fatalf("Parse(%s): %v", tc.query, err)
			}
			if tc.want.Now.IsZero() {
				got.Now = time.Time{}
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Parse(%s)\n got %+v\nwant %+v", tc.query, got, tc.want)
			}
		})
	}
}

func TestSearchParamsRefuse(t *testing.T) {
	tests := []struct {
		query, code, param, message string
	}{
		{"qq=x", "unknown_parameter", "qq", `unknown parameter "qq"; the parameters are q, from, to,`},
		{"size=2&size=3", "invalid_parameter", "size", "size may be given only once"},
		{"size=ten", "invalid_type", "size", `size must be a whole number, not "ten"`},
		{"size=101", "invalid_size", "size", "size must be between 1 and 100, not 101"},
		{"size=0", "invalid_size", "size", "size must be between 1 and 100, not 0"},
		{"page=0", "invalid_page", "page", "page must be between 1 and 10000, not 0"},
		{"page=500&size=100", "page_too_deep", "page", "page × size may not exceed 10000"},
		{"facet_size=501", "invalid_facet_size", "facet_size", "between 1 and 500"},
		{"sort=random", "invalid_sort", "sort", `sort must be relevance, newest or oldest, not "random"`},
		{"no_facets=maybe", "invalid_type", "no_facets", `no_facets must be true or false, not "maybe"`},
		{"from=2024-02-30", "invalid_date", "from", "from: 2024-02-30 does not exist: February 2024 has 29 days"},
		{"to=2024-13-01", "invalid_date", "to", "there is no month 13"},
		{"from=2024-03-01&to=2024-02-01", "invalid_date", "to", "from (2024-03-01) is after to (2024-02-01)"},
		{"now=soon", "invalid_date", "now", `now: "soon" is not a date`},
		{"facets=dates,planets", "invalid_facets", "facets", `facets must be among dates, places, sources, categories, authors, not "planets"`},
		{"fields=body", "invalid_fields", "fields", `not "body"`},
		{"search_after=a,b,c,d", "too_many_values", "search_after", "at most 3 values"},
		{"place=" + strings.Repeat("x,", 1) + strings.Repeat("&place=y", 100), "too_many_values", "place", "at most 100 values"},
		{"q=" + url.QueryEscape(strings.Repeat("ن", 1001)), "too_long", "q", "q may be at most 1000 characters"},
		{"q=%FF", "invalid_utf8", "q", "q is not valid UTF-8"},
	}
	for _, tc := range tests {
		v, err := url.ParseQuery(tc.query)
		if err != nil {
			t.Fatal(err)
		}
		_, err = search.SearchParams.Parse(v)
		var se *search.Error
		if !errors.As(err, &se) || se.Code != tc.code || se.Param != tc.param || !strings.Contains(se.Message, tc.message) {
			t.Errorf("Parse(%.60s) = %#v; want code %s, param %s, message with %q", tc.query, err, tc.code, tc.param, tc.message)
		}
	}
}

func TestSearchParamsJSON(t *testing.T) {
	got, err := search.SearchParams.ParseJSON([]byte(`{"q":"نفط","place":["IQ"],"country":["EG"],"size":5,"no_facets":true,"now":"2024-03-01","search_after":["MS41","eA"]}`))
	if err != nil {
		t.Fatal(err)
	}
	want := search.Request{Query: "نفط", Places: []string{"IQ"}, Countries: []string{"EG"}, Size: 5, Page: 1, FacetSize: 20,
		NoFacets: true, Sort: search.SortRelevance, Now: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), SearchAfter: []string{"MS41", "eA"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ParseJSON\n got %+v\nwant %+v", got, want)
	}
	// The POST body and the query string give the same request.
	v, _ := url.ParseQuery("q=%D9%86%D9%81%D8%B7&place=IQ&country=EG&size=5&no_facets=true&now=2024-03-01&search_after=MS41,eA")
	fromGET, err := search.SearchParams.Parse(v)
	if err != nil || !reflect.DeepEqual(fromGET, got) {
		t.Errorf("GET gives %+v, %v; POST %+v", fromGET, err, got)
	}

	for _, tc := range []struct{ body, code, message string }{
		{`{"size":"5"}`, "invalid_type", `field "size" must be a number`},
		{`{"size":5.5}`, "invalid_type", `size must be a whole number, not "5.5"`},
		{`{"country":"EG"}`, "invalid_type", `field "country" must be an array of strings`},
		{`{"q":["a"]}`, "invalid_type", `field "q" must be a string, not an array`},
		{`{"place":[1]}`, "invalid_type", `field "place" must be an array of strings`},
		{`{"no_facets":"yes"}`, "invalid_type", `field "no_facets" must be true or false`},
		{`{"query":"x"}`, "unknown_field", `unknown field "query"; the fields are q, from,`},
		{`{"q":"x"} {}`, "malformed_json", "more data after its JSON object"},
		{`{"q":"x",}`, "malformed_json", "the body is not valid JSON: unexpected character at line 1, column 10"},
		{"{\n\"q\": x}", "malformed_json", "line 2, column 6"},
		{`[1]`, "invalid_type", "the body must be a JSON object, not an array"},
		{`null`, "invalid_type", "the body must be a JSON object, not null"},
		{`{"q":"x"`, "malformed_json", "ends in the middle"},
		{`{"now":"2024-02-30"}`, "invalid_date", "2024-02-30 does not exist"},
	} {
		_, err := search.SearchParams.ParseJSON([]byte(tc.body))
		var se *search.Error
		if !errors.As(err, &se) || se.Code != tc.code || !strings.Contains(se.Message, tc.message) {
			t.Errorf("ParseJSON(%s) = %#v; want code %s with %q", tc.body, err, tc.code, tc.message)
		}
		if se != nil && (strings.Contains(se.Message, "json:") || strings.Contains(se.Message, "invalid character")) {
			t.Errorf("ParseJSON(%s): the message %q speaks encoding/json's words", tc.body, se.Message)
		}
	}
}

// Every parameter is described whole: a type, a doc, and the limits its
// kind needs.
func TestParamDescriptions(t *testing.T) {
	for name, params := range map[string][]search.Param{
		"search": search.SearchParams.Params(), "facets": search.FacetParams.Params(), "suggest": search.SuggestParams.Params(),
	} {
		seen := map[string]bool{}
		for _, p := range params {
			if seen[p.Name] {
				t.Errorf("%s: %s described twice", name, p.Name)
			}
			seen[p.Name] = true
			if p.Doc == "" || p.Kind == "" {
				t.Errorf("%s: %s lacks a doc or a kind", name, p.Name)
			}
			if p.Kind == search.KindInt && p.Max == 0 {
				t.Errorf("%s: integer %s has no upper bound", name, p.Name)
			}
			if p.Kind == search.KindEnum && len(p.Enum) == 0 {
				t.Errorf("%s: enum %s lists no values", name, p.Name)
			}
			if p.Repeatable && p.MaxValues == 0 && p.Kind != search.KindEnum {
				t.Errorf("%s: repeatable %s has no bound on its values", name, p.Name)
			}
		}
	}
	if p, _ := search.SuggestParams.Param("size"); p.Max != search.MaxSuggest {
		t.Errorf("suggest size is bounded by %d, the engine by %d", p.Max, search.MaxSuggest)
	}
}

func TestFacetAndFieldSelection(t *testing.T) {
	res := run(t, search.Request{Query: "البصرة", Facets: []string{"places", "sources"}, Fields: []string{"title", "url"}})
	if res.Facets == nil || res.Facets.Places == nil || res.Facets.Sources == nil {
		t.Fatalf("asked facets missing: %+v", res.Facets)
	}
	if res.Facets.Dates != nil || res.Facets.Categories != nil || res.Facets.Authors != nil {
		t.Errorf("facets not asked for are counted: %+v", res.Facets)
	}
	b, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	var raw struct {
		Facets map[string]json.RawMessage   `json:"facets"`
		Hits   []map[string]json.RawMessage `json:"hits"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatal(err)
	}
	if len(raw.Facets) != 2 {
		t.Errorf("facets in JSON: %s", b)
	}
	if len(raw.Hits) == 0 {
		t.Fatal("no hits")
	}
	for _, h := range raw.Hits {
		keys := []string{}
		for k := range h {
			keys = append(keys, k)
		}
		for _, k := range keys {
			if k != "id" && k != "score" && k != "title" && k != "url" {
				t.Errorf("hit field %q returned though not asked for: %s", k, b)
			}
		}
		if _, ok := h["title"]; !ok {
			t.Errorf("title not returned: %s", b)
		}
	}
	// Unselected, every facet and field is there.
	all := run(t, search.Request{Query: "البصرة"})
	if all.Facets.Dates == nil || all.Facets.Authors == nil || all.Hits[0].Snippet == "" || all.Hits[0].Places == nil {
		t.Errorf("default result lacks facets or fields: %+v", all)
	}
}

// Completions show words as the articles write them, not as the index
// folds them.
func TestSuggestSurfaceForms(t *testing.T) {
	comps, err := testEngine(t).Suggest(context.Background(), search.SuggestRequest{Text: "البص", Size: 5})
	if err != nil {
		t.Fatal(err)
	}
	saw := false
	for _, c := range comps {
		if c.Kind != "term" {
			continue
		}
		if strings.HasSuffix(c.Text, "ه") && strings.HasPrefix(c.Text, "البصر") {
			t.Errorf("folded spelling %q offered", c.Text)
		}
		if c.Text == "البصرة" {
			saw = true
		}
	}
	if !saw {
		t.Errorf("البصرة not offered: %+v", comps)
	}
	if _, err := testEngine(t).Suggest(context.Background(), search.SuggestRequest{Text: "ال", Size: 21}); err == nil {
		t.Error("a size over the limit was clamped silently")
	}
}

func TestEmptyQueryListsNewestFirst(t *testing.T) {
	res := run(t, search.Request{NoFacets: true, Size: 100})
	if res.Sort != search.SortNewest || res.Total == 0 || uint64(len(res.Hits)) != min(res.Total, 100) {
		t.Fatalf("empty query: sort %s, total %d, %d hits", res.Sort, res.Total, len(res.Hits))
	}
	for i := 1; i < len(res.Hits); i++ {
		a, b := res.Hits[i-1].Published, res.Hits[i].Published
		if a != nil && b != nil && a.Before(*b) {
			t.Errorf("hit %d (%v) is older than hit %d (%v)", i-1, a, i, b)
		}
	}
}

// Building an engine leaves bleve's process-wide settings alone: the
// expansion of prefixes is bounded by the engine, per query.
func TestNewChangesNoGlobalSetting(t *testing.T) {
	if _, err := testEngine(t).Search(context.Background(), search.Request{Query: "ال*", NoFacets: true}); err != nil {
		t.Fatalf("a short prefix: %v", err)
	}
	if searcher.DisjunctionMaxClauseCount != 0 {
		t.Errorf("bleve's clause limit was set to %d, not left at its default 0", searcher.DisjunctionMaxClauseCount)
	}
}
