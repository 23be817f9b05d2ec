package bench

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"time"
)

// ChartOptions configures WriteChart.
type ChartOptions struct {
	// Clients is the concurrency whose p50 latency is drawn (default 1).
	Clients int
}

// The chart's geometry, in SVG user units (pixels).
const (
	chartColumns = 4   // panels per row at most
	panelWidth   = 240 // a panel, its axes' labels included
	panelHeight  = 235
	plotLeft     = 52 // the plot area inside a panel
	plotTop      = 40
	plotWidth    = 172
	plotHeight   = 150
	chartMargin  = 10
	chartHeader  = 74 // title and legend
)

// seriesStyles are the colours and markers of the systems' lines, in the
// order the systems first appear in the runs: colours that stay apart for
// the common colour-vision deficiencies, and a marker shape each so that
// the lines can be told apart without colour.
var seriesStyles = []struct{ colour, marker string }{
	{"#0072b2", "circle"},
	{"#d55e00", "square"},
	{"#009e73", "triangle"},
	{"#cc79a7", "diamond"},
	{"#e69f00", "circle"},
	{"#56b4e9", "square"},
}

// chartPoint is one system's p50 latency for one query kind in one run.
type chartPoint struct {
	articles int64
	p50      time.Duration
}

// WriteChart draws, from several runs (reports of fahras bench compare on
// corpora of different sizes), the p50 latency of each query kind against
// the corpus size: one panel per query kind of the mix, both axes
// logarithmic, a line per system. The chart is a self-contained SVG
// (no scripts, fonts or links) with a white background, so that it reads
// the same in a browser and as an image in a Markdown page. A query that
// failed or was not measured in a run leaves a gap in its line.
func WriteChart(w io.Writer, runs []*Report, opt ChartOptions) error {
	if opt.Clients <= 0 {
		opt.Clients = 1
	}
	if len(runs) == 0 {
		return errors.New("bench: chart: no runs")
	}
	if slices.Contains(runs, nil) {
		return errors.New("bench: chart: a nil run")
	}
	runs = slices.Clone(runs)
	slices.SortStableFunc(runs, func(a, b *Report) int { return cmp.Compare(a.Articles, b.Articles) })
	for i, r := range runs {
		if err := r.check(); err != nil {
			return fmt.Errorf("bench: chart: run of %s articles: %w", thousands(r.Articles), err)
		}
		if i > 0 && runs[i-1].Articles == r.Articles {
			return fmt.Errorf("bench: chart: two runs of %s articles", thousands(r.Articles))
		}
	}

	// The query kinds and the systems, in the order they first appear.
	var kinds []Query
	var systems []string
	points := map[string]map[string][]chartPoint{} // kind → system → points
	for _, r := range runs {
		for _, q := range r.Mix {
			if !slices.ContainsFunc(kinds, func(k Query) bool { return k.Kind == q.Kind }) {
				kinds = append(kinds, q)
			}
		}
		for _, s := range r.Systems {
			for _, q := range s.Queries {
				if q.Clients != opt.Clients || q.Count == 0 {
					continue
				}
				if !slices.ContainsFunc(kinds, func(k Query) bool { return k.Kind == q.Kind }) {
					kinds = append(kinds, Query{Kind: q.Kind})
				}
				if !slices.Contains(systems, s.Name) {
					systems = append(systems, s.Name)
				}
				if points[q.Kind] == nil {
					points[q.Kind] = map[string][]chartPoint{}
				}
				points[q.Kind][s.Name] = append(points[q.Kind][s.Name], chartPoint{r.Articles, q.P50})
			}
		}
	}
	if len(systems) == 0 {
		return fmt.Errorf("bench: chart: no query answered at %d client%s in any run", opt.Clients, plural(opt.Clients))
	}
	kinds = slices.DeleteFunc(kinds, func(q Query) bool { return len(points[q.Kind]) == 0 })

	// Both axes are shared by every panel: the corpus sizes of the runs,
	// and whole decades of milliseconds around every latency drawn.
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, bySystem := range points {
		for _, ps := range bySystem {
			for _, p := range ps {
				ms := float64(p.p50) / 1e6
				lo, hi = math.Min(lo, ms), math.Max(hi, ms)
			}
		}
	}
	yAxis := logAxis{lo: math.Floor(math.Log10(lo)), hi: math.Ceil(math.Log10(hi))}
	if yAxis.hi == yAxis.lo {
		yAxis.hi++
	}
	first, last := float64(runs[0].Articles), float64(runs[len(runs)-1].Articles)
	xAxis := logAxis{lo: math.Log10(first) - 0.2, hi: math.Log10(last) + 0.2}

	cols := min(len(kinds), chartColumns)
	rows := (len(kinds) + cols - 1) / cols
	subtitle := chartSubtitle(runs)
	// Wide enough for the subtitle too, at about 6.6 units a character.
	width := 2*chartMargin + max(cols*panelWidth, 8+int(6.6*float64(len([]rune(subtitle)))))
	height := chartHeader + rows*panelHeight + chartMargin

	var b bytes.Buffer
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p(`<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="DejaVu Sans, Arial, Helvetica, sans-serif" font-size="11" fill="#222">`+"\n", width, height, width, height)
	p(`<title>%s</title>`+"\n", esc(chartTitle(opt.Clients)))
	p(`<rect width="100%%" height="100%%" fill="#fff"/>` + "\n")
	p(`<text x="%d" y="24" font-size="15" font-weight="bold">%s</text>`+"\n", chartMargin+4, esc(chartTitle(opt.Clients)))
	p(`<text x="%d" y="42" fill="#555">%s</text>`+"\n", chartMargin+4, esc(subtitle))
	// The legend: a line with its marker and the system's name.
	x := float64(chartMargin + 4)
	for i, name := range systems {
		st := seriesStyles[i%len(seriesStyles)]
		p(`<g stroke="%s" fill="%s"><line x1="%.1f" y1="60" x2="%.1f" y2="60" stroke-width="2"/>%s</g>`, st.colour, st.colour, x, x+28, marker(st.marker, x+14, 60))
		p(`<text x="%.1f" y="64">%s</text>`+"\n", x+34, esc(name))
		x += 34 + 7.5*float64(len([]rune(name))) + 24
	}

	for i, q := range kinds {
		ox := float64(chartMargin + (i%cols)*panelWidth)
		oy := float64(chartHeader + (i/cols)*panelHeight)
		px, py := ox+plotLeft, oy+plotTop
		p("<g>\n")
		p(`<text x="%.1f" y="%.1f" font-size="13" font-weight="bold">%s</text>`+"\n", px, oy+16, esc(q.Kind))
		p(`<text x="%.1f" y="%.1f" fill="#555" font-size="11">%s</text>`+"\n", px, oy+31, esc(describe(q)))
		p(`<rect x="%.1f" y="%.1f" width="%d" height="%d" fill="none" stroke="#999"/>`+"\n", px, py, plotWidth, plotHeight)
		// Decades of milliseconds, with the values between them as
		// faint lines.
		for d := yAxis.lo; d <= yAxis.hi; d++ {
			y := py + plotHeight - yAxis.pos(d)*plotHeight
			if d > yAxis.lo {
				p(`<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#ddd"/>`+"\n", px, y, px+plotWidth, y)
			}
			p(`<text x="%.1f" y="%.1f" text-anchor="end" font-size="10">%s</text>`+"\n", px-4, y+3.5, esc(decade(d)))
			if d == yAxis.hi {
				break
			}
			for m := 2; m <= 9; m++ {
				ym := py + plotHeight - yAxis.pos(d+math.Log10(float64(m)))*plotHeight
				p(`<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#f0f0f0"/>`+"\n", px, ym, px+plotWidth, ym)
			}
		}
		// The corpus sizes of the runs.
		for _, r := range runs {
			xr := px + xAxis.pos(math.Log10(float64(r.Articles)))*plotWidth
			p(`<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#ddd"/>`+"\n", xr, py, xr, py+plotHeight)
			p(`<text x="%.1f" y="%.1f" text-anchor="middle" font-size="10">%s</text>`+"\n", xr, py+plotHeight+14, esc(compact(r.Articles)))
		}
		p(`<text x="%.1f" y="%.1f" text-anchor="middle" font-size="10" fill="#555">articles</text>`+"\n", px+plotWidth/2, py+plotHeight+28)
		p(`<text transform="translate(%.1f %.1f) rotate(-90)" text-anchor="middle" font-size="10" fill="#555">p50 ms</text>`+"\n", ox+12, py+plotHeight/2)
		for si, name := range systems {
			ps := points[q.Kind][name]
			if len(ps) == 0 {
				continue
			}
			st := seriesStyles[si%len(seriesStyles)]
			p(`<g stroke="%s" fill="%s">`+"\n", st.colour, st.colour)
			// A line through the points of consecutive runs; a run
			// without the point breaks it.
			var line []string
			flush := func() {
				if len(line) > 1 {
					p(`<polyline points="%s" fill="none" stroke-width="2"/>`+"\n", strings.Join(line, " "))
				}
				line = line[:0]
			}
			for _, r := range runs {
				i := slices.IndexFunc(ps, func(c chartPoint) bool { return c.articles == r.Articles })
				if i < 0 {
					flush()
					continue
				}
				xp, yp := px+xAxis.pos(math.Log10(float64(ps[i].articles)))*plotWidth, py+plotHeight-yAxis.pos(math.Log10(float64(ps[i].p50)/1e6))*plotHeight
				line = append(line, fmt.Sprintf("%.1f,%.1f", xp, yp))
			}
			flush()
			for _, c := range ps {
				xp, yp := px+xAxis.pos(math.Log10(float64(c.articles)))*plotWidth, py+plotHeight-yAxis.pos(math.Log10(float64(c.p50)/1e6))*plotHeight
				p(`<g>%s<title>%s</title></g>`+"\n", marker(st.marker, xp, yp), esc(fmt.Sprintf("%s, %s, %s articles: p50 %s ms", name, q.Kind, thousands(c.articles), Milliseconds(c.p50))))
			}
			p("</g>\n")
		}
		p("</g>\n")
	}
	p("</svg>\n")
	if _, err := w.Write(b.Bytes()); err != nil {
		return fmt.Errorf("bench: chart: %w", err)
	}
	return nil
}

