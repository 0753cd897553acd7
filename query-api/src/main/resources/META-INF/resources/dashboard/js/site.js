// One site: its live summary (read again every few seconds), its fields (edit, delete), its chargers (link,
// unlink) and its energy assets with their output (add, remove).
import { get, call } from './api.js';
import { h, fill, number, badge, table, field, notice, card } from './dom.js';
import { siteInputs, siteFields, siteBody } from './sites.js';

const REFRESH_MILLIS = 3_000;
const ASSET_TYPES = ['solar', 'battery', 'wind', 'generator'];
// one site page at a time: a render after an action replaces the page, and its refresh with it
let timer;

/** The page; `done` is what the action that led to it achieved, shown at its top. */
export async function render(main, [id], _, done) {
  const path = `/api/v1/sites/${encodeURIComponent(id)}`;
  const [site, chargers, assets] = await Promise.all([get(path),
    get(`/api/v1/cpo/fleet/chargers?site_id=${encodeURIComponent(id)}&limit=200`), get(`${path}/energy-assets`)]);
  const status = h('div', { 'aria-live': 'polite' }, done ? notice(done, 'ok') : null);
  const report = (text, kind) => fill(status, notice(text, kind));
  const act = async (what, achieved) => {
    try {
      await what();
    } catch (error) {
      return report(error.message, 'error');
    }
    await render(main, [id], _, achieved);
  };

  const summary = h('section', { id: 'site-summary' });
  const showSummary = async () => {
    const s = await get(`${path}/summary`);
    fill(summary, h('h2', {}, 'Live summary'), h('dl', { class: 'cards' },
      card('current_power_kw', 'Power (kW)', number(s.current_power_kw, 1)),
      card('headroom_kw', 'Headroom (kW)', number(s.headroom_kw, 1)),
      card('total', 'Chargers', number(s.chargers.total)), card('online', 'Online', number(s.chargers.online)),
      card('charging', 'Charging', number(s.chargers.charging)),
      card('available', 'Available', number(s.chargers.available)),
      card('faulted', 'Faulted', number(s.chargers.faulted)),
      card('active_sessions', 'Active sessions', number(s.active_sessions))),
    h('div', { class: 'table-wrap' }, table('Power per charger', ['Charger', 'Allocated (kW)', 'Drawn (kW)'],
      s.allocations.map(a => [a.charge_point_id, number(a.allocated_kw, 1), number(a.drawn_kw, 1)]))),
    h('div', { class: 'table-wrap' }, table('Energy assets, output', ['Asset', 'Type', 'Capacity (kW)', 'Output (kW)'],
      s.energy_assets.map(a => [a.name, a.type, number(a.capacity_kw), number(a.current_output_kw, 1)]))));
  };
  await showSummary();
  clearInterval(timer);
  timer = setInterval(() => showSummary().catch(() => {}), REFRESH_MILLIS);

  const inputs = siteInputs(site);
  const edit = h('form', { id: 'edit-site', onsubmit(event) {
    event.preventDefault();
    act(() => call('PATCH', path, siteBody(inputs)), 'Site saved.');
  } }, siteFields(inputs), h('button', { type: 'submit' }, 'Save'),
  h('button', { type: 'button', class: 'danger', onclick() {
    if (!confirm(`Delete ${site.name}? Its chargers stay in the fleet, unlinked.`)) return;
    call('DELETE', path).then(() => { location.hash = '#/sites'; }, error => report(error.message, 'error'));
  } }, 'Delete site'));

  const chargerId = h('input', { required: true, autocomplete: 'off' });
  const link = h('form', { id: 'link-charger', onsubmit(event) {
    event.preventDefault();
    const cp = chargerId.value.trim();
    act(() => call('POST', `${path}/chargers/${encodeURIComponent(cp)}/link`), `${cp} linked.`);
  } }, field('Charger id', chargerId), h('button', { type: 'submit' }, 'Link charger'));

  const asset = { type: h('select', {}, ASSET_TYPES.map(t => h('option', { value: t }, t))),
    name: h('input', { required: true, maxlength: 200 }),
    capacity: h('input', { type: 'number', min: 0, step: 'any', required: true }) };
  const addAsset = h('form', { id: 'add-asset', onsubmit(event) {
    event.preventDefault();
    act(() => call('POST', `${path}/energy-assets`, { type: asset.type.value, name: asset.name.value,
      capacity_kw: Number(asset.capacity.value) }), `${asset.name.value} added.`);
  } }, field('Type', asset.type), field('Name', asset.name), field('Capacity (kW)', asset.capacity),
  h('button', { type: 'submit' }, 'Add energy asset'));

  fill(main, h('h1', {}, site.name), status, summary,
    h('section', {}, h('h2', {}, 'Chargers'), h('div', { class: 'table-wrap' }, table('Linked chargers',
      ['Charger', 'Status', ''], chargers.chargers.map(c => [
        h('a', { href: `#/chargers/${encodeURIComponent(c.charge_point_id)}` }, c.charge_point_id), badge(c.status),
        h('button', { type: 'button', class: 'secondary', 'aria-label': `Unlink ${c.charge_point_id}`,
          onclick: () => act(() => call('DELETE', `${path}/chargers/${encodeURIComponent(c.charge_point_id)}`),
            `${c.charge_point_id} unlinked.`) }, 'Unlink')]), { id: 'site-chargers' })), link),
    h('section', {}, h('h2', {}, 'Energy assets'), h('div', { class: 'table-wrap' }, table('Energy assets',
      ['Asset', 'Type', 'Capacity (kW)', ''], assets.energy_assets.map(a => [a.name, a.type, number(a.capacity_kw),
        h('button', { type: 'button', class: 'secondary', 'aria-label': `Remove ${a.name}`,
          onclick: () => act(() => call('DELETE', `${path}/energy-assets/${encodeURIComponent(a.asset_id)}`),
            `${a.name} removed.`) }, 'Remove')]))), addAsset),
    h('section', {}, h('h2', {}, 'Site details'), edit));
  return () => clearInterval(timer);
}
