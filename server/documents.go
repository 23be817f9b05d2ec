package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/fahras/fahras/index"
	"github.com/fahras/fahras/index/article"
	"github.com/fahras/fahras/index/readers"
	"github.com/fahras/fahras/search"
)

// MaxIDBytes is the longest document ID accepted.
const MaxIDBytes = 512

// checkID accepts opaque document IDs: non-empty, at most MaxIDBytes,
// UTF-8, without control characters or surrounding spaces.
func checkID(id string) error {
	switch {
	case id == "":
		return errorf(http.StatusBadRequest, "invalid_id", "the document id is empty")
	case len(id) > MaxIDBytes:
		return errorf(http.StatusBadRequest, "invalid_id", "the document id is longer than %d bytes", MaxIDBytes)
	case !utf8.ValidString(id):
		return errorf(http.StatusBadRequest, "invalid_id", "the document id is not valid UTF-8")
	case strings.IndexFunc(id, unicode.IsControl) >= 0:
		return errorf(http.StatusBadRequest, "invalid_id", "the document id holds control characters")
	case strings.TrimSpace(id) != id:
		return errorf(http.StatusBadRequest, "invalid_id", "the document id begins or ends with spaces")
	}
	return nil
}

func pathID(r *http.Request) (string, error) {
	id, err := pathVar(r, "id")
	if err != nil {
		return "", err
	}
	return id, checkID(id)
}

func (s *Server) getDocument(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := noParams(r); err != nil {
		return err
	}
	a, err := s.ix.Get(r.Context(), id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, a.View())
	return nil
}

func (s *Server) deleteDocument(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := noParams(r); err != nil {
		return err
	}
	deleted, err := s.ix.Delete(r.Context(), id)
	if err != nil {
		return err
	}
	if len(deleted) == 0 {
		return index.ErrNotFound
	}
	writeJSON(w, http.StatusOK, map[string]any{"id": id, "deleted": true})
	return nil
}

func (s *Server) postDocument(w http.ResponseWriter, r *http.Request) error {
	return s.writeDocument(w, r, "")
}

func (s *Server) putDocument(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	return s.writeDocument(w, r, id)
}

// writeDocument indexes the article in the body; pathID, when set, is the
// ID the article must have.
func (s *Server) writeDocument(w http.ResponseWriter, r *http.Request, pathID string) error {
	if err := noParams(r); err != nil {
		return err
	}
	body, err := readJSONBody(w, r, s.cfg.MaxBodyBytes)
	if err != nil {
		return err
	}
	a, err := s.parseArticle(r.Context(), body)
	if err != nil {
		return err
	}
	if pathID != "" {
		if a.ID != "" && a.ID != pathID {
			return errorf(http.StatusBadRequest, "id_mismatch", "the body's id %q differs from the path's %q", a.ID, pathID)
		}
		a.ID = pathID
	}
	doc, err := s.prepare(a, time.Now())
	if err != nil {
		return err
	}
	results, err := s.ix.Write(r.Context(), []index.Doc{doc})
	if err != nil {
		return err
	}
	s.metrics.observeWrites(results)
	res := results[0]
	status := http.StatusOK
	if res.Status == index.Created {
		status = http.StatusCreated
		w.Header().Set("Location", APIPrefix+"/documents/"+url.PathEscape(res.ID))
	}
	writeJSON(w, status, res)
	return nil
}

// parseArticle reads one JSON article in the schema of the JSON Lines
// input (with its field aliases).
func (s *Server) parseArticle(ctx context.Context, body []byte) (article.Article, error) {
	// The readers take one object per line: compact a pretty-printed body
	// onto one line (string contents keep their escaped newlines).
	var line bytes.Buffer
	if err := json.Compact(&line, body); err != nil {
		return article.Article{}, jsonError(body, err)
	}
	var got *readers.Record
	err := readers.Read(ctx, &line, "request.json", readers.Options{Format: readers.JSONL, MaxLineBytes: int(s.cfg.MaxBodyBytes)},
		func(rec readers.Record) error {
			if got == nil {
				got = &rec
			}
			return nil
		})
	if err != nil {
		return article.Article{}, err
	}
	if got == nil {
		return article.Article{}, errorf(http.StatusBadRequest, "empty_body", "the request body is empty")
	}
	if got.Err != nil {
		return article.Article{}, recordError(got.Err)
	}
	a := got.Article
	a.Origin = ""
	return a, nil
}

// prepare enriches an article (ID, date, places) into the document to
// write. A publication date that is given must be one: a write is refused
// rather than stored without its date.
func (s *Server) prepare(a article.Article, now time.Time) (index.Doc, error) {
	given := strings.TrimSpace(a.PublishedText)
	s.enricher.Enrich(&a, now)
	if given != "" && a.PublishedFrom != "metadata" {
		return index.Doc{}, publishedError(given)
	}
	if err := checkID(a.ID); err != nil {
		return index.Doc{}, err
	}
	return s.enricher.Document(a), nil
}

// publishedError says why a given publication date cannot be read: for
// an ISO date, by the rule searches apply to from and to.
func publishedError(text string) *apiError {
	if _, err := search.ParseDate(text, false); err != nil && strings.Contains(err.Error(), "does not exist") {
		return &apiError{Status: http.StatusBadRequest, Code: "invalid_date", Param: "published", Message: "published: " + err.Error()}
	}
	return &apiError{Status: http.StatusBadRequest, Code: "invalid_date", Param: "published",
		Message: fmt.Sprintf("published: %q is not a date fahras reads; give YYYY-MM-DD, RFC 3339 or a date as Arabic news prints it (12 آذار 2023)", text)}
}

// recordError turns a reader's reason for skipping a line into a request
// error.
func recordError(err error) *apiError {
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return errorf(http.StatusRequestEntityTooLarge, "body_too_large", "the request body exceeds %d bytes", tooBig.Limit)
	case errors.Is(err, readers.ErrTooLarge):
		return errorf(http.StatusRequestEntityTooLarge, "line_too_large", "%v", err)
	case errors.Is(err, readers.ErrInvalidUTF8):
		return errorf(http.StatusBadRequest, "invalid_utf8", "%v", err)
	case errors.Is(err, readers.ErrBadJSON):
		return errorf(http.StatusBadRequest, "malformed_json", "%v", err)
	case errors.Is(err, readers.ErrNoText):
		return errorf(http.StatusBadRequest, "invalid_document", "the article has neither title nor body")
	case errors.Is(err, readers.ErrEmpty):
		return errorf(http.StatusBadRequest, "empty_body", "the request body is empty")
	}
	return errorf(http.StatusBadRequest, "invalid_document", "%v", err)
}
