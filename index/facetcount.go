package index

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/numeric"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/collector"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// facetColumns counts facet values without bleve's facet builders.
//
// bleve counts a facet by decoding, for every matching document, the
// compressed doc-value chunk that holds it and hashing each value as a new
// string: the cost grows with the matches (1.4 s for a quarter of a million
// articles). Segments never change once written, so each segment's facet
// values are decoded once into a column of small integers (ordinals into a
// dictionary of values shared by all segments); counting a query's facets
// is then one array increment per value of each matching document.
type facetColumns struct {
	mu       sync.Mutex
	ordinals map[string]uint32
	values   []string
	byPrefix map[string][]uint32 // the ordinals of each prefix ("d/", "p/"…)
	segments map[segment.Segment]*facetColumn
}

// facetColumn holds the facet value ordinals of one segment's documents:
// document d's values are ords[starts[d]:starts[d+1]]; and the sort keys
// of their publication dates, 8 bytes each (see publishedKey).
type facetColumn struct {
	starts    []uint32
	ords      []uint32
	published string
}

func newFacetColumns() *facetColumns {
	return &facetColumns{ordinals: map[string]uint32{}, byPrefix: map[string][]uint32{}, segments: map[segment.Segment]*facetColumn{}}
}

// column returns the segment's column, decoding it the first time.
func (fc *facetColumns) column(seg segment.Segment) (*facetColumn, error) {
	fc.mu.Lock()
	col, ok := fc.segments[seg]
	fc.mu.Unlock()
	if ok {
		return col, nil
	}
	visitable, ok := seg.(segment.DocValueVisitable)
	if !ok {
		return nil, fmt.Errorf("facet counts: segment %T has no doc values", seg)
	}
	n := seg.Count()
	col = &facetColumn{starts: make([]uint32, 0, n+1), ords: make([]uint32, 0, 8*n)}
	keys := make([]byte, 0, 8*n)
	fields := []string{FieldFacet, FieldPublished}
	var state segment.DocVisitState
	for d := uint64(0); d < n; d++ {
		col.starts = append(col.starts, uint32(len(col.ords)))
		published := int64(math.MinInt64) // none
		var err error
		state, err = visitable.VisitDocValues(d, fields, func(field string, term []byte) {
			if field == FieldPublished {
				// The full-precision term of the date's prefix-coded terms.
				if pc := numeric.PrefixCoded(term); len(term) > 0 {
					if shift, err := pc.Shift(); err == nil && shift == 0 {
						if v, err := pc.Int64(); err == nil {
							published = v
						}
					}
				}
				return
			}
			fc.mu.Lock()
			ord, ok := fc.ordinals[string(term)]
			if !ok {
				v := string(term)
				ord = uint32(len(fc.values))
				fc.ordinals[v] = ord
				fc.values = append(fc.values, v)
				prefix := facetPrefix(v)
				fc.byPrefix[prefix] = append(fc.byPrefix[prefix], ord)
			}
			fc.mu.Unlock()
			col.ords = append(col.ords, ord)
		}, state)
		if err != nil {
			return nil, fmt.Errorf("facet counts: %w", err)
		}
		keys = appendPublishedKey(keys, published)
	}
	col.starts = append(col.starts, uint32(len(col.ords)))
	col.published = string(keys)
	fc.mu.Lock()
	fc.segments[seg] = col
	fc.mu.Unlock()
	return col, nil
}

// forget drops the columns of segments that are no longer live.
func (fc *facetColumns) forget(live map[segment.Segment]bool) {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	for seg := range fc.segments {
		if !live[seg] {
			delete(fc.segments, seg)
		}
	}
}

