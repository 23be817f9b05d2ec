package story

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"math/bits"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fahras/fahras/index/article"
	"github.com/fahras/fahras/index/readers"
)

// corpusPath is the ANT corpus, beside the module (see the README).
var corpusPath = filepath.Join("..", "..", "..", "shared", "data", "news", "ant_v2_1_multisource.jsonl.gz")

var sweep = flag.Bool("story.sweep", false, "TestLabeledPairs: also report precision and recall for other shingle sizes, leads, thresholds and for SimHash")

// loadCorpus reads the ANT articles in file order (the order `fahras
// index` writes them), or skips the test when the corpus is absent.
func loadCorpus(tb testing.TB) []article.Article {
	tb.Helper()
	if _, err := os.Stat(corpusPath); err != nil {
		tb.Skipf("ANT corpus not found at %s", corpusPath)
	}
	var out []article.Article
	err := readers.ReadPath(context.Background(), corpusPath, nil, readers.Options{}, func(r readers.Record) error {
		if r.Err == nil {
			out = append(out, r.Article)
		}
		return nil
	})
	if err != nil {
		tb.Fatalf("read %s: %v", corpusPath, err)
	}
	return out
}

// published reads the RFC 822 times of the ANT corpus (the index has
// them from enrichment).
func published(a *article.Article) time.Time {
	for _, layout := range []string{time.RFC1123Z, time.RFC1123, "Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST"} {
		if t, err := time.Parse(layout, a.PublishedText); err == nil {
			return t
		}
	}
	return time.Time{}
}

type labeledPair struct{ a, b, label string }

func loadPairs(tb testing.TB) []labeledPair { return loadPairsFile(tb, "ant_pairs.tsv") }

func loadPairsFile(tb testing.TB, name string) []labeledPair {
	tb.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out []labeledPair
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.Split(line, "\t")
		if len(parts) != 3 {
			tb.Fatalf("%s: bad line %q", name, line)
		}
		switch parts[2] {
		case "same", "different", "event":
		default:
			tb.Fatalf("%s: bad label %q", name, parts[2])
		}
		out = append(out, labeledPair{parts[0], parts[1], parts[2]})
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}

// cluster assigns stories to the articles in order, as an index does:
// each article joins the story of its most similar earlier candidate.
func cluster(arts []article.Article, sign func(a *article.Article) Signature) map[string]string {
	t := NewTable()
	out := make(map[string]string, len(arts))
	for i := range arts {
		a := &arts[i]
		m := Member{ID: a.ID, Sig: sign(a), Published: published(a)}
		m.Bands = m.Sig.Bands()
		Assign(&m, a.BodyHash(), t.Candidates(m.Bands))
		t.Add(m)
		out[a.ID] = m.Story
	}
	return out
}

// scores are the precision and recall of "same" against "different"
// pairs, and the share of "event" pairs put together.
type scores struct {
	tp, fp, fn, tn, eventJoined, events int
}

func (s scores) precision() float64 { return float64(s.tp) / float64(max(1, s.tp+s.fp)) }
func (s scores) recall() float64    { return float64(s.tp) / float64(max(1, s.tp+s.fn)) }
func (s scores) String() string {
	return fmt.Sprintf("precision %.3f (%d/%d), recall %.3f (%d/%d); event pairs joined %d/%d",
		s.precision(), s.tp, s.tp+s.fp, s.recall(), s.tp, s.tp+s.fn, s.eventJoined, s.events)
}

func score(pairs []labeledPair, joined func(a, b string) bool) scores {
	var s scores
	for _, p := range pairs {
		j := joined(p.a, p.b)
		switch {
		case p.label == "event":
			s.events++
			if j {
				s.eventJoined++
			}
		case p.label == "same" && j:
			s.tp++
		case p.label == "same":
			s.fn++
		case j:
			s.fp++
		default:
			s.tn++
		}
	}
	return s
}

