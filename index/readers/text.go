package readers

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/fahras/fahras/index/article"
)

// A raw scraped article looks like this:
//
//	اخبار العراق                      category
//	موقع كل يوم -المسلة               site
//	نشر بتاريخ: ٦ كانون الثاني ٢٠٢٦    date
//	6 يناير، 2026                     date
//	بغداد/المسلة: يثير انسحاب ...      body, first paragraph
//	...
//	About Post Author                 page boilerplate
//	...
//
// The header is the run of short lines (under shortLineRunes runes, no
// sentence-ending punctuation) before the first long line, at most
// maxHeaderLines of them; lines with a known label ("العنوان:", "Source:")
// count as header lines whatever their length. A file whose lines are all
// short has no header: it is all body.
const (
	shortLineRunes = 80
	maxHeaderLines = 10
)

// readText reads one raw scraped article.
func readText(data []byte, name string, emit func(Record) error) error {
	if at := invalidUTF8At(data); at >= 0 {
		return emit(Record{Err: fmt.Errorf("%w at byte %d", ErrInvalidUTF8, at), Origin: name})
	}
	a, err := parseText(string(data))
	if err != nil {
		return emit(Record{Err: err, Origin: name})
	}
	a.Origin = name
	return emit(Record{Article: a, Origin: name})
}

func parseText(s string) (article.Article, error) {
	lines := strings.Split(cleanText(s), "\n")
	for i, l := range lines {
		lines[i] = strings.Join(strings.FieldsFunc(l, isLineSpace), " ")
	}
	bodyStart := headerEnd(lines)
	if bodyStart < 0 {
		return article.Article{}, ErrEmpty
	}
	var a article.Article
	readHeader(lines[:bodyStart], &a)
	a.Body = joinParagraphs(bodyLines(lines[bodyStart:]))
	if a.Title == "" {
		a.Title = titleFromBody(a.Body)
	}
	if a.Body == "" {
		return article.Article{}, fmt.Errorf("%w: no body text after the header", ErrNoText)
	}
	return a, nil
}

// isLineSpace is unicode.IsSpace, for collapsing the spaces of a line
// (which has no newlines left).
func isLineSpace(r rune) bool { return unicode.IsSpace(r) }

// headerEnd returns the index of the line where the body starts, or -1
// when all lines are blank.
func headerEnd(lines []string) int {
	count, firstNonBlank := 0, -1
	for i, l := range lines {
		if l == "" {
			continue
		}
		if firstNonBlank < 0 {
			firstNonBlank = i
		}
		if _, _, ok := labeled(l); ok {
			count++
		} else if utf8.RuneCountInString(l) < shortLineRunes && !hasSentenceEnd(l) {
			count++
		} else {
			return i
		}
		if count > maxHeaderLines {
			break
		}
	}
	// No long line, or too many short ones to be a header: all body.
	return firstNonBlank
}

// hasSentenceEnd reports whether line ends a sentence, at its end or
// before a space: "6.1.2026" does not, "قال الوزير. ثم" does.
func hasSentenceEnd(line string) bool {
	for i, r := range line {
		if !isSentenceEnd(r) {
			continue
		}
		next := i + utf8.RuneLen(r)
		if next == len(line) || line[next] == ' ' {
			return true
		}
	}
	return false
}

// readHeader sorts the header lines into the article: labeled fields, the
// site line (Source), the category line, and the rest, in order, into
// HeaderLines.
func readHeader(header []string, a *article.Article) {
	seen := 0
	for _, l := range header {
		if l == "" {
			continue
		}
		seen++
		if field, value, ok := labeled(l); ok {
			setLabeled(a, field, value, l)
			continue
		}
		if src, ok := siteName(l); ok && a.Source == "" {
			a.Source = src
			continue
		}
		// The category is the first header line, or the one after the
		// site line.
		if a.Category == "" && len(a.HeaderLines) == 0 && seen <= 2 && isCategoryLike(l) {
			a.Category = l
			continue
		}
		a.HeaderLines = append(a.HeaderLines, l)
	}
}

func setLabeled(a *article.Article, field, value, line string) {
	var dst *string
	switch field {
	case "title":
		dst = &a.Title
	case "source":
		dst = &a.Source
		if src, ok := siteName(value); ok {
			value = src
		}
	case "category":
		dst = &a.Category
	case "author":
		dst = &a.Author
	case "url":
		dst = &a.URL
	}
	if dst == nil || *dst != "" || value == "" {
		a.HeaderLines = append(a.HeaderLines, line)
		return
	}
	*dst = value
}

