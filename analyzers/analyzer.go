package analyzers

import (
	"fmt"
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/arabic"
	"github.com/kljensen/snowball/english"

	// The analyzers Lookup can name besides ours.
	_ "github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	_ "github.com/blevesearch/bleve/v2/analysis/analyzer/simple"
	_ "github.com/blevesearch/bleve/v2/analysis/analyzer/standard"
	_ "github.com/blevesearch/bleve/v2/analysis/analyzer/web"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/en"
)

// Kind selects what an Analyzer does after normalization and tokenization.
type Kind int

const (
	// Light is the search form: stop words removed (leaving position
	// gaps), Arabic words light-stemmed, Latin words lower-cased,
	// English stop words removed and Snowball-English stemmed.
	Light Kind = iota
	// Exact keeps every word, normalized but unstemmed (Latin words
	// lower-cased): for quoted queries and exact-match boosts.
	Exact
	// Snowball is Light with the Snowball Arabic stemmer in place of the
	// light stemmer, kept for evaluation.
	Snowball
)

// String returns the short name of the kind (ar, ar_exact, ar_snowball).
func (k Kind) String() string {
	switch k {
	case Light:
		return "ar"
	case Exact:
		return "ar_exact"
	case Snowball:
		return "ar_snowball"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Names under which the analyzers are registered in bleve's registry.
const (
	NameLight    = "fahras_ar"
	NameExact    = "fahras_ar_exact"
	NameSnowball = "fahras_ar_snowball"
	// NameBleveArabic is the registry name of bleve's own Arabic
	// analyzer (package bleve/v2/analysis/lang/ar), linked in by
	// blevear.go.
	NameBleveArabic = "ar"
)

// ConfigProtectedWords is the key of an analyzer definition in a bleve
// mapping that lists protected words (a JSON array of strings).
const ConfigProtectedWords = "protected_words"

// Analyzer is one of the fahras analysis chains. It implements bleve's
// analysis.Analyzer and is safe for concurrent use.
type Analyzer struct {
	kind      Kind
	protected *Protected
}

// New returns an analyzer of the given kind. protected (may be nil) lists
// words the light stemmer leaves whole; it may grow while in use.
func New(kind Kind, protected *Protected) *Analyzer {
	return &Analyzer{kind: kind, protected: protected}
}

// Kind returns the analyzer's kind.
func (a *Analyzer) Kind() Kind { return a.kind }

// Protected returns the analyzer's protected words (may be nil).
func (a *Analyzer) Protected() *Protected { return a.protected }

// Analyze implements analysis.Analyzer. Token Start and End are byte
// offsets into input covering the whole surface word; positions start at
// 1 and skip removed stop words.
func (a *Analyzer) Analyze(input []byte) analysis.TokenStream {
	toks := a.tokenize(input)
	out := make(analysis.TokenStream, len(toks))
	for i := range toks {
		out[i] = &toks[i]
	}
	return out
}

// Token is one analyzed word: Term is what is indexed, Surface the text
// of the input it came from (input[Start:End], byte offsets), Position
// its 1-based place among all words including removed stop words.
type Token struct {
	Term     string
	Surface  string
	Start    int
	End      int
	Position int
}

// Tokens analyzes text and returns its tokens.
func (a *Analyzer) Tokens(text string) []Token {
	toks := a.tokenize([]byte(text))
	// All terms go into one string, sliced per token: one allocation
	// instead of one per word.
	n := 0
	for i := range toks {
		n += len(toks[i].Term)
	}
	var sb strings.Builder
	sb.Grow(n)
	for i := range toks {
		sb.Write(toks[i].Term)
	}
	terms := sb.String()
	out := make([]Token, len(toks))
	at := 0
	for i, t := range toks {
		out[i] = Token{
			Term:     terms[at : at+len(t.Term)],
			Surface:  text[t.Start:t.End],
			Start:    t.Start,
			End:      t.End,
			Position: t.Position,
		}
		at += len(t.Term)
	}
	return out
}

// filter turns a finished word into its term, or reports that the word is
// dropped. letters is true for a Latin-script word made of letters only.
func (a *Analyzer) filter(sc script, term []byte, letters bool) ([]byte, bool) {
	if a.kind == Exact {
		return term, true
	}
	switch sc {
	case scriptArabic:
		flags := lexicon.lookup(term)
		if flags&flagStop != 0 {
			return nil, false
		}
		if a.kind == Snowball {
			return snowballArabic(term), true
		}
		return stemLight(term, flags, a.protected.load()), true
	case scriptLatin:
		if _, stop := englishStopWords[string(term)]; stop {
			return nil, false
		}
		if letters && len(term) > 2 {
			if st := english.Stem(string(term), true); st != string(term) {
				return []byte(st), true
			}
		}
	}
	return term, true
}

// snowballArabic stems a normalized Arabic word with the Snowball Arabic
// stemmer and normalizes the result again (the stemmer writes some letters
// back in their unfolded forms).
func snowballArabic(term []byte) []byte {
	env := snowballstem.NewEnv(string(term))
	arabic.Stem(env)
	st := Normalize(env.Current())
	if st == "" {
		return term
	}
	return []byte(st)
}

func init() {
	for name, kind := range map[string]Kind{NameLight: Light, NameExact: Exact, NameSnowball: Snowball} {
		if err := registry.RegisterAnalyzer(name, constructor(kind)); err != nil {
			panic(err)
		}
	}
}

// constructor returns the bleve constructor for kind. The config may hold
// "protected_words": a list of strings, as decoded from a mapping's JSON.
func constructor(kind Kind) registry.AnalyzerConstructor {
	return func(config map[string]interface{}, _ *registry.Cache) (analysis.Analyzer, error) {
		protected, err := protectedFromConfig(config)
		if err != nil {
			return nil, fmt.Errorf("analyzer %s: %w", kind, err)
		}
		return New(kind, protected), nil
	}
}

func protectedFromConfig(config map[string]interface{}) (*Protected, error) {
	raw, ok := config[ConfigProtectedWords]
	if !ok || raw == nil {
		return nil, nil
	}
	switch v := raw.(type) {
	case []string:
		return NewProtected(v...), nil
	case []interface{}:
		words := make([]string, 0, len(v))
		for i, x := range v {
			s, ok := x.(string)
			if !ok {
				return nil, fmt.Errorf("%s[%d] is %T, want a string", ConfigProtectedWords, i, x)
			}
			words = append(words, s)
		}
		return NewProtected(words...), nil
	}
	return nil, fmt.Errorf("%s is %T, want a list of strings", ConfigProtectedWords, raw)
}

// shortNames maps the names users type to registry names.
var shortNames = map[string]string{
	"ar":          NameLight,
	"ar_exact":    NameExact,
	"ar_snowball": NameSnowball,
	"bleve_ar":    NameBleveArabic,
}

// Lookup resolves an analyzer name: ar, ar_exact and ar_snowball are
// ours, bleve_ar is bleve's own Arabic analyzer, and any other name is
// looked up in bleve's registry (standard, keyword, simple, web, en,
// fahras_ar …). cache may be nil.
func Lookup(name string, cache *registry.Cache) (analysis.Analyzer, error) {
	if cache == nil {
		cache = registry.NewCache()
	}
	regName := name
	if n, ok := shortNames[name]; ok {
		regName = n
	}
	a, err := cache.AnalyzerNamed(regName)
	if err != nil {
		return nil, fmt.Errorf("unknown analyzer %q (known: %v): %w", name, Names(), err)
	}
	return a, nil
}

// Names lists the analyzer names Lookup knows: the short names first, then
// bleve's registered analyzers (without its plain "ar", which Lookup
// resolves to ours; bleve_ar is listed when bleve's Arabic analyzer is
// linked in).
func Names() []string {
	names := []string{"ar", "ar_exact", "ar_snowball"}
	types, instances := registry.AnalyzerTypesAndInstances()
	seen := map[string]bool{"ar": true, "ar_exact": true, "ar_snowball": true}
	var rest []string
	for _, n := range append(types, instances...) {
		if n == NameBleveArabic {
			names = append(names, "bleve_ar")
			continue
		}
		if !seen[n] {
			seen[n] = true
			rest = append(rest, n)
		}
	}
	sort.Strings(rest)
	return append(names, rest...)
}
