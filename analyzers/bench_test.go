package analyzers

import (
	"os"
	"testing"
)

func newsText(b *testing.B) []byte {
	b.Helper()
	text, err := os.ReadFile("testdata/news_ar.txt")
	if err != nil {
		b.Fatalf("reading the benchmark text: %v", err)
	}
	return text
}

func BenchmarkAnalyzeAr(b *testing.B) {
	text := newsText(b)
	a := New(Light, nil)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	cpu := processCPU()
	for b.Loop() {
		a.Analyze(text)
	}
	reportCPU(b, cpu, len(text))
}

func BenchmarkAnalyzeArProtected(b *testing.B) {
	text := newsText(b)
	a := New(Light, NewProtected("الأنبار", "بغداد", "البصرة", "الموصل", "بيروت", "لبنان", "سوريا", "الأردن", "فلسطين", "القاهرة", "أنقرة", "الرمادي", "ميسان"))
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	cpu := processCPU()
	for b.Loop() {
		a.Analyze(text)
	}
	reportCPU(b, cpu, len(text))
}

func BenchmarkAnalyzeArExact(b *testing.B) {
	text := newsText(b)
	a := New(Exact, nil)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	cpu := processCPU()
	for b.Loop() {
		a.Analyze(text)
	}
	reportCPU(b, cpu, len(text))
}

func BenchmarkNormalize(b *testing.B) {
	text := string(newsText(b))
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Normalize(text)
	}
}
