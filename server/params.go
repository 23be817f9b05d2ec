package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/fahras/fahras/search"
)

// noParams refuses a query string on an endpoint that takes none.
func noParams(r *http.Request) error {
	for k := range r.URL.Query() {
		return errorf(http.StatusBadRequest, "unknown_parameter", "unknown query parameter %q; this endpoint takes none", k)
	}
	return nil
}

// checkJSONType refuses bodies declared as something other than JSON; a
// missing Content-Type is taken as JSON.
func checkJSONType(r *http.Request) error {
	ct := r.Header.Get("Content-Type")
	if ct == "" {
		return nil
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err == nil && (mt == "application/json" || strings.HasSuffix(mt, "+json")) {
		return nil
	}
	return errorf(http.StatusUnsupportedMediaType, "unsupported_media_type", "the body must be application/json, not %q", ct)
}

// readBody reads a whole request body of at most limit bytes and checks
// that it is UTF-8.
func readBody(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, error) {
	if r.ContentLength > limit {
		return nil, errorf(http.StatusRequestEntityTooLarge, "body_too_large", "the request body exceeds %d bytes", limit)
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, err
		}
		return nil, errorf(http.StatusBadRequest, "unreadable_body", "the request body could not be read: %v", err)
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, errorf(http.StatusBadRequest, "empty_body", "the request body is empty")
	}
	if !utf8.Valid(body) {
		return nil, errorf(http.StatusBadRequest, "invalid_utf8", "the request body is not valid UTF-8")
	}
	return body, nil
}

// readJSONBody reads a whole body declared as JSON (or undeclared) of at
// most limit bytes.
func readJSONBody(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, error) {
	if err := checkJSONType(r); err != nil {
		return nil, err
	}
	return readBody(w, r, limit)
}

// decodeJSON reads a JSON body into v. Unknown fields, trailing data,
// wrong types and bad syntax are request errors.
func decodeJSON(w http.ResponseWriter, r *http.Request, limit int64, v any) error {
	body, err := readJSONBody(w, r, limit)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(body, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return errorf(http.StatusBadRequest, "malformed_json", "the body holds more data after its JSON value")
	}
	return nil
}

// jsonError turns a decoding error into a request error that says where
// the body is wrong, in words of its own.
func jsonError(body []byte, err error) error {
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &typ) && typ.Field != "":
		return errorf(http.StatusBadRequest, "invalid_type", "field %q must be %s, not %s", typ.Field, jsonKind(typ.Type.String()), aKind(typ.Value))
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return errorf(http.StatusBadRequest, "unknown_field", "unknown field %s", strings.TrimPrefix(err.Error(), "json: unknown field "))
	}
	return search.JSONError(body, err)
}

// aKind puts "a" or "an" before a JSON kind.
func aKind(kind string) string {
	switch kind {
	case "array", "object":
		return "an " + kind
	case "bool":
		return "true or false"
	}
	return "a " + kind
}

func jsonKind(goType string) string {
	switch {
	case strings.HasPrefix(goType, "[]"):
		return "an array"
	case strings.HasPrefix(goType, "int"), strings.HasPrefix(goType, "uint"), strings.HasPrefix(goType, "float"):
		return "a number"
	case goType == "string":
		return "a string"
	case goType == "bool":
		return "true or false"
	}
	return "an object"
}
