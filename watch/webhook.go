package watch

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Policy says which webhook targets are allowed: http(s) URLs whose host
// is one of Hosts ("hooks.example.com", or "*.example.com" for its
// subdomains) or an address in Nets. Whatever the host, a connection to
// a loopback, private, link-local, unspecified or multicast address is
// refused unless Nets holds it: a name cannot lead the server to its own
// network. The zero Policy allows no webhook.
type Policy struct {
	Hosts []string
	Nets  []netip.Prefix
}

// ParsePolicy reads the entries an operator allows: host names, "*."
// domains, IP addresses and CIDR prefixes.
func ParsePolicy(entries []string) (Policy, error) {
	var p Policy
	for _, e := range entries {
		e = strings.ToLower(strings.TrimSpace(e))
		switch {
		case e == "":
			return Policy{}, errors.New("an empty webhook host")
		case strings.Contains(e, "/"):
			pfx, err := netip.ParsePrefix(e)
			if err != nil {
				return Policy{}, fmt.Errorf("webhook network %q: %w", e, err)
			}
			p.Nets = append(p.Nets, pfx.Masked())
		default:
			if ip, err := netip.ParseAddr(e); err == nil {
				p.Nets = append(p.Nets, netip.PrefixFrom(ip, ip.BitLen()))
				continue
			}
			name := strings.TrimPrefix(e, "*.")
			if name == "" || strings.ContainsAny(name, ":*@ ") {
				return Policy{}, fmt.Errorf("webhook host %q is neither a host name, a *.domain, an address nor a CIDR prefix", e)
			}
			p.Hosts = append(p.Hosts, e)
		}
	}
	return p, nil
}

// CheckURL refuses a webhook URL the policy does not allow, saying why.
func (p Policy) CheckURL(raw string) error {
	if len(raw) > 2048 {
		return errors.New("the webhook URL is longer than 2048 bytes")
	}
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("the webhook URL does not parse: %v", err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("a webhook URL must be http or https, not %q", u.Scheme)
	}
	if u.User != nil {
		return errors.New("a webhook URL may not hold a user name or password")
	}
	host := strings.ToLower(u.Hostname())
	if host == "" {
		return errors.New("the webhook URL has no host")
	}
	if ip, err := netip.ParseAddr(host); err == nil {
		if !p.netAllowed(ip) {
			return fmt.Errorf("webhooks to address %s are not allowed on this server (see --webhook-allow)", ip)
		}
		return nil
	}
	if strings.HasPrefix(host, ".") || strings.Contains(host, "..") {
		return fmt.Errorf("the webhook host %q has an empty label", host)
	}
	if !p.hostAllowed(host) {
		return fmt.Errorf("webhooks to host %q are not allowed on this server (see --webhook-allow)", host)
	}
	return nil
}

func (p Policy) hostAllowed(host string) bool {
	host = strings.TrimSuffix(host, ".")
	for _, h := range p.Hosts {
		if d, ok := strings.CutPrefix(h, "*."); ok {
			if strings.HasSuffix(host, "."+d) {
				return true
			}
		} else if host == h {
			return true
		}
	}
	return false
}

func (p Policy) netAllowed(ip netip.Addr) bool {
	ip = ip.Unmap()
	for _, n := range p.Nets {
		if n.Contains(ip) {
			return true
		}
	}
	return false
}

// dialAllowed refuses a connection to an internal address not allowed
// explicitly; it runs on the address resolved, so a name that resolves
// (or rebinds) to one is refused too.
func (p Policy) dialAllowed(address string) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("webhook: dial %s: %w", address, err)
	}
	ip := ap.Addr().Unmap()
	internal := ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
		ip.IsUnspecified() || ip.IsMulticast() || ip.IsInterfaceLocalMulticast() || cgnat.Contains(ip)
	if internal && !p.netAllowed(ip) {
		return fmt.Errorf("webhook: address %s is internal and not allowed", ip)
	}
	return nil
}

// cgnat is the shared address space of carrier-grade NAT (RFC 6598).
var cgnat = netip.MustParsePrefix("100.64.0.0/10")

// Retry paces webhook deliveries: the first retry after Base, each next
// one after twice the last, at most Max apart; each attempt may take
// Timeout. Batch bounds the matches posted at once.
type Retry struct {
	Base, Max, Timeout time.Duration
	Batch              int
}

// Defaults of Retry.
const (
	DefaultRetryBase    = time.Second
	DefaultRetryMax     = 5 * time.Minute
	DefaultTimeout      = 10 * time.Second
	DefaultBatch        = 100
	maxResponseBytes    = 64 << 10
	maxAttemptsRecorded = 100
)

func (r Retry) withDefaults() Retry {
	if r.Base <= 0 {
		r.Base = DefaultRetryBase
	}
	if r.Max <= 0 {
		r.Max = DefaultRetryMax
	}
	if r.Timeout <= 0 {
		r.Timeout = DefaultTimeout
	}
	if r.Batch <= 0 {
		r.Batch = DefaultBatch
	}
	return r
}

