package watch

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/fahras/fahras/index"
	"github.com/fahras/fahras/index/article"
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
	k, rest, ok := keyed(c.node)
	if !ok {
		p.always = append(p.always, c)
		return
	}
	c.rest = rest
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
			if keyed && (c.rest == nil || c.rest.match(d)) || !keyed && c.node.match(d) {
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
						try(list, true)
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

// job is a batch of indexed documents waiting to be matched; flushed,
// when set, is closed once the jobs before it are done.
type job struct {
	ids      []string
	articles []*Article
	docs     []*doc
	flushed  chan struct{}
}

// pendingRecord is a line of the pending log: the documents of a batch
// about to be written, or those whose matches are recorded.
type pendingRecord struct {
	Pending []string `json:"pending,omitempty"`
	Done    []string `json:"done,omitempty"`
}

// Writing is part of index.Observer: it logs (synced) the documents a
// batch is about to write, so that, should the process die before their
// matches are recorded, they are matched when the watches open again.
func (s *Service) Writing(_ context.Context, ids []string) error {
	return s.pending.Append(pendingRecord{Pending: ids})
}

// Indexed is part of index.Observer: it queues the documents a write
// indexed for matching, which runs beside the writes (the queue is
// bounded: a write waits when matching falls behind).
func (s *Service) Indexed(ctx context.Context, docs []index.Indexed) error {
	now := time.Now().UTC()
	j := job{ids: make([]string, len(docs)), articles: make([]*Article, len(docs)), docs: make([]*doc, len(docs))}
	for i := range docs {
		j.ids[i] = docs[i].Article.ID
		j.articles[i] = describe(docs[i].Article, docs[i].Status, now)
		j.docs[i] = newDoc(docs[i].Fields)
	}
	select {
	case s.queue <- j:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func describe(a *article.Article, status index.Status, now time.Time) *Article {
	ref := &Article{ID: a.ID, Title: a.Title, Source: a.Source, URL: a.URL, Status: status, Matched: now}
	if !a.Published.IsZero() {
		t := a.Published
		ref.Published = &t
	}
	return ref
}

// Flush waits until the documents indexed so far are matched.
func (s *Service) Flush(ctx context.Context) error {
	done := make(chan struct{})
	select {
	case s.queue <- job{flushed: done}:
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// matcher matches the queued batches, one after another, until the
// queue closes.
func (s *Service) matcher() {
	defer close(s.matched)
	for j := range s.queue {
		if j.flushed != nil {
			close(j.flushed)
			continue
		}
		if err := s.record(j); err != nil {
			// The documents stay pending: they are matched again at
			// the next start.
			s.log.Error("record the matches of indexed articles", "articles", len(j.ids), "err", err)
		}
	}
}

// record matches a batch, logs its matches and marks it done.
func (s *Service) record(j job) error {
	ms := s.match(j)
	if len(ms) > 0 {
		watches, err := s.feed.add(ms)
		if err != nil {
			return err
		}
		s.delivery.notify(watches)
	}
	// Not synced: should it be lost, the batch is matched again, and
	// its matches are delivered at least once.
	return s.pending.AppendNoSync(pendingRecord{Done: j.ids})
}

// match tests each document against the watches it could match, the
// documents shared among the processors.
func (s *Service) match(j job) []matched {
	hits := make([][]string, len(j.docs))
	s.mu.RLock()
	workers := min(runtime.GOMAXPROCS(0), (len(j.docs)+63)/64)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(j.docs); i += workers {
				cs := s.perc.matches(j.docs[i])
				if len(cs) == 0 {
					continue
				}
				ids := make([]string, len(cs))
				for k, c := range cs {
					ids[k] = c.watch.ID
				}
				hits[i] = ids
			}
		}()
	}
	wg.Wait()
	s.mu.RUnlock()
	var out []matched
	for i, ids := range hits {
		if len(ids) > 0 {
			out = append(out, matched{article: j.articles[i], watches: ids})
		}
	}
	return out
}

// recover matches the documents logged as pending but never done: read
// back from the index, enriched and analyzed as their write did.
func (s *Service) recover(ctx context.Context, ids []string) error {
	ix := s.engine.Index()
	now := time.Now().UTC()
	var j job
	for _, id := range ids {
		a, err := ix.Get(ctx, id)
		if errors.Is(err, index.ErrNotFound) {
			continue // the write never happened, or the article is gone
		}
		if err != nil {
			return fmt.Errorf("recover the matches of %s: %w", id, err)
		}
		fields, err := ix.Analyze(s.opts.Enricher.Document(a))
		if err != nil {
			return fmt.Errorf("recover the matches of %s: %w", id, err)
		}
		j.ids = append(j.ids, id)
		j.articles = append(j.articles, describe(&a, "", now))
		j.docs = append(j.docs, newDoc(fields))
	}
	if len(j.ids) > 0 {
		s.log.Info("matched the articles a crash left unmatched", "articles", len(j.ids))
	}
	return s.record(j)
}
