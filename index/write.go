package index

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/fahras/fahras/index/article"
)

// Status says what writing a document did.
type Status string

const (
	Created   Status = "created"
	Updated   Status = "updated"
	Unchanged Status = "unchanged"
)

// WriteResult is the outcome for one document of a write.
type WriteResult struct {
	ID     string `json:"id"`
	Status Status `json:"status"`
	// DuplicateOf names another document with the same body, if any.
	DuplicateOf string `json:"duplicate_of,omitempty"`
	// Story is the ID of the story the document was written into
	// (absent for an unchanged document, which keeps its story).
	Story string `json:"story,omitempty"`
}

// representable reports whether a publication time can be indexed: dates
// are kept as nanoseconds since 1970, which reach from 1678 to 2262.
func representable(t time.Time) bool {
	return t.IsZero() || (t.Year() > 1677 && t.Year() < 2262)
}

// ErrNotFound is returned when a document does not exist.
var ErrNotFound = errors.New("document not found")

// Write indexes documents and returns once they are persisted: a document
// reported as written survives a crash of the process. Documents whose
// stored content is unchanged are not rewritten. Results are in the order
// of docs; a document given twice is written once, last one wins.
func (ix *Index) Write(ctx context.Context, docs []Doc) ([]WriteResult, error) {
	results := make([]WriteResult, len(docs))
	byShard := make(map[int][]int)
	last := make(map[string]int, len(docs))
	for i := range docs {
		if docs[i].Article.ID == "" {
			return nil, fmt.Errorf("write: document %d has no ID", i)
		}
		last[docs[i].Article.ID] = i
	}
	for i := range docs {
		id := docs[i].Article.ID
		results[i].ID = id
		if last[id] != i {
			continue // superseded by a later copy in the same write
		}
		s := ix.shardFor(id)
		byShard[s] = append(byShard[s], i)
	}
	shards := make([]int, 0, len(byShard))
	for s := range byShard {
		shards = append(shards, s)
	}
	sort.Ints(shards)
	for _, s := range shards {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if err := ix.writeShard(ctx, s, docs, byShard[s], results); err != nil {
			return nil, err
		}
	}
	for i := range docs {
		if j := last[docs[i].Article.ID]; j != i {
			results[i] = results[j]
		}
	}
	ix.touch()
	return results, nil
}

func (ix *Index) writeShard(ctx context.Context, s int, docs []Doc, idx []int, results []WriteResult) error {
	ix.writeMu[s].Lock()
	defer ix.writeMu[s].Unlock()
	shard := ix.shards[s]

	ids := make([]string, len(idx))
	for k, i := range idx {
		ids[k] = docs[i].Article.ID
	}
	existing, err := ix.storedHashes(ctx, shard, ids)
	if err != nil {
		return fmt.Errorf("write shard %d: %w", s, err)
	}
	dups, release, err := ix.duplicates(ctx, docs, idx)
	if err != nil {
		return fmt.Errorf("write shard %d: %w", s, err)
	}
	defer release() // after the batch is persisted (deferred calls run last first)

	hashes := make(map[int]string, len(idx))
	var changed []int // the documents to write, in order
	for _, i := range idx {
		d := &docs[i]
		id := d.Article.ID
		if !representable(d.Article.Published) {
			// A date no calendar of news can hold (a year read from
			// a text about antiquity): the article keeps the text it
			// was read from, PublishedText, and goes undated.
			d.Article.Published = time.Time{}
		}
		results[i].DuplicateOf = dups[id]
		hashes[i] = contentHash(&d.Article)
		if old, ok := existing[id]; ok {
			if old == hashes[i] {
				results[i].Status = Unchanged
				continue
			}
			results[i].Status = Updated
		} else {
			results[i].Status = Created
		}
		changed = append(changed, i)
	}
	stories, releaseStories, err := ix.assignStories(ctx, docs, changed)
	if err != nil {
		return fmt.Errorf("write shard %d: %w", s, err)
	}
	defer releaseStories()

	batch := shard.NewBatch()
	var written []Indexed // for the observer
	for _, i := range changed {
		d := &docs[i]
		id := d.Article.ID
		stored, err := ix.codec.encode(&d.Article)
		if err != nil {
			return fmt.Errorf("write shard %d: %w", s, err)
		}
		doc := document.NewDocument(id)
		fields := d.fields(dups[id], hashes[i], stored)
		setStoryFields(fields, stories[i])
		results[i].Story = stories[i].Story
		if err := ix.mapping.MapDocument(doc, fields); err != nil {
			return fmt.Errorf("write shard %d: document %s: %w", s, id, err)
		}
		pairTextFields(doc)
		if err := batch.IndexAdvanced(doc); err != nil {
			return fmt.Errorf("write shard %d: document %s: %w", s, id, err)
		}
		if ix.observer != nil {
			written = append(written, Indexed{Article: &d.Article, Status: results[i].Status, Fields: docFields(doc)})
		}
	}
	if batch.Size() == 0 {
		return nil
	}
	if ix.observer != nil {
		ids := make([]string, len(written))
		for k := range written {
			ids[k] = written[k].Article.ID
		}
		if err := ix.observer.Writing(ctx, ids); err != nil {
			return fmt.Errorf("write shard %d: %w", s, err)
		}
	}
	// The batch is written outside the lock: bleve analyzes, builds and
	// persists it while the next batch for this shard is being prepared.
	// A bulk load sends each ID to one batcher, so versions of a document
	// are written in input order; two callers writing one ID at the same
	// moment get whichever bleve applies last.
	ix.writeMu[s].Unlock()
	defer ix.writeMu[s].Lock()
	if err := shard.Batch(batch); err != nil {
		return fmt.Errorf("write shard %d: %w", s, err)
	}
	if ix.observer != nil {
		// bleve analyzed the documents' fields in place while writing
		// the batch.
		if err := ix.observer.Indexed(ctx, written); err != nil {
			return fmt.Errorf("write shard %d: %w", s, err)
		}
	}
	return nil
}

