// Building the page: elements from data (never HTML from data, so nothing a charger or a user sends can inject
// markup), and the few formats every page shares.

/** An element: h('a', {href: '#/'}, 'text', child, ...). Attributes starting with "on" are listeners. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  element.append(...children.flat().filter(child => child !== undefined && child !== null && child !== false)
    .map(child => (child instanceof Node ? child : document.createTextNode(String(child)))));
  return element;
}

/** Replaces the children of `element`. */
export function fill(element, ...children) {
  element.replaceChildren();
  element.append(...h('div', {}, ...children).childNodes);
  return element;
}

/** A number as the API gives it, with thousands separators; a dash for none. */
export function number(value, digits) {
  if (value === null || value === undefined) return '–';
  return Number(value).toLocaleString('en-GB', digits === undefined ? {} : { maximumFractionDigits: digits });
}

/** "1 site", "12 sites": a count with its noun. */
export function count(n, noun) {
  return `${number(n)} ${noun}${n === 1 ? '' : 's'}`;
}

/** An ISO instant as a short UTC date and time ("2024-06-15 14:22:10 UTC"); a dash for none. */
export function instant(value) {
  return value ? `${value.replace('T', ' ').replace(/(\.\d+)?Z$/, '')} UTC` : '–';
}

/** A status as a coloured badge; the word is always written, so colour is never the only sign. */
export function badge(status) {
  return h('span', { class: `badge badge-${String(status || 'unknown').toLowerCase()}` }, status || 'Unknown');
}

/** A table with a caption, headers and rows (arrays of cells); an empty body says so. */
export function table(caption, headers, rows, attributes = {}) {
  return h('table', attributes,
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, headers.map(header => h('th', { scope: 'col' }, header)))),
    h('tbody', {}, rows.length === 0
      ? h('tr', {}, h('td', { colspan: headers.length, class: 'empty' }, 'None.'))
      : rows.map(cells => h('tr', {}, cells.map(cell => h('td', {}, cell))))));
}

/** A figure in a grid of cards (a dl's group): its label and value, named for tests and styles. */
export function card(name, label, value) {
  return h('div', { class: 'card', 'data-figure': name }, h('dt', {}, label), h('dd', {}, value));
}

/** A labelled form field; `input` is the control (its id ties the label to it). */
export function field(label, input, hint) {
  const id = input.id || `f-${Math.random().toString(36).slice(2)}`;
  input.id = id;
  return h('div', { class: 'field' }, h('label', { for: id }, label), input,
    hint ? h('small', {}, hint) : null);
}

/** A message in a live region, so screen readers announce it. */
export function notice(text, kind = 'info') {
  return h('p', { class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
}

/** "a minute ago"-free ISO date for a date input: yyyy-mm-dd of an instant, in UTC. */
export function day(date) {
  return date.toISOString().slice(0, 10);
}
