package index

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// A RankedQuery is a query of free words ranked by BM25, in the form
// bleve gives it when it is built as a disjunction (at least one word) of
// disjunctions (one per word) of term matches (one per field): a word
// found in more of its fields scores more, and a document with more of
// the words ranks higher (bleve's coordination factor). Filter, when set,
// restricts the documents without scoring them.
//
// TopRanked answers it with the same documents, in the same order and
// with the same scores as bleve's exhaustive search of that query, but
// without scoring the documents that cannot reach the page.
type RankedQuery struct {
	Words  []RankedWord
	Filter query.Query
}

// A RankedWord is one word of a RankedQuery: the term it is matched as in
// each field, with the field's boost.
type RankedWord struct {
	Terms []RankedTerm
}

// RankedTerm is one field's term of a word.
type RankedTerm struct {
	Field, Term string
	Boost       float64
}

// maxRankedClauses is the most words, and terms per word, that TopRanked
// takes: bleve sums the scores of larger disjunctions in another order
// (its heap searcher, past searcher.DisjunctionHeapTakeover clauses),
// which TopRanked does not repeat.
const maxRankedClauses = 10

// DefaultTotalLimit is how many matches are counted before a total is
// given as a lower bound ("at least 10,000"), as Elasticsearch does.
const DefaultTotalLimit = 10000

// RankedResult is what TopRanked found.
type RankedResult struct {
	// Hits are the page, best first; a hit has its ID and score.
	Hits []*search.DocumentMatch
	// Total is the number of matching documents; when TotalExact is
	// false, the total is at least that many.
	Total      uint64
	TotalExact bool
	// Scored is how many documents were scored: the pruning's work.
	Scored uint64
}

// Validate reports whether TopRanked can answer q.
func (q RankedQuery) Validate() error {
	if len(q.Words) == 0 {
		return errors.New("ranked query: no words")
	}
	if len(q.Words) > maxRankedClauses {
		return fmt.Errorf("ranked query: %d words; at most %d", len(q.Words), maxRankedClauses)
	}
	for _, w := range q.Words {
		if len(w.Terms) == 0 || len(w.Terms) > maxRankedClauses {
			return fmt.Errorf("ranked query: a word has %d terms; 1 to %d", len(w.Terms), maxRankedClauses)
		}
		for _, t := range w.Terms {
			if !(t.Boost > 0) || math.IsInf(t.Boost, 0) {
				return fmt.Errorf("ranked query: boost %v of %s:%s is not positive", t.Boost, t.Field, t.Term)
			}
		}
	}
	return nil
}

// Query is the bleve query TopRanked answers: searched by bleve, it
// gives the same hits, exhaustively.
func (q RankedQuery) Query() query.Query {
	words := make([]query.Query, len(q.Words))
	for i, w := range q.Words {
		fields := make([]query.Query, len(w.Terms))
		for j, t := range w.Terms {
			tq := query.NewTermQuery(t.Term)
			tq.SetField(t.Field)
			tq.SetBoost(t.Boost)
			fields[j] = query.NewDisjunctionQuery([]query.Query{tq})
		}
		words[i] = query.NewDisjunctionQuery(fields)
	}
	// As the search package joins free words: a boolean query's should
	// clauses, at least one of which must match.
	bq := query.NewBooleanQuery(nil, words, nil)
	bq.SetMinShould(1)
	if q.Filter != nil {
		bq.AddFilter(Unscored(q.Filter))
	}
	return bq
}

// fields lists the fields q searches, once each.
func (q RankedQuery) fields() []string {
	var fields []string
	for _, w := range q.Words {
		for _, t := range w.Terms {
			if !slices.Contains(fields, t.Field) {
				fields = append(fields, t.Field)
			}
		}
	}
	return fields
}

// matching is the query of the documents q matches, for counting: the
// words and the filter as a conjunction, which bleve leapfrogs (where it
// walks a filter along every match of the words).
func (q RankedQuery) matching() query.Query {
	words := make([]query.Query, len(q.Words))
	for i, w := range q.Words {
		terms := make([]query.Query, len(w.Terms))
		for j, t := range w.Terms {
			tq := query.NewTermQuery(t.Term)
			tq.SetField(t.Field)
			terms[j] = tq
		}
		words[i] = query.NewDisjunctionQuery(terms)
	}
	any := query.NewDisjunctionQuery(words)
	if q.Filter == nil {
		return any
	}
	return query.NewConjunctionQuery([]query.Query{any, q.Filter})
}

