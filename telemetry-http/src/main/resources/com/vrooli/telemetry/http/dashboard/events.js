// The event log of a scenario: every filter of the events endpoint (level, search, event,
// deployment, time range) and paging by cursor, all kept in the URL.

import { el, replace, timeEl, detailsBlock, badge, keepOpen } from './dom.js';
import { get, scenarioPath } from './api.js';
import { navigate } from './state.js';

export const FILTER_KEYS = ['level', 'search', 'event', 'deployment', 'since', 'until', 'cursor'];

/** Renders the event log section into section; returns {refresh}. */
export function eventLog(ctx, section, state) {
  const body = el('div', { id: 'event-log' });
  const form = filterForm(state);
  replace(section, el('h2', { id: 'events-title' }, 'Event log'), form, body);

  async function refresh() {
    const params = {
      level: state.level, search: state.search, event: state.event, deployment_id: state.deployment,
      since: state.since, until: state.until, cursor: state.cursor, limit: 50,
    };
    try {
      const page = await get(scenarioPath(state.scenario, '/events'), params);
      keepOpen(body, () => replace(body, table(page.events, state), pager(page, state)));
    } catch (e) {
      if (e.status === 400) {
        replace(body, el('p', { class: 'error', role: 'alert' }, e.message));
        return;
      }
      throw e;
    }
  }

  return { refresh };
}

function filterForm(state) {
  const field = (id, label, input) => el('div', { class: 'field' }, el('label', { for: id }, label), input);
  const level = el('select', { id: 'f-level', name: 'level' },
    el('option', { value: '' }, 'any'),
    ['info', 'warn', 'error'].map((l) => el('option', { value: l, selected: state.level === l }, l + ' and above')));
  const search = el('input', { id: 'f-search', name: 'search', type: 'search', value: state.search || '' });
  const event = el('input', { id: 'f-event', name: 'event', type: 'text', value: state.event || '',
    placeholder: 'e.g. crash,ready' });
  const deployment = el('input', { id: 'f-deployment', name: 'deployment', type: 'text',
    value: state.deployment || '' });
  const since = el('input', { id: 'f-since', name: 'since', type: 'datetime-local', step: 1,
    value: toLocalInput(state.since) });
  const until = el('input', { id: 'f-until', name: 'until', type: 'datetime-local', step: 1,
    value: toLocalInput(state.until) });
  const form = el('form', { class: 'filters', 'aria-labelledby': 'events-title' },
    field('f-level', 'Level', level), field('f-search', 'Search', search), field('f-event', 'Event', event),
    field('f-deployment', 'Deployment', deployment), field('f-since', 'Since (local time)', since),
    field('f-until', 'Until (local time)', until),
    el('div', { class: 'buttons' },
      el('button', { type: 'submit', id: 'f-apply' }, 'Apply filters'),
      el('button', { type: 'button', id: 'f-clear', on: { click: () => navigate(clear(state)) } }, 'Clear')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    navigate({ ...state, level: level.value, search: search.value.trim(), event: event.value.trim(),
      deployment: deployment.value.trim(), since: fromLocalInput(since.value), until: fromLocalInput(until.value),
      cursor: '' });
  });
  return form;
}

function table(events, state) {
  if (events.length === 0) return el('p', { class: 'muted', id: 'no-events' }, 'No matching events.');
  return el('div', { class: 'table-wrap' }, el('table', { class: 'events' },
    el('caption', { class: 'sr-only' }, 'Events, newest first'),
    el('thead', {}, el('tr', {}, ['Time', 'Level', 'Event', 'Deployment', 'Details'].map((h) =>
      el('th', { scope: 'col' }, h)))),
    el('tbody', {}, events.map((e) => el('tr', { class: 'event-row', dataset: { key: rowKey(e) } },
      el('td', {}, timeEl(e.timestamp)),
      el('td', {}, badge(e.level)),
      el('td', { class: 'event-name' }, e.event),
      el('td', {}, e.deployment_id
        ? el('button', { type: 'button', class: 'linkish', title: 'Show only this deployment',
          on: { click: () => navigate({ ...state, deployment: e.deployment_id, cursor: '' }) } }, e.deployment_id)
        : el('span', { class: 'muted' }, '—')),
      el('td', {}, detailsBlock(e.details, rowKey(e))))))));
}

/** An event's key across refreshes: its id, else its time and type. */
function rowKey(e) {
  return e.event_id || e.timestamp + '|' + e.event;
}

function pager(page, state) {
  return el('nav', { class: 'pager', 'aria-label': 'Event pages' },
    state.cursor ? el('button', { type: 'button', id: 'page-newest',
      on: { click: () => navigate({ ...state, cursor: '' }) } }, '← Newest') : null,
    page.next_cursor ? el('button', { type: 'button', id: 'page-older',
      on: { click: () => navigate({ ...state, cursor: page.next_cursor }) } }, 'Older events →') : null);
}

function clear(state) {
  const next = { ...state };
  FILTER_KEYS.forEach((k) => delete next[k]);
  return next;
}

function toLocalInput(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (isNaN(d)) return '';
  const pad = (n) => String(n).padStart(2, '0');
  return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + 'T' + pad(d.getHours()) + ':'
    + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
}

function fromLocalInput(value) {
  if (!value) return '';
  const d = new Date(value);
  return isNaN(d) ? '' : d.toISOString();
}
