package watch

import (
	"context"
	"slices"
	"time"

	"github.com/fahras/fahras/index"
)

// percolator is the reverse index of the watches: from each index term
// (or term prefix) that a watch needs to the watches that need it, so an
// article is tested only against the watches its terms can satisfy.
// Watches with no such term (a search of everything, a fuzzy word alone)
// are tested against every article.
type percolator struct {
	terms    map[fieldTerm][]*compiled
	prefixes map[fieldTerm][]*compiled
	always   []*compiled
	// hasPrefix notes the fields some prefix key is on.
	hasPrefix map[string]int
}

func newPercolator() *percolator {
	return &percolator{terms: map[fieldTerm][]*compiled{}, prefixes: map[fieldTerm][]*compiled{}, hasPrefix: map[string]int{}}
}

func (p *percolator) add(c *compiled) {
	k, _, ok := c.node.keys()
	if !ok {
		p.always = append(p.always, c)
		return
	}
	for _, t := range uniq(k.terms) {
		p.terms[t] = append(p.terms[t], c)
	}
	for _, t := range uniq(k.prefixes) {
		p.prefixes[t] = append(p.prefixes[t], c)
		p.hasPrefix[t.field]++
	}
}

func (p *percolator) remove(c *compiled) {
	k, _, ok := c.node.keys()
	drop := func(list []*compiled) []*compiled {
		return slices.DeleteFunc(list, func(x *compiled) bool { return x == c })
	}
	if !ok {
		p.always = drop(p.always)
		return
	}
	for _, t := range uniq(k.terms) {
		if p.terms[t] = drop(p.terms[t]); len(p.terms[t]) == 0 {
			delete(p.terms, t)
		}
	}
	for _, t := range uniq(k.prefixes) {
		if p.prefixes[t] = drop(p.prefixes[t]); len(p.prefixes[t]) == 0 {
			delete(p.prefixes, t)
		}
		if p.hasPrefix[t.field]--; p.hasPrefix[t.field] == 0 {
			delete(p.hasPrefix, t.field)
		}
	}
}

func uniq(ts []fieldTerm) []fieldTerm {
	out := slices.Clone(ts)
	slices.SortFunc(out, func(a, b fieldTerm) int {
		if a.field != b.field {
			if a.field < b.field {
				return -1
			}
			return 1
		}
		switch {
		case a.term < b.term:
			return -1
		case a.term > b.term:
			return 1
		}
		return 0
	})
	return slices.Compact(out)
}

// candidates lists, once each, the watches the document's terms can
// satisfy.
func (p *percolator) candidates(d *doc) []*compiled {
	seen := map[*compiled]struct{}{}
	var out []*compiled
	take := func(list []*compiled) {
		for _, c := range list {
			if _, ok := seen[c]; !ok {
				seen[c] = struct{}{}
				out = append(out, c)
			}
		}
	}
	take(p.always)
	for field, values := range d.fields {
		prefixed := p.hasPrefix[field] > 0
		for _, tf := range values {
			for term := range tf {
				if list, ok := p.terms[fieldTerm{field, term}]; ok {
					take(list)
				}
				if prefixed {
					if k, ok := prefixKey(term); ok {
						take(p.prefixes[fieldTerm{field, k}])
					}
				}
			}
		}
	}
	return out
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
		d := newDoc(docs[i].Fields)
		var ids []string
		for _, c := range s.perc.candidates(d) {
			if c.node.match(d) {
				ids = append(ids, c.watch.ID)
			}
		}
		if len(ids) == 0 {
			continue
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
