package watch

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"sync"
)

// feed keeps the matches of every watch: in a log (each batch synced
// before the write that made it is acknowledged) and, the newest of each
// watch, in memory for the feeds.
type feed struct {
	j   *journal
	max int

	// writeMu orders the appends: sequence numbers are given, logged and
	// published in one order.
	writeMu sync.Mutex
	mu      sync.RWMutex
	seq     uint64
	byWatch map[string]*matchList
	// batch numbers the appends, so that add names each watch it
	// touched once without a set of its own.
	batch uint64
	subs  map[string]map[chan struct{}]struct{}
	// articles are the articles matched, which entries number (without
	// pointers, millions of entries cost the collector nothing).
	articles []*Article
}

// matchList is the newest matches of one watch, oldest first.
type matchList struct {
	entries []entry
	// batch is the last append that added to the list.
	batch uint64
}

// entry is one match in memory; the watches an article matched share
// its description.
type entry struct {
	seq     uint64
	article int
}

// feedRecord is a line of the matches log: an article and the watches
// it matched (with the sequence number of each), the sequence number
// reached (written first when the log is compacted), or a watch whose
// matches are dropped.
type feedRecord struct {
	Article *Article `json:"article,omitempty"`
	Watches []string `json:"watches,omitempty"`
	// Seqs numbers the watches' matches; or, when absent, they are
	// numbered from First on.
	Seqs   []uint64 `json:"seqs,omitempty"`
	First  uint64   `json:"first,omitempty"`
	Seq    uint64   `json:"seq,omitempty"`
	Forget string   `json:"forget,omitempty"`
}

