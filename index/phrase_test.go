package index_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/fahras/fahras/analyzers"
	"github.com/fahras/fahras/index"
	"github.com/fahras/fahras/index/democorpus"
)

// demoPhrases returns runs of one to four consecutive words, as the exact
// analyzer writes them, of the demo articles' titles and bodies: phrases
// that are in the index.
func demoPhrases(t *testing.T, rng *rand.Rand, n int) [][]string {
	t.Helper()
	f, err := democorpus.FS().Open("articles.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	text, err := io.ReadAll(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	exact := analyzers.New(analyzers.Exact, nil)
	var texts [][]string
	for line := range strings.Lines(string(text)) {
		var a struct{ Title, Body string }
		if err := json.Unmarshal([]byte(line), &a); err != nil {
			t.Fatal(err)
		}
		for _, s := range []string{a.Title, a.Body} {
			var terms []string
			for _, tok := range exact.Analyze([]byte(s)) {
				terms = append(terms, string(tok.Term))
			}
			if len(terms) >= 4 {
				texts = append(texts, terms)
			}
		}
	}
	// The word pairs in most articles, as queries are: half of the
	// phrases are among them, the rest are anywhere.
	pairs := map[string]int{}
	for _, terms := range texts {
		for i := 0; i+1 < len(terms); i++ {
			pairs[terms[i]+" "+terms[i+1]]++
		}
	}
	var common []string
	for p, c := range pairs {
		if c >= 3 {
			common = append(common, p)
		}
	}
	slices.Sort(common)
	if len(common) < 20 {
		t.Fatalf("only %d word pairs are in three texts", len(common))
	}
	var out [][]string
	for i := range n {
		if i%2 == 0 {
			out = append(out, strings.Fields(common[rng.IntN(len(common))]))
			continue
		}
		terms := texts[rng.IntN(len(texts))]
		size := 1 + rng.IntN(4)
		at := rng.IntN(len(terms) - size + 1)
		out = append(out, terms[at:at+size])
	}
	return out
}

// exhaustivePhrase is bleve's answer to q: every match scored, best
// first, ties by ID.
func exhaustivePhrase(t *testing.T, ix *index.Index, q index.PhraseQuery, from, size int) *bleve.SearchResult {
	t.Helper()
	req := bleve.NewSearchRequestOptions(q.Query(), size, from, false)
	req.SortByCustom(bsearch.SortOrder{&bsearch.SortScore{Desc: true}, &bsearch.SortDocID{}})
	res, err := ix.Search(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestTopPhraseIsExhaustive compares TopPhrase with bleve's exhaustive
// search over hundreds of phrases of the demo articles, and of words
// that are in many articles but seldom next to each other, in the title
// and the body or in one of them, on one and two shards, with and
// without filters, at page sizes where the page's threshold prunes: the
// same documents in the same order with the same scores, and the same
// totals.
func TestTopPhraseIsExhaustive(t *testing.T) {
	for _, shards := range []int{1, 2} {
		ix := demoIndex(t, shards)
		rng := rand.New(rand.NewPCG(11, uint64(shards)))
		phrases := demoPhrases(t, rng, 300)
		frequent := vocabulary(t, ix, index.FieldBodyExact)[:60]
		for range 100 {
			// Frequent words in a random order: both in many articles,
			// rarely one after the other.
			phrases = append(phrases, []string{frequent[rng.IntN(len(frequent))], frequent[rng.IntN(len(frequent))]})
		}
		filters := []query.Query{
			nil,
			index.PublishedRange(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), time.Time{}),
			func() query.Query {
				q := query.NewTermQuery("وكالة الرافدين")
				q.SetField(index.FieldSource)
				return q
			}(),
		}
		pruned, absent := 0, 0
		for n, words := range phrases {
			var q index.PhraseQuery
			switch n % 4 {
			case 0:
				q.Fields = []index.PhraseField{{Field: index.FieldBodyExact, Terms: words, Boost: 1.6}}
			case 1:
				q.Fields = []index.PhraseField{{Field: index.FieldTitleExact, Terms: words, Boost: 3}}
			default:
				q.Fields = []index.PhraseField{
					{Field: index.FieldTitleExact, Terms: words, Boost: 3},
					{Field: index.FieldBodyExact, Terms: words, Boost: 1.6},
				}
			}
			q.Filter = filters[n%len(filters)]
			from, size := []int{0, 0, 0, 1, 3}[n%5], []int{1, 2, 3, 5, 10}[n/5%5]
			want := exhaustivePhrase(t, ix, q, from, size)
			label := fmt.Sprintf("%d shards, phrase %d %q in %d fields, filter %d, from %d size %d", shards, n, words, len(q.Fields), n%len(filters), from, size)
			for _, limit := range []int{0, 3} {
				got, err := ix.TopPhrase(context.Background(), q, from, size, limit)
				if err != nil {
					t.Fatal(err)
				}
				total, exact := want.Total, true
				if limit > 0 && total > uint64(limit) {
					total, exact = uint64(limit), false
				}
				if got.Total != total || got.TotalExact != exact {
					t.Errorf("%s, limit %d: total %d (exact %v), bleve %d", label, limit, got.Total, got.TotalExact, want.Total)
				}
				if len(got.Hits) != len(want.Hits) {
					t.Errorf("%s, limit %d: %d hits, bleve %d", label, limit, len(got.Hits), len(want.Hits))
					continue
				}
				for i, h := range want.Hits {
					if got.Hits[i].ID != h.ID || got.Hits[i].Score != h.Score {
						t.Errorf("%s, limit %d: hit %d is %s (%v), bleve's %s (%v)", label, limit, i, got.Hits[i].ID, got.Hits[i].Score, h.ID, h.Score)
					}
				}
			}
			if want.Total > uint64(from+size) {
				pruned++
			}
			if want.Total == 0 {
				absent++
			}
		}
		if pruned < 30 || absent < 30 || len(phrases)-absent < 100 {
			t.Errorf("%d shards: %d phrases had more matches than their page, %d none: too easy a test", shards, pruned, absent)
		}
		t.Logf("%d shards: %d phrases, %d with more matches than their page, %d with none", shards, len(phrases), pruned, absent)
	}
}

func TestPhraseQueryValidate(t *testing.T) {
	field := func(terms ...string) index.PhraseField {
		return index.PhraseField{Field: index.FieldBodyExact, Terms: terms, Boost: 1}
	}
	for _, c := range []struct {
		name string
		q    index.PhraseQuery
		ok   bool
	}{
		{"two words", index.PhraseQuery{Fields: []index.PhraseField{field("مجلس", "الامن")}}, true},
		{"no fields", index.PhraseQuery{}, false},
		{"no words", index.PhraseQuery{Fields: []index.PhraseField{field()}}, false},
		{"an empty word", index.PhraseQuery{Fields: []index.PhraseField{field("مجلس", "")}}, false},
		{"zero boost", index.PhraseQuery{Fields: []index.PhraseField{{Field: index.FieldBodyExact, Terms: []string{"مجلس"}}}}, false},
		{"33 words", index.PhraseQuery{Fields: []index.PhraseField{field(strings.Fields(strings.Repeat("كلمة ", 33))...)}}, false},
	} {
		if err := c.q.Validate(); (err == nil) != c.ok {
			t.Errorf("%s: error %v", c.name, err)
		}
	}
}

// TestFacetCountsOfPhrase counts the facets of a phrase's matches as
// the walk over bleve's phrase search counts them: phrases of the demo
// articles and pairs that are seldom phrases, in one or two fields, with
// and without filters, before and after deletions.
func TestFacetCountsOfPhrase(t *testing.T) {
	ix := demoIndex(t, 2)
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(13, 17))
	phrases := demoPhrases(t, rng, 60)
	frequent := vocabulary(t, ix, index.FieldBodyExact)[:40]
	for range 20 {
		phrases = append(phrases, []string{frequent[rng.IntN(len(frequent))], frequent[rng.IntN(len(frequent))]})
	}
	_, last, _, err := ix.PublishedSpan()
	if err != nil {
		t.Fatal(err)
	}
	since := last.AddDate(0, -3, 0)
	filter := index.PublishedRange(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), time.Time{})
	check := func(label string) {
		counted := 0
		for n, words := range phrases {
			q := index.PhraseQuery{Fields: []index.PhraseField{
				{Field: index.FieldTitleExact, Terms: words, Boost: 3},
				{Field: index.FieldBodyExact, Terms: words, Boost: 1.6},
			}}
			if n%3 == 0 {
				q.Fields = q.Fields[1:]
			}
			if n%2 == 1 {
				q.Filter = filter
			}
			want, err := ix.FacetCounts(ctx, q.Query(), since)
			if err != nil {
				t.Fatal(err)
			}
			got, err := ix.FacetCountsOfPhrase(ctx, q, since)
			if err != nil {
				t.Fatal(err)
			}
			if got.Matches != want.Matches || got.Recent != want.Recent || !reflect.DeepEqual(got.All(), want.All()) {
				t.Errorf("%s, phrase %d %q: %d matches, %d recent, %d values; walking %d, %d, %d", label, n, words, got.Matches, got.Recent, len(got.All()), want.Matches, want.Recent, len(want.All()))
			}
			if want.Matches > 0 {
				counted++
			}
		}
		if counted < 30 {
			t.Errorf("%s: only %d phrases matched", label, counted)
		}
	}
	check("all articles")
	if _, err := ix.Delete(ctx, "demo-j004", "demo-j009", "a1"); err != nil {
		t.Fatal(err)
	}
	check("after deleting three")
}
