package index

import (
	"fmt"
	"math"
	"sync"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	bleveindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// termBounds caches, per immutable segment, the highest BM25 saturation
// a term reaches in one of the segment's documents: the part of a term's
// score that depends on the document (its frequency and the field's
// length), for an average field length. A segment's postings never
// change, so each bound is read from the postings once.
type termBounds struct {
	mu    sync.Mutex
	bySeg map[segment.Segment]map[boundKey]float64
}

type boundKey struct {
	field, term string
	avg         float64
}

// maxBoundsPerSegment bounds the memory of the cache: a segment's bounds
// are dropped, to be read again, when it holds this many.
const maxBoundsPerSegment = 1 << 16

func newTermBounds() *termBounds {
	return &termBounds{bySeg: map[segment.Segment]map[boundKey]float64{}}
}

// saturation is the document's part of bleve's BM25 term score:
// tf·k1 / (tf + k1·(1 - b + b·length/avg)), with tf the root of the
// frequency and the length read back from the norm, as bleve's scorer
// computes them.
func saturation(freq uint64, norm, avg float64) float64 {
	tf := math.Sqrt(float64(freq))
	fieldLength := 1 / (norm * norm)
	return (tf * search.BM25_k1) / (tf + search.BM25_k1*(1-search.BM25_b+(search.BM25_b*fieldLength/avg)))
}

// max returns the highest saturation of field:term over the segments of
// the reader's snapshot, for the average length avg.
func (tb *termBounds) max(r bleveindex.IndexReader, field, term string, avg float64) (float64, error) {
	snapshot, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return 0, fmt.Errorf("reader %T is not a scorch snapshot", r)
	}
	key := boundKey{field, term, avg}
	var best float64
	for _, ss := range snapshot.Segments() {
		seg := ss.Segment()
		tb.mu.Lock()
		v, ok := tb.bySeg[seg][key]
		tb.mu.Unlock()
		if !ok {
			var err error
			if v, err = segmentSaturation(seg, field, term, avg); err != nil {
				return 0, err
			}
			tb.mu.Lock()
			if tb.bySeg[seg] == nil || len(tb.bySeg[seg]) >= maxBoundsPerSegment {
				tb.bySeg[seg] = map[boundKey]float64{}
			}
			tb.bySeg[seg][key] = v
			tb.mu.Unlock()
		}
		best = math.Max(best, v)
	}
	return best, nil
}

// segmentSaturation reads the term's postings in one segment (deleted
// documents included: a bound may be high, never low).
func segmentSaturation(seg segment.Segment, field, term string, avg float64) (float64, error) {
	dict, err := seg.Dictionary(field)
	if err != nil {
		return 0, fmt.Errorf("term bound %s:%s: %w", field, term, err)
	}
	if dict == nil {
		return 0, nil
	}
	pl, err := dict.PostingsList([]byte(term), nil, nil)
	if err != nil {
		return 0, fmt.Errorf("term bound %s:%s: %w", field, term, err)
	}
	if pl == nil {
		return 0, nil
	}
	var best float64
	it := pl.Iterator(true, true, false, nil)
	for {
		p, err := it.Next()
		if err != nil {
			return 0, fmt.Errorf("term bound %s:%s: %w", field, term, err)
		}
		if p == nil {
			return best, nil
		}
		best = math.Max(best, saturation(p.Frequency(), p.Norm(), avg))
	}
}

// forget drops the bounds of segments that are no longer live.
func (tb *termBounds) forget(live map[segment.Segment]bool) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	for seg := range tb.bySeg {
		if !live[seg] {
			delete(tb.bySeg, seg)
		}
	}
}

// segments is how many segments hold bounds.
func (tb *termBounds) segments() int {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	return len(tb.bySeg)
}
