package watch

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
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
//
// A watch that needs one of several clauses is keyed by the clause the
// fewest articles satisfy: the percolator counts, for every term some
// watch could be keyed by, the articles that hold it, and chooses the
// keys again each time the number of articles seen doubles (starting
// from guesses; see prior).
type percolator struct {
	// terms maps a field, then a term, to the watches keyed by it and
	// how many articles held it.
	terms map[string]map[string]*keyTerm
	// prefixes maps a field, then a prefix's first characters (see
	// prefixKey), to the watches keyed by a prefix starting with them.
	prefixes map[string]map[string][]prefixed
	// prefixLens counts, per field, the prefix keys of each length in
	// characters, so that an article's terms are looked up only at the
	// lengths some key has.
	prefixLens map[string]*[maxPrefixKey + 1]int
	always     []*compiled
	// slots numbers the watches for the per-article marks.
	slots []*compiled
	free  []int
	marks sync.Pool // of *scratch
	// seen counts the articles matched; the keys are chosen again when
	// it reaches rekeyAt.
	seen    atomic.Int64
	rekeyAt atomic.Int64
}

// scratch is what matching an article needs and the next can reuse:
// the marks of the watches tried (by slot) and their list.
type scratch struct {
	seen  []bool
	tried []*compiled
}

// keyTerm is a term some watch could be keyed by.
type keyTerm struct {
	// watches are those keyed by the term; refs counts the watches that
	// could be (the entry lives as long as one does).
	watches []*compiled
	refs    int
	// held counts the articles (values of the field) holding the term.
	held atomic.Int64
}

// prefixed is a watch keyed by a prefix.
type prefixed struct {
	prefix string
	c      *compiled
}

// firstRekey is the number of articles after which the keys are first
// chosen by counted frequencies rather than guesses.
const firstRekey = 1024

// priorWeight is how many articles' worth of evidence a guess counts for.
const priorWeight = 64

// sampleEvery is how often an article is counted: one in four is
// enough to rank terms, and spares the matchers most of the writes to
// counters they share.
const sampleEvery = 4

func newPercolator() *percolator {
	p := &percolator{
		terms:      map[string]map[string]*keyTerm{},
		prefixes:   map[string]map[string][]prefixed{},
		prefixLens: map[string]*[maxPrefixKey + 1]int{},
	}
	p.rekeyAt.Store(firstRekey)
	return p
}

// term is part of estimator: the share of the articles seen holding t,
// drawn toward its guessed share while few are seen.
func (p *percolator) term(t fieldTerm) float64 {
	held := 0.0
	if e := p.terms[t.field][t.term]; e != nil {
		held = float64(e.held.Load())
	}
	sampled := float64(p.seen.Load() / sampleEvery)
	return (held + priorWeight*prior(t)) / (sampled + priorWeight)
}

// prefix is part of estimator: prefixes are not counted.
func (p *percolator) prefix(fieldTerm) float64 { return prefixPrior }

// recorder is an estimator that notes the terms it is asked about: a
// watch's possible keys.
type recorder struct {
	estimator
	asked []fieldTerm
}

func (r *recorder) term(t fieldTerm) float64 {
	r.asked = append(r.asked, t)
	return r.estimator.term(t)
}

func (p *percolator) add(c *compiled) {
	if n := len(p.free); n > 0 {
		c.slot, p.free = p.free[n-1], p.free[:n-1]
		p.slots[c.slot] = c
	} else {
		c.slot = len(p.slots)
		p.slots = append(p.slots, c)
	}
	rec := &recorder{estimator: p}
	k, rest, ok := keyed(c.node, rec)
	c.candidates = uniq(rec.asked)
	for _, t := range c.candidates {
		p.entry(t).refs++
	}
	p.file(c, k, rest, ok)
}

func (p *percolator) remove(c *compiled) {
	p.slots[c.slot] = nil
	p.free = append(p.free, c.slot)
	p.unfile(c)
	for _, t := range c.candidates {
		byTerm := p.terms[t.field]
		if e := byTerm[t.term]; e != nil {
			if e.refs--; e.refs <= 0 {
				delete(byTerm, t.term)
			}
		}
		if len(byTerm) == 0 {
			delete(p.terms, t.field)
		}
	}
}

func (p *percolator) entry(t fieldTerm) *keyTerm {
	byTerm := p.terms[t.field]
	if byTerm == nil {
		byTerm = map[string]*keyTerm{}
		p.terms[t.field] = byTerm
	}
	e := byTerm[t.term]
	if e == nil {
		e = &keyTerm{}
		byTerm[t.term] = e
	}
	return e
}