// logAxis maps log10 values from lo to hi onto 0..1.
type logAxis struct{ lo, hi float64 }

func (a logAxis) pos(v float64) float64 { return (v - a.lo) / (a.hi - a.lo) }

func chartTitle(clients int) string {
	return fmt.Sprintf("p50 latency against corpus size, %d client%s", clients, plural(clients))
}

// chartSubtitle says what the runs were measured on, and when.
func chartSubtitle(runs []*Report) string {
	var sizes []string
	for _, r := range runs {
		size := thousands(r.Articles)
		if !r.Date.IsZero() {
			size += " (" + r.Date.UTC().Format("2006-01-02") + ")"
		}
		sizes = append(sizes, size)
	}
	m := runs[len(runs)-1].Machine
	s := "Both axes logarithmic; lower is better. Runs of " + strings.Join(sizes, ", ") + " articles"
	if m.Cores > 0 {
		s += fmt.Sprintf("; %d cores", m.Cores)
	}
	return s + "."
}

// describe is a one-line description of a query kind for its panel.
func describe(q Query) string {
	var parts []string
	switch {
	case q.Text == "":
		parts = append(parts, "every article")
	case q.Phrase:
		parts = append(parts, "phrase "+q.Text)
	default:
		parts = append(parts, q.Text)
	}
	if q.Facets {
		parts = append(parts, "every facet")
	}
	if !q.From.IsZero() || !q.To.IsZero() {
		parts = append(parts, "date filter")
	}
	if q.Country != "" {
		parts = append(parts, "country "+q.Country)
	}
	if q.Newest {
		parts = append(parts, "newest first")
	}
	if q.Skip > 0 {
		parts = append(parts, "after "+thousands(int64(q.Skip)))
	}
	return strings.Join(parts, " · ")
}

