package watch

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/mapping"
	blevequery "github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"github.com/fahras/fahras/index"
)

// node is a compiled index query: what bleve would match, evaluated
// against one analyzed document instead of an index. The query text is
// analyzed once, when the saved search is compiled, so matching an
// article is only map look-ups.
type node interface {
	match(d *doc) bool
	// keys returns terms at least one of which every matching document
	// holds (ok false when there are none such: the node must be tried
	// on every document), and the estimated share of documents they let
	// through, to choose between alternatives.
	keys(est estimator) (k keySet, cost float64, ok bool)
}

// keySet is an "any of" set of index terms and term prefixes.
type keySet struct {
	terms    []fieldTerm
	prefixes []fieldTerm // whole prefixes
}

// estimator estimates the share of articles that hold a term, or a term
// starting with a prefix: what keying a watch by it costs.
type estimator interface {
	term(t fieldTerm) float64
	prefix(t fieldTerm) float64
}

// Before articles are seen, a term's share is guessed: a word of a text
// field is rare, the longer the rarer; a filter's value (a country, a
// year) is shared by thousands of articles; a prefix by many words.
const (
	textPrior    = 0.05
	keywordPrior = 0.25
	prefixPrior  = 0.04
)

// prior is the share of articles guessed to hold t.
func prior(t fieldTerm) float64 {
	if slices.Contains(index.TextFields, t.field) {
		return textPrior / float64(max(1, utf8.RuneCountInString(t.term)))
	}
	return keywordPrior
}

type fieldTerm struct{ field, term string }

// A prefix query is keyed in the reverse index by its first characters,
// at least minPrefixKey (the engine refuses shorter prefixes) and at most
// maxPrefixKey: long enough that a prefix such as "الحكوم" is not tried
// on every article whose words start with "ال".
const (
	minPrefixKey = 2
	maxPrefixKey = 4
)

// doc is one article as the index analyzed it: for each field, the term
// frequencies of each of its values.
type doc struct {
	fields map[string][]bleveindex.TokenFrequencies
	// sorted holds each field's terms in order, made when a prefix or
	// range first asks.
	sorted map[string][]string
}

func newDoc(fields []bleveindex.Field) *doc {
	d := &doc{fields: make(map[string][]bleveindex.TokenFrequencies, len(fields))}
	for _, f := range fields {
		tf := f.AnalyzedTokenFrequencies()
		if len(tf) == 0 {
			continue
		}
		d.fields[f.Name()] = append(d.fields[f.Name()], tf)
	}
	return d
}

// terms returns the field's terms in byte order.
func (d *doc) terms(field string) []string {
	if t, ok := d.sorted[field]; ok {
		return t
	}
	var out []string
	for _, tf := range d.fields[field] {
		for t := range tf {
			out = append(out, t)
		}
	}
	slices.Sort(out)
	out = slices.Compact(out)
	if d.sorted == nil {
		d.sorted = map[string][]string{}
	}
	d.sorted[field] = out
	return out
}

func (d *doc) term(field, term string) *bleveindex.TokenFreq {
	for _, tf := range d.fields[field] {
		if f, ok := tf[term]; ok {
			return f
		}
	}
	return nil
}

