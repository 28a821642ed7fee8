// Charts: a tiny SVG sparkline for table rows, and the stacked failures-over-time chart (uPlot,
// served from the server's own jar).

import uPlot from './vendor/uPlot.esm.js';
import { el, svg } from './dom.js';

/** Colours for failure types, chosen to stay distinct on light and dark backgrounds. */
const PALETTE = ['#d1495b', '#2e86ab', '#edae49', '#00798c', '#8e6c8a', '#66a182', '#e07a5f', '#3d5a80',
  '#b56576', '#7f8c8d'];

/** A 24-point sparkline as an SVG element (no data strings are involved: numbers only). */
export function sparkline(values, width = 96, height = 20) {
  const max = Math.max(1, ...values);
  const step = width / Math.max(1, values.length - 1);
  const points = values.map((v, i) => (i * step).toFixed(1) + ',' + (height - 1 - (v / max) * (height - 2)).toFixed(1));
  const sum = values.reduce((a, b) => a + b, 0);
  return svg('svg', { class: 'sparkline', width, height, viewBox: '0 0 ' + width + ' ' + height, role: 'img',
    'aria-label': sum + ' failures in the last 24 hours, by hour' },
  svg('polyline', { points: points.join(' '), fill: 'none', 'stroke-width': '1.5' }));
}

/**
 * Draws failures per bucket, stacked by type, into container. timeline: the API's answer;
 * sinceMs/untilMs: the range shown (empty buckets drawn as zero). Returns a disposer.
 */
export function failureChart(container, timeline, sinceMs, untilMs) {
  const step = timeline.bucket_seconds;
  const first = Math.floor(sinceMs / 1000 / step) * step;
  const last = Math.floor(untilMs / 1000 / step) * step;
  const xs = [];
  for (let t = first; t <= last; t += step) xs.push(t);
  const index = new Map(xs.map((t, i) => [t, i]));
  const types = [...new Set(timeline.buckets.flatMap((b) => Object.keys(b.failures_by_type)))].sort();
  const raw = types.map(() => new Array(xs.length).fill(0));
  for (const b of timeline.buckets) {
    const i = index.get(Date.parse(b.start) / 1000);
    if (i === undefined) continue;
    types.forEach((type, k) => { raw[k][i] = b.failures_by_type[type] || 0; });
  }
  if (types.length === 0) {
    container.replaceChildren(el('p', { class: 'muted empty-chart' }, 'No failures in this range.'));
    return () => {};
  }
  // Stacked: series k holds types 0..k summed; drawn tallest first so each shorter one paints over it.
  const stacks = [];
  let running = new Array(xs.length).fill(0);
  for (let k = 0; k < types.length; k++) {
    running = running.map((v, i) => v + raw[k][i]);
    stacks.push(running);
  }
  const order = types.map((_, k) => types.length - 1 - k);
  const ink = getComputedStyle(document.body).color;
  const grid = getComputedStyle(document.body).getPropertyValue('--grid').trim() || 'rgba(128,128,128,0.3)';
  const axis = { stroke: ink, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid } };
  const bars = uPlot.paths.bars({ size: [0.8, 40] });
  const opts = {
    width: Math.max(320, container.clientWidth || 640),
    height: 260,
    // Half a bucket of room each side, so the first and last bars are drawn whole.
    scales: { x: { time: true, range: () => [first - step / 2, last + step / 2] },
      y: { range: (u, min, max) => [0, Math.max(1, max)] } },
    axes: [axis, { ...axis, label: 'failures' }],
    legend: { live: true },
    series: [{ label: 'time' }].concat(order.map((k) => ({
      label: types[k],
      stroke: PALETTE[k % PALETTE.length],
      fill: PALETTE[k % PALETTE.length],
      paths: bars,
      points: { show: false },
      value: (u, v, si, i) => (i === null || i === undefined ? '—' : String(raw[k][i])),
    }))),
  };
  // Empty buckets as gaps (null), not as zero-height bars drawn as a line along the axis.
  const data = [xs].concat(order.map((k) => stacks[k].map((v) => (v === 0 ? null : v))));
  container.replaceChildren();
  const plot = new uPlot(opts, data, container);
  // A canvas says nothing to a screen reader: name it with what it draws, in words.
  const canvas = plot.ctx.canvas;
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', 'Stacked bars of failures per ' + bucketWords(step) + ', by type: '
    + types.map((type, k) => type + ' ' + raw[k].reduce((a, b) => a + b, 0)).join(', '));
  const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(320, container.clientWidth), height: 260 }));
  resize.observe(container);
  return () => {
    resize.disconnect();
    plot.destroy();
  };
}

function bucketWords(seconds) {
  return seconds >= 86400 ? 'day' : seconds >= 3600 ? 'hour' : 'minute';
}
