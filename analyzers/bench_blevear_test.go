package analyzers

import (
	"testing"

	"github.com/blevesearch/bleve/v2/registry"
)

// BenchmarkBleveAr runs bleve's own Arabic analyzer on the same text as
// BenchmarkAnalyzeAr.
func BenchmarkBleveAr(b *testing.B) {
	a, err := Lookup("bleve_ar", registry.NewCache())
	if err != nil {
		b.Fatal(err)
	}
	benchmarkAnalyzer(b, a)
}
