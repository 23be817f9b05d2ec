package index

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// A PhraseQuery is a quoted phrase ranked by BM25, in the form bleve gives
// it when it is built as a disjunction (one clause per field) of phrase
// queries: the phrase's words as each field's analyzer writes them, one
// per position, with the field's boost. A document matches when the words
// follow each other in at least one field; it scores as bleve scores the
// phrase, the sum of its words' BM25 scores in the fields where the phrase
// is, times the fraction of the fields where it is. Filter, when set,
// restricts the documents without scoring them.
//
// TopPhrase answers it with the same documents, in the same order and
// with the same scores as bleve's exhaustive search of that query, but
// reads the positions of the words only in the documents it must: those
// it counts, and those whose score can reach the page.
type PhraseQuery struct {
	Fields []PhraseField
	Filter query.Query
}

// PhraseField is the phrase in one field.
type PhraseField struct {
	Field string
	// Terms are the phrase's words, one per position.
	Terms []string
	Boost float64
}

// maxPhraseTerms is the most words a phrase TopPhrase takes may have.
const maxPhraseTerms = 32

// Validate reports whether TopPhrase can answer q.
func (q PhraseQuery) Validate() error {
	if len(q.Fields) == 0 || len(q.Fields) > maxRankedClauses {
		return fmt.Errorf("phrase query: %d fields; 1 to %d", len(q.Fields), maxRankedClauses)
	}
	for _, f := range q.Fields {
		if len(f.Terms) == 0 || len(f.Terms) > maxPhraseTerms {
			return fmt.Errorf("phrase query: %d words in %s; 1 to %d", len(f.Terms), f.Field, maxPhraseTerms)
		}
		if slices.Contains(f.Terms, "") {
			return fmt.Errorf("phrase query: an empty word in %s", f.Field)
		}
		if !(f.Boost > 0) || math.IsInf(f.Boost, 0) {
			return fmt.Errorf("phrase query: boost %v of %s is not positive", f.Boost, f.Field)
		}
	}
	return nil
}

// Query is the bleve query TopPhrase answers: searched by bleve, it
// gives the same hits, exhaustively.
func (q PhraseQuery) Query() query.Query {
	phrases := make([]query.Query, len(q.Fields))
	for i, f := range q.Fields {
		terms := make([][]string, len(f.Terms))
		for j, t := range f.Terms {
			terms[j] = []string{t}
		}
		pq := query.NewMultiPhraseQuery(terms, f.Field)
		pq.SetBoost(f.Boost)
		phrases[i] = pq
	}
	var phrase query.Query = phrases[0]
	if len(phrases) > 1 {
		phrase = query.NewDisjunctionQuery(phrases)
	}
	bq := query.NewBooleanQuery([]query.Query{phrase}, nil, nil)
	if q.Filter != nil {
		bq.AddFilter(Unscored(q.Filter))
	}
	return bq
}

// fields lists the fields q searches, once each.
func (q PhraseQuery) fields() []string {
	var fields []string
	for _, f := range q.Fields {
		if !slices.Contains(fields, f.Field) {
			fields = append(fields, f.Field)
		}
	}
	return fields
}

// TopPhrase returns the hits from+1 to from+size of q, best first (ties
// by ID), and its total, counted exactly up to totalLimit matches (all
// of them when totalLimit is 0, none when it is negative).
//
// The documents holding every word of a field's phrase are found by
// intersecting the words' postings, and scored from their frequencies as
// bleve scores them. Whether the words follow each other is read from
// their positions only for the documents still to be counted and for
// those whose score, were the phrase in every field where its words are,
// could reach the page; bleve reads the positions of every document and
// builds a map of them for each.
func (ix *Index) TopPhrase(ctx context.Context, q PhraseQuery, from, size, totalLimit int) (*RankedResult, error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	if from < 0 || size < 0 {
		return nil, fmt.Errorf("phrase query: from %d, size %d", from, size)
	}
	n := from + size
	results, err := eachShard(ctx, ix, q.fields(), func(ctx context.Context, r bleveindex.IndexReader) (shardRanking, error) {
		return ix.phraseShard(ctx, r, q, n, totalLimit, nil)
	})
	if err != nil {
		return nil, err
	}
	return mergeShards(results, from, n, totalLimit), nil
}