// storedHashes returns the content hashes of those ids already in shard.
func (ix *Index) storedHashes(ctx context.Context, shard bleve.Index, ids []string) (map[string]string, error) {
	req := bleve.NewSearchRequestOptions(query.NewDocIDQuery(ids), len(ids), 0, false)
	req.Fields = []string{FieldContentHash}
	res, err := shard.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("look up existing documents: %w", err)
	}
	out := make(map[string]string, len(res.Hits))
	for _, h := range res.Hits {
		v, _ := h.Fields[FieldContentHash].(string)
		out[h.ID] = v
	}
	return out, nil
}

// duplicates finds, for each document, another document with the same
// body: first among the documents being written by this process, then in
// the index. The caller calls release once its batch is persisted: from
// then on the index itself answers for its bodies, so that the map of
// bodies in flight does not grow with the index.
func (ix *Index) duplicates(ctx context.Context, docs []Doc, idx []int) (map[string]string, func(), error) {
	out := make(map[string]string)
	var mine [][2]string // the hash → ID entries this write put in ix.bodies
	release := func() {
		for _, e := range mine {
			ix.bodies.CompareAndDelete(e[0], e[1])
		}
	}
	var unknown []string
	hashOf := make(map[string][]string) // body hash → ids in this write
	for _, i := range idx {
		a := &docs[i].Article
		if len(a.Body) == 0 {
			continue
		}
		h := docs[i].hash()
		if first, loaded := ix.bodies.LoadOrStore(h, a.ID); loaded {
			if first.(string) != a.ID {
				out[a.ID] = first.(string)
			}
			continue
		}
		mine = append(mine, [2]string{h, a.ID})
		hashOf[h] = append(hashOf[h], a.ID)
		unknown = append(unknown, h)
	}
	if len(unknown) == 0 {
		return out, release, nil
	}
	terms := make([]query.Query, len(unknown))
	for k, h := range unknown {
		tq := query.NewTermQuery(h)
		tq.SetField(FieldBodyHash)
		terms[k] = tq
	}
	req := bleve.NewSearchRequestOptions(query.NewDisjunctionQuery(terms), 10*len(unknown), 0, false)
	req.Fields = []string{FieldBodyHash, FieldDuplicateOf}
	req.SortBy([]string{"_id"})
	res, err := ix.alias.SearchInContext(ctx, req)
	if err != nil {
		release()
		return nil, nil, fmt.Errorf("look up duplicate bodies: %w", err)
	}
	for _, hit := range res.Hits {
		if dup, _ := hit.Fields[FieldDuplicateOf].(string); dup != "" {
			// A duplicate itself (perhaps of the very document being
			// written, by a concurrent batch): not an original.
			continue
		}
		h, _ := hit.Fields[FieldBodyHash].(string)
		for _, id := range hashOf[h] {
			if id != hit.ID && out[id] == "" {
				out[id] = hit.ID
				ix.bodies.Store(h, hit.ID)
				mine = append(mine, [2]string{h, hit.ID})
			}
		}
	}
	return out, release, nil
}

// Delete removes documents and reports which of them existed.
func (ix *Index) Delete(ctx context.Context, ids ...string) ([]string, error) {
	byShard := make(map[int][]string)
	for _, id := range ids {
		byShard[ix.shardFor(id)] = append(byShard[ix.shardFor(id)], id)
	}
	var deleted []string
	for s, list := range byShard {
		ix.writeMu[s].Lock()
		existing, err := ix.storedHashes(ctx, ix.shards[s], list)
		if err != nil {
			ix.writeMu[s].Unlock()
			return deleted, fmt.Errorf("delete: %w", err)
		}
		batch := ix.shards[s].NewBatch()
		for _, id := range list {
			if _, ok := existing[id]; ok {
				batch.Delete(id)
				deleted = append(deleted, id)
			}
		}
		if batch.Size() > 0 {
			if err := ix.shards[s].Batch(batch); err != nil {
				ix.writeMu[s].Unlock()
				return deleted, fmt.Errorf("delete: %w", err)
			}
		}
		ix.writeMu[s].Unlock()
	}
	sort.Strings(deleted)
	ix.touch()
	return deleted, nil
}

// Get returns one stored article, or ErrNotFound.
func (ix *Index) Get(ctx context.Context, id string) (article.Article, error) {
	shard := ix.shards[ix.shardFor(id)]
	req := bleve.NewSearchRequestOptions(query.NewDocIDQuery([]string{id}), 1, 0, false)
	req.Fields = HitFields
	res, err := shard.SearchInContext(ctx, req)
	if err != nil {
		return article.Article{}, fmt.Errorf("get %s: %w", id, err)
	}
	if len(res.Hits) == 0 {
		return article.Article{}, fmt.Errorf("get %s: %w", id, ErrNotFound)
	}
	st, err := ix.StoredOf(id, res.Hits[0].Fields)
	return st.Article, err
}
