package index

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// FacetTally holds the facet values counted for one query: how many of
// its matching documents have each value.
type FacetTally struct {
	values   []string // by ordinal, with their prefix
	byPrefix map[string][]uint32
	counts   []uint64 // by ordinal
	// Recent is the number of matches published at or after the time
	// the count was asked for (the "last 24 hours").
	Recent uint64
	// Matches is the number of documents counted.
	Matches uint64
}

// facetPrefix is the prefix of a FieldFacet value ("d/", "p/"…), or "".
func facetPrefix(v string) string {
	if len(v) >= 2 && v[1] == '/' {
		return v[:2]
	}
	return ""
}

// Each calls fn with every value of the prefix (without the prefix) that
// the query's matches have, and their number.
func (t *FacetTally) Each(prefix string, fn func(value string, n uint64)) {
	for _, ord := range t.byPrefix[prefix] {
		if int(ord) < len(t.counts) && t.counts[ord] > 0 {
			fn(t.values[ord][len(prefix):], t.counts[ord])
		}
	}
}

// All returns every value counted, with its prefix.
func (t *FacetTally) All() map[string]uint64 {
	out := make(map[string]uint64)
	for ord, n := range t.counts {
		if n > 0 {
			out[t.values[ord]] = n
		}
	}
	return out
}

// FacetCounts counts, over all shards, the values of the facet field of
// the documents matching q, and those published at or after since (when
// not zero). Shards are counted in parallel.
func (ix *Index) FacetCounts(ctx context.Context, q query.Query, since time.Time) (*FacetTally, error) {
	perShard := make([]*shardCounter, len(ix.shards))
	errs := make([]error, len(ix.shards))
	var wg sync.WaitGroup
	for i, shard := range ix.shards {
		wg.Go(func() {
			adv, err := shard.Advanced()
			if err != nil {
				errs[i] = fmt.Errorf("facet counts, shard %d: %w", i, err)
				return
			}
			reader, err := adv.Reader()
			if err != nil {
				errs[i] = fmt.Errorf("facet counts, shard %d: %w", i, err)
				return
			}
			defer reader.Close()
			if perShard[i], err = ix.countShard(ctx, reader, q, since); err != nil {
				errs[i] = fmt.Errorf("facet counts, shard %d: %w", i, err)
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return ix.tally(perShard...), nil
}

// tally sums the shards' counts.
func (ix *Index) tally(perShard ...*shardCounter) *FacetTally {
	ix.facets.mu.Lock()
	t := &FacetTally{values: ix.facets.values, byPrefix: make(map[string][]uint32, len(ix.facets.byPrefix))}
	for prefix, ords := range ix.facets.byPrefix {
		t.byPrefix[prefix] = ords
	}
	ix.facets.mu.Unlock()
	t.counts = make([]uint64, len(t.values))
	for _, c := range perShard {
		for ord, n := range c.counts[:min(len(c.counts), len(t.counts))] {
			t.counts[ord] += n
		}
		t.Recent += c.recent
		t.Matches += c.matches
	}
	return t
}

// countShard counts the facet values of one shard's matches, by ordinal.
func (ix *Index) countShard(ctx context.Context, reader bleveindex.IndexReader, q query.Query, since time.Time) (*shardCounter, error) {
	c, err := ix.newShardCounter(reader, since)
	if err != nil {
		return nil, err
	}
	searcher, err := q.Searcher(ctx, reader, ix.mapping, search.SearcherOptions{Score: "none"})
	if err != nil {
		return nil, err
	}
	defer searcher.Close()
	sctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(searcher.DocumentMatchPoolSize(), 0)}
	for n := 0; ; n++ {
		if n%1024 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		dm, err := searcher.Next(sctx)
		if err != nil {
			return nil, err
		}
		if dm == nil {
			break
		}
		c.add(dm.IndexInternalID)
		sctx.DocumentMatchPool.Put(dm)
	}
	return c, nil
}
