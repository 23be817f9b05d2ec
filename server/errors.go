package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/fahras/fahras/index"
	"github.com/fahras/fahras/search"
)

// apiError is an error answered to the client with its status and code.
type apiError struct {
	Status  int
	Code    string
	Message string
	Param   string
}

func (e *apiError) Error() string { return e.Message }

func errorf(status int, code, format string, args ...any) *apiError {
	return &apiError{Status: status, Code: code, Message: fmt.Sprintf(format, args...)}
}

// errorBody is the JSON shape of every error response.
type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	// Param names the request parameter at fault, when one is.
	Param string `json:"param,omitempty"`
}

// writeJSON writes v as JSON with the status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v) // the client may be gone; nothing to do about it
}

// fail answers err: request errors with their 4xx status and code, engine
// refusals as 400, deadlines as 504 and anything else as a logged 500.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	ae := s.classify(r, err)
	if ae.Status == http.StatusTooManyRequests || ae.Status == http.StatusServiceUnavailable {
		w.Header().Set("Cache-Control", "no-store")
	}
	if ae.Status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="fahras"`)
	}
	writeJSON(w, ae.Status, errorBody{Error: errorDetail{Code: ae.Code, Message: ae.Message, Param: ae.Param}})
}

func (s *Server) classify(r *http.Request, err error) *apiError {
	var ae *apiError
	var se *search.Error
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &ae):
		return ae
	case errors.As(err, &se):
		return &apiError{Status: http.StatusBadRequest, Code: se.Code, Message: se.Message, Param: se.Param}
	case errors.As(err, &tooBig):
		return errorf(http.StatusRequestEntityTooLarge, "body_too_large", "the request body exceeds %d bytes", tooBig.Limit)
	case errors.Is(err, index.ErrNotFound):
		return errorf(http.StatusNotFound, "not_found", "no document with this id")
	case errors.Is(err, context.DeadlineExceeded):
		s.log.Warn("request timed out", "request_id", requestID(r.Context()), "path", logPath(r.URL.Path))
		return errorf(http.StatusGatewayTimeout, "timeout", "the request took longer than %s", s.cfg.RequestTimeout)
	case errors.Is(err, context.Canceled) && r.Context().Err() != nil:
		// The client went away; the answer is for the log only.
		return errorf(499, "canceled", "the request was canceled")
	}
	s.log.Error("request failed", "request_id", requestID(r.Context()), "method", r.Method, "path", logPath(r.URL.Path), "err", err)
	return errorf(http.StatusInternalServerError, "internal", "internal server error (request %s)", requestID(r.Context()))
}

// logLevel is the level a response with status is logged at.
func logLevel(status int) slog.Level {
	if status >= 500 {
		return slog.LevelError
	}
	return slog.LevelInfo
}
