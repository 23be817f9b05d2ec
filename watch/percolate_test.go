package watch

import (
	"slices"
	"testing"

	bleveindex "github.com/blevesearch/bleve_index_api"
)

// bodyDoc is an article whose body holds the words.
func bodyDoc(words ...string) *doc {
	tf := bleveindex.TokenFrequencies{}
	for _, w := range words {
		tf[w] = &bleveindex.TokenFreq{Term: []byte(w)}
	}
	return &doc{fields: map[string][]bleveindex.TokenFrequencies{"body": {tf}}}
}

// TestWatchIsKeyedByTheWordArticlesRarelyHold checks that the counted
// frequencies overrule the guess: a long word is guessed rarer than a
// short one, but in these articles the long word is everywhere, so the
// watch needing both moves to the short word, and matches the same.
func TestWatchIsKeyedByTheWordArticlesRarelyHold(t *testing.T) {
	p := newPercolator()
	c := &compiled{node: &allNode{children: []node{termNode{"body", "القاهرة"}, termNode{"body", "سد"}}}}
	p.add(c)
	other := &compiled{node: termNode{"body", "النيل"}}
	p.add(other)
	if want := []fieldTerm{{"body", "القاهرة"}}; !slices.Equal(c.keys.terms, want) {
		t.Fatalf("before any article the watch is keyed by %v, want the longer word %v", c.keys.terms, want)
	}
	hits, rekeyed := map[*compiled]int{}, 0
	const articles = 4000
	for i := range articles {
		words := []string{"القاهرة", "مصر"}
		if i%10 == 0 {
			words = append(words, "سد")
		}
		if i%7 == 0 {
			words = append(words, "النيل")
		}
		for _, m := range p.matches(bodyDoc(words...)) {
			hits[m]++
		}
		if p.rekeyDue() {
			p.rekey()
			rekeyed++
		}
	}
	if rekeyed < 2 {
		t.Errorf("the keys were chosen again %d times in %d articles, want at least twice", rekeyed, articles)
	}
	if want := []fieldTerm{{"body", "سد"}}; !slices.Equal(c.keys.terms, want) {
		t.Errorf("after %d articles the watch is keyed by %v, want the rarer word %v", articles, c.keys.terms, want)
	}
	if hits[c] != articles/10 || hits[other] != (articles+6)/7 {
		t.Errorf("matched %d and %d articles, want %d and %d", hits[c], hits[other], articles/10, (articles+6)/7)
	}
	// Removing a watch forgets the counts only it needed.
	p.remove(c)
	if e := p.terms["body"]["القاهرة"]; e != nil {
		t.Errorf("the removed watch's word is still counted: %+v", e)
	}
	if e := p.terms["body"]["النيل"]; e == nil || len(e.watches) != 1 {
		t.Errorf("the remaining watch is not keyed by its word: %+v", e)
	}
}

// TestPrefixKeyIsCheckedWhole checks that a watch keyed by a prefix
// longer than the lookup key is tried only on words with the whole
// prefix.
func TestPrefixKeyIsCheckedWhole(t *testing.T) {
	p := newPercolator()
	c := &compiled{node: prefixNode{"body", "الحكوم"}}
	p.add(c)
	for _, tc := range []struct {
		words []string
		want  bool
	}{
		{[]string{"الحكومة"}, true},
		{[]string{"الحكومي", "اليوم"}, true},
		{[]string{"الحكم"}, false},
		{[]string{"الحكاية", "الحاكم"}, false},
		{[]string{"الحكوم"}, true},
	} {
		if got := len(p.matches(bodyDoc(tc.words...))) == 1; got != tc.want {
			t.Errorf("الحكوم* on %v: matched %v, want %v", tc.words, got, tc.want)
		}
	}
}
