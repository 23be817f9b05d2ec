package bench

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// chartRuns are three runs of a two-kind mix: fahras and bleve measured in
// every run, PostgreSQL in the two larger ones, and fahras's deep page
// failing in the smallest (too few matches), which leaves a gap.
func chartRuns() []*Report {
	mix := []Query{
		{Kind: "plain", Text: "أسعار النفط"},
		{Kind: "deep", Text: "الحكومة", Newest: true, Skip: 1000},
	}
	ms := func(v float64) time.Duration { return time.Duration(v * float64(time.Millisecond)) }
	res := func(kind string, clients int, p50 float64) QueryResult {
		return QueryResult{Kind: kind, Total: 1000, Latencies: Latencies{Clients: clients, Count: 50, Elapsed: time.Second, QPS: 50,
			Mean: ms(p50), P50: ms(p50), P95: ms(2 * p50), P99: ms(3 * p50), Max: ms(4 * p50)}}
	}
	run := func(articles int64, systems ...SystemReport) *Report {
		return &Report{Machine: Machine{Cores: 2}, Articles: articles, Clients: []int{1, 8}, Mix: mix, Systems: systems}
	}
	failed := QueryResult{Kind: "deep", Total: 400, Latencies: Latencies{Clients: 1, Errors: 1, FirstErr: "only 400 hits"}}
	runs := []*Report{
		// Given out of order: the chart sorts the runs by size.
		run(1_000_000,
			SystemReport{Name: "fahras", Queries: []QueryResult{res("plain", 1, 13.2), res("plain", 8, 97.5), res("deep", 1, 79.3)}},
			SystemReport{Name: "bleve-ar", Queries: []QueryResult{res("plain", 1, 72.2), res("deep", 1, 377)}},
			SystemReport{Name: "postgres-fts", Queries: []QueryResult{res("plain", 1, 2768), res("deep", 1, 2.65)}}),
		run(31_525,
			SystemReport{Name: "fahras", Queries: []QueryResult{res("plain", 1, 0.9), failed}},
			SystemReport{Name: "bleve-ar", Queries: []QueryResult{res("plain", 1, 3.1), res("deep", 1, 12)}},
			SystemReport{Name: "postgres-fts", Skipped: "PostgreSQL not found"}),
		run(100_000,
			SystemReport{Name: "fahras", Queries: []QueryResult{res("plain", 1, 2.4), res("deep", 1, 9.5)}},
			SystemReport{Name: "bleve-ar", Queries: []QueryResult{res("plain", 1, 8.8), res("deep", 1, 40)}},
			SystemReport{Name: "postgres-fts", Queries: []QueryResult{res("plain", 1, 210), res("deep", 1, 1.9)}}),
	}
	runs[0].Date = time.Date(2026, 12, 6, 23, 5, 0, 0, time.UTC)
	return runs
}

func TestWriteChartGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteChart(&buf, chartRuns(), ChartOptions{}); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "chart.golden.svg")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got := buf.String(); got != string(want) {
		t.Errorf("WriteChart differs from %s (run with -update after looking at the new chart):\n%s", golden, got)
	}
}

func TestWriteChartIsWellFormedSVG(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteChart(&buf, chartRuns(), ChartOptions{Clients: 1}); err != nil {
		t.Fatal(err)
	}
	dec := xml.NewDecoder(&buf)
	count := map[string]int{}
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			count[tok.Name.Local]++
			if tok.Name.Local == "svg" && tok.Name.Space != "http://www.w3.org/2000/svg" {
				t.Errorf("svg element in namespace %q", tok.Name.Space)
			}
		case xml.CharData:
			text.Write(tok)
		}
	}
	// Two panels, three lines in each: in plain, PostgreSQL's through
	// two runs; in deep, fahras's too. Markers: 3 + 3 + 2 in plain,
	// 2 + 3 + 2 in deep, each with its tooltip, and one per system in
	// the legend; rectangles: the background and the two panels' frames.
	if count["polyline"] != 6 {
		t.Errorf("%d lines, want 6", count["polyline"])
	}
	if got := count["circle"] + count["rect"] + count["polygon"]; got != 15+3+1+2 {
		t.Errorf("%d markers and frames (circles %d, rects %d, polygons %d)", got, count["circle"], count["rect"], count["polygon"])
	}
	for _, want := range []string{"p50 latency against corpus size, 1 client", "Runs of 31,525, 100,000, 1,000,000 (2026-12-06) articles; 2 cores.", "31.5k", "100k", "1M", "fahras", "bleve-ar", "postgres-fts",
		"plain", "أسعار النفط", "deep", "after 1,000", "fahras, plain, 31,525 articles: p50 0.90 ms", "1,000"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("the chart does not say %q", want)
		}
	}
	if strings.Contains(text.String(), "fahras, deep, 31,525") {
		t.Error("the failed deep page is drawn")
	}
}

func TestWriteChartAtEightClients(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteChart(&buf, chartRuns(), ChartOptions{Clients: 8}); err != nil {
		t.Fatal(err)
	}
	// Only fahras's plain query at a million was measured with 8 clients:
	// one panel, one point, no line.
	s := buf.String()
	if !strings.Contains(s, "8 clients") || !strings.Contains(s, "fahras, plain, 1,000,000 articles: p50 97.5 ms") || strings.Contains(s, "<polyline") || strings.Contains(s, ">deep<") {
		t.Errorf("chart at 8 clients:\n%s", s)
	}
}

