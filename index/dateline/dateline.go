// Package dateline reads the dateline a news story opens with, by its
// shape alone: the place it was filed from, the agency or outlet, and
// where the story's own text begins.
//
// The shapes are those of the Arabic press:
//
//	دبي، الإمارات العربية المتحدة (CNN)— …   place, country (agency) dash
//	الرياض (واس) - …                          place (agency) dash
//	بغداد/المسلة: …                           place/outlet colon
//	القاهرة - رويترز …                        place dash agency
//	القاهرة - (أ ف ب): …                      place dash (agency) colon
//	(CNN)-- …  or  (رويترز) - القاهرة: …      a leading agency
//	بيروت: …  or  عمّان – …                   place and a separator only
//
// and, in a byline field, "القاهرة - أحمد الريدي" (place dash author).
// A Dateline says whether its shape alone proves it is one (Marked): a
// colon or a dash after a few words may also open a quotation (قال
// الوزير: …), so callers that know place names check the unmarked ones.
package dateline

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits of a dateline: words before its separator, how far into the
// line the separator may be, and the length of a source in parentheses
// or after a slash.
const (
	maxPlaceWords  = 6
	maxHeadRunes   = 80
	maxSourceRunes = 40
	maxSourceWords = 5
	// after a leading agency, the place before a colon or dash is short:
	// (رويترز) - القاهرة: …
	maxLeadPlaceWords = 3
)

// Dateline is the opening of a story, split by its shape.
type Dateline struct {
	// Place is the place part as written, "" when the line opens with the
	// agency alone: "دبي، الإمارات العربية المتحدة".
	Place string
	// Parts is Place split at its commas, trimmed: the city first, then
	// the country or region ("دبي", "الإمارات العربية المتحدة"). A
	// parenthesized region in a byline place (كان (جنوب فرنسا)) is a part
	// of its own.
	Parts []string
	// Source is the agency, outlet or author named in the dateline: "CNN",
	// "المسلة", "رويترز"; "" when none is.
	Source string
	// Lead is the parenthesized group the line opens with, if any: the
	// agency of "(CNN)-- …" or the place of "(بغداد) - …".
	Lead string
	// Marked is set when the shape alone shows a dateline: an agency in
	// parentheses or a known agency after a dash, a source after a slash,
	// a dash before a colon, a byline. Unmarked datelines (بيروت: …,
	// عمّان – …) are datelines only if Place names a place.
	Marked bool
	// Rest is the text after the dateline.
	Rest string

	dash bool // the place is followed by a dash (عمّان – …)
}

// Certain reports whether the shape is sure enough to remove the dateline
// from the text without knowing place names: a marked dateline, or one or
// two words before a dash followed by a sentence (عمّان – أحرز الفريق …).
func (d Dateline) Certain() bool {
	if d.Marked {
		return true
	}
	return d.dash && len(strings.Fields(d.Place)) <= 2 && len(strings.Fields(d.Rest)) >= 3
}

// agencies are news agencies as the Arabic press names them after a dash
// (القاهرة - رويترز): their names mark a dateline even without a colon.
var agencies = []string{
	"رويترز", "أ ف ب", "ا ف ب", "أ.ف.ب", "فرانس برس", "فرانس پرس", "د ب أ", "د.ب.أ",
	"أ ب", "أسوشيتد برس", "اسوشيتد برس", "الأناضول", "الاناضول", "واس", "وام", "قنا",
	"كونا", "بترا", "سانا", "شينخوا", "سبوتنيك", "وكالات", "يو بي آي", "إفي", "أ ش أ",
	"CNN", "AFP", "Reuters", "AP",
}

