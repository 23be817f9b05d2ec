package analyzers

// bleve's own Arabic analyzer (Lucene's light10 chain) is linked in as the
// anchor the fahras analyzers are measured against; Lookup("bleve_ar")
// resolves to it.
import _ "github.com/blevesearch/bleve/v2/analysis/lang/ar"