// TestLabeledPairs clusters the whole ANT corpus and scores the stories
// on the hand-labeled pairs of testdata/ant_pairs.tsv, on which the
// parameters were chosen, and reports them on the pairs labeled after
// (testdata/ant_pairs_heldout.tsv).
func TestLabeledPairs(t *testing.T) {
	pairs := loadPairs(t)
	heldOut := loadPairsFile(t, "ant_pairs_heldout.tsv")
	arts := loadCorpus(t)
	byID := make(map[string]*article.Article, len(arts))
	for i := range arts {
		byID[arts[i].ID] = &arts[i]
	}
	for _, p := range append(pairs, heldOut...) {
		if byID[p.a] == nil || byID[p.b] == nil {
			t.Fatalf("labeled pair %s %s: not in the corpus", p.a, p.b)
		}
	}
	stories := cluster(arts, func(a *article.Article) Signature { return SignArticle(a.Title, a.Body) })
	clustered := score(pairs, func(a, b string) bool { return stories[a] == stories[b] })
	sigs := make(map[string]Signature)
	for _, p := range pairs {
		for _, id := range []string{p.a, p.b} {
			sigs[id] = SignArticle(byID[id].Title, byID[id].Body)
		}
	}
	pairwise := score(pairs, func(a, b string) bool {
		x, y := Member{Sig: sigs[a], Published: published(byID[a])}, Member{Sig: sigs[b], Published: published(byID[b])}
		_, _, ok := Best(x, []Member{{ID: "other", Story: "s", Sig: y.Sig, Published: y.Published}})
		return ok
	})
	sizes := map[string]int{}
	for _, s := range stories {
		sizes[s]++
	}
	multi := 0
	for _, n := range sizes {
		if n > 1 {
			multi++
		}
	}
	t.Logf("%d articles in %d stories (%d with more than one version)", len(arts), len(sizes), multi)
	t.Logf("clustering: %v", clustered)
	t.Logf("held out:   %v", score(heldOut, func(a, b string) bool { return stories[a] == stories[b] }))
	t.Logf("pairwise:   %v", pairwise)
	if clustered.precision() < 0.95 || clustered.recall() < 0.85 {
		t.Errorf("clustering below target (precision ≥ 0.95, recall ≥ 0.85): %v", clustered)
	}
	if *sweep {
		sweepParams(t, pairs, byID)
	}
}

// sweepParams reports pairwise precision and recall of other choices:
// shingle sizes, leads and thresholds for MinHash, and SimHash over the
// same shingles at several Hamming distances, all with the 24-hour
// window.
func sweepParams(t *testing.T, pairs []labeledPair, byID map[string]*article.Article) {
	score := func(pairs []labeledPair, joined func(a, b string) bool) scores {
		return score(pairs, func(a, b string) bool {
			return near(published(byID[a]), published(byID[b])) && joined(a, b)
		})
	}
	for _, k := range []int{2, 3, 4, 5} {
		for _, lead := range []int{50, 100, LeadWords, 150, 250, 1 << 20} {
			sigs := map[string]Signature{}
			for _, p := range pairs {
				for _, id := range []string{p.a, p.b} {
					sigs[id] = sign(byID[id].Body, k, lead)
				}
			}
			var line []string
			for _, th := range []float64{0.15, 0.2, 0.25, 0.3, 0.4, 0.5} {
				s := score(pairs, func(a, b string) bool { x, y := sigs[a], sigs[b]; return Similarity(&x, &y) >= th })
				line = append(line, fmt.Sprintf("t=%.2f P %.3f R %.3f", th, s.precision(), s.recall()))
			}
			t.Logf("minhash k=%d lead=%d: %s", k, lead, strings.Join(line, " | "))
		}
	}
	for _, lead := range []int{LeadWords, 1 << 20} {
		hashes := map[string]uint64{}
		for _, p := range pairs {
			for _, id := range []string{p.a, p.b} {
				hashes[id] = simHash(byID[id].Body, ShingleWords, lead)
			}
		}
		var line []string
		for _, d := range []int{3, 6, 10, 14, 18} {
			s := score(pairs, func(a, b string) bool { return bits.OnesCount64(hashes[a]^hashes[b]) <= d })
			line = append(line, fmt.Sprintf("d≤%d P %.3f R %.3f", d, s.precision(), s.recall()))
		}
		t.Logf("simhash k=%d lead=%d: %s", ShingleWords, lead, strings.Join(line, " | "))
	}
}

// simHash is Charikar's 64-bit SimHash of the text's shingles, each
// weighted once: the comparison MinHash was chosen against.
func simHash(text string, k, lead int) uint64 {
	toks := exact.Tokens(text)
	if len(toks) > lead {
		toks = toks[:lead]
	}
	var v [64]int
	for i := k - 1; i < len(toks); i++ {
		var h uint64 = 0x9e3779b97f4a7c15
		for _, tk := range toks[i-k+1 : i+1] {
			h = mix(h ^ hashString(tk.Term))
		}
		for b := 0; b < 64; b++ {
			if h>>b&1 == 1 {
				v[b]++
			} else {
				v[b]--
			}
		}
	}
	var out uint64
	for b := 0; b < 64; b++ {
		if v[b] > 0 {
			out |= 1 << b
		}
	}
	return out
}