// TopRanked returns the hits from+1 to from+size of q, best first (ties
// by ID), and its total, counted exactly up to totalLimit matches (all
// of them when totalLimit is 0, none when it is negative: the caller
// counts them otherwise).
//
// It runs MaxScore (Turtle and Flood) over each shard: each word's score
// has an upper bound (its terms' BM25 bounds); once the page's worst score
// so far exceeds what the documents matching only some words could reach,
// those words stop proposing candidates and are only looked up for the
// documents the others propose, and a word without which no document can
// reach the page becomes required. Documents are scored as bleve scores
// them, from bleve's own term scorers, summed in bleve's order.
func (ix *Index) TopRanked(ctx context.Context, q RankedQuery, from, size, totalLimit int) (*RankedResult, error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	if from < 0 || size < 0 {
		return nil, fmt.Errorf("ranked query: from %d, size %d", from, size)
	}
	n := from + size
	results, err := eachShard(ctx, ix, q.fields(), func(ctx context.Context, r bleveindex.IndexReader) (shardRanking, error) {
		return ix.rankShard(ctx, r, q, n, totalLimit)
	})
	if err != nil {
		return nil, err
	}
	return mergeShards(results, from, n, totalLimit), nil
}

// eachShard runs one shard's part of a search on every shard at once,
// over readers of one moment and with the BM25 statistics of all shards
// for the fields searched (see rankingContext).
func eachShard[T any](ctx context.Context, ix *Index, fields []string, part func(context.Context, bleveindex.IndexReader) (T, error)) ([]T, error) {
	readers, release, err := ix.shardReaders()
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer release()
	sctx, err := ix.rankingContext(ctx, fields, readers)
	if err != nil {
		return nil, err
	}
	results := make([]T, len(readers))
	errs := make([]error, len(readers))
	var wg sync.WaitGroup
	for i, r := range readers {
		wg.Go(func() {
			results[i], errs[i] = part(sctx, r)
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return results, nil
}

// shardReaders opens a reader of every shard; release closes them.
func (ix *Index) shardReaders() ([]bleveindex.IndexReader, func(), error) {
	readers := make([]bleveindex.IndexReader, 0, len(ix.shards))
	release := func() {
		for _, r := range readers {
			r.Close()
		}
	}
	for i, shard := range ix.shards {
		adv, err := shard.Advanced()
		if err == nil {
			var r bleveindex.IndexReader
			if r, err = adv.Reader(); err == nil {
				readers = append(readers, r)
				continue
			}
		}
		release()
		return nil, nil, fmt.Errorf("shard %d: %w", i, err)
	}
	if ix.bounds.segments() > 8*len(ix.shards)*32+16 {
		ix.bounds.forget(ix.liveSegments())
	}
	return readers, release, nil
}

// mergeShards joins the shards' rankings into the hits from+1 to n, best
// first (ties by ID), and the total.
func mergeShards(results []shardRanking, from, n, totalLimit int) *RankedResult {
	out := &RankedResult{TotalExact: true}
	var all []*search.DocumentMatch
	for _, r := range results {
		all = append(all, r.hits...)
		out.Total += r.total
		out.TotalExact = out.TotalExact && r.exact
		out.Scored += r.scored
	}
	if totalLimit > 0 && out.Total > uint64(totalLimit) {
		out.Total, out.TotalExact = uint64(totalLimit), false
	}
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].Score != all[j].Score {
			return all[i].Score > all[j].Score
		}
		return all[i].ID < all[j].ID
	})
	if from < len(all) {
		out.Hits = all[from:min(n, len(all))]
	}
	return out
}

