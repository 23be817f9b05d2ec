package places

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/fahras/fahras/index/article"
)

// The development sets in testdata/devsets hold hand labels for articles
// of the ANT corpus: the dateline of 170 articles from Al Arabiya, Sky
// News Arabia, BBC, France 24 and CNN, and the places 50 articles name.
// These tests score the embedded gazetteer against them:
//
//	go test ./index/places -run 'TestDevset' -v
//
// They read the articles from ../shared/data and skip when it is absent.

// antArticle is an ANT record, as the JSON Lines reader would map it.
type antArticle struct {
	Docno  string `json:"docno"`
	Src    string `json:"src"`
	Title  string `json:"title"`
	Text   string `json:"text"`
	Author string `json:"author"`
}

// readANT returns the articles of the ANT corpus with the given docnos.
func readANT(t *testing.T, want map[string]bool) map[string]antArticle {
	t.Helper()
	f, err := os.Open(sharedData(t, "news", "ant_v2_1_multisource.jsonl.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]antArticle{}
	sc := bufio.NewScanner(zr)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var a antArticle
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatal(err)
		}
		if want[a.Docno] {
			if _, dup := out[a.Docno]; !dup {
				out[a.Docno] = a
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	for d := range want {
		if _, ok := out[d]; !ok {
			t.Fatalf("article %s is not in the corpus", d)
		}
	}
	return out
}

// readLabels reads a tab-separated label file: comments, a header, then
// rows of cols columns.
func readLabels(t *testing.T, name string, cols int) [][]string {
	t.Helper()
	rows, err := readWorldSource(filepath.Join("testdata", "devsets", name), cols)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// prf is precision, recall and F1 from counts.
type prf struct{ tp, fp, fn int }

func (s prf) precision() float64 { return ratio(s.tp, s.tp+s.fp) }
func (s prf) recall() float64    { return ratio(s.tp, s.tp+s.fn) }
func (s prf) f1() float64 {
	p, r := s.precision(), s.recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}
func (s prf) String() string {
	return fmt.Sprintf("P %.3f R %.3f F1 %.3f (tp %d, fp %d, fn %d)", s.precision(), s.recall(), s.f1(), s.tp, s.fp, s.fn)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// TestDevsetDatelines scores datelines: a dateline is right when its
// country is the label's and its city is the labeled one (one of the
// place's names, within one slip, or as written for an unresolved city);
// an article labeled without a dateline must get none.
func TestDevsetDatelines(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the news corpus")
	}
	rows := readLabels(t, "datelines.tsv", 3)
	want := map[string]bool{}
	for _, r := range rows {
		want[r[0]] = true
	}
	articles := readANT(t, want)
	g := embedded(t)
	m := g.NewMatcher()
	var all prf
	bySource := map[string]*prf{}
	correct := 0
	var misses []string
	for _, r := range rows {
		a := articles[r[0]]
		city, country := r[1], r[2]
		ex := m.ExtractByline(a.Title, a.Text, a.Author)
		src := bySource[a.Src]
		if src == nil {
			src = &prf{}
			bySource[a.Src] = src
		}
		ok := datelineRight(g, ex.Dateline, city, country)
		if ok {
			correct++
		}
		switch {
		case ex.Dateline != nil && country != "" && ok:
			all.tp++
			src.tp++
		case ex.Dateline != nil && country != "":
			all.fp++
			all.fn++
			src.fp++
			src.fn++
		case ex.Dateline != nil:
			all.fp++
			src.fp++
		case country != "":
			all.fn++
			src.fn++
		}
		if !ok {
			got := "none"
			if d := ex.Dateline; d != nil {
				got = fmt.Sprintf("%s %s (%s)", d.Name, d.Country, d.ID)
			}
			misses = append(misses, fmt.Sprintf("%s: got %s, want %q %s (author %q)", r[0], got, city, country, a.Author))
		}
	}
	accuracy := ratio(correct, len(rows))
	t.Logf("datelines of %d articles: accuracy %.3f; datelined articles: %v", len(rows), accuracy, all)
	var srcs []string
	for s := range bySource {
		srcs = append(srcs, s)
	}
	sort.Strings(srcs)
	for _, s := range srcs {
		t.Logf("  %-8s %v", s, *bySource[s])
	}
	for _, miss := range misses {
		t.Logf("  miss %s", miss)
	}
	if accuracy < 0.9 {
		t.Errorf("dateline accuracy %.3f, want at least 0.9", accuracy)
	}
}

func datelineRight(g *Gazetteer, d *article.Place, city, country string) bool {
	switch {
	case country == "":
		return d == nil
	case d == nil || d.Country != country:
		return false
	case city == "-":
		return d.Level == LevelCountry
	case d.Unresolved:
		return normalize(d.Name) == normalize(city)
	}
	p, ok := g.Lookup(d.ID)
	if !ok {
		return false
	}
	want := normalize(city)
	for _, n := range append([]string{p.NameAr}, p.Variants...) {
		if n = normalize(n); n == want || (letters(n) >= minFuzzyRunes && oneSlip(n, want)) {
			return true
		}
	}
	return false
}

// TestDevsetPlaces scores the places extracted from 50 articles against
// the places labeled by hand (gazetteer IDs; "?name@CC" for a place the
// gazetteer lacks), exactly and by country.
func TestDevsetPlaces(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the news corpus")
	}
	rows := readLabels(t, "places.tsv", 2)
	want := map[string]bool{}
	for _, r := range rows {
		want[r[0]] = true
	}
	articles := readANT(t, want)
	g := embedded(t)
	m := g.NewMatcher()
	var exact, countries prf
	for _, r := range rows {
		a := articles[r[0]]
		ex := m.ExtractByline(a.Title, a.Text, a.Author)
		got := map[string]bool{}
		for _, p := range ex.Places {
			if p.Unresolved {
				got["?"+p.Name+"@"+p.Country] = true
			} else {
				got[p.ID] = true
			}
		}
		labels := map[string]bool{}
		for _, id := range strings.Fields(r[1]) {
			if !strings.HasPrefix(id, "?") {
				if _, ok := g.Lookup(id); !ok {
					t.Fatalf("%s: label %s is not a gazetteer ID", r[0], id)
				}
			}
			labels[id] = true
		}
		var missing, extra []string
		score(&exact, got, labels, &missing, &extra)
		score(&countries, countriesOf(g, got), countriesOf(g, labels), nil, nil)
		if len(missing)+len(extra) > 0 {
			t.Logf("  %s: missing %v, extra %v", r[0], missing, extra)
		}
	}
	t.Logf("places of %d articles: %v; by country: %v", len(rows), exact, countries)
	if exact.f1() < 0.85 {
		t.Errorf("places F1 %.3f, want at least 0.85", exact.f1())
	}
}

func score(s *prf, got, want map[string]bool, missing, extra *[]string) {
	for id := range got {
		if want[id] {
			s.tp++
		} else {
			s.fp++
			if extra != nil {
				*extra = append(*extra, id)
			}
		}
	}
	for id := range want {
		if !got[id] {
			s.fn++
			if missing != nil {
				*missing = append(*missing, id)
			}
		}
	}
	if missing != nil {
		sort.Strings(*missing)
		sort.Strings(*extra)
	}
}

// countriesOf maps place IDs (and ?name@CC labels) to their countries.
func countriesOf(g *Gazetteer, ids map[string]bool) map[string]bool {
	out := map[string]bool{}
	for id := range ids {
		if i := strings.LastIndexByte(id, '@'); strings.HasPrefix(id, "?") && i > 0 {
			out[id[i+1:]] = true
			continue
		}
		if c, _, _ := g.Path(id); c != "" {
			out[c] = true
		}
	}
	return out
}
