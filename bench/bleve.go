package bench

import (
	"context"
	"fmt"
	"iter"
	"strconv"
	"time"

	"github.com/blevesearch/bleve/v2"
	blevequery "github.com/blevesearch/bleve/v2/search/query"

	"github.com/fahras/fahras/analyzers"
	"github.com/fahras/fahras/index/article"
)

// Bleve is the first anchor: bleve v2 with its default mapping (dynamic
// fields, stored, with term vectors, everything also in _all) whose default
// analyzer is bleve's own Arabic analyzer "ar" (Lucene's light10 chain).
// It is what a bleve user gets by naming the analyzer and nothing else.
//
// The equivalents of the mix's queries, as close as that mapping allows:
//   - words: a disjunction of a match query on title and one on body, ranked
//     by bleve's default scoring; a phrase: a match_phrase on each;
//   - highlighting: bleve's HTML highlighter on title and body;
//   - facets: term facets on source and category (their values pass through
//     the "ar" analyzer, a default-mapping limitation: multi-word sources
//     count by word) and a date-range facet with one bucket per year;
//     there are no place facets, the mapping knows no places;
//   - date filter: a date range query on published, sorted by -published;
//   - country filter: a required match query for the country's Arabic name;
//   - deep page: search_after with the sort values of the last hit of the
//     previous page (sort -published, _id).
type Bleve struct {
	Index bleve.Index
	// FirstYear and LastYear bound the date facet's yearly buckets.
	FirstYear, LastYear int
}

// bleveDoc is what the bleve anchor indexes of an article.
type bleveDoc struct {
	Title     string    `json:"title"`
	Body      string    `json:"body"`
	Source    string    `json:"source"`
	Category  string    `json:"category"`
	Published time.Time `json:"published"`
}

// IndexBleve creates a bleve index in dir (which must not exist) with the
// default mapping and the "ar" analyzer, and indexes articles in batches of
// 1,000. The articles' Published must be set.
func IndexBleve(ctx context.Context, dir string, articles iter.Seq[article.Article]) (*Bleve, IndexStats, error) {
	m := bleve.NewIndexMapping()
	m.DefaultAnalyzer = analyzers.NameBleveArabic
	ix, err := bleve.New(dir, m)
	if err != nil {
		return nil, IndexStats{}, fmt.Errorf("bleve: create %s: %w", dir, err)
	}
	b := &Bleve{Index: ix, FirstYear: 1 << 30, LastYear: -1}
	var stats IndexStats
	clock := startClock()
	batch := ix.NewBatch()
	for a := range articles {
		if err := ctx.Err(); err != nil {
			ix.Close()
			return nil, stats, err
		}
		doc := bleveDoc{Title: a.Title, Body: a.Body, Source: a.Source, Category: a.Category, Published: a.Published}
		if err := batch.Index(a.ID, doc); err != nil {
			ix.Close()
			return nil, stats, fmt.Errorf("bleve: index %s: %w", a.ID, err)
		}
		stats.Docs++
		stats.Bytes += TextBytes(a)
		if y := a.Published.Year(); !a.Published.IsZero() {
			b.FirstYear, b.LastYear = min(b.FirstYear, y), max(b.LastYear, y)
		}
		if batch.Size() >= 1000 {
			if err := ix.Batch(batch); err != nil {
				ix.Close()
				return nil, stats, fmt.Errorf("bleve: batch: %w", err)
			}
			batch = ix.NewBatch()
		}
	}
	if err := ix.Batch(batch); err != nil {
		ix.Close()
		return nil, stats, fmt.Errorf("bleve: batch: %w", err)
	}
	clock.stop(&stats)
	stats.SizeBytes = DirSize(dir)
	return b, stats, nil
}

// Name implements System.
func (b *Bleve) Name() string { return "bleve-ar" }

// Close closes the index.
func (b *Bleve) Close() error { return b.Index.Close() }

