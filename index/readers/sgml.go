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
		start, contentStart := findTag(data, pos, "DOC", false)
		if start < 0 {
			break
		}
		n++
		origin := name + "#" + strconv.Itoa(n)
		// The document ends at the first </DOC>, unless another <DOC>
		// comes first: then it was never closed, and reading resumes at
		// that <DOC>. One scan, so hostile input stays linear.
		end, after, closed := scanTags(data, contentStart, func(name string, closing bool) bool {
			return name == "DOC"
		})
		var rec Record
		if !closed {
			rec = Record{Err: fmt.Errorf("%w: <DOC> at byte %d has no </DOC>", ErrBadDocument, start), Origin: origin}
			pos = end
		} else {
			a, err := parseSGMLDoc(data[contentStart:end], contentStart)
			if err != nil {
				rec = Record{Err: err, Origin: origin}
			} else {
				a.Origin = origin
				rec = Record{Article: a, Origin: origin}
			}
			pos = after
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
		tag, start, contentStart := nextFieldTag(doc, pos)
		if start < 0 {
			break
		}
		field := sgmlFields[tag]
		// The value ends at its close tag or, when that is missing, where
		// the next field starts (or at the end of the document).
		end, after, _ := scanTags(doc, contentStart, func(name string, closing bool) bool {
			if closing {
				return name == tag
			}
			_, known := sgmlFields[name]
			return known
		})
		if fields[field] == "" {
			fields[field] = sgmlValue(doc[contentStart:end])
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

// nextFieldTag finds the next opening tag of a known field at or after
// pos, returning its upper-case name, its position and the position just
// after it, or start -1.
func nextFieldTag(doc []byte, pos int) (tag string, start, contentStart int) {
	for pos < len(doc) {
		i := bytes.IndexByte(doc[pos:], '<')
		if i < 0 {
			break
		}
		i += pos
		name, closing, end := parseTag(doc, i)
		if end >= 0 && !closing {
			if _, ok := sgmlFields[name]; ok {
				return name, i, end
			}
		}
		pos = i + 1
	}
	return "", -1, -1
}

// scanTags walks the tags of data from pos until stop accepts one. For a
// closing tag it returns the tag's position, the position after it and
// closed true; for an opening tag it returns the tag's position twice and
// closed false, so the caller resumes at that tag. When no tag stops the
// scan it returns len(data) twice.
func scanTags(data []byte, pos int, stop func(name string, closing bool) bool) (end, after int, closed bool) {
	for pos < len(data) {
		i := bytes.IndexByte(data[pos:], '<')
		if i < 0 {
			break
		}
		i += pos
		name, closing, tagEnd := parseTag(data, i)
		if tagEnd >= 0 && stop(name, closing) {
			if closing {
				return i, tagEnd, true
			}
			return i, i, false
		}
		pos = i + 1
	}
	return len(data), len(data), false
}

// findTag finds the next tag <name> (or </name> when closing) at or after
// pos, case-insensitively, returning its position and the position just
// after it, or -1, -1.
func findTag(data []byte, pos int, name string, closing bool) (start, after int) {
	for pos < len(data) {
		i := bytes.IndexByte(data[pos:], '<')
		if i < 0 {
			break
		}
		i += pos
		n, c, end := parseTag(data, i)
		if end >= 0 && c == closing && n == name {
			return i, end
		}
		pos = i + 1
	}
	return -1, -1
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
