package server

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io"
	"net/http"
	"net/url"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/fahras/fahras/search"
)

var update = flag.Bool("update", false, "rewrite openapi.json from search's request tables")

// openapi.json holds what the server serves: its parameters are those
// of search's tables. After changing a table, run
// go test ./server -run TestOpenAPIIsCurrent -update.
func TestOpenAPIIsCurrent(t *testing.T) {
	generated, err := openAPIDocument(openAPIFile)
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("openapi.json", generated, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	var have, want any
	if err := json.Unmarshal(openAPIFile, &have); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(generated, &want); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(have, want) {
		t.Error("openapi.json differs from search's request tables; run go test ./server -run TestOpenAPIIsCurrent -update")
	}
}

// exchange is one request to the test server, and whether the OpenAPI
// description calls it valid.
type exchange struct {
	method, path, key, body string
	valid                   bool
	status                  int
}

// The OpenAPI description is checked against real requests and answers:
// kin-openapi validates each request (parameters and body) against the
// description, and each response's status, headers and body.
func TestOpenAPIMatchesTheServer(t *testing.T) {
	const key = "oa-key"
	ts := newTestServer(t, func(c *Config) { c.WriteKeys = []string{key} })
	ctx := context.Background()
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(ts.srv.openAPIDoc)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	if err := doc.Validate(ctx); err != nil {
		t.Fatalf("the description is not valid OpenAPI: %v", err)
	}
	doc.Servers = openapi3.Servers{{URL: ts.URL}}
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	q := url.QueryEscape
	article := `{"title":"افتتاح معرض الكتاب في الموصل","body":"الموصل - افتتح معرض الكتاب أبوابه.","source":"نينوى اليوم","published":"2023-11-02"}`
	for _, ex := range []exchange{
		{method: "GET", path: "/api/v1/search?q=" + q("بغداد") + "&size=2&facet_size=3&now=2023-10-01", valid: true, status: 200},
		{method: "GET", path: "/api/v1/search?place=IQ&country=EG&sort=newest&no_highlight=true", valid: true, status: 200},
		{method: "GET", path: "/api/v1/search?q=" + q("القاهرة") + "&facets=dates,places&fields=title,url,places", valid: true, status: 200},
		{method: "GET", path: "/api/v1/search?no_facets=true&from=2023-01-01&to=2023-12-31", valid: true, status: 200},
		{method: "POST", path: "/api/v1/search", body: `{"q":"بغداد","country":["IQ"],"size":3,"facets":["sources"]}`, valid: true, status: 200},
		{method: "GET", path: "/api/v1/suggest?q=" + q("معر") + "&size=5", valid: true, status: 200},
		{method: "GET", path: "/api/v1/facets/places?level=country&prefix=" + q("مص"), valid: true, status: 200},
		{method: "GET", path: "/api/v1/facets/sources?q=" + q("بغداد"), valid: true, status: 200},
		{method: "GET", path: "/api/v1/facets/dates?now=2023-10-01", valid: true, status: 200},
		{method: "POST", path: "/api/v1/analyze", body: `{"text":"وبالمدينة","analyzer":"ar"}`, valid: true, status: 200},
		{method: "GET", path: "/api/v1/stats", valid: true, status: 200},
		{method: "PUT", path: "/api/v1/documents/oa-1", key: key, body: article, valid: true, status: 201},
		{method: "GET", path: "/api/v1/documents/oa-1", valid: true, status: 200},
		{method: "POST", path: "/api/v1/documents", key: key, body: article, valid: true, status: 201},
		{method: "DELETE", path: "/api/v1/documents/oa-1", key: key, valid: true, status: 200},
		{method: "GET", path: "/api/v1/documents/oa-1", valid: true, status: 404},
		{method: "GET", path: "/api/v1/search?q=" + q("بغداد") + "&explain_expansion=true", valid: true, status: 200},
		{method: "POST", path: "/api/v1/synonyms", key: key, body: `{"rule":"بغداد, بغدد"}`, valid: true, status: 201},
		{method: "POST", path: "/api/v1/synonyms", key: key, body: `{"rule":"بغداد,بغدد"}`, valid: true, status: 200},
		{method: "GET", path: "/api/v1/synonyms", valid: true, status: 200},
		{method: "GET", path: "/api/v1/search?q=" + q("بغدد") + "&explain_expansion=true", valid: true, status: 200},
		{method: "DELETE", path: "/api/v1/synonyms?rule=" + q("بغداد, بغدد"), key: key, valid: true, status: 200},
		{method: "DELETE", path: "/api/v1/synonyms?rule=" + q("بغداد, بغدد"), key: key, valid: true, status: 404},
		{method: "POST", path: "/api/v1/synonyms", key: key, body: `{"rule":"بغداد"}`, valid: true, status: 400},
		{method: "POST", path: "/api/v1/synonyms", key: key, body: `{"words":"بغداد"}`, status: 400},
		{method: "POST", path: "/api/v1/synonyms", body: `{"rule":"بغداد, بغدد"}`, valid: true, status: 401},
		{method: "GET", path: "/api/v1/healthz", valid: true, status: 200},
		{method: "GET", path: "/readyz", valid: true, status: 200},
		// What the description refuses, the server refuses.
		{method: "GET", path: "/api/v1/search?size=1000", status: 400},
		{method: "GET", path: "/api/v1/search?sort=random", status: 400},
		{method: "GET", path: "/api/v1/search?facets=planets", status: 400},
		{method: "GET", path: "/api/v1/suggest?q=ab&size=21", status: 400},
		{method: "GET", path: "/api/v1/facets/colour", status: 400},
		{method: "POST", path: "/api/v1/search", body: `{"query":"x"}`, status: 400},
		{method: "POST", path: "/api/v1/search", body: `{"size":"ten"}`, status: 400},
		{method: "POST", path: "/api/v1/search", body: `{"country":"IQ"}`, status: 400},
		// Valid by the description, refused by rules it cannot state.
		{method: "GET", path: "/api/v1/search?q=OR", valid: true, status: 400},
		{method: "GET", path: "/api/v1/search?from=2024-02-30", valid: true, status: 400},
		{method: "PUT", path: "/api/v1/documents/oa-2", key: key, body: `{"title":"خبر","published":"2020-13-45"}`, valid: true, status: 400},
		{method: "PUT", path: "/api/v1/documents/oa-3", body: article, valid: true, status: 401},
	} {
		checkExchange(t, ctx, ts, router, ex)
	}
}

func checkExchange(t *testing.T, ctx context.Context, ts *testServer, router routers.Router, ex exchange) {
	t.Helper()
	name := ex.method + " " + ex.path
	newRequest := func() *http.Request {
		req, err := http.NewRequest(ex.method, ts.URL+ex.path, strings.NewReader(ex.body))
		if err != nil {
			t.Fatal(err)
		}
		if ex.body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		if ex.key != "" {
			req.Header.Set("Authorization", "Bearer "+ex.key)
		}
		return req
	}
	req := newRequest()
	route, params, err := router.FindRoute(req)
	if err != nil {
		t.Errorf("%s: not in the description: %v", name, err)
		return
	}
	in := &openapi3filter.RequestValidationInput{
		Request: req, PathParams: params, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc},
	}
	reqErr := openapi3filter.ValidateRequest(ctx, in)
	if (reqErr == nil) != ex.valid {
		t.Errorf("%s %s: the description calls the request valid=%v, want %v (%v)", name, ex.body, reqErr == nil, ex.valid, reqErr)
	}
	resp, err := ts.Client().Do(newRequest())
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != ex.status {
		t.Errorf("%s: status %d, want %d: %.300s", name, resp.StatusCode, ex.status, body)
	}
	out := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in, Status: resp.StatusCode, Header: resp.Header,
		Body:    io.NopCloser(bytes.NewReader(body)),
		Options: &openapi3filter.Options{IncludeResponseStatus: true},
	}
	if err := openapi3filter.ValidateResponse(ctx, out); err != nil {
		t.Errorf("%s: the response does not match the description: %v\n%.500s", name, err, body)
	}
}

