package index

import (
	"container/heap"
	"strings"

	"github.com/blevesearch/bleve/v2/search"
)

// IDSort orders hits by document ID, ascending, as the last key of a
// date order (PublishedSort first). bleve's own ID sort reads the ID of
// every match from its segment before ranking it; with IDSort the index's
// match handler reads it only for the matches whose date can still reach
// the page (see dateTop), a few dozen of a hundred thousand. Use it on this
// index's Search only, after a PublishedSort.
type IDSort struct{}

var _ search.SearchSort = (*IDSort)(nil)

// UpdateVisitor implements search.SearchSort.
func (*IDSort) UpdateVisitor(string, []byte) {}

// Value implements search.SearchSort: the key is set by the match handler.
func (*IDSort) Value(*search.DocumentMatch) string { return "" }

// DecodeValue implements search.SearchSort: the key is the ID.
func (*IDSort) DecodeValue(v string) string { return v }

// Descending implements search.SearchSort.
func (*IDSort) Descending() bool { return false }

// RequiresDocID implements search.SearchSort: no, the handler reads it.
func (*IDSort) RequiresDocID() bool { return false }

// RequiresScoring implements search.SearchSort.
func (*IDSort) RequiresScoring() bool { return false }

// RequiresFields implements search.SearchSort.
func (*IDSort) RequiresFields() []string { return nil }

// Reverse implements search.SearchSort. The ID stays ascending: it only
// breaks ties.
func (*IDSort) Reverse() {}

// Copy implements search.SearchSort.
func (*IDSort) Copy() search.SearchSort { return &IDSort{} }

// dateTop keeps the best n date keys a shard's matches have shown so far
// in a sort's order, so that a match whose date is worse than all of them
// is dropped before anything else is read or ranked: it cannot be on the
// page. Ties with the worst kept key pass, for the ID to decide.
type dateTop struct {
	n    int
	desc bool
	keys []string // a heap, the worst key on top
}

func (t *dateTop) Len() int { return len(t.keys) }
func (t *dateTop) Less(i, j int) bool {
	if t.desc {
		return t.keys[i] < t.keys[j]
	}
	return t.keys[i] > t.keys[j]
}
func (t *dateTop) Swap(i, j int) { t.keys[i], t.keys[j] = t.keys[j], t.keys[i] }
func (t *dateTop) Push(x any)    { t.keys = append(t.keys, x.(string)) }
func (t *dateTop) Pop() any {
	last := t.keys[len(t.keys)-1]
	t.keys = t.keys[:len(t.keys)-1]
	return last
}

// admit reports whether a match with this key may still reach the page,
// and keeps the key when it does.
func (t *dateTop) admit(key string) bool {
	if t.n <= 0 {
		return true
	}
	if len(t.keys) < t.n {
		heap.Push(t, key)
		return true
	}
	c := strings.Compare(key, t.keys[0])
	if t.desc {
		c = -c
	}
	switch {
	case c > 0: // worse than every kept key
		return false
	case c < 0:
		t.keys[0] = key
		heap.Fix(t, 0)
	}
	return true
}
