package main

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The evaluation data of these tests, metrics computed by hand.
//
// Query 1 — relevant d1 (grade 2) and d2 (1). The run ranks d3 (not
// relevant), d1, d2:
//
//	MRR@10 = 1/2 = 0.5000, Recall@10 = Recall@100 = 2/2 = 1.0000
//	AP = (1/2 + 2/3)/2 = 0.5833
//	DCG = 2/log2(3) + 1/log2(4) = 1.261860 + 0.5 = 1.761860
//	IDCG = 2/log2(2) + 1/log2(3) = 2 + 0.630930 = 2.630930
//	nDCG@10 = 0.6697
//
// Query 2 — relevant d5; the run ranks d5 first: every metric 1.
// Query 3 — relevant d9; not in the run.
//
// Means over queries 1 and 2 (default):
//
//	MRR@10 0.7500, Recall 1.0000, nDCG@10 0.8348, MAP 0.7917
//
// Means over queries 1, 2 and 3 (--complete):
//
//	MRR@10 0.5000, Recall 0.6667, nDCG@10 0.5566, MAP 0.5278
const (
	testQrels = "1 0 d1 2\n1 0 d2 1\n1 0 d3 0\n2 0 d5 1\n3 0 d9 1\n"
	testRun   = "1 Q0 d3 1 3.2 bm25\n1 Q0 d1 2 2.5 bm25\n1 Q0 d2 3 1.0 bm25\n2 Q0 d5 1 7 bm25\n"
)

func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func runEvalTest(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := &Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb, Logger: slog.New(slog.DiscardHandler)}
	code = run(context.Background(), env, append([]string{"eval"}, args...))
	return code, out.String(), errb.String()
}

func TestEvalTable(t *testing.T) {
	qrels := writeTemp(t, "qrels.txt", testQrels)
	run := writeTemp(t, "run.txt", testRun)
	code, out, errs := runEvalTest(t, "", "--qrels", qrels, run)
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	want := "run         " + run + "\n" +
		"qrels       " + qrels + "\n" +
		"queries     2 averaged: judged queries in the run (as trec_eval; --complete for all)\n" +
		"judged      3 in the qrels, 2 of them in the run, 1 missing from the run\n" +
		"MRR@10      0.7500\n" +
		"Recall@10   1.0000\n" +
		"Recall@100  1.0000\n" +
		"nDCG@10     0.8348\n" +
		"MAP         0.7917\n"
	if out != want {
		t.Errorf("output\n%s\nwant\n%s", out, want)
	}
}

func TestEvalPerQueryComplete(t *testing.T) {
	qrels := writeTemp(t, "qrels.txt", testQrels)
	run := writeTemp(t, "run.txt", testRun)
	// Flags after the run file work too.
	code, out, errs := runEvalTest(t, "", run, "--complete", "--per-query", "--qrels", qrels)
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	wantStart := "qid  mrr@10  r@10    r@100   ndcg@10  ap\n" +
		"1    0.5000  1.0000  1.0000  0.6697   0.5833\n" +
		"2    1.0000  1.0000  1.0000  1.0000   1.0000\n" +
		"3    0.0000  0.0000  0.0000  0.0000   0.0000\n" +
		"\n"
	if !strings.HasPrefix(out, wantStart) {
		t.Errorf("output\n%s\nwant it to start with\n%s", out, wantStart)
	}
	for _, line := range []string{
		"queries     3 averaged: all judged queries, missing ones as 0 (as trec_eval -c)\n",
		"MRR@10      0.5000\n",
		"Recall@10   0.6667\n",
		"nDCG@10     0.5566\n",
		"MAP         0.5278\n",
	} {
		if !strings.Contains(out, line) {
			t.Errorf("output lacks %q:\n%s", line, out)
		}
	}
}

func TestEvalJSONFromStdin(t *testing.T) {
	qrels := writeTemp(t, "qrels.txt", testQrels+"4 0 d1 0\n")
	code, out, errs := runEvalTest(t, testRun+"9 Q0 d1 1 1 bm25\n", "--json", "--qrels", qrels, "-")
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	var got struct {
		Complete       bool     `json:"complete"`
		Queries        int      `json:"queries"`
		Judged         int      `json:"judged"`
		JudgedInRun    int      `json:"judged_in_run"`
		MissingFromRun []string `json:"missing_from_run"`
		Unjudged       int      `json:"unjudged"`
		Mean           map[string]float64
		PerQuery       []any `json:"per_query"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v in %s", err, out)
	}
	if got.Complete || got.Queries != 2 || got.Judged != 3 || got.JudgedInRun != 2 ||
		len(got.MissingFromRun) != 1 || got.MissingFromRun[0] != "3" || got.Unjudged != 1 || got.PerQuery != nil {
		t.Errorf("JSON %+v", got)
	}
	wantMean := map[string]float64{"mrr@10": 0.75, "recall@10": 1, "recall@100": 1, "ndcg@10": 0.8348, "map": 0.7917}
	for k, v := range wantMean {
		if d := got.Mean[k] - v; d > 5e-5 || d < -5e-5 {
			t.Errorf("mean %s = %v, want %v", k, got.Mean[k], v)
		}
	}
}

func TestEvalErrors(t *testing.T) {
	qrels := writeTemp(t, "qrels.txt", testQrels)
	run := writeTemp(t, "run.txt", testRun)
	badRun := writeTemp(t, "bad-run.txt", "1 Q0 d1 1 2.5 bm25\n1 Q0 d2 2 bm25\n")
	badQrels := writeTemp(t, "bad-qrels.txt", "1 0 d1 1\n1 0 d2 relevant\n")
	otherRun := writeTemp(t, "other-run.txt", "77 Q0 d1 1 2.5 bm25\n")
	missing := filepath.Join(t.TempDir(), "absent.txt")
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no qrels flag", []string{run}, "--qrels is required"},
		{"no run", []string{"--qrels", qrels}, "want exactly 1 run file, got 0"},
		{"two runs", []string{"--qrels", qrels, run, run}, "want exactly 1 run file, got 2"},
		{"missing run", []string{"--qrels", qrels, missing}, "absent.txt"},
		{"missing qrels", []string{"--qrels", missing, run}, "absent.txt"},
		{"bad run line", []string{"--qrels", qrels, badRun}, "bad-run.txt: read run: line 2: 5 fields"},
		{"bad qrels line", []string{"--qrels", badQrels, run}, "bad-qrels.txt: read qrels: line 2: relevance \"relevant\""},
		{"no shared query", []string{"--qrels", qrels, otherRun}, "no judged query"},
		{"unknown flag", []string{"--qrels", qrels, "--depth", "5", run}, "unknown flag: --depth"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := runEvalTest(t, "", tt.args...)
			if code != 2 {
				t.Errorf("exit %d, want 2", code)
			}
			if !strings.Contains(errs, tt.want) {
				t.Errorf("stderr %q, want it to contain %q", errs, tt.want)
			}
			if out != "" {
				t.Errorf("stdout %q, want nothing", out)
			}
		})
	}
}

func TestEvalHelp(t *testing.T) {
	code, out, errs := runEvalTest(t, "", "-h")
	if code != 0 || !strings.Contains(out, "fahras eval --qrels QRELS") || errs != "" {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
}
