package readers

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkReadJSONL reads JSON Lines from memory: the fixture file
// repeated to about 4 MB, and the multisource corpus (gzip, 115 MB
// unzipped) when it is present. MB/s counts uncompressed bytes.
func BenchmarkReadJSONL(b *testing.B) {
	b.Run("fixture", func(b *testing.B) {
		line, err := os.ReadFile(filepath.Join("testdata", "jsonl", "articles.jsonl"))
		if err != nil {
			b.Fatal(err)
		}
		data := bytes.Repeat(line, 4<<20/len(line))
		benchRead(b, data, "bench.jsonl", int64(len(data)))
	})
	b.Run("multisource.gz", func(b *testing.B) {
		path := sharedData(b, "news", "ant_v2_1_multisource.jsonl.gz")
		data, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		size, err := io.Copy(io.Discard, zr)
		if err != nil {
			b.Fatal(err)
		}
		benchRead(b, data, "multisource.jsonl.gz", size)
	})
}

func benchRead(b *testing.B, data []byte, name string, size int64) {
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		err := Read(context.Background(), bytes.NewReader(data), name, Options{}, func(r Record) error {
			n++
			return nil
		})
		if err != nil || n == 0 {
			b.Fatalf("read %d records: %v", n, err)
		}
	}
}

// BenchmarkReadSGMLHostile reads 64 KB of markup built to make a naive
// scanner quadratic: thousands of <DOC> tags that are never closed, and
// one document whose fields never close. Reading must stay linear.
func BenchmarkReadSGMLHostile(b *testing.B) {
	b.Run("unclosed-docs", func(b *testing.B) {
		data := bytes.Repeat([]byte("<DOC><TITLE>خبر"), 64<<10/18)
		benchRead(b, data, "hostile.sgml", int64(len(data)))
	})
	b.Run("unclosed-fields", func(b *testing.B) {
		data := append([]byte("<DOC>"), bytes.Repeat([]byte("<TEXT>نص <P>"), 64<<10/17)...)
		data = append(data, "</DOC>"...)
		benchRead(b, data, "hostile.sgml", int64(len(data)))
	})
}
