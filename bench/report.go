package bench

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// Report is the outcome of a comparison run.
type Report struct {
	Machine   Machine   `json:"machine"`
	Command   string    `json:"command"`
	Date      time.Time `json:"date"`
	Corpus    string    `json:"corpus"`
	Articles  int64     `json:"articles"`
	TextBytes int64     `json:"text_bytes"`
	// Scaled says the articles were derived with a Scaler from Corpus,
	// with Seed; Generation is how long deriving them all took (part of
	// every system's indexing time).
	Scaled     bool          `json:"scaled"`
	Seed       int64         `json:"seed"`
	Generation time.Duration `json:"generation_ns"`
	// Duration is how long each query kind ran at each concurrency.
	Duration time.Duration  `json:"duration_ns"`
	Clients  []int          `json:"clients"`
	Mix      []Query        `json:"mix"`
	Systems  []SystemReport `json:"systems"`
	// Note says where the figures come from when they were not written
	// by the run itself (copied by hand from an earlier report).
	Note string `json:"note,omitempty"`
}

// SystemReport is what was measured of one system. The first system of a
// report is the one the others are compared with.
type SystemReport struct {
	Name  string     `json:"name"`
	Index IndexStats `json:"index"`
	// Open is the time to open the index again after the query runs
	// (for PostgreSQL, to restart the server and connect); FirstQuery is
	// the time to answer the first query after that.
	Open       time.Duration `json:"open_ns"`
	FirstQuery time.Duration `json:"first_query_ns"`
	// Settle is how long bleve went on merging and persisting segments
	// after the last article was acknowledged (fahras and bleve); the
	// queries are measured once it is over.
	Settle  time.Duration `json:"merging_after_ns"`
	Queries []QueryResult `json:"queries"`
	// Append measures adding new articles to the index afterwards.
	Append *AppendStats `json:"append,omitempty"`
	// Skipped says why the system was not measured.
	Skipped string `json:"skipped,omitempty"`
}

// result returns the measurement of a query kind at a concurrency.
func (s SystemReport) result(kind string, clients int) (QueryResult, bool) {
	for _, q := range s.Queries {
		if q.Kind == kind && q.Clients == clients {
			return q, true
		}
	}
	return QueryResult{}, false
}

// total is the number of matches of a query kind, as text.
func (s SystemReport) total(kind string) string {
	for _, q := range s.Queries {
		if q.Kind == kind {
			if q.Total < 0 {
				return "?"
			}
			return thousands(q.Total)
		}
	}
	return "–"
}

