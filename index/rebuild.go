package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/fahras/fahras/index/article"
	"github.com/fahras/fahras/index/readers"
)

// layout1Fields are the stored fields of an index of the first layout,
// one per article field.
var layout1Fields = []string{
	"title", "body", "summary", "source", "category", "author", "url", "lang",
	"published", "published_text", "published_from", "places_json",
}

// StoredArticles reads every article stored in the index in dir, of this
// layout or of the first one, shard after shard, and emits each as a
// record. It opens the shards itself, so it reads indexes that Open
// refuses.
func StoredArticles(dir string) Source {
	return func(ctx context.Context, emit func(readers.Record) error) error {
		raw, err := os.ReadFile(filepath.Join(dir, metaFile))
		if err != nil {
			return fmt.Errorf("read stored articles of %s: %w", dir, err)
		}
		var meta Meta
		if err := json.Unmarshal(raw, &meta); err != nil {
			return fmt.Errorf("read stored articles of %s: metadata: %w", dir, err)
		}
		if meta.Format < 1 || meta.Format > formatVersion {
			return fmt.Errorf("read stored articles of %s: %w", dir, &FormatError{Dir: dir, Found: meta.Format})
		}
		if meta.Shards <= 0 || meta.Shards > 64 {
			return fmt.Errorf("read stored articles of %s: metadata: bad shard count %d", dir, meta.Shards)
		}
		codec, err := newStoreCodec()
		if err != nil {
			return err
		}
		for i := 0; i < meta.Shards; i++ {
			path := filepath.Join(dir, fmt.Sprintf("shard-%03d", i))
			if err := readShardArticles(ctx, path, meta.Format, codec, emit); err != nil {
				return fmt.Errorf("read stored articles of %s: %w", path, err)
			}
		}
		return nil
	}
}

// readShardArticles pages through one shard in ID order.
func readShardArticles(ctx context.Context, path string, format int, codec *storeCodec, emit func(readers.Record) error) error {
	shard, err := bleve.OpenUsing(path, map[string]interface{}{"read_only": true})
	if err != nil {
		return err
	}
	defer shard.Close()
	fields := HitFields
	if format == 1 {
		fields = layout1Fields
	}
	var after []string
	for {
		req := bleve.NewSearchRequestOptions(query.NewMatchAllQuery(), 500, 0, false)
		req.Fields = fields
		req.SortBy([]string{"_id"})
		if after != nil {
			req.SetSearchAfter(after)
		}
		res, err := shard.SearchInContext(ctx, req)
		if err != nil {
			return err
		}
		if len(res.Hits) == 0 {
			return nil
		}
		for _, h := range res.Hits {
			var a article.Article
			var err error
			if format == 1 {
				a, err = layout1Article(h.ID, h.Fields)
			} else {
				a, err = codec.decode(h.ID, str(h.Fields, FieldStored))
			}
			rec := readers.Record{Article: a, Origin: path + "#" + h.ID, Err: err}
			if err := emit(rec); err != nil {
				return err
			}
		}
		after = []string{res.Hits[len(res.Hits)-1].ID}
	}
}

func str(fields map[string]interface{}, name string) string {
	s, _ := fields[name].(string)
	return s
}

// layout1Article rebuilds an article from the stored fields of an index
// of the first layout.
func layout1Article(id string, f map[string]interface{}) (article.Article, error) {
	a := article.Article{
		ID: id, Title: str(f, "title"), Body: str(f, "body"), Summary: str(f, "summary"),
		Source: str(f, "source"), Category: str(f, "category"), Author: str(f, "author"),
		URL: str(f, "url"), Lang: str(f, "lang"),
		PublishedText: str(f, "published_text"), PublishedFrom: str(f, "published_from"),
		Places: []article.Place{},
	}
	if s := str(f, "published"); s != "" {
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return a, fmt.Errorf("document %s: stored date %q: %w", id, s, err)
		}
		a.Published = t
	}
	if raw := str(f, "places_json"); raw != "" {
		var sp storedPlaces
		if err := json.Unmarshal([]byte(raw), &sp); err != nil {
			return a, fmt.Errorf("document %s: stored places: %w", id, err)
		}
		a.Dateline = sp.Dateline
		if sp.Places != nil {
			a.Places = sp.Places
		}
	}
	return a, nil
}

// Rebuild re-indexes the articles stored in the index in dir into a new
// index of this build's layout, with the same number of shards, and puts
// it in dir's place; the old index is kept beside it, in the directory
// returned, until its owner removes it. Articles are enriched again, so
// dates and places follow this build's rules and gazetteer.
func Rebuild(ctx context.Context, dir string, opts Options, enricher *Enricher, ingest IngestOptions) (Summary, string, error) {
	raw, err := os.ReadFile(filepath.Join(dir, metaFile))
	if errors.Is(err, os.ErrNotExist) {
		return Summary{}, "", fmt.Errorf("rebuild %s: %w", dir, ErrNotExist)
	}
	if err != nil {
		return Summary{}, "", fmt.Errorf("rebuild %s: %w", dir, err)
	}
	var meta Meta
	if err := json.Unmarshal(raw, &meta); err != nil {
		return Summary{}, "", fmt.Errorf("rebuild %s: metadata: %w", dir, err)
	}
	clean := filepath.Clean(dir)
	fresh := clean + ".rebuild"
	if err := os.RemoveAll(fresh); err != nil {
		return Summary{}, "", fmt.Errorf("rebuild %s: %w", dir, err)
	}
	opts.Shards = meta.Shards
	ix, err := Create(fresh, opts)
	if err != nil {
		return Summary{}, "", fmt.Errorf("rebuild %s: %w", dir, err)
	}
	sum, err := ix.Ingest(ctx, StoredArticles(dir), enricher, ingest)
	if cerr := ix.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.RemoveAll(fresh)
		return sum, "", fmt.Errorf("rebuild %s: %w", dir, err)
	}
	old := fmt.Sprintf("%s.layout%d", clean, meta.Format)
	for n := 2; ; n++ {
		if _, err := os.Stat(old); errors.Is(err, os.ErrNotExist) {
			break
		}
		old = fmt.Sprintf("%s.layout%d-%d", clean, meta.Format, n)
	}
	if err := os.Rename(clean, old); err != nil {
		return sum, "", fmt.Errorf("rebuild %s: keep the old index: %w", dir, err)
	}
	if err := os.Rename(fresh, clean); err != nil {
		return sum, old, fmt.Errorf("rebuild %s: put the new index in place (the old one is in %s, the new in %s): %w", dir, old, fresh, err)
	}
	return sum, old, nil
}
