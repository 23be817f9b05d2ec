package analyzers

import (
	"testing"

	"github.com/blevesearch/bleve/v2/registry"
)

// BenchmarkBleveAr runs bleve's own Arabic analyzer on the same text as
// BenchmarkAnalyzeAr.
func BenchmarkBleveAr(b *testing.B) {
	text := newsText(b)
	a, err := Lookup("bleve_ar", registry.NewCache())
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	cpu := processCPU()
	for b.Loop() {
		a.Analyze(text)
	}
	reportCPU(b, cpu, len(text))
}
