// Package trec reads and writes the TREC formats used to evaluate
// rankings — query files, run files and qrels — and computes the usual
// metrics the way trec_eval does.
package trec

import (
	"bufio"
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// maxLine is the longest line accepted in any of the formats.
const maxLine = 1 << 20

// Query is one line of a query file.
type Query struct {
	ID   string
	Text string
}

// ReadQueries reads a query file: one "qid<TAB>query text" per line.
// Blank lines and lines starting with "#" are skipped, and a leading byte
// order mark is ignored.
func ReadQueries(r io.Reader) ([]Query, error) {
	var queries []Query
	seen := make(map[string]int)
	err := eachLine(r, func(n int, line string) error {
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			return nil
		}
		id, text, ok := strings.Cut(line, "\t")
		if !ok {
			return fmt.Errorf("line %d: no tab between the query id and the query text", n)
		}
		id, text = strings.TrimSpace(id), strings.TrimSpace(text)
		if id == "" {
			return fmt.Errorf("line %d: empty query id", n)
		}
		if text == "" {
			return fmt.Errorf("line %d: query %q has no text", n, id)
		}
		if first, dup := seen[id]; dup {
			return fmt.Errorf("line %d: query %q already defined on line %d", n, id, first)
		}
		seen[id] = n
		queries = append(queries, Query{ID: id, Text: text})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read queries: %w", err)
	}
	return queries, nil
}

// RunLine is one retrieved document of a run.
type RunLine struct {
	QID   string
	DocID string
	Rank  int
	Score float64
	Tag   string
}

// Run maps a query id to its retrieved documents in evaluation order.
type Run map[string][]RunLine

// WriteRun writes lines in the TREC run format "qid Q0 docid rank score
// tag". Scores are written in their shortest exact decimal form, so that
// reading the run back orders it the same way.
func WriteRun(w io.Writer, lines []RunLine) error {
	bw := bufio.NewWriter(w)
	for i, l := range lines {
		for _, f := range []struct{ name, value string }{{"query id", l.QID}, {"document id", l.DocID}, {"tag", l.Tag}} {
			if f.value == "" || strings.ContainsFunc(f.value, unicode.IsSpace) {
				return fmt.Errorf("write run: line %d: %s %q is empty or holds white space", i+1, f.name, f.value)
			}
		}
		if math.IsNaN(l.Score) || math.IsInf(l.Score, 0) {
			return fmt.Errorf("write run: line %d: score %v is not a finite number", i+1, l.Score)
		}
		fmt.Fprintf(bw, "%s Q0 %s %d %s %s\n", l.QID, l.DocID, l.Rank, strconv.FormatFloat(l.Score, 'f', -1, 64), l.Tag)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write run: %w", err)
	}
	return nil
}

// ReadRun reads a run in the TREC format "qid Q0 docid rank score tag"
// (any white space between fields). As trec_eval does, it ignores the
// ranks of the file and orders each query's documents by score,
// descending, breaking ties by document id in reverse byte order; Rank is
// then renumbered from 1 in that order. A document retrieved twice for
// the same query is an error, as in trec_eval.
func ReadRun(r io.Reader) (Run, error) {
	run := make(Run)
	seen := make(map[[2]string]int)
	err := eachLine(r, func(n int, line string) error {
		f := strings.Fields(line)
		if len(f) == 0 {
			return nil
		}
		if len(f) != 6 {
			return fmt.Errorf("line %d: %d fields, want 6 (qid Q0 docid rank score tag)", n, len(f))
		}
		rank, err := strconv.Atoi(f[3])
		if err != nil {
			return fmt.Errorf("line %d: rank %q is not an integer", n, f[3])
		}
		score, err := strconv.ParseFloat(f[4], 64)
		if err != nil || math.IsNaN(score) {
			return fmt.Errorf("line %d: score %q is not a number", n, f[4])
		}
		key := [2]string{f[0], f[2]}
		if first, dup := seen[key]; dup {
			return fmt.Errorf("line %d: document %q retrieved twice for query %q (first on line %d)", n, f[2], f[0], first)
		}
		seen[key] = n
		run[f[0]] = append(run[f[0]], RunLine{QID: f[0], DocID: f[2], Rank: rank, Score: score, Tag: f[5]})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read run: %w", err)
	}
	for _, lines := range run {
		SortRun(lines)
	}
	return run, nil
}

// SortRun puts one query's documents in trec_eval's evaluation order —
// score descending, ties broken by document id descending — and
// renumbers their ranks from 1.
func SortRun(lines []RunLine) {
	slices.SortStableFunc(lines, func(a, b RunLine) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		return strings.Compare(b.DocID, a.DocID)
	})
	for i := range lines {
		lines[i].Rank = i + 1
	}
}

// Qrels maps a query id to the judged documents and their relevance
// grades. A grade above 0 is relevant; grades are the gains of nDCG.
type Qrels map[string]map[string]int

// ReadQrels reads relevance judgements in the TREC format "qid 0 docid
// rel" (any white space between fields; the second field is ignored).
// Judging the same document twice for a query is an error, as in
// trec_eval.
func ReadQrels(r io.Reader) (Qrels, error) {
	qrels := make(Qrels)
	err := eachLine(r, func(n int, line string) error {
		f := strings.Fields(line)
		if len(f) == 0 {
			return nil
		}
		if len(f) != 4 {
			return fmt.Errorf("line %d: %d fields, want 4 (qid 0 docid rel)", n, len(f))
		}
		rel, err := strconv.Atoi(f[3])
		if err != nil {
			return fmt.Errorf("line %d: relevance %q is not an integer", n, f[3])
		}
		docs := qrels[f[0]]
		if docs == nil {
			docs = make(map[string]int)
			qrels[f[0]] = docs
		}
		if _, dup := docs[f[2]]; dup {
			return fmt.Errorf("line %d: document %q judged twice for query %q", n, f[2], f[0])
		}
		docs[f[2]] = rel
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read qrels: %w", err)
	}
	return qrels, nil
}

var bom = []byte("\ufeff")

// eachLine calls fn with every line of r and its 1-based number, without
// the line ending and without a byte order mark on the first line.
func eachLine(r io.Reader, fn func(n int, line string) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), maxLine)
	n := 0
	for sc.Scan() {
		n++
		b := sc.Bytes()
		if n == 1 {
			b = bytes.TrimPrefix(b, bom)
		}
		b = bytes.TrimSuffix(b, []byte("\r"))
		if err := fn(n, string(b)); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return fmt.Errorf("line %d: longer than %d bytes", n+1, maxLine)
		}
		return fmt.Errorf("line %d: %w", n+1, err)
	}
	return nil
}
