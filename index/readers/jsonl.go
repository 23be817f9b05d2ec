package readers

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/fahras/fahras/index/article"
)

// jsonArticle holds the fields of one JSON Lines article, with the aliases
// scrapers commonly use. Values are decoded as any so that numbers, null
// or booleans where a string is expected do not reject the line.
type jsonArticle struct {
	ID    any `json:"id"`
	DocNo any `json:"docno"`
	DocID any `json:"docid"` // passage collections (Pyserini, MS MARCO)
	PID   any `json:"pid"`

	URL   any `json:"url"`
	Title any `json:"title"`

	Body    any `json:"body"`
	Text    any `json:"text"`
	Content any `json:"content"`

	Summary     any `json:"summary"`
	Abstract    any `json:"abstract"`
	Description any `json:"description"`

	Source any `json:"source"`
	Src    any `json:"src"`
	Site   any `json:"site"`

	Category any `json:"category"`
	Cat      any `json:"cat"`
	Section  any `json:"section"`

	Author any `json:"author"`
	Lang   any `json:"lang"`

	// Dates, most precise first.
	Published any `json:"published"`
	Time      any `json:"time"`
	Date      any `json:"date"`
	PubDate   any `json:"pub_date"`
}

// readJSONL reads one JSON object per line. Blank lines are skipped; every
// other line yields a Record.
func readJSONL(ctx context.Context, br *bufio.Reader, name string, opts Options, emit func(Record) error) error {
	var buf []byte
	lineNo, nonBlank := 0, 0
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		line, tooLong, err := readLine(br, opts.MaxLineBytes, buf[:0])
		if err != nil && err != io.EOF {
			// A read error mid-stream (a truncated gzip file, say) ends
			// the file; the lines before it were already emitted.
			return emit(Record{Err: fmt.Errorf("read after line %d: %w", lineNo, err), Origin: name})
		}
		if err == io.EOF && len(line) == 0 && !tooLong {
			break
		}
		buf = line
		lineNo++
		if lineNo == 1 {
			line = bytes.TrimPrefix(line, bom)
		}
		if tooLong || len(bytes.TrimSpace(line)) > 0 {
			nonBlank++
			origin := name + ":" + strconv.Itoa(lineNo)
			rec := Record{Origin: origin}
			if tooLong {
				rec.Err = fmt.Errorf("%w: line exceeds %s", ErrTooLarge, formatSize(int64(opts.MaxLineBytes)))
			} else if a, perr := parseJSONArticle(line); perr != nil {
				rec.Err = perr
			} else {
				a.Origin = origin
				rec.Article = a
			}
			if eerr := emit(rec); eerr != nil {
				return eerr
			}
		}
		if err == io.EOF {
			break
		}
	}
	if nonBlank == 0 {
		return emit(Record{Err: ErrEmpty, Origin: name})
	}
	return nil
}

// readLine reads one line without its line ending into buf. A line longer
// than max is consumed to its end and reported as tooLong with no content.
func readLine(br *bufio.Reader, max int, buf []byte) (line []byte, tooLong bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			if len(buf)+len(chunk) > max+1 { // +1: the newline is not counted
				tooLong, buf = true, buf[:0]
			} else {
				buf = append(buf, chunk...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if tooLong {
			return nil, true, err
		}
		buf = bytes.TrimSuffix(buf, []byte("\n"))
		buf = bytes.TrimSuffix(buf, []byte("\r"))
		if len(buf) > max {
			return nil, true, err
		}
		return buf, false, err
	}
}

func parseJSONArticle(line []byte) (article.Article, error) {
	if at := invalidUTF8At(line); at >= 0 {
		return article.Article{}, fmt.Errorf("%w at byte %d of the line", ErrInvalidUTF8, at)
	}
	trimmed := bytes.TrimSpace(line)
	if trimmed[0] != '{' {
		return article.Article{}, fmt.Errorf("%w: line is not a JSON object", ErrBadJSON)
	}
	dec := json.NewDecoder(bytes.NewReader(trimmed))
	dec.UseNumber()
	var j jsonArticle
	if err := dec.Decode(&j); err != nil {
		return article.Article{}, fmt.Errorf("%w: %w", ErrBadJSON, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return article.Article{}, fmt.Errorf("%w: data after the object", ErrBadJSON)
	}

	a := article.Article{
		ID:       cleanLine(first(j.ID, j.DocNo, j.DocID, j.PID)),
		URL:      cleanLine(first(j.URL)),
		Title:    cleanLine(first(j.Title)),
		Body:     cleanBody(first(j.Body, j.Text, j.Content)),
		Summary:  cleanBody(first(j.Summary, j.Abstract, j.Description)),
		Source:   cleanLine(first(j.Source, j.Src, j.Site)),
		Category: cleanLine(first(j.Category, j.Cat, j.Section)),
		Author:   cleanLine(first(j.Author)),
		Lang:     cleanLine(first(j.Lang)),
	}
	for _, v := range []any{j.Published, j.Time, j.Date, j.PubDate} {
		if t := cleanLine(dateText(v)); t != "" {
			a.PublishedText, a.PublishedFrom = t, "metadata"
			break
		}
	}
	if a.Title == "" {
		a.Title = titleFromBody(a.Body)
	}
	if a.Title == "" && a.Body == "" {
		return article.Article{}, fmt.Errorf("%w: no title and no body", ErrNoText)
	}
	return a, nil
}

// first returns the text of the first value that has some.
func first(vs ...any) string {
	for _, v := range vs {
		if s := valueText(v); strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

// valueText turns a decoded JSON value into text: strings as they are,
// numbers and booleans as written, arrays of scalars joined with ", ",
// null and objects as nothing.
func valueText(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case json.Number:
		return v.String()
	case bool:
		return strconv.FormatBool(v)
	case []any:
		var parts []string
		for _, e := range v {
			if _, isArray := e.([]any); isArray {
				continue
			}
			if s := strings.TrimSpace(valueText(e)); s != "" {
				parts = append(parts, s)
			}
		}
		return strings.Join(parts, ", ")
	}
	return ""
}

// dateText is valueText for dates: a number is taken as Unix time in
// seconds (or in milliseconds when it is too large to be seconds) and
// written as RFC 3339 in UTC.
func dateText(v any) string {
	n, ok := v.(json.Number)
	if !ok {
		return valueText(v)
	}
	f, err := strconv.ParseFloat(n.String(), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return n.String()
	}
	if math.Abs(f) >= 1e11 { // beyond year 5138 in seconds: milliseconds
		f /= 1000
	}
	if math.Abs(f) >= 1e11 {
		return n.String()
	}
	sec, frac := math.Modf(f)
	t := time.Unix(int64(sec), int64(frac*1e9)).UTC()
	return t.Format(time.RFC3339)
}
