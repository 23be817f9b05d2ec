package index

import (
	"encoding/binary"
	"fmt"
	"slices"
	"time"

	"github.com/blevesearch/bleve/v2/index/scorch"
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
