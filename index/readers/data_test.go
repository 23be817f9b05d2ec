package readers

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sharedData returns the path of a file under ../shared/data next to the
// repository root, skipping the test when it is absent.
func sharedData(tb testing.TB, rel ...string) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Skip("repository root not found")
		}
		dir = parent
	}
	p := filepath.Join(append([]string{dir, "..", "shared", "data"}, rel...)...)
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("shared data absent: %v", err)
	}
	return p
}

func TestSharedMultisourceCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 115 MB")
	}
	path := sharedData(t, "news", "ant_v2_1_multisource.jsonl.gz")
	n, errs, emptyBodies := 0, 0, 0
	sources := map[string]int{}
	err := ReadPath(context.Background(), path, nil, Options{}, func(r Record) error {
		if r.Err != nil {
			errs++
			if errs <= 5 {
				t.Errorf("%s: %v", r.Origin, r.Err)
			}
			return nil
		}
		n++
		a := r.Article
		if a.ID == "" || a.Title == "" || a.PublishedText == "" {
			t.Errorf("%s: id %q, title %q, published %q", r.Origin, a.ID, a.Title, a.PublishedText)
		}
		if a.Body == "" {
			emptyBodies++
		}
		if a.PublishedFrom != "metadata" || a.Source == "" || a.Category == "" || a.URL == "" {
			t.Errorf("%s: from %q, source %q, category %q, url %q", r.Origin, a.PublishedFrom, a.Source, a.Category, a.URL)
		}
		sources[a.Source]++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != 31525 || errs != 0 {
		t.Errorf("read %d articles and %d errors, want 31525 and 0", n, errs)
	}
	// Two France24 articles (the same story filed under two categories)
	// have an empty "text" and "abstract" in the corpus itself.
	if emptyBodies != 2 {
		t.Errorf("%d articles without body, want the corpus's 2", emptyBodies)
	}
	if len(sources) != 5 {
		t.Errorf("sources %v, want 5", sources)
	}
}

func TestSharedRawDocs(t *testing.T) {
	dir := sharedData(t, "news", "raw")
	wantDocs, files := 0, 0
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files++
		wantDocs += bytes.Count(data, []byte("<DOC>"))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files != 70 {
		t.Errorf("%d files under %s, want 70", files, dir)
	}
	got := map[string]bool{}
	err = ReadPath(context.Background(), dir, nil, Options{}, func(r Record) error {
		if r.Err != nil {
			t.Errorf("%s: %v", r.Origin, r.Err)
			return nil
		}
		a := r.Article
		if a.ID == "" || a.Title == "" || a.Body == "" || a.PublishedText == "" || a.Source == "" || a.Category == "" {
			t.Errorf("%s: missing fields: %+v", r.Origin, a)
		}
		// The raw files are named after their DOCNO.
		if base := strings.TrimSuffix(filepath.Base(r.Origin), ".txt#1"); base != a.ID {
			t.Errorf("%s: DOCNO %q", r.Origin, a.ID)
		}
		got[a.ID] = true
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != wantDocs {
		t.Errorf("read %d documents, want %d", len(got), wantDocs)
	}
}

func TestSharedSeedArticle(t *testing.T) {
	path := sharedData(t, "seed", "000_b4aeccbf854f3a9a.txt")
	var recs []Record
	err := ReadPath(context.Background(), path, nil, Options{}, func(r Record) error {
		recs = append(recs, r)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1 || recs[0].Err != nil {
		t.Fatalf("records %+v", recs)
	}
	a := recs[0].Article
	if a.Category != "اخبار العراق" {
		t.Errorf("Category %q", a.Category)
	}
	if a.Source != "المسلة" {
		t.Errorf("Source %q", a.Source)
	}
	if len(a.HeaderLines) != 2 || !strings.Contains(a.HeaderLines[0], "٦ كانون الثاني ٢٠٢٦") ||
		!strings.Contains(a.HeaderLines[1], "6 يناير، 2026") {
		t.Errorf("HeaderLines %q", a.HeaderLines)
	}
	if !strings.HasPrefix(a.Body, "بغداد/المسلة:") {
		t.Errorf("Body starts %q", firstRunes(a.Body, 40))
	}
	for _, s := range []string{"About Post Author", "See author's posts", "moh moh"} {
		if strings.Contains(a.Body, s) {
			t.Errorf("Body contains %q", s)
		}
	}
	if !strings.HasPrefix(a.Title, "يثير انسحاب قوات التحالف الدولي من العراق") {
		t.Errorf("Title %q", a.Title)
	}
	if a.PublishedFrom != "" || a.ID != "" {
		t.Errorf("PublishedFrom %q, ID %q: want empty", a.PublishedFrom, a.ID)
	}
}

func TestSharedJawharaCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("reads a large corpus")
	}
	path := sharedData(t, "news", "ant_v1_1_jawharafm.jsonl.gz")
	n, errs := 0, 0
	err := ReadPath(context.Background(), path, nil, Options{}, func(r Record) error {
		if r.Err != nil {
			errs++
			return nil
		}
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != 10161 || errs != 0 {
		t.Errorf("read %d articles and %d errors, want 10161 and 0", n, errs)
	}
}