// compile turns an index query into a node. Query types the engine does
// not build are refused, so a saved search never silently matches
// differently from the search it was saved from.
func compile(q blevequery.Query, m mapping.IndexMapping) (node, error) {
	switch q := q.(type) {
	case *blevequery.BooleanQuery:
		b := &boolNode{}
		var err error
		if q.Must != nil {
			if b.must, err = compile(q.Must, m); err != nil {
				return nil, err
			}
			if _, none := b.must.(noneNode); none {
				b.must = nil // bleve drops a must clause that matches nothing
			}
		}
		if q.Should != nil {
			if b.should, err = compile(q.Should, m); err != nil {
				return nil, err
			}
			if _, none := b.should.(noneNode); none {
				b.should = nil
			}
			if d, ok := q.Should.(*blevequery.DisjunctionQuery); ok && d.Min > 0 {
				b.shouldRequired = true
			}
		}
		if q.MustNot != nil {
			if b.mustNot, err = compile(q.MustNot, m); err != nil {
				return nil, err
			}
			if _, none := b.mustNot.(noneNode); none {
				b.mustNot = nil
			}
		}
		if b.must == nil && b.should == nil && b.mustNot == nil {
			return noneNode{}, nil
		}
		if q.Filter != nil {
			// A filter is one more condition, scored or not.
			f, err := compile(q.Filter, m)
			if err != nil {
				return nil, err
			}
			if b.must == nil {
				b.must = f
			} else {
				b.must = &allNode{children: []node{b.must, f}}
			}
		}
		return b, nil
	case *index.UnscoredQuery:
		return compile(q.Filter, m)
	case *blevequery.ConjunctionQuery:
		c := &allNode{}
		for _, sub := range q.Conjuncts {
			n, err := compile(sub, m)
			if err != nil {
				return nil, err
			}
			c.children = append(c.children, n)
		}
		if len(c.children) == 0 {
			return noneNode{}, nil
		}
		return c, nil
	case *blevequery.DisjunctionQuery:
		d := &anyNode{min: max(1, int(q.Min))}
		for _, sub := range q.Disjuncts {
			n, err := compile(sub, m)
			if err != nil {
				return nil, err
			}
			d.children = append(d.children, n)
		}
		if len(d.children) == 0 {
			return noneNode{}, nil
		}
		return d, nil
	case *blevequery.MatchAllQuery:
		return everyNode{}, nil
	case *blevequery.MatchNoneQuery:
		return noneNode{}, nil
	case *blevequery.TermQuery:
		return termNode{q.FieldVal, q.Term}, nil
	case *blevequery.MatchQuery:
		if q.Fuzziness != 0 || q.Prefix != 0 {
			return nil, fmt.Errorf("fuzzy match queries are not supported in saved searches")
		}
		terms, _, err := analyze(m, q.FieldVal, q.Analyzer, q.Match)
		if err != nil {
			return nil, err
		}
		if len(terms) == 0 {
			return noneNode{}, nil
		}
		children := make([]node, len(terms))
		for i, t := range terms {
			children[i] = termNode{q.FieldVal, t}
		}
		if q.Operator == blevequery.MatchQueryOperatorAnd {
			return &allNode{children: children}, nil
		}
		return &anyNode{min: 1, children: children}, nil
	case *blevequery.MatchPhraseQuery:
		if q.Fuzziness != 0 {
			return nil, fmt.Errorf("fuzzy phrases are not supported in saved searches")
		}
		_, slots, err := analyze(m, q.FieldVal, q.Analyzer, q.MatchPhrase)
		if err != nil {
			return nil, err
		}
		if len(slots) == 0 {
			return noneNode{}, nil
		}
		return &phraseNode{field: q.FieldVal, slots: slots}, nil
	case *blevequery.PrefixQuery:
		return prefixNode{q.FieldVal, q.Prefix}, nil
	case *blevequery.FuzzyQuery:
		return fuzzyNode{field: q.FieldVal, term: []rune(q.Term), prefix: q.Prefix, fuzziness: q.Fuzziness}, nil
	case *blevequery.TermRangeQuery:
		r := rangeNode{field: q.FieldVal, min: q.Min, max: q.Max, incMin: true}
		if q.InclusiveMin != nil {
			r.incMin = *q.InclusiveMin
		}
		if q.InclusiveMax != nil {
			r.incMax = *q.InclusiveMax
		}
		return r, nil
	}
	return nil, fmt.Errorf("queries of type %T are not supported in saved searches", q)
}

// analyze runs the analyzer bleve would run for a match query on field:
// the terms, and the phrase slots by position (an empty slot for a word
// the analyzer dropped, which any word fills).
func analyze(m mapping.IndexMapping, field, analyzer, text string) ([]string, [][]string, error) {
	if analyzer == "" {
		analyzer = m.AnalyzerNameForPath(field)
	}
	an := m.AnalyzerNamed(analyzer)
	if an == nil {
		return nil, nil, fmt.Errorf("no analyzer named %q", analyzer)
	}
	tokens := an.Analyze([]byte(text))
	if len(tokens) == 0 {
		return nil, nil, nil
	}
	terms := make([]string, len(tokens))
	first, last := tokens[0].Position, tokens[0].Position
	for i, t := range tokens {
		terms[i] = string(t.Term)
		first, last = min(first, t.Position), max(last, t.Position)
	}
	slots := make([][]string, last-first+1)
	for i, t := range tokens {
		slots[t.Position-first] = append(slots[t.Position-first], terms[i])
	}
	return terms, slots, nil
}

