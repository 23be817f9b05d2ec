package index

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// PublishedSpan returns the earliest and latest publication dates of the
// index's articles, from the date columns (ok is false when no article
// has a date). Deleted articles may widen it.
func (ix *Index) PublishedSpan() (first, last time.Time, ok bool, err error) {
	var lo, hi string
	for i, shard := range ix.shards {
		adv, err := shard.Advanced()
		if err != nil {
			return first, last, false, fmt.Errorf("published span, shard %d: %w", i, err)
		}
		reader, err := adv.Reader()
		if err != nil {
			return first, last, false, fmt.Errorf("published span, shard %d: %w", i, err)
		}
		snapshot, isScorch := reader.(*scorch.IndexSnapshot)
		if !isScorch {
			reader.Close()
			return first, last, false, fmt.Errorf("published span, shard %d: reader %T is not a scorch snapshot", i, reader)
		}
		for _, ss := range snapshot.Segments() {
			col, err := ix.facets.column(ss.Segment())
			if err != nil {
				reader.Close()
				return first, last, false, fmt.Errorf("published span, shard %d: %w", i, err)
			}
			f, l := col.span()
			if f != "" && (lo == "" || f < lo) {
				lo = f
			}
			if l > hi {
				hi = l
			}
		}
		reader.Close()
	}
	if lo == "" {
		return first, last, false, nil
	}
	return publishedTime(lo), publishedTime(hi), true, nil
}

// publishedTime is the time of a publication key.
func publishedTime(key string) time.Time {
	return time.Unix(0, int64(binary.BigEndian.Uint64([]byte(key))^1<<63)).UTC()
}

// CountMatching counts the documents matching q, without scoring them, up
// to limit (exact is false when there are more; 0 counts them all).
// Shards are counted in parallel.
func (ix *Index) CountMatching(ctx context.Context, q query.Query, limit int) (n uint64, exact bool, err error) {
	counts := make([]uint64, len(ix.shards))
	exacts := make([]bool, len(ix.shards))
	errs := make([]error, len(ix.shards))
	var wg sync.WaitGroup
	for i, shard := range ix.shards {
		wg.Go(func() {
			adv, err := shard.Advanced()
			if err != nil {
				errs[i] = fmt.Errorf("count, shard %d: %w", i, err)
				return
			}
			var reader bleveindex.IndexReader
			if reader, err = adv.Reader(); err != nil {
				errs[i] = fmt.Errorf("count, shard %d: %w", i, err)
				return
			}
			defer reader.Close()
			counts[i], exacts[i], errs[i] = ix.countQuery(ctx, reader, q, limit)
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return 0, false, err
	}
	exact = true
	for i := range counts {
		n += counts[i]
		exact = exact && exacts[i]
	}
	if limit > 0 && n > uint64(limit) {
		return uint64(limit), false, nil
	}
	return n, exact, nil
}

// EstimateMatches is bleve's upper estimate of how many documents match
// q, from the postings' lengths, without walking them (a disjunction's is
// the sum of its clauses').
func (ix *Index) EstimateMatches(ctx context.Context, q query.Query) (uint64, error) {
	var n uint64
	for i, shard := range ix.shards {
		adv, err := shard.Advanced()
		if err != nil {
			return 0, fmt.Errorf("estimate, shard %d: %w", i, err)
		}
		reader, err := adv.Reader()
		if err != nil {
			return 0, fmt.Errorf("estimate, shard %d: %w", i, err)
		}
		s, err := q.Searcher(ctx, reader, ix.mapping, search.SearcherOptions{Score: "none"})
		if err != nil {
			reader.Close()
			return 0, fmt.Errorf("estimate, shard %d: %w", i, err)
		}
		n += s.Count()
		s.Close()
		reader.Close()
	}
	return n, nil
}
