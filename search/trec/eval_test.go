package trec

import (
	"math"
	"reflect"
	"strings"
	"testing"
)

// The collection of the evaluation tests, all values computed by hand.
//
// Query 1 — relevant: d1 (grade 2), d2 (1), d5 (1); d3 judged 0.
// The run scores d3 10, d1 9, d4 9, d2 5. d1 and d4 tie: d4 (the larger
// id) comes first, so the order is d3 d4 d1 d2 with grades 0 0 2 1.
//
//	MRR@10    = 1/3                                  = 0.333333
//	Recall@10 = Recall@100 = 2 of 3                  = 0.666667
//	AP        = (1/3 + 2/4) / 3                      = 0.277778
//	DCG@10    = 2/log2(4) + 1/log2(5) = 1 + 0.430677 = 1.430677
//	IDCG@10   = 2/log2(2) + 1/log2(3) + 1/log2(4)
//	          = 2 + 0.630930 + 0.5                   = 3.130930
//	nDCG@10   = 1.430677 / 3.130930                  = 0.456949
//
// Query 2 — relevant: d7. The run returns d7 then d8: every metric is 1.
//
// Query 3 — only d9, judged 0: not a judged query, skipped although the
// run answers it.
//
// Query 4 — relevant: d4. Missing from the run: 0 everywhere, averaged
// only with CompleteQrels.
//
// Query 5 — in the run, not in the qrels: ignored.
const (
	evalQrels = "1 0 d1 2\n1 0 d2 1\n1 0 d3 0\n1 0 d5 1\n" +
		"2 0 d7 1\n" +
		"3 0 d9 0\n" +
		"4 0 d4 1\n"
	evalRun = "1 Q0 d3 1 10 t\n1 Q0 d1 2 9 t\n1 Q0 d4 3 9 t\n1 Q0 d2 4 5 t\n" +
		"2 Q0 d7 1 1 t\n2 Q0 d8 2 0.5 t\n" +
		"3 Q0 d9 1 4 t\n" +
		"5 Q0 d1 1 4 t\n"
)

var (
	query1 = QueryResult{
		QID:      "1",
		Metrics:  Metrics{MRR10: 1.0 / 3, Recall10: 2.0 / 3, Recall100: 2.0 / 3, NDCG10: 0.456949, MAP: 0.277778},
		Relevant: 3, Retrieved: 4, RelevantRetrieved: 2, InRun: true,
	}
	query2 = QueryResult{
		QID:      "2",
		Metrics:  Metrics{MRR10: 1, Recall10: 1, Recall100: 1, NDCG10: 1, MAP: 1},
		Relevant: 1, Retrieved: 2, RelevantRetrieved: 1, InRun: true,
	}
	query4 = QueryResult{QID: "4", Relevant: 1}
)

func readEval(t *testing.T) (Run, Qrels) {
	t.Helper()
	run, err := ReadRun(strings.NewReader(evalRun))
	if err != nil {
		t.Fatal(err)
	}
	qrels, err := ReadQrels(strings.NewReader(evalQrels))
	if err != nil {
		t.Fatal(err)
	}
	return run, qrels
}

func TestEvaluate(t *testing.T) {
	run, qrels := readEval(t)
	rep := Evaluate(run, qrels)
	checkQueries(t, rep.Queries, []QueryResult{query1, query2})
	// Means over queries 1 and 2:
	//   MRR@10 (1/3 + 1)/2 = 0.666667, Recall (2/3 + 1)/2 = 0.833333,
	//   nDCG@10 (0.456949 + 1)/2 = 0.728475, MAP (0.277778 + 1)/2 = 0.638889.
	checkMetrics(t, "mean", rep.Mean, Metrics{MRR10: 0.666667, Recall10: 0.833333, Recall100: 0.833333, NDCG10: 0.728475, MAP: 0.638889})
	if rep.Complete || rep.Judged != 3 || rep.JudgedInRun != 2 || rep.Unjudged != 2 ||
		!reflect.DeepEqual(rep.MissingFromRun, []string{"4"}) {
		t.Errorf("counts: complete %v, judged %d, judged in run %d, unjudged %d, missing %v; want false 3 2 2 [4]",
			rep.Complete, rep.Judged, rep.JudgedInRun, rep.Unjudged, rep.MissingFromRun)
	}
}

