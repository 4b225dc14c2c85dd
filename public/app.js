// The timeline page: plain browser JavaScript, no build step. Every piece of text from the server
// goes into the page through textContent (never innerHTML): article text is untrusted.
(function () {
  'use strict';

  const DAY = 86400000;
  const PAGE_SIZE = 500;
  const MAX_PAGES = 20;

  const $ = (sel, root) => (root || document).querySelector(sel);

  /** h('span', { class: 'x', title: t }, 'text', child): an element, text children as text nodes. */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') el.className = v;
      else if (k === 'dataset') Object.assign(el.dataset, v);
      else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children.flat()) {
      if (c === undefined || c === null || c === false) continue;
      el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return el;
  }

  // ---------- dates ----------

  const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

  function parseDay(iso) {
    const m = /^(-?\d{1,6})-(\d{2})-(\d{2})/.exec(iso || '');
    if (!m) return null;
    return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  }

  /** A local-midnight Date for an ISO day (years below 100 stay what they are). */
  function dayDate(iso) {
    const p = parseDay(iso);
    if (!p) return null;
    const d = new Date(2000, p.m - 1, p.d);
    d.setFullYear(p.y);
    return d;
  }

  function fmtDay(iso, withWeekday) {
    const p = parseDay(iso);
    if (!p) return iso || '';
    let wd = '';
    if (withWeekday) {
      const d = new Date(Date.UTC(2000, p.m - 1, p.d));
      d.setUTCFullYear(p.y);
      wd = `${WEEKDAYS[d.getUTCDay()]} `;
    }
    return `${wd}${p.d} ${MONTHS[p.m - 1].slice(0, 3)} ${p.y}`;
  }

  /** The date as precise as it is known, and no more. */
  function whenLabel(when) {
    if (!when) return 'undated';
    const { from, to, precision } = when;
    if (!from && to) return `on or before ${fmtDay(to, true)}`;
    if (from && !to) return `on or after ${fmtDay(from, true)}`;
    const f = parseDay(from);
    if (!f) return when.label || 'undated';
    if (precision === 'day' || from === to) return fmtDay(from, true);
    if (precision === 'month') return `${MONTHS[f.m - 1]} ${f.y}`;
    if (precision === 'year') return String(f.y);
    // Seasons, parts and ranges: the server's words ("late 2016") say it best.
    return when.label || `${fmtDay(from)} – ${fmtDay(to)}`;
  }

  function fmtInstant(iso) {
    if (!iso) return '';
    const d = new Date(iso);
    if (isNaN(d.getTime())) return iso;
    return d.toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  }

  // ---------- loose rendering of contract fields whose inner shape may vary ----------

  function nameOf(x) {
    if (x === null || x === undefined) return '';
    if (typeof x !== 'object') return String(x);
    return String(x.name ?? x.label ?? x.surface ?? x.text ?? x.key ?? JSON.stringify(x));
  }

  function figureText(f) {
    if (f === null || typeof f !== 'object') return String(f);
    if (f.text) return String(f.text);
    const parts = [f.qualifier, f.count ?? f.value, f.unit ?? f.what].filter((p) => p !== undefined && p !== null && p !== '');
    let s = parts.length ? parts.join(' ') : JSON.stringify(f);
    const asOf = f.asOf ?? f.as_of ?? (f.when && f.when.to);
    if (asOf) s += ` (as of ${fmtDay(asOf)})`;
    return s;
  }

  function conflictNode(c) {
    if (c === null || typeof c !== 'object') return h('li', {}, String(c));
    const field = c.field ?? c.kind ?? c.about ?? 'conflict';
    const values = Array.isArray(c.values) ? c.values : Array.isArray(c.claims) ? c.claims : null;
    if (!values) return h('li', {}, `${field}: `, c.description ?? c.message ?? JSON.stringify(c));
    return h(
      'li',
      {},
      h('strong', {}, `${field}: `),
      values.map((v, i) => {
        const value = v && typeof v === 'object' ? (v.label ?? (typeof v.value === 'object' ? whenLabel(v.value) : v.value) ?? JSON.stringify(v)) : String(v);
        const ids = v && typeof v === 'object' ? (v.articleIds ?? v.articles ?? (v.articleId ? [v.articleId] : [])) : [];
        return h('span', { class: 'conflict-value' }, i ? ' vs ' : '', h('q', {}, String(value)), ids.length ? ` (${ids.map(nameOf).join(', ')})` : '');
      }),
    );
  }

  // ---------- state ----------

  const state = {
    entries: [],
    byId: new Map(),
    open: new Set(),
    position: '0',
    stored: '0',
    known: { kinds: new Set(), places: new Set(), participants: new Set() },
    articles: new Map(),
    refreshing: null,
    again: false,
    catchUp: 0,
  };

  // ---------- filters ----------

  const FILTERS = ['from', 'to', 'kind', 'place', 'participant', 'status', 'minSources', 'q'];
  const filtersForm = $('#filters');

  function filterParams() {
    const p = new URLSearchParams();
    for (const name of FILTERS) {
      const v = filtersForm.elements[name].value.trim();
      if (v) p.set(name, v);
    }
    return p;
  }

  function loadFiltersFromUrl() {
    const p = new URLSearchParams(location.search);
    for (const name of FILTERS) {
      const v = p.get(name);
      if (v === null) continue;
      const el = filtersForm.elements[name];
      if (el.tagName === 'SELECT' && ![...el.options].some((o) => o.value === v)) el.append(h('option', { value: v }, v));
      el.value = v;
    }
  }

  let filterTimer;
  function onFilterChange() {
    clearTimeout(filterTimer);
    filterTimer = setTimeout(() => {
      const qs = filterParams().toString();
      history.replaceState(null, '', `${location.pathname}${qs ? `?${qs}` : ''}${location.hash}`);
      refresh({ fit: true });
    }, 250);
  }
  filtersForm.addEventListener('input', onFilterChange);
  filtersForm.addEventListener('change', onFilterChange);
  filtersForm.addEventListener('reset', () => setTimeout(onFilterChange, 0));
  filtersForm.addEventListener('submit', (e) => {
    e.preventDefault();
    onFilterChange();
  });

  function rememberOptions(entries) {
    let changed = false;
    for (const e of entries) {
      if (e.kind && !state.known.kinds.has(e.kind)) (state.known.kinds.add(e.kind), (changed = true));
      for (const p of e.places || []) {
        const n = nameOf(p);
        if (n && !state.known.places.has(n)) (state.known.places.add(n), (changed = true));
      }
      for (const p of e.participants || []) {
        const n = nameOf(p);
        if (n && !state.known.participants.has(n)) (state.known.participants.add(n), (changed = true));
      }
    }
    if (!changed) return;
    const kind = filtersForm.elements.kind;
    const chosen = kind.value;
    const have = new Set([...kind.options].map((o) => o.value));
    for (const k of [...state.known.kinds].sort()) if (!have.has(k)) kind.append(h('option', { value: k }, k));
    kind.value = chosen;
    $('#places-list').replaceChildren(...[...state.known.places].sort().map((v) => h('option', { value: v })));
    $('#participants-list').replaceChildren(...[...state.known.participants].sort().map((v) => h('option', { value: v })));
  }

  // ---------- data ----------

  async function fetchTimeline() {
    const params = filterParams();
    params.set('limit', String(PAGE_SIZE));
    // Read what the store holds: the server waits briefly for the projection to reach it.
    if (big(state.stored) > big(state.position) && !state.noMinPosition) params.set('minPosition', state.stored);
    const entries = [];
    let position = '0';
    let cursor = null;
    for (let page = 0; page < MAX_PAGES; page++) {
      if (cursor) params.set('cursor', cursor);
      const res = await fetch(`/timeline?${params}`, { headers: { accept: 'application/json' } });
      const body = await res.json().catch(() => null);
      if (res.status === 400 && params.has('minPosition') && /minPosition/.test(JSON.stringify(body))) {
        state.noMinPosition = true;
        params.delete('minPosition');
        page--;
        continue;
      }
      params.delete('minPosition');
      if (!res.ok) {
        const msg = body && body.message ? [].concat(body.message).join('; ') : res.statusText;
        throw Object.assign(new Error(`GET /timeline answered ${res.status}: ${msg}`), { status: res.status });
      }
      entries.push(...(body.entries || []));
      position = String(body.position ?? position);
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    return { entries, position, truncated: Boolean(cursor) };
  }

  /** Refetches and redraws; concurrent calls coalesce into one more round. */
  async function refresh(opts) {
    if (state.refreshing) {
      state.again = true;
      state.againFit = state.againFit || (opts && opts.fit);
      return state.refreshing;
    }
    state.refreshing = (async () => {
      try {
        const data = await fetchTimeline();
        state.position = data.position;
        render(data, opts || {});
        // The store is ahead of the projection: look again shortly (the stream also tells us).
        if (big(state.stored) > big(data.position) && state.catchUp < 20) {
          state.catchUp++;
          setTimeout(() => refresh(), 500);
        } else state.catchUp = 0;
      } catch (err) {
        $('#list-status').textContent = err.status === 404 ? 'The timeline is not available on this server yet.' : `Could not load the timeline: ${err.message}`;
        $('#list-status').dataset.kind = 'error';
      } finally {
        state.refreshing = null;
        if (state.again) {
          const fit = state.againFit;
          state.again = false;
          state.againFit = false;
          refresh({ fit });
        }
      }
    })();
    return state.refreshing;
  }

  function big(s) {
    try {
      return BigInt(s || '0');
    } catch {
      return 0n;
    }
  }

  // ---------- the horizontal timeline ----------

  let timeline = null;
  let items = null;

  function itemFor(e) {
    const when = e.when || {};
    const content = h('span', { class: 'item-label' }, e.title || e.kind || e.id);
    const tip = h('div', { class: 'tip' }, h('strong', {}, whenLabel(when)), h('br'), e.title || '', h('br'), `${e.sourceCount ?? (e.sources || []).length} source(s) · ${e.status || ''}`);
    const cls = [`status-${e.status || 'reported'}`, (e.conflicts || []).length ? 'has-conflict' : ''];
    if (!when.from && when.to) {
      return { id: e.id, start: dayDate(when.to), type: 'box', content: h('span', { class: 'item-label' }, `≤ ${e.title || e.kind || e.id}`), title: tip, className: cls.concat('bounded').join(' ') };
    }
    const from = dayDate(when.from);
    const to = dayDate(when.to || when.from);
    if (!from) return null;
    if (!to || to.getTime() <= from.getTime()) return { id: e.id, start: from, type: 'box', content, title: tip, className: cls.concat('day').join(' ') };
    return { id: e.id, start: from, end: new Date(to.getTime() + DAY), type: 'range', content, title: tip, className: cls.concat('span', `precision-${when.precision || 'range'}`).join(' ') };
  }

  function ensureTimeline() {
    if (timeline || !window.vis) return;
    items = new vis.DataSet();
    timeline = new vis.Timeline($('#timeline'), items, {
      stack: true,
      minHeight: 180,
      maxHeight: 380,
      zoomMin: 3 * DAY,
      showCurrentTime: false,
      orientation: { axis: 'bottom', item: 'bottom' },
      margin: { item: { horizontal: 4, vertical: 6 } },
      tooltip: { followMouse: true, overflowMethod: 'cap', delay: 150 },
      selectable: true,
      multiselect: false,
    });
    $('#fit-all').addEventListener('click', () => timeline.fit({ animation: false }));
    $('#fit-dense').addEventListener('click', () => focusDense(items.get()));
    timeline.on('select', (ev) => {
      const id = ev.items && ev.items[0];
      if (id !== undefined) openEntry(String(id), { scroll: true });
    });
  }

  function renderTimeline(entries, fit) {
    ensureTimeline();
    if (!timeline) return;
    const next = entries.map(itemFor).filter(Boolean);
    const ids = new Set(next.map((i) => i.id));
    items.remove(items.getIds().filter((id) => !ids.has(id)));
    items.update(next);
    if (fit && next.length) focusDense(next);
  }

  /**
   * Opens on where most happened: the shortest stretch holding 90% of the entries (a week of news
   * with a few background dates from years before would otherwise be a sliver at the right edge).
   */
  function focusDense(list) {
    const times = list.map((i) => i.start.getTime()).sort((a, b) => a - b);
    const span = times[times.length - 1] - times[0];
    const k = Math.max(1, Math.ceil(times.length * 0.9));
    let best = [times[0], times[times.length - 1]];
    for (let i = 0; i + k - 1 < times.length; i++) {
      if (times[i + k - 1] - times[i] < best[1] - best[0]) best = [times[i], times[i + k - 1]];
    }
    if (times.length < 4 || span < 60 * DAY || best[1] - best[0] > span / 3) {
      timeline.fit({ animation: false });
      return;
    }
    const pad = Math.max(DAY, (best[1] - best[0]) * 0.2);
    timeline.setWindow(new Date(best[0] - pad), new Date(best[1] + pad + DAY), { animation: false });
  }

  // ---------- the entry list ----------

  function badge(cls, text, title) {
    return h('span', { class: `badge ${cls}`, title }, text);
  }

  function entryNode(e) {
    const sources = e.sourceCount ?? (e.sources || []).length;
    const conflicts = (e.conflicts || []).length;
    const when = e.when || {};
    const head = h(
      'button',
      { type: 'button', class: 'entry-head', 'aria-expanded': 'false', onclick: () => toggleEntry(e.id) },
      h('span', { class: 'when', title: [when.label, when.edtf && `EDTF ${when.edtf}`, when.precision && `precision: ${when.precision}`].filter(Boolean).join(' · ') }, whenLabel(when)),
      h('span', { class: 'title' }, e.title || '(untitled)'),
      h(
        'span',
        { class: 'badges' },
        badge(`status status-${e.status || 'reported'}`, e.status || 'reported', 'status'),
        conflicts ? badge('conflict', conflicts === 1 ? '1 conflict' : `${conflicts} conflicts`, 'reports disagree') : null,
        badge('sources', sources === 1 ? '1 source' : `${sources} sources`, 'corroborating reports'),
        e.kind ? badge('kind', e.kind, 'kind') : null,
        when.precision ? badge('precision', when.precision, 'how precisely the date is known') : null,
      ),
    );
    const li = h(
      'li',
      { class: 'entry', id: `entry-${e.id}`, dataset: { id: e.id, status: e.status || '', from: when.from || '', to: when.to || '', precision: when.precision || '', sources: String(sources), articles: [...new Set((e.sources || []).map((s) => s.articleId))].join(' ') } },
      head,
      h('div', { class: 'entry-body', hidden: true }),
    );
    return li;
  }

  function render(data, opts) {
    const { entries } = data;
    state.entries = entries;
    state.byId = new Map(entries.map((e) => [e.id, e]));
    rememberOptions(entries);
    renderTimeline(entries, opts.fit || !render.done);
    render.done = true;

    const list = $('#entries');
    const scrollY = window.scrollY;
    list.replaceChildren(...entries.map(entryNode));
    for (const id of [...state.open]) {
      if (state.byId.has(id)) fillEntry(id, true);
      else state.open.delete(id);
    }
    window.scrollTo({ top: scrollY });

    $('#entry-count').textContent = `(${entries.length}${data.truncated ? '+' : ''})`;
    const status = $('#list-status');
    status.dataset.kind = '';
    status.textContent = entries.length ? '' : filterParams().toString() ? 'No entries match these filters.' : 'No entries yet: submit an article.';
    $('#summary').textContent = `${entries.length} entr${entries.length === 1 ? 'y' : 'ies'} · position ${data.position}`;
    document.body.dataset.position = data.position;
  }

  function toggleEntry(id) {
    if (state.open.has(id)) {
      state.open.delete(id);
      const li = document.getElementById(`entry-${id}`);
      if (li) {
        li.classList.remove('open');
        $('.entry-head', li).setAttribute('aria-expanded', 'false');
        $('.entry-body', li).hidden = true;
      }
      if (timeline) timeline.setSelection([]);
    } else openEntry(id, { scroll: false });
  }

  function openEntry(id, opts) {
    if (!state.byId.has(id)) return;
    state.open.add(id);
    fillEntry(id, false);
    if (timeline) timeline.setSelection([id]);
    const li = document.getElementById(`entry-${id}`);
    if (li && opts && opts.scroll) li.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }

  function fillEntry(id) {
    const e = state.byId.get(id);
    const li = document.getElementById(`entry-${id}`);
    if (!e || !li) return;
    li.classList.add('open');
    $('.entry-head', li).setAttribute('aria-expanded', 'true');
    const body = $('.entry-body', li);
    body.hidden = false;
    const facts = [];
    if ((e.participants || []).length) facts.push(h('div', {}, h('dt', {}, 'Participants'), h('dd', {}, e.participants.map(nameOf).join(', '))));
    if ((e.places || []).length) facts.push(h('div', {}, h('dt', {}, 'Places'), h('dd', {}, e.places.map(nameOf).join(', '))));
    if ((e.figures || []).length) facts.push(h('div', {}, h('dt', {}, 'Figures'), h('dd', {}, e.figures.map(figureText).join('; '))));
    if (e.when && e.when.edtf) facts.push(h('div', {}, h('dt', {}, 'Date (EDTF)'), h('dd', {}, h('code', {}, e.when.edtf))));
    body.replaceChildren(
      ...[
        facts.length ? h('dl', { class: 'facts' }, facts) : null,
        (e.conflicts || []).length ? h('div', { class: 'conflicts' }, h('h3', {}, 'Reports disagree'), h('ul', {}, e.conflicts.map(conflictNode))) : null,
        h('h3', {}, `Sources (${(e.sources || []).length})`),
        h('ol', { class: 'sources' }, (e.sources || []).map(sourceNode)),
      ].filter(Boolean),
    );
  }

  function sourceNode(s) {
    const context = h('blockquote', { class: 'context' }, h('mark', {}, s.quote || ''));
    const li = h(
      'li',
      { class: 'source', dataset: { articleId: s.articleId } },
      h(
        'div',
        { class: 'source-meta' },
        h('strong', { class: 'outlet' }, s.outlet || s.articleId),
        s.publishedAt ? h('span', {}, ` · published ${fmtInstant(s.publishedAt)}`) : null,
        s.timeExpression ? h('span', { class: 'timex' }, ' · dated by ', h('q', {}, nameOf(s.timeExpression))) : null,
      ),
      context,
      h('a', { class: 'read-article', href: articleHash(s.articleId, s.start, s.end) }, 'Read the article'),
    );
    article(s.articleId).then(
      (a) => context.replaceWith(contextNode(a.text, s)),
      () => context.append(h('span', { class: 'note' }, ' (article text unavailable)')),
    );
    return li;
  }

  /** Finds the quote in the text: at its offsets (JavaScript string indices), else by search. */
  function locate(text, s) {
    const start = Number(s.start);
    const end = Number(s.end);
    if (Number.isInteger(start) && Number.isInteger(end) && end > start && (!s.quote || text.slice(start, end) === s.quote)) return { start, end, exact: true };
    if (s.quote) {
      const at = text.indexOf(s.quote);
      if (at >= 0) return { start: at, end: at + s.quote.length, exact: false };
    }
    return null;
  }

  /** Blank lines between paragraphs waste the little room a context has. */
  const squeeze = (t) => t.replace(/\n\s*\n/g, '\n');

  function contextNode(text, s) {
    const at = locate(text, s);
    if (!at) return h('blockquote', { class: 'context' }, h('mark', {}, s.quote || ''), h('span', { class: 'note' }, ' (not found in the article text)'));
    const R = 220;
    let a = Math.max(0, at.start - R);
    let b = Math.min(text.length, at.end + R);
    if (a > 0) {
      const sp = text.slice(a, at.start).search(/\s/);
      if (sp >= 0) a += sp + 1;
    }
    if (b < text.length) {
      const sp = text.indexOf(' ', b);
      if (sp > 0 && sp - b < 30) b = sp;
    }
    return h(
      'blockquote',
      { class: 'context', dataset: { start: at.start, end: at.end } },
      a > 0 ? '… ' : '',
      squeeze(text.slice(a, at.start)),
      h('mark', { title: at.exact ? 'quoted evidence' : 'quoted evidence (found by search: offsets did not match)' }, text.slice(at.start, at.end)),
      squeeze(text.slice(at.end, b)),
      b < text.length ? ' …' : '',
    );
  }

  function article(id) {
    if (!state.articles.has(id)) {
      const p = fetch(`/articles/${encodeURIComponent(id)}`, { headers: { accept: 'application/json' } }).then((r) => {
        if (!r.ok) throw new Error(`article ${id}: ${r.status}`);
        return r.json();
      });
      p.catch(() => state.articles.delete(id));
      state.articles.set(id, p);
    }
    return state.articles.get(id);
  }

  // ---------- the article dialog (#article=ID&start=N&end=M) ----------

  function articleHash(id, start, end) {
    const p = new URLSearchParams({ article: id });
    if (start !== undefined && start !== null) p.set('start', String(start));
    if (end !== undefined && end !== null) p.set('end', String(end));
    return `#${p}`;
  }

  const dialog = $('#article-dialog');
  dialog.addEventListener('close', () => {
    if (location.hash.startsWith('#article=')) history.replaceState(null, '', `${location.pathname}${location.search}`);
  });

  async function showArticleFromHash() {
    const p = new URLSearchParams(location.hash.slice(1));
    const id = p.get('article');
    if (!id) {
      if (dialog.open) dialog.close();
      return;
    }
    $('#article-dialog-title').textContent = id;
    $('#article-meta').textContent = 'loading…';
    $('#article-text').replaceChildren();
    if (!dialog.open) dialog.showModal();
    try {
      const a = await article(id);
      $('#article-dialog-title').textContent = a.title || a.outlet || id;
      $('#article-meta').replaceChildren(
        [a.outlet, a.publishedAt && `published ${fmtInstant(a.publishedAt)}`, a.timezone].filter(Boolean).join(' · '),
        ' · ',
        h('a', { href: `/articles/${encodeURIComponent(id)}` }, 'JSON'),
        a.url ? ' · ' : '',
        a.url && /^https?:\/\//i.test(a.url) ? h('a', { href: a.url, rel: 'noopener noreferrer', target: '_blank' }, 'original') : '',
      );
      const text = a.text || '';
      const at = locate(text, { start: p.get('start'), end: p.get('end') });
      const box = $('#article-text');
      if (at) {
        const mark = h('mark', {}, text.slice(at.start, at.end));
        box.replaceChildren(text.slice(0, at.start), mark, text.slice(at.end));
        mark.scrollIntoView({ block: 'center' });
      } else box.replaceChildren(text);
    } catch (err) {
      $('#article-meta').textContent = `Could not load the article: ${err.message}`;
    }
  }
  window.addEventListener('hashchange', showArticleFromHash);

  // ---------- submitting an article ----------

  const form = $('#article-form');
  const FIELDS = ['text', 'publishedAt', 'timezone', 'outlet', 'title', 'url'];

  function zoneOffsetMinutes(zone, ms) {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(ms));
    const get = (t) => Number(parts.find((p) => p.type === t).value);
    const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour') % 24, get('minute'), get('second'));
    return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60000);
  }

  /** "2024-12-01T19:00" in zone Asia/Damascus → "2024-12-01T19:00:00+03:00"; no zone offset if the zone is unknown. */
  function withOffset(local, zone) {
    const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(local);
    if (!m) return local;
    const base = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] || '00'}`;
    let off;
    try {
      const guess = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] || 0));
      off = zoneOffsetMinutes(zone, guess);
      off = zoneOffsetMinutes(zone, guess - off * 60000);
    } catch {
      return base;
    }
    const sign = off < 0 ? '-' : '+';
    const abs = Math.abs(off);
    return `${base}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  }

  function clearErrors() {
    for (const el of form.querySelectorAll('.field-error')) el.textContent = '';
    for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  }

  const INPUT_OF = { text: 'f-text', publishedAt: 'f-published', timezone: 'f-timezone', outlet: 'f-outlet', title: 'f-title', url: 'f-url' };

  function showErrors(messages) {
    for (const msg of messages) {
      const m = /^([A-Za-z]+)(?:\.[\w.]+)?(?::| is required)/.exec(msg);
      const field = m && FIELDS.includes(m[1]) ? m[1] : '';
      const box = $(`#err-${field || 'form'}`);
      box.append(box.textContent ? h('br') : '', msg);
      if (field) $(`#${INPUT_OF[field]}`).setAttribute('aria-invalid', 'true');
    }
  }

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors();
    const status = $('#form-status');
    const f = form.elements;
    const zone = f.timezone.value.trim();
    const body = { text: f.text.value };
    if (f.publishedLocal.value) body.publishedAt = withOffset(f.publishedLocal.value, zone || Intl.DateTimeFormat().resolvedOptions().timeZone);
    if (zone) body.timezone = zone;
    for (const k of ['outlet', 'title', 'url']) if (f[k].value.trim()) body[k] = f[k].value.trim();
    const button = $('button[type=submit]', form);
    button.disabled = true;
    status.textContent = 'submitting…';
    status.dataset.kind = '';
    try {
      const res = await fetch('/articles', { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) });
      const out = await res.json().catch(() => ({}));
      if (res.ok) {
        status.textContent = res.status === 201 ? `Stored as ${out.articleId} (${out.facts} dated fact${out.facts === 1 ? '' : 's'}).` : `Already stored as ${out.articleId}.`;
        status.dataset.kind = 'ok';
        status.dataset.articleId = out.articleId;
        f.text.value = '';
        refresh();
      } else {
        status.textContent = `Not stored (${res.status}).`;
        status.dataset.kind = 'error';
        showErrors([].concat(out.message || res.statusText));
      }
    } catch (err) {
      status.textContent = `Not stored: ${err.message}`;
      status.dataset.kind = 'error';
    } finally {
      button.disabled = false;
    }
  });

  function initForm() {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
    form.elements.timezone.value = zone;
    const now = new Date(Date.now() - new Date().getTimezoneOffset() * 60000);
    form.elements.publishedLocal.value = now.toISOString().slice(0, 16);
    const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    $('#zones-list').replaceChildren(...zones.map((z) => h('option', { value: z })));
  }

  // ---------- live updates ----------

  function connect() {
    const live = $('#live');
    if (!window.EventSource) {
      live.textContent = 'no live updates';
      return;
    }
    const es = new EventSource('/events/stream');
    es.addEventListener('open', () => {
      live.dataset.state = 'live';
      live.textContent = 'live';
    });
    es.addEventListener('error', () => {
      live.dataset.state = 'reconnecting';
      live.textContent = 'reconnecting…';
    });
    es.addEventListener('position', (ev) => {
      let p;
      try {
        p = JSON.parse(ev.data);
      } catch {
        return;
      }
      live.dataset.state = 'live';
      live.textContent = 'live';
      const changed = p.stored !== state.stored || big(p.position) > big(state.position);
      state.stored = p.stored;
      if (changed && render.done) refresh();
    });
  }

  // ---------- start ----------

  loadFiltersFromUrl();
  initForm();
  refresh({ fit: true }).then(() => {
    document.body.dataset.ready = 'true';
    if (location.hash.startsWith('#article=')) showArticleFromHash();
  });
  connect();
})();
