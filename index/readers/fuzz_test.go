package readers

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// fuzzRead reads data in one format and checks that every record is
// either an article with text or an error, with an origin.
func fuzzRead(t *testing.T, data []byte, name string, format Format) {
	n := 0
	err := Read(context.Background(), bytes.NewReader(data), name, Options{Format: format, MaxLineBytes: 1 << 12, MaxFileBytes: 1 << 16}, func(r Record) error {
		n++
		if r.Origin == "" || !strings.HasPrefix(r.Origin, name) {
			t.Fatalf("record %d: origin %q", n, r.Origin)
		}
		if r.Err != nil {
			return nil
		}
		a := r.Article
		if a.Title == "" && a.Body == "" {
			t.Fatalf("record %d: article without title or body and no error", n)
		}
		for _, s := range []string{a.Title, a.Body, a.ID, a.Source, a.Category, a.PublishedText, a.Summary} {
			if !utf8.ValidString(s) || strings.ContainsAny(s, "\r\x00\ufeff") {
				t.Fatalf("record %d: unclean field %q", n, s)
			}
		}
		if strings.Contains(a.Title, "\n") || a.Body != strings.TrimSpace(a.Body) {
			t.Fatalf("record %d: title %q or body not trimmed", n, a.Title)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("Read returned %v", err)
	}
	if n == 0 {
		t.Fatal("no record at all")
	}
}

func addFixtures(f *testing.F, dir string) {
	paths, _ := filepath.Glob(filepath.Join("testdata", dir, "*"))
	for _, p := range paths {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
}

func FuzzReadText(f *testing.F) {
	addFixtures(f, "text")
	f.Add([]byte("اخبار\nموقع كل يوم -المسلة\n\n\nAbout Post Author\n"))
	f.Add([]byte("\ufeff\r\n\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzRead(t, data, "f.txt", Text)
	})
}

func FuzzReadJSONL(f *testing.F) {
	addFixtures(f, "jsonl")
	f.Add([]byte(`{"title":1,"body":null,"published":1e300}` + "\n" + `{"text":["a",["b"],{"c":1}]}`))
	f.Add([]byte("{\"title\":\"\\u0000\\r\"}\n\n[]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzRead(t, data, "f.jsonl", JSONL)
	})
}

func FuzzReadSGML(f *testing.F) {
	addFixtures(f, "sgml")
	f.Add([]byte("<DOC><TITLE>a</TITLE><DOC><TEXT>b</DOC></DOC>"))
	f.Add([]byte("<doc x=1><text>&#0;&#xffffff;&amp</text></doc><DOC"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzRead(t, data, "f.sgml", SGML)
	})
}