// WriteMarkdown writes the report as Markdown: the setup, an indexing
// table, a query table per concurrency, and how the numbers were taken.
func (r *Report) WriteMarkdown(w io.Writer) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }

	p("## Setup\n\n")
	p("- Date: %s\n", r.Date.UTC().Format("2006-01-02 15:04 MST"))
	p("- Machine: %d cores (%s), %s MB memory, %s, %s\n", r.Machine.Cores, orDash(r.Machine.CPU), thousands(r.Machine.MemoryMB), r.Machine.OS, r.Machine.GoVersion)
	if r.Command != "" {
		p("- Command: `%s`\n", r.Command)
	}
	corpus := fmt.Sprintf("%s articles, %.1f MB of text (titles and bodies)", thousands(r.Articles), float64(r.TextBytes)/1e6)
	if r.Scaled {
		corpus += fmt.Sprintf(", derived from %s with seed %d (derivation alone: %s, included in every indexing time)", orDash(r.Corpus), r.Seed, r.Generation.Round(time.Millisecond))
	} else if r.Corpus != "" {
		corpus += " of " + r.Corpus
	}
	p("- Corpus: %s\n", corpus)
	if r.Note != "" {
		p("- Note: %s\n", r.Note)
	}
	p("- Queries: each kind alone for %s at each concurrency, after one warm-up query\n\n", r.Duration)

	var active []SystemReport
	for _, s := range r.Systems {
		if s.Skipped != "" {
			p("- %s: skipped (%s)\n\n", s.Name, s.Skipped)
			continue
		}
		active = append(active, s)
	}

	p("## Indexing\n\n")
	p("| system | documents | docs/s | MB/s | CPU s | merging after, s | index size | size ÷ text | peak RSS (at start) | open ms | first query ms |\n")
	p("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, s := range active {
		x := s.Index
		settle := "–"
		if s.Settle > 0 {
			settle = fmt.Sprintf("%.1f", s.Settle.Seconds())
		}
		p("| %s | %s | %.0f | %.2f | %.1f | %s | %s | %.2f | %s | %s | %s |\n", s.Name, thousands(x.Docs), x.DocsPerSecond(), x.MBPerSecond(),
			x.CPU.Seconds(), settle, megabytes(x.SizeBytes), x.SizeRatio(), rss(x), Milliseconds(s.Open), Milliseconds(s.FirstQuery))
	}
	if len(active) > 1 {
		p("\n| fahras ÷ anchor | docs/s | size ÷ text |\n|---|---:|---:|\n")
		for _, s := range active[1:] {
			p("| %s | %s | %s |\n", s.Name, times(active[0].Index.DocsPerSecond(), s.Index.DocsPerSecond()), times(active[0].Index.SizeRatio(), s.Index.SizeRatio()))
		}
	}

	for _, s := range active {
		if a := s.Append; a != nil {
			p("\n%s, appending %s new articles to the index while one client asks the query mix (every kind in turn): "+
				"%.0f articles/s (the bulk load: %.0f/s); the mix's p50 / p99 %s / %s ms while appending, %s / %s ms on the settled index just before (p99 ratio %.2f).\n",
				s.Name, thousands(a.Docs), a.DocsPerSecond(), s.Index.DocsPerSecond(),
				Milliseconds(a.During.P50), Milliseconds(a.During.P99), Milliseconds(a.Settled.P50), Milliseconds(a.Settled.P99),
				ratio(float64(a.During.P99), float64(a.Settled.P99)))
		}
	}
	for _, c := range r.Clients {
		if len(active) == 0 {
			break
		}
		p("\n## Queries, %d client%s\n\n", c, plural(c))
		p("Latency p50 / p95 / p99 in milliseconds, queries per second, the CPU milliseconds one query costs, "+
			"and how much of the machine the clients use: queries/s at %d client%s ÷ (%d cores ÷ CPU s/query of the one-client run).\n\n", c, plural(c), r.Machine.Cores)
		p("| query |")
		for _, s := range active {
			p(" %s p50 / p95 / p99 | %s QPS | %s CPU ms/query | %s machine use |", s.Name, s.Name, s.Name, s.Name)
		}
		for _, s := range active[min(1, len(active)):] {
			p(" QPS fahras ÷ %s |", s.Name)
		}
		p("\n|---|")
		for range active {
			p("---:|---:|---:|---:|")
		}
		for range active[min(1, len(active)):] {
			p("---:|")
		}
		p("\n")
		for _, q := range r.Mix {
			p("| %s |", q.Kind)
			for _, s := range active {
				l, ok := s.result(q.Kind, c)
				switch {
				case !ok:
					p(" – | – | – | – |")
				case l.Count == 0:
					p(" failed | 0 | – | – |")
				default:
					p(" %s / %s / %s | %.0f | %s | %s |", Milliseconds(l.P50), Milliseconds(l.P95), Milliseconds(l.P99), l.QPS,
						Milliseconds(l.CPUPerQuery), Share(l.MachineUse))
				}
			}
			first, _ := active[0].result(q.Kind, c)
			for _, s := range active[min(1, len(active)):] {
				l, _ := s.result(q.Kind, c)
				p(" %s |", times(first.QPS, l.QPS))
			}
			p("\n")
		}
		for _, s := range active {
			for _, q := range r.Mix {
				if l, ok := s.result(q.Kind, c); ok && l.Count == 0 && l.FirstErr != "" {
					p("\n%s, %s: %s\n", s.Name, q.Kind, l.FirstErr)
				}
			}
		}
	}

	var names []string
	for _, s := range active {
		names = append(names, s.Name)
	}
	p("\n## Query mix\n\nMatches: the number of articles each system finds (%s).\n\n", strings.Join(names, " / "))
	p("| query | words | phrase | facets | date filter | sort | country | deep | matches |\n|---|---|---|---|---|---|---|---:|---:|\n")
	for _, q := range r.Mix {
		dates := "–"
		if !q.From.IsZero() || !q.To.IsZero() {
			dates = q.From.Format("2006-01-02") + " – " + q.To.Format("2006-01-02")
		}
		sort := "relevance"
		if q.Newest {
			sort = "newest"
		}
		var matches []string
		for _, s := range active {
			matches = append(matches, s.total(q.Kind))
		}
		p("| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", q.Kind, orDash(q.Text), yes(q.Phrase), yes(q.Facets), dates, sort, orDash(q.Country), orDash(countOrEmpty(q.Skip)), strings.Join(matches, " / "))
	}

	p("\n## How the numbers were taken\n\n")
	p("- Each system indexes the same articles in turn, on the same machine, then answers the same query kinds. fahras and bleve run in this process; PostgreSQL runs as its own server.\n")
	p("- Peak RSS: fahras and bleve, this process's VmHWM, reset before each indexing run (after returning freed memory to the system) by writing 5 to /proc/self/clear_refs, with in parentheses the RSS at the start (the base corpus the articles are derived from, held by the benchmark itself); PostgreSQL, the VmHWM of the server process that ran COPY and built the indexes (shared buffers included as far as it touched them).\n")
	p("- Memory budget: fahras indexes with the default budget of `fahras index --memory` (1.5 GiB: merged segments capped at a sixth of it, and the Go heap limited to 85%% of it above what the benchmark held already).\n")
	p("- CPU: user and system time of this process during indexing; for PostgreSQL, of the server process serving the load.\n")
	p("- CPU per query: the CPU time of each query run (this process's user and system time for fahras and bleve, which run in it; for PostgreSQL, that of the postmaster and all its children, from /proc/<pid>/stat), over the same window as the wall time, divided by the queries answered. Machine use: the run's queries/s ÷ (cores ÷ CPU s/query of the one-client run of the same kind); 1.00 when the clients keep every core busy with the work a query costs alone, less when they wait on locks or each other, more when concurrent queries share work (caches).\n")
	p("- Merging after: fahras and bleve go on merging and persisting segments after the last article is acknowledged; the indexing time stops at the acknowledgement, the column shows how long the merging went on after it, and the queries and the index size are measured once it is over.\n")
	p("- Index size: fahras and bleve, the index directory once merging is over; PostgreSQL, pg_total_relation_size of the table (heap, TOAST, tsvector column, GIN and B-tree indexes).\n")
	p("- Open and first query: reopening the index after the query runs (PostgreSQL: server restart and a new connection), then the faceted query; the operating system's page cache stays warm.\n")
	p("- bleve-ar: bleve v2.6.3, default mapping with bleve's own `ar` analyzer as default analyzer: dynamic fields, stored, with term vectors and `_all`. Term facets on source and category (analyzed values) and a yearly date-range facet; no place facets; the country filter is a required phrase query for the country's Arabic name.\n")
	p("- postgres-fts: PostgreSQL full-text search, built-in `arabic` text search configuration; a stored generated tsvector over title and body with a GIN index, a B-tree on (published, id); words as OR-ed plainto_tsquery ranked by ts_rank, phrases with phraseto_tsquery, ts_headline for the 10 hits, facets with GROUPING SETS, keyset paging for the deep page; totals are counted only with facets. One psql connection per client; latency includes psql's round trip.\n")
	p("- fahras highlights the hits of every query with words; so do the anchors (bleve's highlighter, ts_headline).\n")
	return bw.Flush()
}

