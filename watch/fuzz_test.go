package watch_test

import (
	"context"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fahras/fahras/watch"
)

// FuzzCheckURL checks that the webhook policy never panics and allows
// only http(s) URLs on the hosts it names.
func FuzzCheckURL(f *testing.F) {
	for _, s := range []string{"https://hooks.example.com/in", "http://127.0.0.1:9/h", "http://[::ffff:127.0.0.1]/", "http://10.0.0.1/",
		"https://hooks.example.com.evil/", "javascript:alert(1)", "http://%zz/", "https://a.alerts.example.org/x?y#z", ""} {
		f.Add(s)
	}
	p, err := watch.ParsePolicy([]string{"hooks.example.com", "*.alerts.example.org", "127.0.0.1"})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		if p.CheckURL(raw) != nil {
			return
		}
		u, err := url.Parse(raw)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.User != nil {
			t.Fatalf("allowed %q", raw)
		}
		ip, ipErr := netip.ParseAddr(u.Hostname())
		switch h := strings.ToLower(strings.TrimSuffix(u.Hostname(), ".")); {
		case h == "hooks.example.com", ipErr == nil && ip.Unmap() == netip.MustParseAddr("127.0.0.1"), len(h) > len(".alerts.example.org") && h[len(h)-len(".alerts.example.org"):] == ".alerts.example.org":
		default:
			t.Fatalf("allowed %q on host %q", raw, h)
		}
	})
}

// FuzzOpenLogs opens saved searches from damaged logs: the service opens
// or refuses with an error, and never panics.
func FuzzOpenLogs(f *testing.F) {
	f.Add([]byte(`{"put":{"id":"w1","name":"x","request":{"q":"النفط"},"created":"2024-01-01T00:00:00Z","updated":"2024-01-01T00:00:00Z"}}`+"\n"+`{"delete":"w1"}`+"\n"),
		[]byte(`{"seq":4}`+"\n"+`{"article":{"id":"a","status":"created","matched":"2024-01-01T00:00:00Z"},"watches":["w1"],"seqs":[3]}`+"\n"),
		[]byte(`{"pending":["a"]}`+"\n"+`{"done":["a"]}`+"\n"))
	f.Add([]byte(`{"put":{"id":"w2","name":"y","request":{"q":"ن*"}}}`), []byte(`{"article":{"id":"a"},"watches":["w2"],"seqs":[]}`+"\n"), []byte(`{"pending":`))
	f.Add([]byte("\xff\n"), []byte("[]\n"), []byte("null\n"))
	fx := newFixture(f, watch.Options{})
	f.Fuzz(func(t *testing.T, watches, matches, pending []byte) {
		dir := t.TempDir()
		for name, b := range map[string][]byte{"watches.jsonl": watches, "matches.jsonl": matches, "pending.jsonl": pending} {
			if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		svc, err := watch.Open(context.Background(), dir, fx.eng, watch.Options{Enricher: fx.enricher()})
		if err != nil {
			return
		}
		for _, w := range svc.List("") {
			if _, err := svc.Matches("", w.ID, 0, 10); err != nil {
				t.Fatalf("a listed watch has no feed: %v", err)
			}
		}
		if err := svc.Close(); err != nil {
			t.Fatal(err)
		}
	})
}