type everyNode struct{}

func (everyNode) match(*doc) bool                        { return true }
func (everyNode) keys(estimator) (keySet, float64, bool) { return keySet{}, 0, false }

type noneNode struct{}

func (noneNode) match(*doc) bool                        { return false }
func (noneNode) keys(estimator) (keySet, float64, bool) { return keySet{}, 0, true }

type termNode struct{ field, term string }

func (n termNode) match(d *doc) bool { return d.term(n.field, n.term) != nil }
func (n termNode) keys(est estimator) (keySet, float64, bool) {
	t := fieldTerm{n.field, n.term}
	return keySet{terms: []fieldTerm{t}}, est.term(t), true
}

// anyNode matches when at least min children do.
type anyNode struct {
	min      int
	children []node
}

func (n *anyNode) match(d *doc) bool {
	hits := 0
	for i, c := range n.children {
		if c.match(d) {
			if hits++; hits >= n.min {
				return true
			}
		}
		if hits+len(n.children)-i-1 < n.min {
			return false
		}
	}
	return false
}

func (n *anyNode) keys(est estimator) (keySet, float64, bool) {
	var out keySet
	total := 0.0
	for _, c := range n.children {
		k, cost, ok := c.keys(est)
		if !ok {
			return keySet{}, 0, false
		}
		out.terms = append(out.terms, k.terms...)
		out.prefixes = append(out.prefixes, k.prefixes...)
		total += cost
	}
	return out, total, true
}

// allNode matches when every child does.
type allNode struct{ children []node }

func (n *allNode) match(d *doc) bool {
	for _, c := range n.children {
		if !c.match(d) {
			return false
		}
	}
	return true
}

func (n *allNode) keys(est estimator) (keySet, float64, bool) { return cheapest(n.children, est) }

// cheapest chooses, among nodes that must all match, the one whose keys
// let the fewest documents through.
func cheapest(nodes []node, est estimator) (keySet, float64, bool) {
	var best keySet
	bestCost, found := 0.0, false
	for _, c := range nodes {
		k, cost, ok := c.keys(est)
		if ok && (!found || cost < bestCost) {
			best, bestCost, found = k, cost, true
		}
	}
	return best, bestCost, found
}

// boolNode is bleve's boolean query: every must clause, the should
// clauses (at least one of them when there is no must clause, or when
// they are required), none of the must-not clauses.
type boolNode struct {
	must, should, mustNot node
	shouldRequired        bool
}

func (n *boolNode) needShould() bool { return n.should != nil && (n.must == nil || n.shouldRequired) }

func (n *boolNode) match(d *doc) bool {
	if n.must != nil && !n.must.match(d) {
		return false
	}
	if n.needShould() && !n.should.match(d) {
		return false
	}
	return n.mustNot == nil || !n.mustNot.match(d)
}

func (n *boolNode) keys(est estimator) (keySet, float64, bool) {
	var required []node
	if n.must != nil {
		required = append(required, n.must)
	}
	if n.needShould() {
		required = append(required, n.should)
	}
	return cheapest(required, est)
}

// phraseNode matches the words of slots at consecutive positions of one
// value of the field.
type phraseNode struct {
	field string
	slots [][]string
}

