package places

import (
	"strings"
	"testing"
)

// benchArticle is an article-sized text (about 2,500 characters).
var benchArticle = strings.Repeat(iraqiArticle, 2)

func BenchmarkExtract(b *testing.B) {
	m := fixture(b).NewMatcher()
	b.SetBytes(int64(len(benchArticle)))
	b.ReportAllocs()
	for b.Loop() {
		m.Extract("خطة أمنية جديدة لتأمين حدود العراق الغربية", benchArticle)
	}
}

func BenchmarkExtractEmbedded(b *testing.B) {
	m := embedded(b).NewMatcher()
	b.SetBytes(int64(len(benchArticle)))
	b.ReportAllocs()
	for b.Loop() {
		m.Extract("خطة أمنية جديدة لتأمين حدود العراق الغربية", benchArticle)
	}
}

func BenchmarkDefault(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Default(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoad is what a program waits for before it can extract places:
// the embedded gazetteer parsed and its matcher built.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		g, err := Default()
		if err != nil {
			b.Fatal(err)
		}
		g.NewMatcher()
	}
}

func BenchmarkNewMatcher(b *testing.B) {
	g := embedded(b)
	b.ReportAllocs()
	for b.Loop() {
		g.NewMatcher()
	}
}
