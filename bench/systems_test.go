package bench

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/fahras/fahras/index"
	"github.com/fahras/fahras/index/places"
	"github.com/fahras/fahras/search"
)

// fixtureMix is a query mix for the fixture's words.
func fixtureMix() []Query {
	last := time.Date(2018, 10, 9, 0, 0, 0, 0, time.UTC)
	return []Query{
		{Kind: "plain", Text: "الموازنة النفط"},
		{Kind: "phrase", Text: "البنك المركزي", Phrase: true},
		{Kind: "facets", Text: "الوزير", Facets: true},
		{Kind: "date", Text: "النفط", From: last.AddDate(-2, 0, 0), To: last, Newest: true},
		{Kind: "place", Text: "الحكومة", Country: "IQ", CountryName: "العراق"},
		{Kind: "deep", Text: "الحكومة", Newest: true, Skip: 20},
		{Kind: "browse", Facets: true, Newest: true},
	}
}

// TestSystemsAnswerTheMix indexes 150 derived articles with every system
// and checks that each answers every query of a mix with matches, and
// that their counts agree where the systems see the same text.
func TestSystemsAnswerTheMix(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes with three systems")
	}
	ctx := context.Background()
	s, g := newTestScaler(t)
	const n = 150
	mix := fixtureMix()
	dir := t.TempDir()

	fx := fahrasSystem(t, filepath.Join(dir, "fahras"), g, s, n)
	b, stats, err := IndexBleve(ctx, filepath.Join(dir, "bleve"), s.Seq(n, 5))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if stats.Docs != n || stats.SizeBytes == 0 || stats.Bytes == 0 {
		t.Errorf("bleve stats: %+v", stats)
	}
	systems := []System{fx, b}

	pg, err := StartPostgres(ctx, "")
	switch {
	case errors.Is(err, ErrNoPostgres):
		t.Log("PostgreSQL not installed: measuring fahras and bleve only")
	case err != nil:
		t.Fatal(err)
	default:
		defer pg.Stop()
		p, stats, err := LoadPostgres(ctx, pg, s.Seq(n, 5))
		if err != nil {
			t.Fatal(err)
		}
		defer p.Close()
		if stats.Docs != n || stats.SizeBytes == 0 {
			t.Errorf("postgres stats: %+v", stats)
		}
		// Loading and indexing ran in the server's processes.
		if cpu := pg.ServerCPU(); cpu < stats.CPU {
			t.Errorf("server CPU %s, less than the %s of the load's own backend", cpu, stats.CPU)
		}
		systems = append(systems, p)
	}

	counts := map[string]map[string]int64{}
	for _, sys := range systems {
		res, err := Measure(ctx, sys, mix, []int{1, 3}, 30*time.Millisecond)
		if err != nil {
			t.Fatalf("%s: %v", sys.Name(), err)
		}
		if len(res) != 2*len(mix) {
			t.Fatalf("%s: %d results, want %d", sys.Name(), len(res), 2*len(mix))
		}
		counts[sys.Name()] = map[string]int64{}
		// Short runs may each cost less than a clock tick of the
		// server's accounting; together they cost something.
		var cpu time.Duration
		for _, r := range res {
			cpu += r.CPU
		}
		if cpu <= 0 {
			t.Errorf("%s: no CPU time measured over %d runs", sys.Name(), len(res))
		}
		for _, r := range res {
			if r.Count == 0 || r.Errors > 0 {
				t.Errorf("%s %s at %d clients: %d queries, %d errors (%s)", sys.Name(), r.Kind, r.Clients, r.Count, r.Errors, r.FirstErr)
			}
			if r.Total <= 0 {
				t.Errorf("%s %s: %d matches", sys.Name(), r.Kind, r.Total)
			}
			counts[sys.Name()][r.Kind] = r.Total
		}
	}
	t.Logf("matches: %v", counts)
	// Every article matches the empty query; the phrase is in one base
	// article's title and body, unchanged by swaps, in every system.
	for name, c := range counts {
		if c["browse"] != n {
			t.Errorf("%s: browse matches %d, want %d", name, c["browse"], n)
		}
		if c["phrase"] != counts["fahras"]["phrase"] {
			t.Errorf("%s: phrase matches %d, fahras %d", name, c["phrase"], counts["fahras"]["phrase"])
		}
	}
}

func fahrasSystem(t *testing.T, dir string, g *places.Gazetteer, s *Scaler, n int) Fahras {
	t.Helper()
	ix, err := index.Create(dir, index.Options{Shards: 1, ProtectedWords: g.Names()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	sum, err := ix.Ingest(context.Background(), s.Source(n, 5), index.NewEnricher(g, nil), index.IngestOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Indexed() != int64(n) {
		t.Fatalf("fahras indexed %d of %d", sum.Indexed(), n)
	}
	eng, err := search.New(ix, g)
	if err != nil {
		t.Fatal(err)
	}
	return Fahras{Engine: eng}
}