// headerLabels maps the normalized labels of "label: value" header lines
// to the field they fill. Date labels ("نشر بتاريخ:") are not here: date
// lines stay in HeaderLines for the date parser.
var headerLabels = map[string]string{
	"العنوان": "title", "عنوان": "title", "عنوان الخبر": "title", "title": "title", "headline": "title",
	"المصدر": "source", "مصدر": "source", "الموقع": "source", "source": "source", "site": "source",
	"القسم": "category", "التصنيف": "category", "الفيه": "category", "category": "category", "section": "category",
	"الكاتب": "author", "الكاتبه": "author", "بقلم": "author", "كتب": "author", "author": "author", "by": "author",
	"الرابط": "url", "رابط": "url", "url": "url", "link": "url",
}

// labeled splits a "label: value" line whose label is known.
func labeled(line string) (field, value string, ok bool) {
	label, value, found := strings.Cut(line, ":")
	if !found || utf8.RuneCountInString(label) > 25 {
		return "", "", false
	}
	field, ok = headerLabels[normalizeMarker(label)]
	if !ok || (field == "url" && !strings.Contains(value, ".")) {
		return "", "", false
	}
	return field, strings.TrimSpace(value), true
}

var domainRE = regexp.MustCompile(`^(?i)(https?://)?(www\.)?([a-z0-9-]+(\.[a-z0-9-]+)+)/?$`)

// siteName recognizes the line naming the site and returns the outlet's
// name: "موقع كل يوم -المسلة" is the aggregator "كل يوم" showing an article
// of المسلة, so the outlet is the last dash-separated part; "موقع المسلة"
// gives المسلة; a bare domain gives the domain without www.; a line naming
// a paper, agency or channel ("جريدة الصباح") is the outlet itself.
func siteName(line string) (string, bool) {
	if m := domainRE.FindStringSubmatch(line); m != nil {
		return strings.ToLower(m[3]), true
	}
	words := strings.Fields(line)
	if len(words) < 2 || hasDigit(line) {
		return "", false
	}
	switch normalizeMarker(words[0]) {
	case "موقع", "الموقع":
		if name := lastSegment(strings.Join(words[1:], " ")); name != "" {
			return name, true
		}
	case "صحيفه", "جريده", "وكاله", "قناه", "شبكه", "مجله", "اذاعه":
		if len(words) <= 6 {
			return line, true
		}
	}
	return "", false
}

// lastSegment returns the last part of s split at separators: a dash next
// to a space, an en or em dash, or a vertical bar.
func lastSegment(s string) string {
	s = strings.NewReplacer(" -", "|", "- ", "|", "–", "|", "—", "|").Replace(s)
	parts := strings.Split(s, "|")
	for i := len(parts) - 1; i >= 0; i-- {
		if p := strings.TrimSpace(parts[i]); p != "" {
			return p
		}
	}
	return ""
}

// isCategoryLike: a category is a few words, with no digits (dates have
// them) and no colon or slash (datelines and labels have them).
func isCategoryLike(line string) bool {
	return len(strings.Fields(line)) <= 4 && !hasDigit(line) && !strings.ContainsAny(line, ":/")
}

func hasDigit(s string) bool {
	return strings.IndexFunc(s, unicode.IsDigit) >= 0
}

// bodyLines returns the paragraphs of the body, without the page
// boilerplate that scrapers keep:
//   - a line such as "About Post Author", "Related posts", "Share" or
//     "مقالات ذات صلة" ends the body (before any body text it is dropped);
//   - "اقرأ أيضا" / "Read also" links are dropped;
//   - lines made only of social network names are dropped;
//   - after a run of three or more blank lines, a tail with no long line
//     (author names, menus) is dropped.
func bodyLines(lines []string) []string {
	lastLong := -1
	for i, l := range lines {
		if utf8.RuneCountInString(l) >= shortLineRunes {
			lastLong = i
		}
	}
	var kept []string
	blanks := 0
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if l == "" {
			blanks++
			continue
		}
		if blanks >= 3 && len(kept) > 0 && i > lastLong {
			break
		}
		blanks = 0
		m := normalizeMarker(l)
		switch {
		case endMarkers[m]:
			if len(kept) > 0 {
				return kept
			}
		case isReadAlso(m):
			if readAlsoPrefix[m] {
				// The link's title is on the next line.
				if j := nextNonBlank(lines, i+1); j >= 0 && utf8.RuneCountInString(lines[j]) < 150 && !endsSentence(lines[j]) {
					i = j
				}
			}
		case isSocial(m):
		default:
			kept = append(kept, l)
		}
	}
	return kept
}

