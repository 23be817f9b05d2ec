package index

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/fahras/fahras/index/article"
	"github.com/fahras/fahras/index/story"
	"github.com/fahras/fahras/index/storybands"
)

// maxStoryCandidates bounds the candidates one article may bring into the
// look-up of a batch: a band shared by thousands of articles (a template
// repeated word for word) cannot turn a write into a scan of the index.
const maxStoryCandidates = 64

// storyWrites is what the writers share of the stories being assigned:
// one writer at a time assigns (so that two shards writing near-copies at
// once see each other), and the articles assigned but not yet persisted
// wait in a table, where the next batches find them before the index
// does.
type storyWrites struct {
	mu      sync.Mutex
	pending *story.Table
}

func newStoryWrites() *storyWrites { return &storyWrites{pending: story.NewTable()} }

// setStoryFields puts what a write indexes of an article's story into
// the document's property map.
func setStoryFields(m map[string]interface{}, s *story.Member) {
	m[FieldStory] = s.Story
	m[FieldStorySig] = encodeStoryRecord(s.Sig, s.Published)
}

// encodeStoryRecord stores a signature with the publication time the
// story's time window needs (Unix nanoseconds, 0 for none).
func encodeStoryRecord(sig story.Signature, published time.Time) string {
	var t [8]byte
	if !published.IsZero() {
		binary.LittleEndian.PutUint64(t[:], uint64(published.UnixNano()))
	}
	return sig.Encode() + string(t[:])
}

func decodeStoryRecord(s string) (story.Signature, time.Time, error) {
	if len(s) < 8 {
		return story.Signature{}, time.Time{}, errors.New("story record too short")
	}
	sig, err := story.Decode(s[:len(s)-8])
	if err != nil {
		return sig, time.Time{}, err
	}
	var published time.Time
	if n := int64(binary.LittleEndian.Uint64([]byte(s[len(s)-8:]))); n != 0 {
		published = time.Unix(0, n).UTC()
	}
	return sig, published, nil
}

// assignStories finds the story of each document of docs at positions
// idx: the story of its most similar version among the articles indexed
// or being written, else a new one. Stories are assigned in the order
// given, so that a document can join one written just before it in the
// same batch. The caller calls release once the batch is persisted (or
// has failed).
func (ix *Index) assignStories(ctx context.Context, docs []Doc, idx []int) (map[int]*story.Member, func(), error) {
	out := make(map[int]*story.Member, len(idx))
	hashes := make(map[int][]uint32, len(idx)) // what the band store keeps
	var all []uint32
	for _, i := range idx {
		a := &docs[i].Article
		m := &story.Member{ID: a.ID, Sig: story.SignArticle(a.Title, a.Body), Published: a.Published}
		m.Bands = m.Sig.Bands()
		out[i] = m
		hashes[i] = m.Sig.BandHashes()
		all = append(all, hashes[i]...)
	}
	sw := ix.stories
	sw.mu.Lock()
	defer sw.mu.Unlock()
	indexed, err := ix.storyCandidates(ctx, all, len(out))
	if err != nil {
		return nil, nil, err
	}
	var added []story.Member
	var keep []storybands.Article
	release := func() {
		for _, m := range added {
			sw.pending.RemoveIf(m.ID, m.Story)
		}
	}
	for _, i := range idx {
		m := out[i]
		// The articles in flight are newer than their indexed versions.
		cands := sw.pending.Candidates(m.Bands)
		for _, c := range indexed.Candidates(m.Bands) {
			if !sw.pending.Has(c.ID) {
				cands = append(cands, c)
			}
		}
		story.Assign(m, docs[i].hash(), cands)
		if m.Sig.Comparable() {
			sw.pending.Add(*m)
			added = append(added, *m)
			keep = append(keep, storybands.Article{ID: m.ID, Hashes: hashes[i]})
		}
	}
	// The bands are kept before the batch is written: should the write
	// fail, the entries name an article the index does not hold (or an
	// earlier version of it), which look-ups check.
	if err := ix.bands.Add(keep); err != nil {
		release()
		return nil, nil, err
	}
	return out, release, nil
}

// storyCandidates looks up, in the band store, the articles that share
// any of the band hashes of n articles, and reads their stories and
// signatures from the index in one query, as a table.
func (ix *Index) storyCandidates(ctx context.Context, hashes []uint32, n int) (*story.Table, error) {
	tab := story.NewTable()
	if len(hashes) == 0 {
		return tab, nil
	}
	ids, err := ix.bands.Lookup(hashes, maxStoryCandidates*n)
	if err != nil {
		return nil, fmt.Errorf("look up story candidates: %w", err)
	}
	if len(ids) == 0 {
		return tab, nil
	}
	req := bleve.NewSearchRequestOptions(query.NewDocIDQuery(ids), len(ids), 0, false)
	req.Fields = []string{FieldStory, FieldStorySig}
	req.Score = bleve.ScoreNone
	res, err := ix.searchShards(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("look up story candidates: %w", err)
	}
	for _, h := range res.Hits {
		id, _ := h.Fields[FieldStory].(string)
		rec, _ := h.Fields[FieldStorySig].(string)
		sig, published, err := decodeStoryRecord(rec)
		if err != nil || id == "" {
			continue // an article whose story could not be read starts none
		}
		tab.Add(story.Member{ID: h.ID, Story: id, Sig: sig, Published: published})
	}
	return tab, nil
}

// MaxStoryVersions bounds the versions Story lists.
const MaxStoryVersions = 1000

// StoryVersions returns the stored articles of a story, oldest first (by
// publication time, then ID; undated articles last), at most
// MaxStoryVersions of them, and how many the story has in all.
func (ix *Index) StoryVersions(ctx context.Context, id string) ([]Stored, uint64, error) {
	tq := query.NewTermQuery(id)
	tq.SetField(FieldStory)
	req := bleve.NewSearchRequestOptions(tq, MaxStoryVersions, 0, false)
	req.Fields = HitFields
	req.Score = bleve.ScoreNone
	req.SortBy([]string{"_id"})
	res, err := ix.searchShards(ctx, req)
	if err != nil {
		return nil, 0, fmt.Errorf("story %s: %w", id, err)
	}
	out := make([]Stored, 0, len(res.Hits))
	for _, h := range res.Hits {
		st, err := ix.StoredOf(h.ID, h.Fields)
		if err != nil {
			return nil, 0, fmt.Errorf("story %s: %w", id, err)
		}
		out = append(out, st)
	}
	sort.SliceStable(out, func(i, j int) bool {
		return publishedBefore(&out[i].Article, &out[j].Article)
	})
	return out, res.Total, nil
}

// publishedBefore orders articles by publication time, undated ones last,
// then by ID.
func publishedBefore(a, b *article.Article) bool {
	switch {
	case a.Published.IsZero() != b.Published.IsZero():
		return !a.Published.IsZero()
	case !a.Published.Equal(b.Published):
		return a.Published.Before(b.Published)
	}
	return a.ID < b.ID
}