// Parse reads the dateline at the start of line (the first line of a
// story's body). It reports false when line does not open with one.
func Parse(line string) (Dateline, bool) {
	line = trim(line)
	if line == "" {
		return Dateline{}, false
	}
	if strings.HasPrefix(line, "(") {
		// (CNN)-- …, (رويترز) - القاهرة: …, (بغداد) - …
		inner, after, ok := group(line)
		if !ok {
			return Dateline{}, false
		}
		rest := strings.TrimLeftFunc(after, isDashOrSpace)
		if d, ok := parseHead(rest); ok && d.Source == "" && len(strings.Fields(d.Place)) <= maxLeadPlaceWords {
			d.Source, d.Lead = inner, inner
			return d, true
		}
		return Dateline{Source: inner, Lead: inner, Marked: true, Rest: strings.TrimLeftFunc(rest, isSepOrSpace)}, true
	}
	return parseHead(line)
}

// parseHead reads "PLACE SEP …" where SEP is the first separator of line.
func parseHead(line string) (Dateline, bool) {
	sep, size := firstSeparator(line)
	if sep <= 0 {
		return Dateline{}, false
	}
	head := strings.TrimSpace(line[:sep])
	if !placeLike(head) {
		return Dateline{}, false
	}
	d := Dateline{Place: head, Parts: splitParts(head)}
	after := line[sep+size:]
	switch r, _ := utf8.DecodeRuneInString(line[sep:]); {
	case r == '(':
		// الرياض (واس) - …: a group, then a dash or a colon.
		inner, rest, ok := group(line[sep:])
		if !ok {
			return Dateline{}, false
		}
		rest = strings.TrimLeftFunc(rest, unicode.IsSpace)
		if next, _ := utf8.DecodeRuneInString(rest); rest != "" && !isDash(next) && next != ':' && next != '،' && next != ',' {
			return Dateline{}, false // قالت الوزارة (البنتاغون) إن …
		}
		d.Source, d.Marked, d.Rest = inner, true, strings.TrimLeftFunc(rest, isSepOrSpace)
	case r == '/':
		// بغداد/المسلة: …: a short source, then a colon or a dash.
		src, rest, ok := sourceThenSep(after)
		if !ok {
			return Dateline{}, false
		}
		d.Source, d.Marked, d.Rest = src, true, rest
	case r == ':' || r == '|':
		d.Rest = strings.TrimSpace(after)
	default: // a dash or a spaced tatweel
		after = strings.TrimLeftFunc(after, isDashOrSpace)
		if strings.HasPrefix(after, "(") {
			// القاهرة - (أ ف ب): …
			if inner, rest, ok := group(after); ok {
				d.Source, d.Marked, d.Rest = inner, true, strings.TrimLeftFunc(rest, isSepOrSpace)
				return d, true
			}
		}
		if ag, rest, ok := agencyPrefix(after); ok {
			d.Source, d.Marked, d.Rest = ag, true, strings.TrimLeftFunc(rest, isSepOrSpace)
			return d, true
		}
		if src, rest, ok := sourceThenColon(after); ok {
			d.Source, d.Marked, d.Rest = src, true, rest // القاهرة - خاص: …
			return d, true
		}
		d.Rest, d.dash = strings.TrimSpace(after), true
	}
	return d, true
}

// ParseByline reads a byline field that names the place the story was
// filed from: "القاهرة - أحمد الريدي", "دبي ـ العربية.نت",
// "كان (جنوب فرنسا) - رويترز". A byline without a dash names no place.
func ParseByline(s string) (Dateline, bool) {
	s = trim(s)
	sep, size := bylineDash(s)
	if sep <= 0 {
		return Dateline{}, false
	}
	head := strings.TrimSpace(s[:sep])
	source := strings.TrimSpace(strings.TrimLeftFunc(s[sep+size:], isDashOrSpace))
	if source == "" {
		return Dateline{}, false
	}
	region := ""
	if i := strings.IndexByte(head, '('); i > 0 && strings.HasSuffix(head, ")") {
		region = strings.TrimSpace(head[i+1 : len(head)-1])
		head = strings.TrimSpace(head[:i])
	}
	if !placeLike(head) || utf8.RuneCountInString(head) > maxSourceRunes {
		return Dateline{}, false
	}
	d := Dateline{Place: head, Parts: splitParts(head), Source: source, Marked: true}
	if region != "" {
		d.Parts = append(d.Parts, region)
	}
	return d, true
}