func nextNonBlank(lines []string, i int) int {
	for ; i < len(lines); i++ {
		if lines[i] != "" {
			return i
		}
	}
	return -1
}

func endsSentence(l string) bool {
	r, _ := utf8.DecodeLastRuneInString(l)
	return isSentenceEnd(r)
}

// endMarkers are the normalized lines that start a page's boilerplate.
var endMarkers = setOf(
	"about post author", "about the author", "see author's posts", "view all posts",
	"related posts", "related articles", "related news", "related", "you may also like",
	"share", "share this", "share this article", "share this post", "like this", "post navigation",
	"leave a reply", "leave a comment", "comments", "tags", "previous post", "next post",
	"more stories", "read more",
	"عن الكاتب", "نبذه عن الكاتب", "شاهد مقالات الكاتب", "كل مقالات الكاتب",
	"مقالات ذات صله", "اخبار ذات صله", "مواضيع ذات صله", "مقالات مشابهه", "اخبار مشابهه",
	"مقالات متعلقه", "اخبار متعلقه", "قد يعجبك ايضا", "اقرا المزيد", "المزيد من الاخبار",
	"شارك", "شارك المقال", "شارك الخبر", "شارك هذا المقال", "شارك هذا الخبر", "مشاركه",
	"الوسوم", "الكلمات المفتاحيه", "كلمات مفتاحيه", "التعليقات", "اترك تعليقا", "اضف تعليق",
)

// readAlsoPrefix are the normalized openings of "read also" link lines.
var readAlsoPrefix = setOf("اقرا ايضا", "اقرا كذلك", "اقرا ايضا علي", "read also", "see also", "also read")

func isReadAlso(m string) bool {
	for p := range readAlsoPrefix {
		if rest, ok := strings.CutPrefix(m, p); ok {
			r, _ := utf8.DecodeRuneInString(rest)
			if rest == "" || !unicode.IsLetter(r) {
				return true
			}
		}
	}
	return false
}

// socialWords are the words of share bars: network names and the verbs
// around them.
var socialWords = setOf(
	"facebook", "twitter", "x", "whatsapp", "telegram", "linkedin", "pinterest", "reddit",
	"tumblr", "email", "e-mail", "print", "messenger", "tweet", "pin", "copy", "link", "share", "on", "via",
	"فيسبوك", "فيس", "بوك", "تويتر", "واتساب", "واتس", "اب", "تيليجرام", "تلغرام", "تليجرام",
	"لينكدان", "انستغرام", "انستجرام", "بريد", "الكتروني", "البريد", "الالكتروني", "طباعه",
	"نسخ", "الرابط", "شارك", "مشاركه", "علي", "عبر",
)

// socialNetworks are the words that make a line a share bar.
var socialNetworks = setOf(
	"facebook", "twitter", "whatsapp", "telegram", "linkedin", "pinterest", "reddit", "tumblr",
	"messenger", "فيسبوك", "تويتر", "واتساب", "تيليجرام", "تلغرام", "تليجرام", "لينكدان",
	"انستغرام", "انستجرام",
)

func isSocial(m string) bool {
	words := strings.FieldsFunc(m, func(r rune) bool {
		return unicode.IsSpace(r) || r == '|' || r == '·' || r == '•' || r == ',' || r == '،' || r == '/'
	})
	network := false
	for _, w := range words {
		if !socialWords[w] {
			return false
		}
		network = network || socialNetworks[w]
	}
	return network
}

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// normalizeMarker folds a short line for comparison with the marker
// tables: lower case, curly apostrophes made straight, Arabic diacritics
// and tatweel removed, alef, yeh and teh marbuta forms unified, and
// punctuation trimmed from both ends.
func normalizeMarker(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r == '’' || r == '‘':
			b.WriteByte('\'')
		case r >= '\u064b' && r <= '\u0652', r == 'ـ':
		case r == 'أ' || r == 'إ' || r == 'آ':
			b.WriteRune('ا')
		case r == 'ى':
			b.WriteRune('ي')
		case r == 'ة':
			b.WriteRune('ه')
		default:
			b.WriteRune(r)
		}
	}
	out := strings.TrimFunc(b.String(), func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r)
	})
	return strings.Join(strings.Fields(out), " ")
}
