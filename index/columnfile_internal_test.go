package index

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// sampleColumn is a column of three articles: two values, none, three.
func sampleColumn(fc *facetColumns) *facetColumn {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	ords := []uint32{fc.ordinal("c/IQ"), fc.ordinal("s/الرافدين"), fc.ordinal("c/EG"), fc.ordinal("d/2024"), fc.ordinal("c/IQ")}
	keys := appendPublishedKey(nil, 1_720_000_000_000_000_000)
	keys = append(keys, noPublishedKey...)
	keys = appendPublishedKey(keys, 1_600_000_000_000_000_000)
	return &facetColumn{starts: []uint32{0, 2, 2, 5}, ords: ords, published: string(keys)}
}

// valuesOf is a column's facet values article by article.
func valuesOf(fc *facetColumns, col *facetColumn) [][]string {
	var out [][]string
	for d := 0; d+1 < len(col.starts); d++ {
		var vs []string
		for _, o := range col.ords[col.starts[d]:col.starts[d+1]] {
			vs = append(vs, fc.values[o])
		}
		out = append(out, vs)
	}
	return out
}

// A column written by one process reads back in another, whose ordinals
// differ, with every article's values and dates.
func TestColumnFileRoundTrip(t *testing.T) {
	writer := newFacetColumns()
	col := sampleColumn(writer)
	path := filepath.Join(t.TempDir(), "000000000001.columns")
	if err := writer.writeColumnFile(path, col); err != nil {
		t.Fatal(err)
	}
	reader := newFacetColumns()
	reader.mu.Lock()
	reader.ordinal("p/IQ/بغداد") // the reader's ordinals start elsewhere
	reader.mu.Unlock()
	got, err := reader.readColumnFile(path, 3)
	if err != nil {
		t.Fatal(err)
	}
	want, have := valuesOf(writer, col), valuesOf(reader, got)
	if !slices.EqualFunc(want, have, slices.Equal) {
		t.Errorf("values %v, want %v", have, want)
	}
	if got.published != col.published {
		t.Errorf("dates differ")
	}
	if _, err := reader.readColumnFile(path, 4); err == nil {
		t.Error("a file of 3 articles read for a segment of 4")
	}
}

// A column file's reader refuses what it cannot trust, without panicking.
func FuzzColumnFile(f *testing.F) {
	fc := newFacetColumns()
	path := filepath.Join(f.TempDir(), "seed.columns")
	if err := fc.writeColumnFile(path, sampleColumn(fc)); err != nil {
		f.Fatal(err)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(raw, uint64(3))
	f.Add(raw[:len(raw)-1], uint64(3))
	f.Add([]byte(columnFileMagic), uint64(0))
	f.Fuzz(func(t *testing.T, raw []byte, docs uint64) {
		col, err := newFacetColumns().decodeColumnFile(raw, docs)
		if err != nil {
			return
		}
		if uint64(len(col.starts)) != docs+1 || len(col.published) != 8*int(docs) || int(col.starts[docs]) != len(col.ords) {
			t.Fatalf("accepted an inconsistent column: %d starts, %d date bytes, %d values", len(col.starts), len(col.published), len(col.ords))
		}
	})
}
