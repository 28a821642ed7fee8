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
 * their data-key), so a live refresh does not fold what someone is reading, and the focus where
 * it was (see keepFocus).
 */
export function keepOpen(container, draw) {
  const open = new Set([...container.querySelectorAll('details[open][data-key]')].map((d) => d.dataset.key));
  keepFocus(container, draw);
  for (const d of container.querySelectorAll('details[data-key]')) {
    if (open.has(d.dataset.key)) d.open = true;
  }
}

/** What identifies a rendered item across re-renders: its data-key, data-deployment or data-scenario. */
const ITEM_KEYS = ['key', 'deployment', 'scenario'];
const ITEM = ITEM_KEYS.map((k) => '[data-' + k + ']').join(', ');
const FOCUSABLE = 'a[href], button, input, select, textarea, summary, [tabindex]';

/**
 * Re-renders container with draw() and gives the focus back to the same control of the same item
 * (matched by the keys above) when it was inside: a live refresh every few seconds must not throw
 * a keyboard user back to the top of the page.
 */
export function keepFocus(container, draw) {
  const active = document.activeElement;
  if (!active || active === container || !container.contains(active)) {
    draw();
    return;
  }
  const item = active.closest(ITEM);
  if (!item || !container.contains(item)) {
    // A control outside any item (a pager button): found again by its id, if it has one.
    const id = active.id;
    draw();
    const again = id ? document.getElementById(id) : null;
    if (again && container.contains(again)) again.focus({ preventScroll: true });
    return;
  }
  const key = ITEM_KEYS.find((k) => item.dataset[k] !== undefined);
  const value = item.dataset[key];
  const index = [...item.querySelectorAll(FOCUSABLE)].indexOf(active);
  draw();
  const again = [...container.querySelectorAll(item.tagName + '[data-' + key + ']')]
    .find((n) => n.dataset[key] === value);
  const target = again && (index < 0 ? again : again.querySelectorAll(FOCUSABLE)[index]);
  if (target) target.focus({ preventScroll: true });
}
