package bench

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"math/rand/v2"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/fahras/fahras/index"
	"github.com/fahras/fahras/index/article"
	"github.com/fahras/fahras/index/places"
	"github.com/fahras/fahras/index/readers"
)

// LoadCorpus reads the articles of the files or directories in paths (any
// format package readers knows), skipping units that cannot be read, up to
// limit articles (0: all). It also returns the text size in bytes (title
// and body), the measure of MB/s.
func LoadCorpus(ctx context.Context, paths []string, limit int) ([]article.Article, int64, error) {
	var out []article.Article
	var size int64
	errEnough := errors.New("enough articles")
	for _, p := range paths {
		err := readers.ReadPath(ctx, p, nil, readers.Options{}, func(r readers.Record) error {
			if r.Err != nil {
				return nil
			}
			a := r.Article
			a.EnsureID()
			out = append(out, a)
			size += TextBytes(a)
			if limit > 0 && len(out) >= limit {
				return errEnough
			}
			return nil
		})
		if errors.Is(err, errEnough) {
			break
		}
		if err != nil {
			return nil, 0, fmt.Errorf("read corpus %s: %w", p, err)
		}
	}
	if len(out) == 0 {
		return nil, 0, errors.New("no articles in the corpus")
	}
	return out, size, nil
}

// TextBytes is the size of the text every system indexes: title and body.
func TextBytes(a article.Article) int64 { return int64(len(a.Title) + len(a.Body)) }

// DefaultYears is how many years the dates of scaled articles spread over,
// ending at the base article's own year.
const DefaultYears = 8

// Scaler derives articles from a base corpus. It is built once (the base
// articles are enriched to find their dates and places) and then derives
// article i of a seed in constant time and memory, so that a million
// articles can stream through an indexer. A Scaler is safe for concurrent
// use.
type Scaler struct {
	base      []article.Article
	found     [][]placeNames // per base article: the places found and how they are written
	byCat     map[string][]int
	byLevel   map[string][]places.Place
	years     int
	reference time.Time
}

// placeNames is a gazetteer place found in a base article with the
// spellings to look for in its text.
type placeNames struct {
	id, level string
	names     []string
}

// NewScaler enriches a copy of base with the gazetteer (on all cores) and
// prepares the tables the derivation draws from. base is not modified.
func NewScaler(ctx context.Context, base []article.Article, g *places.Gazetteer) (*Scaler, error) {
	if len(base) == 0 {
		return nil, errors.New("scaler: empty base corpus")
	}
	if g == nil {
		return nil, errors.New("scaler: no gazetteer")
	}
	s := &Scaler{
		base:      slices.Clone(base),
		found:     make([][]placeNames, len(base)),
		byCat:     map[string][]int{},
		byLevel:   map[string][]places.Place{},
		years:     DefaultYears,
		reference: time.Date(2018, 6, 1, 12, 0, 0, 0, time.UTC),
	}
	enricher := index.NewEnricher(g, time.UTC)
	workers := runtime.NumCPU()
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(s.base); i += workers {
				if ctx.Err() != nil {
					return
				}
				a := &s.base[i]
				enricher.Enrich(a, s.reference)
				s.found[i] = spellings(g, a.Places)
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("scaler: %w", err)
	}
	for i, a := range s.base {
		s.byCat[a.Category] = append(s.byCat[a.Category], i)
	}
	for _, c := range g.Countries() {
		s.byLevel[places.LevelCountry] = append(s.byLevel[places.LevelCountry], c)
		for _, d := range g.Children(c.ID) {
			s.byLevel[d.Level] = append(s.byLevel[d.Level], d)
			if d.Level == places.LevelDivision {
				for _, city := range g.Children(d.ID) {
					s.byLevel[city.Level] = append(s.byLevel[city.Level], city)
				}
			}
		}
	}
	return s, nil
}