// Request is q as a bleve search request (without the cursor).
func (b *Bleve) Request(q Query) *bleve.SearchRequest {
	var must []blevequery.Query
	text := false
	switch {
	case q.Text != "" && q.Phrase:
		must = append(must, bleve.NewDisjunctionQuery(phraseOn("title", q.Text), phraseOn("body", q.Text)))
		text = true
	case q.Text != "":
		must = append(must, bleve.NewDisjunctionQuery(matchOn("title", q.Text), matchOn("body", q.Text)))
		text = true
	}
	if q.CountryName != "" {
		must = append(must, bleve.NewDisjunctionQuery(phraseOn("title", q.CountryName), phraseOn("body", q.CountryName)))
	}
	if !q.From.IsZero() || !q.To.IsZero() {
		yes := true
		dr := bleve.NewDateRangeInclusiveQuery(q.From, q.To.Add(24*time.Hour-time.Nanosecond), &yes, &yes)
		dr.SetField("published")
		must = append(must, dr)
	}
	var top blevequery.Query
	switch len(must) {
	case 0:
		top = bleve.NewMatchAllQuery()
	case 1:
		top = must[0]
	default:
		top = bleve.NewConjunctionQuery(must...)
	}
	req := bleve.NewSearchRequestOptions(top, PageSize, 0, false)
	req.Fields = []string{"title", "source", "category", "published"}
	if text {
		req.Highlight = bleve.NewHighlightWithStyle("html")
		req.Highlight.Fields = []string{"title", "body"}
	}
	if q.Newest {
		req.SortBy([]string{"-published", "_id"})
	} else {
		req.SortBy([]string{"-_score", "_id"})
	}
	if q.Facets {
		req.AddFacet("source", bleve.NewFacetRequest("source", 20))
		req.AddFacet("category", bleve.NewFacetRequest("category", 20))
		dates := bleve.NewFacetRequest("published", b.LastYear-b.FirstYear+1)
		for y := b.FirstYear; y <= b.LastYear; y++ {
			dates.AddDateTimeRange(strconv.Itoa(y), time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(y+1, 1, 1, 0, 0, 0, 0, time.UTC))
		}
		req.AddFacet("published", dates)
	}
	return req
}

func matchOn(field, text string) blevequery.Query {
	q := bleve.NewMatchQuery(text)
	q.SetField(field)
	return q
}

func phraseOn(field, text string) blevequery.Query {
	q := bleve.NewMatchPhraseQuery(text)
	q.SetField(field)
	return q
}

// Count implements System.
func (b *Bleve) Count(ctx context.Context, q Query) (int64, error) {
	req := b.Request(Query{Text: q.Text, Phrase: q.Phrase, From: q.From, To: q.To, CountryName: q.CountryName})
	req.Size, req.Fields, req.Highlight = 0, nil, nil
	res, err := b.Index.SearchInContext(ctx, req)
	if err != nil {
		return 0, err
	}
	return int64(res.Total), nil
}

// Prepare implements System.
//
// Each run builds its own request: bleve's sort fields keep state while a
// search runs, so one request cannot serve concurrent searches.
func (b *Bleve) Prepare(ctx context.Context, q Query, _ int) (Runner, error) {
	var after []string
	if q.Skip > 0 {
		walk := b.Request(Query{Text: q.Text, Phrase: q.Phrase, From: q.From, To: q.To, Newest: q.Newest, CountryName: q.CountryName})
		walk.Highlight, walk.Fields = nil, nil
		var after []string
		for seen := 0; seen < q.Skip; {
			walk.Size = min(100, q.Skip-seen)
			if after != nil {
				walk.SetSearchAfter(after)
			}
			res, err := b.Index.SearchInContext(ctx, walk)
			if err != nil {
				return nil, fmt.Errorf("page to hit %d: %w", seen, err)
			}
			if len(res.Hits) == 0 {
				return nil, fmt.Errorf("only %d hits, fewer than %d to skip", seen, q.Skip)
			}
			seen += len(res.Hits)
			after = res.Hits[len(res.Hits)-1].Sort
		}
	}
	return func(ctx context.Context, _ int) error {
		req := b.Request(q)
		if after != nil {
			req.SetSearchAfter(after)
		}
		_, err := b.Index.SearchInContext(ctx, req)
		return err
	}, nil
}
