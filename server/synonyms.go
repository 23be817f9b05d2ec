package server

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/fahras/fahras/index/synonyms"
)

// synonymsKeeper is an engine that keeps the index's synonyms
// (*search.Engine does).
type synonymsKeeper interface {
	Synonyms() *synonyms.Set
}

// synonymEntry is one entry of the synonyms file as the API shows it.
type synonymEntry struct {
	Rule  string   `json:"rule"`
	Words []string `json:"words"`
	To    []string `json:"to,omitempty"`
}

type synonymList struct {
	Synonyms []synonymEntry `json:"synonyms"`
}

func entryOf(r synonyms.Rule) synonymEntry {
	return synonymEntry{Rule: r.String(), Words: r.Words, To: r.To}
}

func (s *Server) synonymSet() (*synonyms.Set, error) {
	if k, ok := s.engine.(synonymsKeeper); ok {
		if set := k.Synonyms(); set != nil {
			return set, nil
		}
	}
	return nil, errorf(http.StatusNotFound, "not_found", "this server keeps no synonyms")
}

func synonymError(err error) error {
	switch {
	case errors.Is(err, synonyms.ErrNotFound):
		return errorf(http.StatusNotFound, "not_found", "%v", err)
	case errors.Is(err, synonyms.ErrInvalid):
		return &apiError{Status: http.StatusBadRequest, Code: "invalid_synonyms", Message: err.Error(), Param: "rule"}
	}
	return err
}

// listSynonyms answers GET /synonyms: the entries in the file's order.
func (s *Server) listSynonyms(w http.ResponseWriter, r *http.Request) error {
	set, err := s.synonymSet()
	if err != nil {
		return err
	}
	if err := noParams(r); err != nil {
		return err
	}
	out := synonymList{Synonyms: []synonymEntry{}}
	for _, rule := range set.Rules() {
		out.Synonyms = append(out.Synonyms, entryOf(rule))
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// addSynonym answers POST /synonyms {"rule": "a, b => c"}: 201 with the
// entry, or 200 when it was there already. It applies from the next
// search on, and is written to the index's synonyms file.
func (s *Server) addSynonym(w http.ResponseWriter, r *http.Request) error {
	set, err := s.synonymSet()
	if err != nil {
		return err
	}
	if err := noParams(r); err != nil {
		return err
	}
	body, err := readJSONBody(w, r, s.cfg.MaxBodyBytes)
	if err != nil {
		return err
	}
	var in struct {
		Rule *string `json:"rule"`
	}
	dec := json.NewDecoder(strings.NewReader(string(body)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		return errorf(http.StatusBadRequest, "invalid_json", "the body must be {\"rule\": \"a, b\"} or {\"rule\": \"a => b\"}: %v", err)
	}
	if in.Rule == nil {
		return &apiError{Status: http.StatusBadRequest, Code: "missing_parameter", Message: "the body needs a rule", Param: "rule"}
	}
	rule, added, err := set.Add(*in.Rule)
	if err != nil {
		return synonymError(err)
	}
	status := http.StatusOK
	if added {
		status = http.StatusCreated
	}
	writeJSON(w, status, entryOf(rule))
	return nil
}

// deleteSynonym answers DELETE /synonyms?rule=…: the entry written in
// any spelling with the same canonical text.
func (s *Server) deleteSynonym(w http.ResponseWriter, r *http.Request) error {
	set, err := s.synonymSet()
	if err != nil {
		return err
	}
	q := r.URL.Query()
	for k := range q {
		if k != "rule" {
			return errorf(http.StatusBadRequest, "unknown_parameter", "unknown query parameter %q; this endpoint takes rule", k)
		}
	}
	if len(q["rule"]) != 1 {
		return &apiError{Status: http.StatusBadRequest, Code: "missing_parameter", Message: "name the entry to remove with one rule parameter", Param: "rule"}
	}
	rule, err := set.Remove(q.Get("rule"))
	if err != nil {
		return synonymError(err)
	}
	writeJSON(w, http.StatusOK, map[string]any{"rule": rule.String(), "deleted": true})
	return nil
}
