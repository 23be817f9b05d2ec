package server

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/fahras/fahras/search"
	"github.com/fahras/fahras/watch"
)

// The saved searches: CRUD under /watches, each watch's feed of matches
// (JSON, cursor-paged), an Atom feed, Server-Sent Events and its webhook
// delivery log. A watch belongs to the key that saved it (anyone's, on a
// server without read keys), and only that key sees it.

// watchBody is the JSON body of POST and PUT /watches.
type watchBody struct {
	Name    string          `json:"name"`
	Request json.RawMessage `json:"request"`
	Webhook *webhookBody    `json:"webhook"`
}

type webhookBody struct {
	URL    string `json:"url"`
	Secret string `json:"secret"`
}

// watchList is the body of GET /watches.
type watchList struct {
	Watches []watch.Watch `json:"watches"`
}

// deliveryList is the body of GET /watches/{id}/deliveries.
type deliveryList struct {
	Deliveries []watch.Delivery `json:"deliveries"`
}

// Feed limits.
const (
	defaultFeedSize = 50
	maxFeedSize     = 500
	atomEntries     = 50
	sseHeartbeat    = 15 * time.Second
)

// owner is who a request acts for: a fingerprint of its API key, or no
// one (a server without read keys).
func (s *Server) owner(r *http.Request) string {
	got, sum := s.keys.identify(r)
	if got != readRole && got != writeRole {
		return ""
	}
	k := sha256.Sum256(sum[:])
	return hex.EncodeToString(k[:8])
}

func (s *Server) watchesOn() error {
	if s.cfg.Watches == nil {
		return errorf(http.StatusNotFound, "not_found", "this server keeps no saved searches")
	}
	return nil
}

// readWatch reads a watch body; its request is read as POST /search
// reads its body, with the same errors.
func (s *Server) readWatch(w http.ResponseWriter, r *http.Request) (watch.Spec, error) {
	if err := noParams(r); err != nil {
		return watch.Spec{}, err
	}
	var b watchBody
	if err := decodeJSON(w, r, s.cfg.MaxBodyBytes, &b); err != nil {
		return watch.Spec{}, err
	}
	spec := watch.Spec{Name: b.Name}
	if len(b.Request) > 0 && string(b.Request) != "null" {
		req, err := search.SearchParams.ParseJSON(b.Request)
		if err != nil {
			return watch.Spec{}, err
		}
		spec.Request = req
	}
	if b.Webhook != nil {
		if b.Webhook.URL == "" {
			return watch.Spec{}, errorf(http.StatusBadRequest, "invalid_webhook", "a webhook needs a url")
		}
		spec.WebhookURL, spec.WebhookSecret = b.Webhook.URL, b.Webhook.Secret
	}
	return spec, nil
}

func (s *Server) watchID(r *http.Request) (string, error) {
	if err := s.watchesOn(); err != nil {
		return "", err
	}
	return pathVar(r, "id")
}

func watchError(err error) error {
	if errors.Is(err, watch.ErrNotFound) {
		return errorf(http.StatusNotFound, "not_found", "no saved search with this id")
	}
	return err
}

func (s *Server) createWatch(w http.ResponseWriter, r *http.Request) error {
	if err := s.watchesOn(); err != nil {
		return err
	}
	spec, err := s.readWatch(w, r)
	if err != nil {
		return err
	}
	wt, err := s.cfg.Watches.Create(r.Context(), s.owner(r), spec)
	if err != nil {
		return err
	}
	w.Header().Set("Location", APIPrefix+"/watches/"+url.PathEscape(wt.ID))
	writeJSON(w, http.StatusCreated, wt)
	return nil
}

func (s *Server) listWatches(w http.ResponseWriter, r *http.Request) error {
	if err := s.watchesOn(); err != nil {
		return err
	}
	if err := noParams(r); err != nil {
		return err
	}
	list := s.cfg.Watches.List(s.owner(r))
	if list == nil {
		list = []watch.Watch{}
	}
	writeJSON(w, http.StatusOK, watchList{Watches: list})
	return nil
}

