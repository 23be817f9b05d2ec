package watch_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fahras/fahras/search"
	"github.com/fahras/fahras/watch"
)

func TestPolicy(t *testing.T) {
	p, err := watch.ParsePolicy([]string{"hooks.example.com", "*.alerts.example.org", "127.0.0.1", "10.20.0.0/16"})
	if err != nil {
		t.Fatal(err)
	}
	for raw, ok := range map[string]bool{
		"https://hooks.example.com/in":       true,
		"http://hooks.example.com:8080/in":   true,
		"https://HOOKS.example.com/in":       true,
		"https://a.alerts.example.org/x":     true,
		"https://alerts.example.org/x":       false, // the pattern names subdomains
		"https://evil-hooks.example.com/":    false,
		"https://hooks.example.com.evil.io/": false,
		"http://127.0.0.1:9000/h":            true,
		"http://127.0.0.2/h":                 false,
		"http://10.20.3.4/h":                 true,
		"http://10.21.3.4/h":                 false,
		"http://[::1]/h":                     false,
		"http://169.254.169.254/latest":      false,
		"ftp://hooks.example.com/":           false,
		"file:///etc/passwd":                 false,
		"https://user:pw@hooks.example.com/": false,
		"hooks.example.com/in":               false,
		"https:///in":                        false,
	} {
		if err := p.CheckURL(raw); (err == nil) != ok {
			t.Errorf("CheckURL(%s) = %v, want allowed %v", raw, err, ok)
		}
	}
	for _, bad := range [][]string{{""}, {"10.0.0.0/33"}, {"user@host"}, {"*."}} {
		if _, err := watch.ParsePolicy(bad); err == nil {
			t.Errorf("ParsePolicy(%q) accepted", bad)
		}
	}
	if len((watch.Policy{}).Hosts) != 0 || (watch.Policy{}).CheckURL("https://hooks.example.com/") == nil {
		t.Error("the zero policy allows a webhook")
	}
	_ = netip.Addr{}
}

// sink is a loopback webhook target whose answers a test chooses.
type sink struct {
	mu      sync.Mutex
	answers []int // status per call; 204 once they run out
	bodies  [][]byte
	headers []http.Header
}

func (s *sink) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.bodies = append(s.bodies, b)
	s.headers = append(s.headers, r.Header.Clone())
	status := http.StatusNoContent
	if n := len(s.bodies); n <= len(s.answers) {
		status = s.answers[n-1]
	}
	if status == http.StatusFound {
		http.Redirect(w, r, "http://127.0.0.1:1/elsewhere", status)
		return
	}
	w.WriteHeader(status)
}

// received lists the IDs of the matches of the accepted deliveries.
func (s *sink) received() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var ids []string
	for i, b := range s.bodies {
		if i < len(s.answers) && s.answers[i] != http.StatusNoContent {
			continue
		}
		var p watch.Payload
		if json.Unmarshal(b, &p) == nil {
			for _, m := range p.Matches {
				ids = append(ids, m.ID)
			}
		}
	}
	slices.Sort(ids)
	return ids
}

func (s *sink) calls() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.bodies)
}

func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// A failing target is retried with growing pauses until it accepts; a
// redirect is a failure, not followed; every body is signed.
func TestWebhookRetriesWithBackoff(t *testing.T) {
	target := &sink{answers: []int{http.StatusInternalServerError, http.StatusFound, http.StatusBadGateway}}
	srv := httptest.NewServer(target)
	defer srv.Close()
	policy, _ := watch.ParsePolicy([]string{"127.0.0.1"})
	f := newFixture(t, watch.Options{Webhooks: policy, Retry: watch.Retry{Base: 30 * time.Millisecond, Max: time.Second}})
	const secret = "0123456789abcdef-secret"
	w, err := f.svc.Create(context.Background(), "desk", watch.Spec{Name: "النفط", Request: search.Request{Query: "النفط"},
		WebhookURL: srv.URL + "/hook", WebhookSecret: secret})
	if err != nil {
		t.Fatal(err)
	}
	if w.Webhook == nil || w.Webhook.Secret != "" {
		t.Fatalf("the saved watch shows %+v", w.Webhook)
	}
	f.ingest(t, corpus, "", 0)
	waitUntil(t, "both matches delivered", func() bool { return slices.Equal(target.received(), []string{"oil", "oil-late"}) })
	waitUntil(t, "the log of the last delivery", func() bool {
		ds, _ := f.svc.Deliveries("desk", w.ID)
		return len(ds) == target.calls()
	})
	ds, err := f.svc.Deliveries("desk", w.ID)
	if err != nil || len(ds) < 4 {
		t.Fatalf("deliveries %+v, %v", ds, err)
	}
	// Oldest first: the three failures of the first batch, then its delivery.
	slices.Reverse(ds)
	if ds[0].Status != http.StatusInternalServerError || ds[1].Status != http.StatusFound || ds[2].Status != http.StatusBadGateway ||
		!ds[3].Delivered || ds[0].Delivered || ds[1].Delivered || ds[2].Delivered || ds[3].Attempt != 4 || ds[3].First != ds[0].First {
		t.Errorf("delivery log: %+v", ds)
	}
	for i := 1; i < 4; i++ {
		gap := ds[i].At.Sub(ds[i-1].At)
		if want := 30 * time.Millisecond << (i - 1); gap < want {
			t.Errorf("attempt %d came %s after the one before, want at least %s", i+1, gap, want)
		}
	}
	target.mu.Lock()
	defer target.mu.Unlock()
	var first watch.Payload
	for i, b := range target.bodies[:4] {
		if got := target.headers[i].Get("X-Fahras-Signature"); got != watch.Sign(secret, b) {
			t.Errorf("attempt %d signed %q", i+1, got)
		}
		var p watch.Payload
		if err := json.Unmarshal(b, &p); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = p
		} else if p.Delivery != first.Delivery || len(p.Matches) != len(first.Matches) {
			t.Errorf("attempt %d posts %s, the first %s", i+1, p.Delivery, first.Delivery)
		}
	}
	if len(first.Matches) == 0 || first.Watch.ID != w.ID || first.Watch.Name != "النفط" {
		t.Errorf("payload %+v", first)
	}
	for _, d := range ds {
		if strings.Contains(d.Error, secret) {
			t.Errorf("the log shows the secret: %s", d.Error)
		}
	}
}

