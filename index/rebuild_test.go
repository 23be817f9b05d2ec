package index_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/fahras/fahras/index"
	"github.com/fahras/fahras/index/article"
)

// writeLayout1 makes an index of the first layout by hand: every article
// field stored in its own bleve field, and metadata of format 1.
func writeLayout1(t *testing.T, dir string, docs map[string]map[string]interface{}) {
	t.Helper()
	m := bleve.NewIndexMapping()
	shard, err := bleve.New(filepath.Join(dir, "shard-000"), m)
	if err != nil {
		t.Fatal(err)
	}
	for id, fields := range docs {
		if err := shard.Index(id, fields); err != nil {
			t.Fatal(err)
		}
	}
	if err := shard.Close(); err != nil {
		t.Fatal(err)
	}
	meta, _ := json.Marshal(map[string]interface{}{"format": 1, "shards": 1, "created": time.Now().UTC()})
	if err := os.WriteFile(filepath.Join(dir, "fahras.json"), meta, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestEarlierLayoutIsRefusedThenRebuilt(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	writeLayout1(t, dir, map[string]map[string]interface{}{
		"old-1": {
			"title": "انقطاع الكهرباء في البصرة", "body": "البصرة/الرافدين: شهدت البصرة انقطاعا طويلا للكهرباء مع ارتفاع درجات الحرارة.",
			"source": "وكالة الرافدين", "category": "محليات", "published": "2024-07-14T06:00:00Z",
			"places_json": `{"dateline":{"id":"IQ-BA-basra","name":"البصرة","level":"city","country":"IQ"}}`,
		},
		"old-2": {"title": "موسم الزيتون", "body": "صفاقس: يتوقع المزارعون موسماً وفيراً للزيتون.", "source": "نسيم قرطاج"},
	})

	_, err := index.Open(dir)
	var fe *index.FormatError
	if !errors.As(err, &fe) || fe.Found != 1 || !strings.Contains(err.Error(), "fahras index --rebuild --index "+dir) {
		t.Fatalf("open of a layout-1 index: %v, want a FormatError that says how to rebuild", err)
	}

	g := gazetteer(t)
	sum, old, err := index.Rebuild(context.Background(), dir, index.Options{ProtectedWords: g.Names()}, index.NewEnricher(g, nil), index.IngestOptions{})
	if err != nil {
		t.Fatalf("rebuild: %v", err)
	}
	if sum.Created != 2 || sum.Failed != 0 {
		t.Errorf("rebuild summary %+v, want 2 created", sum)
	}
	if _, err := os.Stat(filepath.Join(old, "fahras.json")); err != nil {
		t.Errorf("the old index is not kept in %s: %v", old, err)
	}
	ix, err := index.Open(dir)
	if err != nil {
		t.Fatalf("open after rebuild: %v", err)
	}
	a, err := ix.Get(context.Background(), "old-1")
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "انقطاع الكهرباء في البصرة" || a.Source != "وكالة الرافدين" || !a.Published.Equal(time.Date(2024, 7, 14, 6, 0, 0, 0, time.UTC)) {
		t.Errorf("rebuilt article: %+v", a)
	}
	if a.Dateline == nil || a.Dateline.Country != "IQ" {
		t.Errorf("rebuilt article's dateline: %+v, want Basra, Iraq (found again by enrichment)", a.Dateline)
	}
	// A second rebuild, of this layout, keeps the articles too.
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	sum, old2, err := index.Rebuild(context.Background(), dir, index.Options{ProtectedWords: g.Names()}, index.NewEnricher(g, nil), index.IngestOptions{})
	if err != nil || sum.Created != 2 || old2 == old {
		t.Fatalf("second rebuild: %+v, old copy %s (first %s), %v", sum, old2, old, err)
	}
	ix, err = index.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if n, _ := ix.Count(); n != 2 {
		t.Errorf("%d articles after the second rebuild, want 2", n)
	}
}

func TestUnrepresentableDateLeavesArticleUndated(t *testing.T) {
	ix, enricher := newIndex(t, 1)
	a := article.Article{ID: "antiquity", Title: "تاريخ المدينة القديمة", Body: "بنيت المدينة في عصور سحيقة.",
		PublishedText: "٦ كانون الأول ٢٩٧٤ ق.م", Published: time.Date(-2974, 12, 6, 0, 0, 0, 0, time.UTC)}
	if _, err := ix.Write(context.Background(), []index.Doc{enricher.Document(a)}); err != nil {
		t.Fatal(err)
	}
	got, err := ix.Get(context.Background(), "antiquity")
	if err != nil {
		t.Fatalf("get: %v", err)
	}
	if !got.Published.IsZero() || got.PublishedText != a.PublishedText || got.Title != a.Title {
		t.Errorf("got published %v, text %q, title %q; want undated with the text kept", got.Published, got.PublishedText, got.Title)
	}
}