// trim removes spaces and invisible format characters (zero-width
// spaces, bidi marks) around s.
func trim(s string) string {
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) })
}

// bylineDash finds the first dash (or tatweel used as one) of a byline.
func bylineDash(s string) (int, int) {
	for i, r := range s {
		if isDash(r) || r == 'ـ' {
			return i, utf8.RuneLen(r)
		}
	}
	return -1, 0
}

// firstSeparator returns the position and size of the first dateline
// separator within maxHeadRunes of the start of line: a colon, slash,
// opening parenthesis, bar, dash, or a tatweel after a space.
func firstSeparator(line string) (int, int) {
	prevSpace := false
	n := 0
	for i, r := range line {
		if n++; n > maxHeadRunes {
			break
		}
		if r == ':' || r == '/' || r == '(' || r == '|' || isDash(r) || (r == 'ـ' && prevSpace) {
			return i, utf8.RuneLen(r)
		}
		prevSpace = unicode.IsSpace(r)
	}
	return -1, 0
}

// placeLike reports whether head can be the place part of a dateline: a
// few words, with no digits (dates and scores are not places).
func placeLike(head string) bool {
	if head == "" || len(strings.Fields(head)) > maxPlaceWords {
		return false
	}
	return strings.IndexFunc(head, unicode.IsDigit) < 0
}

func splitParts(head string) []string {
	var parts []string
	for _, p := range strings.FieldsFunc(head, func(r rune) bool { return r == '،' || r == ',' }) {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	return parts
}

// group reads the parenthesized group s starts with and returns its
// contents and what follows it.
func group(s string) (inner, after string, ok bool) {
	end := strings.IndexByte(s, ')')
	if end < 0 || utf8.RuneCountInString(s[:end]) > maxSourceRunes {
		return "", "", false
	}
	inner = strings.TrimSpace(s[1:end])
	if inner == "" {
		return "", "", false
	}
	return inner, s[end+1:], true
}

// sourceThenSep reads a short source ended by a colon or a dash (المسلة:).
func sourceThenSep(s string) (src, rest string, ok bool) {
	n := 0
	for i, r := range s {
		if n++; n > maxSourceRunes {
			return "", "", false
		}
		if r == ':' || isDash(r) {
			src = strings.TrimSpace(s[:i])
			if src == "" || len(strings.Fields(src)) > maxSourceWords {
				return "", "", false
			}
			return src, strings.TrimLeftFunc(s[i:], isSepOrSpace), true
		}
	}
	return "", "", false
}

// sourceThenColon reads a short source ended by a colon, as in
// "القاهرة - خاص: …".
func sourceThenColon(s string) (src, rest string, ok bool) {
	i := strings.IndexByte(s, ':')
	if i <= 0 || utf8.RuneCountInString(s[:i]) > maxSourceRunes {
		return "", "", false
	}
	src = strings.TrimSpace(s[:i])
	if len(strings.Fields(src)) > maxSourceWords || strings.ContainsAny(src, ".،,؟?!") {
		return "", "", false
	}
	return src, strings.TrimSpace(s[i+1:]), true
}

// agencyPrefix reports whether s starts with a known agency's name as a
// whole word.
func agencyPrefix(s string) (agency, rest string, ok bool) {
	for _, a := range agencies {
		if !strings.HasPrefix(s, a) {
			continue
		}
		rest = s[len(a):]
		if r, _ := utf8.DecodeRuneInString(rest); rest == "" || !(unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)) {
			return a, rest, true
		}
	}
	return "", "", false
}

func isDash(r rune) bool {
	switch r {
	case '-', '‐', '‑', '‒', '–', '—', '―', '−':
		return true
	}
	return false
}

func isDashOrSpace(r rune) bool { return isDash(r) || unicode.IsSpace(r) || r == 'ـ' }

func isSepOrSpace(r rune) bool { return isDashOrSpace(r) || r == ':' || r == '،' || r == ',' }
