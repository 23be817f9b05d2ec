// fahras search page.
//
// The page's whole state (query, filters, sort, page) lives in the URL's
// query string: every user action builds the next state, pushes it to the
// history and runs the search; Back and Forward restore a state from the
// URL and run it again. Server strings are always inserted as text, except
// the highlighted title and snippet, which are inserted as HTML only after
// checking that their only tags are <mark> and </mark>.
(() => {
  'use strict';

  const API = document.body.dataset.api || '/api/v1';
  const PAGE_SIZE = 10;
  const MAX_WINDOW = 10000; // deepest hit reachable by page numbers
  const FACET_SIZE = 30;    // values asked for per facet
  const FACET_SHOWN = 6;    // values shown before "show more"
  const COUNTRIES_SHOWN = 8;
  const TYPING_DELAY = 250;
  const SUGGEST_DELAY = 120;
  const LIST_PARAMS = ['country', 'place', 'source', 'category', 'author'];
  const SETTINGS_KEY = 'fahras.settings';

  const MONTHS = {
    levant: ['كانون الثاني', 'شباط', 'آذار', 'نيسان', 'أيار', 'حزيران', 'تموز', 'آب', 'أيلول', 'تشرين الأول', 'تشرين الثاني', 'كانون الأول'],
    egypt: ['يناير', 'فبراير', 'مارس', 'أبريل', 'مايو', 'يونيو', 'يوليو', 'أغسطس', 'سبتمبر', 'أكتوبر', 'نوفمبر', 'ديسمبر'],
    maghreb: ['يناير', 'فبراير', 'مارس', 'أبريل', 'ماي', 'يونيو', 'يوليوز', 'غشت', 'شتنبر', 'أكتوبر', 'نونبر', 'دجنبر'],
    algeria: ['جانفي', 'فيفري', 'مارس', 'أفريل', 'ماي', 'جوان', 'جويلية', 'أوت', 'سبتمبر', 'أكتوبر', 'نوفمبر', 'ديسمبر'],
  };
  const DIGITS = {arab: '٠١٢٣٤٥٦٧٨٩', latn: '0123456789'};
  const PARAM_NAMES = {country: 'البلد', place: 'المكان', source: 'المصدر', category: 'القسم', author: 'الكاتب', date: 'التاريخ'};

  // Only these tags may come from the server inside highlighted fields.
  const SAFE_MARKUP = /^(?:[^<>]|<mark>|<\/mark>)*$/;

  const $ = (sel, root = document) => root.querySelector(sel);
  const ui = {
    form: $('#search-form'),
    q: $('#q'),
    suggestions: $('#suggestions'),
    main: $('#main'),
    resultsHeading: $('#results-heading'),
    total: $('#total'),
    sort: $('#sort'),
    collapse: $('#collapse'),
    chips: $('#chips'),
    dym: $('#did-you-mean'),
    warnings: $('#warnings'),
    error: $('#error'),
    errorMessage: $('#error .error-message'),
    retry: $('#retry'),
    empty: $('#empty'),
    noResults: $('#no-results'),
    results: $('#results'),
    pager: $('#pager'),
    facets: $('#facets'),
    facetsHeading: $('#facets-heading'),
    facetsToggle: $('#facets-toggle'),
    facetsClose: $('#facets-close'),
    dates: $('#facet-dates'),
    places: $('#facet-places'),
    placeSearch: $('#place-search'),
    placeResults: $('#place-search-results'),
    settings: $('#settings'),
    settingsToggle: $('#settings-toggle'),
    home: $('#home-link'),
  };

  // ---- Settings -------------------------------------------------------

  function loadSettings() {
    const s = {digits: 'arab', months: 'levant'};
    try {
      const saved = JSON.parse(localStorage.getItem(SETTINGS_KEY) || 'null');
      if (saved && DIGITS[saved.digits]) s.digits = saved.digits;
      if (saved && MONTHS[saved.months]) s.months = saved.months;
    } catch (_) {
      // Storage unavailable or corrupt: keep the defaults.
    }
    return s;
  }

  function saveSettings() {
    try {
      localStorage.setItem(SETTINGS_KEY, JSON.stringify(settings));
    } catch (_) {
      // Private browsing may refuse storage; the choice lasts this page.
    }
  }

  const settings = loadSettings();

  // ---- Numbers and dates ----------------------------------------------

  function digits(s) {
    if (settings.digits !== 'arab') return s;
    return s.replace(/[0-9]/g, (d) => DIGITS.arab[d]).replace(/,/g, '٬');
  }

  function num(n) {
    const s = String(Math.round(Number(n) || 0)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return digits(s);
  }

  // parseDay reads YYYY, YYYY-MM or YYYY-MM-DD (the start of an ISO date
  // or timestamp, in the article's own time zone).
  function parseDay(iso) {
    const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(iso || '');
    if (!m) return null;
    return {y: +m[1], m: m[2] ? +m[2] : 0, d: m[3] ? +m[3] : 0};
  }

  function monthName(m) {
    return MONTHS[settings.months][m - 1] || '';
  }

  function fmtDay(iso) {
    const p = parseDay(iso);
    if (!p) return iso || '';
    const parts = [];
    if (p.d) parts.push(digits(String(p.d)));
    if (p.m) parts.push(monthName(p.m));
    parts.push(digits(String(p.y)));
    return parts.join(' ');
  }

  function lastDayOfMonth(y, m) {
    return new Date(Date.UTC(y, m, 0)).getUTCDate();
  }

  function pad(n) {
    return String(n).padStart(2, '0');
  }

  // fmtSpan names a from/to filter as briefly as it can: a year, a month,
  // a day, one of the recent ranges, or "from … to …".
  function fmtSpan(from, to) {
    const range = lastRanges.find((r) => r.from === from && r.to === to);
    if (range) return rangeLabel(range.key);
    const a = parseDay(from);
    const b = parseDay(to);
    if (a && b && a.y === b.y) {
      if (from === `${a.y}-01-01` && to === `${a.y}-12-31`) return digits(String(a.y));
      if (a.m && a.m === b.m && a.d === 1 && b.d === lastDayOfMonth(b.y, b.m)) {
        return `${monthName(a.m)} ${digits(String(a.y))}`;
      }
      if (from === to) return fmtDay(from);
    }
    if (from && to) return `من ${fmtDay(from)} إلى ${fmtDay(to)}`;
    if (from) return `منذ ${fmtDay(from)}`;
    return `حتى ${fmtDay(to)}`;
  }

  function rangeLabel(key) {
    switch (key) {
      case '24h': return `آخر ${num(24)} ساعة`;
      case '7d': return `آخر ${num(7)} أيام`;
      case '30d': return `آخر ${num(30)} يوماً`;
      case '12m': return `آخر ${num(12)} شهراً`;
      default: return key;
    }
  }

  function resultsPhrase(n) {
    if (n === 0) return 'لا نتائج';
    if (n === 1) return 'نتيجة واحدة';
    if (n === 2) return 'نتيجتان';
    const r = n % 100;
    return `${num(n)} ${r >= 3 && r <= 10 ? 'نتائج' : 'نتيجة'}`;
  }

  function storiesPhrase(n, atLeast) {
    const words = n === 1 ? 'قصة واحدة' : n === 2 ? 'قصتين' : `${num(n)} ${n % 100 >= 3 && n % 100 <= 10 ? 'قصص' : 'قصة'}`;
    return atLeast ? `${words} على الأقل` : words;
  }

  function versionsPhrase(n) {
    if (n === 2) return 'نسختان';
    const r = n % 100;
    return `${num(n)} ${r >= 3 && r <= 10 ? 'نسخ' : 'نسخة'}`;
  }

  function tookPhrase(ms) {
    if (!(ms >= 0.5)) return 'في أقل من ملّي ثانية';
    return `في ${num(ms)} ملّي ثانية`;
  }

  // ---- State and the URL ----------------------------------------------

  function blankState() {
    return {q: '', from: '', to: '', sort: '', collapse: '', page: 1, country: [], place: [], source: [], category: [], author: []};
  }

  function stateFromURL(search) {
    const p = new URLSearchParams(search);
    const st = blankState();
    st.q = (p.get('q') || '').trim();
    st.from = p.get('from') || '';
    st.to = p.get('to') || '';
    const sort = p.get('sort') || '';
    st.sort = ['relevance', 'newest', 'oldest'].includes(sort) ? sort : '';
    st.collapse = p.get('collapse') === 'story' ? 'story' : '';
    const page = parseInt(p.get('page') || '1', 10);
    st.page = page > 0 ? page : 1;
    for (const k of LIST_PARAMS) {
      st[k] = [...new Set(p.getAll(k).filter((v) => v !== ''))];
    }
    return st;
  }

  function stateParams(st) {
    const p = new URLSearchParams();
    if (st.q) p.set('q', st.q);
    if (st.from) p.set('from', st.from);
    if (st.to) p.set('to', st.to);
    for (const k of LIST_PARAMS) {
      for (const v of st[k]) p.append(k, v);
    }
    if (st.sort) p.set('sort', st.sort);
    if (st.collapse) p.set('collapse', st.collapse);
    if (st.page > 1) p.set('page', String(st.page));
    return p;
  }

  function hasFilters(st) {
    return Boolean(st.from || st.to || LIST_PARAMS.some((k) => st[k].length));
  }

  function isStart(st) {
    return !st.q && !hasFilters(st);
  }

  function copyState(st) {
    const c = {...st};
    for (const k of LIST_PARAMS) c[k] = [...st[k]];
    return c;
  }

  let state = stateFromURL(location.search);
  // typingEntry is true while the current history entry was made by typing
  // in the search box: later keystrokes replace it instead of piling up.
  let typingEntry = false;

  function navigate(next, {typing = false} = {}) {
    const qs = stateParams(next).toString();
    const current = location.search.replace(/^\?/, '');
    if (qs !== current) {
      const url = qs ? `?${qs}` : location.pathname;
      if (typing && typingEntry) history.replaceState(null, '', url);
      else history.pushState(null, '', url);
    }
    typingEntry = typing;
    state = next;
    syncControls();
    runSearch();
  }

  // change applies an edit to a copy of the state and navigates to it;
  // any filter change goes back to the first page.
  function change(edit) {
    const next = copyState(state);
    next.page = 1;
    edit(next);
    navigate(next);
  }

  function toggleValue(param, value) {
    change((st) => {
      const i = st[param].indexOf(value);
      if (i >= 0) st[param].splice(i, 1);
      else st[param].push(value);
    });
  }

  function setDates(from, to) {
    change((st) => {
      if (st.from === from && st.to === to) {
        st.from = '';
        st.to = '';
      } else {
        st.from = from;
        st.to = to;
      }
    });
  }

  function syncControls() {
    if (ui.q.value.trim() !== state.q) ui.q.value = state.q;
    ui.sort.value = state.sort || (state.q ? 'relevance' : 'newest');
    ui.collapse.checked = state.collapse === 'story';
    document.title = state.q ? `${state.q} — فهرس` : 'فهرس — البحث في الأخبار';
    renderChips();
  }

  // ---- Talking to the server ------------------------------------------

  class APIError extends Error {}

  async function getJSON(path, params, signal) {
    let res;
    try {
      res = await fetch(`${API}/${path}?${params}`, {signal, headers: {Accept: 'application/json'}});
    } catch (err) {
      if (err && err.name === 'AbortError') throw err;
      throw new APIError('تعذّر الاتصال بالخادم. تحقّق من الاتصال ثم أعد المحاولة.');
    }
    let body = null;
    try {
      body = await res.json();
    } catch (err) {
      if (err && err.name === 'AbortError') throw err;
    }
    if (!res.ok) {
      const e = body && body.error ? body.error : {};
      const text = errorText[typeof e.code === 'string' ? e.code : ''];
      const value = typeof e.param === 'string' ? params.get(e.param) || '' : '';
      const msg = typeof text === 'function' ? text(value) : text;
      throw new APIError(msg || `تعذّر تنفيذ الطلب: ردّ الخادم بالرمز ${res.status}.`);
    }
    if (!body || typeof body !== 'object') throw new APIError('ردّ الخادم بما لا يُفهم.');
    return body;
  }

  // The API's error codes are stable; the page says them in Arabic.
  const errorText = {
    empty_query: 'لا يبحث هذا الطلب عن شيء: اكتب كلمة من حرفين على الأقل (تُهمل الكلمات الشائعة مثل «في» و«من» وحدها).',
    too_long: 'البحث أطول مما يُقبل؛ اختصره.',
    too_many_terms: 'في البحث كلمات أكثر مما يُقبل؛ اختصره.',
    query_too_broad: 'البادئة أو الكلمة التقريبية تطابق كلمات كثيرة جدًا؛ أطلها بحرف أو أكثر.',
    invalid_date: (v) => `التاريخ «${v}» غير صحيح أو غير موجود في التقويم؛ اكتبه بالصيغة 2024-02-29.`,
    invalid_cursor: 'انتهت صلاحية رابط الصفحة التالية؛ ابدأ البحث من جديد.',
    page_too_deep: 'لا يمكن الوصول إلى صفحة بهذا العمق؛ ضيّق البحث.',
    timeout: 'استغرق البحث وقتًا أطول من المسموح؛ ضيّق البحث وأعد المحاولة.',
    rate_limited: 'طلبات كثيرة في وقت قصير؛ انتظر قليلًا ثم أعد المحاولة.',
    not_ready: 'الفهرس قيد التحميل؛ أعد المحاولة بعد لحظات.',
    internal: 'حدث خطأ في الخادم؛ أعد المحاولة لاحقًا.',
  };

  function isAbort(err) {
    return err && err.name === 'AbortError';
  }

  let searchCtl = null;
  let lastResult = null;
  let lastRanges = [];

  async function runSearch() {
    if (searchCtl) searchCtl.abort();
    const ctl = new AbortController();
    searchCtl = ctl;
    const params = stateParams(state);
    params.set('size', String(PAGE_SIZE));
    params.set('facet_size', String(FACET_SIZE));
    ui.main.setAttribute('aria-busy', 'true');
    try {
      const result = await getJSON('search', params, ctl.signal);
      if (ctl !== searchCtl) return;
      lastResult = result;
      renderResult(result);
    } catch (err) {
      if (isAbort(err) || ctl !== searchCtl) return;
      renderError(err instanceof APIError ? err.message : 'حدث خطأ غير متوقع.');
    } finally {
      if (ctl === searchCtl) {
        ui.main.setAttribute('aria-busy', 'false');
        searchCtl = null;
      }
    }
  }

  // ---- Small DOM helpers ----------------------------------------------

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    if (attrs) {
      for (const [k, v] of Object.entries(attrs)) {
        if (v === undefined || v === null || v === false) continue;
        if (k === 'class') e.className = v;
        else if (k === 'text') e.textContent = v;
        else if (k === 'dataset') Object.assign(e.dataset, v);
        else e.setAttribute(k, v === true ? '' : String(v));
      }
    }
    for (const c of children) {
      if (c === null || c === undefined || c === false) continue;
      e.append(c);
    }
    return e;
  }

  const SVG_NS = 'http://www.w3.org/2000/svg';

  function icon(pathD) {
    const svg = document.createElementNS(SVG_NS, 'svg');
    svg.setAttribute('viewBox', '0 0 16 16');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    const path = document.createElementNS(SVG_NS, 'path');
    path.setAttribute('d', pathD);
    path.setAttribute('fill', 'none');
    path.setAttribute('stroke', 'currentColor');
    path.setAttribute('stroke-width', '2');
    path.setAttribute('stroke-linecap', 'round');
    path.setAttribute('stroke-linejoin', 'round');
    svg.append(path);
    return svg;
  }
  const CROSS = 'M4 4l8 8M12 4l-8 8';
  const CHEVRON = 'M4 6l4 4 4-4';

  // setHighlighted fills el with server HTML if its only tags are <mark>
  // and </mark> (the text in it is escaped by the server), and otherwise
  // with its plain text, so nothing else the server sends becomes markup.
  function setHighlighted(e, html, plain) {
    if (typeof html === 'string' && html !== '') {
      if (SAFE_MARKUP.test(html)) {
        e.innerHTML = html;
      } else {
        // An inert document: nothing in it loads or runs.
        e.textContent = new DOMParser().parseFromString(html, 'text/html').body.textContent || '';
      }
      return;
    }
    e.textContent = typeof plain === 'string' ? plain : '';
  }

  function countEl(n) {
    return el('span', {class: 'count', text: num(n)});
  }

  function safeURL(u) {
    if (typeof u !== 'string' || u === '') return '';
    try {
      const parsed = new URL(u, location.href);
      return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : '';
    } catch (_) {
      return '';
    }
  }

  // ---- Labels for filter values ----------------------------------------

  // Place names learnt from facets, hits and place searches, so that a
  // chip reads "العراق" rather than "IQ".
  const labels = new Map();

  function learnPlace(p) {
    if (!p || !p.id || !p.name) return;
    labels.set(`place:${p.id}`, p.name);
    if (p.level === 'country') labels.set(`country:${p.country || p.id}`, p.name);
  }

  function learnTree(nodes) {
    for (const n of nodes || []) {
      learnPlace(n);
      learnTree(n.children);
    }
  }

  function valueLabel(param, value) {
    return labels.get(`${param}:${value}`) || value;
  }

  // ---- Rendering the result --------------------------------------------

  function renderError(message) {
    ui.errorMessage.textContent = message;
    ui.error.hidden = false;
    ui.results.replaceChildren();
    ui.pager.hidden = true;
    ui.noResults.hidden = true;
    ui.dym.hidden = true;
    ui.total.textContent = '';
  }

  function renderResult(r) {
    ui.error.hidden = true;
    const hits = Array.isArray(r.hits) ? r.hits : [];
    const total = Number(r.total) || 0;
    for (const h of hits) {
      for (const p of h.places || []) learnPlace(p);
    }
    if (r.facets) {
      learnTree(r.facets.places);
      lastRanges = (r.facets.dates && r.facets.dates.ranges) || [];
    }

    // A total that is a lower bound ("gte") reads "N or more".
    const atLeast = r.total_relation === 'gte' ? ' أو أكثر' : '';
    const stories = r.stories && Number(r.stories.count) >= 0 ? r.stories : null;
    ui.total.textContent = stories
      ? `${resultsPhrase(total)}${atLeast} في ${storiesPhrase(Number(stories.count), stories.relation === 'gte')} ${tookPhrase(Number(r.took_ms))}`
      : `${resultsPhrase(total)}${atLeast} ${tookPhrase(Number(r.took_ms))}`;
    ui.empty.hidden = !isStart(state);
    ui.noResults.hidden = total > 0 || isStart(state);
    $('.no-results-query', ui.noResults).textContent = state.q ? `«${state.q}»` : 'عوامل التصفية المختارة';

    renderDidYouMean(r.did_you_mean);
    renderWarnings(r.warnings);
    ui.results.replaceChildren(...hits.map(renderHit));
    ui.results.setAttribute('start', String((state.page - 1) * PAGE_SIZE + 1));
    // Collapsed, the pages are pages of stories; "gte" means more may
    // follow the ones counted.
    renderPager(stories ? Number(stories.count) + (stories.relation === 'gte' ? PAGE_SIZE : 0) : total);
    renderFacets(r.facets);
    renderChips();
  }

  function renderDidYouMean(text) {
    if (typeof text !== 'string' || text === '' || text === state.q) {
      ui.dym.hidden = true;
      return;
    }
    const next = copyState(state);
    next.q = text;
    next.page = 1;
    const a = $('a', ui.dym);
    a.textContent = text;
    a.setAttribute('dir', 'auto');
    a.href = `?${stateParams(next)}`;
    ui.dym.hidden = false;
  }

  // The engine's warnings carry stable codes; the page says them in Arabic.
  const warningText = {
    unbalanced_quote: 'علامة اقتباس بلا إغلاق: قُرئ باقي البحث عبارةً واحدة',
    empty_phrase: 'أُهملت عبارة فارغة بين علامتي اقتباس',
    empty_scope: 'أُهمل حقل بلا كلمة بعده (مثل title:)',
    short_prefix: 'البحث بالبادئة يحتاج حرفين على الأقل قبل *: أُهملت الكلمة',
    lone_wildcard: 'أُهملت علامة * منفردة',
    lone_fuzzy: 'أُهملت علامة ~ منفردة',
    fuzzy_clamped: 'خُفّضت درجة التقريب إلى 2',
    prefix_and_fuzzy: 'لا تجتمع * و~ في كلمة واحدة: أُهملت ~',
    dangling_or: 'أُهملت OR بلا كلمة على أحد جانبيها',
    negated_or: 'لا تربط OR كلمة مستبعدة: أُهملت OR',
  };

  function renderWarnings(warnings) {
    const list = Array.isArray(warnings) ? warnings.filter((w) => w && typeof w.code === 'string') : [];
    ui.warnings.replaceChildren(...list.map((w) => el('li', {text: warningText[w.code] || 'أُهمل جزء من البحث لا يُفهم'})));
    ui.warnings.hidden = list.length === 0;
  }

  function renderHit(h) {
    const li = el('li', {class: 'hit', dataset: {id: h.id || ''}});

    const title = el('h3', {class: 'hit-title', dir: 'auto'});
    const href = safeURL(h.url);
    const titleText = el(href ? 'a' : 'span', href ? {href, rel: 'noopener noreferrer'} : null);
    setHighlighted(titleText, h.highlights && h.highlights.title, h.title || 'بلا عنوان');
    title.append(titleText);
    li.append(title);

    const meta = el('p', {class: 'hit-meta'});
    if (h.published) {
      meta.append(el('time', {class: 'hit-date', datetime: h.published, text: fmtDay(h.published)}));
    } else if (h.published_text) {
      meta.append(el('bdi', {class: 'hit-date', text: h.published_text}));
    }
    if (h.source) meta.append(el('bdi', {class: 'hit-source', text: h.source}));
    if (h.category) meta.append(el('bdi', {class: 'hit-category', text: h.category}));
    if (h.author) meta.append(el('bdi', {class: 'hit-author', text: h.author}));
    if (meta.childElementCount) li.append(meta);

    const snippet = el('p', {class: 'hit-snippet', dir: 'auto'});
    setHighlighted(snippet, h.snippet || (h.highlights && h.highlights.body), '');
    li.append(snippet);

    const places = uniquePlaces(h);
    if (places.length) {
      li.append(el('ul', {class: 'hit-places', 'aria-label': 'الأماكن'},
        ...places.map((p) => el('li', null, placeChip(p, h.dateline)))));
    }
    const group = h.collapsed;
    if (group && typeof group.id === 'string' && Number(group.versions) > 1) li.append(storyBox(group));
    return li;
  }

  // storyBox is a collapsed story's line: how many versions match and
  // from which outlets, and a button that lists every version of the
  // story (GET /stories/{id}) by time and outlet.
  function storyBox(group) {
    const box = el('div', {class: 'hit-story', dataset: {story: group.id}});
    const sources = (Array.isArray(group.sources) ? group.sources : []).filter((b) => b && typeof b.value === 'string');
    const listID = `story-${group.id}`;
    const button = el('button', {type: 'button', class: 'story-toggle quiet', 'aria-expanded': 'false', 'aria-controls': listID,
      text: `${versionsPhrase(Number(group.versions))} من هذا الخبر`});
    const outlets = el('span', {class: 'story-sources'}, ...sources.map((b) => el('bdi', {text: b.value})));
    const list = el('ol', {class: 'story-versions', id: listID, hidden: ''});
    box.append(button, outlets, list);
    let loaded = false;
    button.addEventListener('click', async () => {
      const open = button.getAttribute('aria-expanded') !== 'true';
      button.setAttribute('aria-expanded', String(open));
      list.hidden = !open;
      if (!open || loaded) return;
      list.replaceChildren(el('li', {class: 'story-loading', text: 'جارٍ التحميل…'}));
      try {
        const st = await getJSON(`stories/${encodeURIComponent(group.id)}`, new URLSearchParams());
        loaded = true;
        const versions = Array.isArray(st.versions) ? st.versions : [];
        list.replaceChildren(...versions.map(versionItem));
      } catch (err) {
        list.replaceChildren(el('li', {class: 'story-error', text: err instanceof APIError ? err.message : 'تعذّر تحميل نسخ الخبر.'}));
      }
    });
    return box;
  }

  function versionItem(v) {
    const li = el('li', {class: 'story-version', dataset: {id: v.id || ''}});
    if (v.published) li.append(el('time', {datetime: v.published, text: fmtTime(v.published)}));
    if (v.source) li.append(el('bdi', {class: 'hit-source', text: v.source}));
    const href = safeURL(v.url);
    li.append(el(href ? 'a' : 'span', href ? {href, rel: 'noopener noreferrer', dir: 'auto', text: v.title || 'بلا عنوان'} : {dir: 'auto', text: v.title || 'بلا عنوان'}));
    return li;
  }

  // fmtTime is the day and the time of day as the article gives them (in
  // its own time zone, as fmtDay reads the day).
  function fmtTime(iso) {
    const m = /T(\d{2}):(\d{2})/.exec(iso || '');
    return m ? `${fmtDay(iso)} ${digits(`${m[1]}:${m[2]}`)}` : fmtDay(iso);
  }

  function uniquePlaces(h) {
    const seen = new Set();
    const out = [];
    const all = [h.dateline, ...(h.places || [])];
    for (const p of all) {
      // A dateline city the gazetteer lacks has no id, only its name as
      // written and its country.
      const key = p && (p.id || (p.unresolved && p.country && `${p.name}@${p.country}`));
      if (!key || !p.name || seen.has(key)) continue;
      seen.add(key);
      out.push(p);
    }
    return out.slice(0, 8);
  }

  function placeChip(p, dateline) {
    const unresolved = !p.id;
    const isDateline = dateline && (unresolved ? dateline.unresolved && dateline.name === p.name : dateline.id === p.id);
    const byCountry = p.level === 'country' || unresolved;
    let title = isDateline ? 'مكان الإرسال — اضغط للتصفية' : 'اضغط للتصفية بهذا المكان';
    if (unresolved) title = 'مكان الإرسال، خارج المعجم — اضغط للتصفية ببلده';
    const b = el('button', {
      type: 'button',
      class: `place-chip${isDateline ? ' dateline' : ''}`,
      title,
      dataset: byCountry ? {filterCountry: p.country || p.id} : {filterPlace: p.id},
    }, el('bdi', {text: p.name}));
    return b;
  }

  function renderPager(total) {
    const last = Math.max(1, Math.ceil(Math.min(total, MAX_WINDOW) / PAGE_SIZE));
    if (total <= PAGE_SIZE && state.page === 1) {
      ui.pager.hidden = true;
      ui.pager.replaceChildren();
      return;
    }
    const cur = state.page;
    const items = [];
    const pageButton = (n, label, aria) => el('button', {
      type: 'button',
      dataset: {page: String(n)},
      'aria-label': aria || `الصفحة ${num(n)}`,
      'aria-current': n === cur && !label ? 'page' : null,
      text: label || num(n),
    });
    if (cur > 1) items.push(pageButton(cur - 1, 'السابق', 'الصفحة السابقة'));
    const numbers = new Set([1, last]);
    for (let n = Math.max(1, cur - 2); n <= Math.min(last, cur + 2); n++) numbers.add(n);
    for (let n = 1; n <= Math.min(last, 5); n++) numbers.add(n);
    let prev = 0;
    for (const n of [...numbers].sort((a, b) => a - b)) {
      if (n - prev > 1) items.push(el('span', {class: 'gap', 'aria-hidden': 'true', text: '…'}));
      items.push(pageButton(n));
      prev = n;
    }
    if (cur < last) items.push(pageButton(cur + 1, 'التالي', 'الصفحة التالية'));
    ui.pager.replaceChildren(...items);
    ui.pager.hidden = false;
  }

  // ---- Facets ------------------------------------------------------------

  // What the reader opened or closed, kept across searches.
  const expandedPlaces = new Map();
  const moreShown = new Set();

  function renderFacets(f) {
    ui.facets.dataset.loaded = f ? 'true' : 'false';
    renderDates(f ? f.dates : null);
    renderPlaces(f ? f.places : []);
    renderList('source', $('#facet-sources'), f ? f.sources : []);
    renderList('category', $('#facet-categories'), f ? f.categories : []);
    renderList('author', $('#facet-authors'), f ? f.authors : []);
  }

  function facetButton(label, count, pressed, data) {
    return el('button', {type: 'button', class: 'facet-value', 'aria-pressed': pressed ? 'true' : 'false', dataset: data},
      el('bdi', {class: 'label', text: label}), countEl(count));
  }

  function renderDates(df) {
    const ranges = $('.ranges', ui.dates);
    const hist = $('.histogram', ui.dates);
    const axis = $('.histogram-axis', ui.dates);
    const buckets = df && Array.isArray(df.buckets) ? df.buckets : [];
    const rs = df && Array.isArray(df.ranges) ? df.ranges : [];

    ranges.replaceChildren(...rs.map((r) => el('li', null,
      facetButton(rangeLabel(r.key), r.count, state.from === r.from && state.to === r.to,
        {from: r.from, to: r.to, range: r.key}))));

    const interval = df && df.interval;
    const max = Math.max(1, ...buckets.map((b) => Number(b.count) || 0));
    const line = withGaps(buckets, interval);
    // Counts are written on the bars while they fit; the axis names every
    // bar's period, or every few when there are many.
    const showCounts = line.length <= 24;
    const every = Math.max(1, Math.ceil(line.length / 8));
    hist.replaceChildren(...line.map((b) => {
      if (!b) return el('span', {class: 'bar-gap', 'aria-hidden': 'true'});
      const label = `${fmtKey(b.key, interval)}: ${num(b.count)}`;
      const fill = el('span', {class: 'fill'}, showCounts ? el('span', {class: 'bar-count', text: num(b.count)}) : null);
      fill.style.height = `${Math.max(2, ((Number(b.count) || 0) / max) * 100)}%`;
      return el('button', {
        type: 'button',
        class: 'bar',
        'aria-label': label,
        title: label,
        'aria-pressed': state.from === b.from && state.to === b.to ? 'true' : 'false',
        dataset: {key: b.key, from: b.from, to: b.to, count: String(b.count)},
      }, fill);
    }));
    let prev = null;
    axis.replaceChildren(...line.map((b, i) => {
      const text = b && (i % every === 0 || i === line.length - 1) ? axisLabel(b.key, interval, prev) : '';
      if (text) prev = b.key;
      return el('span', {class: 'tick', text});
    }));
    hist.hidden = buckets.length === 0;
    axis.hidden = buckets.length === 0;
    ui.dates.hidden = buckets.length === 0 && rs.length === 0 && !state.from && !state.to;
  }

  // withGaps puts a null between two buckets for every year, month or day
  // with no articles, so the bars read as a time line; a long line is left
  // as it is.
  function withGaps(buckets, interval) {
    const step = {year: nextYear, month: nextMonth, day: nextDay}[interval];
    if (!step || buckets.length < 2) return buckets;
    const out = [];
    for (let i = 0; i < buckets.length; i++) {
      out.push(buckets[i]);
      if (i + 1 === buckets.length) break;
      let k = step(buckets[i].key);
      while (k && k < buckets[i + 1].key) {
        out.push(null);
        if (out.length > 120) return buckets;
        k = step(k);
      }
    }
    return out;
  }

  function nextYear(key) {
    const p = parseDay(key);
    return p ? String(p.y + 1) : '';
  }

  function nextMonth(key) {
    const p = parseDay(key);
    if (!p || !p.m) return '';
    return p.m === 12 ? `${p.y + 1}-01` : `${p.y}-${pad(p.m + 1)}`;
  }

  function nextDay(key) {
    const p = parseDay(key);
    if (!p || !p.d) return '';
    const t = new Date(Date.UTC(p.y, p.m - 1, p.d + 1));
    return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
  }

  // axisLabel names a bar's period briefly: the year of a year; the month
  // of a month, with its year on the first label and in January; the day
  // of a day, with its month on the first label and on the 1st.
  function axisLabel(key, interval, prevKey) {
    const p = parseDay(key);
    if (!p) return key;
    const prev = prevKey ? parseDay(prevKey) : null;
    if (interval === 'year' || !p.m) return digits(String(p.y));
    if (interval === 'month' || !p.d) {
      const year = !prev || prev.y !== p.y;
      return year ? `${monthName(p.m)} ${digits(String(p.y))}` : monthName(p.m);
    }
    const month = !prev || prev.m !== p.m;
    return month ? `${digits(String(p.d))} ${monthName(p.m)}` : digits(String(p.d));
  }

  function fmtKey(key, interval) {
    const p = parseDay(key);
    if (!p) return key;
    if (interval === 'year' || !p.m) return digits(String(p.y));
    return fmtDay(key);
  }

  function renderPlaces(nodes) {
    const tree = $('.tree', ui.places);
    const list = Array.isArray(nodes) ? nodes : [];
    const single = list.length === 1;
    const items = list.map((n) => placeItem(n, single));
    const more = addShowMore(items, COUNTRIES_SHOWN, 'places');
    tree.replaceChildren(...items);
    const old = $('.more', ui.places);
    if (old) old.remove();
    if (more) tree.after(more);
    if (!list.length) tree.replaceChildren(el('li', {class: 'empty-facet', text: 'لا أماكن في هذه النتائج'}));
  }

  function selectedPlace(n) {
    if (n.level === 'country') return state.country.includes(n.country || n.id) || state.place.includes(n.id);
    return state.place.includes(n.id);
  }

  function hasSelectedInside(n) {
    return (n.children || []).some((c) => selectedPlace(c) || hasSelectedInside(c));
  }

  function placeItem(n, openByDefault) {
    const children = Array.isArray(n.children) ? n.children : [];
    const open = expandedPlaces.has(n.id)
      ? expandedPlaces.get(n.id)
      : openByDefault || selectedPlace(n) || hasSelectedInside(n);
    const data = n.level === 'country' ? {country: n.country || n.id} : {place: n.id};
    const value = facetButton(n.name || n.id, n.count, selectedPlace(n), data);
    value.dataset.level = n.level || '';
    if (n.name_en) value.title = n.name_en;

    const row = el('div', {class: 'node'});
    const li = el('li', null, row);
    if (children.length) {
      const sub = el('ul', {role: 'list'}, ...children.map((c) => placeItem(c, false)));
      sub.hidden = !open;
      const toggle = el('button', {
        type: 'button',
        class: 'toggle',
        'aria-expanded': open ? 'true' : 'false',
        'aria-label': `${open ? 'إخفاء' : 'عرض'} ما في ${n.name || n.id}`,
        dataset: {toggle: n.id},
      }, icon(CHEVRON));
      row.append(toggle, value);
      li.append(sub);
    } else {
      row.append(el('span', {class: 'toggle-spacer', 'aria-hidden': 'true'}), value);
    }
    return li;
  }

  // addShowMore hides the items beyond shown (unless the reader asked to
  // see them) and returns the "show more" button, or null.
  function addShowMore(items, shown, key) {
    if (items.length <= shown) return null;
    const open = moreShown.has(key);
    items.forEach((it, i) => {
      if (i >= shown) it.hidden = !open;
    });
    return el('button', {
      type: 'button',
      class: 'more linklike',
      'aria-expanded': open ? 'true' : 'false',
      dataset: {more: key},
      text: open ? 'عرض أقل' : `عرض المزيد (${num(items.length - shown)})`,
    });
  }

  function renderList(param, section, buckets) {
    const list = $('.facet-list', section);
    const values = Array.isArray(buckets) ? buckets.filter((b) => b && b.value) : [];
    const present = new Set(values.map((b) => b.value));
    // A chosen value the counts left out stays visible, so it can be unticked.
    for (const v of state[param]) {
      if (!present.has(v)) values.unshift({value: v, count: 0});
    }
    const items = values.map((b) => el('li', null,
      facetButton(b.value, b.count, state[param].includes(b.value), {param, value: b.value})));
    const more = addShowMore(items, FACET_SHOWN, param);
    list.replaceChildren(...items);
    const old = $('.more', section);
    if (old) old.remove();
    if (more) list.after(more);
    section.hidden = values.length === 0;
  }

  // ---- Active filter chips ---------------------------------------------

  function renderChips() {
    const chips = [];
    const chip = (param, value, name, label) => el('span', {class: 'chip', dataset: {param, value}},
      el('span', {class: 'chip-name', text: `${name}:`}),
      el('bdi', {text: label}),
      el('button', {type: 'button', 'aria-label': `إزالة: ${name} ${label}`, title: 'إزالة', dataset: {remove: param, value}},
        icon(CROSS)));
    if (state.from || state.to) {
      chips.push(chip('date', '', PARAM_NAMES.date, fmtSpan(state.from, state.to)));
    }
    for (const k of LIST_PARAMS) {
      for (const v of state[k]) chips.push(chip(k, v, PARAM_NAMES[k], valueLabel(k, v)));
    }
    if (chips.length > 1) {
      chips.push(el('button', {type: 'button', class: 'linklike', id: 'clear-filters', text: 'إزالة كل عوامل التصفية'}));
    }
    ui.chips.replaceChildren(...chips);
    ui.chips.hidden = chips.length === 0;
  }

  function removeFilter(param, value) {
    change((st) => {
      if (param === 'date') {
        st.from = '';
        st.to = '';
      } else if (LIST_PARAMS.includes(param)) {
        st[param] = st[param].filter((v) => v !== value);
      }
    });
  }

  // ---- Suggestions (ARIA combobox) ---------------------------------------

  let suggestCtl = null;
  let suggestTimer = 0;
  let typingTimer = 0;
  let suggestions = [];
  let active = -1;

  function openSuggestions(list) {
    suggestions = list;
    active = -1;
    ui.suggestions.replaceChildren(...list.map((s, i) => el('li', {
      id: `suggestion-${i}`,
      role: 'option',
      'aria-selected': 'false',
      dataset: {index: String(i)},
    },
    el('bdi', {text: s.text}),
    el('span', {class: 'kind', text: s.kind === 'title' ? 'عنوان مقال' : 'كلمة'}))));
    const show = list.length > 0;
    ui.suggestions.hidden = !show;
    ui.q.setAttribute('aria-expanded', show ? 'true' : 'false');
    ui.q.removeAttribute('aria-activedescendant');
  }

  function closeSuggestions() {
    if (suggestCtl) suggestCtl.abort();
    clearTimeout(suggestTimer);
    openSuggestions([]);
  }

  function setActive(i) {
    const items = ui.suggestions.children;
    if (!items.length) return;
    active = (i + items.length) % items.length;
    for (const [j, it] of [...items].entries()) it.setAttribute('aria-selected', j === active ? 'true' : 'false');
    ui.q.setAttribute('aria-activedescendant', items[active].id);
    items[active].scrollIntoView({block: 'nearest'});
  }

  async function fetchSuggestions() {
    const typed = ui.q.value.trim();
    if (suggestCtl) suggestCtl.abort();
    if (!typed) {
      openSuggestions([]);
      return;
    }
    const ctl = new AbortController();
    suggestCtl = ctl;
    try {
      const body = await getJSON('suggest', new URLSearchParams({q: typed}), ctl.signal);
      if (ctl !== suggestCtl || document.activeElement !== ui.q || ui.q.value.trim() !== typed) return;
      const list = Array.isArray(body.suggestions) ? body.suggestions : [];
      openSuggestions(list.filter((s) => s && typeof s.text === 'string' && s.text !== typed).slice(0, 8));
    } catch (err) {
      // Suggestions are a convenience: a failure just shows none.
      if (!isAbort(err) && ctl === suggestCtl) openSuggestions([]);
    }
  }

  function chooseSuggestion(i) {
    const s = suggestions[i];
    if (!s) return;
    ui.q.value = s.text;
    closeSuggestions();
    submitQuery();
  }

  function submitQuery() {
    clearTimeout(typingTimer);
    const q = ui.q.value.trim();
    if (q === state.q && !typingEntry) {
      runSearch();
      return;
    }
    const next = copyState(state);
    next.q = q;
    next.page = 1;
    // Enter on a query typed so far keeps the entry typing made.
    navigate(next, {typing: typingEntry});
    typingEntry = false;
  }

  function typedQuery() {
    const q = ui.q.value.trim();
    if (q === state.q) return;
    const next = copyState(state);
    next.q = q;
    next.page = 1;
    navigate(next, {typing: true});
  }

  ui.q.addEventListener('input', () => {
    clearTimeout(typingTimer);
    clearTimeout(suggestTimer);
    typingTimer = setTimeout(typedQuery, TYPING_DELAY);
    suggestTimer = setTimeout(fetchSuggestions, SUGGEST_DELAY);
  });

  ui.q.addEventListener('keydown', (e) => {
    const open = !ui.suggestions.hidden;
    switch (e.key) {
      case 'ArrowDown':
        if (open) {
          e.preventDefault();
          setActive(active + 1);
        } else if (ui.q.value.trim()) {
          e.preventDefault();
          fetchSuggestions();
        }
        break;
      case 'ArrowUp':
        if (open) {
          e.preventDefault();
          setActive(active <= 0 ? suggestions.length - 1 : active - 1);
        }
        break;
      case 'Enter':
        if (open && active >= 0) {
          e.preventDefault();
          chooseSuggestion(active);
        }
        break;
      case 'Escape':
        if (open) {
          e.preventDefault();
          closeSuggestions();
        }
        break;
      case 'Tab':
        closeSuggestions();
        break;
      default:
    }
  });

  ui.q.addEventListener('blur', () => closeSuggestions());
  // Keep the focus in the box while an option is clicked.
  ui.suggestions.addEventListener('mousedown', (e) => e.preventDefault());
  ui.suggestions.addEventListener('click', (e) => {
    const li = e.target.closest('[role="option"]');
    if (li) chooseSuggestion(Number(li.dataset.index));
  });

  ui.form.addEventListener('submit', (e) => {
    e.preventDefault();
    closeSuggestions();
    submitQuery();
  });

  // ---- Place search --------------------------------------------------------

  let placeCtl = null;
  let placeTimer = 0;

  async function searchPlaces() {
    const prefix = ui.placeSearch.value.trim();
    if (placeCtl) placeCtl.abort();
    if (!prefix) {
      ui.placeResults.replaceChildren();
      return;
    }
    const ctl = new AbortController();
    placeCtl = ctl;
    // The facet value search takes the query and the filters only.
    const params = stateParams(state);
    params.delete('page');
    params.delete('sort');
    params.set('prefix', prefix);
    params.set('size', '10');
    try {
      const body = await getJSON('facets/places', params, ctl.signal);
      if (ctl !== placeCtl) return;
      const values = Array.isArray(body.values) ? body.values.filter((v) => v && v.id) : [];
      for (const v of values) {
        if (v.name) {
          labels.set(`place:${v.id}`, v.name);
          if (v.level === 'country') labels.set(`country:${v.id}`, v.name);
        }
      }
      ui.placeResults.replaceChildren(...(values.length
        ? values.map((v) => {
          const b = facetButton(v.name || v.id, v.count,
            state.place.includes(v.id) || state.country.includes(v.id), {found: v.id});
          $('.label', b).after(el('span', {class: 'level', text: placeLevel(v.id)}));
          return el('li', null, b);
        })
        : [el('li', {class: 'empty-facet', text: 'لا أماكن بهذا الاسم في النتائج'})]));
    } catch (err) {
      if (isAbort(err) || ctl !== placeCtl) return;
      ui.placeResults.replaceChildren(el('li', {class: 'empty-facet', text: err.message}));
    }
  }

  // placeLevel names the kind of place a gazetteer ID stands for: "IQ" is
  // a country, "IQ-BG" a first-level division, anything else a city.
  function placeLevel(id) {
    if (/^[A-Z]{2}$/.test(id)) return 'بلد';
    const country = valueLabel('country', id.slice(0, 2));
    if (/^[A-Z]{2}-/.test(id)) return `محافظة · ${country}`;
    return `مدينة · ${country}`;
  }

  ui.placeSearch.addEventListener('input', () => {
    clearTimeout(placeTimer);
    placeTimer = setTimeout(searchPlaces, 200);
  });
  ui.placeSearch.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      clearTimeout(placeTimer);
      searchPlaces();
    }
  });

  // ---- Clicks --------------------------------------------------------------

  ui.facets.addEventListener('click', (e) => {
    const b = e.target.closest('button');
    if (!b || !ui.facets.contains(b)) return;
    const d = b.dataset;
    if (d.toggle !== undefined) {
      const open = b.getAttribute('aria-expanded') !== 'true';
      expandedPlaces.set(d.toggle, open);
      b.setAttribute('aria-expanded', open ? 'true' : 'false');
      const name = $('.facet-value .label', b.parentElement);
      b.setAttribute('aria-label', `${open ? 'إخفاء' : 'عرض'} ما في ${name ? name.textContent : ''}`);
      const sub = b.closest('li').querySelector(':scope > ul');
      if (sub) sub.hidden = !open;
    } else if (d.more !== undefined) {
      if (moreShown.has(d.more)) moreShown.delete(d.more);
      else moreShown.add(d.more);
      if (lastResult) renderFacets(lastResult.facets);
      const again = $(`[data-more="${CSS.escape(d.more)}"]`, ui.facets);
      if (again) again.focus();
    } else if (d.from !== undefined && d.to !== undefined) {
      setDates(d.from, d.to);
    } else if (d.country !== undefined) {
      toggleValue('country', d.country);
    } else if (d.place !== undefined) {
      toggleValue('place', d.place);
    } else if (d.found !== undefined) {
      ui.placeSearch.value = '';
      ui.placeResults.replaceChildren();
      toggleValue(/^[A-Z]{2}$/.test(d.found) ? 'country' : 'place', d.found);
    } else if (d.param !== undefined && d.value !== undefined) {
      toggleValue(d.param, d.value);
    } else if (b === ui.facetsClose) {
      setFacetsOpen(false);
      ui.facetsToggle.focus();
    }
  });

  ui.results.addEventListener('click', (e) => {
    const b = e.target.closest('button.place-chip');
    if (!b) return;
    if (b.dataset.filterCountry) {
      if (!state.country.includes(b.dataset.filterCountry)) toggleValue('country', b.dataset.filterCountry);
    } else if (b.dataset.filterPlace && !state.place.includes(b.dataset.filterPlace)) {
      toggleValue('place', b.dataset.filterPlace);
    }
  });

  ui.chips.addEventListener('click', (e) => {
    const b = e.target.closest('button');
    if (!b) return;
    if (b.id === 'clear-filters') {
      change((st) => {
        const q = st.q;
        const sort = st.sort;
        Object.assign(st, blankState(), {q, sort});
      });
      ui.q.focus();
      return;
    }
    if (b.dataset.remove) {
      const idx = [...ui.chips.querySelectorAll('button')].indexOf(b);
      removeFilter(b.dataset.remove, b.dataset.value || '');
      // Keep the keyboard near where it was.
      const buttons = ui.chips.querySelectorAll('button');
      const target = buttons[Math.min(idx, buttons.length - 1)];
      if (target) target.focus();
      else ui.q.focus();
    }
  });

  ui.pager.addEventListener('click', (e) => {
    const b = e.target.closest('button[data-page]');
    if (!b) return;
    const next = copyState(state);
    next.page = Number(b.dataset.page) || 1;
    navigate(next);
    window.scrollTo(0, 0);
    ui.resultsHeading.focus({preventScroll: true});
  });

  ui.dym.addEventListener('click', (e) => {
    const a = e.target.closest('a');
    if (!a || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    change((st) => {
      st.q = a.textContent;
    });
  });

  ui.sort.addEventListener('change', () => {
    change((st) => {
      st.sort = ui.sort.value;
    });
  });

  ui.collapse.addEventListener('change', () => {
    change((st) => {
      st.collapse = ui.collapse.checked ? 'story' : '';
    });
  });

  ui.retry.addEventListener('click', () => runSearch());

  ui.home.addEventListener('click', (e) => {
    if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    navigate(blankState());
    ui.q.focus();
  });

  function setFacetsOpen(open) {
    ui.facets.classList.toggle('open', open);
    ui.facetsToggle.setAttribute('aria-expanded', open ? 'true' : 'false');
  }

  ui.facetsToggle.addEventListener('click', () => {
    const open = !ui.facets.classList.contains('open');
    setFacetsOpen(open);
    if (open) ui.facetsHeading.focus();
  });

  ui.settingsToggle.addEventListener('click', () => {
    const open = ui.settings.hidden;
    ui.settings.hidden = !open;
    ui.settingsToggle.setAttribute('aria-expanded', open ? 'true' : 'false');
  });

  function syncSettingsForm() {
    for (const input of ui.settings.querySelectorAll('input[type="radio"]')) {
      input.checked = settings[input.name] === input.value;
    }
  }

  ui.settings.addEventListener('change', (e) => {
    const input = e.target;
    if (input.type !== 'radio' || !(input.name in settings)) return;
    settings[input.name] = input.value;
    saveSettings();
    if (lastResult) renderResult(lastResult);
    else renderChips();
  });

  window.addEventListener('popstate', () => {
    state = stateFromURL(location.search);
    typingEntry = false;
    clearTimeout(typingTimer);
    closeSuggestions();
    syncControls();
    runSearch();
  });

  // ---- Start ---------------------------------------------------------------

  syncSettingsForm();
  syncControls();
  runSearch();
})();