// FacetCountsOfPhrase counts the facet values of the articles q matches,
// and those published at or after since, as FacetCounts would, reading
// the words' positions in the articles that hold them all (which bleve's
// phrase searcher does too) but building no map of them.
func (ix *Index) FacetCountsOfPhrase(ctx context.Context, q PhraseQuery, since time.Time) (*FacetTally, error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	perShard, err := eachShard(ctx, ix, q.fields(), func(ctx context.Context, r bleveindex.IndexReader) (*shardCounter, error) {
		c, err := ix.newShardCounter(r, since)
		if err != nil {
			return nil, err
		}
		_, err = ix.phraseShard(ctx, r, q, 0, 0, c)
		return c, err
	})
	if err != nil {
		return nil, fmt.Errorf("phrase facets: %w", err)
	}
	return ix.tally(perShard...), nil
}

// phraseWord is one position of a field's phrase in a shard: its term's
// scored postings, and a reader of the term's positions.
type phraseWord struct {
	s   *searcher.TermSearcher
	cur *search.DocumentMatch
	// slot is the word's position in the phrase.
	slot int
	pos  bleveindex.TermFieldReader
	// at is the document pos was last moved to; tfd holds its positions.
	at  bleveindex.IndexInternalID
	tfd bleveindex.TermFieldDoc
}

// phraseClause is a field's phrase in a shard: its words, in the order
// bleve sums their scores (fewest postings first).
type phraseClause struct {
	words []*phraseWord
	count uint64
	doc   bleveindex.IndexInternalID // where every word is; nil when done
	// bySlot holds the positions of the words, by their place in the
	// phrase, while a document is checked.
	bySlot [][]*bleveindex.TermFieldVector
}

// phraseShard ranks and counts q in one shard; when tally is set, it
// also counts the facet values of every match (totalLimit should be 0
// then, so that every match is seen).
func (ix *Index) phraseShard(ctx context.Context, r bleveindex.IndexReader, q PhraseQuery, n, totalLimit int, tally *shardCounter) (shardRanking, error) {
	var clauses []*phraseClause
	defer func() {
		for _, c := range clauses {
			for _, w := range c.words {
				w.s.Close()
				if w.pos != nil {
					w.pos.Close()
				}
			}
		}
	}()
	for _, f := range q.Fields {
		c := &phraseClause{bySlot: make([][]*bleveindex.TermFieldVector, len(f.Terms))}
		clauses = append(clauses, c)
		for slot, term := range f.Terms {
			s, err := searcher.NewTermSearcher(ctx, r, term, f.Field, f.Boost, search.SearcherOptions{})
			if err != nil {
				return shardRanking{}, fmt.Errorf("phrase search: %s:%s: %w", f.Field, term, err)
			}
			ts, ok := s.(*searcher.TermSearcher)
			if !ok {
				s.Close()
				return shardRanking{}, fmt.Errorf("phrase search: %s:%s is searched by a %T", f.Field, term, s)
			}
			w := &phraseWord{s: ts, slot: slot}
			c.words = append(c.words, w)
			c.count += ts.Count()
			if len(f.Terms) > 1 {
				if w.pos, err = r.TermFieldReader(ctx, []byte(term), f.Field, false, false, true); err != nil {
					return shardRanking{}, fmt.Errorf("phrase search: %s:%s: %w", f.Field, term, err)
				}
			}
		}
		// bleve's conjunctions and disjunctions order their clauses by
		// how many documents they may match, fewest first (stably, for so
		// few), and sum weights and scores in that order.
		slices.SortStableFunc(c.words, func(a, b *phraseWord) int { return cmp.Compare(a.s.Count(), b.s.Count()) })
		if len(c.words) > 1 {
			// As bleve's conjunctions: the words' postings share their
			// intersection, segment by segment.
			var octx bleveindex.OptimizableContext
			for _, w := range c.words {
				var err error
				if octx, err = w.s.Optimize("conjunction", octx); err != nil {
					return shardRanking{}, fmt.Errorf("phrase search: %w", err)
				}
				if octx == nil {
					break
				}
			}
			if octx != nil {
				if _, err := octx.Finish(); err != nil {
					return shardRanking{}, fmt.Errorf("phrase search: %w", err)
				}
			}
		}
	}
	slices.SortStableFunc(clauses, func(a, b *phraseClause) int { return cmp.Compare(a.count, b.count) })
	var sumOfSquares float64
	for _, c := range clauses {
		var phraseWeight float64
		for _, w := range c.words {
			phraseWeight += w.s.Weight()
		}
		sumOfSquares += phraseWeight
	}
	queryNorm := 1.0 / math.Sqrt(sumOfSquares)
	for _, c := range clauses {
		for _, w := range c.words {
			w.s.SetQueryNorm(queryNorm)
		}
	}
	unscored := context.WithValue(ctx, search.BM25StatsKey, nil)
	var filter search.Searcher
	if q.Filter != nil {
		var err error
		if filter, err = q.Filter.Searcher(unscored, r, ix.mapping, search.SearcherOptions{Score: "none"}); err != nil {
			return shardRanking{}, fmt.Errorf("phrase search: filter: %w", err)
		}
		defer filter.Close()
	}
	pr := &phraseRanker{
		ranker:  ranker{n: n, filter: filter},
		clauses: clauses,
		counted: totalLimit >= 0,
		limit:   uint64(max(totalLimit, 0)),
		tally:   tally,
	}
	pr.sctx = &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(2*len(clauses)*maxPhraseTerms+n+16, 0)}
	if err := pr.run(ctx); err != nil {
		return shardRanking{}, err
	}
	for _, d := range pr.kept {
		id, err := r.ExternalID(d.IndexInternalID)
		if err != nil {
			return shardRanking{}, fmt.Errorf("phrase search: %w", err)
		}
		d.ID = id
	}
	exact := pr.counted && (pr.limit == 0 || pr.total <= pr.limit)
	return shardRanking{hits: pr.kept, total: pr.total, exact: exact, scored: pr.scored}, nil
}