// rankingContext is the context bleve's term scorers read their
// statistics from: BM25, and with several shards the document count and
// field lengths of all of them, as bleve's alias gathers them.
func (ix *Index) rankingContext(ctx context.Context, fields []string, readers []bleveindex.IndexReader) (context.Context, error) {
	ctx = context.WithValue(ctx, search.GetScoringModelCallbackKey,
		search.GetScoringModelCallbackFn(func() string { return bleveindex.BM25Scoring }))
	if len(readers) == 1 {
		return ctx, nil
	}
	stats := &search.BM25Stats{FieldCardinality: map[string]int{}}
	for i, r := range readers {
		count, err := r.DocCount()
		if err != nil {
			return nil, fmt.Errorf("ranked search, shard %d: %w", i, err)
		}
		stats.DocCount += float64(count)
		br, ok := r.(bleveindex.BM25Reader)
		if !ok {
			return nil, fmt.Errorf("ranked search, shard %d: reader %T has no field lengths", i, r)
		}
		for _, field := range fields {
			n, err := br.FieldCardinality(field)
			if err != nil {
				return nil, fmt.Errorf("ranked search, shard %d: %w", i, err)
			}
			stats.FieldCardinality[field] += n
		}
	}
	return context.WithValue(ctx, search.BM25StatsKey, stats), nil
}

// shardRanking is one shard's share of a ranked search: every hit that
// may reach the page (ties included) and the shard's total.
type shardRanking struct {
	hits   []*search.DocumentMatch
	total  uint64
	exact  bool
	scored uint64
}

// leaf is one term's postings in a shard, positioned at cur (nil when
// they are exhausted).
type leaf struct {
	s           *searcher.TermSearcher
	cur         *search.DocumentMatch
	field, term string
	id          int // its place among the shard's terms
	boost       float64
	bound       float64 // the highest score the term gives a document
}

// rankWord is one word's leaves.
type rankWord struct {
	leaves []*leaf
	bound  float64 // the highest score the word gives a document
	count  uint64  // the postings of its terms
}

func (ix *Index) rankShard(ctx context.Context, r bleveindex.IndexReader, q RankedQuery, n, totalLimit int) (shardRanking, error) {
	words := make([]*rankWord, len(q.Words))
	var all []*leaf
	defer func() {
		for _, l := range all {
			l.s.Close()
		}
	}()
	docTotal, err := r.DocCount()
	if err != nil {
		return shardRanking{}, err
	}
	if stats, ok := ctx.Value(search.BM25StatsKey).(*search.BM25Stats); ok {
		docTotal = uint64(stats.DocCount)
	}
	opts := search.SearcherOptions{}
	for i, w := range q.Words {
		words[i] = &rankWord{}
		for _, t := range w.Terms {
			s, err := searcher.NewTermSearcher(ctx, r, t.Term, t.Field, t.Boost, opts)
			if err != nil {
				return shardRanking{}, fmt.Errorf("ranked search: %s:%s: %w", t.Field, t.Term, err)
			}
			ts, ok := s.(*searcher.TermSearcher)
			if !ok {
				s.Close()
				return shardRanking{}, fmt.Errorf("ranked search: %s:%s is searched by a %T", t.Field, t.Term, s)
			}
			l := &leaf{s: ts, field: t.Field, term: t.Term, boost: t.Boost}
			all = append(all, l)
			words[i].leaves = append(words[i].leaves, l)
			words[i].count += ts.Count()
		}
		// bleve's disjunctions order their clauses by how many documents
		// they may match, fewest first (a stable order for so few), and
		// sum weights and scores in that order.
		slices.SortStableFunc(words[i].leaves, func(a, b *leaf) int { return cmp.Compare(a.s.Count(), b.s.Count()) })
	}
	slices.SortStableFunc(words, func(a, b *rankWord) int { return cmp.Compare(a.count, b.count) })
	// The query norm is bleve's: one over the root of the sum of the
	// terms' squared weights, summed word by word as its disjunctions do.
	var sumOfSquares float64
	for _, w := range words {
		var wordWeight float64
		for _, l := range w.leaves {
			wordWeight += l.s.Weight()
		}
		sumOfSquares += wordWeight
	}
	queryNorm := 1.0 / math.Sqrt(sumOfSquares)
	for _, w := range words {
		for _, l := range w.leaves {
			l.s.SetQueryNorm(queryNorm)
			avg, err := averageLength(ctx, r, l.field)
			if err != nil {
				return shardRanking{}, err
			}
			sat := math.Inf(1) // bleve scores by TF-IDF without lengths
			if avg > 0 {
				if sat, err = ix.bounds.max(r, l.field, l.term, avg); err != nil {
					return shardRanking{}, err
				}
			}
			l.bound = termBound(l.boost, docTotal, l.s.Count(), queryNorm, sat)
			w.bound += l.bound
		}
	}
	// What is not scored is searched without the statistics: bleve's
	// bitmap unions search a field of their own ("*") that has none.
	unscored := context.WithValue(ctx, search.BM25StatsKey, nil)
	var filter search.Searcher
	if q.Filter != nil {
		if filter, err = q.Filter.Searcher(unscored, r, ix.mapping, search.SearcherOptions{Score: "none"}); err != nil {
			return shardRanking{}, fmt.Errorf("ranked search: filter: %w", err)
		}
		defer filter.Close()
	}
	rk := &ranker{words: words, n: n, filter: filter}
	// Pruning begins once the page is full.
	rk.sctx = &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(len(all)+n+16, 0)}
	if n > 0 {
		if err := rk.run(ctx); err != nil {
			return shardRanking{}, err
		}
	}
	for _, d := range rk.kept {
		id, err := r.ExternalID(d.IndexInternalID)
		if err != nil {
			return shardRanking{}, fmt.Errorf("ranked search: %w", err)
		}
		d.ID = id
	}
	if totalLimit < 0 {
		return shardRanking{hits: rk.kept, scored: rk.scored}, nil
	}
	total, exact, err := ix.countQuery(unscored, r, q.matching(), totalLimit)
	if err != nil {
		return shardRanking{}, err
	}
	return shardRanking{hits: rk.kept, total: total, exact: exact, scored: rk.scored}, nil
}

