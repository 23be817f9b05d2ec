package index

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
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
// the sum of its clauses', a conjunction's too).
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
		// Scored options: unscored, bleve unites a disjunction's postings
		// into one bitmap whose searcher estimates nothing.
		s, err := q.Searcher(ctx, reader, ix.mapping, search.SearcherOptions{})
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

// DatesBefore returns the publication date T such that at least k
// articles (matching or not) were published from T to anchor, both
// included (from anchor to T, with after): how far back a window must
// reach to hold k articles. ok is false when fewer than k articles lie
// beyond the anchor that way. Found by bisection over the dates, counting
// each segment's sorted dates.
func (ix *Index) DatesBefore(anchor time.Time, k uint64, after bool) (t time.Time, ok bool, err error) {
	var dates [][]uint64
	for i, shard := range ix.shards {
		adv, err := shard.Advanced()
		if err != nil {
			return t, false, fmt.Errorf("dates, shard %d: %w", i, err)
		}
		reader, err := adv.Reader()
		if err != nil {
			return t, false, fmt.Errorf("dates, shard %d: %w", i, err)
		}
		snapshot, isScorch := reader.(*scorch.IndexSnapshot)
		if !isScorch {
			reader.Close()
			return t, false, fmt.Errorf("dates, shard %d: reader %T is not a scorch snapshot", i, reader)
		}
		for _, ss := range snapshot.Segments() {
			col, err := ix.facets.column(ss.Segment())
			if err != nil {
				reader.Close()
				return t, false, fmt.Errorf("dates, shard %d: %w", i, err)
			}
			dates = append(dates, col.sortedDates())
		}
		reader.Close()
	}
	a := uint64(anchor.UnixNano()) ^ 1<<63
	// between counts the dates from lo to hi, both included.
	between := func(lo, hi uint64) uint64 {
		var n uint64
		for _, d := range dates {
			i, _ := slices.BinarySearch(d, lo)
			j, found := slices.BinarySearch(d, hi)
			if found {
				for j < len(d) && d[j] == hi {
					j++
				}
			}
			n += uint64(j - i)
		}
		return n
	}
	count := func(x uint64) uint64 {
		if after {
			return between(a, x)
		}
		return between(x, a)
	}
	// far is the date beyond every article that way.
	var far uint64
	if after {
		far = math.MaxUint64
	}
	if count(far) < k {
		return t, false, nil
	}
	if count(a) >= k {
		return anchor.UTC(), true, nil
	}
	near := a // count(near) is below k; count(far) is not
	for range 64 {
		var mid uint64
		if after {
			mid = near + (far-near)/2
		} else {
			mid = far + (near-far)/2
		}
		if mid == near || mid == far {
			break
		}
		if count(mid) >= k {
			far = mid
		} else {
			near = mid
		}
	}
	return publishedTime(string(binary.BigEndian.AppendUint64(nil, far))), true, nil
}