// spellings lists, for each place found, the names and variants that may
// be written in the text, longest first.
func spellings(g *places.Gazetteer, found []article.Place) []placeNames {
	var out []placeNames
	for _, p := range found {
		gp, ok := g.Lookup(p.ID)
		if !ok {
			continue
		}
		names := append([]string{gp.NameAr}, gp.Variants...)
		sort.Slice(names, func(i, j int) bool { return len(names[i]) > len(names[j]) })
		out = append(out, placeNames{id: p.ID, level: p.Level, names: names})
	}
	return out
}

// SetYears changes how many years the derived dates spread over (at least 1).
func (s *Scaler) SetYears(n int) { s.years = max(n, 1) }

// Years is how many years the derived dates spread over.
func (s *Scaler) Years() int { return s.years }

// Article derives article i for a seed. The same seed and i always give
// the same article, whatever was derived before:
//   - the title, source, category and author are those of a primary base
//     article chosen at random; the body keeps the primary's first
//     sentence and its length in sentences, and draws about half of the
//     others from two more articles of the same category;
//   - every gazetteer place found in those articles is written as another
//     place of the same level (country, division or city), the same one
//     throughout the article, so that place facets vary;
//   - the date is the primary's, moved back by 0 to Years-1 years and by up
//     to 30 days either way;
//   - the ID is fresh ("s<seed>-<i>"), and the URL and places are left
//     empty for indexing to fill in.
func (s *Scaler) Article(seed int64, i int) article.Article {
	rng := rand.New(rand.NewPCG(uint64(seed), uint64(i)))
	p := rng.IntN(len(s.base))
	primary := &s.base[p]
	group := s.byCat[primary.Category]
	donors := []int{group[rng.IntN(len(group))], group[rng.IntN(len(group))]}

	body := s.recombine(rng, p, donors)
	swaps := s.swaps(rng, append([]int{p}, donors...))
	title := swapPlaces(primary.Title, swaps)
	body = swapPlaces(body, swaps)

	published := primary.Published
	if published.IsZero() {
		published = s.reference
	}
	published = published.AddDate(-rng.IntN(s.years), 0, rng.IntN(61)-30)

	return article.Article{
		ID:            fmt.Sprintf("s%d-%d", seed, i),
		Title:         title,
		Body:          body,
		Source:        primary.Source,
		Category:      primary.Category,
		Author:        primary.Author,
		Lang:          primary.Lang,
		PublishedText: published.Format(time.RFC3339),
		Published:     published,
		Origin:        fmt.Sprintf("scaled:%d:%d", seed, i),
	}
}

// recombine builds a body from the primary's sentences, replacing about
// half of them after the first with sentences of the donors.
func (s *Scaler) recombine(rng *rand.Rand, primary int, donors []int) string {
	own := sentences(s.base[primary].Body)
	var pool []string
	for _, d := range donors {
		if d != primary {
			pool = append(pool, sentences(s.base[d].Body)...)
		}
	}
	var b strings.Builder
	b.Grow(len(s.base[primary].Body) + 64)
	for k, sent := range own {
		if k > 0 && len(pool) > 0 && rng.IntN(2) == 0 {
			sent = pool[rng.IntN(len(pool))]
		}
		if k > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(sent)
	}
	return b.String()
}

// sentences splits text after . ! ? ؟ and at line ends, trimming space.
func sentences(text string) []string {
	var out []string
	start := 0
	for i, r := range text {
		switch r {
		case '.', '!', '?', '؟', '\n':
			if sent := strings.TrimSpace(text[start : i+utf8.RuneLen(r)]); sent != "" {
				out = append(out, sent)
			}
			start = i + utf8.RuneLen(r)
		}
	}
	if sent := strings.TrimSpace(text[start:]); sent != "" {
		out = append(out, sent)
	}
	return out
}

// swaps maps each spelling of each place found in the given base articles
// to the name of a replacement place of the same level.
func (s *Scaler) swaps(rng *rand.Rand, articles []int) map[string]string {
	out := map[string]string{}
	seen := map[string]bool{}
	for _, a := range articles {
		for _, pn := range s.found[a] {
			if seen[pn.id] {
				continue
			}
			seen[pn.id] = true
			candidates := s.byLevel[pn.level]
			if len(candidates) < 2 {
				continue
			}
			to := candidates[rng.IntN(len(candidates))]
			if to.ID == pn.id {
				to = candidates[(slices.IndexFunc(candidates, func(c places.Place) bool { return c.ID == pn.id })+1)%len(candidates)]
			}
			for _, name := range pn.names {
				if _, taken := out[name]; !taken {
					out[name] = to.NameAr
				}
			}
		}
	}
	return out
}