// termBound is the highest BM25 score bleve's term scorer gives a
// document whose saturation (see saturation) is at most sat: the idf
// twice (once in the field weight, once in the query weight), the boost
// and the query norm; raised a little, for rounding.
func termBound(boost float64, docTotal, docTerm uint64, queryNorm, sat float64) float64 {
	idf := math.Log(1 + (float64(docTotal)-float64(docTerm)+0.5)/(float64(docTerm)+0.5))
	return idf * sat * boost * idf * queryNorm * (1 + 1e-9)
}

// averageLength is the average field length bleve's BM25 scorer uses:
// over all shards when the context carries their statistics, rounded up.
func averageLength(ctx context.Context, r bleveindex.IndexReader, field string) (float64, error) {
	var count float64
	var card int
	if stats, ok := ctx.Value(search.BM25StatsKey).(*search.BM25Stats); ok {
		count, card = stats.DocCount, stats.FieldCardinality[field]
	} else {
		n, err := r.DocCount()
		if err != nil {
			return 0, err
		}
		count = float64(n)
		if br, ok := r.(bleveindex.BM25Reader); ok {
			if card, err = br.FieldCardinality(field); err != nil {
				return 0, err
			}
		}
	}
	if count == 0 {
		return 0, nil
	}
	return math.Ceil(float64(card) / count), nil
}

// countQuery counts the shard's documents matching q, up to limit (exact
// is false when it stopped there; 0 counts all). Nothing is scored:
// bleve unites the postings of disjunctions as bitmaps.
func (ix *Index) countQuery(ctx context.Context, r bleveindex.IndexReader, q query.Query, limit int) (uint64, bool, error) {
	s, err := q.Searcher(ctx, r, ix.mapping, search.SearcherOptions{Score: "none"})
	if err != nil {
		return 0, false, fmt.Errorf("count: %w", err)
	}
	defer s.Close()
	sctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(s.DocumentMatchPoolSize(), 0)}
	var n uint64
	for {
		if n%1024 == 0 && ctx.Err() != nil {
			return 0, false, ctx.Err()
		}
		if limit > 0 && n > uint64(limit) {
			return n, false, nil
		}
		d, err := s.Next(sctx)
		if err != nil {
			return 0, false, fmt.Errorf("count: %w", err)
		}
		if d == nil {
			return n, true, nil
		}
		n++
		sctx.DocumentMatchPool.Put(d)
	}
}

