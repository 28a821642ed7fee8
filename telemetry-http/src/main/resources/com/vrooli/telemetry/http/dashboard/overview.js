// The overview: every scenario with its events, last event, failures in the last 24 h (with a
// sparkline) and state; sortable and filterable, the sort and filter kept in the URL. The 24 h
// failures come from each scenario's timeline, fetched for the rows in view; sorting by them
// fetches every filtered row's, a few at a time, and sorts again as they arrive (rows not yet
// known go last).

import { el, replace, timeEl, num, badge, keepFocus } from './dom.js';
import { get, scenarioPath } from './api.js';
import { navigate, hrefOf, linkHandler } from './state.js';
import { sparkline } from './charts.js';

const DAY_MS = 24 * 3600 * 1000;
const COLUMNS = [
  ['scenario', 'Scenario'], ['events', 'Events'], ['last', 'Last event'], ['failures', 'Failures (all)'],
  ['recent', 'Failures, last 24 h'], ['state', 'State'],
];
const STATES = ['failing', 'ok', 'quiet'];
/** Timeline requests in flight at once when every row's 24 h failures are needed for sorting. */
const SPARK_REQUESTS = 6;
/** Redraws of the table while those answers arrive, at most one per this many ms. */
const RESORT_MS = 250;

/** Shared across renders, so typing in the filter redraws at once from what was fetched. */
let cache = null;
let cachedAt = 0;
const sparks = new Map();

/** A scenario's state: failing (a failure in the last 24 h), quiet (no event for 24 h), else ok. */
export function stateOf(s, now) {
  const lastFailure = s.recent_failures && s.recent_failures[0];
  if (lastFailure && now - Date.parse(lastFailure.timestamp) < DAY_MS) return 'failing';
  if (!s.last_event || now - Date.parse(s.last_event) >= DAY_MS) return 'quiet';
  return 'ok';
}