// file keys c by k (or files it with the watches tried on every article).
func (p *percolator) file(c *compiled, k keySet, rest node, ok bool) {
	c.keyed, c.keys, c.rest = ok, k, rest
	if !ok {
		p.always = append(p.always, c)
		return
	}
	c.keys.terms, c.keys.prefixes = uniq(k.terms), uniq(k.prefixes)
	for _, t := range c.keys.terms {
		e := p.entry(t)
		e.watches = append(e.watches, c)
	}
	for _, t := range c.keys.prefixes {
		key, _ := prefixKey(t.term, maxPrefixKey)
		byKey := p.prefixes[t.field]
		if byKey == nil {
			byKey = map[string][]prefixed{}
			p.prefixes[t.field] = byKey
		}
		byKey[key] = append(byKey[key], prefixed{prefix: t.term, c: c})
		lens := p.prefixLens[t.field]
		if lens == nil {
			lens = new([maxPrefixKey + 1]int)
			p.prefixLens[t.field] = lens
		}
		lens[utf8.RuneCountInString(key)]++
	}
}

// unfile undoes file.
func (p *percolator) unfile(c *compiled) {
	if !c.keyed {
		p.always = slices.DeleteFunc(p.always, func(x *compiled) bool { return x == c })
		return
	}
	for _, t := range c.keys.terms {
		if e := p.terms[t.field][t.term]; e != nil {
			e.watches = slices.DeleteFunc(e.watches, func(x *compiled) bool { return x == c })
		}
	}
	for _, t := range c.keys.prefixes {
		key, _ := prefixKey(t.term, maxPrefixKey)
		byKey := p.prefixes[t.field]
		list := slices.DeleteFunc(byKey[key], func(x prefixed) bool { return x.c == c })
		if len(list) > 0 {
			byKey[key] = list
		} else {
			delete(byKey, key)
		}
		if len(byKey) == 0 {
			delete(p.prefixes, t.field)
		}
		lens := p.prefixLens[t.field]
		lens[utf8.RuneCountInString(key)]--
		if *lens == ([maxPrefixKey + 1]int{}) {
			delete(p.prefixLens, t.field)
		}
	}
}

// rekeyDue reports whether enough articles were seen since the keys were
// last chosen.
func (p *percolator) rekeyDue() bool { return p.seen.Load() >= p.rekeyAt.Load() }

// rekey chooses every watch's keys again by the frequencies counted so
// far, and sets the next time to when the articles seen have doubled.
func (p *percolator) rekey() {
	p.rekeyAt.Store(2 * max(p.seen.Load(), firstRekey/2))
	for _, c := range p.slots {
		if c == nil {
			continue
		}
		k, rest, ok := keyed(c.node, p)
		k.terms, k.prefixes = uniq(k.terms), uniq(k.prefixes)
		if ok == c.keyed && slices.Equal(k.terms, c.keys.terms) && slices.Equal(k.prefixes, c.keys.prefixes) {
			c.rest = rest
			continue
		}
		p.unfile(c)
		p.file(c, k, rest, ok)
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
// terms name, each once, tested unless finding its key is enough. It
// counts (in one article of sampleEvery) the terms that are possible keys.
func (p *percolator) matches(d *doc) []*compiled {
	counted := p.seen.Add(1)%sampleEvery == 0
	sc, _ := p.marks.Get().(*scratch)
	if sc == nil {
		sc = &scratch{}
	}
	if len(sc.seen) < len(p.slots) {
		sc.seen = make([]bool, len(p.slots))
	}
	seen := sc.seen
	var hits []*compiled
	tried := sc.tried[:0]
	try := func(c *compiled, keyed bool) {
		if seen[c.slot] {
			return
		}
		seen[c.slot] = true
		tried = append(tried, c)
		if keyed && (c.rest == nil || c.rest.match(d)) || !keyed && c.node.match(d) {
			hits = append(hits, c)
		}
	}
	for _, c := range p.always {
		try(c, false)
	}
	for field, values := range d.fields {
		byTerm := p.terms[field]
		lens := p.prefixLens[field]
		if byTerm == nil && lens == nil {
			continue
		}
		byPrefix := p.prefixes[field]
		for _, tf := range values {
			for term := range tf {
				if e, ok := byTerm[term]; ok {
					if counted {
						e.held.Add(1)
					}
					for _, c := range e.watches {
						try(c, true)
					}
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
					for _, pf := range byPrefix[k] {
						if strings.HasPrefix(term, pf.prefix) {
							try(pf.c, true)
						}
					}
				}
			}
		}
	}
	for _, c := range tried {
		seen[c.slot] = false
	}
	clear(tried)
	sc.tried = tried[:0]
	p.marks.Put(sc)
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
	rekey := s.perc.rekeyDue()
	s.mu.RUnlock()
	if rekey {
		s.mu.Lock()
		if s.perc.rekeyDue() {
			s.perc.rekey()
		}
		s.mu.Unlock()
	}
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
