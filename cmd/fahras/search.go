package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"regexp"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/fahras/fahras/index"
	"github.com/fahras/fahras/search"
	"github.com/fahras/fahras/search/trec"
)

// requestFlags registers a flag for every parameter of a ParamSet (but
// the query, which is the command's arguments): --name for name, with
// '_' as '-'; repeatable parameters take the flag several times (or
// comma-separated values when the parameter allows it), booleans take no
// value. values gives back the flags that were set, as query-string
// values for the ParamSet to parse: the command line and the API read a
// request through the same checks.
func requestFlags(cmd *cobra.Command, params []search.Param) (values func() url.Values) {
	fs := cmd.Flags()
	given := map[string]*paramValue{}
	for _, p := range params {
		if p.Name == "q" {
			continue
		}
		v := &paramValue{param: p}
		if p.Default != "" {
			v.vals = []string{p.Default}
		}
		usage := p.Doc
		if p.Kind == search.KindEnum && len(p.Enum) > 3 {
			usage += "; one of " + strings.Join(p.Enum, ", ")
		}
		if p.Repeatable {
			usage += " (repeatable)"
		}
		f := fs.VarPF(v, p.Flag(), "", usage)
		if p.Kind == search.KindBool {
			f.NoOptDefVal = "true"
		}
		if p.Kind == search.KindEnum {
			_ = cmd.RegisterFlagCompletionFunc(p.Flag(), fixedCompletion(p.Enum...))
		}
		given[p.Name] = v
	}
	return func() url.Values {
		out := url.Values{}
		for name, v := range given {
			if fs.Changed(v.param.Flag()) {
				out[name] = v.vals
			}
		}
		return out
	}
}

// paramValue is the flag of a request parameter: it keeps the text
// given, which the ParamSet checks, as it checks a query string.
type paramValue struct {
	param search.Param
	vals  []string
	set   bool
}

func (v *paramValue) String() string {
	if v.param.Kind == search.KindBool && len(v.vals) == 0 {
		return "false"
	}
	return strings.Join(v.vals, ",")
}

func (v *paramValue) Set(s string) error {
	if !v.set || !v.param.Repeatable {
		v.vals = nil // the default, or a single value given again
	}
	v.set = true
	v.vals = append(v.vals, s)
	return nil
}