func TestEvaluateComplete(t *testing.T) {
	run, qrels := readEval(t)
	rep := EvaluateWithOptions(run, qrels, Options{CompleteQrels: true})
	checkQueries(t, rep.Queries, []QueryResult{query1, query2, query4})
	// Means over queries 1, 2 and 4 (all 0):
	//   MRR@10 4/3 / 3 = 0.444444, Recall 5/3 / 3 = 0.555556,
	//   nDCG@10 1.456949/3 = 0.485650, MAP 1.277778/3 = 0.425926.
	checkMetrics(t, "mean", rep.Mean, Metrics{MRR10: 0.444444, Recall10: 0.555556, Recall100: 0.555556, NDCG10: 0.485650, MAP: 0.425926})
	if !rep.Complete || rep.Judged != 3 || rep.JudgedInRun != 2 {
		t.Errorf("complete %v, judged %d, judged in run %d; want true 3 2", rep.Complete, rep.Judged, rep.JudgedInRun)
	}
}

// TestEvaluateCutoffs puts the first relevant document at rank 11: MRR@10,
// Recall@10 and nDCG@10 miss it, Recall@100 and AP do not.
//
//	relevant: r1, r2; retrieved: n01..n10 (not judged), then r1.
//	MRR@10 = 0, Recall@10 = 0, nDCG@10 = 0
//	Recall@100 = 1/2 = 0.5
//	AP = (1/11) / 2 = 0.045455
func TestEvaluateCutoffs(t *testing.T) {
	var lines []RunLine
	for i, id := range []string{"n01", "n02", "n03", "n04", "n05", "n06", "n07", "n08", "n09", "n10", "r1"} {
		lines = append(lines, RunLine{QID: "q", DocID: id, Score: float64(20 - i), Tag: "t"})
	}
	run := Run{"q": lines}
	qrels := Qrels{"q": {"r1": 1, "r2": 1}}
	rep := Evaluate(run, qrels)
	if len(rep.Queries) != 1 {
		t.Fatalf("%d queries, want 1", len(rep.Queries))
	}
	checkMetrics(t, "q", rep.Queries[0].Metrics, Metrics{Recall100: 0.5, MAP: 0.045455})
}

// TestEvaluateUnsortedRun checks that Evaluate orders a hand-built run
// itself and counts a repeated document once, at its best score.
//
//	relevant: a (grade 1). Lines: b 1, a 3, a 0.5 → order a b.
//	Every metric is 1.
func TestEvaluateUnsortedRun(t *testing.T) {
	run := Run{"q": {
		{QID: "q", DocID: "b", Score: 1},
		{QID: "q", DocID: "a", Score: 3},
		{QID: "q", DocID: "a", Score: 0.5},
	}}
	rep := Evaluate(run, Qrels{"q": {"a": 1}})
	checkMetrics(t, "q", rep.Queries[0].Metrics, Metrics{MRR10: 1, Recall10: 1, Recall100: 1, NDCG10: 1, MAP: 1})
	if rep.Queries[0].Retrieved != 2 {
		t.Errorf("retrieved %d, want 2", rep.Queries[0].Retrieved)
	}
}

func TestEvaluateNothingJudged(t *testing.T) {
	rep := Evaluate(Run{"1": {{QID: "1", DocID: "d", Score: 1}}}, Qrels{"1": {"d": 0}})
	if len(rep.Queries) != 0 || rep.Mean != (Metrics{}) || rep.Judged != 0 || rep.Unjudged != 1 {
		t.Errorf("report %+v, want no query, zero means, 1 unjudged", rep)
	}
}

func checkQueries(t *testing.T, got, want []QueryResult) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d queries, want %d", len(got), len(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		checkMetrics(t, "query "+w.QID, g.Metrics, w.Metrics)
		g.Metrics, w.Metrics = Metrics{}, Metrics{}
		if g != w {
			t.Errorf("query %d: %+v, want %+v", i, g, w)
		}
	}
}

// checkMetrics compares metrics to hand-computed values given to 6
// decimals.
func checkMetrics(t *testing.T, name string, got, want Metrics) {
	t.Helper()
	g := []float64{got.MRR10, got.Recall10, got.Recall100, got.NDCG10, got.MAP}
	w := []float64{want.MRR10, want.Recall10, want.Recall100, want.NDCG10, want.MAP}
	for i, label := range []string{"MRR@10", "Recall@10", "Recall@100", "nDCG@10", "MAP"} {
		if math.Abs(g[i]-w[i]) > 1e-6 {
			t.Errorf("%s: %s = %.6f, want %.6f", name, label, g[i], w[i])
		}
	}
}
