package server_test

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/fahras/fahras/index"
	"github.com/fahras/fahras/index/article"
	"github.com/fahras/fahras/index/places"
	"github.com/fahras/fahras/search"
	"github.com/fahras/fahras/server"
	"github.com/fahras/fahras/watch"
)

// browserArticles are the articles the browser test searches: elections
// and other news from four countries over ten years, so that the page has
// a year histogram, a place tree and several sources.
func browserArticles() []article.Article {
	return []article.Article{
		{ID: "b01", URL: "https://news.example/iq/2016/vote", Title: "الانتخابات البرلمانية في العراق تدخل مرحلة الحسم", Body: "بغداد - وكالة الرافدين: دخلت الانتخابات البرلمانية في العراق مرحلتها الأخيرة مع إعلان المفوضية العليا أسماء المرشحين. وقال مسؤولون إن نسبة المشاركة المتوقعة تتجاوز نصف الناخبين في بغداد والبصرة.", Source: "وكالة الرافدين", Category: "سياسة", Author: "علي حسن", PublishedText: "2016-05-12"},
		{ID: "b02", URL: "https://news.example/iq/2018/vote", Title: "المفوضية تعلن نتائج الانتخابات في محافظة البصرة", Body: "البصرة - وكالة الرافدين: أعلنت المفوضية نتائج الانتخابات المحلية في محافظة البصرة بعد فرز الأصوات، وسط اعتراضات من قوائم خاسرة طالبت بإعادة العد اليدوي.", Source: "وكالة الرافدين", Category: "سياسة", Author: "علي حسن", PublishedText: "2018-05-20"},
		{ID: "b03", URL: "https://news.example/eg/2018/vote", Title: "الانتخابات الرئاسية في مصر: إقبال متوسط في القاهرة", Body: "القاهرة - النيل نيوز: شهدت لجان الاقتراع في القاهرة والجيزة إقبالاً متوسطاً في اليوم الأول من الانتخابات الرئاسية، فيما مددت الهيئة الوطنية ساعات التصويت.", Source: "النيل نيوز", Category: "سياسة", Author: "منى عبد الله", PublishedText: "2018-03-26"},
		{ID: "b04", URL: "https://news.example/lb/2018/vote", Title: "لبنان ينتخب برلماناً جديداً وفق القانون النسبي", Body: "بيروت - الأرز اليوم: توجه الناخبون في بيروت وطرابلس إلى صناديق الاقتراع في أول انتخابات نيابية منذ تسع سنوات، وفق قانون يعتمد النسبية للمرة الأولى.", Source: "الأرز اليوم", Category: "سياسة", Author: "ريما خوري", PublishedText: "2018-05-06"},
		{ID: "b05", URL: "https://news.example/ma/2021/vote", Title: "المغرب: الانتخابات التشريعية والجماعية في يوم واحد", Body: "الرباط - صوت المغرب: جرت الانتخابات التشريعية والجماعية والجهوية في يوم واحد للمرة الأولى، وبلغت نسبة المشاركة في الرباط والدار البيضاء أكثر من أربعين بالمئة.", Source: "صوت المغرب", Category: "سياسة", Author: "يوسف العلمي", PublishedText: "2021-09-08"},
		{ID: "b06", URL: "https://news.example/iq/2021/vote", Title: "العراق يجري انتخابات مبكرة بقانون الدوائر المتعددة", Body: "بغداد - وكالة الرافدين: أجرى العراق الانتخابات التشريعية المبكرة بقانون جديد يقسم المحافظات إلى دوائر متعددة، وأغلقت مراكز الاقتراع في الموصل وأربيل في الموعد المحدد.", Source: "وكالة الرافدين", Category: "سياسة", Author: "سارة الجبوري", PublishedText: "2021-10-10"},
		{ID: "b07", URL: "https://news.example/eg/2022/economy", Title: "البنك المركزي المصري يرفع أسعار الفائدة لكبح التضخم", Body: "القاهرة - النيل نيوز: رفع البنك المركزي المصري أسعار الفائدة مئتي نقطة أساس في اجتماع استثنائي، مبرراً القرار بارتفاع التضخم وتراجع سعر صرف الجنيه.", Source: "النيل نيوز", Category: "اقتصاد", Author: "منى عبد الله", PublishedText: "2022-03-21"},
		{ID: "b08", URL: "https://news.example/lb/2022/economy", Title: "أزمة الكهرباء في لبنان تدفع الأسر إلى الطاقة الشمسية", Body: "بيروت - الأرز اليوم: لجأت آلاف الأسر في بيروت وصيدا إلى تركيب ألواح الطاقة الشمسية بعد أن تقلصت ساعات التغذية من الشبكة العامة إلى ساعتين يومياً.", Source: "الأرز اليوم", Category: "اقتصاد", Author: "ريما خوري", PublishedText: "2022-08-14"},
		{ID: "b09", URL: "https://news.example/ma/2023/quake", Title: "زلزال الحوز: فرق الإنقاذ تصل إلى القرى الجبلية", Body: "مراكش - صوت المغرب: وصلت فرق الإنقاذ إلى القرى الجبلية المتضررة من الزلزال جنوب مراكش، فيما تواصل السلطات إقامة مخيمات مؤقتة للأسر التي فقدت منازلها.", Source: "صوت المغرب", Category: "مجتمع", Author: "يوسف العلمي", PublishedText: "2023-09-10"},
		{ID: "b10", URL: "https://news.example/iq/2024/water", Title: "انخفاض منسوب دجلة يهدد الزراعة في محافظات الوسط", Body: "بغداد - وكالة الرافدين: حذرت وزارة الموارد المائية من انخفاض منسوب نهر دجلة إلى مستويات غير مسبوقة، ما يهدد الموسم الزراعي في بغداد وواسط وبابل.", Source: "وكالة الرافدين", Category: "بيئة", Author: "سارة الجبوري", PublishedText: "2024-07-02"},
		{ID: "b11", URL: "https://news.example/eg/2024/vote", Title: "مجلس النواب المصري يناقش قانون الانتخابات المحلية", Body: "القاهرة - النيل نيوز: بدأ مجلس النواب مناقشة مشروع قانون الانتخابات المحلية المؤجلة منذ سنوات، وسط مطالب بتمثيل أوسع للشباب والمرأة في المجالس البلدية.", Source: "النيل نيوز", Category: "سياسة", Author: "منى عبد الله", PublishedText: "2024-11-03"},
		{ID: "b12", URL: "https://news.example/lb/2025/vote", Title: "الانتخابات البلدية في لبنان بعد تأجيل متكرر", Body: "بيروت - الأرز اليوم: أجريت الانتخابات البلدية والاختيارية في محافظات جبل لبنان والشمال بعد تأجيلها مرتين، وسجلت بيروت أدنى نسبة مشاركة.", Source: "الأرز اليوم", Category: "سياسة", Author: "ريما خوري", PublishedText: "2025-05-04"},
	}
}

