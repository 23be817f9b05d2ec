package server

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/fahras/fahras/index"
	"github.com/fahras/fahras/index/article"
	"github.com/fahras/fahras/index/places"
	"github.com/fahras/fahras/search"
)

// The crash test re-runs this test binary as a server process: with
// crashChildDirEnv set, TestCrashChildServer serves the index in that
// directory on a loopback port, prints "listening ADDR" and serves until
// it is killed (or its standard input closes, should the parent die).
const (
	crashChildDirEnv = "FAHRAS_SERVER_CRASH_DIR"
	crashKey         = "crash-write-key"
	crashBulkBatch   = 4
)

func TestCrashChildServer(t *testing.T) {
	dir := os.Getenv(crashChildDirEnv)
	if dir == "" {
		t.Skip("runs only as the server process of TestKillDuringBulkLoad")
	}
	go func() {
		_, _ = io.Copy(io.Discard, os.Stdin)
		os.Exit(3) // the parent is gone
	}()
	if err := runCrashChild(dir); err != nil {
		fmt.Fprintln(os.Stderr, "crash child:", err)
		os.Exit(1)
	}
	os.Exit(0)
}

func runCrashChild(dir string) error {
	g, err := places.Default()
	if err != nil {
		return err
	}
	ix, _, err := index.OpenOrCreate(dir, index.Options{Shards: 2, ProtectedWords: g.Names()})
	if err != nil {
		return fmt.Errorf("open the index: %w", err)
	}
	eng, err := search.New(ix, g)
	if err != nil {
		return err
	}
	srv, err := New(Config{
		Index: ix, Engine: eng, Enricher: index.NewEnricher(g, nil),
		WriteKeys: []string{crashKey}, BulkBatch: crashBulkBatch,
		RateLimit: -1, KeyRateLimit: -1, Page: testPage,
	})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stdout, "listening %s\n", ln.Addr())
	return srv.Serve(context.Background(), ln)
}

// crashChild is one running server process.
type crashChild struct {
	cmd    *exec.Cmd
	stdin  io.Closer
	stderr *strings.Builder
	base   string
	client *http.Client
}

func startCrashChild(t *testing.T, exe, dir string) *crashChild {
	t.Helper()
	cmd := exec.Command(exe, "-test.run=^TestCrashChildServer$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashChildDirEnv+"="+dir)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	c := &crashChild{cmd: cmd, stdin: stdin, stderr: &strings.Builder{}}
	cmd.Stderr = c.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	addr, ok := strings.CutPrefix(strings.TrimSpace(line), "listening ")
	if err != nil || !ok {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		t.Fatalf("the server did not start (%q, %v): %s", line, err, c.stderr)
	}
	c.base = "http://" + addr
	// A transport of its own, so no connection outlives the process.
	c.client = &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4}}
	return c
}

// kill ends the process with SIGKILL: no deferred code, no flush.
func (c *crashChild) kill(t *testing.T) {
	t.Helper()
	if err := c.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatalf("kill: %v", err)
	}
	err := c.cmd.Wait()
	c.stdin.Close()
	c.client.CloseIdleConnections()
	ws, ok := c.cmd.ProcessState.Sys().(syscall.WaitStatus)
	if !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("the server ended on its own before the kill (%v): %s", err, c.stderr)
	}
}

