// Command genfeminine writes analyzers/feminine.txt: the words ending in
// ة (normalized to ه) whose ت-form before a pronoun (حكومتها, سياستهم,
// قوته) should meet them, decided by the vocabulary of a news corpus. A
// word is listed when its ة-form is used at least minCount times, occurs
// before a pronoun at least once, and is more frequent than the same
// letters ending in a plain ت (بيت, وقت and صوت are words of their own, so
// بيتها stays بيت). Run it through go generate in package analyzers with
// the ANT corpus, a gzipped JSON Lines file of articles with title and
// text fields.
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"sort"
	"strings"

	"github.com/fahras/fahras/analyzers"
)

const (
	tehMarbuta = "ه" // ة after normalization
	teh        = "ت"
	minCount   = 5
)

// pronouns are the attached pronouns after which ة is written ت.
var pronouns = []string{"ها", "هم", "هن", "هما", "نا", "كم", "كن", "كما", "ه", "ي"}

// articles are the proclitic runs ending in the article, removed before
// counting so that الحكومة and والحكومة count for حكومة.
var articles = []string{"وبال", "فبال", "وكال", "فكال", "وال", "فال", "بال", "كال", "ولل", "فلل", "ال", "لل"}

func main() {
	in := flag.String("corpus", "", "gzipped JSON Lines corpus (title and text fields)")
	out := flag.String("o", "feminine.txt", "output file")
	flag.Parse()
	if *in == "" {
		log.Fatal("genfeminine: -corpus is required")
	}
	f, err := os.Open(*in)
	if err != nil {
		log.Fatalf("genfeminine: %v", err)
	}
	defer f.Close()
	counts, err := countWords(f)
	if err != nil {
		log.Fatalf("genfeminine: %s: %v", *in, err)
	}
	words := feminine(counts)
	var sb strings.Builder
	sb.WriteString("# Words ending in ة (normalized to ه) that meet their ت-form before a pronoun.\n")
	sb.WriteString("# Written by internal/genfeminine from the ANT news corpus; do not edit.\n")
	for _, w := range words {
		sb.WriteString(w)
		sb.WriteByte('\n')
	}
	if err := os.WriteFile(*out, []byte(sb.String()), 0o644); err != nil {
		log.Fatalf("genfeminine: %v", err)
	}
	fmt.Fprintf(os.Stderr, "genfeminine: %d words from %d distinct forms\n", len(words), len(counts))
}

// countWords counts the normalized, unstemmed words of the corpus, with
// a leading article run removed.
func countWords(r io.Reader) (map[string]int, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, err
	}
	exact := analyzers.New(analyzers.Exact, nil)
	counts := map[string]int{}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		var a struct{ Title, Text string }
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			return nil, fmt.Errorf("line: %w", err)
		}
		for _, tok := range exact.Tokens(a.Title + "\n" + a.Text) {
			counts[bare(tok.Term)]++
		}
	}
	return counts, sc.Err()
}

func bare(w string) string {
	for _, a := range articles {
		if rest, ok := strings.CutPrefix(w, a); ok && len([]rune(rest)) >= 3 {
			return rest
		}
	}
	return w
}

// feminine selects the ة-words (see the command's documentation).
func feminine(counts map[string]int) []string {
	var out []string
	for w, n := range counts {
		stem, ok := strings.CutSuffix(w, tehMarbuta)
		if !ok || n < minCount || len([]rune(stem)) < 2 {
			continue
		}
		tForm := stem + teh
		before := 0
		for _, p := range pronouns {
			before += counts[tForm+p]
		}
		if before == 0 || counts[tForm] >= n {
			continue
		}
		out = append(out, w)
	}
	sort.Strings(out)
	return out
}
