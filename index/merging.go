package index

import (
	"context"
	"fmt"
	"time"

	"github.com/blevesearch/bleve/v2"
)

// Merging reports whether bleve is still merging or persisting the
// segments of any shard: whether the latest state of every shard has been
// written to disk and its merge planner found nothing more to merge.
func (ix *Index) Merging() (bool, error) {
	return Merging(ix.shards...)
}

// Merging reports whether bleve is still merging or persisting the
// segments of any of these indexes (see Index.Merging).
func Merging(indexes ...bleve.Index) (bool, error) {
	for i, s := range indexes {
		stats, ok := s.StatsMap()["index"].(map[string]interface{})
		if !ok {
			return false, fmt.Errorf("merging: index %d gives no storage statistics", i)
		}
		get := func(name string) uint64 {
			v, _ := stats[name].(uint64)
			return v
		}
		root := get("CurRootEpoch")
		if get("LastPersistedEpoch") < root || get("LastMergedEpoch") < root ||
			get("TotFileMergeZapBeg") != get("TotFileMergeZapEnd") {
			return true, nil
		}
	}
	return false, nil
}

// WaitMerged returns once no shard has merging or persisting left to do
// (see Merging), polling every poll.
func (ix *Index) WaitMerged(ctx context.Context, poll time.Duration) error {
	return WaitMerged(ctx, poll, ix.shards...)
}

// WaitMerged returns once none of these indexes has merging or persisting
// left to do, polling every poll.
func WaitMerged(ctx context.Context, poll time.Duration, indexes ...bleve.Index) error {
	settled := 0
	for settled < 2 { // twice in a row: a merge may be about to be planned
		busy, err := Merging(indexes...)
		if err != nil {
			return err
		}
		if busy {
			settled = 0
		} else {
			settled++
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(poll):
		}
	}
	return nil
}
