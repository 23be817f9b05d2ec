package search

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	blevequery "github.com/blevesearch/bleve/v2/search/query"

	"github.com/fahras/fahras/analyzers/variants"
	"github.com/fahras/fahras/index"
	"github.com/fahras/fahras/index/places"
	"github.com/fahras/fahras/index/synonyms"
	"github.com/fahras/fahras/search/query"
)

// Where an alternative spelling of a query word comes from.
const (
	// SourceVariants: mined from the index (see package variants).
	SourceVariants = "variants"
	// SourceSynonyms: the index's synonyms file (see package synonyms).
	SourceSynonyms = "synonyms"
	// SourceGazetteer: another spelling of a place the gazetteer lists
	// (سوريا, سورية).
	SourceGazetteer = "gazetteer"
)

// gazetteerWeight is the weight of a place's other spelling from the
// gazetteer.
const gazetteerWeight = 0.5

// Expansion is how one word of the query was searched: as typed and as
// its alternatives, each weighted (the typed word has weight 1), or, when
// Replaced, as its alternatives only (a synonym mapping a => b).
type Expansion struct {
	Word         string        `json:"word"`
	Replaced     bool          `json:"replaced,omitempty"`
	Alternatives []Alternative `json:"alternatives"`
}

// Alternative is one other spelling or synonym a query word is searched as.
type Alternative struct {
	Word   string  `json:"word"`
	Weight float64 `json:"weight"`
	Source string  `json:"source"`
}

// maxMinedVariants is how many mined spellings a word is searched as
// besides itself, the most common first: with the three weighted fields a
// word is matched in, two keep a word within the terms index.TopRanked
// ranks, and the third spelling of a name is rare.
const maxMinedVariants = 2

// synonymWeight is the weight of a user's equivalent word: nearly the
// typed word's, which still ranks first on a tie.
const synonymWeight = 0.9

// expandedWord is a free word of the query with its alternatives and the
// terms it is matched by.
type expandedWord struct {
	Expansion
	terms []index.RankedTerm
}

// expand finds the alternatives of a free word: the user's synonyms when
// an entry names the word (they override the mined variants), else the
// mined variants. It returns nil for a word searched only as typed.
func (e *Engine) expand(t query.Term) *expandedWord {
	if t.Field != "" || t.Phrase || t.Prefix || t.Fuzzy {
		return nil
	}
	exact := e.exactTerms(t.Text)
	if len(exact) != 1 || len(e.tokens(t.Text)) == 0 {
		return nil
	}
	word := exact[0]
	x := &expandedWord{Expansion: Expansion{Word: t.Text}}
	if alts, replace, ok := e.synonyms.Lookup(word); ok {
		x.Replaced = replace
		weight := synonymWeight
		if replace {
			weight = 1
		}
		for _, a := range alts {
			x.Alternatives = append(x.Alternatives, Alternative{Word: a, Weight: weight, Source: SourceSynonyms})
		}
	} else {
		mined := e.variants.current()
		for _, v := range mined.variants(word) {
			x.Alternatives = append(x.Alternatives, Alternative{Word: v.Word, Weight: v.Weight, Source: SourceVariants})
		}
		for _, w := range e.placeSpellings[word] {
			if len(x.Alternatives) == maxMinedVariants || e.variants.off.Load() {
				break
			}
			if !slices.ContainsFunc(x.Alternatives, func(a Alternative) bool { return a.Word == w }) {
				x.Alternatives = append(x.Alternatives, Alternative{Word: w, Weight: gazetteerWeight, Source: SourceGazetteer})
			}
		}
	}
	if len(x.Alternatives) == 0 {
		return nil
	}
	x.terms = e.expandedTerms(word, x.Expansion)
	if len(x.terms) == 0 {
		return nil
	}
	return x
}

