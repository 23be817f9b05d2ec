package server

import (
	"errors"
	"net/http"

	"github.com/fahras/fahras/search"
)

// getStory answers GET /stories/{id}: the articles of one story, by
// outlet and time.
func (s *Server) getStory(w http.ResponseWriter, r *http.Request) error {
	id, err := pathVar(r, "id")
	if err != nil {
		return err
	}
	if err := noParams(r); err != nil {
		return err
	}
	st, err := s.engine.Story(r.Context(), id)
	if errors.Is(err, search.ErrNoStory) {
		return errorf(http.StatusNotFound, "not_found", "no story with this id")
	}
	if err = late(r.Context(), err); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, st)
	return nil
}