func TestWriteChartRefuses(t *testing.T) {
	runs := chartRuns()
	twice := []*Report{runs[0], runs[1], runs[1]}
	zero := chartRuns()
	zero[2].Systems[0].Queries[0].P50 = 0
	for name, tc := range map[string]struct {
		runs []*Report
		opt  ChartOptions
		want string
	}{
		"no runs":        {nil, ChartOptions{}, "no runs"},
		"nil run":        {[]*Report{runs[0], nil}, ChartOptions{}, "nil run"},
		"same size":      {twice, ChartOptions{}, "two runs of 31,525 articles"},
		"no such client": {runs, ChartOptions{Clients: 32}, "no query answered at 32 clients"},
		"zero latency":   {zero, ChartOptions{}, "p50 latency 0s"},
		"empty run":      {[]*Report{{Articles: 10}}, ChartOptions{}, "no system measured"},
	} {
		err := WriteChart(io.Discard, tc.runs, tc.opt)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one saying %q", name, err, tc.want)
		}
	}
}

func TestReportJSONRoundTrip(t *testing.T) {
	for _, r := range append([]*Report{sampleReport()}, chartRuns()...) {
		var buf bytes.Buffer
		if err := r.WriteJSON(&buf); err != nil {
			t.Fatal(err)
		}
		back, err := ReadReport(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatalf("%v\n%s", err, buf.String())
		}
		if !reflect.DeepEqual(back, r) {
			t.Errorf("round trip of the %s-article report differs:\n got %+v\nwant %+v", thousands(r.Articles), back, r)
		}
		// The Markdown of what was read back is the Markdown of the run.
		var a, b bytes.Buffer
		r.WriteMarkdown(&a)
		back.WriteMarkdown(&b)
		if a.String() != b.String() {
			t.Errorf("Markdown of the report read back differs")
		}
	}
	var buf bytes.Buffer
	sampleReport().WriteJSON(&buf)
	for _, field := range []string{`"articles": 100000`, `"p50_ns": 4000000`, `"qps": 240`, `"cpu_per_query_ns": 3900000`, `"machine_use": 0.46`, `"kind": "plain"`, `"text": "أسعار النفط"`, `"elapsed_ns": 200000000000`} {
		if !strings.Contains(buf.String(), field) {
			t.Errorf("the JSON has no %s:\n%s", field, buf.String())
		}
	}
}

func TestReadReportRefuses(t *testing.T) {
	var good bytes.Buffer
	if err := chartRuns()[1].WriteJSON(&good); err != nil {
		t.Fatal(err)
	}
	g := good.String()
	for name, tc := range map[string]struct{ in, want string }{
		"empty":           {"", "empty input"},
		"not JSON":        {"| query | p50 |", "invalid character"},
		"cut short":       {g[:len(g)/2], "unexpected EOF"},
		"two values":      {g + g, "more than one JSON value"},
		"array":           {"[" + g + "]", "cannot unmarshal array"},
		"unknown field":   {strings.Replace(g, `"articles"`, `"documents"`, 1), `unknown field "documents"`},
		"no articles":     {strings.Replace(g, `"articles": 31525`, `"articles": 0`, 1), "corpus size 0"},
		"no systems":      {`{"articles": 5, "systems": []}`, "no system measured"},
		"null":            {"null", "corpus size 0"},
		"zero latency":    {strings.Replace(g, `"p50_ns": 900000`, `"p50_ns": 0`, 1), "fahras, plain at 1 clients: p50 latency 0s for 50 queries"},
		"negative qps":    {strings.Replace(g, `"qps": 50`, `"qps": -50`, 1), "negative"},
		"out of order":    {strings.Replace(g, `"p95_ns": 1800000`, `"p95_ns": 100`, 1), "percentiles out of order"},
		"no clients":      {strings.Replace(g, `"clients": 1,`, `"clients": 0,`, 1), "want at least one client"},
		"latency as text": {strings.Replace(g, `"p50_ns": 900000`, `"p50_ns": "0.9 ms"`, 1), "cannot unmarshal string"},
		"unnamed system":  {strings.Replace(g, `"name": "fahras"`, `"name": ""`, 1), "a system without a name"},
	} {
		_, err := ReadReport(strings.NewReader(tc.in))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one saying %q", name, err, tc.want)
		}
	}
}

func FuzzReadReport(f *testing.F) {
	var good bytes.Buffer
	chartRuns()[2].WriteJSON(&good)
	f.Add(good.Bytes())
	f.Add([]byte(`{"articles": 1, "systems": [{"name": "x", "queries": [{"kind": "plain", "clients": 1, "count": 1, "p50_ns": 1, "p95_ns": 1, "p99_ns": 1}]}]}`))
	f.Add([]byte(`{"articles": -1}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := ReadReport(bytes.NewReader(data))
		if err != nil {
			return
		}
		// Whatever is read can be drawn or is refused with an error, and
		// written back to the same report.
		if err := WriteChart(io.Discard, []*Report{r}, ChartOptions{}); err != nil && !strings.Contains(err.Error(), "no query answered") {
			t.Errorf("a report read without error is not drawn: %v", err)
		}
		var buf bytes.Buffer
		if err := r.WriteJSON(&buf); err != nil {
			t.Fatal(err)
		}
		back, err := ReadReport(&buf)
		if err != nil {
			t.Fatalf("written back, it does not read: %v", err)
		}
		if !reflect.DeepEqual(back, r) {
			t.Errorf("written back, it reads differently")
		}
	})
}