// delay is the wait after the attempt-th failed attempt (from 1).
func (r Retry) delay(attempt int) time.Duration {
	d := r.Base
	for i := 1; i < attempt && d < r.Max; i++ {
		d *= 2
	}
	return min(d, r.Max)
}

// Delivery is one attempt to post matches to a watch's webhook.
type Delivery struct {
	Watch string    `json:"watch"`
	At    time.Time `json:"at"`
	// First and Last are the sequence numbers of the matches posted.
	First   uint64 `json:"first"`
	Last    uint64 `json:"last"`
	Count   int    `json:"count"`
	Attempt int    `json:"attempt"`
	// Status is the HTTP status answered (0 when none was).
	Status     int     `json:"status,omitempty"`
	Error      string  `json:"error,omitempty"`
	DurationMS float64 `json:"duration_ms"`
	Delivered  bool    `json:"delivered"`
	// RetryAt is when the next attempt is due, after a failure.
	RetryAt *time.Time `json:"retry_at,omitempty"`
}

// Payload is the JSON body posted to a webhook. The body is signed with
// the watch's secret: the header X-Fahras-Signature is "sha256=" and the
// hexadecimal HMAC-SHA256 of the body. A receiver may get a delivery
// again (at least once); Delivery names it, to drop repeats.
type Payload struct {
	Delivery string    `json:"delivery"`
	Watch    WatchRef  `json:"watch"`
	Matches  []Match   `json:"matches"`
	Sent     time.Time `json:"sent"`
}