// Share formats a fraction of the machine (MachineUse), or "–" when
// unknown.
func Share(f float64) string {
	if f <= 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f", f)
}

// WriteJSON writes the report as indented JSON: the machine-readable twin
// of WriteMarkdown, with durations in nanoseconds. ReadReport reads it
// back.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("bench: write report as JSON: %w", err)
	}
	return nil
}

// ReadReport reads one report written by WriteJSON and checks that it
// holds measurements: a corpus size, at least one system, and latencies
// that are not negative, are ordered (p50 ≤ p95 ≤ p99) and are not 0 for
// a run that answered queries. Unknown fields are errors, so that a file
// of another kind is not taken for a report.
func ReadReport(r io.Reader) (*Report, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var rep Report
	if err := dec.Decode(&rep); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, errors.New("bench: read report: empty input")
		}
		return nil, fmt.Errorf("bench: read report: %w", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("bench: read report: more than one JSON value")
	}
	if err := rep.check(); err != nil {
		return nil, fmt.Errorf("bench: read report: %w", err)
	}
	return &rep, nil
}

// check is what ReadReport checks of a report.
func (r *Report) check() error {
	if r.Articles <= 0 {
		return fmt.Errorf("corpus size %d: want a positive number of articles", r.Articles)
	}
	if len(r.Systems) == 0 {
		return errors.New("no system measured")
	}
	for _, s := range r.Systems {
		if s.Name == "" {
			return errors.New("a system without a name")
		}
		for _, q := range s.Queries {
			where := fmt.Sprintf("%s, %s at %d clients", s.Name, q.Kind, q.Clients)
			if q.Kind == "" {
				return fmt.Errorf("%s: a query without a kind", s.Name)
			}
			if q.Clients <= 0 {
				return fmt.Errorf("%s: want at least one client", where)
			}
			if q.Count < 0 || q.Errors < 0 || q.QPS < 0 || q.CPU < 0 || q.CPUPerQuery < 0 || q.MachineUse < 0 {
				return fmt.Errorf("%s: negative count, errors, queries/s or CPU", where)
			}
			if q.Count == 0 {
				continue
			}
			if q.P50 <= 0 {
				return fmt.Errorf("%s: p50 latency %s for %d queries answered", where, q.P50, q.Count)
			}
			if q.P95 < q.P50 || q.P99 < q.P95 {
				return fmt.Errorf("%s: percentiles out of order (p50 %s, p95 %s, p99 %s)", where, q.P50, q.P95, q.P99)
			}
		}
	}
	return nil
}

