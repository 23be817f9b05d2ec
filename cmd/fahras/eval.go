package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/fahras/fahras/search/trec"
)

// evalCommand implements "fahras eval": it scores a TREC run against
// qrels. Means are over the judged queries present in the run, as
// trec_eval computes them by default; --complete averages over every
// judged query, counting the missing ones as 0, like "trec_eval -c".
func evalCommand(env *Env) *cobra.Command {
	var qrelsPath string
	var perQuery, complete, asJSON bool
	cmd := &cobra.Command{
		Use:   "eval --qrels QRELS [flags] RUN",
		Short: "score a TREC run against relevance judgments (MRR, recall, nDCG, MAP)",
		Long: "Scores a TREC run (qid Q0 docid rank score tag; - reads standard input)\n" +
			"with MRR@10, Recall@10, Recall@100, nDCG@10 and MAP as trec_eval defines them.\n" +
			"Means are over the judged queries found in the run unless --complete is given.",
		Args: args(1, 1, "run file"),
	}
	fs := cmd.Flags()
	fs.StringVar(&qrelsPath, "qrels", "", "relevance judgements in TREC qrels format (qid 0 docid rel); required")
	fs.BoolVar(&perQuery, "per-query", false, "also print the metrics of every query")
	fs.BoolVar(&complete, "complete", false, "average over every judged query, counting those missing from the run as 0 (trec_eval -c)")
	fs.BoolVar(&asJSON, "json", false, "print a JSON object instead of a table")
	cmd.RunE = func(cmd *cobra.Command, positional []string) error {
		if qrelsPath == "" {
			return misused("--qrels is required")
		}
		runPath := positional[0]
		qrels, err := readEvalFile(env, qrelsPath, trec.ReadQrels)
		if err != nil {
			return misused("%v", err)
		}
		run, err := readEvalFile(env, runPath, trec.ReadRun)
		if err != nil {
			return misused("%v", err)
		}
		if err := cmd.Context().Err(); err != nil {
			return failed(err)
		}
		rep := trec.EvaluateWithOptions(run, qrels, trec.Options{CompleteQrels: complete})
		switch {
		case rep.Judged == 0:
			return &exitError{code: 2, err: fmt.Errorf("%s judges no document relevant", qrelsPath)}
		case rep.JudgedInRun == 0:
			return &exitError{code: 2, err: fmt.Errorf("no judged query of %s appears in %s (do the query ids match?)", qrelsPath, runPath)}
		}
		env.Logger.Debug("evaluated run", "run", runPath, "qrels", qrelsPath,
			"judged", rep.Judged, "judged_in_run", rep.JudgedInRun, "unjudged", rep.Unjudged)
		if asJSON {
			err = writeEvalJSON(env.Stdout, runPath, qrelsPath, rep, perQuery)
		} else {
			err = writeEvalTable(env.Stdout, runPath, qrelsPath, rep, perQuery)
		}
		if err != nil {
			return failed(err)
		}
		return nil
	}
	return cmd
}

// readEvalFile opens path ("-" is standard input) and reads it with read.
func readEvalFile[T any](env *Env, path string, read func(io.Reader) (T, error)) (T, error) {
	if path == "-" {
		v, err := read(env.Stdin)
		if err != nil {
			return v, fmt.Errorf("standard input: %w", err)
		}
		return v, nil
	}
	f, err := os.Open(path)
	if err != nil {
		var zero T
		return zero, err
	}
	defer f.Close()
	v, err := read(f)
	if err != nil {
		return v, fmt.Errorf("%s: %w", path, err)
	}
	return v, nil
}

func writeEvalTable(w io.Writer, runPath, qrelsPath string, rep trec.Report, perQuery bool) error {
	if perQuery {
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "qid\tmrr@10\tr@10\tr@100\tndcg@10\tap")
		for _, q := range rep.Queries {
			fmt.Fprintf(tw, "%s\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\n", q.QID, q.MRR10, q.Recall10, q.Recall100, q.NDCG10, q.MAP)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		fmt.Fprintln(w)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	averaged := "judged queries in the run (as trec_eval; --complete for all)"
	if rep.Complete {
		averaged = "all judged queries, missing ones as 0 (as trec_eval -c)"
	}
	fmt.Fprintf(tw, "run\t%s\n", runPath)
	fmt.Fprintf(tw, "qrels\t%s\n", qrelsPath)
	fmt.Fprintf(tw, "queries\t%d averaged: %s\n", len(rep.Queries), averaged)
	fmt.Fprintf(tw, "judged\t%d in the qrels, %d of them in the run, %d missing from the run\n",
		rep.Judged, rep.JudgedInRun, len(rep.MissingFromRun))
	if rep.Unjudged > 0 {
		fmt.Fprintf(tw, "unjudged\t%d queries of the run have no relevant document in the qrels (ignored)\n", rep.Unjudged)
	}
	m := rep.Mean
	for _, row := range []struct {
		name  string
		value float64
	}{{"MRR@10", m.MRR10}, {"Recall@10", m.Recall10}, {"Recall@100", m.Recall100}, {"nDCG@10", m.NDCG10}, {"MAP", m.MAP}} {
		fmt.Fprintf(tw, "%s\t%.4f\n", row.name, row.value)
	}
	return tw.Flush()
}

// evalJSON is the object printed by "fahras eval --json".
type evalJSON struct {
	Run            string             `json:"run"`
	Qrels          string             `json:"qrels"`
	Complete       bool               `json:"complete"`
	Queries        int                `json:"queries"`
	Judged         int                `json:"judged"`
	JudgedInRun    int                `json:"judged_in_run"`
	MissingFromRun []string           `json:"missing_from_run"`
	Unjudged       int                `json:"unjudged"`
	Mean           trec.Metrics       `json:"mean"`
	PerQuery       []trec.QueryResult `json:"per_query,omitempty"`
}

func writeEvalJSON(w io.Writer, runPath, qrelsPath string, rep trec.Report, perQuery bool) error {
	out := evalJSON{
		Run:            runPath,
		Qrels:          qrelsPath,
		Complete:       rep.Complete,
		Queries:        len(rep.Queries),
		Judged:         rep.Judged,
		JudgedInRun:    rep.JudgedInRun,
		MissingFromRun: rep.MissingFromRun,
		Unjudged:       rep.Unjudged,
		Mean:           rep.Mean,
	}
	if out.MissingFromRun == nil {
		out.MissingFromRun = []string{}
	}
	if perQuery {
		out.PerQuery = rep.Queries
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("write JSON: %w", err)
	}
	return nil
}