// Type names the value in the help.
func (v *paramValue) Type() string {
	switch v.param.Kind {
	case search.KindBool:
		return "bool"
	case search.KindInt:
		return "int"
	case search.KindDate:
		return "date"
	case search.KindEnum:
		if len(v.param.Enum) <= 3 {
			return strings.Join(v.param.Enum, "|")
		}
		return "name"
	}
	return "string"
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

// requestError reports a refused request as a misuse of the command,
// naming the flag at fault.
func requestError(err error) error {
	var se *search.Error
	if !errors.As(err, &se) {
		return failed(err)
	}
	if se.Param != "" && se.Param != "q" {
		return misused("--%s: %s", strings.ReplaceAll(se.Param, "_", "-"), se.Message)
	}
	return misused("%s", se.Message)
}

func searchCommand(env *Env) *cobra.Command {
	var dir, batch, runFile, tag, gazetteerFile, weights string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "search [flags] [QUERY...]",
		Short: "search an index, or batch-run a query file into a TREC run",
		Long: "Searches an index: the arguments are the query (see the README's query language;\n" +
			"put -- before a query that starts with -), the flags its filters, order and page;\n" +
			"without a query, lists the newest articles.\n" +
			"With --batch, runs every qid<TAB>query line of a file and writes a TREC run.",
		Example: "  fahras search --country IQ --from 2018-03-01 --to 2018-03-31 الانتخابات\n" +
			"  fahras search '\"مجلس الأمن\" -إسرائيل' --json\n" +
			"  fahras search --batch queries.tsv --run run.txt --size 100",
	}
	indexFlag(cmd, &dir, defaultIndexDir, "index directory")
	values := requestFlags(cmd, search.SearchParams.Params())
	fs := cmd.Flags()
	fs.BoolVar(&asJSON, "json", false, "print the whole result as JSON")
	fs.StringVar(&batch, "batch", "", "run every qid<TAB>query line of this file")
	fs.StringVar(&runFile, "run", "", "with --batch: write a TREC run file here (- for standard output)")
	fs.StringVar(&tag, "tag", "fahras", "with --batch: the run tag")
	gazetteerFlag(cmd, &gazetteerFile)
	fs.StringVar(&weights, "weights", "", "field boosts for ranking experiments: title=1.2,title_exact=0.3,body=1,body_exact=0.6")
	noVariants := fs.Bool("no-variants", false, "for comparisons: search words without their other spellings, mined from the index or from the gazetteer (synonyms still apply)")
	cmd.RunE = func(cmd *cobra.Command, words []string) error {
		v := values()
		if batch != "" {
			if runFile == "" {
				return misused("--batch needs --run FILE")
			}
			if len(words) > 0 {
				return misused("--batch reads its queries from the file; drop %q", strings.Join(words, " "))
			}
			if !v.Has("size") {
				v.Set("size", "100")
			}
		}
		v.Set("q", strings.Join(words, " "))
		req, err := search.SearchParams.Parse(v)
		if err != nil {
			return requestError(err)
		}
		var w search.Weights
		if weights != "" {
			if w, err = parseWeights(weights); err != nil {
				return misused("%v", err)
			}
		}
		ix, eng, err := openEngine(dir, gazetteerFile)
		if err != nil {
			return failed(err)
		}
		defer ix.Close()
		if weights != "" {
			eng.SetWeights(w)
		}
		eng.SetVariants(!*noVariants)
		if batch != "" {
			if !*noVariants {
				// A batch is long: every query searches with the
				// spellings mined first (one search alone does not wait).
				if _, err := eng.Variants(cmd.Context()); err != nil {
					return failed(err)
				}
			}
			return runBatch(cmd.Context(), env, eng, req, batch, runFile, tag)
		}
		res, err := eng.Search(cmd.Context(), req)
		if err != nil {
			return requestError(err)
		}
		if asJSON {
			enc := json.NewEncoder(env.Stdout)
			enc.SetEscapeHTML(false)
			if err := enc.Encode(res); err != nil {
				return failed(err)
			}
			return nil
		}
		printResult(env.Stdout, res, env.StdoutIsTerminal)
		return nil
	}
	return cmd
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
	atLeast := ""
	if res.TotalRelation == search.TotalLowerBound {
		atLeast = "at least "
	}
	fmt.Fprintf(w, "%s%d results (%.1f ms), page %d, sorted by %s\n", atLeast, res.Total, res.TookMS, res.Page, res.Sort)
	if res.Stories != nil {
		storiesAtLeast := ""
		if res.Stories.Relation == "gte" {
			storiesAtLeast = "at least "
		}
		fmt.Fprintf(w, "collapsed by story: %s%d stories\n", storiesAtLeast, res.Stories.Count)
	}
	if res.DidYouMean != "" {
		fmt.Fprintf(w, "did you mean: %s\n", iso(res.DidYouMean))
	}
	for _, warn := range res.Warnings {
		fmt.Fprintf(w, "note: %s\n", warn.Message)
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
		if h.Snippet == "" && h.Collapsed == nil {
			continue
		}
		fmt.Fprintf(w, "\n%d. %s\n", (res.Page-1)*res.Size+i+1, iso(plain(h.Snippet)))
		if g := h.Collapsed; g != nil && g.Versions > 1 {
			var sources []string
			for _, b := range g.Sources {
				sources = append(sources, fmt.Sprintf("%s (%d)", iso(b.Value), b.Count))
			}
			fmt.Fprintf(w, "   story %s: %d versions from %s\n", g.ID, g.Versions, strings.Join(sources, ", "))
		}
	}
	if f := res.Facets; f != nil {
		fmt.Fprintln(w, "\nfacets:")
		keywords := map[string][]search.Bucket{"sources": f.Sources, "categories": f.Categories, "authors": f.Authors}
		for _, facet := range search.FacetTable() {
			var list []string
			switch {
			case facet.Kind == search.FacetDate && f.Dates != nil:
				for _, b := range f.Dates.Buckets {
					list = append(list, fmt.Sprintf("%s (%d)", b.Key, b.Count))
				}
				fmt.Fprintf(w, "  dates by %s: %s\n", f.Dates.Interval, strings.Join(list, "  "))
			case facet.Kind == search.FacetPlace && f.Places != nil:
				for _, p := range f.Places {
					list = append(list, fmt.Sprintf("%s %s (%d)", iso(p.Name), p.ID, p.Count))
				}
				fmt.Fprintf(w, "  places: %s\n", strings.Join(list, "  "))
			case facet.Kind == search.FacetKeyword && keywords[facet.Name] != nil:
				for _, b := range keywords[facet.Name] {
					list = append(list, fmt.Sprintf("%s (%d)", iso(b.Value), b.Count))
				}
				fmt.Fprintf(w, "  %s: %s\n", facet.Name, strings.Join(list, "  "))
			}
		}
	}
	if len(res.SearchAfter) > 0 {
		fmt.Fprintf(w, "\nnext page: --search-after %s\n", strings.Join(res.SearchAfter, ","))
	}
}

// runBatch runs every query of a TREC query file and writes a run file.
func runBatch(ctx context.Context, env *Env, eng *search.Engine, base search.Request, queriesFile, runFile, tag string) error {
	f, err := os.Open(queriesFile)
	if err != nil {
		return failed(err)
	}
	queries, err := trec.ReadQueries(f)
	f.Close()
	if err != nil {
		return misused("%s: %v", queriesFile, err)
	}
	var out io.Writer = env.Stdout
	if runFile != "-" {
		rf, err := os.Create(runFile)
		if err != nil {
			return failed(err)
		}
		defer rf.Close()
		bw := bufio.NewWriter(rf)
		defer bw.Flush()
		out = bw
	}
	start := time.Now()
	failures := 0
	var lines []trec.RunLine
	for _, q := range queries {
		if ctx.Err() != nil {
			return failed(ctx.Err())
		}
		req := base
		req.Query = q.Text
		req.NoFacets = true
		req.NoHighlight = true
		req.Sort = search.SortRelevance
		res, err := eng.Search(ctx, req)
		if err != nil {
			failures++
			fmt.Fprintf(env.Stderr, "query %s: %v\n", q.ID, err)
			continue
		}
		for i, h := range res.Hits {
			lines = append(lines, trec.RunLine{QID: q.ID, DocID: h.ID, Rank: i + 1, Score: h.Score, Tag: tag})
		}
	}
	if err := trec.WriteRun(out, lines); err != nil {
		return failed(err)
	}
	elapsed := time.Since(start)
	fmt.Fprintf(env.Stderr, "%d queries (%d failed) in %s, %.1f ms per query\n",
		len(queries), failures, elapsed.Round(time.Millisecond), float64(elapsed.Milliseconds())/float64(max(1, len(queries))))
	if failures == len(queries) && failures > 0 {
		return status(1)
	}
	return nil
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