// proclitics may precede a place name in the same word (والعراق، بمصر);
// the empty one first, for the name alone.
var proclitics = []string{"", "وب", "ول", "فب", "فل", "وك", "و", "ب", "ل", "ف", "ك"}

// maxNameWords bounds how many words a place name spans.
const maxNameWords = 4

// swapPlaces rewrites text in one pass, replacing whole-word occurrences
// of the keys of swaps (possibly after a proclitic) by their values.
func swapPlaces(text string, swaps map[string]string) string {
	if len(swaps) == 0 {
		return text
	}
	// The first words of the names: most words of a text are none of
	// them, and are passed over after a few small map lookups.
	first := make(map[string]bool, len(swaps))
	for name := range swaps {
		w, _, _ := strings.Cut(name, " ")
		first[w] = true
	}
	words := wordSpans(text)
	var b strings.Builder
	last := 0
	for k := 0; k < len(words); k++ {
		word := text[words[k][0]:words[k][1]]
		for _, pre := range proclitics {
			if !strings.HasPrefix(word, pre) || !first[word[len(pre):]] {
				continue
			}
			n, to := longestName(text, words[k:], len(pre), swaps)
			if n == 0 {
				continue
			}
			b.WriteString(text[last : words[k][0]+len(pre)])
			b.WriteString(to)
			last = words[k+n-1][1]
			k += n - 1
			break
		}
	}
	if last == 0 {
		return text
	}
	b.WriteString(text[last:])
	return b.String()
}

// longestName finds the longest key of swaps that the words starting at
// words[0] (after skip bytes of proclitic) spell, separated by single
// spaces, and returns how many words it spans and its replacement.
func longestName(text string, words [][2]int, skip int, swaps map[string]string) (int, string) {
	for n := min(maxNameWords, len(words)); n >= 1; n-- {
		start, end := words[0][0]+skip, words[n-1][1]
		phrase := text[start:end]
		if n > 1 && strings.Count(phrase, " ") != n-1 {
			continue // words separated by more than one space
		}
		if to, ok := swaps[phrase]; ok {
			return n, to
		}
	}
	return 0, ""
}

// wordSpans returns the byte spans of the runs of letters and marks.
func wordSpans(text string) [][2]int {
	var out [][2]int
	start := -1
	for i, r := range text {
		letter := unicode.IsLetter(r) || unicode.Is(unicode.Mn, r)
		switch {
		case letter && start < 0:
			start = i
		case !letter && start >= 0:
			out = append(out, [2]int{start, i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, [2]int{start, len(text)})
	}
	return out
}

// Seq yields n derived articles for a seed, in order, one at a time.
func (s *Scaler) Seq(n int, seed int64) iter.Seq[article.Article] {
	return func(yield func(article.Article) bool) {
		for i := range n {
			if !yield(s.Article(seed, i)) {
				return
			}
		}
	}
}

// Source is Seq as an index.Source, for Index.Ingest.
func (s *Scaler) Source(n int, seed int64) index.Source {
	return func(ctx context.Context, emit func(readers.Record) error) error {
		for i := range n {
			if err := ctx.Err(); err != nil {
				return err
			}
			a := s.Article(seed, i)
			if err := emit(readers.Record{Article: a, Origin: a.Origin}); err != nil {
				return err
			}
		}
		return nil
	}
}

// Scale derives n articles from base: NewScaler then Seq. It yields
// nothing when the scaler cannot be built (an empty base or no gazetteer).
func Scale(base []article.Article, n int, g *places.Gazetteer, seed int64) iter.Seq[article.Article] {
	return func(yield func(article.Article) bool) {
		s, err := NewScaler(context.Background(), base, g)
		if err != nil {
			return
		}
		s.Seq(n, seed)(yield)
	}
}