// expandedTerms are the (field, term, boost) matches of a word and its
// alternatives, as one flat disjunction. bleve multiplies a disjunction's
// score by the fraction of its clauses that match, so every boost is
// scaled by the number of terms over the number the word alone has: a
// document with only the typed word scores exactly as without the
// expansion, one with only an alternative scores below it (the weight),
// and one with both above.
func (e *Engine) expandedTerms(typed string, x Expansion) []index.RankedTerm {
	type weighted struct {
		text   string
		weight float64
	}
	var words []weighted
	if !x.Replaced {
		words = append(words, weighted{typed, 1})
	}
	for _, a := range x.Alternatives {
		words = append(words, weighted{a.Word, a.Weight})
	}
	fields := e.rankedFields()
	var terms []index.RankedTerm
	seen := map[[2]string]bool{}
	for _, w := range words {
		for _, f := range fields {
			toks := f.analyzer.Analyze([]byte(w.text))
			if len(toks) != 1 {
				continue
			}
			key := [2]string{f.name, string(toks[0].Term)}
			if seen[key] {
				continue
			}
			seen[key] = true
			terms = append(terms, index.RankedTerm{Field: f.name, Term: key[1], Boost: f.boost * w.weight})
		}
	}
	if len(fields) == 0 || len(terms) == 0 {
		return nil
	}
	scale := float64(len(terms)) / float64(len(fields))
	for i := range terms {
		terms[i].Boost *= scale
	}
	return terms
}

// termsQuery is the bleve form of an expanded word: a disjunction of term
// matches.
func termsQuery(terms []index.RankedTerm) blevequery.Query {
	qs := make([]blevequery.Query, 0, len(terms))
	for _, t := range terms {
		q := blevequery.NewTermQuery(t.Term)
		q.SetField(t.Field)
		q.SetBoost(t.Boost)
		qs = append(qs, q)
	}
	return disjunction(qs...)
}

// minedTable is the variants mined from the index when it held docs
// documents.
type minedTable struct {
	table *variants.Table
	docs  uint64
}

// variants returns the mined spellings of word, at most maxMinedVariants,
// with their weights lowered where a rarer spelling's IDF would raise it
// above the typed word's, so that the typed spelling ranks first.
func (m *minedTable) variants(word string) []variants.Variant {
	if m == nil {
		return nil
	}
	vs := m.table.Variants(word)
	if len(vs) == 0 {
		return nil
	}
	g, _ := m.table.Group(word)
	counts := map[string]int{}
	for _, s := range g.Spellings {
		counts[s.Word] = s.Count
	}
	typed, ok := counts[word]
	if !ok {
		// Typed with the article: its group holds the bare word.
		for _, s := range g.Spellings {
			if len(word) > len(s.Word) && word[len(word)-len(s.Word):] == s.Word {
				typed = s.Count
			}
		}
	}
	if len(vs) > maxMinedVariants {
		vs = vs[:maxMinedVariants]
	}
	out := make([]variants.Variant, len(vs))
	for i, v := range vs {
		if t, o := idf(typed, m.docs), idf(counts[v.Word], m.docs); t > 0 && o > t {
			v.Weight *= t / o
		}
		v.Weight = math.Round(v.Weight*1000) / 1000
		out[i] = v
	}
	return out
}

// idf is BM25's inverse document frequency of a word counted count times
// over a collection of docs documents (the count spans title and body, so
// the collection is counted twice).
func idf(count int, docs uint64) float64 {
	n := 2 * float64(docs)
	c := min(float64(count), n)
	return math.Log(1 + (n-c+0.5)/(c+0.5))
}

// Re-mining: when the index has grown by remineGrowth of what it held at
// the last mining (and by remineMinDocs documents at least), checked at
// most every remineCheck.
const (
	remineGrowth  = 0.10
	remineMinDocs = 100
	remineCheck   = 10 * time.Second
)

// variantIndex keeps the variants mined from an index and mines them
// again, in the background, as the index grows. The first search starts
// the mining; searches meanwhile use the last table (none at first).
type variantIndex struct {
	ix      *index.Index
	table   atomic.Pointer[minedTable]
	mu      sync.Mutex // held while mining
	mining  atomic.Bool
	checked atomic.Int64 // unix nanoseconds of the last growth check
	// off disables the mining (SetVariants(false)).
	off atomic.Bool
}

// current returns the table to expand with: mined now when there is
// none, and mined again in the background when the index has grown.
func (v *variantIndex) current() *minedTable {
	if v.off.Load() {
		return nil
	}
	m := v.table.Load()
	if m == nil {
		// The first search starts the mining and does not wait for it
		// (at a million articles it takes minutes): words are searched
		// as typed until the table is there.
		if v.mining.CompareAndSwap(false, true) {
			go func() {
				defer v.mining.Store(false)
				if _, err := v.Refresh(context.Background()); err != nil && !closedUnderneath(err) {
					slog.Warn("variants: mining the index failed; words are searched as typed", "err", err)
				}
			}()
		}
		return nil
	}
	now := time.Now().UnixNano()
	last := v.checked.Load()
	if now-last < int64(remineCheck) || !v.checked.CompareAndSwap(last, now) {
		return m
	}
	docs, err := v.ix.Count()
	if err == nil && docs >= m.docs+max(remineMinDocs, uint64(float64(m.docs)*remineGrowth)) && v.mining.CompareAndSwap(false, true) {
		go func() {
			defer v.mining.Store(false)
			if _, err := v.Refresh(context.Background()); err != nil && !closedUnderneath(err) {
				slog.Warn("variants: mining the index again failed", "err", err)
			}
		}()
	}
	return m
}

