package analyzers

import (
	"os"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
)

func newsText(b *testing.B) []byte {
	b.Helper()
	text, err := os.ReadFile("testdata/news_ar.txt")
	if err != nil {
		b.Fatalf("reading the benchmark text: %v", err)
	}
	return text
}

// benchmarkAnalyzer analyzes the news text with a, reporting MB/s in
// wall and in CPU time.
func benchmarkAnalyzer(b *testing.B, a analysis.Analyzer) {
	text := newsText(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	cpu := processCPU()
	for b.Loop() {
		a.Analyze(text)
	}
	reportCPU(b, cpu, len(text))
}

func BenchmarkAnalyzeAr(b *testing.B) { benchmarkAnalyzer(b, New(Light, nil)) }

func BenchmarkAnalyzeArProtected(b *testing.B) {
	benchmarkAnalyzer(b, New(Light, NewProtected("الأنبار", "بغداد", "البصرة", "الموصل", "بيروت", "لبنان", "سوريا", "الأردن", "فلسطين", "القاهرة", "أنقرة", "الرمادي", "ميسان")))
}

func BenchmarkAnalyzeArExact(b *testing.B) { benchmarkAnalyzer(b, New(Exact, nil)) }

func BenchmarkNormalize(b *testing.B) {
	text := string(newsText(b))
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Normalize(text)
	}
}