// Every parameter of search's tables is in the description, with its
// kind, limits and default, and no other.
func TestOpenAPIParametersAreTheTables(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromData(openAPIFile)
	if err != nil {
		t.Fatal(err)
	}
	for path, params := range map[string][]search.Param{
		"/api/v1/search":         search.SearchParams.Params(),
		"/api/v1/facets/{facet}": search.FacetParams.Params(),
		"/api/v1/suggest":        search.SuggestParams.Params(),
	} {
		op := doc.Paths.Find(path).Get
		described := map[string]*openapi3.Parameter{}
		for _, p := range op.Parameters {
			if p.Value.In == "query" {
				described[p.Value.Name] = p.Value
			}
		}
		if len(described) != len(params) {
			t.Errorf("%s: %d query parameters described, %d in the table", path, len(described), len(params))
		}
		for _, p := range params {
			d := described[p.Name]
			if d == nil {
				t.Errorf("%s: %s is not described", path, p.Name)
				continue
			}
			s := d.Schema.Value
			if p.Repeatable != s.Type.Is("array") {
				t.Errorf("%s: %s repeatable %v, described as %v", path, p.Name, p.Repeatable, s.Type)
			}
			if p.Kind == search.KindInt && (s.Min == nil || *s.Min != float64(p.Min) || s.Max == nil || *s.Max != float64(p.Max)) {
				t.Errorf("%s: %s bounded %d..%d, described %v..%v", path, p.Name, p.Min, p.Max, s.Min, s.Max)
			}
		}
	}
	body := doc.Components.Schemas["SearchRequest"].Value.Properties
	for _, p := range search.SearchParams.Params() {
		if body[p.Name] == nil {
			t.Errorf("POST /search: %s is not a field of the body", p.Name)
		}
	}
	if len(body) != len(search.SearchParams.Params()) {
		t.Errorf("POST /search: %d fields described, %d in the table", len(body), len(search.SearchParams.Params()))
	}
}
