package index

import (
	"cmp"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// A DateQuery is a search of free words within a span of publication
// dates, newest or oldest first: the articles holding at least one of
// the words' terms, published in [From, To], that pass Filter, ordered by
// date and then by ID — the order bleve gives with PublishedSort and
// IDSort. Nothing is scored.
type DateQuery struct {
	Words []RankedWord
	// From and To bound the publication dates, both inclusive; a zero
	// bound is open, but one of them must be set (articles without a
	// date are then never matched).
	From, To time.Time
	Filter   query.Query
	Desc     bool
	// After makes AfterKey and AfterID a cursor: the page starts after
	// the article of this publication key (as PublishedSort.CursorKey
	// gives it) and ID.
	After             bool
	AfterKey, AfterID string
}

// Validate reports whether TopByDate can answer q.
func (q DateQuery) Validate() error {
	if q.From.IsZero() && q.To.IsZero() {
		return errors.New("date query: no span of dates")
	}
	if len(q.Words) == 0 || len(q.Words) > maxRankedClauses {
		return fmt.Errorf("date query: %d words; 1 to %d", len(q.Words), maxRankedClauses)
	}
	for _, w := range q.Words {
		if len(w.Terms) == 0 {
			return errors.New("date query: a word without terms")
		}
	}
	return nil
}

// DateResult is what TopByDate found.
type DateResult struct {
	// Hits are the page, in order, with their IDs and sort values (the
	// publication key and the ID, and their decoded forms), as bleve's
	// search with PublishedSort and IDSort gives them.
	Hits []*search.DocumentMatch
	// Total is the number of matching articles; when TotalExact is
	// false, the total is at least that many.
	Total      uint64
	TotalExact bool
	// Visited is how many articles were looked at in date order.
	Visited uint64
}

// TopByDate returns the hits from+1 to from+size of q and its total,
// counted exactly up to totalLimit matches (all of them when totalLimit
// is 0, none when it is negative).
//
// Each segment keeps its documents in date order (dateOrder), so a page
// is found by walking them from the end of the span backwards (newest
// first) or from its start, keeping the documents in the words' postings
// bitmaps, until the page is full: the cost follows the page, not the
// matches. Segments are visited latest first (earliest for oldest first)
// and skipped when none of their dates can reach the page.
func (ix *Index) TopByDate(ctx context.Context, q DateQuery, from, size, totalLimit int) (*DateResult, error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	if from < 0 || size < 0 {
		return nil, fmt.Errorf("date query: from %d, size %d", from, size)
	}
	readers, release, err := ix.shardReaders()
	if err != nil {
		return nil, fmt.Errorf("date search: %w", err)
	}
	defer release()
	n := from + size
	// As PublishedRange: open bounds are the ends of what its terms hold.
	lo, hi := q.From, q.To
	if lo.IsZero() {
		lo = time.Date(1678, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	if hi.IsZero() {
		hi = time.Date(2261, 12, 31, 23, 59, 59, 999999999, time.UTC)
	}
	if hi.Before(lo) {
		return &DateResult{TotalExact: totalLimit >= 0}, nil
	}
	span := dateSpan{lo: string(appendPublishedKey(nil, lo.UnixNano())), hi: string(appendPublishedKey(nil, hi.UnixNano()))}
	results := make([]shardDates, len(readers))
	errs := make([]error, len(readers))
	var wg sync.WaitGroup
	for i, r := range readers {
		wg.Go(func() {
			results[i], errs[i] = ix.dateShard(ctx, r, q, span, n, totalLimit)
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	out := &DateResult{TotalExact: totalLimit >= 0}
	var all []*search.DocumentMatch
	for _, r := range results {
		all = append(all, r.hits...)
		out.Total += r.total
		out.TotalExact = out.TotalExact && r.exact
		out.Visited += r.visited
	}
	if totalLimit > 0 && out.Total > uint64(totalLimit) {
		out.Total, out.TotalExact = uint64(totalLimit), false
	}
	slices.SortFunc(all, func(a, b *search.DocumentMatch) int { return compareDated(a, b, q.Desc) })
	if from < len(all) {
		out.Hits = all[from:min(n, len(all))]
	}
	ps := &PublishedSort{Desc: q.Desc}
	for _, h := range out.Hits {
		h.DecodedSort = []string{ps.DecodeValue(h.Sort[0]), h.ID}
	}
	return out, nil
}

// dateSpan is a span of publication keys, both inclusive.
type dateSpan struct{ lo, hi string }

// compareDated orders hits by their publication keys (Sort[0]), newest
// first when desc, then by ID.
func compareDated(a, b *search.DocumentMatch, desc bool) int {
	c := cmp.Compare(a.Sort[0], b.Sort[0])
	if desc {
		c = -c
	}
	if c != 0 {
		return c
	}
	return cmp.Compare(a.ID, b.ID)
}

// shardDates is one shard's share of a date-ordered search: every
// document that may reach the page (ties included), with its ID.
type shardDates struct {
	hits    []*search.DocumentMatch
	total   uint64
	exact   bool
	visited uint64
}

// datedDoc is a match found in date order: its key, its segment and its
// number there.
type datedDoc struct {
	key   string
	seg   int
	local uint32
}

func (ix *Index) dateShard(ctx context.Context, r bleveindex.IndexReader, q DateQuery, span dateSpan, n, totalLimit int) (shardDates, error) {
	snapshot, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return shardDates{}, fmt.Errorf("date search: reader %T is not a scorch snapshot", r)
	}
	segs := snapshot.Segments()
	starts := make([]uint64, len(segs)+1)
	cols := make([]*facetColumn, len(segs))
	for i, ss := range segs {
		starts[i+1] = starts[i] + ss.Segment().Count()
		col, err := ix.facets.column(ss.Segment())
		if err != nil {
			return shardDates{}, fmt.Errorf("date search: %w", err)
		}
		cols[i] = col
	}
	var filtered []*roaring.Bitmap
	if q.Filter != nil {
		var err error
		if filtered, err = ix.filterBitmaps(ctx, r, q.Filter, starts); err != nil {
			return shardDates{}, err
		}
	}
	// Segments in the order their dates can reach the page: latest last
	// date first (newest first), earliest first date first (oldest).
	order := make([]int, 0, len(segs))
	for i, col := range cols {
		first, last := col.span()
		if first == "" || last < span.lo || first > span.hi {
			continue
		}
		order = append(order, i)
	}
	slices.SortStableFunc(order, func(a, b int) int {
		fa, la := cols[a].span()
		fb, lb := cols[b].span()
		if q.Desc {
			return -cmp.Compare(la, lb)
		}
		return cmp.Compare(fa, fb)
	})
	out := shardDates{exact: totalLimit >= 0}
	var found []datedDoc
	// kth is the key of the n-th best match found so far ("" until there
	// are n): a segment whose dates are all worse cannot reach the page.
	kth := ""
	worse := func(key string) bool {
		if kth == "" {
			return false
		}
		if q.Desc {
			return key < kth
		}
		return key > kth
	}
	// The cursor: a match must come after it.
	afterCursor := func(key string, global uint64) (bool, error) {
		if !q.After {
			return true, nil
		}
		if key != q.AfterKey {
			return q.Desc == (key < q.AfterKey), nil
		}
		id, err := r.ExternalID(internalID(global))
		if err != nil {
			return false, fmt.Errorf("date search: %w", err)
		}
		return id > q.AfterID, nil
	}
	for _, s := range order {
		if ctx.Err() != nil {
			return shardDates{}, ctx.Err()
		}
		col := cols[s]
		first, last := col.span()
		counting := totalLimit >= 0 && (totalLimit == 0 || out.total <= uint64(totalLimit))
		if !counting && (n == 0 || q.Desc && worse(last) || !q.Desc && worse(first)) {
			continue
		}
		matches, err := termsBitmap(segs[s].Segment(), segs[s].Deleted(), RankedQuery{Words: q.Words})
		if err != nil {
			return shardDates{}, fmt.Errorf("date search: %w", err)
		}
		if filtered != nil {
			matches.And(filtered[s])
		}
		byDate := col.dateOrder()
		keys := col.published
		keyOf := func(local uint32) string { return keys[8*local : 8*local+8] }
		// The documents of the span: byDate[lo:hi].
		lo := sort.Search(len(byDate), func(i int) bool { return keyOf(byDate[i]) >= span.lo })
		hi := sort.Search(len(byDate), func(i int) bool { return keyOf(byDate[i]) > span.hi })
		if counting {
			c, err := countInSpan(ctx, matches, byDate[lo:hi], col, span)
			if err != nil {
				return shardDates{}, err
			}
			out.total += c
		}
		if n == 0 || q.Desc && worse(last) || !q.Desc && worse(first) {
			continue
		}
		// A cursor starts the walk at its date.
		if q.After {
			if q.Desc {
				hi = sort.Search(len(byDate), func(i int) bool { return keyOf(byDate[i]) > q.AfterKey })
			} else {
				lo = max(lo, sort.Search(len(byDate), func(i int) bool { return keyOf(byDate[i]) >= q.AfterKey }))
			}
			hi = max(lo, min(hi, sort.Search(len(byDate), func(i int) bool { return keyOf(byDate[i]) > span.hi })))
		}
		// Walk the span in order until the segment has given n matches
		// (and those tied with the n-th), or its dates cannot reach the
		// page.
		taken := 0
		lastKey := ""
		step, i, end := 1, lo, hi
		if q.Desc {
			step, i, end = -1, hi-1, lo-1
		}
		for ; i != end; i += step {
			local := byDate[i]
			key := keyOf(local)
			if taken >= n && key != lastKey || worse(key) {
				break
			}
			out.visited++
			if out.visited%4096 == 0 && ctx.Err() != nil {
				return shardDates{}, ctx.Err()
			}
			if !matches.Contains(local) {
				continue
			}
			ok, err := afterCursor(key, starts[s]+uint64(local))
			if err != nil {
				return shardDates{}, err
			}
			if !ok {
				continue
			}
			found = append(found, datedDoc{key: key, seg: s, local: local})
			taken++
			lastKey = key
		}
		kth = nthKey(found, n, q.Desc)
	}
	// The shard's n best and those tied with the n-th, with their IDs.
	slices.SortStableFunc(found, func(a, b datedDoc) int {
		if q.Desc {
			return -cmp.Compare(a.key, b.key)
		}
		return cmp.Compare(a.key, b.key)
	})
	keep := min(n, len(found))
	for keep > 0 && keep < len(found) && found[keep].key == found[keep-1].key {
		keep++
	}
	for _, d := range found[:keep] {
		global := starts[d.seg] + uint64(d.local)
		id, err := r.ExternalID(internalID(global))
		if err != nil {
			return shardDates{}, fmt.Errorf("date search: %w", err)
		}
		out.hits = append(out.hits, &search.DocumentMatch{
			ID:              id,
			IndexInternalID: internalID(global),
			Sort:            []string{d.key, id},
		})
	}
	return out, nil
}

// nthKey is the key of the n-th best of found ("" when there are fewer).
func nthKey(found []datedDoc, n int, desc bool) string {
	if n == 0 || len(found) < n {
		return ""
	}
	keys := make([]string, len(found))
	for i, d := range found {
		keys[i] = d.key
	}
	slices.Sort(keys)
	if desc {
		return keys[len(keys)-n]
	}
	return keys[n-1]
}

// countInSpan counts the matches published in the span: by walking the
// matches when they are fewer than the span's documents, else by walking
// the span.
func countInSpan(ctx context.Context, matches *roaring.Bitmap, inSpan []uint32, col *facetColumn, span dateSpan) (uint64, error) {
	if matches.GetCardinality() > uint64(len(inSpan)) {
		var c uint64
		for i, local := range inSpan {
			if i%65536 == 0 && ctx.Err() != nil {
				return 0, ctx.Err()
			}
			if matches.Contains(local) {
				c++
			}
		}
		return c, nil
	}
	var c uint64
	docs := uint32(len(col.published) / 8)
	it := matches.Iterator()
	for it.HasNext() {
		local := it.Next()
		if local >= docs {
			continue
		}
		if key := col.published[8*local : 8*local+8]; key >= span.lo && key <= span.hi {
			c++
		}
	}
	return c, nil
}

// filterBitmaps walks the filter's matches in a shard, unscored, into a
// bitmap per segment (starts are the segments' first document numbers).
func (ix *Index) filterBitmaps(ctx context.Context, r bleveindex.IndexReader, f query.Query, starts []uint64) ([]*roaring.Bitmap, error) {
	s, err := Unscored(f).Searcher(ctx, r, ix.mapping, search.SearcherOptions{Score: "none"})
	if err != nil {
		return nil, fmt.Errorf("date search: filter: %w", err)
	}
	defer s.Close()
	out := make([]*roaring.Bitmap, len(starts)-1)
	for i := range out {
		out[i] = roaring.New()
	}
	sctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(s.DocumentMatchPoolSize(), 0)}
	seg := 0
	for steps := 0; ; steps++ {
		if steps%4096 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		d, err := s.Next(sctx)
		if err != nil {
			return nil, fmt.Errorf("date search: filter: %w", err)
		}
		if d == nil {
			return out, nil
		}
		if len(d.IndexInternalID) == 8 {
			global := binary.BigEndian.Uint64(d.IndexInternalID)
			for seg+1 < len(out) && global >= starts[seg+1] {
				seg++
			}
			if global >= starts[seg] && global < starts[seg+1] {
				out[seg].Add(uint32(global - starts[seg]))
			}
		}
		sctx.DocumentMatchPool.Put(d)
	}
}

// internalID is the internal ID of a shard's document number.
func internalID(global uint64) bleveindex.IndexInternalID {
	return binary.BigEndian.AppendUint64(nil, global)
}
