// Rendering. Every piece of data goes in through textContent (never innerHTML), and every element that shows
// text gets dir="auto", so an Arabic message reads right-to-left inside this left-to-right page.

export const $ = (id) => document.getElementById(id);

/** Creates an element: el('p', { className: 'x', dir: 'auto' }, 'text', child). Strings become text nodes. */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'className') node.className = value;
    else if (name === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export const text = (value, className) => el('span', { className, dir: 'auto' }, value ?? '');

export function show(node, visible) {
  node.hidden = !visible;
}

export function setText(node, value) {
  const next = value ?? '';
  if (node.textContent !== next) node.textContent = next;
}

export function duration(seconds) {
  const s = Math.max(0, Math.round(Number(seconds) || 0));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${m % 60} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function time(iso) {
  const at = iso ? new Date(iso) : null;
  if (!at || Number.isNaN(at.getTime())) return '';
  const today = new Date().toDateString() === at.toDateString();
  return today ? timeFormat.format(at) : dateTimeFormat.format(at);
}

export function dateTime(iso) {
  const at = iso ? new Date(iso) : null;
  return !at || Number.isNaN(at.getTime()) ? '' : dateTimeFormat.format(at);
}

/** A value from slots or attributes as one line: strings as they are, anything else as JSON. */
export function display(value) {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** Replaces a definition list's content with label/value rows; empty rows are left out. */
export function facts(list, rows, emptyText = 'None') {
  const items = rows.filter(([, value]) => value !== undefined && value !== null && value !== '');
  const children = items.length === 0
    ? [el('div', { className: 'fact-empty muted small' }, emptyText)]
    : items.map(([label, value, title]) => el('div', { className: 'fact' },
      el('dt', { dir: 'auto' }, label),
      el('dd', { dir: 'auto', title }, display(value))));
  list.replaceChildren(...children);
}

/**
 * Brings a list in line with items, keyed by key(item): reuses the element of a known key (so focus and scroll
 * survive a poll), creates new ones, drops stale ones, and keeps the order.
 */
export function reconcile(list, items, key, create, update) {
  const existing = new Map([...list.children].map((node) => [node.dataset.key, node]));
  let previous = null;
  for (const [index, item] of items.entries()) {
    const k = String(key(item, index));
    let node = existing.get(k);
    if (node) existing.delete(k);
    else {
      node = create(item);
      node.dataset.key = k;
    }
    update(node, item);
    const expected = previous ? previous.nextSibling : list.firstChild;
    if (expected !== node) list.insertBefore(node, expected);
    previous = node;
  }
  for (const stale of existing.values()) stale.remove();
}
