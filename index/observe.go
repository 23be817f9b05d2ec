package index

import (
	"context"
	"fmt"

	"github.com/blevesearch/bleve/v2/document"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"github.com/fahras/fahras/index/article"
)

// Observer is told about the documents a write indexes, so that another
// part of the system (saved searches, for one) can follow them without
// analyzing them again. Its methods are called from the writers of
// several shards at once.
type Observer interface {
	// Writing is called before a batch is written, with the IDs of the
	// documents it creates or changes. An error fails the write before
	// anything is indexed.
	Writing(ctx context.Context, ids []string) error
	// Indexed is called once the batch is persisted, before the write
	// returns, with each document as the index analyzed it. An error
	// fails the write (the documents stay indexed).
	Indexed(ctx context.Context, docs []Indexed) error
}

// Indexed is one document a batch wrote: the article and its fields as
// the index analyzed them.
type Indexed struct {
	Article *article.Article
	Status  Status
	// Fields are the document's fields after analysis: each one's
	// AnalyzedTokenFrequencies holds the terms a query on it matches,
	// with positions where the field keeps them.
	Fields []bleveindex.Field
}

// SetObserver makes o follow every write from now on; nil stops. It is
// meant to be called once, before the first write.
func (ix *Index) SetObserver(o Observer) { ix.observer = o }

// docFields lists a document's fields (bleve analyzes them in place).
func docFields(doc *document.Document) []bleveindex.Field {
	out := make([]bleveindex.Field, 0, len(doc.Fields))
	for _, f := range doc.Fields {
		out = append(out, f)
	}
	return out
}

// Analyze returns the fields a write of d indexes, analyzed as the write
// analyzes them, without writing anything: for an observer catching up
// on documents written before a crash.
func (ix *Index) Analyze(d Doc) ([]bleveindex.Field, error) {
	doc := document.NewDocument(d.Article.ID)
	if err := ix.mapping.MapDocument(doc, d.fields("", "", "")); err != nil {
		return nil, fmt.Errorf("analyze document %s: %w", d.Article.ID, err)
	}
	pairTextFields(doc)
	for _, f := range doc.Fields {
		f.Analyze()
	}
	return docFields(doc), nil
}
