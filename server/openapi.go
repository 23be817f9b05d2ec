package server

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/fahras/fahras/search"
)

//go:embed openapi.json
var openAPIFile []byte

// openAPIDocument is the OpenAPI description the server serves: the
// checked-in document with every part that describes a request's
// parameters written from search's tables (the query parameters of GET
// /search, /facets/{facet} and /suggest, the body of POST /search, the
// facet names and shapes), so that the document cannot drift from what
// the server reads. A test keeps openapi.json equal to this output.
func openAPIDocument(raw []byte) ([]byte, error) {
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		return nil, fmt.Errorf("openapi.json: %w", err)
	}
	set := func(value any, keys ...string) error {
		m := doc
		for _, k := range keys[:len(keys)-1] {
			next, ok := m[k].(map[string]any)
			if !ok {
				return fmt.Errorf("openapi.json: no object at %q in %v", k, keys)
			}
			m = next
		}
		m[keys[len(keys)-1]] = value
		return nil
	}
	facetPath := map[string]any{
		"name": "facet", "in": "path", "required": true,
		"description": "The facet, by the name /search's facets give it.",
		"schema":      map[string]any{"type": "string", "enum": search.FacetNames()},
	}
	facets := map[string]any{}
	for _, f := range search.FacetTable() {
		var schema map[string]any
		switch f.Kind {
		case search.FacetDate:
			schema = ref("DateFacet")
		case search.FacetPlace:
			schema = map[string]any{"type": "array", "items": ref("PlaceNode")}
		default:
			schema = map[string]any{"type": "array", "items": ref("Bucket")}
		}
		schema["description"] = f.Doc
		facets[f.Name] = schema
	}
	for _, s := range []struct {
		value any
		keys  []string
	}{
		{queryParams(search.SearchParams.Params()), []string{"paths", "/api/v1/search", "get", "parameters"}},
		{append([]any{facetPath}, queryParams(search.FacetParams.Params())...), []string{"paths", "/api/v1/facets/{facet}", "get", "parameters"}},
		{queryParams(search.SuggestParams.Params()), []string{"paths", "/api/v1/suggest", "get", "parameters"}},
		{bodySchema(search.SearchParams.Params()), []string{"components", "schemas", "SearchRequest"}},
		{map[string]any{"type": "object", "additionalProperties": false, "properties": facets,
			"description": "The facets asked for with facets= (all by default). Each facet's counts apply the query and every other filter, but not the facet's own."},
			[]string{"components", "schemas", "Facets"}},
	} {
		if err := set(s.value, s.keys...); err != nil {
			return nil, err
		}
	}
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("openapi.json: %w", err)
	}
	return out.Bytes(), nil
}

func ref(schema string) map[string]any {
	return map[string]any{"$ref": "#/components/schemas/" + schema}
}

// valueSchema is the JSON schema of one value of a parameter.
func valueSchema(p search.Param) map[string]any {
	s := map[string]any{}
	switch p.Kind {
	case search.KindInt:
		s["type"] = "integer"
		if p.Min != 0 || p.Max != 0 {
			s["minimum"], s["maximum"] = p.Min, p.Max
		}
	case search.KindBool:
		s["type"] = "boolean"
	case search.KindEnum:
		s["type"] = "string"
		s["enum"] = p.Enum
	default:
		s["type"] = "string"
		if p.MaxLen > 0 {
			s["maxLength"] = p.MaxLen
		}
	}
	return s
}

// paramSchema is the schema of a parameter: its value's, or an array of
// them for a repeatable one.
func paramSchema(p search.Param) map[string]any {
	s := valueSchema(p)
	if p.Repeatable {
		s = map[string]any{"type": "array", "items": s}
		if p.MaxValues > 0 {
			s["maxItems"] = p.MaxValues
		}
	}
	if p.Default != "" {
		switch p.Kind {
		case search.KindInt:
			n, _ := strconv.Atoi(p.Default)
			s["default"] = n
		default:
			s["default"] = p.Default
		}
	}
	return s
}

func describe(p search.Param) string {
	d := p.Doc + "."
	if p.Kind == search.KindDate {
		d += " Format: YYYY-MM-DD or RFC 3339."
	}
	return d
}

// queryParams describes parameters as OpenAPI query parameters.
func queryParams(params []search.Param) []any {
	out := make([]any, 0, len(params))
	for _, p := range params {
		qp := map[string]any{"name": p.Name, "in": "query", "description": describe(p), "schema": paramSchema(p)}
		if p.Repeatable {
			// Comma-separated lists are described in their comma form;
			// the server also takes the parameter repeated.
			qp["style"], qp["explode"] = "form", !p.Comma
		}
		if p.Kind == search.KindBool {
			qp["allowEmptyValue"] = true
		}
		out = append(out, qp)
	}
	return out
}

// bodySchema describes parameters as the fields of a JSON object.
func bodySchema(params []search.Param) map[string]any {
	props := map[string]any{}
	for _, p := range params {
		s := paramSchema(p)
		s["description"] = describe(p)
		props[p.Name] = s
	}
	return map[string]any{
		"type": "object", "additionalProperties": false, "properties": props,
		"description": "The parameters of GET /search as JSON fields; unknown fields are refused.",
	}
}
