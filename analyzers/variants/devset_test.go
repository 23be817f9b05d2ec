package variants_test

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/fahras/fahras/analyzers/variants"
)

// devPair is one hand-checked pair of testdata/devset.tsv: two words of
// the ANT corpus, whether they are spellings of one name (or word), and
// where the pair was found (random: a random pair of look-alike words;
// outlets: a look-alike pair that outlets use unevenly; mined: a pair an
// early version of the mining grouped; gazetteer: two spellings of a
// place the gazetteer lists).
type devPair struct {
	a, b    string
	variant bool
	from    string
}

func readDevset(tb testing.TB) []devPair {
	tb.Helper()
	f, err := os.Open(filepath.Join("testdata", "devset.tsv"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out []devPair
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) != 4 || cols[2] != "0" && cols[2] != "1" {
			tb.Fatalf("devset.tsv line %d: want word, word, 0 or 1, origin", n)
		}
		out = append(out, devPair{cols[0], cols[1], cols[2] == "1", cols[3]})
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}

// score is the mining's confusion counts on pairs.
type score struct{ tp, fp, fn, tn int }

func (s score) precision() float64 { return ratio(s.tp, s.tp+s.fp) }
func (s score) recall() float64    { return ratio(s.tp, s.tp+s.fn) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func grouped(tab *variants.Table, a, b string) bool { return tab.Same(a, b) }

// TestDevset measures the mining of the ANT corpus on the hand-checked
// pairs: precision (of the pairs it groups, how many are variants) and
// recall (of the variants, how many it groups), overall and by origin.
//
//	go test ./analyzers/variants -run TestDevset -v
func TestDevset(t *testing.T) {
	pairs := readDevset(t)
	tab := antTable(t)
	all := score{}
	by := map[string]*score{}
	var wrong []string
	for _, p := range pairs {
		got := grouped(tab, p.a, p.b)
		s := by[p.from]
		if s == nil {
			s = &score{}
			by[p.from] = s
		}
		for _, s := range []*score{&all, s} {
			switch {
			case got && p.variant:
				s.tp++
			case got:
				s.fp++
			case p.variant:
				s.fn++
			default:
				s.tn++
			}
		}
		if got != p.variant {
			wrong = append(wrong, fmt.Sprintf("%s/%s (%s, variant %v)", p.a, p.b, p.from, p.variant))
		}
	}
	positives := all.tp + all.fn
	t.Logf("%d pairs, %d variants: precision %.3f (%d/%d), recall %.3f (%d/%d)",
		len(pairs), positives, all.precision(), all.tp, all.tp+all.fp, all.recall(), all.tp, positives)
	origins := make([]string, 0, len(by))
	for o := range by {
		origins = append(origins, o)
	}
	sort.Strings(origins)
	for _, o := range origins {
		s := by[o]
		t.Logf("  %-9s tp %3d fp %3d fn %3d tn %3d", o, s.tp, s.fp, s.fn, s.tn)
	}
	for _, w := range wrong {
		t.Logf("  wrong: %s", w)
	}
	// The targets are 0.95 and 0.80; the test holds the mining to what it
	// reaches today so that no change makes it worse unnoticed.
	if all.precision() < devsetPrecision || all.recall() < devsetRecall {
		t.Errorf("precision %.3f, recall %.3f; want at least %.2f and %.2f", all.precision(), all.recall(), devsetPrecision, devsetRecall)
	}
}

// The precision and recall the mining reaches on the development set.
const (
	devsetPrecision = 0.95
	devsetRecall    = 0.79
)

// BenchmarkMine mines the ANT corpus (its words and the contexts of its
// candidates counted beforehand) and reports the precision and recall on
// the development set:
//
//	go test ./analyzers/variants -run '^$' -bench Mine -benchtime 3x
func BenchmarkMine(b *testing.B) {
	pairs := readDevset(b)
	words := antWords(b)
	var tab *variants.Table
	for b.Loop() {
		tab = variants.Mine(words, variants.Options{Contexts: corpusCtx})
	}
	var s score
	for _, p := range pairs {
		got := grouped(tab, p.a, p.b)
		switch {
		case got && p.variant:
			s.tp++
		case got:
			s.fp++
		case p.variant:
			s.fn++
		default:
			s.tn++
		}
	}
	b.ReportMetric(s.precision(), "precision")
	b.ReportMetric(s.recall(), "recall")
	b.ReportMetric(float64(tab.Len()), "groups")
}
