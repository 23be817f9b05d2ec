package index

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/collector"
)

// Search runs a bleve request over all shards with BM25 statistics
// gathered across shards, so that scores do not depend on the shard count.
func (ix *Index) Search(ctx context.Context, req *bleve.SearchRequest) (*bleve.SearchResult, error) {
	res, _, err := ix.search(ctx, req, false, time.Time{})
	return res, err
}

// searchShards runs req on the shards as bleve does: one shard alone, or
// all of them behind the alias with global BM25 statistics.
func (ix *Index) searchShards(ctx context.Context, req *bleve.SearchRequest) (*bleve.SearchResult, error) {
	if len(ix.shards) == 1 {
		return ix.shards[0].SearchInContext(ctx, req)
	}
	if req.Score != bleve.ScoreNone {
		// Without scores there are no statistics to gather.
		ctx = context.WithValue(ctx, search.SearchTypeKey, search.GlobalScoring)
	}
	res, err := ix.alias.SearchInContext(ctx, req)
	if err != nil {
		return nil, err
	}
	// bleve reports a shard that failed (a deadline, say) in the status
	// and still answers; a partial answer would be wrong, not slow.
	if res.Status != nil && res.Status.Failed > 0 {
		for _, shardErr := range res.Status.Errors {
			return nil, fmt.Errorf("search: %d of %d shards failed: %w", res.Status.Failed, res.Status.Total, shardErr)
		}
		return nil, fmt.Errorf("search: %d of %d shards failed", res.Status.Failed, res.Status.Total)
	}
	return res, nil
}

// SearchCounting runs req like Search and, in the same pass over the
// matches, counts the facet values of every document matching req's
// query, and those published at or after since, as FacetCounts would: a faceted search then walks its matches
// once instead of twice. The counts ignore req's paging and cursor.
func (ix *Index) SearchCounting(ctx context.Context, req *bleve.SearchRequest, since time.Time) (*bleve.SearchResult, *FacetTally, error) {
	return ix.search(ctx, req, true, since)
}

// search runs req over the shards. When it counts facets or sorts by
// PublishedSort, it hands bleve's collector a handler that sees every
// match of a shard in turn: it counts the match's facet values, sets its
// publication sort keys, and passes it on to bleve's own top-N handling.
func (ix *Index) search(ctx context.Context, req *bleve.SearchRequest, count bool, since time.Time) (*bleve.SearchResult, *FacetTally, error) {
	// The positions of the date sorts in req.Sort, and the sorts.
	var dateKeys []int
	var dateSorts []*PublishedSort
	idKey := -1
	for i, so := range req.Sort {
		switch so := so.(type) {
		case *PublishedSort:
			dateKeys, dateSorts = append(dateKeys, i), append(dateSorts, so)
		case *IDSort:
			idKey = i
		}
	}
	// byDate: the order is a date first; a match then passes the cursor
	// and the shard's best dates so far before its ID is read.
	byDate := len(dateKeys) > 0 && dateKeys[0] == 0
	if !count && len(dateKeys) == 0 && idKey < 0 {
		res, err := ix.searchShards(ctx, req)
		return res, nil, err
	}
	var (
		mu       sync.Mutex
		perShard []*shardCounter
	)
	makeHandler := func(sctx *search.SearchContext) (search.DocumentMatchHandler, bool, error) {
		topN, loadID, err := collector.MakeTopNDocumentMatchHandler(sctx)
		if err != nil {
			return nil, false, err
		}
		if topN == nil {
			return nil, false, errors.New("search: not a top-N search")
		}
		c, err := ix.newShardCounter(sctx.IndexReader, since)
		if err != nil {
			return nil, false, fmt.Errorf("search: %w", err)
		}
		var top dateTop
		if byDate && req.SearchAfter == nil && req.SearchBefore == nil {
			// (bleve's own cursor drops matches after this handler: with
			// one, every date must reach it.)
			top = dateTop{n: req.Size + req.From, desc: dateSorts[0].Desc}
		}
		idOf := func(d *search.DocumentMatch) (string, error) {
			if d.ID == "" {
				id, err := sctx.IndexReader.ExternalID(d.IndexInternalID)
				if err != nil {
					return "", fmt.Errorf("search: %w", err)
				}
				d.ID = id
			}
			return d.ID, nil
		}
		return func(d *search.DocumentMatch) error {
			if d == nil { // the shard's matches are all seen
				if count {
					mu.Lock()
					perShard = append(perShard, c)
					mu.Unlock()
				}
				return topN(nil)
			}
			if count {
				c.add(d.IndexInternalID)
			}
			for k, i := range dateKeys {
				if i < len(d.Sort) {
					d.Sort[i] = c.publishedKey(d.IndexInternalID, dateSorts[k])
				}
			}
			if byDate && len(d.Sort) > 0 {
				follows, err := dateSorts[0].follows(d.Sort[0], func() (string, error) { return idOf(d) })
				if err != nil {
					return err
				}
				if !follows || !top.admit(d.Sort[0]) {
					sctx.DocumentMatchPool.Put(d)
					return nil
				}
			}
			if idKey >= 0 && idKey < len(d.Sort) {
				id, err := idOf(d)
				if err != nil {
					return err
				}
				d.Sort[idKey] = id
			}
			return topN(d)
		}, loadID, nil
	}
	ctx = context.WithValue(ctx, search.MakeDocumentMatchHandlerKey, search.MakeDocumentMatchHandler(makeHandler))
	res, err := ix.searchShards(ctx, req)
	if err != nil {
		return nil, nil, err
	}
	// Decoded keys are needed for the hits returned only.
	for _, h := range res.Hits {
		for _, i := range dateKeys {
			if i < len(h.Sort) && i < len(h.DecodedSort) {
				h.DecodedSort[i] = req.Sort[i].DecodeValue(h.Sort[i])
			}
		}
		if idKey >= 0 && idKey < len(h.DecodedSort) {
			h.DecodedSort[idKey] = h.ID
		}
	}
	if !count {
		return res, nil, nil
	}
	if len(perShard) != len(ix.shards) {
		// A shard answered without walking its matches: count apart.
		tally, err := ix.FacetCounts(ctx, req.Query, since)
		return res, tally, err
	}
	return res, ix.tally(perShard...), nil
}
