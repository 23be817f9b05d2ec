package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fahras/fahras/index"
)

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startCommand runs a serving command in the background and waits for it
// to print its URL.
func startCommand(t *testing.T, run func(context.Context, *Env, []string) int, args ...string) (url string, stdout, stderr *syncBuffer, stop func() int) {
	t.Helper()
	stdout, stderr = &syncBuffer{}, &syncBuffer{}
	env := &Env{Stdin: strings.NewReader(""), Stdout: stdout, Stderr: stderr,
		Logger: slog.New(slog.NewTextHandler(stderr, nil))}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() { done <- run(ctx, env, args) }()
	urlRE := regexp.MustCompile(`serving \d+ articles at (http://\S+/)`)
	deadline := time.Now().Add(60 * time.Second)
	for {
		if m := urlRE.FindStringSubmatch(stdout.String()); m != nil {
			url = m[1]
			break
		}
		select {
		case code := <-done:
			cancel()
			t.Fatalf("command exited with %d before serving:\n%s\n%s", code, stdout, stderr)
		default:
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("no URL printed:\n%s\n%s", stdout, stderr)
		}
		time.Sleep(20 * time.Millisecond)
	}
	var once sync.Once
	code := -1
	stop = func() int {
		once.Do(func() {
			cancel()
			select {
			case code = <-done:
			case <-time.After(30 * time.Second):
				t.Fatal("the command did not stop")
			}
		})
		return code
	}
	t.Cleanup(func() { stop() })
	return url, stdout, stderr, stop
}

func getJSON(t *testing.T, u string, v any) int {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
	defer resp.Body.Close()
	if v != nil {
		if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
			t.Fatalf("GET %s: %v", u, err)
		}
	}
	return resp.StatusCode
}

func TestDemo(t *testing.T) {
	base, stdout, stderr, stop := startCommand(t, command("demo"), "--addr", "127.0.0.1:0")

	if code := getJSON(t, base+"readyz", nil); code != 200 {
		t.Errorf("readyz: %d", code)
	}
	var stats struct{ Documents int }
	getJSON(t, base+"api/v1/stats", &stats)
	if stats.Documents < 30 {
		t.Errorf("the demo index holds %d articles", stats.Documents)
	}
	var res struct {
		Total uint64
		Hits  []struct{ ID, Title string }
	}
	if code := getJSON(t, base+"api/v1/search?q="+url.QueryEscape("العراق"), &res); code != 200 || res.Total == 0 {
		t.Errorf("search العراق: %d, %d hits", code, res.Total)
	}
	resp, err := http.Get(base)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !bytes.Contains(page, []byte(`dir="rtl"`)) {
		t.Errorf("page: %d, %d bytes", resp.StatusCode, len(page))
	}

	// The printed key writes.
	m := regexp.MustCompile(`demo write API key: (\S+)`).FindStringSubmatch(stdout.String())
	if m == nil {
		t.Fatalf("no key printed:\n%s", stdout)
	}
	body := `{"title":"خبر تجريبي من العرض","body":"حلب - نص قصير لتجربة الكتابة عبر الواجهة."}`
	req, _ := http.NewRequest("PUT", base+"api/v1/documents/demo-test", strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+m[1])
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 201 {
		t.Errorf("PUT with the demo key: %d", resp.StatusCode)
	}

	dir := regexp.MustCompile(`dir=(\S+)`).FindStringSubmatch(stderr.String())
	if code := stop(); code != 0 {
		t.Errorf("exit %d:\n%s", code, stderr)
	}
	if dir == nil {
		t.Fatalf("no index dir logged:\n%s", stderr)
	}
	if _, err := os.Stat(dir[1]); !os.IsNotExist(err) {
		t.Errorf("the temporary index %s is still there (%v)", dir[1], err)
	}
}

