package index_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/fahras/fahras/index"
)

// TestTopByDateIsExhaustive compares TopByDate with bleve's search of
// the same words and dates in PublishedSort and IDSort order, which sees
// every match: random words, spans and filters, newest and oldest first,
// pages and cursors, on one and two shards, before and after deletions.
func TestTopByDateIsExhaustive(t *testing.T) {
	for _, shards := range []int{1, 2} {
		ix := demoIndex(t, shards)
		ctx := context.Background()
		stems := vocabulary(t, ix, index.FieldBody)
		first, last, _, err := ix.PublishedSpan()
		if err != nil {
			t.Fatal(err)
		}
		rng := rand.New(rand.NewPCG(5, uint64(shards)))
		days := int(last.Sub(first).Hours()/24) + 2
		day := func() time.Time { return first.AddDate(0, 0, rng.IntN(days)-1) }
		filters := []query.Query{nil, func() query.Query {
			q := query.NewTermQuery("وكالة الرافدين")
			q.SetField(index.FieldSource)
			return q
		}()}
		paged, cursored := 0, 0
		check := func(label string) {
			for n := range 300 {
				var q index.DateQuery
				for range 1 + rng.IntN(3) {
					s := stems[rng.IntN(min(80, len(stems)))]
					q.Words = append(q.Words, index.RankedWord{Terms: []index.RankedTerm{{Field: index.FieldTitle, Term: s, Boost: 1}, {Field: index.FieldBody, Term: s, Boost: 1}}})
				}
				switch n % 3 {
				case 0:
					q.From = day()
				case 1:
					q.To = day()
				default:
					q.From = day()
					q.To = q.From.AddDate(0, 0, rng.IntN(days))
				}
				q.Filter = filters[n%5/4]
				q.Desc = n%2 == 0
				from, size := []int{0, 0, 1, 3}[n%4], []int{1, 2, 3, 10}[n/4%4]
				want := exhaustiveByDate(t, ix, q, from, size)
				name := fmt.Sprintf("%s, %d shards, query %d (%v to %v, desc %v, filter %v), from %d size %d", label, shards, n, q.From, q.To, q.Desc, q.Filter != nil, from, size)
				got, err := ix.TopByDate(ctx, q, from, size, 0)
				if err != nil {
					t.Fatal(err)
				}
				sameDated(t, name, got, want)
				if got.Total != want.Total || !got.TotalExact {
					t.Errorf("%s: total %d (exact %v), bleve %d", name, got.Total, got.TotalExact, want.Total)
				}
				if want.Total > uint64(from+size) {
					paged++
				}
				// The page after the first hit, by cursor.
				if len(want.Hits) > 0 {
					h := want.Hits[0]
					q.After, q.AfterKey, q.AfterID = true, h.Sort[0], h.ID
					got, err := ix.TopByDate(ctx, q, 0, size, 2)
					if err != nil {
						t.Fatal(err)
					}
					after := exhaustiveByDate(t, ix, q, 0, size)
					sameDated(t, name+", after its first hit", got, after)
					if total := min(want.Total, 2); got.Total != total || got.TotalExact != (want.Total <= 2) {
						t.Errorf("%s, after its first hit, limit 2: total %d (exact %v), bleve %d", name, got.Total, got.TotalExact, want.Total)
					}
					cursored++
				}
			}
		}
		check("all articles")
		if _, err := ix.Delete(ctx, "demo-j003", "demo-j011", "a1"); err != nil {
			t.Fatal(err)
		}
		check("after deleting three")
		if paged < 100 || cursored < 200 {
			t.Errorf("%d shards: only %d searches had more matches than their page, %d a cursor", shards, paged, cursored)
		}
	}
}

// exhaustiveByDate is bleve's answer to q: every match, in date and then
// ID order.
func exhaustiveByDate(t *testing.T, ix *index.Index, q index.DateQuery, from, size int) *bleve.SearchResult {
	t.Helper()
	var words []query.Query
	for _, w := range q.Words {
		for _, term := range w.Terms {
			tq := query.NewTermQuery(term.Term)
			tq.SetField(term.Field)
			words = append(words, tq)
		}
	}
	must := []query.Query{query.NewDisjunctionQuery(words), index.PublishedRange(q.From, q.To)}
	if q.Filter != nil {
		must = append(must, q.Filter)
	}
	req := bleve.NewSearchRequestOptions(query.NewConjunctionQuery(must), size, from, false)
	ps := &index.PublishedSort{Desc: q.Desc}
	if q.After {
		ps.After(q.AfterKey, q.AfterID)
	}
	req.SortByCustom(bsearch.SortOrder{ps, &index.IDSort{}})
	req.Score = bleve.ScoreNone
	res, err := ix.Search(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	// A cursor's search counts what follows it; the total of the query is
	// that of the search without it.
	if q.After {
		all := q
		all.After = false
		res.Total = exhaustiveByDate(t, ix, all, 0, 0).Total
	}
	return res
}

func sameDated(t *testing.T, label string, got *index.DateResult, want *bleve.SearchResult) {
	t.Helper()
	if len(got.Hits) != len(want.Hits) {
		t.Errorf("%s: %d hits, bleve %d", label, len(got.Hits), len(want.Hits))
		return
	}
	for i, h := range want.Hits {
		g := got.Hits[i]
		if g.ID != h.ID || g.Sort[0] != h.Sort[0] || g.DecodedSort[0] != h.DecodedSort[0] || g.DecodedSort[1] != h.ID {
			t.Errorf("%s: hit %d is %s (%q %v), bleve's %s (%q %v)", label, i, g.ID, g.Sort[0], g.DecodedSort, h.ID, h.Sort[0], h.DecodedSort)
		}
	}
}
