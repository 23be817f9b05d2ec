package server

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/fahras/fahras/search"
)

// storyArticles are one report as three outlets ran it, in the order
// they are written.
var storyArticles = []struct{ id, body string }{
	{"st-1", `{"title":"إغلاق ميناء العقبة بسبب العاصفة","body":"العقبة - أعلنت سلطة منطقة العقبة الاقتصادية، صباح الأربعاء، إغلاق الميناء أمام حركة السفن لمدة يومين بسبب عاصفة رملية قوية ورياح تجاوزت سرعتها ثمانين كيلومترا في الساعة. وقال مدير الميناء إن السفن الراسية نقلت إلى المياه العميقة وإن حركة الشحن ستستأنف فور تحسن الأحوال الجوية، داعيا السكان إلى البقاء في منازلهم.","source":"وكالة البتراء","published":"2023-11-08T07:00:00Z"}`},
	{"st-2", `{"title":"العاصفة تغلق ميناء العقبة","body":"أعلنت سلطة منطقة العقبة الاقتصادية، صباح الأربعاء، إغلاق الميناء أمام حركة السفن لمدة يومين بسبب عاصفة رملية قوية ورياح تجاوزت سرعتها ثمانين كيلومترا في الساعة. وقال مدير الميناء إن السفن الراسية نقلت إلى المياه العميقة وإن حركة الشحن ستستأنف فور تحسن الأحوال الجوية.","source":"نبض الخليج","published":"2023-11-08T09:30:00Z"}`},
	{"st-3", `{"title":"عاصفة رملية في العقبة","body":"أعلنت سلطة منطقة العقبة الاقتصادية الأربعاء إغلاق الميناء أمام حركة السفن لمدة يومين بسبب عاصفة رملية قوية ورياح تجاوزت سرعتها ثمانين كيلومترا في الساعة، وقال مدير الميناء إن السفن الراسية نقلت إلى المياه العميقة.","source":"أنباء الكرمل","published":"2023-11-08T08:15:00Z"}`},
}

func TestStoriesOverTheAPI(t *testing.T) {
	const key = "st-key"
	ts := newTestServer(t, func(c *Config) { c.WriteKeys = []string{key} })
	var storyID string
	for _, a := range storyArticles {
		status, _, body := ts.call(t, "PUT", "/api/v1/documents/"+a.id, key, strings.NewReader(a.body))
		if status != 201 {
			t.Fatalf("PUT %s: %d %s", a.id, status, body)
		}
		var wr struct{ Story string }
		if err := json.Unmarshal(body, &wr); err != nil || wr.Story == "" {
			t.Fatalf("PUT %s: no story in %s", a.id, body)
		}
		if storyID == "" {
			storyID = wr.Story
		} else if wr.Story != storyID {
			t.Fatalf("PUT %s: story %s, want %s", a.id, wr.Story, storyID)
		}
	}
	q := url.QueryEscape("ميناء العقبة")
	status, _, body := ts.call(t, "GET", "/api/v1/search?sort=oldest&collapse=story&q="+q, "", nil)
	if status != 200 {
		t.Fatalf("collapsed search: %d %s", status, body)
	}
	var res search.Result
	if err := json.Unmarshal(body, &res); err != nil {
		t.Fatal(err)
	}
	if res.Total != 3 || len(res.Hits) != 1 || res.Hits[0].ID != "st-1" || res.Hits[0].Collapsed == nil ||
		res.Hits[0].Collapsed.Versions != 3 || len(res.Hits[0].Collapsed.Sources) != 3 || res.Facets == nil || len(res.Facets.Sources) != 3 {
		t.Fatalf("collapsed search: %s", body)
	}
	status, _, body = ts.call(t, "GET", "/api/v1/stories/"+storyID, "", nil)
	if status != 200 {
		t.Fatalf("GET story: %d %s", status, body)
	}
	var st search.Story
	if err := json.Unmarshal(body, &st); err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, v := range st.Versions {
		order = append(order, v.ID+"/"+v.Source)
	}
	if got, want := strings.Join(order, " "), "st-1/وكالة البتراء st-3/أنباء الكرمل st-2/نبض الخليج"; got != want || st.Count != 3 {
		t.Errorf("story versions %q, want %q", got, want)
	}

	// Hostile IDs are refused as such, never looked up.
	for _, path := range []string{"/api/v1/stories/%2E%2E%2Fetc", "/api/v1/stories/" + strings.Repeat("a", 5000),
		"/api/v1/stories/%D9%82%D8%B5%D8%A9", "/api/v1/stories/%00%00", "/api/v1/stories/" + storyID[:15] + "g"} {
		status, _, body := ts.call(t, "GET", path, "", nil)
		if status != 400 || errorCode(t, body) != "invalid_story" && errorCode(t, body) != "invalid_id" {
			t.Errorf("GET %.60s: %d %s", path, status, body)
		}
	}

	// IDs are hexadecimal: written in capitals, one still names its story.
	if status, _, body := ts.call(t, "GET", "/api/v1/stories/"+strings.ToUpper(storyID), "", nil); status != 200 {
		t.Errorf("GET the story in capitals: %d %s", status, body)
	}

	// The description covers the answers, and the refusals.
	ctx := context.Background()
	doc, err := openapi3.NewLoader().LoadFromData(ts.srv.openAPIDoc)
	if err != nil {
		t.Fatal(err)
	}
	doc.Servers = openapi3.Servers{{URL: ts.URL}}
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	for _, ex := range []exchange{
		{method: "GET", path: "/api/v1/search?collapse=story&size=2&q=" + q, valid: true, status: 200},
		{method: "POST", path: "/api/v1/search", body: `{"q":"العقبة","collapse":"story","fields":["title","story"]}`, valid: true, status: 200},
		{method: "GET", path: "/api/v1/stories/" + storyID, valid: true, status: 200},
		{method: "GET", path: "/api/v1/stories/0123456789abcdef", valid: true, status: 404},
		{method: "GET", path: "/api/v1/stories/not-a-story", valid: true, status: 400},
		{method: "GET", path: "/api/v1/stories/" + storyID + "?size=3", valid: true, status: 400},
		{method: "GET", path: "/api/v1/search?collapse=outlet", status: 400},
		{method: "GET", path: "/api/v1/search?collapse=story&search_after=1,x", valid: true, status: 400},
	} {
		checkExchange(t, ctx, ts, router, ex)
	}
}
