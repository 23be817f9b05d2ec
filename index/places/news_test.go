package places

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
)

// TestNewsSample runs the embedded gazetteer over a sample of real news
// (every 20th of the first 10,000 articles) and logs the most frequent
// places, the way the stop list was tuned: names that are also common
// words show up at the top of such a list.
func TestNewsSample(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the news corpus")
	}
	g := embedded(t)
	f, err := os.Open(sharedData(t, "news", "ant_v2_1_multisource.jsonl.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	m := g.NewMatcher()
	sc := bufio.NewScanner(zr)
	sc.Buffer(nil, 1<<24)
	docs := map[string]int{}
	articles, withPlace := 0, 0
	for line := 1; sc.Scan() && articles < 500; line++ {
		if line%20 != 0 {
			continue
		}
		var a struct{ Title, Text string }
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatalf("line %d: %v", line, err)
		}
		articles++
		ex := m.Extract(a.Title, a.Text)
		if len(ex.Places) > 0 {
			withPlace++
		}
		for _, p := range ex.Places {
			if p.Count < 1 {
				t.Errorf("line %d: %s counted %d times", line, p.ID, p.Count)
			}
			docs[p.Name+" "+p.ID]++
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	keys := make([]string, 0, len(docs))
	for k := range docs {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(a, b int) bool {
		if docs[keys[a]] != docs[keys[b]] {
			return docs[keys[a]] > docs[keys[b]]
		}
		return keys[a] < keys[b]
	})
	var top []string
	for _, k := range keys[:min(30, len(keys))] {
		top = append(top, fmt.Sprintf("%d %s", docs[k], k))
	}
	t.Logf("%d of %d articles name a place; top places by articles:\n%s", withPlace, articles, strings.Join(top, "\n"))
	if withPlace < articles*7/10 {
		t.Errorf("only %d of %d articles name a place", withPlace, articles)
	}
	if !strings.HasSuffix(keys[0], " US") {
		t.Errorf("most named place is %s, want the United States in this 2018 sample", keys[0])
	}
}
