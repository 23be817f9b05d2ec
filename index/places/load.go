package places

import (
	"bufio"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"path"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

//go:embed data/*.tsv
var dataFS embed.FS

// Columns of a gazetteer file, in order. The header line must name them.
var columns = []string{
	"id", "level", "country", "parent", "name_en", "name_ar",
	"variants_ar", "adjectives_ar", "lat", "lon", "population",
}

// maxLineBytes bounds one line of a gazetteer file.
const maxLineBytes = 1 << 20

// Default returns a new gazetteer built from the data files embedded in
// the binary. Each call parses them again and returns an independent
// value, so callers may enlarge it (LoadGeoNames) without affecting others:
// build it once and keep it.
func Default() (*Gazetteer, error) {
	sub, err := fs.Sub(dataFS, "data")
	if err != nil {
		return nil, fmt.Errorf("embedded gazetteer: %w", err)
	}
	g, err := LoadFS(sub)
	if err != nil {
		return nil, fmt.Errorf("embedded gazetteer: %w", err)
	}
	return g, nil
}

// LoadFS builds one gazetteer from every *.tsv file at the root of fsys,
// read in name order. A parent may be defined in another file than its
// children; an ID may be defined only once over all files.
func LoadFS(fsys fs.FS) (*Gazetteer, error) {
	names, err := fs.Glob(fsys, "*.tsv")
	if err != nil {
		return nil, fmt.Errorf("listing gazetteer files: %w", err)
	}
	sort.Strings(names)
	var b builder
	for _, name := range names {
		f, err := fsys.Open(name)
		if err != nil {
			return nil, fmt.Errorf("opening gazetteer file: %w", err)
		}
		err = b.read(f, path.Base(name))
		f.Close()
		if err != nil {
			return nil, err
		}
	}
	return b.build()
}

// Load builds a gazetteer from one file in fahras's tab-separated format:
// UTF-8, lines starting with # are comments, a header line naming the
// columns id, level, country, parent, name_en, name_ar, variants_ar,
// adjectives_ar, lat, lon, population, then one place per line. Variants
// and adjectives are separated by |. name is used in error messages,
// which give the line of the offending row.
func Load(r io.Reader, name string) (*Gazetteer, error) {
	var b builder
	if err := b.read(r, name); err != nil {
		return nil, err
	}
	return b.build()
}

// row is a parsed place and where it was read.
type row struct {
	Place
	where string // file:line
}

// builder collects rows from one or more files and checks the hierarchy
// once all are read.
type builder struct {
	rows []row
}

func (b *builder) read(r io.Reader, name string) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), maxLineBytes)
	line := 0
	header := false
	for sc.Scan() {
		line++
		text := strings.TrimSuffix(sc.Text(), "\r")
		if line == 1 {
			text = strings.TrimPrefix(text, "\ufeff")
		}
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue
		}
		where := fmt.Sprintf("%s:%d", name, line)
		if !utf8.ValidString(text) {
			return fmt.Errorf("%s: not valid UTF-8", where)
		}
		fields := strings.Split(text, "\t")
		if !header {
			if err := checkHeader(fields); err != nil {
				return fmt.Errorf("%s: %w", where, err)
			}
			header = true
			continue
		}
		p, err := parseRow(fields)
		if err != nil {
			return fmt.Errorf("%s: %w", where, err)
		}
		b.rows = append(b.rows, row{Place: p, where: where})
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s:%d: reading: %w", name, line+1, err)
	}
	if !header {
		return fmt.Errorf("%s: no header line", name)
	}
	return nil
}

func checkHeader(fields []string) error {
	if len(fields) != len(columns) {
		return fmt.Errorf("header has %d columns, want %d (%s)", len(fields), len(columns), strings.Join(columns, ", "))
	}
	for i, c := range columns {
		if strings.TrimSpace(fields[i]) != c {
			return fmt.Errorf("header column %d is %q, want %q", i+1, fields[i], c)
		}
	}
	return nil
}

