package index

import (
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2/index/scorch"
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
// is then one array increment per value of each matching document. The
// same pass keeps each document's publication date as a sort key, for
// PublishedSort.
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

	// The segment's earliest and latest publication keys ("" when none
	// of its documents has a date), found once.
	spanOnce    sync.Once
	first, last string

	// The segment's publication keys in order (dated documents only),
	// sorted once, when a date window is first sized.
	sortedOnce sync.Once
	sorted     []uint64

	// The segment's document numbers ordered by publication key (then by
	// number), sorted once, when a date-ordered search first needs them.
	byDateOnce sync.Once
	byDate     []uint32

	// How many of the segment's documents have each value, by ordinal,
	// counted once.
	totalsOnce sync.Once
	counted    []uint64
}

// totals returns how many of the segment's documents (deleted ones
// included) have each value, by ordinal.
func (c *facetColumn) totals() []uint64 {
	c.totalsOnce.Do(func() {
		var top uint32
		for _, ord := range c.ords {
			top = max(top, ord+1)
		}
		c.counted = make([]uint64, top)
		for _, ord := range c.ords {
			c.counted[ord]++
		}
	})
	return c.counted
}

// sortedDates returns the segment's publication keys as numbers, in
// order.
func (c *facetColumn) sortedDates() []uint64 {
	c.sortedOnce.Do(func() {
		for i := 0; i+8 <= len(c.published); i += 8 {
			key := c.published[i : i+8]
			if key != noPublishedKey {
				c.sorted = append(c.sorted, binary.BigEndian.Uint64([]byte(key)))
			}
		}
		slices.Sort(c.sorted)
	})
	return c.sorted
}

// dateOrder returns the segment's document numbers in the order of their
// publication keys, those without a date first.
func (c *facetColumn) dateOrder() []uint32 {
	c.byDateOnce.Do(func() {
		docs := len(c.published) / 8
		c.byDate = make([]uint32, docs)
		for i := range c.byDate {
			c.byDate[i] = uint32(i)
		}
		slices.SortStableFunc(c.byDate, func(a, b uint32) int {
			return strings.Compare(c.published[8*a:8*a+8], c.published[8*b:8*b+8])
		})
	})
	return c.byDate
}

// span returns the column's earliest and latest publication keys.
func (c *facetColumn) span() (first, last string) {
	c.spanOnce.Do(func() {
		for i := 0; i+8 <= len(c.published); i += 8 {
			key := c.published[i : i+8]
			if key == noPublishedKey {
				continue
			}
			if c.first == "" || key < c.first {
				c.first = key
			}
			if key > c.last {
				c.last = key
			}
		}
	})
	return c.first, c.last
}

func newFacetColumns() *facetColumns {
	return &facetColumns{ordinals: map[string]uint32{}, byPrefix: map[string][]uint32{}, segments: map[segment.Segment]*facetColumn{}}
}

// ordinal is the ordinal of a facet value, new or not; fc.mu is held.
func (fc *facetColumns) ordinal(v string) uint32 {
	ord, ok := fc.ordinals[v]
	if !ok {
		ord = uint32(len(fc.values))
		fc.ordinals[v] = ord
		fc.values = append(fc.values, v)
		prefix := facetPrefix(v)
		fc.byPrefix[prefix] = append(fc.byPrefix[prefix], ord)
	}
	return ord
}

// column returns the segment's column: from memory, else from its column
// file (see columnfile.go), else decoded from its doc values and written
// to the file for the next opening.
func (fc *facetColumns) column(seg segment.Segment) (*facetColumn, error) {
	fc.mu.Lock()
	col, ok := fc.segments[seg]
	fc.mu.Unlock()
	if ok {
		return col, nil
	}
	path := columnFile(seg)
	if path != "" {
		if col, err := fc.readColumnFile(path, seg.Count()); err == nil {
			fc.keep(seg, col)
			return col, nil
		}
	}
	col, err := fc.decode(seg)
	if err != nil {
		return nil, err
	}
	if path != "" {
		// A cache: when it cannot be written, the next opening decodes
		// the column again.
		_ = fc.writeColumnFile(path, col)
	}
	fc.keep(seg, col)
	return col, nil
}

func (fc *facetColumns) keep(seg segment.Segment, col *facetColumn) {
	fc.mu.Lock()
	fc.segments[seg] = col
	fc.mu.Unlock()
}

// decode builds a segment's column from its doc values.
func (fc *facetColumns) decode(seg segment.Segment) (*facetColumn, error) {
	visitable, ok := seg.(segment.DocValueVisitable)
	if !ok {
		return nil, fmt.Errorf("facet counts: segment %T has no doc values", seg)
	}
	n := seg.Count()
	col := &facetColumn{starts: make([]uint32, 0, n+1), ords: make([]uint32, 0, 8*n)}
	keys := make([]byte, 0, 8*n)
	fields := []string{FieldFacet, FieldPublished}
	var state segment.DocVisitState
	for d := uint64(0); d < n; d++ {
		col.starts = append(col.starts, uint32(len(col.ords)))
		published := int64(math.MinInt64) // none
		var err error
		state, err = visitable.VisitDocValues(d, fields, func(field string, term []byte) {
			if field == FieldPublished {
				// The sort key, in hexadecimal (see publishedTerm).
				if len(term) == 16 {
					var key [8]byte
					if _, err := hex.Decode(key[:], term); err == nil {
						published = int64(binary.BigEndian.Uint64(key[:]) ^ 1<<63)
					}
				}
				return
			}
			fc.mu.Lock()
			ord := fc.ordinal(string(term))
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
	return col, nil
}

// forget drops the columns of segments that are no longer live.
func (fc *facetColumns) forget(live map[segment.Segment]bool) {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	for seg := range fc.segments {
		if !live[seg] {
			delete(fc.segments, seg)
			// The column file goes with its segment's file; one whose
			// segment file outlives this goes at the next opening.
			if path := columnFile(seg); path != "" {
				if _, err := os.Stat(strings.TrimSuffix(path, ".columns") + ".zap"); errors.Is(err, fs.ErrNotExist) {
					_ = os.Remove(path)
				}
			}
		}
	}
}

// shardCounter counts the facet values of documents of one snapshot of a
// shard, given in increasing document number.
type shardCounter struct {
	ends   []uint64 // ends[i]: the first document number after segment i
	cols   []*facetColumn
	counts []uint64 // by ordinal
	seg    int      // the segment of the last document counted
	start  uint64   // its first document number
	// recentKey is the sort key of the Since time; recent counts the
	// documents published at or after it (none when recentKey is "").
	recentKey string
	recent    uint64
	matches   uint64 // the documents counted
}

func (ix *Index) newShardCounter(reader bleveindex.IndexReader, since time.Time) (*shardCounter, error) {
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
	if !since.IsZero() {
		c.recentKey = string(appendPublishedKey(nil, since.UnixNano()))
	}
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
	c.matches++
	col, local, ok := c.locate(internalID)
	if !ok {
		return
	}
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