func (c *crashChild) get(t *testing.T, path string) (int, []byte) {
	t.Helper()
	resp, err := c.client.Get(c.base + path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	return resp.StatusCode, body
}

// crashDoc is one line of a bulk load: a new article or a new version of
// one already acknowledged.
type crashDoc struct {
	id      string
	version int
	update  bool
	json    string
}

// crashLedger is what the client knows: the last acknowledged version of
// each document, the highest version sent, and which documents were
// acknowledged since the last check.
type crashLedger struct {
	acked   map[string]int
	sent    map[string]int
	batchOf map[string]int // the round a document was created in: its search token
	fresh   []string
	ids     []string // acknowledged, in order
	next    int
}

func crashToken(round int) string { return fmt.Sprintf("KR%02d", round) }

var crashVersionRE = regexp.MustCompile(`\(نسخة (\d+)\)`)

func crashArticle(id string, round, n, version int) string {
	cities := []string{"بغداد", "الموصل", "البصرة", "أربيل", "كربلاء", "النجف"}
	city := cities[n%len(cities)]
	a := map[string]string{
		"id":    id,
		"title": fmt.Sprintf("تقرير الكهرباء في %s رقم %d (نسخة %d)", city, n, version),
		"body": fmt.Sprintf("%s - قالت مديرية توزيع الكهرباء إن ساعات التجهيز ارتفعت في أحياء المدينة، "+
			"في التقرير رقم %d من الدفعة %s، النسخة %d، بعد إصلاح محطة التحويل الرئيسية.", city, n, crashToken(round), version),
		"source":    "وكالة الرافدين",
		"category":  "محليات",
		"published": fmt.Sprintf("2024-%02d-%02d", 1+n%12, 1+n%28),
	}
	raw, _ := json.Marshal(a)
	return string(raw)
}

// plan prepares n lines: mostly new articles of this round, some new
// versions of acknowledged ones.
func (l *crashLedger) plan(rng *rand.Rand, round, n int) []crashDoc {
	docs := make([]crashDoc, 0, n)
	seen := map[string]bool{}
	for len(docs) < n {
		if len(l.ids) > 0 && rng.IntN(10) == 0 {
			id := l.ids[rng.IntN(len(l.ids))]
			if seen[id] {
				continue
			}
			seen[id] = true
			v := l.sent[id] + 1
			l.sent[id] = v
			docs = append(docs, crashDoc{id: id, version: v, update: true, json: crashArticle(id, l.batchOf[id], l.next, v)})
			l.next++
			continue
		}
		id := fmt.Sprintf("iq/r%02d/%05d", round, l.next)
		l.sent[id] = 1
		l.batchOf[id] = round
		docs = append(docs, crashDoc{id: id, version: 1, json: crashArticle(id, round, l.next, 1)})
		l.next++
	}
	return docs
}

// ack records one acknowledged line of a bulk response.
func (l *crashLedger) ack(t *testing.T, docs []crashDoc, raw []byte) {
	t.Helper()
	var res struct {
		Line   int
		ID     string
		Status string
		Error  *errorDetail
	}
	if err := json.Unmarshal(raw, &res); err != nil {
		t.Fatalf("response line %q: %v", raw, err)
	}
	if res.Line == 0 {
		return // the summary
	}
	if res.Line < 0 || res.Line > len(docs) {
		t.Fatalf("acknowledgement of line %d; %d were sent", res.Line, len(docs))
	}
	d := docs[res.Line-1]
	if res.Error != nil || res.ID != d.id {
		t.Fatalf("line %d (%s): %s", res.Line, d.id, raw)
	}
	want := "created"
	if d.update {
		want = "updated"
	}
	if res.Status != want {
		t.Fatalf("line %d (%s v%d): status %q, want %q", res.Line, d.id, d.version, res.Status, want)
	}
	if _, known := l.acked[d.id]; !known {
		l.ids = append(l.ids, d.id)
	}
	l.acked[d.id] = max(l.acked[d.id], d.version)
	l.fresh = append(l.fresh, d.id)
}

// bulkBody streams docs as NDJSON.
func bulkBody(docs []crashDoc) io.ReadCloser {
	pr, pw := io.Pipe()
	go func() {
		w := bufio.NewWriter(pw)
		for _, d := range docs {
			if _, err := fmt.Fprintln(w, d.json); err != nil {
				return
			}
		}
		if err := w.Flush(); err != nil {
			return
		}
		pw.Close()
	}()
	return pr
}

// startBulk posts docs and sends each response line on the channel it
// returns, which closes when the response ends or breaks.
func (c *crashChild) startBulk(t *testing.T, docs []crashDoc) <-chan []byte {
	t.Helper()
	req, err := http.NewRequest("POST", c.base+"/api/v1/documents/bulk", bulkBody(docs))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+crashKey)
	req.Header.Set("Content-Type", "application/x-ndjson")
	lines := make(chan []byte, 64)
	go func() {
		defer close(lines)
		resp, err := c.client.Do(req)
		if err != nil {
			return
		}
		defer resp.Body.Close()
		if resp.StatusCode != 200 {
			b, _ := io.ReadAll(resp.Body)
			lines <- []byte(fmt.Sprintf(`{"line":-1,"status":%q}`, fmt.Sprint(resp.StatusCode, " ", string(b))))
			return
		}
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			lines <- append([]byte(nil), sc.Bytes()...)
		}
	}()
	return lines
}