func openFeed(path string, max int) (*feed, error) {
	f := &feed{max: max, byWatch: map[string]*matchList{}, subs: map[string]map[chan struct{}]struct{}{}}
	j, err := openJournal(path, func(line []byte) error {
		var rec feedRecord
		if err := json.Unmarshal(line, &rec); err != nil {
			return err
		}
		f.seq = max64(f.seq, rec.Seq)
		switch {
		case rec.Article != nil:
			if len(rec.Seqs) == 0 && rec.First > 0 {
				for i := range rec.Watches {
					rec.Seqs = append(rec.Seqs, rec.First+uint64(i))
				}
			}
			if len(rec.Watches) != len(rec.Seqs) {
				return errors.New("a match record has not one sequence number per watch")
			}
			f.articles = append(f.articles, rec.Article)
			for i, w := range rec.Watches {
				f.seq = max64(f.seq, rec.Seqs[i])
				f.keep(w, entry{rec.Seqs[i], len(f.articles) - 1})
			}
		case rec.Forget != "":
			delete(f.byWatch, rec.Forget)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	f.j = j
	if err := j.Rewrite(f.state()); err != nil {
		j.Close()
		return nil, err
	}
	return f, nil
}

// state is the log of what the feed holds: the sequence reached, then
// each article kept with the watches that still list it, in order.
func (f *feed) state() []any {
	type held struct {
		seq   uint64
		watch string
		a     *Article
	}
	var all []held
	for w, list := range f.byWatch {
		for _, e := range list.entries {
			all = append(all, held{e.seq, w, f.articles[e.article]})
		}
	}
	sort.Slice(all, func(a, b int) bool { return all[a].seq < all[b].seq })
	recs := []any{feedRecord{Seq: f.seq}}
	byArticle := map[*Article]*feedRecord{}
	for _, h := range all {
		rec, ok := byArticle[h.a]
		if !ok {
			rec = &feedRecord{Article: h.a}
			byArticle[h.a] = rec
			recs = append(recs, rec)
		}
		rec.Watches = append(rec.Watches, h.watch)
		rec.Seqs = append(rec.Seqs, h.seq)
	}
	return recs
}

// appendString appends s as a JSON string: watch IDs (letters and
// digits) as they are, anything else through the encoder.
func appendString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || 'A' <= c && c <= 'Z') {
			q, _ := json.Marshal(s)
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

func max64(a, b uint64) uint64 {
	if a > b {
		return a
	}
	return b
}

// keep adds a match to its watch's list, dropping the oldest beyond
// max, and returns the list.
func (f *feed) keep(watch string, e entry) *matchList {
	list := f.byWatch[watch]
	if list == nil {
		list = &matchList{}
		f.byWatch[watch] = list
	}
	list.entries = append(list.entries, e)
	if len(list.entries) > f.max+f.max/4 {
		// Trim in steps, so that a busy watch copies its list rarely.
		list.entries = append(list.entries[:0:0], list.entries[len(list.entries)-f.max:]...)
	}
	return list
}

// add numbers the matches, logs them and tells the subscribers; it
// returns the watches matched, each once.
func (f *feed) add(ms []matched) ([]string, error) {
	f.writeMu.Lock()
	defer f.writeMu.Unlock()
	// One line per article, its watches numbered from first on; written
	// by hand, as the batch may hold a million watch IDs.
	size := 0
	for _, m := range ms {
		size += 512
		for _, w := range m.watches {
			size += len(w) + 3
		}
	}
	lines := make([]byte, 0, size)
	first := make([]uint64, len(ms))
	next := f.seq + 1
	for i, m := range ms {
		first[i] = next
		next += uint64(len(m.watches))
		a, err := json.Marshal(m.article)
		if err != nil {
			return nil, fmt.Errorf("encode a match: %w", err)
		}
		lines = append(lines, `{"article":`...)
		lines = append(lines, a...)
		lines = append(lines, `,"watches":[`...)
		for k, w := range m.watches {
			if k > 0 {
				lines = append(lines, ',')
			}
			lines = appendString(lines, w)
		}
		lines = append(lines, `],"first":`...)
		lines = strconv.AppendUint(lines, first[i], 10)
		lines = append(lines, "}\n"...)
	}
	if err := f.j.AppendLines(lines); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.seq = next - 1
	f.batch++
	var touched []string
	for i, m := range ms {
		f.articles = append(f.articles, m.article)
		for k, w := range m.watches {
			if list := f.keep(w, entry{first[i] + uint64(k), len(f.articles) - 1}); list.batch != f.batch {
				list.batch = f.batch
				touched = append(touched, w)
			}
		}
	}
	for _, w := range touched {
		for ch := range f.subs[w] {
			select {
			case ch <- struct{}{}:
			default: // already signalled
			}
		}
	}
	return touched, nil
}

// forget drops a deleted watch's matches.
func (f *feed) forget(watch string) {
	f.writeMu.Lock()
	defer f.writeMu.Unlock()
	// A failure to log it costs only memory at the next start: the
	// watch is gone and its matches are no longer served.
	_ = f.j.Append(feedRecord{Forget: watch})
	f.mu.Lock()
	delete(f.byWatch, watch)
	for ch := range f.subs[watch] {
		close(ch)
	}
	delete(f.subs, watch)
	f.mu.Unlock()
}

// Page is a page of a watch's feed.
type Page struct {
	Matches []Match `json:"matches"`
	// Next is the cursor of the page after this one: the last match's
	// sequence number (or the cursor asked for, when there is none
	// newer). Pass it as since to read on.
	Next uint64 `json:"next"`
	// More says whether matches newer than this page wait; Pending
	// counts the matches after the cursor asked for.
	More    bool `json:"more"`
	Pending int  `json:"pending"`
}

// page returns up to size matches of the watch after since, oldest first.
func (f *feed) page(watch string, since uint64, size int) Page {
	f.mu.RLock()
	defer f.mu.RUnlock()
	var list []entry
	if l := f.byWatch[watch]; l != nil {
		list = l.entries
	}
	if len(list) > f.max {
		list = list[len(list)-f.max:]
	}
	i := sort.Search(len(list), func(i int) bool { return list[i].seq > since })
	rest := list[i:]
	p := Page{Next: since, Pending: len(rest), Matches: []Match{}}
	if len(rest) > size {
		rest, p.More = rest[:size], true
	}
	for _, e := range rest {
		p.Matches = append(p.Matches, Match{Seq: e.seq, Watch: watch, Article: *f.articles[e.article]})
	}
	if len(rest) > 0 {
		p.Next = rest[len(rest)-1].seq
	}
	return p
}

// latest returns the newest n matches of the watch, newest first.
func (f *feed) latest(watch string, n int) []Match {
	f.mu.RLock()
	defer f.mu.RUnlock()
	var list []entry
	if l := f.byWatch[watch]; l != nil {
		list = l.entries
	}
	out := make([]Match, 0, min(n, len(list)))
	for i := len(list) - 1; i >= 0 && len(out) < n; i-- {
		out = append(out, Match{Seq: list[i].seq, Watch: watch, Article: *f.articles[list[i].article]})
	}
	return out
}

// subscribe returns a channel signalled after new matches of the watch
// (closed when the watch is deleted) and the function that ends the
// subscription.
func (f *feed) subscribe(watch string) (<-chan struct{}, func()) {
	ch := make(chan struct{}, 1)
	f.mu.Lock()
	if f.subs[watch] == nil {
		f.subs[watch] = map[chan struct{}]struct{}{}
	}
	f.subs[watch][ch] = struct{}{}
	f.mu.Unlock()
	return ch, func() {
		f.mu.Lock()
		if _, ok := f.subs[watch][ch]; ok {
			delete(f.subs[watch], ch)
			if len(f.subs[watch]) == 0 {
				delete(f.subs, watch)
			}
		}
		f.mu.Unlock()
	}
}

func (f *feed) close() error { return f.j.Close() }

// Matches returns a page of the feed of a watch of owner: up to size
// matches after the cursor since, oldest first.
func (s *Service) Matches(owner, id string, since uint64, size int) (Page, error) {
	if _, err := s.Get(owner, id); err != nil {
		return Page{}, err
	}
	return s.feed.page(id, since, size), nil
}

// Latest returns the newest n matches of a watch of owner, newest first.
func (s *Service) Latest(owner, id string, n int) ([]Match, error) {
	if _, err := s.Get(owner, id); err != nil {
		return nil, err
	}
	return s.feed.latest(id, n), nil
}

// Subscribe follows a watch of owner: the channel is signalled after new
// matches (read them with Matches) and closed when the watch is deleted;
// call the function returned to stop.
func (s *Service) Subscribe(owner, id string) (<-chan struct{}, func(), error) {
	if _, err := s.Get(owner, id); err != nil {
		return nil, nil, err
	}
	ch, stop := s.feed.subscribe(id)
	return ch, stop, nil
}
