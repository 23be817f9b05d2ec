package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/fahras/fahras/index"
	"github.com/fahras/fahras/search"
	"github.com/fahras/fahras/search/trec"
)

// listFlag collects a repeatable flag; a comma also separates values.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error {
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			*l = append(*l, s)
		}
	}
	return nil
}

// openEngine opens an index and its search engine.
func openEngine(dir, geonamesFile string) (*index.Index, *search.Engine, error) {
	ix, err := index.Open(dir)
	if err != nil {
		if errors.Is(err, index.ErrNotExist) {
			return nil, nil, fmt.Errorf("%w (build one with: fahras index --index %s PATH...)", err, dir)
		}
		return nil, nil, err
	}
	g, err := loadGazetteer(geonamesFile)
	if err != nil {
		ix.Close()
		return nil, nil, err
	}
	eng, err := search.New(ix, g)
	if err != nil {
		ix.Close()
		return nil, nil, err
	}
	return ix, eng, nil
}

func runSearch(ctx context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("search", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	dir := fs.String("index", defaultIndexDir, "index directory")
	var req search.Request
	var places, countries, sources, categories, authors listFlag
	fs.StringVar(&req.From, "from", "", "published on or after this date (YYYY-MM-DD)")
	fs.StringVar(&req.To, "to", "", "published on or before this date (YYYY-MM-DD)")
	fs.Var(&places, "place", "only articles about this place (ID or name; repeatable)")
	fs.Var(&countries, "country", "only articles about this country (ISO code or name; repeatable)")
	fs.Var(&sources, "source", "only this source (repeatable)")
	fs.Var(&categories, "category", "only this category (repeatable)")
	fs.Var(&authors, "author", "only this author (repeatable)")
	fs.StringVar(&req.Sort, "sort", "", "relevance, newest or oldest (default relevance; newest for an empty query)")
	size := fs.Int("size", 0, "hits per page (default 10; with --batch 100)")
	fs.IntVar(&req.Page, "page", 1, "page number")
	after := fs.String("after", "", "search_after cursor of the previous page (comma-separated)")
	asJSON := fs.Bool("json", false, "print the whole result as JSON")
	batch := fs.String("batch", "", "run every qid<TAB>query line of this file")
	runFile := fs.String("run", "", "with --batch: write a TREC run file here (- for standard output)")
	tag := fs.String("tag", "fahras", "with --batch: the run tag")
	gazetteerFile := fs.String("gazetteer", "", "GeoNames cities file to add to the gazetteer")
	weights := fs.String("weights", "", "field boosts for ranking experiments: title=1.2,title_exact=0.3,body=1,body_exact=0.6")
	fs.Usage = func() {
		fmt.Fprintln(env.Stderr, "Usage: fahras search [flags] QUERY\n       fahras search --batch QUERIES.tsv --run RUN.txt [--size 100] [--tag NAME]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	req.Places, req.Countries, req.Sources, req.Categories, req.Authors = places, countries, sources, categories, authors
	req.Size = *size
	if *after != "" {
		req.SearchAfter = strings.Split(*after, ",")
	}

	ix, eng, err := openEngine(*dir, *gazetteerFile)
	if err != nil {
		fmt.Fprintf(env.Stderr, "fahras search: %v\n", err)
		return 1
	}
	defer ix.Close()
	if *weights != "" {
		w, err := parseWeights(*weights)
		if err != nil {
			fmt.Fprintf(env.Stderr, "fahras search: %v\n", err)
			return 2
		}
		eng.SetWeights(w)
	}

	if *batch != "" {
		if *runFile == "" {
			fmt.Fprintln(env.Stderr, "fahras search: --batch needs --run FILE")
			return 2
		}
		if req.Size == 0 {
			req.Size = 100
		}
		return runBatch(ctx, env, eng, req, *batch, *runFile, *tag)
	}

	req.Query = strings.Join(fs.Args(), " ")
	res, err := eng.Search(ctx, req)
	if err != nil {
		var se *search.Error
		if errors.As(err, &se) {
			fmt.Fprintf(env.Stderr, "fahras search: %s\n", se.Message)
			return 2
		}
		fmt.Fprintf(env.Stderr, "fahras search: %v\n", err)
		return 1
	}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(res); err != nil {
			fmt.Fprintf(env.Stderr, "fahras search: %v\n", err)
			return 1
		}
		return 0
	}
	printResult(env.Stdout, res, env.StdoutIsTerminal)
	return 0
}

var markTags = regexp.MustCompile(`</?mark>`)

// plain turns a highlighted HTML fragment into terminal text: matches
// in brackets, entities decoded.
func plain(s string) string {
	s = markTags.ReplaceAllStringFunc(s, func(tag string) string {
		if tag == "<mark>" {
			return "["
		}
		return "]"
	})
	r := strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&#34;", `"`, "&#39;", "'", "&quot;", `"`)
	return r.Replace(s)
}

// printResult prints a result as a readable table.
func printResult(w io.Writer, res *search.Result, terminal bool) {
	iso := func(s string) string { return isolate(s, terminal) }
	fmt.Fprintf(w, "%d results (%.1f ms), page %d, sorted by %s\n", res.Total, res.TookMS, res.Page, res.Sort)
	if res.DidYouMean != "" {
		fmt.Fprintf(w, "did you mean: %s\n", iso(res.DidYouMean))
	}
	for _, warn := range res.Warnings {
		fmt.Fprintf(w, "note: %s\n", warn)
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "#\tscore\tdate\tsource\tid\ttitle")
	for i, h := range res.Hits {
		date := ""
		if h.Published != nil {
			date = h.Published.Format("2006-01-02")
		}
		title := h.Title
		if t, ok := h.Highlights["title"]; ok {
			title = plain(t)
		}
		fmt.Fprintf(tw, "%d\t%.3f\t%s\t%s\t%s\t%s\n", (res.Page-1)*res.Size+i+1, h.Score, date, iso(h.Source), h.ID, iso(title))
	}
	tw.Flush()
	for i, h := range res.Hits {
		if h.Snippet == "" {
			continue
		}
		fmt.Fprintf(w, "\n%d. %s\n", (res.Page-1)*res.Size+i+1, iso(plain(h.Snippet)))
	}
	if f := res.Facets; f != nil {
		fmt.Fprintln(w, "\nfacets:")
		var dates []string
		for _, b := range f.Dates.Buckets {
			dates = append(dates, fmt.Sprintf("%s (%d)", b.Key, b.Count))
		}
		fmt.Fprintf(w, "  dates by %s: %s\n", f.Dates.Interval, strings.Join(dates, "  "))
		var places []string
		for _, p := range f.Places {
			places = append(places, fmt.Sprintf("%s %s (%d)", iso(p.Name), p.ID, p.Count))
		}
		fmt.Fprintf(w, "  countries: %s\n", strings.Join(places, "  "))
		for _, kv := range []struct {
			name string
			b    []search.Bucket
		}{{"sources", f.Sources}, {"categories", f.Categories}, {"authors", f.Authors}} {
			var list []string
			for _, b := range kv.b {
				list = append(list, fmt.Sprintf("%s (%d)", iso(b.Value), b.Count))
			}
			fmt.Fprintf(w, "  %s: %s\n", kv.name, strings.Join(list, "  "))
		}
	}
	if len(res.SearchAfter) > 0 {
		fmt.Fprintf(w, "\nnext page: --after %s\n", strings.Join(res.SearchAfter, ","))
	}
}

// runBatch runs every query of a TREC query file and writes a run file.
func runBatch(ctx context.Context, env *Env, eng *search.Engine, base search.Request, queriesFile, runFile, tag string) int {
	f, err := os.Open(queriesFile)
	if err != nil {
		fmt.Fprintf(env.Stderr, "fahras search: %v\n", err)
		return 1
	}
	queries, err := trec.ReadQueries(f)
	f.Close()
	if err != nil {
		fmt.Fprintf(env.Stderr, "fahras search: %s: %v\n", queriesFile, err)
		return 2
	}
	var out io.Writer = env.Stdout
	if runFile != "-" {
		rf, err := os.Create(runFile)
		if err != nil {
			fmt.Fprintf(env.Stderr, "fahras search: %v\n", err)
			return 1
		}
		defer rf.Close()
		bw := bufio.NewWriter(rf)
		defer bw.Flush()
		out = bw
	}
	start := time.Now()
	failed := 0
	var lines []trec.RunLine
	for _, q := range queries {
		if ctx.Err() != nil {
			fmt.Fprintf(env.Stderr, "fahras search: %v\n", ctx.Err())
			return 1
		}
		req := base
		req.Query = q.Text
		req.NoFacets = true
		req.NoHighlight = true
		req.Sort = search.SortRelevance
		res, err := eng.Search(ctx, req)
		if err != nil {
			failed++
			fmt.Fprintf(env.Stderr, "query %s: %v\n", q.ID, err)
			continue
		}
		for i, h := range res.Hits {
			lines = append(lines, trec.RunLine{QID: q.ID, DocID: h.ID, Rank: i + 1, Score: h.Score, Tag: tag})
		}
	}
	if err := trec.WriteRun(out, lines); err != nil {
		fmt.Fprintf(env.Stderr, "fahras search: %v\n", err)
		return 1
	}
	elapsed := time.Since(start)
	fmt.Fprintf(env.Stderr, "%d queries (%d failed) in %s, %.1f ms per query\n",
		len(queries), failed, elapsed.Round(time.Millisecond), float64(elapsed.Milliseconds())/float64(max(1, len(queries))))
	if failed == len(queries) && failed > 0 {
		return 1
	}
	return 0
}

// parseWeights reads field=boost pairs over the default weights.
func parseWeights(s string) (search.Weights, error) {
	w := search.DefaultWeights
	for _, pair := range strings.Split(s, ",") {
		name, value, ok := strings.Cut(strings.TrimSpace(pair), "=")
		if !ok {
			return w, fmt.Errorf("--weights: %q is not field=boost", pair)
		}
		var f float64
		if _, err := fmt.Sscanf(value, "%g", &f); err != nil || f < 0 {
			return w, fmt.Errorf("--weights: bad boost %q for %s", value, name)
		}
		switch name {
		case "title":
			w.Title = f
		case "title_exact":
			w.TitleExact = f
		case "body":
			w.Body = f
		case "body_exact":
			w.BodyExact = f
		default:
			return w, fmt.Errorf("--weights: unknown field %q", name)
		}
	}
	return w, nil
}