func TestDemoKeepsAGivenIndex(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "demo-index")
	_, _, _, stop := startCommand(t, command("demo"), "--addr", "127.0.0.1:0", "--index", dir)
	if code := stop(); code != 0 {
		t.Fatalf("exit %d", code)
	}
	ix, err := index.Open(dir)
	if err != nil {
		t.Fatalf("the index was not kept: %v", err)
	}
	defer ix.Close()
	if n, _ := ix.Count(); n < 30 {
		t.Errorf("kept index holds %d articles", n)
	}
}

func TestServe(t *testing.T) {
	dir := t.TempDir()
	ix, err := index.Create(dir, index.Options{Shards: 1})
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	base, _, _, stop := startCommand(t, command("serve"), "--index", dir, "--addr", "127.0.0.1:0", "--api-key", "k1", "--timeout", "5s")
	if code := getJSON(t, base+"healthz", nil); code != 200 {
		t.Errorf("healthz %d", code)
	}
	req, _ := http.NewRequest("PUT", base+"api/v1/documents/s1", strings.NewReader(`{"title":"خبر","body":"الدوحة - نص."}`))
	req.Header.Set("Authorization", "Bearer k1")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 201 {
		t.Errorf("PUT: %d", resp.StatusCode)
	}
	if code := stop(); code != 0 {
		t.Errorf("exit %d", code)
	}
}

func TestServeErrors(t *testing.T) {
	code, _, stderr := runCommandTest(t, command("serve"), "--index", t.TempDir(), "--addr", "127.0.0.1:0")
	if code != 1 || !strings.Contains(stderr, "fahras demo") {
		t.Errorf("no index: %d %q", code, stderr)
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	dir := t.TempDir()
	ix, err := index.Create(dir, index.Options{Shards: 1})
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	code, _, stderr = runCommandTest(t, command("serve"), "--index", dir, "--addr", ln.Addr().String())
	if code != 1 || !strings.Contains(stderr, "already in use") {
		t.Errorf("port taken: %d %q", code, stderr)
	}

	code, _, stderr = runCommandTest(t, command("serve"), "--index", dir, "--api-key-file", filepath.Join(t.TempDir(), "missing"))
	if code != 2 || !strings.Contains(stderr, "API key file") {
		t.Errorf("missing key file: %d %q", code, stderr)
	}
	code, _, _ = runCommandTest(t, command("serve"), "stray-argument")
	if code != 2 {
		t.Errorf("stray argument: %d", code)
	}
}

func TestServeKeys(t *testing.T) {
	file := filepath.Join(t.TempDir(), "keys")
	if err := os.WriteFile(file, []byte("# writers\nfile-key-1\n\n  file-key-2  \n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("FAHRAS_API_KEYS", "env-w1, env-w2")
	t.Setenv("FAHRAS_READ_KEYS", "env-r1")
	sf := serveFlags{writeKeys: []string{"flag-w"}, readKeys: []string{"flag-r"}, keyFile: file}
	w, r, err := sf.keys()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(w, " "); got != "flag-w env-w1 env-w2 file-key-1 file-key-2" {
		t.Errorf("write keys %q", got)
	}
	if got := strings.Join(r, " "); got != "flag-r env-r1" {
		t.Errorf("read keys %q", got)
	}
}

func TestPageURL(t *testing.T) {
	tests := []struct{ flag, bound, want string }{
		{":8080", "[::]:8080", "http://localhost:8080/"},
		{"0.0.0.0:9000", "0.0.0.0:9000", "http://localhost:9000/"},
		{"127.0.0.1:0", "127.0.0.1:41234", "http://127.0.0.1:41234/"},
		{"[::1]:8080", "[::1]:8080", "http://[::1]:8080/"},
	}
	for _, tc := range tests {
		if got := pageURL(tc.flag, fakeAddr(tc.bound)); got != tc.want {
			t.Errorf("pageURL(%q, %q) = %q, want %q", tc.flag, tc.bound, got, tc.want)
		}
	}
}

// fakeAddr is a listener address given as text.
type fakeAddr string

func (a fakeAddr) Network() string { return "tcp" }
func (a fakeAddr) String() string  { return string(a) }
