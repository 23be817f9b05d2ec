package index_test

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"testing"
	"time"

	blevequery "github.com/blevesearch/bleve/v2/search/query"

	"github.com/fahras/fahras/index"
)

// columnFiles lists the facet column files of an index directory.
func columnFiles(t *testing.T, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "shard-*", "store", "*.columns"))
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// The facet columns decoded for a search are written beside their
// segments and read back at the next opening, with the same counts; a
// damaged file is decoded again and rewritten, and the file of a segment
// that is gone is removed.
func TestColumnFilesRoundTrip(t *testing.T) {
	g := gazetteer(t)
	dir := filepath.Join(t.TempDir(), "ix")
	ix, err := index.Create(dir, index.Options{Shards: 2, ProtectedWords: g.Names()})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := ix.Ingest(ctx, readString("f.jsonl", fixtures), index.NewEnricher(g, nil), index.IngestOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	counts := func() map[string]uint64 {
		t.Helper()
		ix, err := index.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		defer ix.Close()
		tally, err := ix.FacetCounts(ctx, blevequery.NewMatchAllQuery(), time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		return tally.All()
	}

	decoded := counts() // from the doc values, writing the files
	if len(decoded) == 0 {
		t.Fatal("no facet values counted")
	}
	files := columnFiles(t, dir)
	if len(files) == 0 {
		t.Fatal("no column file written beside the segments")
	}
	if got := counts(); !maps.Equal(got, decoded) {
		t.Errorf("from the column files: %v, decoded %v", got, decoded)
	}

	// Damage every file: one cut short, the others with a byte changed.
	for i, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			raw = raw[:len(raw)/2]
		} else {
			raw[len(raw)/2] ^= 0x55
		}
		if err := os.WriteFile(f, raw, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if got := counts(); !maps.Equal(got, decoded) {
		t.Errorf("over damaged column files: %v, decoded %v", got, decoded)
	}
	// Rewritten whole: the next opening reads them (and counts alike).
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil || len(raw) < 64 {
			t.Errorf("%s not rewritten: %d bytes, %v", f, len(raw), err)
		}
	}
	if got := counts(); !maps.Equal(got, decoded) {
		t.Errorf("from the rewritten files: %v, decoded %v", got, decoded)
	}

	// The file of a segment that is gone, and a torn temporary file.
	store := filepath.Dir(files[0])
	for _, name := range []string{"0000000000ff.columns", "000000000007.columns.tmp123"} {
		if err := os.WriteFile(filepath.Join(store, name), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	ix, err = index.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	for _, name := range []string{"0000000000ff.columns", "000000000007.columns.tmp123"} {
		if _, err := os.Stat(filepath.Join(store, name)); !os.IsNotExist(err) {
			t.Errorf("%s left behind: %v", name, err)
		}
	}
	if got := len(columnFiles(t, dir)); got != len(files) {
		t.Errorf("%d column files after the opening, want the segments' %d", got, len(files))
	}
}
