package variants_test

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/fahras/fahras/analyzers"
	"github.com/fahras/fahras/analyzers/variants"
)

// corpusPath is the ANT news corpus beside the repository.
var corpusPath = filepath.Join("..", "..", "..", "shared", "data", "news", "ant_v2_1_multisource.jsonl.gz")

var (
	corpusOnce  sync.Once
	corpusWords map[string]int
	corpusCtx   *variants.Contexts
	corpusErr   error
)

// antWords counts the normalized, unstemmed words of the ANT corpus as an
// index counts them: the titles and the texts that hold each word (its
// document frequency in the exact title field plus that in the exact
// body field). It skips the test when the corpus is absent.
func antWords(tb testing.TB) map[string]int {
	tb.Helper()
	if _, err := os.Stat(corpusPath); err != nil {
		tb.Skipf("the ANT corpus is not here (%v)", err)
	}
	corpusOnce.Do(func() {
		if corpusWords, corpusErr = countCorpus(corpusPath); corpusErr != nil {
			return
		}
		corpusCtx = variants.NewContexts(variants.Candidates(corpusWords, variants.Options{}))
		corpusErr = eachText(corpusPath, corpusCtx.Add)
	})
	if corpusErr != nil {
		tb.Fatal(corpusErr)
	}
	return corpusWords
}

// antTable mines the ANT corpus, with the contexts of its candidates, as
// an index is mined.
func antTable(tb testing.TB) *variants.Table {
	words := antWords(tb)
	return variants.Mine(words, variants.Options{Contexts: corpusCtx})
}

// eachText calls add with the exact terms of each title and text of the
// corpus, in order.
func eachText(path string, add func([]string)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return err
	}
	exact := analyzers.New(analyzers.Exact, nil)
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	var terms []string
	for sc.Scan() {
		var a struct{ Title, Text string }
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			return err
		}
		for _, field := range []string{a.Title, a.Text} {
			terms = terms[:0]
			for _, tok := range exact.Tokens(field) {
				terms = append(terms, tok.Term)
			}
			add(terms)
		}
	}
	return sc.Err()
}

func countCorpus(path string) (map[string]int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
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
			return nil, err
		}
		for _, field := range []string{a.Title, a.Text} {
			seen := map[string]bool{}
			for _, tok := range exact.Tokens(field) {
				if !seen[tok.Term] {
					seen[tok.Term] = true
					counts[tok.Term]++
				}
			}
		}
	}
	return counts, sc.Err()
}
