package main

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fahras/fahras/bench"
)

// TestBenchCompareJSONAndChart runs a small comparison of the demo corpus
// with fahras and bleve, writes it as JSON, and draws the chart from it
// and from a second run of another size.
func TestBenchCompareJSONAndChart(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes the demo corpus twice")
	}
	dir := t.TempDir()
	corpus := filepath.Join("..", "..", "index", "democorpus", "articles.jsonl")
	small := filepath.Join(dir, "small.json")
	code, _, stderr := runCommandTest(t, command("bench"), "compare", "--systems", "fahras,bleve", "--clients", "1", "--duration", "30ms",
		"--append", "0", "--out", filepath.Join(dir, "small.md"), "--json", small, corpus)
	if code != 0 {
		t.Fatalf("compare: exit %d: %s", code, stderr)
	}
	f, err := os.Open(small)
	if err != nil {
		t.Fatal(err)
	}
	run, err := bench.ReadReport(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if run.Articles == 0 || len(run.Systems) != 2 || len(run.Systems[0].Queries) == 0 {
		t.Fatalf("report read back: %d articles, %d systems", run.Articles, len(run.Systems))
	}
	for _, q := range run.Systems[0].Queries {
		if q.Count > 0 && q.CPU <= 0 {
			t.Errorf("%s %s: no CPU time", run.Systems[0].Name, q.Kind)
		}
	}
	md, _ := os.ReadFile(filepath.Join(dir, "small.md"))
	if !strings.Contains(string(md), "fahras CPU ms/query") {
		t.Errorf("the Markdown report has no CPU column:\n%s", md)
	}

	// A second run, as if of ten times the articles.
	run.Articles *= 10
	large := filepath.Join(dir, "large.json")
	f, err = os.Create(large)
	if err != nil {
		t.Fatal(err)
	}
	if err := run.WriteJSON(f); err != nil {
		t.Fatal(err)
	}
	f.Close()

	svg := filepath.Join(dir, "latency.svg")
	if code, _, stderr := runCommandTest(t, command("bench"), "chart", "--out", svg, small, large); code != 0 {
		t.Fatalf("chart: exit %d: %s", code, stderr)
	}
	data, err := os.ReadFile(svg)
	if err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal(data, new(struct{})); err != nil || !strings.Contains(string(data), "<polyline") {
		t.Errorf("not an SVG chart with lines (%v):\n%s", err, data)
	}
	code, stdout, _ := runCommandTest(t, command("bench"), "chart", small)
	if code != 0 || !strings.HasPrefix(stdout, "<svg") {
		t.Errorf("chart to standard output: exit %d, %.60q", code, stdout)
	}

	// A bad input writes nothing: the chart drawn before stays.
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"articles": 10, "systems": [{"name": "fahras", "queries": [{"kind": "plain", "clients": 1, "count": 5, "p50_ns": 0}]}]}`), 0o644)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"chart", "--out", svg, small, bad}, "p50 latency 0s"},
		{[]string{"chart", "--out", svg, small, small}, "two runs of"},
		{[]string{"chart", "--out", svg, filepath.Join(dir, "missing.json")}, "no such file"},
		{[]string{"chart", "--out", svg, filepath.Join(dir, "small.md")}, "small.md"},
		{[]string{"chart", "--out", svg, "--clients", "8", small}, "no query answered at 8 clients"},
		{[]string{"chart", "--clients", "0", small}, "--clients"},
		{[]string{"chart"}, "missing a RUN.json"},
	} {
		code, _, stderr := runCommandTest(t, command("bench"), tc.args...)
		if code == 0 || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q, want it to say %q", tc.args, code, stderr, tc.want)
		}
	}
	if after, _ := os.ReadFile(svg); string(after) != string(data) {
		t.Error("a refused chart overwrote the one drawn before")
	}
}