// phraseRanker keeps a shard's best documents of a phrase query (its
// embedded ranker keeps the page and the threshold) and counts them.
type phraseRanker struct {
	ranker
	clauses []*phraseClause
	// counted is whether matches are counted, up to limit (0: all).
	counted bool
	limit   uint64
	total   uint64
	// tally, when set, counts the facet values of every match.
	tally *shardCounter

	on       []bool // scratch: the clauses whose words are all on a document
	verified []bool // scratch: the clauses whose phrase is in it
}

func (pr *phraseRanker) run(ctx context.Context) error {
	pr.on, pr.verified = make([]bool, len(pr.clauses)), make([]bool, len(pr.clauses))
	for _, c := range pr.clauses {
		for _, w := range c.words {
			if err := pr.nextWord(w); err != nil {
				return err
			}
		}
		if err := pr.settle(c); err != nil {
			return err
		}
	}
	for steps := 0; ; steps++ {
		if steps%1024 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		var d bleveindex.IndexInternalID
		for _, c := range pr.clauses {
			if c.doc != nil && (d == nil || c.doc.Compare(d) < 0) {
				d = c.doc
			}
		}
		if d == nil {
			return nil
		}
		pr.cur = append(pr.cur[:0], d...)
		d = pr.cur
		if pr.filter != nil {
			ok, err := pr.filtered(d)
			if err != nil {
				return err
			}
			if !ok {
				if pr.filt == nil {
					return nil // no document left passes the filter
				}
				for _, c := range pr.clauses {
					if err := pr.advanceClause(c, pr.filt.IndexInternalID); err != nil {
						return err
					}
				}
				continue
			}
		}
		for i, c := range pr.clauses {
			pr.on[i] = c.doc != nil && c.doc.Equals(d)
		}
		count := pr.counted && (pr.limit == 0 || pr.total <= pr.limit)
		rank := pr.n > 0 && (len(pr.kept) < pr.n || pr.phraseScore(pr.on) >= pr.threshold)
		if count || rank {
			any := false
			for i, c := range pr.clauses {
				pr.verified[i] = false
				if pr.on[i] {
					ok, err := pr.verify(c, d)
					if err != nil {
						return err
					}
					pr.verified[i], any = ok, any || ok
				}
			}
			if any {
				pr.total++
				if pr.tally != nil {
					pr.tally.add(d)
				}
				if rank {
					score := pr.phraseScore(pr.verified)
					pr.scored++
					if score >= pr.threshold || len(pr.kept) < pr.n {
						pr.keep(d, score)
					}
				}
			}
		}
		for i, c := range pr.clauses {
			if pr.on[i] {
				if err := pr.nextWord(c.words[0]); err != nil {
					return err
				}
				if err := pr.settle(c); err != nil {
					return err
				}
			}
		}
	}
}

// phraseScore is the score of the current document when the phrase is in
// the fields of the clauses set in in, summed as bleve sums it.
func (pr *phraseRanker) phraseScore(in []bool) float64 {
	var sum float64
	matched := 0
	for i, c := range pr.clauses {
		if !in[i] {
			continue
		}
		var phrase float64
		for _, w := range c.words {
			phrase += w.cur.Score
		}
		sum += phrase
		matched++
	}
	if matched == 0 {
		return 0
	}
	return sum * (float64(matched) / float64(len(pr.clauses)))
}

