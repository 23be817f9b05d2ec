package index

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/klauspost/compress/zstd"

	"github.com/fahras/fahras/index/article"
)

// FieldStored holds everything the index gives back of an article (title,
// body, summary, metadata, places) as one zstd-compressed JSON record.
//
// bleve stores each field of a document separately and compresses a
// document's stored fields together with snappy, which keeps Arabic text
// at 58% of its size; zstd keeps it at 40%. One record also means one
// stored field to decode per hit, not a dozen.
const FieldStored = "stored"

// storedRecord is the record kept in FieldStored. Keys are short: they
// are repeated in every document.
type storedRecord struct {
	Title         string          `json:"t,omitempty"`
	Body          string          `json:"b,omitempty"`
	Summary       string          `json:"s,omitempty"`
	Source        string          `json:"src,omitempty"`
	Category      string          `json:"cat,omitempty"`
	Author        string          `json:"au,omitempty"`
	URL           string          `json:"u,omitempty"`
	Lang          string          `json:"l,omitempty"`
	Published     string          `json:"p,omitempty"` // RFC 3339 with nanoseconds
	PublishedText string          `json:"pt,omitempty"`
	PublishedFrom string          `json:"pf,omitempty"`
	Dateline      *article.Place  `json:"dl,omitempty"`
	Places        []article.Place `json:"pl,omitempty"`
}

// storeCodec compresses and decompresses stored records. Its encoder and
// decoder are safe for concurrent use.
type storeCodec struct {
	enc *zstd.Encoder
	dec *zstd.Decoder
}

func newStoreCodec() (*storeCodec, error) {
	// One frame per document: no concurrency inside a frame, and the
	// smallest window that holds an article, to keep memory per call low.
	enc, err := zstd.NewWriter(nil,
		zstd.WithEncoderLevel(zstd.SpeedDefault),
		zstd.WithEncoderConcurrency(1),
		zstd.WithLowerEncoderMem(true),
		zstd.WithZeroFrames(true))
	if err != nil {
		return nil, fmt.Errorf("stored records: encoder: %w", err)
	}
	dec, err := zstd.NewReader(nil,
		zstd.WithDecoderConcurrency(0),
		zstd.WithDecoderLowmem(true),
		zstd.WithDecoderMaxMemory(64<<20))
	if err != nil {
		return nil, fmt.Errorf("stored records: decoder: %w", err)
	}
	return &storeCodec{enc: enc, dec: dec}, nil
}

// encode returns the compressed record of an article.
func (c *storeCodec) encode(a *article.Article) (string, error) {
	rec := storedRecord{
		Title: a.Title, Body: a.Body, Summary: a.Summary,
		Source: a.Source, Category: a.Category, Author: a.Author,
		URL: a.URL, Lang: a.Lang,
		PublishedText: a.PublishedText, PublishedFrom: a.PublishedFrom,
		Dateline: a.Dateline, Places: a.Places,
	}
	if !a.Published.IsZero() {
		rec.Published = a.Published.UTC().Format(time.RFC3339Nano)
	}
	raw, err := json.Marshal(&rec)
	if err != nil {
		return "", fmt.Errorf("stored record of %s: %w", a.ID, err)
	}
	return string(c.enc.EncodeAll(raw, make([]byte, 0, len(raw)/2+64))), nil
}

// decode rebuilds the article of a compressed record.
func (c *storeCodec) decode(id string, compressed string) (article.Article, error) {
	a := article.Article{ID: id, Places: []article.Place{}}
	if compressed == "" {
		return a, fmt.Errorf("document %s: no stored record", id)
	}
	raw, err := c.dec.DecodeAll([]byte(compressed), nil)
	if err != nil {
		return a, fmt.Errorf("document %s: stored record: %w", id, err)
	}
	var rec storedRecord
	if err := json.Unmarshal(raw, &rec); err != nil {
		return a, fmt.Errorf("document %s: stored record: %w", id, err)
	}
	a.Title, a.Body, a.Summary = rec.Title, rec.Body, rec.Summary
	a.Source, a.Category, a.Author = rec.Source, rec.Category, rec.Author
	a.URL, a.Lang = rec.URL, rec.Lang
	a.PublishedText, a.PublishedFrom = rec.PublishedText, rec.PublishedFrom
	a.Dateline = rec.Dateline
	if rec.Places != nil {
		a.Places = rec.Places
	}
	if rec.Published != "" {
		t, err := time.Parse(time.RFC3339Nano, rec.Published)
		if err != nil {
			return a, fmt.Errorf("document %s: stored date %q: %w", id, rec.Published, err)
		}
		a.Published = t
	}
	return a, nil
}

// Stored is what a search hit carries of its article.
type Stored struct {
	Article article.Article
	// DuplicateOf names another document with the same body, if any.
	DuplicateOf string
	// Story is the ID of the article's story.
	Story string
}

// HitFields are the stored fields to ask bleve for to rebuild a hit's
// article with StoredOf.
var HitFields = []string{FieldStored, FieldDuplicateOf, FieldStory}

// StoredOf rebuilds the article of a hit whose stored fields include
// HitFields.
func (ix *Index) StoredOf(id string, fields map[string]interface{}) (Stored, error) {
	compressed, _ := fields[FieldStored].(string)
	a, err := ix.codec.decode(id, compressed)
	if err != nil {
		return Stored{Article: a}, err
	}
	dup, _ := fields[FieldDuplicateOf].(string)
	st, _ := fields[FieldStory].(string)
	return Stored{Article: a, DuplicateOf: dup, Story: st}, nil
}
