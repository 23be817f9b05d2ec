// Saved searches on the page: "save this search" keeps the search the
// address holds, and each saved search shows, live, how many articles
// it matched since the reader last looked, and lists them.
(() => {
  'use strict';

  const API = document.body.dataset.api || '/api/v1';
  const SEEN_KEY = 'fahras.watch.seen.';
  const LIST_PARAMS = ['place', 'country', 'source', 'category', 'author'];
  const MAX_STREAMS = 4; // a browser keeps few connections to one server
  const KEEP_NEW = 20;

  const $ = (sel) => document.querySelector(sel);
  const el = {
    save: $('#save-search'),
    form: $('#save-form'),
    name: $('#save-name'),
    cancel: $('#save-cancel'),
    status: $('#save-status'),
    section: $('#watches'),
    list: $('#watch-list'),
  };
  if (!el.save || !el.list) return;

  // Digits as the page's settings ask.
  function num(n) {
    let arab = true;
    try {
      arab = (JSON.parse(localStorage.getItem('fahras.settings') || 'null') || {}).digits !== 'latn';
    } catch (_) {
      // Storage unavailable: the default digits.
    }
    const s = String(n);
    return arab ? s.replace(/[0-9]/g, (d) => '٠١٢٣٤٥٦٧٨٩'[d]) : s;
  }

  function seen(id) {
    try {
      return Number(localStorage.getItem(SEEN_KEY + id) || '0') || 0;
    } catch (_) {
      return 0;
    }
  }

  function setSeen(id, seq) {
    try {
      localStorage.setItem(SEEN_KEY + id, String(seq));
    } catch (_) {
      // The count starts again at the next visit.
    }
  }

  // requestFromURL is the search the address holds, as POST /search
  // takes it (without paging or sorting, which do not change what
  // matches).
  function requestFromURL() {
    const p = new URLSearchParams(location.search);
    const req = {};
    const q = (p.get('q') || '').trim();
    if (q) req.q = q;
    for (const k of ['from', 'to']) if (p.get(k)) req[k] = p.get(k);
    for (const k of LIST_PARAMS) {
      const vs = [...new Set(p.getAll(k).filter((v) => v !== ''))];
      if (vs.length) req[k] = vs;
    }
    return req;
  }

  function searchURL(req) {
    const p = new URLSearchParams();
    for (const k of ['q', 'from', 'to']) if (req && req[k]) p.set(k, req[k]);
    for (const k of LIST_PARAMS) for (const v of (req && req[k]) || []) p.append(k, v);
    return '?' + p.toString();
  }

  async function call(method, path, body) {
    const res = await fetch(`${API}/${path}`, {
      method,
      headers: body ? {'Content-Type': 'application/json', Accept: 'application/json'} : {Accept: 'application/json'},
      body: body ? JSON.stringify(body) : undefined,
    });
    if (res.status === 204) return null;
    let data = null;
    try {
      data = await res.json();
    } catch (_) {
      // Not JSON: the status says it.
    }
    if (!res.ok) {
      const msg = data && data.error ? data.error.message : `HTTP ${res.status}`;
      throw new Error(msg);
    }
    return data;
  }

  const watches = new Map(); // id → {watch, li, fresh: [], count, last, stream}

  function render(w) {
    const li = document.createElement('li');
    li.className = 'watch';
    li.dataset.watch = w.id;
    const link = document.createElement('a');
    link.className = 'watch-name';
    link.href = searchURL(w.request);
    link.dir = 'auto';
    link.textContent = w.name;
    const badge = document.createElement('span');
    badge.className = 'new-count';
    badge.hidden = true;
    const show = document.createElement('button');
    show.type = 'button';
    show.className = 'quiet show-new';
    show.textContent = 'اعرض الجديد';
    show.hidden = true;
    show.setAttribute('aria-expanded', 'false');
    const del = document.createElement('button');
    del.type = 'button';
    del.className = 'quiet delete-watch';
    del.textContent = 'حذف';
    del.setAttribute('aria-label', `حذف البحث المحفوظ ${w.name}`);
    const fresh = document.createElement('ol');
    fresh.className = 'new-matches';
    fresh.hidden = true;
    li.append(link, ' ', badge, ' ', show, ' ', del, fresh);
    const entry = {watch: w, li, badge, show, freshList: fresh, fresh: [], count: 0, last: seen(w.id), stream: null};
    show.addEventListener('click', () => toggleNew(entry));
    del.addEventListener('click', () => remove(entry));
    return entry;
  }

  function update(entry) {
    entry.badge.hidden = entry.count === 0;
    entry.show.hidden = entry.count === 0;
    entry.badge.textContent = `${num(entry.count)} جديد`;
    entry.badge.setAttribute('aria-label', `${num(entry.count)} مقالات جديدة منذ آخر اطلاع`);
  }

  function toggleNew(entry) {
    const open = entry.freshList.hidden;
    entry.freshList.hidden = !open;
    entry.show.setAttribute('aria-expanded', String(open));
    if (!open) {
      // Closing the list marks what it showed as seen.
      setSeen(entry.watch.id, entry.last);
      entry.count = 0;
      entry.fresh = [];
      entry.freshList.replaceChildren();
      update(entry);
      return;
    }
    entry.freshList.replaceChildren(...entry.fresh.map((m) => {
      const li = document.createElement('li');
      const a = document.createElement(m.url ? 'a' : 'span');
      if (m.url) {
        a.href = m.url;
        a.rel = 'noopener noreferrer';
      }
      a.dir = 'auto';
      a.textContent = m.title || m.id;
      li.append(a);
      if (m.source) {
        const s = document.createElement('span');
        s.className = 'new-source';
        s.textContent = ` — ${m.source}`;
        li.append(s);
      }
      return li;
    }));
  }

  function added(entry, m) {
    if (m.seq <= entry.last) return;
    entry.last = m.seq;
    entry.count++;
    entry.fresh.unshift(m);
    entry.fresh.length = Math.min(entry.fresh.length, KEEP_NEW);
    update(entry);
  }

  function follow(entry) {
    const streams = [...watches.values()].filter((e) => e.stream).length;
    if (streams >= MAX_STREAMS || typeof EventSource === 'undefined') {
      // Beyond the live ones, the count is read once.
      call('GET', `watches/${encodeURIComponent(entry.watch.id)}/matches?since=${entry.last}&size=${KEEP_NEW}`).then((p) => {
        p.matches.forEach((m) => added(entry, m));
        entry.count = p.pending;
        update(entry);
      }).catch(() => {});
      return;
    }
    const es = new EventSource(`${API}/watches/${encodeURIComponent(entry.watch.id)}/events?since=${entry.last}`);
    es.addEventListener('match', (ev) => {
      try {
        added(entry, JSON.parse(ev.data));
      } catch (_) {
        // A damaged event: the next one counts.
      }
    });
    es.addEventListener('deleted', () => es.close());
    entry.stream = es;
  }

  function show(w) {
    const entry = render(w);
    watches.set(w.id, entry);
    el.list.append(entry.li);
    el.section.hidden = false;
    update(entry);
    follow(entry);
  }

  async function remove(entry) {
    try {
      await call('DELETE', `watches/${encodeURIComponent(entry.watch.id)}`);
    } catch (err) {
      say(err.message, true);
      return;
    }
    if (entry.stream) entry.stream.close();
    entry.li.remove();
    watches.delete(entry.watch.id);
    el.section.hidden = watches.size === 0;
    try {
      localStorage.removeItem(SEEN_KEY + entry.watch.id);
    } catch (_) {
      // Nothing kept.
    }
  }

  function say(text, bad) {
    el.status.textContent = text;
    el.status.classList.toggle('error', Boolean(bad));
    el.status.hidden = false;
  }

  el.save.addEventListener('click', () => {
    const req = requestFromURL();
    el.name.value = req.q || 'كل الأخبار';
    el.form.hidden = false;
    el.status.hidden = true;
    el.name.focus();
    el.name.select();
  });
  el.cancel.addEventListener('click', () => {
    el.form.hidden = true;
    el.save.focus();
  });
  el.form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      const w = await call('POST', 'watches', {name: el.name.value, request: requestFromURL()});
      el.form.hidden = true;
      show(w);
      say(`حُفظ البحث «${w.name}»: ستظهر هنا المقالات الجديدة التي تطابقه.`, false);
    } catch (err) {
      say(`تعذّر حفظ البحث: ${err.message}`, true);
    }
  });

  call('GET', 'watches').then((body) => {
    for (const w of body.watches) show(w);
  }).catch(() => {
    // A server without saved searches: the button has nothing to do.
    el.save.hidden = true;
  });
})();
