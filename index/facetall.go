package index

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// FacetCountsAll counts the facet values of every article in the index,
// and those published at or after since (when not zero), as FacetCounts
// of a query matching everything would, without walking the articles:
// each segment's column totals, counted once, less its deleted articles.
// The landing page (everything, every facet) then costs what the
// segments number, not what the articles do.
func (ix *Index) FacetCountsAll(since time.Time) (*FacetTally, error) {
	var perShard []*shardCounter
	for i, shard := range ix.shards {
		adv, err := shard.Advanced()
		if err != nil {
			return nil, fmt.Errorf("facet counts, shard %d: %w", i, err)
		}
		reader, err := adv.Reader()
		if err != nil {
			return nil, fmt.Errorf("facet counts, shard %d: %w", i, err)
		}
		c, err := ix.newShardCounter(reader, since)
		if err != nil {
			reader.Close()
			return nil, fmt.Errorf("facet counts, shard %d: %w", i, err)
		}
		snapshot, ok := reader.(*scorch.IndexSnapshot)
		if !ok {
			reader.Close()
			return nil, fmt.Errorf("facet counts, shard %d: reader %T is not a scorch snapshot", i, reader)
		}
		var recent uint64
		if c.recentKey != "" {
			recent = binary.BigEndian.Uint64([]byte(c.recentKey))
		}
		for s, ss := range snapshot.Segments() {
			col := c.cols[s]
			for ord, n := range col.totals() {
				if ord < len(c.counts) {
					c.counts[ord] += n
				}
			}
			docs := uint64(len(col.starts) - 1)
			c.matches += docs
			if c.recentKey != "" {
				dates := col.sortedDates()
				at, _ := slices.BinarySearch(dates, recent)
				c.recent += uint64(len(dates) - at)
			}
			// The deleted articles' values come off again.
			if deleted := ss.Deleted(); deleted != nil {
				it := deleted.Iterator()
				for it.HasNext() {
					local := uint64(it.Next())
					if local >= docs {
						continue
					}
					c.matches--
					for _, ord := range col.ords[col.starts[local]:col.starts[local+1]] {
						if int(ord) < len(c.counts) {
							c.counts[ord]--
						}
					}
					if c.recentKey != "" {
						if key := col.published[8*local : 8*local+8]; key != noPublishedKey && key >= c.recentKey {
							c.recent--
						}
					}
				}
			}
		}
		reader.Close()
		perShard = append(perShard, c)
	}
	return ix.tally(perShard...), nil
}

// FacetCountsOfTerms counts the facet values of the articles holding at
// least one of the terms (a ranked query's words, unfiltered), and those
// published at or after since, as FacetCounts would, from each
// segment's postings bitmaps united without walking bleve's searchers.
func (ix *Index) FacetCountsOfTerms(ctx context.Context, q RankedQuery, since time.Time) (*FacetTally, error) {
	if q.Filter != nil {
		return nil, errors.New("facet counts of terms: the query has a filter")
	}
	perShard := make([]*shardCounter, len(ix.shards))
	errs := make([]error, len(ix.shards))
	var wg sync.WaitGroup
	for i, shard := range ix.shards {
		wg.Go(func() {
			perShard[i], errs[i] = ix.countTermsShard(ctx, shard, q, since)
			if errs[i] != nil {
				errs[i] = fmt.Errorf("facet counts, shard %d: %w", i, errs[i])
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return ix.tally(perShard...), nil
}

func (ix *Index) countTermsShard(ctx context.Context, shard bleve.Index, q RankedQuery, since time.Time) (*shardCounter, error) {
	adv, err := shard.Advanced()
	if err != nil {
		return nil, err
	}
	reader, err := adv.Reader()
	if err != nil {
		return nil, err
	}
	defer reader.Close()
	c, err := ix.newShardCounter(reader, since)
	if err != nil {
		return nil, err
	}
	snapshot, ok := reader.(*scorch.IndexSnapshot)
	if !ok {
		return nil, fmt.Errorf("reader %T is not a scorch snapshot", reader)
	}
	for s, ss := range snapshot.Segments() {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		matches, err := termsBitmap(ss.Segment(), ss.Deleted(), q)
		if err != nil {
			return nil, err
		}
		col := c.cols[s]
		docs := uint64(len(col.starts) - 1)
		it := matches.Iterator()
		for it.HasNext() {
			local := uint64(it.Next())
			if local >= docs {
				continue
			}
			c.matches++
			for _, ord := range col.ords[col.starts[local]:col.starts[local+1]] {
				if int(ord) < len(c.counts) {
					c.counts[ord]++
				}
			}
			if c.recentKey != "" {
				if key := col.published[8*local : 8*local+8]; key >= c.recentKey {
					c.recent++
				}
			}
		}
	}
	return c, nil
}

// termsBitmap is the union of the terms' postings in one segment, less
// its deleted documents.
func termsBitmap(seg segment.Segment, deleted *roaring.Bitmap, q RankedQuery) (*roaring.Bitmap, error) {
	out := roaring.New()
	dicts := map[string]segment.TermDictionary{}
	for _, w := range q.Words {
		for _, t := range w.Terms {
			dict, ok := dicts[t.Field]
			if !ok {
				var err error
				if dict, err = seg.Dictionary(t.Field); err != nil {
					return nil, fmt.Errorf("%s: %w", t.Field, err)
				}
				dicts[t.Field] = dict
			}
			if dict == nil {
				continue
			}
			pl, err := dict.PostingsList([]byte(t.Term), deleted, nil)
			if err != nil {
				return nil, fmt.Errorf("%s:%s: %w", t.Field, t.Term, err)
			}
			if pl == nil {
				continue
			}
			it := pl.Iterator(false, false, false, nil)
			opt, ok := it.(segment.OptimizablePostingsIterator)
			if !ok {
				// Walk the postings of a segment type without bitmaps.
				for {
					p, err := it.Next()
					if err != nil {
						return nil, fmt.Errorf("%s:%s: %w", t.Field, t.Term, err)
					}
					if p == nil {
						break
					}
					out.Add(uint32(p.Number()))
				}
				continue
			}
			if doc, one := opt.DocNum1Hit(); one {
				if deleted == nil || !deleted.Contains(uint32(doc)) {
					out.Add(uint32(doc))
				}
				continue
			}
			if bm := opt.ActualBitmap(); bm != nil {
				out.Or(bm)
			}
		}
	}
	return out, nil
}
