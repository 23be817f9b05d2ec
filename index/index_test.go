package index_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fahras/fahras/index"
	"github.com/fahras/fahras/index/article"
	"github.com/fahras/fahras/index/places"
	"github.com/fahras/fahras/index/readers"
)

var (
	gazOnce sync.Once
	gaz     *places.Gazetteer
	gazErr  error
)

func gazetteer(t testing.TB) *places.Gazetteer {
	t.Helper()
	gazOnce.Do(func() { gaz, gazErr = places.Default() })
	if gazErr != nil {
		t.Fatalf("gazetteer: %v", gazErr)
	}
	return gaz
}

// fixtures are articles written for these tests, in the JSON Lines schema.
const fixtures = `{"id":"a1","title":"انقطاع الكهرباء في بغداد","body":"بغداد/الرافدين: عانت أحياء واسعة من العاصمة العراقية من انقطاع الكهرباء لساعات طويلة، وقال مسؤول في الوزارة إن الأعطال ستصلح خلال أيام.","source":"وكالة الرافدين","category":"محليات","author":"سارة علي","published":"2024-07-14T09:00:00+03:00"}
{"id":"a2","title":"موسم الزيتون في تونس","body":"صفاقس - نسيم قرطاج: يتوقع المزارعون في صفاقس موسماً وفيراً للزيتون هذا العام بعد أمطار الخريف.","source":"نسيم قرطاج","category":"اقتصاد","published":"12 نونبر 2023"}
{"docno":"a3","title":"معرض الكتاب يفتح أبوابه","text":"القاهرة - أخبار النيل: افتتح معرض القاهرة الدولي للكتاب دورته الجديدة بمشاركة دور نشر من مصر والأردن ولبنان.","src":"أخبار النيل","cat":"ثقافة","time":"Sun, 28 Jan 2024 10:00:00 +0200"}
{"id":"a4","title":"نسخة مكررة","body":"بغداد/الرافدين: عانت أحياء واسعة من العاصمة العراقية من انقطاع الكهرباء لساعات طويلة، وقال مسؤول في الوزارة إن الأعطال ستصلح خلال أيام.","source":"نبض الخليج"}
`

func readString(name, text string) index.Source {
	return func(ctx context.Context, emit func(readers.Record) error) error {
		return readers.Read(ctx, strings.NewReader(text), name, readers.Options{}, emit)
	}
}

func newIndex(t *testing.T, shards int) (*index.Index, *index.Enricher) {
	t.Helper()
	g := gazetteer(t)
	ix, err := index.Create(filepath.Join(t.TempDir(), "ix"), index.Options{Shards: shards, ProtectedWords: g.Names()})
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix, index.NewEnricher(g, nil)
}

func TestIngestAndGet(t *testing.T) {
	for _, shards := range []int{1, 3} {
		ix, enr := newIndex(t, shards)
		ctx := context.Background()
		sum, err := ix.Ingest(ctx, readString("fixtures.jsonl", fixtures), enr, index.IngestOptions{})
		if err != nil {
			t.Fatalf("ingest: %v", err)
		}
		if sum.Created != 4 || sum.Failed != 0 || sum.Duplicates != 1 {
			t.Fatalf("shards=%d: summary %+v, want 4 created, 1 duplicate", shards, sum)
		}
		n, err := ix.Count()
		if err != nil || n != 4 {
			t.Fatalf("count = %d, %v; want 4", n, err)
		}
		a, err := ix.Get(ctx, "a1")
		if err != nil {
			t.Fatalf("get a1: %v", err)
		}
		if a.Title != "انقطاع الكهرباء في بغداد" || a.Source != "وكالة الرافدين" || a.Author != "سارة علي" {
			t.Errorf("a1 stored fields: %+v", a)
		}
		want := time.Date(2024, 7, 14, 6, 0, 0, 0, time.UTC)
		if !a.Published.Equal(want) {
			t.Errorf("a1 published %v, want %v", a.Published, want)
		}
		if a.Dateline == nil || a.Dateline.ID != "IQ.baghdad" {
			t.Errorf("a1 dateline %+v, want Baghdad", a.Dateline)
		}
		a2, err := ix.Get(ctx, "a2")
		if err != nil {
			t.Fatalf("get a2: %v", err)
		}
		if a2.Published.Format("2006-01-02") != "2023-11-12" || a2.PublishedText != "12 نونبر 2023" {
			t.Errorf("a2 date %v %q", a2.Published, a2.PublishedText)
		}
		a3, err := ix.Get(ctx, "a3")
		if err != nil || a3.Source != "أخبار النيل" || a3.Category != "ثقافة" {
			t.Errorf("a3 from aliases: %+v, %v", a3, err)
		}
		if _, err := ix.Get(ctx, "missing"); !errors.Is(err, index.ErrNotFound) {
			t.Errorf("get missing: %v, want ErrNotFound", err)
		}
	}
}

