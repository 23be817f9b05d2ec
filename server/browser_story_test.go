package server_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/fahras/fahras/server"
)

// The page collapses the versions of one story into one hit, says how
// many there are and from which outlets, and lists them when asked.
func TestBrowserCollapsedStory(t *testing.T) {
	chromium := findChromium(t)
	const key = "browser-story-key"
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
	// One report as three outlets ran it.
	const report = "أعلنت هيئة الأرصاد الجوية في سلطنة عمان، مساء الاثنين، أن الإعصار المداري سيصل إلى سواحل محافظة ظفار خلال ست وثلاثين ساعة مصحوبا برياح عاتية وأمطار غزيرة قد تسبب سيولا في الأودية. " +
		"ودعت الهيئة الصيادين إلى عدم الخروج إلى البحر، وقالت لجنة الطوارئ إن مراكز الإيواء في صلالة جاهزة لاستقبال السكان."
	put("cyclone-1", `{"title":"إعصار مداري يقترب من ظفار","body":"`+report+`","source":"وكالة الأنباء العمانية","published":"2025-05-12T16:00:00Z","url":"https://example.org/1"}`)
	put("cyclone-2", `{"title":"عمان تستعد لإعصار","body":"`+strings.Replace(report, "مساء الاثنين", "الاثنين", 1)+`","source":"صحيفة الخليج","published":"2025-05-12T18:30:00Z"}`)
	put("cyclone-3", `{"title":"الإعصار يقترب من صلالة","body":"`+strings.Replace(report, "وأمطار غزيرة", "وأمطار", 1)+`","source":"قناة الساحل","published":"2025-05-12T17:10:00Z"}`)

	ctx, cancelTab := openBrowser(t, chromium)
	defer cancelTab()
	p := page{t: t, ctx: ctx}
	const query = "الإعصار ظفار"
	p.do("search", chromedp.Navigate(base+"?q="+query))
	p.waitFor("the results", settled("q", query))
	if n := p.evalInt(`document.querySelectorAll('#results .hit').length`); n != 3 {
		t.Fatalf("%d hits before collapsing, want the 3 versions (%s)", n, p.state())
	}
	p.do("collapse", chromedp.Click(chromedp.CSS("#collapse")))
	p.waitFor("one hit per story", settled("collapse", "story"))
	if n := p.evalInt(`document.querySelectorAll('#results .hit').length`); n != 1 {
		t.Fatalf("%d hits collapsed, want 1 (%s)", n, p.state())
	}
	if got := p.eval(`document.querySelector('#total').textContent.split(' في ')[0] + ' | ' + document.querySelector('#total').textContent.split(' في ')[1]`); got != "٣ نتائج | قصة واحدة" {
		t.Errorf("total line %q", got)
	}
	if got := p.eval(`document.querySelector('#results .story-toggle').textContent`); got != "٣ نسخ من هذا الخبر" {
		t.Errorf("story button %q", got)
	}
	if got := p.eval(`[...document.querySelectorAll('#results .story-sources bdi')].map((b) => b.textContent).join(' | ')`); got != "صحيفة الخليج | قناة الساحل | وكالة الأنباء العمانية" {
		t.Errorf("story sources %q", got)
	}
	p.do("expand the story", chromedp.Click(chromedp.CSS("#results .story-toggle")))
	p.waitFor("the versions", `document.querySelectorAll('#results .story-version').length === 3`)
	if got := p.eval(`[...document.querySelectorAll('#results .story-version')].map((li) => li.dataset.id + ' ' + li.querySelector('.hit-source').textContent).join(' | ')`); got != "cyclone-1 وكالة الأنباء العمانية | cyclone-3 قناة الساحل | cyclone-2 صحيفة الخليج" {
		t.Errorf("versions by time: %q", got)
	}
	if got := p.eval(`document.querySelector('#results .story-version time').textContent`); got != "١٢ أيار ٢٠٢٥ ١٦:٠٠" {
		t.Errorf("the first version's time %q", got)
	}
	if got := p.eval(`document.querySelector('#results .story-toggle').getAttribute('aria-expanded')`); got != "true" {
		t.Errorf("aria-expanded %q after opening", got)
	}
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	savePNG(t, "story.png", shot)
	p.do("fold it again", chromedp.Click(chromedp.CSS("#results .story-toggle")))
	if got := p.eval(`document.querySelector('#results .story-versions').hidden + ' ' + document.querySelector('#results .story-toggle').getAttribute('aria-expanded')`); got != "true false" {
		t.Errorf("folded: %q", got)
	}
	// The collapsed view is in the URL: a reload keeps it.
	p.do("reload", chromedp.Reload())
	p.waitFor("the collapsed results again", settled("collapse", "story"))
	if got := p.eval(`document.querySelector('#collapse').checked + ' ' + document.querySelectorAll('#results .hit').length`); got != "true 1" {
		t.Errorf("after a reload: %q", got)
	}
}