// ranker runs MaxScore over one shard's terms. A document's score is
// bleve's two-level sum: per word, the sum of its matching terms' scores
// times the fraction of its terms that match; then the sum of the words'
// scores times the fraction of the words that match. Adding a term to
// the ones a document matches never lowers that score, so the best score
// of the documents matching only terms of a set is the score of the set
// itself, with each term at its bound (see bound).
type ranker struct {
	words  []*rankWord
	leaves []*leaf // every word's, in order
	n      int
	filter search.Searcher
	filt   *search.DocumentMatch // the filter's position
	sctx   *search.SearchContext

	// kept holds the documents that may reach the page; threshold is the
	// n-th best score among them (0 until there are n).
	kept      []*search.DocumentMatch
	threshold float64

	// essential terms propose candidates; the others are only looked up
	// for them. A document without a required term, or without any term
	// of a required word, cannot reach the page.
	essential    []bool
	requiredLeaf []bool
	requiredWord []bool

	scored uint64 // documents scored

	in  []bool    // scratch: a set of terms
	val []float64 // scratch: a value per term
	cur bleveindex.IndexInternalID
	tgt bleveindex.IndexInternalID
}

func (rk *ranker) run(ctx context.Context) error {
	for _, w := range rk.words {
		for _, l := range w.leaves {
			l.id = len(rk.leaves)
			rk.leaves = append(rk.leaves, l)
		}
	}
	n := len(rk.leaves)
	rk.essential, rk.requiredLeaf, rk.in = make([]bool, n), make([]bool, n), make([]bool, n)
	rk.requiredWord, rk.val = make([]bool, len(rk.words)), make([]float64, n)
	for i, l := range rk.leaves {
		rk.essential[i] = true
		if err := rk.next(l); err != nil {
			return err
		}
	}
	for steps := 0; ; steps++ {
		if steps%1024 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		d := rk.candidate()
		if d == nil {
			return nil
		}
		// A required term or word that does not match d moves the
		// candidates on to where it matches next.
		target, err := rk.requiredTarget(d)
		if err != nil {
			return err
		}
		if target != nil {
			if err := rk.advanceEssential(target); err != nil {
				return err
			}
			continue
		}
		if rk.filter != nil {
			ok, err := rk.filtered(d)
			if err != nil {
				return err
			}
			if !ok {
				if rk.filt == nil {
					return nil // no document left passes the filter
				}
				if err := rk.advanceEssential(rk.filt.IndexInternalID); err != nil {
					return err
				}
				continue
			}
		}
		if len(rk.kept) < rk.n || rk.mayReach(d) {
			score, err := rk.score(d)
			if err != nil {
				return err
			}
			rk.scored++
			if score >= rk.threshold || len(rk.kept) < rk.n {
				rk.keep(d, score)
			}
		}
		for i, l := range rk.leaves {
			if rk.essential[i] && l.on(d) {
				if err := rk.next(l); err != nil {
					return err
				}
			}
		}
	}
}

// on reports whether l is on document d.
func (l *leaf) on(d bleveindex.IndexInternalID) bool {
	return l.cur != nil && l.cur.IndexInternalID.Equals(d)
}

// candidate is the first document an essential term is on.
func (rk *ranker) candidate() bleveindex.IndexInternalID {
	var d bleveindex.IndexInternalID
	for i, l := range rk.leaves {
		if rk.essential[i] && l.cur != nil && (d == nil || l.cur.IndexInternalID.Compare(d) < 0) {
			d = l.cur.IndexInternalID
		}
	}
	if d == nil {
		return nil
	}
	rk.cur = append(rk.cur[:0], d...)
	return rk.cur
}

// requiredTarget returns nil when every required term and word matches
// d, or else the first document after d where the first one that does
// not could match.
func (rk *ranker) requiredTarget(d bleveindex.IndexInternalID) (bleveindex.IndexInternalID, error) {
	for i, l := range rk.leaves {
		if !rk.requiredLeaf[i] {
			continue
		}
		if err := rk.advance(l, d); err != nil {
			return nil, err
		}
		if !l.on(d) {
			return rk.nextOf(l), nil
		}
	}
	for w, word := range rk.words {
		if !rk.requiredWord[w] {
			continue
		}
		var next bleveindex.IndexInternalID
		matched := false
		for _, l := range word.leaves {
			if err := rk.advance(l, d); err != nil {
				return nil, err
			}
			if l.on(d) {
				matched = true
				break
			}
			if l.cur != nil && (next == nil || l.cur.IndexInternalID.Compare(next) < 0) {
				next = l.cur.IndexInternalID
			}
		}
		if matched {
			continue
		}
		if next == nil {
			return endOfPostings, nil
		}
		rk.tgt = append(rk.tgt[:0], next...)
		return rk.tgt, nil
	}
	return nil, nil
}

