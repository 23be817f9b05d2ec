package trec

import (
	"cmp"
	"math"
	"slices"
	"strings"
)

// Metrics are the measures of one query, or their means over queries.
// They follow trec_eval's definitions: MRR10 is recip_rank cut at 10,
// Recall10 and Recall100 are recall_10 and recall_100, NDCG10 is
// ndcg_cut_10 (gain = relevance grade, discount log2(rank+1), ideal
// ranking from the qrels) and MAP is map (average precision over all
// retrieved documents, divided by the number of relevant documents).
type Metrics struct {
	MRR10     float64 `json:"mrr@10"`
	Recall10  float64 `json:"recall@10"`
	Recall100 float64 `json:"recall@100"`
	NDCG10    float64 `json:"ndcg@10"`
	// MAP is the average precision of a single query.
	MAP float64 `json:"map"`
}

// QueryResult is the evaluation of one query.
type QueryResult struct {
	QID string `json:"qid"`
	Metrics
	// Relevant is the number of documents judged relevant (grade > 0).
	Relevant int `json:"relevant"`
	// Retrieved is the number of distinct documents the run returned.
	Retrieved int `json:"retrieved"`
	// RelevantRetrieved counts the relevant documents among them.
	RelevantRetrieved int `json:"relevant_retrieved"`
	// InRun is false for a judged query the run has no line for; all its
	// metrics are 0.
	InRun bool `json:"in_run"`
}

// Options changes how Evaluate averages.
type Options struct {
	// CompleteQrels averages over every judged query, counting the ones
	// missing from the run as 0, like "trec_eval -c". Without it, only
	// the judged queries present in the run are averaged, like trec_eval's
	// default.
	CompleteQrels bool
}

// Report is the evaluation of a run against qrels.
//
// A judged query is a query of the qrels with at least one relevant
// document; queries with none are skipped (trec_eval would count them
// with metrics of 0). Queries of the run that are not judged are ignored.
type Report struct {
	// Complete tells whether the means cover every judged query
	// (Options.CompleteQrels) or only those in the run.
	Complete bool `json:"complete"`
	// Queries are the averaged queries, in query id order (numeric ids
	// in numeric order).
	Queries []QueryResult `json:"queries"`
	// Mean is the arithmetic mean of Queries' metrics, 0 when there is
	// no query.
	Mean Metrics `json:"mean"`
	// Judged is the number of judged queries.
	Judged int `json:"judged"`
	// JudgedInRun is the number of judged queries the run answers.
	JudgedInRun int `json:"judged_in_run"`
	// MissingFromRun lists the judged queries the run has no line for.
	MissingFromRun []string `json:"missing_from_run,omitempty"`
	// Unjudged is the number of queries of the run with no relevant
	// document in the qrels (ignored).
	Unjudged int `json:"unjudged"`
}

// Evaluate evaluates run against qrels, averaging like trec_eval without
// -c: over the judged queries present in the run.
func Evaluate(run Run, qrels Qrels) Report {
	return EvaluateWithOptions(run, qrels, Options{})
}

// EvaluateWithOptions evaluates run against qrels. The run's lines need
// not be sorted: each query is put in trec_eval's order first (see
// SortRun), and a document listed twice counts once, at its best rank.
func EvaluateWithOptions(run Run, qrels Qrels, opts Options) Report {
	rep := Report{Complete: opts.CompleteQrels}
	for qid, docs := range qrels {
		if numRelevant(docs) == 0 {
			continue
		}
		rep.Judged++
		lines, inRun := run[qid]
		if inRun {
			rep.JudgedInRun++
		} else {
			rep.MissingFromRun = append(rep.MissingFromRun, qid)
			if !opts.CompleteQrels {
				continue
			}
		}
		res := evaluateQuery(lines, docs)
		res.QID, res.InRun = qid, inRun
		rep.Queries = append(rep.Queries, res)
	}
	for qid := range run {
		if numRelevant(qrels[qid]) == 0 {
			rep.Unjudged++
		}
	}
	slices.SortFunc(rep.Queries, func(a, b QueryResult) int { return CompareQIDs(a.QID, b.QID) })
	slices.SortFunc(rep.MissingFromRun, CompareQIDs)
	if n := float64(len(rep.Queries)); n > 0 {
		for _, q := range rep.Queries {
			rep.Mean.MRR10 += q.MRR10
			rep.Mean.Recall10 += q.Recall10
			rep.Mean.Recall100 += q.Recall100
			rep.Mean.NDCG10 += q.NDCG10
			rep.Mean.MAP += q.MAP
		}
		rep.Mean.MRR10 /= n
		rep.Mean.Recall10 /= n
		rep.Mean.Recall100 /= n
		rep.Mean.NDCG10 /= n
		rep.Mean.MAP /= n
	}
	return rep
}

// evaluateQuery computes the metrics of one judged query; judged has at
// least one relevant document.
func evaluateQuery(lines []RunLine, judged map[string]int) QueryResult {
	ranked := slices.Clone(lines)
	SortRun(ranked)
	res := QueryResult{Relevant: numRelevant(judged)}
	seen := make(map[string]bool, len(ranked))
	var dcg, precisionSum float64
	rank := 0
	for _, l := range ranked {
		if seen[l.DocID] {
			continue
		}
		seen[l.DocID] = true
		rank++
		rel := judged[l.DocID]
		if rel <= 0 {
			continue
		}
		res.RelevantRetrieved++
		precisionSum += float64(res.RelevantRetrieved) / float64(rank)
		if rank <= 10 {
			if res.MRR10 == 0 {
				res.MRR10 = 1 / float64(rank)
			}
			res.Recall10++
			dcg += float64(rel) / math.Log2(float64(rank+1))
		}
		if rank <= 100 {
			res.Recall100++
		}
	}
	res.Retrieved = rank
	numRel := float64(res.Relevant)
	res.Recall10 /= numRel
	res.Recall100 /= numRel
	res.MAP = precisionSum / numRel
	if ideal := idealDCG(judged, 10); ideal > 0 {
		res.NDCG10 = dcg / ideal
	}
	return res
}

// idealDCG is the DCG at cutoff k of the best possible ranking: the
// relevant documents by grade, highest first.
func idealDCG(judged map[string]int, k int) float64 {
	var gains []int
	for _, rel := range judged {
		if rel > 0 {
			gains = append(gains, rel)
		}
	}
	slices.SortFunc(gains, func(a, b int) int { return cmp.Compare(b, a) })
	var sum float64
	for i, g := range gains[:min(k, len(gains))] {
		sum += float64(g) / math.Log2(float64(i+2))
	}
	return sum
}

func numRelevant(judged map[string]int) int {
	n := 0
	for _, rel := range judged {
		if rel > 0 {
			n++
		}
	}
	return n
}

// CompareQIDs orders query ids: ids made only of digits compare as
// numbers ("2" before "10") and before other ids, which compare as
// strings.
func CompareQIDs(a, b string) int {
	da, db := isDigits(a), isDigits(b)
	switch {
	case da && db:
		na, nb := strings.TrimLeft(a, "0"), strings.TrimLeft(b, "0")
		if c := cmp.Compare(len(na), len(nb)); c != 0 {
			return c
		}
		if c := strings.Compare(na, nb); c != 0 {
			return c
		}
	case da:
		return -1
	case db:
		return 1
	}
	return strings.Compare(a, b)
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