// WatchRef names a watch in a payload.
type WatchRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Sign is the signature header value of a body for a secret.
func Sign(secret string, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

// deliverer posts each webhook watch's matches in order, one batch at a
// time, retrying a batch until its target accepts it; what was accepted
// is logged, so after a restart delivery resumes after it.
type deliverer struct {
	s      *Service
	j      *journal
	client *http.Client
	retry  Retry
	hold   bool

	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup

	mu      sync.Mutex
	acked   map[string]uint64
	history map[string][]Delivery
	workers map[string]*worker
}

type worker struct {
	wake   chan struct{}
	cancel context.CancelFunc
}

func openDeliverer(path string, s *Service, opts Options) (*deliverer, error) {
	d := &deliverer{s: s, retry: opts.Retry, hold: opts.Hold, acked: map[string]uint64{}, history: map[string][]Delivery{}, workers: map[string]*worker{}}
	j, err := openJournal(path, func(line []byte) error {
		var rec Delivery
		if err := json.Unmarshal(line, &rec); err != nil {
			return err
		}
		d.record(rec)
		return nil
	})
	if err != nil {
		return nil, err
	}
	d.j = j
	var recs []any
	for w, h := range d.history {
		if _, ok := s.byID[w]; !ok {
			continue
		}
		for _, rec := range h {
			recs = append(recs, rec)
		}
	}
	if err := j.Rewrite(recs); err != nil {
		j.Close()
		return nil, err
	}
	policy := opts.Webhooks
	dialer := &net.Dialer{
		Timeout: opts.Retry.Timeout,
		Control: func(_, address string, _ syscall.RawConn) error { return policy.dialAllowed(address) },
	}
	d.client = &http.Client{
		Transport: &http.Transport{
			Proxy:                 nil, // a proxy would dial for us, past the policy
			DialContext:           dialer.DialContext,
			TLSHandshakeTimeout:   opts.Retry.Timeout,
			ResponseHeaderTimeout: opts.Retry.Timeout,
			MaxIdleConnsPerHost:   2,
			IdleConnTimeout:       time.Minute,
		},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		Timeout:       opts.Retry.Timeout,
	}
	d.ctx, d.cancel = context.WithCancel(context.Background())
	return d, nil
}

// record notes an attempt in memory (the caller holds mu, or is alone).
func (d *deliverer) record(rec Delivery) {
	if rec.Delivered {
		d.acked[rec.Watch] = max64(d.acked[rec.Watch], rec.Last)
	}
	h := append(d.history[rec.Watch], rec)
	if len(h) > maxAttemptsRecorded {
		h = append(h[:0:0], h[len(h)-maxAttemptsRecorded:]...)
	}
	d.history[rec.Watch] = h
}

// start runs the worker of a watch, if it is not running.
func (d *deliverer) start(id string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if _, ok := d.workers[id]; ok || d.ctx.Err() != nil || d.hold {
		return
	}
	ctx, cancel := context.WithCancel(d.ctx)
	w := &worker{wake: make(chan struct{}, 1), cancel: cancel}
	w.wake <- struct{}{} // deliver what is waiting
	d.workers[id] = w
	d.wg.Add(1)
	go func() {
		defer d.wg.Done()
		d.run(ctx, id, w.wake)
	}()
}

// notify wakes the workers of the watches matched.
func (d *deliverer) notify(watches []string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, id := range watches {
		if w, ok := d.workers[id]; ok {
			select {
			case w.wake <- struct{}{}:
			default:
			}
		}
	}
}

// forget stops the worker of a deleted watch.
func (d *deliverer) forget(id string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if w, ok := d.workers[id]; ok {
		w.cancel()
		delete(d.workers, id)
	}
	delete(d.history, id)
	delete(d.acked, id)
}

func (d *deliverer) stop() {
	d.cancel()
	d.wg.Wait()
	d.j.Close()
}

// run delivers the watch's matches whenever woken, until ctx ends or the
// watch has no webhook any more.
func (d *deliverer) run(ctx context.Context, id string, wake <-chan struct{}) {
	defer func() {
		d.mu.Lock()
		delete(d.workers, id)
		d.mu.Unlock()
	}()
	for {
		select {
		case <-ctx.Done():
			return
		case <-wake:
		}
		for {
			w, ok := d.s.lookup(id)
			if !ok || w.Webhook == nil {
				return
			}
			d.mu.Lock()
			since := d.acked[id]
			d.mu.Unlock()
			page := d.s.feed.page(id, since, d.retry.Batch)
			if len(page.Matches) == 0 {
				break
			}
			if !d.deliver(ctx, w, page.Matches) {
				return
			}
		}
	}
}

// deliver posts one batch until it is accepted; it returns false when
// ctx ended first.
func (d *deliverer) deliver(ctx context.Context, w Watch, ms []Match) bool {
	first, last := ms[0].Seq, ms[len(ms)-1].Seq
	body, err := json.Marshal(Payload{
		Delivery: fmt.Sprintf("%s-%d-%d", w.ID, first, last),
		Watch:    WatchRef{ID: w.ID, Name: w.Name},
		Matches:  ms,
		Sent:     time.Now().UTC(),
	})
	if err != nil {
		d.s.log.Error("webhook: encode a delivery", "watch", w.ID, "err", err)
		return false
	}
	for attempt := 1; ; attempt++ {
		start := time.Now()
		status, err := d.post(ctx, w, fmt.Sprintf("%s-%d-%d", w.ID, first, last), body)
		if ctx.Err() != nil {
			return false
		}
		rec := Delivery{Watch: w.ID, At: start.UTC(), First: first, Last: last, Count: len(ms), Attempt: attempt,
			Status: status, DurationMS: float64(time.Since(start).Microseconds()) / 1000, Delivered: err == nil}
		var wait time.Duration
		if err != nil {
			rec.Error = err.Error()
			wait = d.retry.delay(attempt)
			at := time.Now().Add(wait).UTC()
			rec.RetryAt = &at
			host := ""
			if u, perr := url.Parse(w.Webhook.URL); perr == nil {
				host = u.Host
			}
			d.s.log.Warn("webhook delivery failed", "watch", w.ID, "host", host, "attempt", attempt, "status", status, "err", err, "retry_in", wait)
		}
		if jerr := d.j.Append(rec); jerr != nil && err == nil {
			// Accepted but not logged: it may be delivered again, which
			// at-least-once allows.
			d.s.log.Error("webhook: log a delivery", "watch", w.ID, "err", jerr)
		}
		d.mu.Lock()
		d.record(rec)
		d.mu.Unlock()
		if err == nil {
			return true
		}
		select {
		case <-ctx.Done():
			return false
		case <-time.After(wait):
		}
	}
}

// post sends one body; any answer but 2xx (a redirect included) fails.
func (d *deliverer) post(ctx context.Context, w Watch, delivery string, body []byte) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, d.retry.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.Webhook.URL, bytes.NewReader(body))
	if err != nil {
		return 0, fmt.Errorf("build the request: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "fahras-webhook/1")
	req.Header.Set("X-Fahras-Delivery", delivery)
	req.Header.Set("X-Fahras-Watch", w.ID)
	req.Header.Set("X-Fahras-Signature", Sign(w.Webhook.Secret, body))
	resp, err := d.client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // the URL may hold a token; the log names the host
		}
		return 0, err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, maxResponseBytes))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return resp.StatusCode, fmt.Errorf("the target answered %s", resp.Status)
	}
	return resp.StatusCode, nil
}

// Deliveries returns the latest attempts to deliver a watch of owner's
// matches, newest first.
func (s *Service) Deliveries(owner, id string) ([]Delivery, error) {
	if _, err := s.Get(owner, id); err != nil {
		return nil, err
	}
	s.delivery.mu.Lock()
	defer s.delivery.mu.Unlock()
	h := s.delivery.history[id]
	out := make([]Delivery, 0, len(h))
	for i := len(h) - 1; i >= 0; i-- {
		out = append(out, h[i])
	}
	return out, nil
}
