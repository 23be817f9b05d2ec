package watch

import (
	"context"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/fahras/fahras/index"
)

// percolator is the reverse index of the watches: from each index term
// (or term prefix) that a watch needs to the watches that need it, so an
// article is tested only against the watches its terms can satisfy.
// Watches with no such term (a search of everything, a fuzzy word alone)
// are tested against every article.
type percolator struct {
	// terms and prefixes map a field, then a term or a prefix key, to
	// the watches keyed by it.
	terms    map[string]map[string][]*compiled
	prefixes map[string]map[string][]*compiled
	// prefixLens counts, per field, the prefix keys of each length in
	// characters, so that an article's terms are looked up only at the
	// lengths some key has.
	prefixLens map[string]*[maxPrefixKey + 1]int
	always     []*compiled
	// slots numbers the watches for the per-article marks.
	slots []*compiled
	free  []int
	marks sync.Pool
}

func newPercolator() *percolator {
	return &percolator{
		terms:      map[string]map[string][]*compiled{},
		prefixes:   map[string]map[string][]*compiled{},
		prefixLens: map[string]*[maxPrefixKey + 1]int{},
	}
}

func (p *percolator) add(c *compiled) {
	if n := len(p.free); n > 0 {
		c.slot, p.free = p.free[n-1], p.free[:n-1]
		p.slots[c.slot] = c
	} else {
		c.slot = len(p.slots)
		p.slots = append(p.slots, c)
	}
	k, _, ok := c.node.keys()
	if !ok {
		p.always = append(p.always, c)
		return
	}
	c.exact = len(k.prefixes) == 0 && exactKeys(c.node)
	for _, t := range uniq(k.terms) {
		addTo(p.terms, t, c)
	}
	for _, t := range uniq(k.prefixes) {
		addTo(p.prefixes, t, c)
		lens := p.prefixLens[t.field]
		if lens == nil {
			lens = new([maxPrefixKey + 1]int)
			p.prefixLens[t.field] = lens
		}
		lens[utf8.RuneCountInString(t.term)]++
	}
}

func addTo(m map[string]map[string][]*compiled, t fieldTerm, c *compiled) {
	byTerm := m[t.field]
	if byTerm == nil {
		byTerm = map[string][]*compiled{}
		m[t.field] = byTerm
	}
	byTerm[t.term] = append(byTerm[t.term], c)
}

func dropFrom(m map[string]map[string][]*compiled, t fieldTerm, c *compiled) {
	byTerm := m[t.field]
	list := slices.DeleteFunc(byTerm[t.term], func(x *compiled) bool { return x == c })
	if len(list) > 0 {
		byTerm[t.term] = list
		return
	}
	delete(byTerm, t.term)
	if len(byTerm) == 0 {
		delete(m, t.field)
	}
}

func (p *percolator) remove(c *compiled) {
	p.slots[c.slot] = nil
	p.free = append(p.free, c.slot)
	k, _, ok := c.node.keys()
	if !ok {
		p.always = slices.DeleteFunc(p.always, func(x *compiled) bool { return x == c })
		return
	}
	for _, t := range uniq(k.terms) {
		dropFrom(p.terms, t, c)
	}
	for _, t := range uniq(k.prefixes) {
		dropFrom(p.prefixes, t, c)
		lens := p.prefixLens[t.field]
		lens[utf8.RuneCountInString(t.term)]--
		if *lens == ([maxPrefixKey + 1]int{}) {
			delete(p.prefixLens, t.field)
		}
	}
}

func uniq(ts []fieldTerm) []fieldTerm {
	out := slices.Clone(ts)
	slices.SortFunc(out, func(a, b fieldTerm) int {
		if c := strings.Compare(a.field, b.field); c != 0 {
			return c
		}
		return strings.Compare(a.term, b.term)
	})
	return slices.Compact(out)
}

// matches returns the watches the document matches: the candidates its
// terms name, each once, tested unless finding its key is enough.
func (p *percolator) matches(d *doc) []*compiled {
	mark, _ := p.marks.Get().(*[]bool)
	if mark == nil {
		mark = new([]bool)
	}
	if len(*mark) < len(p.slots) {
		*mark = make([]bool, len(p.slots))
	}
	seen := *mark
	var hits, tried []*compiled
	try := func(list []*compiled, keyed bool) {
		for _, c := range list {
			if seen[c.slot] {
				continue
			}
			seen[c.slot] = true
			tried = append(tried, c)
			if keyed && c.exact || c.node.match(d) {
				hits = append(hits, c)
			}
		}
	}
	try(p.always, false)
	for field, values := range d.fields {
		byTerm := p.terms[field]
		lens := p.prefixLens[field]
		if byTerm == nil && lens == nil {
			continue
		}
		byPrefix := p.prefixes[field]
		for _, tf := range values {
			for term := range tf {
				if list, ok := byTerm[term]; ok {
					try(list, true)
				}
				if lens == nil {
					continue
				}
				for n := minPrefixKey; n <= maxPrefixKey; n++ {
					if lens[n] == 0 {
						continue
					}
					k, ok := prefixKey(term, n)
					if !ok || utf8.RuneCountInString(k) < n {
						break
					}
					if list, ok := byPrefix[k]; ok {
						try(list, false)
					}
				}
			}
		}
	}
	for _, c := range tried {
		seen[c.slot] = false
	}
	p.marks.Put(mark)
	return hits
}

// Match is one article a watch matched.
type Match struct {
	// Seq orders every match of the index; it is the feed's cursor.
	Seq   uint64 `json:"seq"`
	Watch string `json:"watch"`
	Article
}

// Article is what a match tells of the article: enough to list it and
// to fetch it.
type Article struct {
	ID        string     `json:"id"`
	Title     string     `json:"title,omitempty"`
	Source    string     `json:"source,omitempty"`
	URL       string     `json:"url,omitempty"`
	Published *time.Time `json:"published,omitempty"`
	// Status is whether the article was created or updated.
	Status  index.Status `json:"status"`
	Matched time.Time    `json:"matched"`
}

// matched is one article and the watches it matched.
type matched struct {
	article *Article
	watches []string
}

// Writing is part of index.Observer; matching needs nothing before a
// batch is written.
func (s *Service) Writing(context.Context, []string) error { return nil }

// Indexed matches the documents a write indexed against the watches and
// records the matches (synced) before the write is acknowledged.
func (s *Service) Indexed(ctx context.Context, docs []index.Indexed) error {
	ms := s.match(docs)
	if len(ms) == 0 {
		return nil
	}
	watches, err := s.feed.add(ms)
	if err != nil {
		return err
	}
	s.delivery.notify(watches)
	return nil
}

// match tests each document against the watches it could match.
func (s *Service) match(docs []index.Indexed) []matched {
	now := time.Now().UTC()
	var out []matched
	s.mu.RLock()
	defer s.mu.RUnlock()
	for i := range docs {
		hits := s.perc.matches(newDoc(docs[i].Fields))
		if len(hits) == 0 {
			continue
		}
		ids := make([]string, len(hits))
		for k, c := range hits {
			ids[k] = c.watch.ID
		}
		a := docs[i].Article
		ref := &Article{ID: a.ID, Title: a.Title, Source: a.Source, URL: a.URL, Status: docs[i].Status, Matched: now}
		if !a.Published.IsZero() {
			t := a.Published
			ref.Published = &t
		}
		out = append(out, matched{article: ref, watches: ids})
	}
	return out
}