func (n *phraseNode) match(d *doc) bool {
	for _, tf := range d.fields[n.field] {
		// Anchor on the slot whose words occur least in this value; a
		// slot none of whose words occur rules the value out.
		anchor, fewest := -1, 0
		for i, s := range n.slots {
			if len(s) == 0 {
				continue
			}
			count := 0
			for _, t := range s {
				if f, ok := tf[t]; ok {
					count += len(f.Locations)
				}
			}
			if count == 0 {
				anchor = -2
				break
			}
			if anchor < 0 || count < fewest {
				anchor, fewest = i, count
			}
		}
		if anchor < 0 {
			continue
		}
		for _, t := range n.slots[anchor] {
			f, ok := tf[t]
			if !ok {
				continue
			}
			for _, loc := range f.Locations {
				if n.at(tf, loc, anchor) {
					return true
				}
			}
		}
	}
	return false
}

// at reports whether the phrase is found with slot anchor at loc.
func (n *phraseNode) at(tf bleveindex.TokenFrequencies, loc *bleveindex.TokenLocation, anchor int) bool {
	for i, s := range n.slots {
		if i == anchor || len(s) == 0 {
			continue
		}
		want := loc.Position + i - anchor
		found := false
		for _, t := range s {
			if f, ok := tf[t]; ok {
				for _, l := range f.Locations {
					if l.Position == want && sameArray(l.ArrayPositions, loc.ArrayPositions) {
						found = true
						break
					}
				}
			}
			if found {
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func sameArray(a, b []uint64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func (n *phraseNode) keys(est estimator) (keySet, float64, bool) {
	// The slot whose words the fewest articles hold.
	best, bestCost := -1, 0.0
	for i, s := range n.slots {
		if len(s) == 0 {
			continue
		}
		cost := 0.0
		for _, t := range s {
			cost += est.term(fieldTerm{n.field, t})
		}
		if best < 0 || cost < bestCost {
			best, bestCost = i, cost
		}
	}
	if best < 0 {
		return keySet{}, 0, true
	}
	var k keySet
	for _, t := range n.slots[best] {
		k.terms = append(k.terms, fieldTerm{n.field, t})
	}
	return k, bestCost, true
}

type prefixNode struct{ field, prefix string }

func (n prefixNode) match(d *doc) bool {
	terms := d.terms(n.field)
	i, _ := slices.BinarySearch(terms, n.prefix)
	return i < len(terms) && strings.HasPrefix(terms[i], n.prefix)
}

func (n prefixNode) keys(est estimator) (keySet, float64, bool) {
	if _, ok := prefixKey(n.prefix, maxPrefixKey); !ok {
		return keySet{}, 0, false
	}
	t := fieldTerm{n.field, n.prefix}
	return keySet{prefixes: []fieldTerm{t}}, est.prefix(t), true
}

// prefixKey is the first n characters of s, or all of s when it is
// shorter (but at least minPrefixKey characters long).
func prefixKey(s string, n int) (string, bool) {
	i, count := 0, 0
	for count < n && i < len(s) {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
		count++
	}
	return s[:i], count >= minPrefixKey
}

// keyed returns the keys of a node (as keys does) and what is left to
// test on a document found through one of them: nothing when finding a
// key is matching, the other clauses when the keys are those of one
// clause that finding a key satisfies, or the whole node.
func keyed(n node, est estimator) (keySet, node, bool) {
	k, _, ok := n.keys(est)
	if !ok {
		return k, n, false
	}
	rest, _ := keyedRest(n, est)
	return k, rest, true
}

// keyedRest is what is left to test of n on a document found through
// one of n's keys: nil when finding a key is matching; when n's keys are
// those of one required clause, n with that clause replaced by what is
// left of it; else n itself (reduced is false then).
func keyedRest(n node, est estimator) (rest node, reduced bool) {
	if exactKeys(n) {
		return nil, true
	}
	switch n := n.(type) {
	case *boolNode:
		var required []node
		if n.must != nil {
			required = append(required, n.must)
		}
		if n.needShould() {
			required = append(required, n.should)
		}
		i := cheapestIndex(required, est)
		if i < 0 {
			return n, false
		}
		left, ok := keyedRest(required[i], est)
		if !ok {
			return n, false
		}
		rest := *n
		if i == 0 && n.must != nil {
			rest.must = left
			if left == nil && rest.should != nil && !rest.shouldRequired {
				// The should clause was optional beside the must one.
				rest.should = nil
			}
		} else {
			rest.should, rest.shouldRequired = left, left != nil && rest.shouldRequired
		}
		if rest.must == nil && rest.should == nil && rest.mustNot == nil {
			return nil, true
		}
		if rest.must == nil && rest.should == nil {
			rest.must = everyNode{}
		}
		return &rest, true
	case *allNode:
		i := cheapestIndex(n.children, est)
		if i < 0 {
			return n, false
		}
		left, ok := keyedRest(n.children[i], est)
		if !ok {
			return n, false
		}
		others := append(append([]node{}, n.children[:i]...), n.children[i+1:]...)
		if left != nil {
			others = append(others, left)
		}
		switch len(others) {
		case 0:
			return nil, true
		case 1:
			return others[0], true
		}
		return &allNode{children: others}, true
	}
	return n, false
}

// cheapestIndex is the index of the node cheapest chooses, or -1.
func cheapestIndex(nodes []node, est estimator) int {
	best, bestCost := -1, 0.0
	for i, c := range nodes {
		_, cost, ok := c.keys(est)
		if ok && (best < 0 || cost < bestCost) {
			best, bestCost = i, cost
		}
	}
	return best
}

// exactKeys reports whether a node matches exactly the documents holding
// one of its key terms, so that finding a key is matching: a term, or
// alternatives of such nodes (the free words of a query).
func exactKeys(n node) bool {
	switch n := n.(type) {
	case termNode:
		return true
	case *anyNode:
		if n.min != 1 {
			return false
		}
		for _, c := range n.children {
			if !exactKeys(c) {
				return false
			}
		}
		return true
	case *allNode:
		return len(n.children) == 1 && exactKeys(n.children[0])
	case *boolNode:
		return n.must == nil && n.mustNot == nil && n.should != nil && exactKeys(n.should)
	case prefixNode:
		// The percolator checks the whole prefix of a term found by the
		// prefix's first characters.
		_, ok := prefixKey(n.prefix, maxPrefixKey)
		return ok
	}
	return false
}

// fuzzyNode matches a term within fuzziness edits of term (insertions,
// deletions, substitutions and transpositions of adjacent characters, the
// first prefix characters exact), as bleve's fuzzy query does.
type fuzzyNode struct {
	field     string
	term      []rune
	prefix    int
	fuzziness int
}

func (n fuzzyNode) match(d *doc) bool {
	for _, tf := range d.fields[n.field] {
		for t := range tf {
			if withinEdits(n.term, t, n.prefix, n.fuzziness) {
				return true
			}
		}
	}
	return false
}

func (n fuzzyNode) keys(estimator) (keySet, float64, bool) { return keySet{}, 0, false }

// withinEdits reports whether s is at most k edits from want (the
// optimal string alignment distance: a swap of two adjacent characters is
// one edit), with the first prefix characters equal.
func withinEdits(want []rune, s string, prefix, k int) bool {
	n := utf8.RuneCountInString(s)
	if n-len(want) > k || len(want)-n > k {
		return false
	}
	got := []rune(s)
	for i := 0; i < prefix; i++ {
		if i >= len(got) || i >= len(want) || got[i] != want[i] {
			return false
		}
	}
	prev2 := make([]int, len(got)+1)
	prev := make([]int, len(got)+1)
	cur := make([]int, len(got)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(want); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(got); j++ {
			cost := 1
			if want[i-1] == got[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && want[i-1] == got[j-2] && want[i-2] == got[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > k {
			return false
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(got)] <= k
}

// rangeNode matches a term of the field between min and max (byte
// order, as the index sorts terms; an empty bound is open).
type rangeNode struct {
	field          string
	min, max       string
	incMin, incMax bool
}

func (n rangeNode) match(d *doc) bool {
	terms := d.terms(n.field)
	i, found := slices.BinarySearch(terms, n.min)
	if found && !n.incMin {
		i++
	}
	if i >= len(terms) {
		return false
	}
	t := terms[i]
	return n.max == "" || t < n.max || n.incMax && t == n.max
}

func (n rangeNode) keys(estimator) (keySet, float64, bool) { return keySet{}, 0, false }