func TestWriteStatuses(t *testing.T) {
	ix, enr := newIndex(t, 2)
	ctx := context.Background()
	a := article.Article{ID: "x1", Title: "أمطار غزيرة في عمّان", Body: "هطلت أمطار غزيرة على عمّان والزرقاء."}
	enr.Enrich(&a, time.Now())
	res, err := ix.Write(ctx, []index.Doc{enr.Document(a)})
	if err != nil || res[0].Status != index.Created {
		t.Fatalf("first write: %+v, %v", res, err)
	}
	res, err = ix.Write(ctx, []index.Doc{enr.Document(a)})
	if err != nil || res[0].Status != index.Unchanged {
		t.Fatalf("same again: %+v, %v; want unchanged", res, err)
	}
	a.Title = "سيول في عمّان"
	res, err = ix.Write(ctx, []index.Doc{enr.Document(a)})
	if err != nil || res[0].Status != index.Updated {
		t.Fatalf("changed title: %+v, %v; want updated", res, err)
	}
	got, err := ix.Get(ctx, "x1")
	if err != nil || got.Title != "سيول في عمّان" {
		t.Fatalf("after update: %+v, %v", got, err)
	}
	deleted, err := ix.Delete(ctx, "x1", "nope")
	if err != nil || len(deleted) != 1 || deleted[0] != "x1" {
		t.Fatalf("delete: %v, %v", deleted, err)
	}
	if _, err := ix.Get(ctx, "x1"); !errors.Is(err, index.ErrNotFound) {
		t.Fatalf("get after delete: %v", err)
	}
}

func TestReopenKeepsShardsAndDocuments(t *testing.T) {
	g := gazetteer(t)
	dir := filepath.Join(t.TempDir(), "ix")
	ix, err := index.Create(dir, index.Options{Shards: 3, ProtectedWords: g.Names()})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Ingest(context.Background(), readString("f.jsonl", fixtures), index.NewEnricher(g, nil), index.IngestOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := index.Create(dir, index.Options{}); err == nil {
		t.Fatal("create over an existing index succeeded")
	}
	ix, err = index.Open(dir)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer ix.Close()
	if ix.Shards() != 3 {
		t.Errorf("shards after reopen = %d, want 3", ix.Shards())
	}
	if n, _ := ix.Count(); n != 4 {
		t.Errorf("count after reopen = %d, want 4", n)
	}
	// Indexing the same input again changes nothing.
	sum, err := ix.Ingest(context.Background(), readString("f.jsonl", fixtures), index.NewEnricher(g, nil), index.IngestOptions{})
	if err != nil || sum.Unchanged != 4 || sum.Created != 0 {
		t.Fatalf("re-ingest: %+v, %v; want 4 unchanged", sum, err)
	}
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := index.Open(dir); !errors.Is(err, index.ErrNotExist) {
		t.Errorf("open empty dir: %v, want ErrNotExist", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "fahras.json"), []byte("{not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := index.Open(dir); err == nil || !strings.Contains(err.Error(), "metadata") {
		t.Errorf("open with corrupt metadata: %v", err)
	}
}

func TestIngestReportsBadRecords(t *testing.T) {
	ix, enr := newIndex(t, 1)
	input := fixtures + "{not json\n" + `{"id":"e1","title":"","body":""}` + "\n"
	var failed []string
	var mu sync.Mutex
	sum, err := ix.Ingest(context.Background(), readString("bad.jsonl", input), enr, index.IngestOptions{
		OnError: func(origin string, err error) {
			mu.Lock()
			failed = append(failed, origin)
			mu.Unlock()
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Created != 4 || sum.Failed != 2 || len(failed) != 2 {
		t.Fatalf("summary %+v, failed origins %v; want 4 created, 2 failed", sum, failed)
	}
}
