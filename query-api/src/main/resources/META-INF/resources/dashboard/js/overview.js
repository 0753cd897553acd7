// The fleet at a glance: the summary's figures, live from GET /api/v1/cpo/fleet/live (server-sent events), and a
// map of the sites drawn from their coordinates (no tile server: dots on longitude/latitude axes).
/* global echarts */
import { get, all, stream } from './api.js';
import { h, fill, number, count, notice, table, card } from './dom.js';
import { chart, disposeAll } from './charts.js';

const FIGURES = [
  ['total_chargers', 'Chargers'], ['online', 'Online'], ['offline', 'Offline'], ['charging', 'Charging'],
  ['available', 'Available'], ['faulted', 'Faulted'], ['active_sessions', 'Active sessions'],
];

export async function render(main) {
  const sites = await all('/api/v1/sites', 'sites');
  const cards = h('dl', { class: 'cards', id: 'fleet-figures' });
  const state = h('p', { class: 'live', id: 'live-state', 'data-state': 'connecting', 'aria-live': 'off' },
    'Connecting…');
  const show = live => {
    const s = live.summary;
    fill(cards, ...FIGURES.map(([name, label]) => card(name, label, number(s[name]))),
      card('total_energy_today_kwh', 'Energy today (kWh)', number(s.total_energy_today_kwh, 1)),
      card('current_power_kw', 'Power at sites (kW)', number(live.current_power_kw, 1)));
    fill(state, `Live · updated ${new Date().toLocaleTimeString('en-GB')}`);
  };
  show({ summary: await get('/api/v1/cpo/fleet/summary'), current_power_kw: null });
  const stop = stream('/api/v1/cpo/fleet/live', show, value => {
    state.dataset.state = value;
    if (value === 'reconnecting') fill(state, 'Reconnecting…');
  });
  const located = sites.filter(site => site.lat !== null && site.lng !== null);
  const map = chart('Map of the sites by longitude and latitude', {
    tooltip: { trigger: 'item', formatter: p => `${p.data.name}<br>${p.data.value[2]} chargers` },
    // a degree's margin around the sites, whole degrees
    xAxis: { type: 'value', name: 'Longitude', min: v => Math.floor(v.min - 1), max: v => Math.ceil(v.max + 1) },
    yAxis: { type: 'value', name: 'Latitude', min: v => Math.floor(v.min - 1), max: v => Math.ceil(v.max + 1) },
    series: [{ type: 'scatter', label: { show: true, position: 'right', formatter: '{b}' }, symbolSize: p => 10 + Math.min(30, Math.sqrt(p[2]) * 4),
      data: located.map(site => ({ name: site.name, id: site.site_id, value: [site.lng, site.lat, site.charger_count] })) }],
  }, 'map');
  echarts.getInstanceByDom(map).on('click', p => { location.hash = `#/sites/${encodeURIComponent(p.data.id)}`; });
  fill(main, h('h1', {}, 'Fleet overview'), cards, state,
    h('section', {}, h('h2', {}, 'Sites'), located.length ? map : notice('No site has coordinates yet.'),
      h('div', { class: 'table-wrap' }, table(count(sites.length, 'site'), ['Site', 'Address', 'Chargers', 'Max power (kW)'],
        sites.map(site => [h('a', { href: `#/sites/${encodeURIComponent(site.site_id)}` }, site.name),
          site.address || '–', number(site.charger_count), number(site.max_power_kw)])))));
  return () => { stop(); disposeAll(); };
}