// verify checks, through the restarted server, that every document
// acknowledged since the last check is stored with its acknowledged
// version (or a later one that was sent), that a search finds it, and
// that a sample of older ones are still there.
func (l *crashLedger) verify(t *testing.T, c *crashChild, rng *rand.Rand, all bool) int {
	t.Helper()
	check := l.fresh
	if all {
		check = l.ids
	} else {
		for i := 0; i < 20 && len(l.ids) > 0; i++ {
			check = append(check, l.ids[rng.IntN(len(l.ids))])
		}
	}
	tokens := map[int]bool{}
	for _, id := range check {
		status, body := c.get(t, "/api/v1/documents/"+url.PathEscape(id))
		if status != 200 {
			t.Fatalf("acknowledged document %s (v%d) lost: %d %s", id, l.acked[id], status, body)
		}
		var d article.View
		if err := json.Unmarshal(body, &d); err != nil {
			t.Fatalf("GET %s: %v", id, err)
		}
		m := crashVersionRE.FindStringSubmatch(d.Title)
		if m == nil {
			t.Fatalf("%s: title %q has no version", id, d.Title)
		}
		v, _ := strconv.Atoi(m[1])
		if v < l.acked[id] || v > l.sent[id] {
			t.Fatalf("%s: version %d stored; %d acknowledged, %d sent", id, v, l.acked[id], l.sent[id])
		}
		if !strings.Contains(d.Body, fmt.Sprintf("النسخة %d،", v)) || d.ID != id {
			t.Fatalf("%s: title and body disagree: %+v", id, d)
		}
		tokens[l.batchOf[id]] = true
	}
	// A search for each batch's token finds every acknowledged document
	// of the batch.
	for round := range tokens {
		found := map[string]bool{}
		after := ""
		for {
			q := "/api/v1/search?no_facets&no_highlight&size=100&sort=oldest&q=" + crashToken(round)
			if after != "" {
				q += "&search_after=" + url.QueryEscape(after)
			}
			status, body := c.get(t, q)
			if status != 200 {
				t.Fatalf("search %s: %d %s", crashToken(round), status, body)
			}
			var res search.Result
			if err := json.Unmarshal(body, &res); err != nil {
				t.Fatal(err)
			}
			for _, h := range res.Hits {
				found[h.ID] = true
			}
			if len(res.SearchAfter) == 0 {
				break
			}
			after = strings.Join(res.SearchAfter, ",")
		}
		for _, id := range l.ids {
			if l.batchOf[id] == round && !found[id] {
				t.Fatalf("a search for %s does not find the acknowledged document %s", crashToken(round), id)
			}
		}
	}
	status, body := c.get(t, "/api/v1/stats")
	var st statsJSON
	if err := json.Unmarshal(body, &st); status != 200 || err != nil {
		t.Fatalf("stats: %d %s", status, body)
	}
	if st.Documents < uint64(len(l.ids)) || st.Documents > uint64(len(l.sent)) {
		t.Fatalf("%d documents in the index; %d acknowledged, %d sent", st.Documents, len(l.ids), len(l.sent))
	}
	l.fresh = nil
	return len(check)
}