// A name that resolves to an internal address is refused when the
// connection is made, whatever the host list allows.
func TestWebhookRefusesInternalAddressesAtDialTime(t *testing.T) {
	target := &sink{}
	srv := httptest.NewServer(target)
	defer srv.Close()
	port := srv.URL[strings.LastIndex(srv.URL, ":"):]
	policy, _ := watch.ParsePolicy([]string{"localhost"})
	f := newFixture(t, watch.Options{Webhooks: policy, Retry: watch.Retry{Base: time.Hour}})
	w, err := f.svc.Create(context.Background(), "", watch.Spec{Name: "x", Request: search.Request{Query: "النفط"},
		WebhookURL: "http://localhost" + port + "/hook", WebhookSecret: "0123456789abcdef"})
	if err != nil {
		t.Fatal(err)
	}
	f.ingest(t, corpus, "", 0)
	waitUntil(t, "a refused attempt", func() bool { ds, _ := f.svc.Deliveries("", w.ID); return len(ds) == 1 })
	ds, _ := f.svc.Deliveries("", w.ID)
	if ds[0].Delivered || !strings.Contains(ds[0].Error, "internal") || target.calls() != 0 {
		t.Errorf("a webhook to localhost: %+v, %d calls", ds[0], target.calls())
	}
}

// Deliveries resume after a restart from the last batch accepted.
func TestWebhookDeliveriesResumeAfterARestart(t *testing.T) {
	target := &sink{}
	srv := httptest.NewServer(target)
	defer srv.Close()
	policy, _ := watch.ParsePolicy([]string{"127.0.0.1"})
	opts := watch.Options{Webhooks: policy, Retry: watch.Retry{Base: 10 * time.Millisecond}}
	f := newFixture(t, opts)
	w, err := f.svc.Create(context.Background(), "", watch.Spec{Name: "x", Request: search.Request{},
		WebhookURL: srv.URL, WebhookSecret: "0123456789abcdef"})
	if err != nil {
		t.Fatal(err)
	}
	f.ingest(t, corpus, "", 0)
	waitUntil(t, "the first deliveries", func() bool { return len(target.received()) == 8 })
	waitUntil(t, "their log", func() bool { ds, _ := f.svc.Deliveries("", w.ID); return len(ds) == target.calls() })
	calls := target.calls()
	f.close()
	// Held (a batch load from the command line): matched, not posted.
	f.open(t, watch.Options{Webhooks: policy, Hold: true})
	f.ingest(t, `{"id":"late","title":"خبر متأخر","body":"نص الخبر المتأخر.","published":"2024-05-01"}`+"\n", "", 0)
	time.Sleep(50 * time.Millisecond)
	if target.calls() != calls {
		t.Fatalf("a held service posted: %d calls, %d before", target.calls(), calls)
	}
	f.close()
	f.open(t, opts)
	waitUntil(t, "the delivery after the restart", func() bool { return target.calls() == calls+1 })
	target.mu.Lock()
	var p watch.Payload
	json.Unmarshal(target.bodies[calls], &p)
	target.mu.Unlock()
	if len(p.Matches) != 1 || p.Matches[0].ID != "late" {
		t.Errorf("after the restart the webhook got %+v", p.Matches)
	}
	waitUntil(t, "the log after the restart", func() bool { ds, _ := f.svc.Deliveries("", w.ID); return len(ds) == calls+1 })
	for _, d := range func() []watch.Delivery { ds, _ := f.svc.Deliveries("", w.ID); return ds }() {
		if !d.Delivered {
			t.Errorf("delivery log after the restart: %+v", d)
		}
	}
}