export function renderOverview(ctx, state) {
  const sort = COLUMNS.some(([k]) => k === state.sort) ? state.sort : 'scenario';
  const dir = state.dir === 'desc' ? 'desc' : 'asc';
  const tbody = el('tbody', { id: 'scenario-rows' });
  const count = el('p', { id: 'scenario-count', class: 'muted', 'aria-live': 'polite' });
  let disposed = false;
  let resort = null;
  const observer = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (entry.isIntersecting) loadSpark(entry.target.dataset.scenario, entry.target);
    }
  });

  const filter = el('input', { id: 'filter', type: 'search', value: state.q || '', placeholder: 'part of a name',
    on: { input: (e) => navigate({ ...state, q: e.target.value }, { replace: true }) } });
  const stateSelect = el('select', { id: 'state-filter',
    on: { change: (e) => navigate({ ...state, state: e.target.value }) } },
    el('option', { value: '' }, 'any'),
    STATES.map((s) => el('option', { value: s, selected: state.state === s }, s)));

  const head = el('tr', {}, COLUMNS.map(([key, label]) => {
    const active = key === sort;
    const next = active && dir === 'asc' ? 'desc' : 'asc';
    return el('th', { scope: 'col', class: key === 'events' || key === 'failures' ? 'num' : null,
      'aria-sort': active ? (dir === 'asc' ? 'ascending' : 'descending') : 'none' },
      el('button', { type: 'button', class: 'sort', id: 'sort-' + key,
        on: { click: () => navigate({ ...state, sort: key, dir: next }) } },
        label, active ? (dir === 'asc' ? ' ▲' : ' ▼') : ''));
  }));

  replace(ctx.main,
    el('h1', {}, 'Scenarios'),
    el('form', { class: 'filters', role: 'search', on: { submit: (e) => e.preventDefault() } },
      el('label', { for: 'filter' }, 'Filter by name'), filter,
      el('label', { for: 'state-filter' }, 'State'), stateSelect),
    count,
    el('div', { class: 'table-wrap' },
      el('table', { class: 'scenarios' }, el('caption', { class: 'sr-only' }, 'Scenarios'), el('thead', {}, head),
        tbody)));

  // One listener for every scenario link: a plain click navigates in place, others open as links do.
  tbody.addEventListener('click', (event) => {
    const link = event.target.closest('a[data-scenario]');
    if (link) linkHandler({ scenario: link.dataset.scenario })(event);
  });

  function draw() {
    if (!cache) return;
    const now = Date.now();
    const q = (state.q || '').toLowerCase();
    let rows = cache.scenarios.map((s) => ({ s, state: stateOf(s, now), failures: total(s.failure_counts) }));
    rows = rows.filter((r) => (!q || r.s.scenario.toLowerCase().includes(q)) && (!state.state || r.state === state.state));
    const key = {
      scenario: (r) => r.s.scenario, events: (r) => r.s.total_events, last: (r) => r.s.last_event || '',
      failures: (r) => r.failures, state: (r) => STATES.indexOf(r.state), recent: (r) => recentOf(r.s.scenario),
    }[sort];
    rows.sort((a, b) => {
      const x = key(a);
      const y = key(b);
      // Unknown 24 h counts (null, still loading) go last whichever the direction.
      if ((x === null) !== (y === null)) return x === null ? 1 : -1;
      const c = x < y ? -1 : x > y ? 1 : a.s.scenario < b.s.scenario ? -1 : 1;
      return dir === 'asc' ? c : -c;
    });
    observer.disconnect();
    const fragment = document.createDocumentFragment();
    for (const r of rows) {
      const tr = row(r);
      fragment.append(tr);
      observer.observe(tr.cells[4]);
    }
    keepFocus(tbody, () => tbody.replaceChildren(fragment));
    count.textContent = rows.length === cache.scenarios.length
      ? num(rows.length) + ' scenarios'
      : num(rows.length) + ' of ' + num(cache.scenarios.length) + ' scenarios';
    if (sort === 'recent') loadEvery(rows.map((r) => r.s.scenario));
  }

  /** Fetches the 24 h failures of every named scenario, SPARK_REQUESTS at a time. */
  async function loadEvery(names) {
    const queue = names.filter((name) => !fresh(sparks.get(name)));
    const worker = async () => {
      while (!disposed && queue.length) {
        const name = queue.shift();
        const cell = tbody.querySelector('td.spark[data-scenario="' + CSS.escape(name) + '"]');
        await loadSpark(name, cell);
      }
    };
    await Promise.all(Array.from({ length: Math.min(SPARK_REQUESTS, queue.length) }, worker));
  }

  /** Sorts again once the answers of the next RESORT_MS have arrived. */
  function scheduleResort() {
    if (resort || disposed) return;
    resort = setTimeout(() => {
      resort = null;
      if (!disposed) draw();
    }, RESORT_MS);
  }

  async function loadSpark(scenario, cell) {
    const known = sparks.get(scenario);
    if (disposed || fresh(known) || (known && known.loading)) return;
    sparks.set(scenario, { ...(known || {}), loading: true, at: known ? known.at : 0 });
    const since = new Date(Math.floor(Date.now() / 3600000) * 3600000 - 23 * 3600000);
    try {
      const t = await get(scenarioPath(scenario, '/timeline'), { bucket: '1h', since: since.toISOString() });
      const values = new Array(24).fill(0);
      for (const b of t.buckets) {
        const i = Math.round((Date.parse(b.start) - since.getTime()) / 3600000);
        if (i >= 0 && i < 24) values[i] = b.failures;
      }
      const entry = { values, at: Date.now() };
      sparks.set(scenario, entry);
      if (!disposed && cell && cell.isConnected) drawSpark(cell, entry);
      if (sort === 'recent') scheduleResort();
    } catch (e) {
      sparks.delete(scenario);
    }
  }

  async function refresh() {
    await ctx.guard(async () => {
      performance.mark('overview-fetch-start');
      const data = await get('');
      if (disposed) return;
      performance.mark('overview-fetched');
      const first = cache === null;
      cache = data;
      cachedAt = Date.now();
      draw();
      if (first) performance.mark('overview-rendered');
      ctx.updated();
    });
  }

  draw();
  // Typing in the filter re-renders from the cache; the poll keeps it fresh.
  if (!cache || Date.now() - cachedAt > 2000) refresh();
  return {
    refresh,
    dispose() {
      disposed = true;
      observer.disconnect();
      clearTimeout(resort);
    },
  };
}

/** One scenario's row, built with plain DOM calls: 1,000 of them must render well under a second. */
function row(r) {
  const name = r.s.scenario;
  const tr = document.createElement('tr');
  tr.dataset.scenario = name;
  const th = document.createElement('th');
  th.scope = 'row';
  const a = document.createElement('a');
  a.href = hrefOf({ scenario: name });
  a.dataset.scenario = name;
  a.textContent = name;
  th.append(a);
  const events = cell('num', num(r.s.total_events));
  const last = document.createElement('td');
  last.append(timeEl(r.s.last_event));
  const failures = cell('num', num(r.failures));
  const spark = cell('spark', '');
  spark.dataset.scenario = name;
  drawSpark(spark, sparks.get(name));
  const state = document.createElement('td');
  state.append(badge(r.state));
  tr.append(th, events, last, failures, spark, state);
  return tr;
}

function cell(className, text) {
  const td = document.createElement('td');
  td.className = className;
  td.textContent = text;
  return td;
}

function drawSpark(cell, entry) {
  if (!entry || !entry.values) {
    cell.replaceChildren(el('span', { class: 'muted' }, '…'));
    return;
  }
  const sum = entry.values.reduce((a, b) => a + b, 0);
  cell.replaceChildren(el('span', { class: 'num recent-count' }, num(sum)), ' ', sparkline(entry.values));
}

/** A spark loaded in the last minute. */
function fresh(entry) {
  return Boolean(entry && entry.values && Date.now() - entry.at < 60000);
}

/** The failures of the last 24 h of a scenario, or null while they are not loaded. */
function recentOf(scenario) {
  const entry = sparks.get(scenario);
  return entry && entry.values ? entry.values.reduce((a, b) => a + b, 0) : null;
}

function total(counts) {
  return Object.values(counts || {}).reduce((a, b) => a + b, 0);
}
