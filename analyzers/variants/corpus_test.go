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
)

// corpusPath is the ANT news corpus beside the repository.
var corpusPath = filepath.Join("..", "..", "..", "shared", "data", "news", "ant_v2_1_multisource.jsonl.gz")

var (
	corpusOnce  sync.Once
	corpusWords map[string]int
	corpusErr   error
)

// antWords counts the normalized, unstemmed words of the ANT corpus's
// titles and texts, or skips the test when the corpus is absent.
func antWords(tb testing.TB) map[string]int {
	tb.Helper()
	if _, err := os.Stat(corpusPath); err != nil {
		tb.Skipf("the ANT corpus is not here (%v)", err)
	}
	corpusOnce.Do(func() { corpusWords, corpusErr = countCorpus(corpusPath) })
	if corpusErr != nil {
		tb.Fatal(corpusErr)
	}
	return corpusWords
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
		for _, tok := range exact.Tokens(a.Title + "\n" + a.Text) {
			counts[tok.Term]++
		}
	}
	return counts, sc.Err()
}