func parseRow(f []string) (Place, error) {
	if len(f) != len(columns) {
		return Place{}, fmt.Errorf("%d columns, want %d", len(f), len(columns))
	}
	for i := range f {
		f[i] = strings.TrimSpace(f[i])
	}
	p := Place{
		ID:         f[0],
		Level:      f[1],
		Country:    f[2],
		Parent:     f[3],
		NameEn:     f[4],
		NameAr:     f[5],
		Variants:   splitList(f[6]),
		Adjectives: splitList(f[7]),
	}
	if p.ID == "" || strings.IndexFunc(p.ID, unicode.IsSpace) >= 0 {
		return Place{}, fmt.Errorf("bad id %q", p.ID)
	}
	switch p.Level {
	case LevelCountry, LevelDivision, LevelCity:
	default:
		return Place{}, fmt.Errorf("%s: bad level %q (want country, division or city)", p.ID, p.Level)
	}
	if !isCountryCode(p.Country) {
		return Place{}, fmt.Errorf("%s: bad country code %q (want two capital letters)", p.ID, p.Country)
	}
	if p.NameAr == "" {
		return Place{}, fmt.Errorf("%s: empty name_ar", p.ID)
	}
	var err error
	if p.Lat, err = parseCoord(f[8], 90); err != nil {
		return Place{}, fmt.Errorf("%s: lat: %w", p.ID, err)
	}
	if p.Lon, err = parseCoord(f[9], 180); err != nil {
		return Place{}, fmt.Errorf("%s: lon: %w", p.ID, err)
	}
	if f[10] != "" {
		n, err := strconv.Atoi(f[10])
		if err != nil || n < 0 {
			return Place{}, fmt.Errorf("%s: bad population %q", p.ID, f[10])
		}
		p.Population = n
	}
	return p, nil
}

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	var out []string
	for _, v := range strings.Split(s, "|") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

func isCountryCode(s string) bool {
	return len(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z'
}

func parseCoord(s string, limit float64) (float64, error) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, fmt.Errorf("not a number: %q", s)
	}
	if math.IsNaN(v) || v < -limit || v > limit {
		return 0, fmt.Errorf("%q out of range ±%g", s, limit)
	}
	return v, nil
}

// build checks IDs and parents and returns the gazetteer. Rows are added
// countries first, then divisions, then cities, each in reading order.
func (b *builder) build() (*Gazetteer, error) {
	byID := make(map[string]*row, len(b.rows))
	var errs []error
	for i := range b.rows {
		r := &b.rows[i]
		if prev, dup := byID[r.ID]; dup {
			errs = append(errs, fmt.Errorf("%s: duplicate id %q (first at %s)", r.where, r.ID, prev.where))
			continue
		}
		byID[r.ID] = r
	}
	for i := range b.rows {
		r := &b.rows[i]
		if err := checkParent(r, byID); err != nil {
			errs = append(errs, fmt.Errorf("%s: %s: %w", r.where, r.ID, err))
		}
	}
	if len(errs) > 0 {
		if len(errs) > 10 {
			errs = append(errs[:10], fmt.Errorf("and %d more errors", len(errs)-10))
		}
		return nil, errors.Join(errs...)
	}
	g := newGazetteer()
	for _, level := range []string{LevelCountry, LevelDivision, LevelCity} {
		for _, r := range b.rows {
			if r.Level == level {
				g.add(r.Place)
			}
		}
	}
	return g, nil
}

func checkParent(r *row, byID map[string]*row) error {
	if r.Level == LevelCountry {
		if r.Parent != "" {
			return fmt.Errorf("a country has no parent, got %q", r.Parent)
		}
		if r.ID != r.Country {
			return fmt.Errorf("a country's id must be its code %q", r.Country)
		}
		return nil
	}
	if r.Parent == "" {
		return fmt.Errorf("empty parent")
	}
	parent, ok := byID[r.Parent]
	if !ok {
		return fmt.Errorf("unknown parent %q", r.Parent)
	}
	if parent.Country != r.Country {
		return fmt.Errorf("parent %q is in country %s, not %s", r.Parent, parent.Country, r.Country)
	}
	switch {
	case r.Level == LevelDivision && parent.Level != LevelCountry:
		return fmt.Errorf("a division's parent must be a country, %q is a %s", r.Parent, parent.Level)
	case r.Level == LevelCity && parent.Level == LevelCity:
		return fmt.Errorf("a city's parent must be a division or a country, %q is a city", r.Parent)
	}
	return nil
}
