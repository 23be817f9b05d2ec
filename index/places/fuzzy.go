package places

import (
	"strings"
	"sync"
	"unicode/utf8"
)

// minFuzzyRunes is the shortest name (in letters, spaces not counted)
// that a one-letter slip may still find: in shorter names one letter
// makes another word (بيروت/بيرون is a slip, سول/سور is not).
const minFuzzyRunes = 5

// fuzzyIndex finds a place name within one slip of a written name: one
// letter missing, added, replaced, or two neighbours swapped. It keys
// every name by the forms it takes with one letter deleted (the
// symmetric-deletion method), so a lookup costs a few map reads. That key
// is built at the first lookup, as most matchers never need it; it is
// safe for concurrent use once all names are added.
type fuzzyIndex struct {
	names map[string]*node // normalized name → its trie node
	once  sync.Once
	byDel map[string][]string // name with one letter deleted → names
}

func newFuzzyIndex() *fuzzyIndex {
	return &fuzzyIndex{names: map[string]*node{}}
}

// add indexes the normalized name key (words joined by spaces).
func (f *fuzzyIndex) add(key string, n *node) {
	if letters(key) < minFuzzyRunes {
		return
	}
	if _, dup := f.names[key]; !dup {
		f.names[key] = n
	}
}

// build keys every name by its deletions.
func (f *fuzzyIndex) build() {
	f.byDel = make(map[string][]string, 8*len(f.names))
	for key := range f.names {
		for _, d := range deletions(key) {
			f.byDel[d] = append(f.byDel[d], key)
		}
	}
}

// find returns the node of the name within one slip of s, or nil when
// there is none. Of several such names the one of the most populous place
// is taken (ميلان is a slip of ميلانو, not of جيلان); a tie takes none.
func (f *fuzzyIndex) find(s string, population func(*node) int) *node {
	toks := tokenize(s, nil)
	words := make([]string, len(toks))
	for i, t := range toks {
		words[i] = t.text
	}
	key := strings.Join(words, " ")
	if letters(key) < minFuzzyRunes-1 { // a letter short of a long name
		return nil
	}
	if n := f.names[key]; n != nil {
		return n
	}
	f.once.Do(f.build)
	var found *node
	best, tie := -1, false
	consider := func(name string) {
		n := f.names[name]
		if n == nil || n == found || !oneSlip(key, name) {
			return
		}
		switch pop := population(n); {
		case pop > best:
			found, best, tie = n, pop, false
		case pop == best:
			tie = true
		}
	}
	// A letter added in s: s minus one letter is a name.
	// A letter replaced or swapped: s and the name share a deletion.
	// A letter missing in s: s is a deletion of a name.
	cands := []string{}
	for _, d := range deletions(key) {
		cands = append(cands, d)
		cands = append(cands, f.byDel[d]...)
	}
	cands = append(cands, f.byDel[key]...)
	for _, c := range cands {
		consider(c)
	}
	if tie {
		return nil
	}
	return found
}

// letters counts the runes of key that are not spaces.
func letters(key string) int {
	return utf8.RuneCountInString(key) - strings.Count(key, " ")
}

// deletions returns key with each one of its letters deleted in turn.
func deletions(key string) []string {
	out := make([]string, 0, len(key)/2)
	for i, r := range key {
		if r == ' ' {
			continue
		}
		out = append(out, key[:i]+key[i+utf8.RuneLen(r):])
	}
	return out
}

// oneSlip reports whether a and b differ by one inserted, deleted or
// replaced letter, or by two neighbouring letters swapped.
func oneSlip(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) < len(rb) {
		ra, rb = rb, ra
	}
	switch len(ra) - len(rb) {
	case 0:
		var diff []int
		for i := range ra {
			if ra[i] != rb[i] {
				diff = append(diff, i)
				if len(diff) > 2 {
					return false
				}
			}
		}
		switch len(diff) {
		case 1:
			return ra[diff[0]] != ' ' && rb[diff[0]] != ' '
		case 2:
			i, j := diff[0], diff[1]
			return j == i+1 && ra[i] == rb[j] && ra[j] == rb[i]
		}
		return false
	case 1:
		i := 0
		for i < len(rb) && ra[i] == rb[i] {
			i++
		}
		return ra[i] != ' ' && string(ra[i+1:]) == string(rb[i:])
	}
	return false
}
