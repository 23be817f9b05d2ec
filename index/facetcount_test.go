package index_test

import (
	"context"
	"testing"

	"github.com/blevesearch/bleve/v2"
	blevequery "github.com/blevesearch/bleve/v2/search/query"

	"github.com/fahras/fahras/index"
)

// TestFacetCountsAgreeWithBleve counts facets from the cached columns and
// with bleve's own facet builder, for several queries, after updates and
// deletes (which leave deleted documents in older segments).
func TestFacetCountsAgreeWithBleve(t *testing.T) {
	ix, enr := newIndex(t, 2)
	ctx := context.Background()
	if _, err := ix.Ingest(ctx, readString("f.jsonl", fixtures), enr, index.IngestOptions{}); err != nil {
		t.Fatal(err)
	}
	check := func(label string) {
		t.Helper()
		body := blevequery.NewMatchQuery("الكهرباء")
		body.SetField(index.FieldBody)
		for name, q := range map[string]blevequery.Query{"all": blevequery.NewMatchAllQuery(), "word": body} {
			got, err := ix.FacetCounts(ctx, q)
			if err != nil {
				t.Fatalf("%s %s: %v", label, name, err)
			}
			req := bleve.NewSearchRequestOptions(q, 0, 0, false)
			req.AddFacet("f", bleve.NewFacetRequest(index.FieldFacet, 10000))
			res, err := ix.Search(ctx, req)
			if err != nil {
				t.Fatal(err)
			}
			want := map[string]uint64{}
			for _, tf := range res.Facets["f"].Terms.Terms() {
				want[tf.Term] = uint64(tf.Count)
			}
			if len(want) == 0 {
				t.Fatalf("%s %s: bleve counted no facet values", label, name)
			}
			if len(got) != len(want) {
				t.Errorf("%s %s: %d values, bleve %d: %v vs %v", label, name, len(got), len(want), got, want)
			}
			for v, n := range want {
				if got[v] != n {
					t.Errorf("%s %s: %q counted %d, bleve %d", label, name, v, got[v], n)
				}
			}
		}
	}
	check("after ingest")
	// Change a document's source and delete another: the old versions
	// stay in their segments as deleted documents.
	a, err := ix.Get(ctx, "a2")
	if err != nil {
		t.Fatal(err)
	}
	a.Source = "مصدر آخر"
	enr.Enrich(&a, a.Published)
	if _, err := ix.Write(ctx, []index.Doc{enr.Document(a)}); err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Delete(ctx, "a3"); err != nil {
		t.Fatal(err)
	}
	check("after update and delete")
}
