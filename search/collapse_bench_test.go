package search_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/fahras/fahras/search"
)

// BenchmarkCollapse measures searches collapsed by story against the same
// searches per article, over the ANT corpus:
//
//	flock /tmp/fahras-bench.lock go test -run '^$' -bench Collapse -benchtime 100x ./search/
func BenchmarkCollapse(b *testing.B) {
	eng := antIndex(b)
	now := time.Date(2018, 11, 1, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		name string
		req  search.Request
	}{
		{"words+facets", search.Request{Query: "أسعار النفط"}},
		{"word-newest", search.Request{Query: "الحكومة", Sort: search.SortNewest, NoFacets: true}},
		{"match-all+facets", search.Request{}},
		{"word-page-10", search.Request{Query: "الحكومة", Page: 10, NoFacets: true}},
	}
	for _, c := range cases {
		for _, collapse := range []string{"", search.CollapseStory} {
			name := c.name
			if collapse != "" {
				name += "/collapsed"
			}
			b.Run(name, func(b *testing.B) {
				req := c.req
				req.Now, req.Collapse = now, collapse
				lat := make([]time.Duration, 0, b.N)
				for b.Loop() {
					start := time.Now()
					if _, err := eng.Search(context.Background(), req); err != nil {
						b.Fatal(err)
					}
					lat = append(lat, time.Since(start))
				}
				slices.Sort(lat)
				b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
				b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
			})
		}
	}
}
