package server_test

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/fahras/fahras/server"
)

// The page saves the search it shows, counts live the articles indexed
// since that match it, lists them, and remembers what was seen.
func TestBrowserSavedSearch(t *testing.T) {
	chromium := findChromium(t)
	const key = "browser-write-key"
	base := startServerWith(t, func(cfg *server.Config) { cfg.WriteKeys = []string{key} })
	put := func(id, body string) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodPut, base+"api/v1/documents/"+id, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+key)
		resp, err := http.DefaultClient.Do(req)
		if err != nil || resp.StatusCode/100 != 2 {
			t.Fatalf("put %s: %v %v", id, resp, err)
		}
		resp.Body.Close()
	}
	ctx, cancelTab := openBrowser(t, chromium)
	defer cancelTab()
	p := page{t: t, ctx: ctx}

	const query = "الانتخابات"
	p.do("search", chromedp.Navigate(base+"?q="+query+"&country=IQ"))
	p.waitFor("the results", settled("q", query))
	p.do("save the search", chromedp.Click(chromedp.CSS("#save-search")))
	p.waitFor("the name form", `!document.querySelector('#save-form').hidden`)
	if got := p.eval(`document.querySelector('#save-name').value`); got != query {
		t.Errorf("the name offered is %q, want the query", got)
	}
	p.do("name it", chromedp.SetValue(chromedp.CSS("#save-name"), "انتخابات العراق"),
		chromedp.Click(chromedp.CSS(`#save-form button[type=submit]`)))
	p.waitFor("the saved search", `document.querySelector('#watch-list .watch .watch-name')?.textContent === 'انتخابات العراق'`)
	if got := p.eval(`document.querySelector('#watch-list .watch-name').getAttribute('href')`); got != "?q="+url.QueryEscape(query)+"&country=IQ" {
		t.Errorf("the saved search links to %q", got)
	}
	if got := p.eval(`document.querySelector('#watch-list .new-count').hidden + ''`); got != "true" {
		t.Error("a count shows before anything new was indexed")
	}

	// Two new Iraqi election articles and one from Egypt.
	put("n1", `{"title":"الانتخابات المحلية في نينوى","body":"الموصل - وكالة الرافدين: بدأت الانتخابات المحلية في محافظة نينوى العراقية وسط إجراءات أمنية.","source":"وكالة الرافدين","published":"2025-06-01"}`)
	p.waitFor("one new", `document.querySelector('#watch-list .new-count')?.textContent === '١ جديد'`)
	put("n2", `{"title":"الانتخابات في القاهرة","body":"القاهرة - النيل نيوز: لجان الانتخابات في مصر تفتح أبوابها.","source":"النيل نيوز","published":"2025-06-02"}`)
	put("n3", `{"title":"العراق: نتائج الانتخابات في البصرة","body":"البصرة - وكالة الرافدين: أعلنت مفوضية الانتخابات في العراق النتائج الأولية.","source":"وكالة الرافدين","published":"2025-06-03"}`)
	p.waitFor("two new", `document.querySelector('#watch-list .new-count')?.textContent === '٢ جديد'`)

	p.do("show the new ones", chromedp.Click(chromedp.CSS("#watch-list .show-new")))
	if got := p.eval(`[...document.querySelectorAll('#watch-list .new-matches li')].map((li) => li.textContent).join(' | ')`); got != "العراق: نتائج الانتخابات في البصرة — وكالة الرافدين | الانتخابات المحلية في نينوى — وكالة الرافدين" {
		t.Errorf("new matches listed: %q", got)
	}
	p.do("close them", chromedp.Click(chromedp.CSS("#watch-list .show-new")))
	if got := p.eval(`document.querySelector('#watch-list .new-count').hidden + ''`); got != "true" {
		t.Error("the count stays after the new articles were seen")
	}

	// After a reload the search is still saved and what was seen stays seen.
	p.do("reload", chromedp.Reload())
	p.waitFor("the saved search again", `document.querySelector('#watch-list .watch') !== null && !document.querySelector('#watches').hidden`)
	put("n4", `{"title":"الانتخابات البرلمانية في أربيل","body":"أربيل - وكالة الرافدين: استعدادات لإجراء الانتخابات في إقليم كردستان العراق.","source":"وكالة الرافدين","published":"2025-06-04"}`)
	p.waitFor("only the newest counted", `document.querySelector('#watch-list .new-count')?.textContent === '١ جديد'`)

	// Deleting it removes it from the page and from the server.
	p.do("delete it", chromedp.Click(chromedp.CSS("#watch-list .delete-watch")))
	p.waitFor("no saved search", `document.querySelector('#watches').hidden && document.querySelectorAll('#watch-list .watch').length === 0`)
	resp, err := http.Get(base + "api/v1/watches")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(body) != `{"watches":[]}`+"\n" {
		t.Errorf("after deleting, the server lists %s", body)
	}
}
