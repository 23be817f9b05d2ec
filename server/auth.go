package server

import (
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"math"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"golang.org/x/time/rate"
)

// access is what a route needs from its caller.
type access int

const (
	open  access = iota // anyone (health, metrics, the page)
	read                // anyone, unless read keys are configured
	write               // a write key
)

// keyring holds the API keys as SHA-256 digests, compared in constant time.
type keyring struct {
	write, read [][32]byte
}

func newKeyring(writeKeys, readKeys []string) (*keyring, error) {
	k := &keyring{}
	add := func(list *[][32]byte, keys []string) error {
		for _, key := range keys {
			if key == "" || strings.IndexFunc(key, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) >= 0 {
				return errors.New("an API key may not be empty or hold spaces or control characters")
			}
			*list = append(*list, sha256.Sum256([]byte(key)))
		}
		return nil
	}
	if err := add(&k.write, writeKeys); err != nil {
		return nil, err
	}
	if err := add(&k.read, readKeys); err != nil {
		return nil, err
	}
	return k, nil
}

// role is what a presented key allows.
type role int

const (
	noKey role = iota
	badKey
	readRole
	writeRole
)

// identify returns the role of the request's bearer key and its digest.
// Every configured key is compared, so the time taken does not depend on
// which key (if any) matched.
func (k *keyring) identify(r *http.Request) (role, [32]byte) {
	h := r.Header.Get("Authorization")
	if h == "" {
		return noKey, [32]byte{}
	}
	scheme, key, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(key) == "" {
		return badKey, [32]byte{}
	}
	sum := sha256.Sum256([]byte(strings.TrimSpace(key)))
	isWrite, isRead := 0, 0
	for i := range k.write {
		isWrite |= subtle.ConstantTimeCompare(sum[:], k.write[i][:])
	}
	for i := range k.read {
		isRead |= subtle.ConstantTimeCompare(sum[:], k.read[i][:])
	}
	switch {
	case isWrite == 1:
		return writeRole, sum
	case isRead == 1:
		return readRole, sum
	}
	return badKey, sum
}

// authorize checks a request's key against what the route needs.
func (k *keyring) authorize(need access, got role) error {
	switch need {
	case write:
		if len(k.write) == 0 {
			return errorf(http.StatusForbidden, "writes_disabled", "this server accepts no writes: it was started without write API keys")
		}
		switch got {
		case writeRole:
			return nil
		case noKey:
			return errorf(http.StatusUnauthorized, "missing_api_key", "writes need an API key: Authorization: Bearer KEY")
		case readRole:
			return errorf(http.StatusForbidden, "forbidden", "this API key may only read")
		}
		return errorf(http.StatusForbidden, "invalid_api_key", "the API key is not valid")
	case read:
		if len(k.read) == 0 {
			return nil
		}
		switch got {
		case readRole, writeRole:
			return nil
		case noKey:
			return errorf(http.StatusUnauthorized, "missing_api_key", "reads need an API key: Authorization: Bearer KEY")
		}
		return errorf(http.StatusForbidden, "invalid_api_key", "the API key is not valid")
	}
	return nil
}

// limiter keeps a token bucket per client address and per API key; buckets
// idle for a while are dropped.
type limiter struct {
	ipRate, keyRate   rate.Limit
	ipBurst, keyBurst int

	mu        sync.Mutex
	buckets   map[string]*bucket
	lastSweep time.Time
}

type bucket struct {
	lim  *rate.Limiter
	seen time.Time
}

const (
	bucketIdle = 5 * time.Minute
	sweepEvery = time.Minute
	maxBuckets = 100_000
)

func newLimiter(ipRate float64, ipBurst int, keyRate float64, keyBurst int) *limiter {
	conv := func(r float64) rate.Limit {
		if r < 0 {
			return rate.Inf
		}
		return rate.Limit(r)
	}
	return &limiter{
		ipRate: conv(ipRate), ipBurst: ipBurst,
		keyRate: conv(keyRate), keyBurst: keyBurst,
		buckets: make(map[string]*bucket),
	}
}

// allow takes a token from the bucket of id and returns 0, or returns how
// long to wait before asking again.
func (l *limiter) allow(id string, keyed bool, now time.Time) time.Duration {
	r, burst := l.ipRate, l.ipBurst
	if keyed {
		r, burst = l.keyRate, l.keyBurst
	}
	if r == rate.Inf {
		return 0
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.lastSweep) > sweepEvery || len(l.buckets) >= maxBuckets {
		l.sweep(now)
	}
	b := l.buckets[id]
	if b == nil {
		b = &bucket{lim: rate.NewLimiter(r, burst)}
		l.buckets[id] = b
	}
	b.seen = now
	res := b.lim.ReserveN(now, 1)
	if !res.OK() {
		return time.Second
	}
	if d := res.DelayFrom(now); d > 0 {
		res.CancelAt(now)
		return d
	}
	return 0
}

// sweep drops idle buckets; when too many remain it drops the oldest
// half, so a flood of addresses cannot grow the map without bound.
func (l *limiter) sweep(now time.Time) {
	l.lastSweep = now
	for id, b := range l.buckets {
		if now.Sub(b.seen) > bucketIdle {
			delete(l.buckets, id)
		}
	}
	if len(l.buckets) < maxBuckets {
		return
	}
	cut := now.Add(-bucketIdle / 2)
	for len(l.buckets) >= maxBuckets/2 {
		for id, b := range l.buckets {
			if b.seen.Before(cut) || len(l.buckets) >= maxBuckets {
				delete(l.buckets, id)
			}
		}
		cut = cut.Add(bucketIdle / 10)
	}
}

// size is the number of buckets held.
func (l *limiter) size() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.buckets)
}

// retryAfter formats a wait as whole seconds, at least 1.
func retryAfter(d time.Duration) string {
	return strconv.Itoa(int(math.Max(1, math.Ceil(d.Seconds()))))
}

// clientIP is the address the request came from (proxies' headers are not
// trusted).
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
