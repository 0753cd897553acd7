// The fleet's chargers: GET /api/v1/cpo/fleet/chargers with its status and site filters and its paging, and a
// search that opens a charger by its id. The filters live in the address (#/chargers?status=…), so a view can be
// bookmarked and the back button works.
import { get, all, query } from './api.js';
import { h, fill, number, count, instant, badge, table, field, notice } from './dom.js';

const LIMIT = 50;
const STATUSES = ['online', 'offline', 'charging', 'available', 'faulted'];

export async function render(main, _, search) {
  const status = search.get('status') || '';
  const siteId = search.get('site_id') || '';
  const offset = Number(search.get('offset') || 0);
  const [page, sites] = await Promise.all([
    get('/api/v1/cpo/fleet/chargers' + query({ status, site_id: siteId, limit: LIMIT, offset })),
    all('/api/v1/sites', 'sites')]);
  const siteNames = new Map(sites.map(site => [site.site_id, site.name]));
  const go = changes => {
    location.hash = '#/chargers' + query({ status, site_id: siteId, ...changes });
  };

  const statusSelect = h('select', { id: 'filter-status', onchange: e => go({ status: e.target.value, offset: 0 }) },
    h('option', { value: '' }, 'Any status'),
    STATUSES.map(s => h('option', { value: s, selected: s === status }, s[0].toUpperCase() + s.slice(1))));
  const siteSelect = h('select', { id: 'filter-site', onchange: e => go({ site_id: e.target.value, offset: 0 }) },
    h('option', { value: '' }, 'Any site'),
    sites.map(site => h('option', { value: site.site_id, selected: site.site_id === siteId }, site.name)));
  const id = h('input', { id: 'search-id', type: 'search', placeholder: 'e.g. CP-001', autocomplete: 'off' });
  const found = h('div', { 'aria-live': 'polite' });
  const searchForm = h('form', { role: 'search', async onsubmit(event) {
    event.preventDefault();
    const wanted = id.value.trim();
    if (!wanted) return;
    try {
      await get(`/api/v1/cpo/chargers/${encodeURIComponent(wanted)}`);
      location.hash = `#/chargers/${encodeURIComponent(wanted)}`;
    } catch (error) {
      fill(found, notice(error.status === 404 ? `No charger ${wanted} in your fleet.` : error.message, 'error'));
    }
  } }, field('Charger id', id), h('button', { type: 'submit' }, 'Open'));

  const rows = page.chargers.map(c => [
    h('a', { href: `#/chargers/${encodeURIComponent(c.charge_point_id)}` }, c.charge_point_id),
    c.site_id ? h('a', { href: `#/sites/${encodeURIComponent(c.site_id)}` }, siteNames.get(c.site_id) || c.site_id) : '–',
    [c.vendor, c.model].filter(Boolean).join(' ') || '–',
    c.firmware_version || '–',
    badge(c.status),
    instant(c.last_seen),
    h('span', {}, c.connectors.map((k, i) => [i ? ', ' : '', `#${k.connector_id} ${k.type || ''} `, badge(k.status)])),
  ]);
  const first = page.total === 0 ? 0 : offset + 1;
  const pager = h('div', { class: 'pager' },
    h('button', { type: 'button', class: 'secondary', disabled: offset === 0,
      onclick: () => go({ offset: Math.max(0, offset - LIMIT) }) }, 'Previous'),
    h('span', { id: 'page-range' }, `${first}–${offset + page.chargers.length} of ${number(page.total)}`),
    h('button', { type: 'button', class: 'secondary', disabled: offset + LIMIT >= page.total,
      onclick: () => go({ offset: offset + LIMIT }) }, 'Next'));
  fill(main, h('h1', {}, 'Chargers'),
    h('section', {}, h('form', { onsubmit: e => e.preventDefault() }, field('Status', statusSelect),
      field('Site', siteSelect)), searchForm, found),
    h('div', { class: 'table-wrap' }, table(count(page.total, 'charger'),
      ['Charger', 'Site', 'Vendor and model', 'Firmware', 'Status', 'Last seen', 'Connectors'], rows,
      { id: 'chargers' })), pager);
}