// closedUnderneath reports whether mining in the background stopped
// because the index was closed meanwhile: nothing is lost then, and
// nothing to warn about.
func closedUnderneath(err error) bool {
	return errors.Is(err, bleve.ErrorIndexClosed)
}

// Refresh mines the variants of the index now and uses them from the next
// search on.
func (v *variantIndex) Refresh(ctx context.Context) (*minedTable, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.refreshLocked(ctx)
}

func (v *variantIndex) refreshLocked(ctx context.Context) (*minedTable, error) {
	start := time.Now()
	docs, err := v.ix.Count()
	if err != nil {
		return nil, fmt.Errorf("variants: %w", err)
	}
	words := map[string]int{}
	n := 0
	for _, field := range []string{index.FieldTitleExact, index.FieldBodyExact} {
		err := v.ix.FieldTerms(field, "", func(term string, count uint64) bool {
			words[term] += int(count)
			n++
			return n%4096 != 0 || ctx.Err() == nil
		})
		if err != nil {
			return nil, fmt.Errorf("variants: %w", err)
		}
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("variants: %w", err)
		}
	}
	// The neighbours of the words that may be grouped, from the stored
	// titles and bodies: the evidence that two spellings are used alike.
	ctxs := variants.NewContexts(variants.Candidates(words, variants.Options{}))
	if err := v.eachText(ctx, ctxs.Add); err != nil {
		return nil, fmt.Errorf("variants: %w", err)
	}
	m := &minedTable{table: variants.Mine(words, variants.Options{Contexts: ctxs}), docs: docs}
	v.table.Store(m)
	v.checked.Store(time.Now().UnixNano())
	slog.Debug("variants mined", "docs", docs, "words", len(words), "groups", m.table.Len(), "took", time.Since(start))
	return m, nil
}

// textsPage is how many stored articles eachText reads at a time.
const textsPage = 500

// eachText calls add with the exact terms of the title, and then of the
// body, of every stored article, in order.
func (v *variantIndex) eachText(ctx context.Context, add func([]string)) error {
	exact := v.ix.Mapping().AnalyzerNamed(index.AnalyzerArExact)
	if exact == nil {
		return fmt.Errorf("the index mapping lacks the %s analyzer", index.AnalyzerArExact)
	}
	var terms []string
	addText := func(text string) {
		terms = terms[:0]
		for _, tok := range exact.Analyze([]byte(text)) {
			terms = append(terms, string(tok.Term))
		}
		add(terms)
	}
	var after []string
	for {
		req := bleve.NewSearchRequestOptions(blevequery.NewMatchAllQuery(), textsPage, 0, false)
		req.Fields = index.HitFields
		req.SortBy([]string{"_id"})
		req.Score = bleve.ScoreNone
		if after != nil {
			req.SetSearchAfter(after)
		}
		res, err := v.ix.Search(ctx, req)
		if err != nil {
			return fmt.Errorf("read the stored articles: %w", err)
		}
		if len(res.Hits) == 0 {
			return nil
		}
		for _, h := range res.Hits {
			st, err := v.ix.StoredOf(h.ID, h.Fields)
			if err != nil {
				return fmt.Errorf("read the stored articles: %w", err)
			}
			addText(st.Article.Title)
			addText(st.Article.Body)
		}
		after = []string{res.Hits[len(res.Hits)-1].ID}
	}
}

// rankedField is a field a free word is matched in, with its boost and
// the analyzer its terms are made by.
type rankedField struct {
	name     string
	boost    float64
	analyzer analysis.Analyzer
}