// nextOf is where l is, or endOfPostings.
func (rk *ranker) nextOf(l *leaf) bleveindex.IndexInternalID {
	if l.cur == nil {
		return endOfPostings
	}
	rk.tgt = append(rk.tgt[:0], l.cur.IndexInternalID...)
	return rk.tgt
}

// endOfPostings is past every document number.
var endOfPostings = bleveindex.IndexInternalID{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}

// filtered reports whether d passes the filter; when no document left
// does, rk.filt becomes nil.
func (rk *ranker) filtered(d bleveindex.IndexInternalID) (bool, error) {
	var err error
	switch {
	case rk.filt == nil:
		rk.filt, err = rk.filter.Advance(rk.sctx, d)
	case rk.filt.IndexInternalID.Compare(d) < 0:
		rk.sctx.DocumentMatchPool.Put(rk.filt)
		rk.filt, err = rk.filter.Advance(rk.sctx, d)
	}
	if err != nil || rk.filt == nil {
		return false, err
	}
	return rk.filt.IndexInternalID.Equals(d), nil
}

// advanceEssential moves the essential terms to target or past it.
func (rk *ranker) advanceEssential(target bleveindex.IndexInternalID) error {
	for i, l := range rk.leaves {
		if rk.essential[i] {
			if err := rk.advance(l, target); err != nil {
				return err
			}
		}
	}
	return nil
}

// bound is the score of a document matching exactly the terms in rk.in,
// each scoring its rk.val, summed as bleve sums them.
func (rk *ranker) bound() float64 {
	var sum float64
	matchedWords := 0
	for _, w := range rk.words {
		var wordSum float64
		matched := 0
		for _, l := range w.leaves {
			if rk.in[l.id] {
				wordSum += rk.val[l.id]
				matched++
			}
		}
		if matched > 0 {
			sum += wordSum * (float64(matched) / float64(len(w.leaves)))
			matchedWords++
		}
	}
	return sum * (float64(matchedWords) / float64(len(rk.words)))
}

// mayReach reports whether d, with the scores of the essential terms on
// it and every other term at its bound, could reach the threshold.
func (rk *ranker) mayReach(d bleveindex.IndexInternalID) bool {
	for i, l := range rk.leaves {
		switch {
		case !rk.essential[i]:
			rk.in[i], rk.val[i] = true, l.bound
		case l.on(d):
			rk.in[i], rk.val[i] = true, l.cur.Score
		default:
			rk.in[i] = false
		}
	}
	return rk.bound() >= rk.threshold
}

// score is d's score, computed as bleve computes it (see ranker).
func (rk *ranker) score(d bleveindex.IndexInternalID) (float64, error) {
	var sum float64
	matchedWords := 0
	for _, w := range rk.words {
		var wordSum float64
		matched := 0
		for _, l := range w.leaves {
			if !rk.essential[l.id] {
				if err := rk.advance(l, d); err != nil {
					return 0, err
				}
			}
			if l.on(d) {
				wordSum += l.cur.Score
				matched++
			}
		}
		if matched == 0 {
			continue
		}
		sum += wordSum * (float64(matched) / float64(len(w.leaves)))
		matchedWords++
	}
	return sum * (float64(matchedWords) / float64(len(rk.words))), nil
}

// keep adds d to the documents that may reach the page and raises the
// threshold when it can.
func (rk *ranker) keep(d bleveindex.IndexInternalID, score float64) {
	m := rk.sctx.DocumentMatchPool.Get()
	m.IndexInternalID = append(m.IndexInternalID[:0], d...)
	m.Score = score
	rk.kept = append(rk.kept, m)
	if len(rk.kept) < rk.n || len(rk.kept) > rk.n && len(rk.kept) < 2*rk.n+16 {
		return
	}
	// The n-th best score; documents below it cannot reach the page,
	// those tied with it still can (ties go by ID).
	sort.Slice(rk.kept, func(i, j int) bool { return rk.kept[i].Score > rk.kept[j].Score })
	t := rk.kept[rk.n-1].Score
	end := rk.n
	for end < len(rk.kept) && rk.kept[end].Score >= t {
		end++
	}
	for _, drop := range rk.kept[end:] {
		rk.sctx.DocumentMatchPool.Put(drop)
	}
	rk.kept = rk.kept[:end]
	if t > rk.threshold || len(rk.kept) == rk.n {
		rk.threshold = t
		if len(rk.leaves) > 0 {
			rk.partition()
		}
	}
}