// FacetTally holds the facet values counted for one query: how many of
// its matching documents have each value.
type FacetTally struct {
	values   []string // by ordinal, with their prefix
	byPrefix map[string][]uint32
	counts   []uint64 // by ordinal
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
// the documents matching q. Shards are counted in parallel.
func (ix *Index) FacetCounts(ctx context.Context, q query.Query) (*FacetTally, error) {
	perShard := make([][]uint64, len(ix.shards))
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
			if perShard[i], err = ix.countShard(ctx, reader, q); err != nil {
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

// tally sums the shards' counts by ordinal.
func (ix *Index) tally(perShard ...[]uint64) *FacetTally {
	ix.facets.mu.Lock()
	t := &FacetTally{values: ix.facets.values, byPrefix: make(map[string][]uint32, len(ix.facets.byPrefix))}
	for prefix, ords := range ix.facets.byPrefix {
		t.byPrefix[prefix] = ords
	}
	ix.facets.mu.Unlock()
	t.counts = make([]uint64, len(t.values))
	for _, counts := range perShard {
		for ord, n := range counts[:min(len(counts), len(t.counts))] {
			t.counts[ord] += n
		}
	}
	return t
}

// countShard counts the facet values of one shard's matches, by ordinal.
func (ix *Index) countShard(ctx context.Context, reader bleveindex.IndexReader, q query.Query) ([]uint64, error) {
	c, err := ix.newShardCounter(reader)
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
	return c.counts, nil
}

// shardCounter counts the facet values of documents of one snapshot of a
// shard, given in increasing document number.
type shardCounter struct {
	ends   []uint64 // ends[i]: the first document number after segment i
	cols   []*facetColumn
	counts []uint64 // by ordinal
	seg    int      // the segment of the last document counted
	start  uint64   // its first document number
}

func (ix *Index) newShardCounter(reader bleveindex.IndexReader) (*shardCounter, error) {
	snapshot, ok := reader.(*scorch.IndexSnapshot)
	if !ok {
		return nil, fmt.Errorf("reader %T is not a scorch snapshot", reader)
	}
	// A snapshot numbers its documents segment after segment.
	segs := snapshot.Segments()
	c := &shardCounter{ends: make([]uint64, len(segs)), cols: make([]*facetColumn, len(segs))}
	var running uint64
	for i, ss := range segs {
		running += ss.Segment().Count()
		c.ends[i] = running
		col, err := ix.facets.column(ss.Segment())
		if err != nil {
			return nil, err
		}
		c.cols[i] = col
	}
	ix.facets.mu.Lock()
	size := len(ix.facets.values)
	stale := len(ix.facets.segments) > 4*len(segs)*len(ix.shards)+16
	ix.facets.mu.Unlock()
	if stale {
		ix.facets.forget(ix.liveSegments())
	}
	c.counts = make([]uint64, size)
	return c, nil
}

// locate finds the segment column and the number within its segment of
// the document with this internal ID.
func (c *shardCounter) locate(internalID []byte) (*facetColumn, uint64, bool) {
	if len(internalID) != 8 {
		return nil, 0, false
	}
	doc := binary.BigEndian.Uint64(internalID)
	if doc < c.start {
		c.seg, c.start = 0, 0 // out of order after all: from the first segment
	}
	for c.seg < len(c.ends) && doc >= c.ends[c.seg] {
		c.start = c.ends[c.seg]
		c.seg++
	}
	if c.seg == len(c.ends) {
		return nil, 0, false
	}
	col, local := c.cols[c.seg], doc-c.start
	return col, local, local+1 < uint64(len(col.starts))
}

// add counts the facet values of the document with this internal ID.
func (c *shardCounter) add(internalID []byte) {
	col, local, ok := c.locate(internalID)
	if !ok {
		return
	}
	for _, ord := range col.ords[col.starts[local]:col.starts[local+1]] {
		if int(ord) < len(c.counts) {
			c.counts[ord]++
		}
	}
}

// publishedKey is the sort key of the publication date of the document
// with this internal ID, for s.
func (c *shardCounter) publishedKey(internalID []byte, s *PublishedSort) string {
	col, local, ok := c.locate(internalID)
	if !ok {
		return s.missing()
	}
	key := col.published[8*local : 8*local+8]
	if key == noPublishedKey {
		return s.missing()
	}
	return key
}

// SearchCounting runs req like Search and, in the same pass over the
// matches, counts the facet values of every document matching req's
// query, as FacetCounts would: a faceted search then walks its matches
// once instead of twice. The counts ignore req's paging and cursor.
func (ix *Index) SearchCounting(ctx context.Context, req *bleve.SearchRequest) (*bleve.SearchResult, *FacetTally, error) {
	return ix.search(ctx, req, true)
}

// search runs req over the shards. When it counts facets or sorts by
// PublishedSort, it hands bleve's collector a handler that sees every
// match of a shard in turn: it counts the match's facet values, sets its
// publication sort keys, and passes it on to bleve's own top-N handling.
func (ix *Index) search(ctx context.Context, req *bleve.SearchRequest, count bool) (*bleve.SearchResult, *FacetTally, error) {
	var dateKeys []int
	for i, so := range req.Sort {
		if _, ok := so.(*PublishedSort); ok {
			dateKeys = append(dateKeys, i)
		}
	}
	if !count && len(dateKeys) == 0 {
		res, err := ix.searchShards(ctx, req)
		return res, nil, err
	}
	var (
		mu       sync.Mutex
		perShard [][]uint64
	)
	makeHandler := func(sctx *search.SearchContext) (search.DocumentMatchHandler, bool, error) {
		topN, loadID, err := collector.MakeTopNDocumentMatchHandler(sctx)
		if err != nil {
			return nil, false, err
		}
		if topN == nil {
			return nil, false, errors.New("search: not a top-N search")
		}
		c, err := ix.newShardCounter(sctx.IndexReader)
		if err != nil {
			return nil, false, fmt.Errorf("search: %w", err)
		}
		order := req.Sort
		return func(d *search.DocumentMatch) error {
			if d == nil { // the shard's matches are all seen
				if count {
					mu.Lock()
					perShard = append(perShard, c.counts)
					mu.Unlock()
				}
				return topN(nil)
			}
			if count {
				c.add(d.IndexInternalID)
			}
			for _, i := range dateKeys {
				if i < len(d.Sort) {
					d.Sort[i] = c.publishedKey(d.IndexInternalID, order[i].(*PublishedSort))
				}
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
	}
	if !count {
		return res, nil, nil
	}
	if len(perShard) != len(ix.shards) {
		// A shard answered without walking its matches: count apart.
		tally, err := ix.FacetCounts(ctx, req.Query)
		return res, tally, err
	}
	return res, ix.tally(perShard...), nil
}

// liveSegments lists the segments of every shard's current snapshot.
func (ix *Index) liveSegments() map[segment.Segment]bool {
	live := map[segment.Segment]bool{}
	for _, shard := range ix.shards {
		adv, err := shard.Advanced()
		if err != nil {
			continue
		}
		reader, err := adv.Reader()
		if err != nil {
			continue
		}
		if snapshot, ok := reader.(*scorch.IndexSnapshot); ok {
			for _, ss := range snapshot.Segments() {
				live[ss.Segment()] = true
			}
		}
		reader.Close()
	}
	return live
}
