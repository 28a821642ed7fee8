// A scenario's page: failures over time by type (stacked, with a time-range picker), the fleet
// view of its deployments, its recent failures with details, and the event log.

import { el, replace, timeEl, num, detailsBlock, badge, keepOpen, keepFocus } from './dom.js';
import { get, scenarioPath } from './api.js';
import { navigate, hrefOf, linkHandler } from './state.js';
import { failureChart } from './charts.js';
import { eventLog } from './events.js';

/** Time ranges offered, with the bucket width each is drawn in. */
const RANGES = { '1h': [3600, '1m'], '6h': [6 * 3600, '1m'], '24h': [86400, '1h'], '7d': [7 * 86400, '1h'],
  '30d': [30 * 86400, '1d'], '1y': [365 * 86400, '1d'] };
const STATUSES = ['failing', 'silent', 'ok'];

export function renderScenario(ctx, state) {
  const range = RANGES[state.range] ? state.range : '24h';
  const scenario = state.scenario;
  const stats = el('dl', { class: 'stats', id: 'stats' });
  // A figure named by its heading and described by the note under it; the canvas inside says its totals.
  const chart = el('div', { class: 'chart', id: 'failure-chart', role: 'figure', 'aria-labelledby': 'chart-title',
    'aria-describedby': 'chart-note' });
  const chartNote = el('p', { class: 'muted', id: 'chart-note', 'aria-live': 'polite' });
  const deployments = el('div', { id: 'deployments' });
  const failures = el('div', { id: 'recent-failures' });
  const logSection = el('section', { 'aria-labelledby': 'events-title' });
  let disposeChart = () => {};
  let disposed = false;

  const rangeSelect = el('select', { id: 'range', on: { change: (e) => navigate({ ...state, range: e.target.value }) } },
    Object.keys(RANGES).map((r) => el('option', { value: r, selected: r === range }, 'last ' + r)));
  const statusSelect = el('select', { id: 'status-filter',
    on: { change: (e) => navigate({ ...state, dstatus: e.target.value }) } },
    el('option', { value: '' }, 'any'),
    STATUSES.map((s) => el('option', { value: s, selected: state.dstatus === s }, s)));

  replace(ctx.main,
    el('nav', { 'aria-label': 'Breadcrumb', class: 'crumbs' },
      el('a', { href: hrefOf({}), id: 'back-overview', on: { click: linkHandler({}) } }, '← All scenarios')),
    el('h1', { id: 'scenario-title' }, scenario),
    stats,
    el('section', { 'aria-labelledby': 'chart-title' },
      el('h2', { id: 'chart-title' }, 'Failures over time'),
      el('div', { class: 'filters' }, el('label', { for: 'range' }, 'Time range'), rangeSelect),
      chart, chartNote),
    el('section', { 'aria-labelledby': 'deployments-title' },
      el('h2', { id: 'deployments-title' }, 'Deployments'),
      el('div', { class: 'filters' }, el('label', { for: 'status-filter' }, 'Status'), statusSelect),
      deployments),
    el('section', { 'aria-labelledby': 'failures-title' },
      el('h2', { id: 'failures-title' }, 'Recent failures'), failures),
    logSection);
  const log = eventLog(ctx, logSection, state);

  async function refresh() {
    await ctx.guard(async () => {
      let summary;
      try {
        summary = await get(scenarioPath(scenario));
      } catch (e) {
        if (e.status === 404) {
          replace(stats, el('p', { class: 'error', role: 'alert' }, 'No events for this scenario yet.'));
          return;
        }
        throw e;
      }
      const [width, bucket] = RANGES[range];
      const until = Date.now();
      const since = until - width * 1000;
      const [timeline, fleet] = await Promise.all([
        get(scenarioPath(scenario, '/timeline'), { bucket, since: new Date(since).toISOString() }),
        get(scenarioPath(scenario, '/deployments')),
      ]);
      if (disposed) return;
      drawStats(summary);
      disposeChart();
      disposeChart = failureChart(chart, timeline, since, until);
      const f = timeline.buckets.reduce((a, b) => a + b.failures, 0);
      const n = timeline.buckets.reduce((a, b) => a + b.events, 0);
      chartNote.textContent = plural(f, 'failure') + ' in ' + plural(n, 'event') + ', last ' + range + ', by ' + bucket
        + ' bucket';
      drawDeployments(fleet);
      drawFailures(summary.recent_failures);
      await log.refresh();
      ctx.updated();
    });
  }

  function drawStats(s) {
    const totalFailures = Object.values(s.failure_counts).reduce((a, b) => a + b, 0);
    replace(stats,
      el('div', {}, el('dt', {}, 'Events'), el('dd', {}, num(s.total_events))),
      el('div', {}, el('dt', {}, 'Last event'), el('dd', {}, timeEl(s.last_event))),
      el('div', {}, el('dt', {}, 'Failures'), el('dd', {}, num(totalFailures))),
      el('div', {}, el('dt', {}, 'Failure types'), el('dd', {}, Object.entries(s.failure_counts)
        .map(([type, n]) => type + ' ' + num(n)).join(', ') || '—')));
  }

  function drawDeployments(fleet) {
    const rows = fleet.deployments.filter((d) => !state.dstatus || d.status === state.dstatus);
    if (rows.length === 0) {
      replace(deployments, el('p', { class: 'muted' }, fleet.deployments.length
        ? 'No deployment has this status.' : 'No event carried a deployment_id.'));
      return;
    }
    keepFocus(deployments, () => replace(deployments, el('div', { class: 'table-wrap' }, el('table', { class: 'deployments' },
      el('caption', { class: 'sr-only' }, 'Deployments, most recently seen first'),
      el('thead', {}, el('tr', {}, ['Deployment', 'Status', 'Version', 'Platform', 'Last seen', 'First seen',
        'Starts', 'Crashes', 'Failures', 'Last failure'].map((h) => el('th', { scope: 'col',
        class: ['Starts', 'Crashes', 'Failures'].includes(h) ? 'num' : null }, h)))),
      el('tbody', {}, rows.map((d) => el('tr', { dataset: { deployment: d.deployment_id } },
        el('th', { scope: 'row' }, el('button', { type: 'button', class: 'linkish', title: 'Show its events',
          on: { click: () => navigate({ ...state, deployment: d.deployment_id, cursor: '' }) } }, d.deployment_id)),
        el('td', {}, badge(d.status)),
        el('td', {}, d.version || '—'),
        el('td', {}, d.platform || '—'),
        el('td', {}, timeEl(d.last_seen)),
        el('td', {}, timeEl(d.first_seen)),
        el('td', { class: 'num' }, num(d.starts)),
        el('td', { class: 'num' }, num(d.crashes)),
        el('td', { class: 'num' }, num(d.failures)),
        el('td', {}, d.last_failure ? [d.last_failure.event, ' ', timeEl(d.last_failure.timestamp)] : '—'))))))));
  }

  function drawFailures(list) {
    if (!list.length) {
      replace(failures, el('p', { class: 'muted' }, 'No failures.'));
      return;
    }
    keepOpen(failures, () => replace(failures, el('ol', { class: 'failures' }, list.map((f) => el('li', {},
      el('details', { dataset: { key: f.timestamp + '|' + f.event + '|' + (f.deployment_id || '') } },
        el('summary', {}, el('strong', { class: 'event-name' }, f.event), ' ', timeEl(f.timestamp),
          f.deployment_id ? [' on ', f.deployment_id] : ''),
        detailsBlock(f.details)))))));
  }

  function plural(n, word) {
    return num(n) + ' ' + word + (n === 1 ? '' : 's');
  }

  refresh();
  return {
    refresh,
    dispose() {
      disposed = true;
      disposeChart();
    },
  };
}