// rankedFields are the fields a free word is matched in (those with a
// boost), with the analyzers bleve's match queries would use.
func (e *Engine) rankedFields() []rankedField {
	w := e.weights
	m := e.ix.Mapping()
	var out []rankedField
	for _, f := range []struct {
		name  string
		boost float64
	}{{index.FieldTitle, w.Title}, {index.FieldTitleExact, w.TitleExact}, {index.FieldBody, w.Body}, {index.FieldBodyExact, w.BodyExact}} {
		if f.boost <= 0 {
			continue
		}
		name := m.AnalyzerNameForPath(f.name)
		if exactFields[f.name] {
			name = index.AnalyzerArExact
		}
		if a := m.AnalyzerNamed(name); a != nil {
			out = append(out, rankedField{f.name, f.boost, a})
		}
	}
	return out
}

// expandWord expands a positive free word once per query, recording it.
func (t *textPart) expandWord(e *Engine, term query.Term, not bool) *expandedWord {
	if not {
		return nil
	}
	if x, ok := t.expanded[term.Text]; ok {
		return x
	}
	x := e.expand(term)
	if x == nil {
		return nil
	}
	if t.expanded == nil {
		t.expanded = map[string]*expandedWord{}
	}
	t.expanded[term.Text] = x
	t.expansions = append(t.expansions, x.Expansion)
	return x
}

// openSynonyms reads the synonyms file of the index's directory (none
// for an index without one).
func openSynonyms(ix *index.Index, norm synonyms.Normalizer) (*synonyms.Set, error) {
	path := ""
	if dir := ix.Dir(); dir != "" {
		path = filepath.Join(dir, synonyms.FileName)
	}
	s, err := synonyms.Open(path, norm)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	return s, nil
}

// normalizeWord is a word as the exact fields hold it, or "" when the
// exact analyzer does not make one term of it.
func (e *Engine) normalizeWord(w string) string {
	terms := e.exactTerms(w)
	if len(terms) != 1 {
		return ""
	}
	return terms[0]
}

// Synonyms is the user's synonyms of the index: entries added or removed
// there take effect from the next search.
func (e *Engine) Synonyms() *synonyms.Set { return e.synonyms }

// Variants mines the spellings of names from the index now and waits for
// them (the engine mines them itself, in the background, from its first
// search on and again as the index grows; until then words are searched
// as typed).
func (e *Engine) Variants(ctx context.Context) (*variants.Table, error) {
	m, err := e.variants.Refresh(ctx)
	if err != nil {
		return nil, err
	}
	return m.table, nil
}

// SetVariants turns the expansion by other spellings, mined or from the
// gazetteer, on or off (for comparisons); the user's synonyms apply
// either way.
func (e *Engine) SetVariants(on bool) { e.variants.off.Store(!on) }

// WordExpansion is how the engine would search one word: its mined
// group and the alternatives it is searched as.
func (e *Engine) WordExpansion(word string) (Expansion, variants.Group, bool) {
	var g variants.Group
	if m := e.variants.current(); m != nil {
		g, _ = m.table.Group(e.normalizeWord(word))
	}
	x := e.expand(query.Term{Text: word})
	if x == nil {
		return Expansion{Word: word, Alternatives: []Alternative{}}, g, false
	}
	return x.Expansion, g, true
}

// markExpansions makes the marker highlight the alternatives a query's
// words were searched as, as it highlights the words themselves.
func (e *Engine) markExpansions(m *marker, xs []Expansion) {
	for _, x := range xs {
		for _, a := range x.Alternatives {
			for _, w := range e.tokens(a.Word) {
				m.stems[w] = true
			}
		}
	}
}

// placeSpellings maps each one-word Arabic name of a gazetteer place,
// normalized and without the article, to the place's other names with
// the same consonant skeleton: its other spellings (سوريا: سوريه;
// ميونخ: ميونيخ), not its other names (بريطانيا, انجلترا).
func (e *Engine) placeSpellingsOf(g *places.Gazetteer) map[string][]string {
	out := map[string][]string{}
	for _, p := range g.All() {
		var words []string
		for _, n := range append([]string{p.NameAr}, p.Variants...) {
			w := e.normalizeWord(n)
			if bare, ok := strings.CutPrefix(w, "ال"); ok && utf8.RuneCountInString(bare) >= 3 {
				w = bare
			}
			if w != "" && !slices.Contains(words, w) {
				words = append(words, w)
			}
		}
		for _, a := range words {
			for _, b := range words {
				if a != b && variants.Skeleton(a) == variants.Skeleton(b) && !slices.Contains(out[a], b) {
					out[a] = append(out[a], b)
				}
			}
		}
	}
	return out
}