func (s *Server) getWatch(w http.ResponseWriter, r *http.Request) error {
	id, err := s.watchID(r)
	if err != nil {
		return err
	}
	if err := noParams(r); err != nil {
		return err
	}
	wt, err := s.cfg.Watches.Get(s.owner(r), id)
	if err != nil {
		return watchError(err)
	}
	writeJSON(w, http.StatusOK, wt)
	return nil
}

func (s *Server) replaceWatch(w http.ResponseWriter, r *http.Request) error {
	id, err := s.watchID(r)
	if err != nil {
		return err
	}
	spec, err := s.readWatch(w, r)
	if err != nil {
		return err
	}
	wt, err := s.cfg.Watches.Replace(r.Context(), s.owner(r), id, spec)
	if err != nil {
		return watchError(err)
	}
	writeJSON(w, http.StatusOK, wt)
	return nil
}

func (s *Server) deleteWatch(w http.ResponseWriter, r *http.Request) error {
	id, err := s.watchID(r)
	if err != nil {
		return err
	}
	if err := noParams(r); err != nil {
		return err
	}
	if err := s.cfg.Watches.Delete(s.owner(r), id); err != nil {
		return watchError(err)
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// feedParams reads since (a cursor: a match's sequence number) and size.
func feedParams(r *http.Request, sizeAllowed bool) (since uint64, size int, err error) {
	q := r.URL.Query()
	size = defaultFeedSize
	for name, vals := range q {
		if len(vals) > 1 {
			return 0, 0, errorf(http.StatusBadRequest, "repeated_parameter", "%s may be given once", name)
		}
		switch {
		case name == "since":
			if since, err = strconv.ParseUint(vals[0], 10, 64); err != nil {
				return 0, 0, &apiError{Status: http.StatusBadRequest, Code: "invalid_cursor", Param: "since",
					Message: fmt.Sprintf("since must be the next cursor of a page (a whole number), not %q", vals[0])}
			}
		case name == "size" && sizeAllowed:
			n, err := strconv.Atoi(vals[0])
			if err != nil || n < 1 || n > maxFeedSize {
				return 0, 0, &apiError{Status: http.StatusBadRequest, Code: "invalid_size", Param: "size",
					Message: fmt.Sprintf("size must be a whole number from 1 to %d", maxFeedSize)}
			}
			size = n
		default:
			return 0, 0, errorf(http.StatusBadRequest, "unknown_parameter", "unknown query parameter %q", name)
		}
	}
	return since, size, nil
}

func (s *Server) watchMatches(w http.ResponseWriter, r *http.Request) error {
	id, err := s.watchID(r)
	if err != nil {
		return err
	}
	since, size, err := feedParams(r, true)
	if err != nil {
		return err
	}
	p, err := s.cfg.Watches.Matches(s.owner(r), id, since, size)
	if err != nil {
		return watchError(err)
	}
	writeJSON(w, http.StatusOK, p)
	return nil
}

func (s *Server) watchDeliveries(w http.ResponseWriter, r *http.Request) error {
	id, err := s.watchID(r)
	if err != nil {
		return err
	}
	if err := noParams(r); err != nil {
		return err
	}
	ds, err := s.cfg.Watches.Deliveries(s.owner(r), id)
	if err != nil {
		return watchError(err)
	}
	writeJSON(w, http.StatusOK, deliveryList{Deliveries: ds})
	return nil
}

// atomFeed is an Atom 1.0 document (RFC 4287).
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Link    []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomEntry struct {
	ID        string     `xml:"id"`
	Title     string     `xml:"title"`
	Updated   string     `xml:"updated"`
	Published string     `xml:"published,omitempty"`
	Author    *atomName  `xml:"author,omitempty"`
	Link      []atomLink `xml:"link"`
}

type atomName struct {
	Name string `xml:"name"`
}

func (s *Server) watchAtom(w http.ResponseWriter, r *http.Request) error {
	id, err := s.watchID(r)
	if err != nil {
		return err
	}
	if err := noParams(r); err != nil {
		return err
	}
	owner := s.owner(r)
	wt, err := s.cfg.Watches.Get(owner, id)
	if err != nil {
		return watchError(err)
	}
	ms, err := s.cfg.Watches.Latest(owner, id, atomEntries)
	if err != nil {
		return watchError(err)
	}
	self := APIPrefix + "/watches/" + url.PathEscape(id) + "/feed.atom"
	feed := atomFeed{
		Lang: "ar", ID: "urn:fahras:watch:" + id, Title: wt.Name, Updated: wt.Updated.Format(time.RFC3339),
		Link: []atomLink{{Rel: "self", Href: self}},
	}
	for _, m := range ms {
		e := atomEntry{
			ID:      fmt.Sprintf("urn:fahras:watch:%s:%d", id, m.Seq),
			Title:   m.Title,
			Updated: m.Matched.Format(time.RFC3339),
			Link:    []atomLink{{Rel: "related", Href: APIPrefix + "/documents/" + url.PathEscape(m.ID)}},
		}
		if e.Title == "" {
			e.Title = m.ID
		}
		if m.URL != "" {
			e.Link = append([]atomLink{{Rel: "alternate", Href: m.URL}}, e.Link...)
		}
		if m.Published != nil {
			e.Published = m.Published.Format(time.RFC3339)
		}
		if m.Source != "" {
			e.Author = &atomName{Name: m.Source}
		}
		if m.Matched.After(parseRFC3339(feed.Updated)) {
			feed.Updated = e.Updated
		}
		feed.Entries = append(feed.Entries, e)
	}
	body, err := xml.MarshalIndent(feed, "", "  ")
	if err != nil {
		return fmt.Errorf("atom feed: %w", err)
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write([]byte(xml.Header))
	_, _ = w.Write(body)
	return nil
}

func parseRFC3339(s string) time.Time {
	t, _ := time.Parse(time.RFC3339, s)
	return t
}

// watchEvents streams a watch's matches as Server-Sent Events: those
// after since (or after the Last-Event-ID a reconnecting browser sends),
// then each new one as it is matched. Each event is a match, its id the
// match's cursor.
func (s *Server) watchEvents(w http.ResponseWriter, r *http.Request) error {
	id, err := s.watchID(r)
	if err != nil {
		return err
	}
	since, _, err := feedParams(r, false)
	if err != nil {
		return err
	}
	if last := r.Header.Get("Last-Event-ID"); last != "" {
		n, err := strconv.ParseUint(last, 10, 64)
		if err != nil {
			return errorf(http.StatusBadRequest, "invalid_cursor", "Last-Event-ID must be an event id sent before, not %q", last)
		}
		since = n
	}
	owner := s.owner(r)
	signal, stop, err := s.cfg.Watches.Subscribe(owner, id)
	if err != nil {
		return watchError(err)
	}
	defer stop()
	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	if _, err := fmt.Fprint(w, "retry: 3000\n\n"); err != nil {
		return nil
	}
	_ = rc.Flush()
	heartbeat := time.NewTicker(sseHeartbeat)
	defer heartbeat.Stop()
	for {
		for {
			p, err := s.cfg.Watches.Matches(owner, id, since, maxFeedSize)
			if err != nil {
				return nil // the watch is gone; the stream ends
			}
			for _, m := range p.Matches {
				data, _ := json.Marshal(m)
				if _, err := fmt.Fprintf(w, "id: %d\nevent: match\ndata: %s\n\n", m.Seq, data); err != nil {
					return nil
				}
			}
			since = p.Next
			if err := rc.Flush(); err != nil {
				return nil
			}
			if !p.More {
				break
			}
		}
		select {
		case <-r.Context().Done():
			return nil
		case _, ok := <-signal:
			if !ok {
				_, _ = fmt.Fprint(w, "event: deleted\ndata: {}\n\n")
				_ = rc.Flush()
				return nil
			}
		case <-heartbeat.C:
			if _, err := fmt.Fprint(w, ": keep-alive\n\n"); err != nil {
				return nil
			}
			if err := rc.Flush(); err != nil {
				return nil
			}
		}
	}
}