// startServer indexes the articles, serves the API and the page on a
// free local port and returns the page's address.
func startServer(t *testing.T) string {
	t.Helper()
	return startServerWith(t, nil)
}

// startServerWith is startServer with the configuration changed.
func startServerWith(t *testing.T, change func(*server.Config)) string {
	t.Helper()
	ctx := t.Context()
	g, err := places.Default()
	if err != nil {
		t.Fatalf("load the gazetteer: %v", err)
	}
	ix, err := index.Create(t.TempDir(), index.Options{Shards: 1, ProtectedWords: g.Names()})
	if err != nil {
		t.Fatalf("create the index: %v", err)
	}
	t.Cleanup(func() { ix.Close() })
	enricher := index.NewEnricher(g, time.UTC)
	var docs []index.Doc
	for _, a := range browserArticles() {
		enricher.Enrich(&a, time.Now())
		docs = append(docs, enricher.Document(a))
	}
	if _, err := ix.Write(ctx, docs); err != nil {
		t.Fatalf("index the articles: %v", err)
	}
	engine, err := search.New(ix, g)
	if err != nil {
		t.Fatalf("search engine: %v", err)
	}
	watches, err := watch.Open(ctx, filepath.Join(t.TempDir(), "watches"), engine, watch.Options{Enricher: enricher})
	if err != nil {
		t.Fatalf("saved searches: %v", err)
	}
	t.Cleanup(func() { watches.Close() }) // after the server stops
	ix.SetObserver(watches)
	cfg := server.Config{Index: ix, Engine: engine, Enricher: enricher, Watches: watches, RateLimit: -1, KeyRateLimit: -1}
	if change != nil {
		change(&cfg)
	}
	srv, err := server.New(cfg)
	if err != nil {
		t.Fatalf("server: %v", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	sctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(sctx, ln) }()
	t.Cleanup(func() {
		stop()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	return "http://" + ln.Addr().String() + "/"
}

func findChromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no Chromium found (looked for chromium, chromium-browser, google-chrome): install it to run the browser test")
	return ""
}

// openBrowser starts a headless Chromium and returns its tab, with the
// function that closes it; the whole session is bounded to 50 s.
func openBrowser(t *testing.T, chromium string) (context.Context, context.CancelFunc) {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.NoSandbox,
		chromedp.Headless,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.WindowSize(1280, 1000),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(t.Context(), opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancelTab := chromedp.NewContext(actx)
	ctx, cancelTime := context.WithTimeout(ctx, 50*time.Second)
	t.Cleanup(cancelTime)
	if err := chromedp.Do(ctx); err != nil {
		cancelTab()
		t.Fatalf("start Chromium: %v", err)
	}
	return ctx, cancelTab
}

// page wraps a browser tab with the few steps the test repeats.
type page struct {
	t   *testing.T
	ctx context.Context
}

func (p page) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	if err := chromedp.Do(p.ctx, steps...); err != nil {
		p.t.Fatalf("%s: %v", what, err)
	}
}

func (p page) eval(js string) string {
	p.t.Helper()
	v, err := chromedp.Run(p.ctx, chromedp.Evaluate[string](js))
	if err != nil {
		p.t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}

func (p page) evalInt(js string) int {
	p.t.Helper()
	v, err := chromedp.Run(p.ctx, chromedp.Evaluate[int](js))
	if err != nil {
		p.t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}

// waitFor polls a JavaScript condition until it is true.
func (p page) waitFor(what, cond string) {
	p.t.Helper()
	_, err := chromedp.Run(p.ctx, chromedp.Poll[bool](cond,
		chromedp.WithPollingTimeout(10*time.Second), chromedp.WithPollingInterval(50*time.Millisecond)))
	if err != nil {
		p.t.Fatalf("waiting for %s (%s): %v\npage state: %s", what, cond, err, p.state())
	}
}

// state summarizes the page for failure messages.
func (p page) state() string {
	v, err := chromedp.Run(p.ctx, chromedp.Evaluate[string](`JSON.stringify({
		url: location.href, total: document.querySelector('#total')?.textContent,
		hits: document.querySelectorAll('#results .hit').length,
		error: document.querySelector('#error')?.hidden ? '' : document.querySelector('#error')?.textContent.trim()})`))
	if err != nil {
		return err.Error()
	}
	return v
}

// settled is true when no search is running and the URL holds want.
func settled(param, want string) string {
	return fmt.Sprintf(`document.querySelector('#main')?.getAttribute('aria-busy') === 'false' &&
		new URLSearchParams(location.search).get(%q) === %q && document.querySelector('#total')?.textContent !== ''`, param, want)
}

// totalJS reads the number of hits from the total line ("٣٤ نتيجة في
// ١٢ ملّي ثانية"), in either kind of digits.
const totalJS = `(() => {
	const t = document.querySelector('#total').textContent;
	const words = {'لا نتائج': 0, 'نتيجة واحدة': 1, 'نتيجتان': 2};
	for (const [w, n] of Object.entries(words)) if (t.startsWith(w)) return n;
	const d = t.replace(/[٠-٩]/g, (c) => '٠١٢٣٤٥٦٧٨٩'.indexOf(c)).replace(/[٬,]/g, '').match(/\d+/);
	return d ? Number(d[0]) : -1;
})()`

// markInsideWord finds a highlighted word whose <mark> starts or ends
// next to an Arabic letter, which would cut the word and break its letter
// joining.
const markInsideWordJS = `(() => {
	const letter = /[\u0621-\u064A\u066E-\u06D3\u06FA-\u06FC]/;
	for (const m of document.querySelectorAll('#results mark')) {
		const before = m.previousSibling ? m.previousSibling.textContent : '';
		const after = m.nextSibling ? m.nextSibling.textContent : '';
		if ((before && letter.test(before.slice(-1))) || (after && letter.test(after[0]))) {
			return before.slice(-10) + '[' + m.textContent + ']' + after.slice(0, 10);
		}
	}
	return '';
})()`

func TestBrowserSearchPage(t *testing.T) {
	chromium := findChromium(t)
	base := startServer(t)
	ctx, cancelTab := openBrowser(t, chromium)
	defer cancelTab()

	// Everything the page writes to the console; an error fails the test.
	var (
		mu      sync.Mutex
		console []string
	)
	messages := chromedp.Console(ctx)
	consoleDone := make(chan struct{})
	go func() {
		defer close(consoleDone)
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.IsException() || m.Type == chromedp.ConsoleError {
				mu.Lock()
				console = append(console, m.String())
				mu.Unlock()
			}
		}
	}()

	p := page{t: t, ctx: ctx}

	// The start screen lists the latest articles.
	p.do("open the page", chromedp.Navigate(base))
	p.waitFor("the latest articles", `document.querySelectorAll('#results .hit').length === 10`)
	if p.eval(`document.querySelector('#empty').hidden ? 'hidden' : 'shown'`) != "shown" {
		t.Error("the start screen is hidden on a page with no query")
	}
	if got := p.eval(`document.documentElement.dir + ' ' + getComputedStyle(document.body).direction`); got != "rtl rtl" {
		t.Errorf("direction = %q, want rtl", got)
	}
	// The histogram writes each bar's count on it and names the periods
	// under the bars, not only the two ends.
	hist := p.eval(`(() => { const bars = [...document.querySelectorAll('#facet-dates .bar')];
		const counts = bars.filter((b) => b.querySelector('.bar-count')?.textContent.trim()).length;
		const ticks = [...document.querySelectorAll('#facet-dates .histogram-axis .tick')].filter((t) => t.textContent.trim()).length;
		return bars.length + ' ' + counts + ' ' + ticks; })()`)
	var nBars, nCounts, nTicks int
	if _, err := fmt.Sscan(hist, &nBars, &nCounts, &nTicks); err != nil || nBars < 2 || nCounts != nBars || nTicks < 3 {
		t.Errorf("histogram: %q bars, counts written, period labels; want every bar counted and at least 3 labels", hist)
	}
	// Facet labels keep to the page's start (right) side whatever their
	// script, away from their counts.
	if got := p.eval(`getComputedStyle(document.querySelector('.facet-value .label')).textAlign`); got != "right" {
		t.Errorf("facet label text-align %q, want right", got)
	}

	// The second page holds the rest of the articles.
	p.do("go to page 2", chromedp.Click(chromedp.CSS(`#pager button[data-page="2"]`)))
	p.waitFor("page 2", settled("page", "2"))
	if n, want := p.evalInt(`document.querySelectorAll('#results .hit').length`), len(browserArticles())-10; n != want {
		t.Errorf("page 2 shows %d hits, want %d", n, want)
	}
	if got := p.eval(`document.querySelector('#pager [aria-current=page]')?.dataset.page || ''`); got != "2" {
		t.Errorf("the pager marks page %q as current, want 2", got)
	}

	// Typing offers suggestions as a listbox the keyboard can walk.
	p.do("type a prefix", chromedp.Click(chromedp.CSS("#q")), chromedp.SendKeys(chromedp.CSS("#q"), "الانتخ"))
	p.waitFor("suggestions", `!document.querySelector('#suggestions').hidden &&
		document.querySelectorAll('#suggestions [role=option]').length > 0`)
	p.do("move down the suggestions", chromedp.KeyEvent(kb.ArrowDown))
	if got := p.eval(`document.querySelector('#q').getAttribute('aria-activedescendant') || ''`); got != "suggestion-0" {
		t.Errorf("after ArrowDown aria-activedescendant = %q, want suggestion-0", got)
	}
	p.do("close the suggestions", chromedp.KeyEvent(kb.Escape))
	if got := p.eval(`document.querySelector('#suggestions').hidden + ' ' + document.querySelector('#q').getAttribute('aria-expanded')`); got != "true false" {
		t.Errorf("after Escape the suggestions are not closed: hidden, aria-expanded = %s", got)
	}

	// Finishing the word searches as one types.
	const query = "الانتخابات"
	p.do("finish the word", chromedp.SendKeys(chromedp.CSS("#q"), "ابات"))
	p.waitFor("highlighted hits", settled("q", query)+` && document.querySelector('#results .hit-snippet mark') !== null`)
	total := p.evalInt(totalJS)
	if total < 5 || total >= len(browserArticles()) {
		t.Errorf("%s: page says %d hits, want between 5 and %d", query, total, len(browserArticles())-1)
	}
	if got := p.eval(`document.querySelector('#results .hit-snippet mark').textContent`); got != query {
		t.Errorf("the first highlighted word is %q, want %q", got, query)
	}
	if cut := p.eval(markInsideWordJS); cut != "" {
		t.Errorf("a <mark> cuts a word: %s", cut)
	}
	if got := p.eval(`(() => { const s = getComputedStyle(document.querySelector('#results mark'));
		return [s.paddingLeft, s.paddingRight, s.marginLeft, s.marginRight, s.letterSpacing].join(' '); })()`); got != "0px 0px 0px 0px normal" {
		t.Errorf("mark's padding, margins and letter spacing = %q, want none", got)
	}
	if n := p.evalInt(`document.querySelectorAll('#results .hit-title[dir=auto], #results .hit-snippet[dir=auto]').length`); n != 2*p.evalInt(`document.querySelectorAll('#results .hit').length`) {
		t.Errorf("%d titles and snippets have dir=auto, want all", n)
	}
	if n := p.evalInt(`document.querySelectorAll('#results script, #results img, #results [onerror]').length`); n != 0 {
		t.Errorf("results hold %d script or image elements", n)
	}

	// Clicking a country filters by it: the total becomes the country's count.
	// The first country that narrows the results.
	choice := p.eval(fmt.Sprintf(`(() => {
		for (const b of document.querySelectorAll('#facet-places [data-country]')) {
			const t = b.querySelector('.count').textContent;
			const n = Number(t.replace(/[٠-٩]/g, (c) => '٠١٢٣٤٥٦٧٨٩'.indexOf(c)).replace(/[٬,]/g, ''));
			if (n > 0 && n < %d) return b.dataset.country + ' ' + n;
		}
		return '';
	})()`, total))
	var country string
	var countryCount int
	if _, err := fmt.Sscan(choice, &country, &countryCount); err != nil {
		t.Fatalf("no country narrows the %d hits (%q); page: %s", total, choice, p.state())
	}
	p.do("click a country", chromedp.Click(chromedp.CSS(fmt.Sprintf(`#facet-places [data-country=%q]`, country))))
	p.waitFor("the country filter", settled("country", country))
	if got := p.evalInt(totalJS); got != countryCount {
		t.Errorf("after choosing %s the page says %d hits, want the facet's %d", country, got, countryCount)
	}
	if n := p.evalInt(`document.querySelectorAll('#chips .chip').length`); n != 1 {
		t.Errorf("%d filter chips after choosing a country, want 1", n)
	}
	if got := p.eval(`document.querySelector('#chips .chip button').getAttribute('aria-label')`); !strings.HasPrefix(got, "إزالة") {
		t.Errorf("the chip's button is labelled %q, want إزالة…", got)
	}

	// Clicking a histogram bar sets from and to to the bucket's range.
	bar := p.eval(`(() => { const b = document.querySelector('#facet-dates .bar');
		return b ? [b.dataset.from, b.dataset.to, b.dataset.count, b.getAttribute('aria-label')].join('|') : ''; })()`)
	parts := strings.Split(bar, "|")
	if len(parts) != 4 || parts[0] == "" || parts[1] == "" {
		t.Fatalf("no histogram bar with a range: %q; page: %s", bar, p.state())
	}
	from, to := parts[0], parts[1]
	if !strings.Contains(parts[3], ":") {
		t.Errorf("bar aria-label %q is not \"period: count\"", parts[3])
	}
	p.do("click a bar", chromedp.Click(chromedp.CSS(`#facet-dates .bar`)))
	p.waitFor("the date filter", settled("from", from)+fmt.Sprintf(` && new URLSearchParams(location.search).get('to') === %q`, to))
	dated := p.evalInt(totalJS)
	if dated <= 0 || dated > countryCount {
		t.Errorf("after choosing %s..%s the page says %d hits, want 1..%d", from, to, dated, countryCount)
	}
	// The histogram drills down into the chosen period: every bar lies
	// inside it and the bars add up to the hits.
	inside := p.eval(fmt.Sprintf(`(() => { let sum = 0, out = 0;
		for (const b of document.querySelectorAll('#facet-dates .bar')) {
			if (b.dataset.from < %q || b.dataset.to > %q) out++;
			sum += Number(b.dataset.count);
		}
		return sum + ' ' + out; })()`, from, to))
	var barSum, barsOutside int
	if _, err := fmt.Sscan(inside, &barSum, &barsOutside); err != nil || barsOutside != 0 || barSum != dated {
		t.Errorf("after choosing %s..%s the histogram has %d bars outside it and counts %d, want 0 and %d", from, to, barsOutside, barSum, dated)
	}
	u, err := url.Parse(p.eval(`location.href`))
	if err != nil {
		t.Fatal(err)
	}
	if got := u.Query(); got.Get("q") != query || got.Get("country") != country || got.Get("from") != from || got.Get("to") != to {
		t.Errorf("URL %s does not hold the whole state", u)
	}

	// The results page, as a reader sees it.
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	checkScreenshot(t, shot)

	// Back walks through the earlier states, Forward returns.
	p.do("go back", chromedp.NavigateBack())
	p.waitFor("the state before the date filter", settled("country", country)+` && !new URLSearchParams(location.search).has('from')`)
	if got := p.evalInt(totalJS); got != countryCount {
		t.Errorf("back to %s only: %d hits, want %d", country, got, countryCount)
	}
	p.do("go back again", chromedp.NavigateBack())
	p.waitFor("the query alone", settled("q", query)+` && !new URLSearchParams(location.search).has('country')`)
	if got := p.evalInt(totalJS); got != total {
		t.Errorf("back to the query alone: %d hits, want %d", got, total)
	}
	if got := p.eval(`document.querySelector('#q').value`); got != query {
		t.Errorf("the search box holds %q after Back, want %q", got, query)
	}
	if n := p.evalInt(`document.querySelectorAll('#chips .chip').length`); n != 0 {
		t.Errorf("%d chips after going back to no filters", n)
	}
	p.do("go forward", chromedp.NavigateForward())
	p.waitFor("the country again", settled("country", country))

	// Removing the chip removes the filter.
	p.do("remove the chip", chromedp.Click(chromedp.CSS(`#chips .chip button`)))
	p.waitFor("no country", settled("q", query)+` && !new URLSearchParams(location.search).has('country')`)

	// Newest first: the dates of the hits go down.
	p.do("sort newest first", chromedp.Evaluate[chromedp.Void](`(() => { const s = document.querySelector('#sort');
		s.value = 'newest'; s.dispatchEvent(new Event('change')); })()`))
	p.waitFor("newest first", settled("sort", "newest"))
	dates := p.eval(`[...document.querySelectorAll('#results .hit time')].map((t) => t.getAttribute('datetime')).join(' ')`)
	if ds := strings.Fields(dates); len(ds) < 2 || !slices.IsSortedFunc(ds, func(a, b string) int { return strings.Compare(b, a) }) {
		t.Errorf("newest first, the hits' dates are %v", ds)
	}

	// The place search box finds a city; choosing it filters by it.
	p.do("search for a place", chromedp.SendKeys(chromedp.CSS("#place-search"), "بيروت"))
	p.waitFor("places found", `document.querySelectorAll('#place-search-results [data-found]').length > 0`)
	found := p.eval(`document.querySelector('#place-search-results [data-found]').dataset.found`)
	param := "place"
	if len(found) == 2 {
		param = "country"
	}
	p.do("choose the place", chromedp.Click(chromedp.CSS(`#place-search-results [data-found]`)))
	p.waitFor("the place filter", settled(param, found))
	if n := p.evalInt(`document.querySelectorAll('#chips .chip').length`); n != 1 {
		t.Errorf("%d chips after choosing a place, want 1", n)
	}

	// Settings: Latin digits and Egypt's month names, kept after a reload.
	p.do("choose Latin digits and Egyptian months",
		chromedp.Click(chromedp.CSS("#settings-toggle")),
		chromedp.Click(chromedp.CSS(`#settings input[name=digits][value=latn]`)),
		chromedp.Click(chromedp.CSS(`#settings input[name=months][value=egypt]`)))
	const egyptDate = `/^[0-9]{1,2} (يناير|فبراير|مارس|أبريل|مايو|يونيو|يوليو|أغسطس|سبتمبر|أكتوبر|نوفمبر|ديسمبر) [0-9]{4}$/`
	dateOK := `[...document.querySelectorAll('#results .hit time')].every((t) => ` + egyptDate + `.test(t.textContent)) &&
		document.querySelectorAll('#results .hit time').length > 0`
	if got := p.eval(dateOK + ` ? '' : document.querySelector('#results .hit time')?.textContent || 'no dates'`); got != "" {
		t.Errorf("with Latin digits and Egyptian months a date reads %q", got)
	}
	p.do("reload", chromedp.Reload())
	p.waitFor("dates in the saved style", settled(param, found)+` && `+dateOK)

	// At phone width the facets fold into a panel behind a button.
	p.do("narrow the window", chromedp.EmulateViewport(390, 844))
	if got := p.eval(`getComputedStyle(document.querySelector('#facets')).display`); got != "none" {
		t.Errorf("at phone width the facets show (display %s)", got)
	}
	p.do("open the facets", chromedp.Click(chromedp.CSS("#facets-toggle")))
	if got := p.eval(`getComputedStyle(document.querySelector('#facets')).display + ' ' + document.querySelector('#facets-toggle').getAttribute('aria-expanded')`); got != "block true" {
		t.Errorf("after the toggle the facets' display and aria-expanded are %q", got)
	}
	phone, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	savePNG(t, "results-phone.png", phone)
	p.do("widen the window", chromedp.EmulateViewport(1280, 1000))

	// A bad request says what is wrong, in Arabic, quoting the value.
	p.do("open a bad URL", chromedp.Navigate(base+"?from=yesterday"))
	p.waitFor("the error", `!document.querySelector('#error').hidden`)
	if msg := p.eval(`document.querySelector('#error .error-message').textContent`); !strings.Contains(msg, "yesterday") {
		t.Errorf("error message %q does not quote the bad date", msg)
	}

	// A repaired query is explained in Arabic, and a query that means
	// nothing gets an Arabic error, not the API's English.
	p.do("search with a dangling OR", chromedp.Navigate(base+"?q="+url.QueryEscape("الانتخابات OR")))
	p.waitFor("the warning", `document.querySelector('#warnings li') !== null`)
	if got := p.eval(`document.querySelector('#warnings').textContent`); !strings.Contains(got, "أُهملت OR") || strings.Contains(got, "ignored") {
		t.Errorf("warning %q, want it in Arabic", got)
	}
	p.do("search for an operator alone", chromedp.Navigate(base+"?q="+url.QueryEscape("OR")))
	p.waitFor("the error", `!document.querySelector('#error').hidden`)
	if got := p.eval(`document.querySelector('#error').textContent`); !strings.Contains(got, "لا يبحث هذا الطلب عن شيء") || strings.Contains(got, "searches for nothing") {
		t.Errorf("error %q, want it in Arabic", got)
	}

	// A query nothing matches says so.
	p.do("search for nothing", chromedp.Navigate(base+"?q="+url.QueryEscape("زرافةمجنحة")))
	p.waitFor("no results", `!document.querySelector('#no-results').hidden`)
	if n := p.evalInt(`document.querySelectorAll('#results .hit').length`); n != 0 {
		t.Errorf("%d hits shown for a query nothing matches", n)
	}

	cancelTab()
	<-consoleDone
	mu.Lock()
	defer mu.Unlock()
	for _, m := range console {
		// The bad URL above is a 400 by design; the browser logs it.
		if strings.Contains(m, "400 (Bad Request)") {
			continue
		}
		t.Errorf("console: %s", m)
	}
}

// checkScreenshot saves the PNG and checks that it shows a real page:
// text, highlights and bars give many distinct colors.
func checkScreenshot(t *testing.T, shot []byte) {
	t.Helper()
	savePNG(t, "results.png", shot)
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatalf("decode the screenshot: %v", err)
	}
	colors := map[uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			colors[r>>8<<16|g>>8<<8|bl>>8] = true
		}
	}
	if len(colors) < 50 {
		t.Errorf("the screenshot has only %d colors: the page looks blank", len(colors))
	}
	if b.Dx() < 800 || b.Dy() < 600 {
		t.Errorf("the screenshot is %dx%d", b.Dx(), b.Dy())
	}
}

// savePNG writes a screenshot under the test's temporary directory, or
// under $FAHRAS_SCREENSHOT_DIR when set (to keep it after the test).
func savePNG(t *testing.T, name string, data []byte) {
	t.Helper()
	dir := os.Getenv("FAHRAS_SCREENSHOT_DIR")
	if dir == "" {
		dir = t.TempDir()
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatalf("save the screenshot: %v", err)
	}
	t.Logf("screenshot: %s", path)
}
