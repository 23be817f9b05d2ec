// Package democorpus embeds a small corpus of original Arabic news
// articles, written for the demo and the tests. The stories, people and
// outlets are fictional; the places and the ways of writing dates are real.
//
// The corpus is laid out in the three input formats fahras reads:
//
//	raw/*.txt       one scraped news page per file (category, site and date
//	                lines, then the body and page boilerplate)
//	articles.jsonl  one JSON object per line
//	sgml/*.sgml     <DOC> records, several per file
//
// ExpectedDates gives every article's publication date as a person
// reading the page would write it down (from expected_dates.tsv); it is
// the golden file for the date parser and the readers.
package democorpus

import (
	"embed"
	"io/fs"
	"sort"
	"strings"
)

//go:embed raw sgml articles.jsonl
var files embed.FS

//go:embed expected_dates.tsv
var expectedDates string

// Relative is the Date of an Expected row whose page gives only a
// relative date ("منذ ساعتين"), which depends on when the page was read.
const Relative = "relative"

// Expected is the publication date of one corpus article.
type Expected struct {
	// Key is the raw page's file name (without "raw/") or the article's
	// id or DOCNO.
	Key string
	// Date is the publication date as YYYY-MM-DD, or Relative.
	Date string
	// Text is the date as written: the metadata value, or the first date
	// line of a raw page.
	Text string
}

// FS returns the corpus as a read-only file system rooted at the corpus
// folder: "articles.jsonl", "raw/…" and "sgml/…".
func FS() fs.FS {
	return files
}

// Files returns the paths of all corpus files in FS, sorted.
func Files() []string {
	var paths []string
	// Walking an embedded file system cannot fail: its contents are fixed
	// at build time.
	_ = fs.WalkDir(files, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			paths = append(paths, path)
		}
		return nil
	})
	sort.Strings(paths)
	return paths
}

// ExpectedDates returns the expected publication date of every article,
// in the order of expected_dates.tsv (sorted by key).
func ExpectedDates() []Expected {
	var rows []Expected
	for _, line := range strings.Split(expectedDates, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.SplitN(line, "\t", 3)
		if len(fields) != 3 {
			continue
		}
		rows = append(rows, Expected{Key: fields[0], Date: fields[1], Text: fields[2]})
	}
	return rows
}
