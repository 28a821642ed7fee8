// Building DOM nodes safely: every string becomes a text node or an attribute value, never markup.
// Nothing in the dashboard assigns innerHTML, so a string from an event can never become an element.

/**
 * Creates an element. attrs: plain attributes (set with setAttribute), plus `on` (event handlers by
 * name) and `dataset`. children: nodes, strings (as text), numbers, arrays, null/false (skipped).
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

/** An SVG element (for sparklines). */
export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

function setAttrs(node, attrs) {
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'on') {
      for (const [type, fn] of Object.entries(value)) node.addEventListener(type, fn);
    } else if (name === 'dataset') {
      Object.assign(node.dataset, value);
    } else {
      node.setAttribute(name, value === true ? '' : String(value));
    }
  }
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces a node's children. */
export function replace(node, ...children) {
  node.replaceChildren();
  append(node, children);
}

/** "3 min ago" style text for a timestamp, with the exact time kept for a title. */
export function ago(iso, now = Date.now()) {
  if (!iso) return '—';
  const s = Math.round((now - Date.parse(iso)) / 1000);
  if (s < 0) return 'in the future';
  if (s < 60) return s + ' s ago';
  if (s < 3600) return Math.floor(s / 60) + ' min ago';
  if (s < 86400) return Math.floor(s / 3600) + ' h ago';
  return Math.floor(s / 86400) + ' d ago';
}

/** A <time> element showing relative time, the ISO time as its title. */
export function timeEl(iso) {
  if (!iso) return el('span', {}, '—');
  return el('time', { datetime: iso, title: iso }, ago(iso));
}

/** One formatter for every number: toLocaleString would build a new one per call (slow for 1,000 rows). */
const NUMBER = new Intl.NumberFormat('en-US');

/** A number with thousands separators. */
export function num(n) {
  return NUMBER.format(Number(n || 0));
}

/** A collapsible block showing JSON details as text. */
export function detailsBlock(details, key, label = 'details') {
  if (details === undefined || details === null) return el('span', { class: 'muted' }, '—');
  const text = JSON.stringify(details, null, 2);
  const preview = JSON.stringify(details);
  return el('details', { class: 'json', dataset: key ? { key } : undefined },
    el('summary', {}, preview.length > 80 ? preview.slice(0, 80) + '…' : preview),
    el('pre', { 'aria-label': label }, text));
}

/** A status badge. */
export function badge(status) {
  return el('span', { class: 'badge badge-' + status }, status);
}

/**
 * Re-renders container with draw() while keeping open the <details> that were open (matched by
 * their data-key), so a live refresh does not fold what someone is reading.
 */
export function keepOpen(container, draw) {
  const open = new Set([...container.querySelectorAll('details[open][data-key]')].map((d) => d.dataset.key));
  draw();
  for (const d of container.querySelectorAll('details[data-key]')) {
    if (open.has(d.dataset.key)) d.open = true;
  }
}