// nextWord moves w to its next document.
func (pr *phraseRanker) nextWord(w *phraseWord) error {
	if w.cur != nil {
		pr.sctx.DocumentMatchPool.Put(w.cur)
	}
	var err error
	w.cur, err = w.s.Next(pr.sctx)
	return err
}

// advanceWord moves w to target or the first document after it, if it
// is before target.
func (pr *phraseRanker) advanceWord(w *phraseWord, target bleveindex.IndexInternalID) error {
	if w.cur == nil || w.cur.IndexInternalID.Compare(target) >= 0 {
		return nil
	}
	pr.sctx.DocumentMatchPool.Put(w.cur)
	var err error
	w.cur, err = w.s.Advance(pr.sctx, target)
	return err
}

// advanceClause moves c to the first document at or after target where
// every word is.
func (pr *phraseRanker) advanceClause(c *phraseClause, target bleveindex.IndexInternalID) error {
	if c.doc == nil || c.doc.Compare(target) >= 0 {
		return nil
	}
	for _, w := range c.words {
		if err := pr.advanceWord(w, target); err != nil {
			return err
		}
	}
	return pr.settle(c)
}

// settle moves c's words on to the first document, at or after where
// they are, that all of them are on.
func (pr *phraseRanker) settle(c *phraseClause) error {
	for {
		var hi bleveindex.IndexInternalID
		for _, w := range c.words {
			if w.cur == nil {
				c.doc = nil
				return nil
			}
			if hi == nil || w.cur.IndexInternalID.Compare(hi) > 0 {
				hi = w.cur.IndexInternalID
			}
		}
		aligned := true
		for _, w := range c.words {
			if w.cur.IndexInternalID.Compare(hi) < 0 {
				aligned = false
				if err := pr.advanceWord(w, hi); err != nil {
					return err
				}
				if w.cur == nil {
					c.doc = nil
					return nil
				}
			}
		}
		if aligned {
			c.doc = c.words[0].cur.IndexInternalID
			return nil
		}
	}
}

// verify reports whether c's words follow each other in document d,
// which holds all of them: some position p of the first word has the
// second at p+1, the third at p+2, and so on, in one value of the field.
func (pr *phraseRanker) verify(c *phraseClause, d bleveindex.IndexInternalID) (bool, error) {
	if len(c.words) == 1 {
		return true, nil
	}
	for _, w := range c.words {
		if !w.at.Equals(d) {
			tfd, err := w.pos.Advance(d, &w.tfd)
			if err != nil {
				return false, fmt.Errorf("phrase search: positions: %w", err)
			}
			if tfd == nil || !tfd.ID.Equals(d) {
				return false, fmt.Errorf("phrase search: the positions of document %x are missing", []byte(d))
			}
			w.at = append(w.at[:0], d...)
		}
		c.bySlot[w.slot] = w.tfd.Vectors
	}
	return phraseAt(c.bySlot), nil
}

// phraseAt reports whether the words whose positions are in bySlot (each
// list in increasing order, as the index keeps them) follow each other
// somewhere, within one value of the field.
func phraseAt(bySlot [][]*bleveindex.TermFieldVector) bool {
	for _, locs := range bySlot {
		for _, l := range locs {
			if len(l.ArrayPositions) > 0 {
				return phraseInValues(bySlot)
			}
		}
	}
	next := make([]int, len(bySlot))
	for _, first := range bySlot[0] {
		found := true
		for slot := 1; slot < len(bySlot) && found; slot++ {
			want := first.Pos + uint64(slot)
			locs := bySlot[slot]
			i := next[slot]
			for i < len(locs) && locs[i].Pos < want {
				i++
			}
			next[slot] = i
			found = i < len(locs) && locs[i].Pos == want && samePositions(locs[i].ArrayPositions, first.ArrayPositions)
		}
		if found {
			return true
		}
	}
	return false
}

// phraseInValues is phraseAt for a field of several values, whose
// positions are in order within each value only.
func phraseInValues(bySlot [][]*bleveindex.TermFieldVector) bool {
	for _, first := range bySlot[0] {
		found := true
		for slot := 1; slot < len(bySlot) && found; slot++ {
			want := first.Pos + uint64(slot)
			found = slices.ContainsFunc(bySlot[slot], func(l *bleveindex.TermFieldVector) bool {
				return l.Pos == want && samePositions(l.ArrayPositions, first.ArrayPositions)
			})
		}
		if found {
			return true
		}
	}
	return false
}

// samePositions reports whether two locations are in the same value of a
// field of several values.
func samePositions(a, b []uint64) bool {
	return slices.Equal(a, b)
}