// rss is the peak RSS with, when known, the RSS the run started from.
func rss(x IndexStats) string {
	if x.StartRSS == 0 {
		return megabytes(x.PeakRSS)
	}
	return megabytes(x.PeakRSS) + " (" + megabytes(x.StartRSS) + ")"
}

// Milliseconds formats a latency in milliseconds with the precision the
// reports use ("–" for none).
func Milliseconds(d time.Duration) string {
	switch {
	case d == 0:
		return "–"
	case d < 10*time.Millisecond:
		return fmt.Sprintf("%.2f", float64(d)/1e6)
	case d < 100*time.Millisecond:
		return fmt.Sprintf("%.1f", float64(d)/1e6)
	default:
		return fmt.Sprintf("%.0f", float64(d)/1e6)
	}
}

func megabytes(n int64) string {
	if n == 0 {
		return "–"
	}
	return fmt.Sprintf("%.0f MB", float64(n)/1e6)
}

// times formats a/b as "2.5×", or "–" when either is unknown.
func times(a, b float64) string {
	if a == 0 || b == 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f×", a/b)
}

// thousands writes n with comma separators: 31525 → 31,525.
func thousands(n int64) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

func yes(b bool) string {
	if b {
		return "yes"
	}
	return "–"
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func countOrEmpty(n int) string {
	if n == 0 {
		return ""
	}
	return "after " + thousands(int64(n))
}