// marker draws a marker shape centred on x, y.
func marker(shape string, x, y float64) string {
	switch shape {
	case "square":
		return fmt.Sprintf(`<rect x="%.1f" y="%.1f" width="7" height="7"/>`, x-3.5, y-3.5)
	case "triangle":
		return fmt.Sprintf(`<polygon points="%.1f,%.1f %.1f,%.1f %.1f,%.1f"/>`, x, y-4.5, x+4.5, y+3.5, x-4.5, y+3.5)
	case "diamond":
		return fmt.Sprintf(`<polygon points="%.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f"/>`, x, y-5, x+5, y, x, y+5, x-5, y)
	default:
		return fmt.Sprintf(`<circle cx="%.1f" cy="%.1f" r="3.5"/>`, x, y)
	}
}

// decade labels 10^d milliseconds: 0.1, 1, 10, 1,000.
func decade(d float64) string {
	if d < 0 {
		return fmt.Sprintf("%.*f", int(-d), math.Pow(10, d))
	}
	return thousands(int64(math.Round(math.Pow(10, d))))
}

// compact writes a number of articles briefly: 31.5k, 100k, 1M.
func compact(n int64) string {
	trim := func(f float64, unit string) string {
		s := fmt.Sprintf("%.1f", f)
		return strings.TrimSuffix(s, ".0") + unit
	}
	switch {
	case n >= 1_000_000:
		return trim(float64(n)/1e6, "M")
	case n >= 1000:
		return trim(float64(n)/1e3, "k")
	default:
		return fmt.Sprint(n)
	}
}

// esc escapes s for XML text and attribute values.
func esc(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}
