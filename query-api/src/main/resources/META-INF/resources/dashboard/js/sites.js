// The sites: the list (paged) and a form that creates one.
import { get, call, query } from './api.js';
import { h, fill, number, count, table, field, notice } from './dom.js';

const LIMIT = 50;

/** The inputs of a site's fields, filled from `site` if given (the site page edits with the same). */
export function siteInputs(site = {}) {
  return {
    name: h('input', { name: 'name', required: true, maxlength: 200, value: site.name }),
    address: h('input', { name: 'address', maxlength: 500, value: site.address }),
    max_power_kw: h('input', { name: 'max_power_kw', type: 'number', min: 0, step: 'any', required: true,
      value: site.max_power_kw }),
    lat: h('input', { name: 'lat', type: 'number', min: -90, max: 90, step: 'any', value: site.lat }),
    lng: h('input', { name: 'lng', type: 'number', min: -180, max: 180, step: 'any', value: site.lng }),
  };
}

/** The labelled fields of siteInputs. */
export function siteFields(inputs) {
  return [field('Name', inputs.name), field('Address', inputs.address), field('Max power (kW)', inputs.max_power_kw),
    field('Latitude', inputs.lat), field('Longitude', inputs.lng)];
}

/** The body of a create or update from siteInputs: numbers as numbers, an empty optional field left out. */
export function siteBody(inputs) {
  const value = input => (input.value === '' ? undefined : input.type === 'number' ? Number(input.value) : input.value);
  return Object.fromEntries(Object.entries(inputs).map(([name, input]) => [name, value(input)]));
}

export async function render(main, _, search) {
  const offset = Number(search.get('offset') || 0);
  const page = await get('/api/v1/sites' + query({ limit: LIMIT, offset }));
  const inputs = siteInputs();
  const status = h('div', { 'aria-live': 'polite' });
  const form = h('form', { id: 'create-site', async onsubmit(event) {
    event.preventDefault();
    try {
      const site = await call('POST', '/api/v1/sites', siteBody(inputs));
      location.hash = `#/sites/${encodeURIComponent(site.site_id)}`;
    } catch (error) {
      fill(status, notice(error.message, 'error'));
    }
  } }, siteFields(inputs), h('button', { type: 'submit' }, 'Create site'));
  const go = to => { location.hash = '#/sites' + query({ offset: to }); };
  fill(main, h('h1', {}, 'Sites'),
    h('div', { class: 'table-wrap' }, table(count(page.total, 'site'),
      ['Site', 'Address', 'Chargers', 'Max power (kW)', 'Location'],
      page.sites.map(site => [h('a', { href: `#/sites/${encodeURIComponent(site.site_id)}` }, site.name),
        site.address || '–', number(site.charger_count), number(site.max_power_kw),
        site.lat === null ? '–' : `${site.lat}, ${site.lng}`]), { id: 'sites' })),
    h('div', { class: 'pager' },
      h('button', { type: 'button', class: 'secondary', disabled: offset === 0,
        onclick: () => go(Math.max(0, offset - LIMIT)) }, 'Previous'),
      h('button', { type: 'button', class: 'secondary', disabled: offset + LIMIT >= page.total,
        onclick: () => go(offset + LIMIT) }, 'Next')),
    h('section', {}, h('h2', {}, 'New site'), form, status));
}
