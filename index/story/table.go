package story

import (
	"slices"
	"sync"
	"time"
)

// Member is an article as the clustering sees it: its ID, its story and
// its signature.
type Member struct {
	ID    string
	Story string
	Sig   Signature
	// Published is the article's publication time (zero if unknown).
	Published time.Time
	// Bands are Sig's band terms (Signature.Bands), computed once by
	// whoever needs them first.
	Bands []string
}

// banded returns m with its bands computed.
func banded(m Member) Member {
	if m.Bands == nil {
		m.Bands = m.Sig.Bands()
	}
	return m
}

// MaxGap is the longest time between the publications of two versions of
// one story: past it, an article that repeats another's text is a later
// development that reuses it as background, or a republication, and
// starts a story of its own.
const MaxGap = 24 * time.Hour

// near reports whether two publication times are close enough for one
// story; an unknown time is close to any.
func near(a, b time.Time) bool {
	if a.IsZero() || b.IsZero() {
		return true
	}
	d := a.Sub(b)
	return d <= MaxGap && d >= -MaxGap
}

// Best returns the candidate most similar to the article self, if one is
// similar enough and near enough in time to be of its story (of equally
// similar ones, that of the smallest story ID, so that the choice does
// not depend on the order candidates are found in). An earlier version of the article itself (a
// candidate with its ID) counts like any other: edited a little, an
// article keeps its story; rewritten into another event, it leaves it.
func Best(self Member, cands []Member) (Member, float64, bool) {
	var best Member
	bestSim := -1.0
	for i := range cands {
		c := &cands[i]
		if c.Story == "" || !near(self.Published, c.Published) {
			continue
		}
		s := Similarity(&self.Sig, &c.Sig)
		if s >= Threshold && (s > bestSim || s == bestSim && c.Story < best.Story) {
			best, bestSim = *c, s
		}
	}
	if bestSim < 0 {
		return Member{}, 0, false
	}
	return best, bestSim, true
}

// Assign sets the story of m: that of its most similar candidate, else a
// new one named after the article and the hash of its text.
func Assign(m *Member, textHash string, cands []Member) {
	if best, _, ok := Best(*m, cands); ok {
		m.Story = best.Story
		return
	}
	m.Story = NewID(m.ID, textHash)
}

// Table is an in-memory band index of members: for the articles a write
// has assigned but not yet persisted, and for evaluations. It is safe for
// concurrent use.
type Table struct {
	mu    sync.Mutex
	bands map[string][]string // band term → member IDs
	byID  map[string]*Member
}

// NewTable returns an empty table.
func NewTable() *Table {
	return &Table{bands: make(map[string][]string), byID: make(map[string]*Member)}
}

// Add puts m in the table, replacing a member with the same ID.
func (t *Table) Add(m Member) {
	m = banded(m)
	t.mu.Lock()
	defer t.mu.Unlock()
	t.remove(m.ID)
	t.byID[m.ID] = &m
	for _, b := range m.Bands {
		t.bands[b] = append(t.bands[b], m.ID)
	}
}

// Remove takes the member with the ID out of the table, if it is there.
func (t *Table) Remove(id string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.remove(id)
}

// RemoveIf takes the member with the ID out only while its story is
// still the given one (a later write may have replaced it).
func (t *Table) RemoveIf(id, story string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if m, ok := t.byID[id]; ok && m.Story == story {
		t.remove(id)
	}
}

func (t *Table) remove(id string) {
	m, ok := t.byID[id]
	if !ok {
		return
	}
	delete(t.byID, id)
	for _, b := range m.Bands {
		ids := slices.DeleteFunc(t.bands[b], func(x string) bool { return x == id })
		if len(ids) == 0 {
			delete(t.bands, b)
		} else {
			t.bands[b] = ids
		}
	}
}

// Has reports whether the table holds a member with the ID.
func (t *Table) Has(id string) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	_, ok := t.byID[id]
	return ok
}

// Len is the number of members.
func (t *Table) Len() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.byID)
}

// Candidates returns the members that share at least one of the band
// terms (those of a signature, Signature.Bands), each once, in the order
// their first shared band lists them.
func (t *Table) Candidates(bands []string) []Member {
	t.mu.Lock()
	defer t.mu.Unlock()
	var out []Member
	seen := make(map[string]bool)
	for _, b := range bands {
		for _, id := range t.bands[b] {
			if seen[id] {
				continue
			}
			seen[id] = true
			out = append(out, *t.byID[id])
		}
	}
	return out
}
