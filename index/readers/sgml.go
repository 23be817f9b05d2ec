package readers

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"strconv"
	"strings"

	"github.com/fahras/fahras/index/article"
)

// sgmlFields maps the tags of a <DOC> (upper case) to the article field
// they fill. Besides the tags of the news corpora it accepts the usual
// TREC names (HEADLINE, DATE, BYLINE, BODY).
var sgmlFields = map[string]string{
	"DOCNO":    "id",
	"DOCID":    "id",
	"URL":      "url",
	"SRC":      "source",
	"SOURCE":   "source",
	"CAT":      "category",
	"CATEGORY": "category",
	"TITLE":    "title",
	"HEADLINE": "title",
	"TIME":     "published",
	"DATE":     "published",
	"AUTHOR":   "author",
	"BYLINE":   "author",
	"ABSTRACT": "summary",
	"SUMMARY":  "summary",
	"TEXT":     "body",
	"BODY":     "body",
	"LANG":     "lang",
}

// readSGML reads the <DOC>…</DOC> documents of data. A document without
// its closing tag yields an error Record; the documents around it are
// still read.
func readSGML(ctx context.Context, data []byte, name string, emit func(Record) error) error {
	pos, n := 0, 0
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		open, ok := nextTag(data, pos, func(name string, closing bool) bool { return name == "DOC" && !closing })
		if !ok {
			break
		}
		n++
		origin := name + "#" + strconv.Itoa(n)
		// The document ends at the first </DOC>, unless another <DOC>
		// comes first: then it was never closed, and reading resumes at
		// that <DOC>. One scan, so hostile input stays linear.
		next, ok := nextTag(data, open.end, func(name string, _ bool) bool { return name == "DOC" })
		var rec Record
		if !ok || !next.closing {
			rec = Record{Err: fmt.Errorf("%w: <DOC> at byte %d has no </DOC>", ErrBadDocument, open.start), Origin: origin}
			pos = len(data)
			if ok {
				pos = next.start
			}
		} else {
			a, err := parseSGMLDoc(data[open.end:next.start], open.end)
			if err != nil {
				rec = Record{Err: err, Origin: origin}
			} else {
				a.Origin = origin
				rec = Record{Article: a, Origin: origin}
			}
			pos = next.end
		}
		if err := emit(rec); err != nil {
			return err
		}
	}
	if n == 0 {
		return emit(Record{Err: fmt.Errorf("%w: no <DOC> element", ErrBadDocument), Origin: name})
	}
	return nil
}

// parseSGMLDoc reads the fields of one document's content; offset is the
// content's position in the file, for error messages.
func parseSGMLDoc(doc []byte, offset int) (article.Article, error) {
	if at := invalidUTF8At(doc); at >= 0 {
		return article.Article{}, fmt.Errorf("%w at byte %d", ErrInvalidUTF8, offset+at)
	}
	fields := map[string]string{}
	pos := 0
	for {
		open, ok := nextTag(doc, pos, func(name string, closing bool) bool { return !closing && isField(name) })
		if !ok {
			break
		}
		field := sgmlFields[open.name]
		// The value ends at its close tag or, when that is missing, where
		// the next field starts (or at the end of the document).
		end, after := len(doc), len(doc)
		next, ok := nextTag(doc, open.end, func(name string, closing bool) bool {
			if closing {
				return name == open.name
			}
			return isField(name)
		})
		switch {
		case ok && next.closing:
			end, after = next.start, next.end
		case ok:
			end, after = next.start, next.start
		}
		if fields[field] == "" {
			fields[field] = sgmlValue(doc[open.end:end])
		}
		pos = after
	}

	a := article.Article{
		ID:            cleanLine(fields["id"]),
		URL:           cleanLine(fields["url"]),
		Title:         cleanLine(fields["title"]),
		Body:          cleanBody(fields["body"]),
		Summary:       cleanBody(fields["summary"]),
		Source:        cleanLine(fields["source"]),
		Category:      cleanLine(fields["category"]),
		Author:        cleanLine(fields["author"]),
		Lang:          cleanLine(fields["lang"]),
		PublishedText: cleanLine(fields["published"]),
	}
	if a.PublishedText != "" {
		a.PublishedFrom = "metadata"
	}
	if a.Title == "" {
		a.Title = titleFromBody(a.Body)
	}
	if a.Title == "" && a.Body == "" {
		return article.Article{}, fmt.Errorf("%w: document has no <TITLE> and no <TEXT>", ErrNoText)
	}
	return a, nil
}

// sgmlValue turns the raw content of a field into text: markup inside it
// is removed (paragraph and line-break tags become newlines) and entity
// escapes are decoded.
func sgmlValue(raw []byte) string {
	var b strings.Builder
	for len(raw) > 0 {
		i := bytes.IndexByte(raw, '<')
		if i < 0 {
			b.Write(raw)
			break
		}
		b.Write(raw[:i])
		name, _, end := parseTag(raw, i)
		if end < 0 {
			b.WriteByte('<')
			raw = raw[i+1:]
			continue
		}
		switch name {
		case "P", "BR", "DIV", "LI":
			b.WriteByte('\n')
		}
		raw = raw[end:]
	}
	return html.UnescapeString(b.String())
}

// isField reports whether an upper-case tag name is a known field.
func isField(name string) bool {
	_, ok := sgmlFields[name]
	return ok
}

// sgmlTag is one tag found in a document: its upper-case name, whether
// it closes, its position and the position just after it.
type sgmlTag struct {
	name       string
	closing    bool
	start, end int
}

// nextTag finds the first tag at or after pos that want accepts.
func nextTag(data []byte, pos int, want func(name string, closing bool) bool) (sgmlTag, bool) {
	for pos < len(data) {
		i := bytes.IndexByte(data[pos:], '<')
		if i < 0 {
			break
		}
		i += pos
		name, closing, end := parseTag(data, i)
		if end >= 0 && want(name, closing) {
			return sgmlTag{name: name, closing: closing, start: i, end: end}, true
		}
		pos = i + 1
	}
	return sgmlTag{}, false
}

// parseTag parses a simple tag starting at data[i] == '<': an optional
// slash, a name of ASCII letters, digits and underscores, then either '>'
// or attributes up to '>' on the same line. It returns the upper-case name,
// whether it is a closing tag, and the position after '>', or end -1 when
// data[i:] is not such a tag.
func parseTag(data []byte, i int) (name string, closing bool, end int) {
	j := i + 1
	if j < len(data) && data[j] == '/' {
		closing = true
		j++
	}
	k := j
	for k < len(data) && k-j < 32 && isNameByte(data[k]) {
		k++
	}
	if k == j || k >= len(data) || !isLetter(data[j]) {
		return "", false, -1
	}
	name = strings.ToUpper(string(data[j:k]))
	switch c := data[k]; {
	case c == '>':
	case c == ' ' || c == '\t' || c == '/':
		gt := bytes.IndexByte(data[k:min(len(data), k+256)], '>')
		if gt < 0 || bytes.IndexByte(data[k:k+gt], '\n') >= 0 || bytes.IndexByte(data[k:k+gt], '<') >= 0 {
			return "", false, -1
		}
		k += gt
	default:
		return "", false, -1
	}
	return name, closing, k + 1
}

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func isNameByte(c byte) bool { return isLetter(c) || c == '_' || (c >= '0' && c <= '9') }
