package index

// DefaultMemoryBudget is the memory an index is laid out to work in when
// Options.MemoryBudget is zero: 1.5 GiB. Loading the ANT corpus with
// batches of 1,000 articles peaks at 0.86 GB of resident memory within it.
const DefaultMemoryBudget = 3 << 29

// scorchConfig is bleve's storage configuration for a memory budget.
//
// While articles are loaded, most of a process's memory beyond the
// batches being built is the pages of the segment files being merged:
// bleve reads every source segment of a merge through a memory map, and
// its default lets merged segments grow to five million documents, so
// the memory a load needed grew with the index (6.3 GB at a million
// articles). Here a merge never makes a segment of more documents than a
// sixth of the budget holds at 8 KiB an article (an indexed article is
// about 7 KB on disk in the news of the benchmark): with one merge at a
// time in each of two shards, their sources stay within a third of the
// budget, whatever the size of the index. bleve's own limit on a merged
// segment's file size applies to segments with vectors only. Larger
// indexes keep more segments, each searched in turn, and merge less.
func scorchConfig(budget int64) map[string]interface{} {
	return map[string]interface{}{
		"scorchMergePlanOptions": map[string]interface{}{
			"MaxSegmentSize": maxSegmentDocs(budget),
		},
	}
}

// maxSegmentDocs is the most documents a merged segment may hold under a
// memory budget.
func maxSegmentDocs(budget int64) int64 {
	if budget <= 0 {
		budget = DefaultMemoryBudget
	}
	return max(budget/(6*8<<10), 10000)
}

// GoMemoryLimit is the soft limit of the Go heap (runtime/debug's
// SetMemoryLimit) that a process loading articles within a memory budget
// should set: 85% of it. The limit is a backstop, not a target: a load of
// 1,000-article batches holds about 360 MB, which the collector's own
// pace keeps well under the limit; a limit near what a load holds makes
// the collector run without pause (a heap limit of 768 MiB took the load
// of 100,000 derived articles from 1,278 to 760 articles a second). It
// is the caller's to set: the limit is the whole process's.
func GoMemoryLimit(budget int64) int64 {
	if budget <= 0 {
		budget = DefaultMemoryBudget
	}
	return budget / 20 * 17
}