// TestKillDuringBulkLoad bulk-loads articles through the HTTP API of a
// server process, kills the process with SIGKILL at random moments (in
// the middle of a streamed load, and between loads), restarts it on the
// same index and checks that every acknowledged line survived: the
// document reads back with its acknowledged version and a search finds
// it.
func TestKillDuringBulkLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test skipped in -short mode")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "ix")
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 0x6661687261730a))
	l := &crashLedger{acked: map[string]int{}, sent: map[string]int{}, batchOf: map[string]int{}}

	const rounds = 24
	var midStream, idle, checked int
	for round := 0; round < rounds; round++ {
		c := startCrashChild(t, exe, dir)
		checked += l.verify(t, c, rng, false)

		switch round % 3 {
		case 0, 1:
			// Mid-stream: a long load, killed after a random number of
			// acknowledgements (or, in every other round, after a random
			// time, which may fall before the first one).
			docs := l.plan(rng, round, 200+rng.IntN(200))
			lines := c.startBulk(t, docs)
			var deadline <-chan time.Time
			target := 1 + rng.IntN(100)
			if round%3 == 1 {
				deadline = time.After(time.Duration(5+rng.IntN(150)) * time.Millisecond)
				target = len(docs) + 1
			}
			got, finished := 0, false
		stream:
			for got < target {
				select {
				case raw, ok := <-lines:
					if !ok {
						if got <= len(docs) {
							t.Fatalf("round %d: the load broke after %d of %d acknowledgements: %s", round, got, len(docs), c.stderr)
						}
						finished = true // all acknowledged before the time was up
						break stream
					}
					l.ack(t, docs, raw)
					got++
				case <-deadline:
					break stream
				}
			}
			time.Sleep(time.Duration(rng.IntN(10)) * time.Millisecond)
			c.kill(t)
			for raw := range lines { // acknowledged before the kill landed
				l.ack(t, docs, raw)
				got++
			}
			if finished || got > len(docs) {
				idle++ // the summary came before the kill
			} else {
				midStream++
			}
		case 2:
			// Between requests: whole loads, answered to their summary,
			// then a kill of the idle server.
			for n := 1 + rng.IntN(3); n > 0; n-- {
				docs := l.plan(rng, round, 5+rng.IntN(30))
				var summary bulkSummary
				for raw := range c.startBulk(t, docs) {
					l.ack(t, docs, raw)
					var s struct{ Summary *bulkSummary }
					if json.Unmarshal(raw, &s) == nil && s.Summary != nil {
						summary = *s.Summary
					}
				}
				if summary.Lines != len(docs) || summary.Failed != 0 || summary.Error != nil {
					t.Fatalf("round %d: summary %+v for %d lines", round, summary, len(docs))
				}
			}
			c.kill(t)
			idle++
		}

		// The index opens cleanly with nothing running.
		ix, err := index.Open(dir)
		if err != nil {
			t.Fatalf("round %d: open after the kill: %v", round, err)
		}
		n, err := ix.Count()
		if err != nil || n < uint64(len(l.ids)) {
			t.Fatalf("round %d: %d documents (%v), %d acknowledged", round, n, err, len(l.ids))
		}
		if err := ix.Close(); err != nil {
			t.Fatalf("round %d: close: %v", round, err)
		}
	}

	c := startCrashChild(t, exe, dir)
	defer c.kill(t)
	checked += l.verify(t, c, rng, true)
	if len(l.ids) < rounds*10 {
		t.Errorf("only %d documents were acknowledged over %d rounds", len(l.ids), rounds)
	}
	t.Logf("%d kills (%d mid-stream, %d between loads); %d documents acknowledged, %d checks, all found",
		rounds, midStream, idle, len(l.ids), checked)
}
