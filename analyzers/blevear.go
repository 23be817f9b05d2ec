//go:build blevear

package analyzers

// bleve's own Arabic analyzer (Lucene's light10 chain), the anchor that the
// fahras analyzers are measured against. Its package needs
// golang.org/x/text/unicode/norm, so it is linked in only with the
// blevear build tag; Lookup("bleve_ar") resolves to it then.
import _ "github.com/blevesearch/bleve/v2/analysis/lang/ar"
