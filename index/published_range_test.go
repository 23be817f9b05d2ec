package index

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2/search/query"
)

// describe lists a range query's parts as field:min..max.
func describe(q query.Query) string {
	var parts []query.Query
	switch v := q.(type) {
	case *query.DisjunctionQuery:
		parts = v.Disjuncts
	default:
		parts = []query.Query{q}
	}
	var out []string
	for _, p := range parts {
		switch v := p.(type) {
		case *query.TermRangeQuery:
			lo, hi := v.Min, v.Max
			if v.FieldVal == FieldPublished {
				lo, hi = "T", "T" // one term per article: only the field matters here
			}
			out = append(out, fmt.Sprintf("%s:%s..%s", v.FieldVal, lo, hi))
		case *query.MatchNoneQuery:
			out = append(out, "none")
		default:
			out = append(out, fmt.Sprintf("%T", p))
		}
	}
	return strings.Join(out, " ")
}

func TestPublishedRangeUsesFewTerms(t *testing.T) {
	day := func(s string) time.Time {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	endOf := func(s string) time.Time { return day(s).Add(24*time.Hour - time.Nanosecond) }
	at := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		name     string
		from, to time.Time
		want     string
	}{
		{"four months", day("2018-07-19"), endOf("2018-11-19"),
			"facet:d/2018-07-19..d/2018-07-31 month:2018-08..2018-10 facet:d/2018-11-01..d/2018-11-19"},
		{"whole years", day("2016-01-01"), endOf("2018-12-31"), "year:2016..2018"},
		{"years and months", day("2016-11-01"), endOf("2018-02-28"),
			"month:2016-11..2016-12 year:2017..2017 month:2018-01..2018-02"},
		{"one day", day("2018-03-14"), endOf("2018-03-14"), "facet:d/2018-03-14..d/2018-03-14"},
		{"inside a day", at("2018-03-14T08:00:00Z"), at("2018-03-14T20:00:00Z"), "published:T..T"},
		{"cut days at both ends", at("2018-03-14T08:00:00Z"), at("2018-03-16T20:00:00Z"),
			"published:T..T facet:d/2018-03-15..d/2018-03-15 published:T..T"},
		{"from only", day("2018-03-01"), time.Time{}, "month:2018-03..2018-12 year:2019..2261"},
		{"reversed", day("2018-03-02"), endOf("2018-03-01"), "none"},
	}
	for _, tt := range tests {
		if got := describe(PublishedRange(tt.from, tt.to)); got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, got, tt.want)
		}
	}
}