// partition decides, from the threshold, which terms propose candidates
// and which terms and words are required: the terms of lowest bounds
// whose documents, matching only them, score below the threshold are not
// essential; a term or word without which no document reaches it is
// required.
func (rk *ranker) partition() {
	n := len(rk.leaves)
	order := make([]int, n)
	for i := range order {
		order[i] = i
		rk.val[i] = rk.leaves[i].bound
		rk.in[i] = false
	}
	sort.SliceStable(order, func(a, b int) bool { return rk.val[order[a]] < rk.val[order[b]] })
	for i := range rk.essential {
		rk.essential[i] = true
	}
	for _, i := range order[:n-1] {
		rk.in[i] = true
		if rk.bound() >= rk.threshold {
			break
		}
		rk.essential[i] = false
	}
	for i := range rk.in {
		rk.in[i] = true
	}
	for i := range rk.leaves {
		rk.in[i] = false
		rk.requiredLeaf[i] = rk.bound() < rk.threshold
		rk.in[i] = true
	}
	for w, word := range rk.words {
		for _, l := range word.leaves {
			rk.in[l.id] = false
		}
		rk.requiredWord[w] = rk.bound() < rk.threshold
		for _, l := range word.leaves {
			rk.in[l.id] = true
		}
	}
}

// next moves l to its next document.
func (rk *ranker) next(l *leaf) error {
	if l.cur != nil {
		rk.sctx.DocumentMatchPool.Put(l.cur)
	}
	var err error
	l.cur, err = l.s.Next(rk.sctx)
	return err
}

// advance moves l to target or the first document after it, if it is
// before target (bleve's Advance starts over when asked to go back).
func (rk *ranker) advance(l *leaf, target bleveindex.IndexInternalID) error {
	if l.cur == nil || l.cur.IndexInternalID.Compare(target) >= 0 {
		return nil
	}
	rk.sctx.DocumentMatchPool.Put(l.cur)
	if len(target) > 8 { // endOfPostings
		l.cur = nil
		return nil
	}
	var err error
	l.cur, err = l.s.Advance(rk.sctx, target)
	return err
}

// Unscored wraps a filter so that it restricts a search without scoring:
// its searcher reads no BM25 statistics. bleve searches a boolean query's
// filter unscored, as bitmap unions over a field of their own ("*"),
// which the statistics bleve gathers across shards lack; unwrapped, such
// a filter fails a search of several shards.
func Unscored(q query.Query) *UnscoredQuery { return &UnscoredQuery{Filter: q} }

// UnscoredQuery is a filter searched without BM25 statistics (see
// Unscored).
type UnscoredQuery struct{ Filter query.Query }

// Searcher searches the filter.
func (u *UnscoredQuery) Searcher(ctx context.Context, r bleveindex.IndexReader, m mapping.IndexMapping, opts search.SearcherOptions) (search.Searcher, error) {
	return u.Filter.Searcher(context.WithValue(ctx, search.BM25StatsKey, nil), r, m, opts)
}

// LoadFields sets the stored fields of hits (by ID) that a bleve request
// with these Fields would load.
func (ix *Index) LoadFields(ctx context.Context, hits []*search.DocumentMatch, fields []string) error {
	if len(hits) == 0 || len(fields) == 0 {
		return nil
	}
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	req := bleve.NewSearchRequestOptions(query.NewDocIDQuery(ids), len(ids), 0, false)
	req.Fields = fields
	req.Score = bleve.ScoreNone
	res, err := ix.searchShards(ctx, req)
	if err != nil {
		return fmt.Errorf("load fields: %w", err)
	}
	byID := make(map[string]map[string]any, len(res.Hits))
	for _, h := range res.Hits {
		byID[h.ID] = h.Fields
	}
	for _, h := range hits {
		h.Fields = byID[h.ID]
	}
	return nil
}
