// Uptime per charger and per site, utilisation per bucket and errors by code over a chosen period, all from the
// analytics endpoints; each chart has its figures in a table beside it, and the definitions shown are the API's
// own (the OpenAPI document's descriptions of the endpoints).
import { get, all, pages, query } from './api.js';
import { h, fill, number, table, field, notice, day } from './dom.js';
import { chart, disposeAll } from './charts.js';

const DAY = 86_400_000;
const GRANULARITIES = ['hour', 'day', 'week', 'month'];
const MAX_ERRORS = 2_000;
let definitions;

export async function render(main, _, search) {
  const to = search.get('to') || day(new Date(Date.now() + DAY));
  const from = search.get('from') || day(new Date(Date.parse(to) - 30 * DAY));
  const siteId = search.get('site_id') || '';
  const granularity = search.get('granularity') || 'day';
  const period = { from, to, site_id: siteId };
  const [uptime, utilisation, errors, sites, openapi] = await Promise.all([
    get('/api/v1/cpo/fleet/uptime' + query(period)),
    get('/api/v1/cpo/fleet/utilisation' + query({ ...period, granularity })).catch(error => error),
    pages('/api/v1/cpo/fleet/errors', 'errors', { from, to }, MAX_ERRORS),
    all('/api/v1/sites', 'sites'),
    definitions || (definitions = get('/q/openapi?format=json').catch(error => {
      definitions = null; // asked again next time
      throw error;
    }))]);
  const describe = path => h('p', { class: 'definition' }, openapi.paths[path].get.description);
  const siteNames = new Map(sites.map(site => [site.site_id, site.name]));

  const inputs = {
    // a period given to the second in the address (a link, a test) shows its dates here
    from: h('input', { type: 'date', value: from.slice(0, 10), required: true }),
    to: h('input', { type: 'date', value: to.slice(0, 10), required: true }),
    site: h('select', {}, h('option', { value: '' }, 'Every site'),
      sites.map(site => h('option', { value: site.site_id, selected: site.site_id === siteId }, site.name))),
    granularity: h('select', {}, GRANULARITIES.map(g => h('option', { value: g, selected: g === granularity }, g))),
  };
  const form = h('form', { id: 'period', onsubmit(event) {
    event.preventDefault();
    location.hash = '#/analytics' + query({ from: inputs.from.value, to: inputs.to.value,
      site_id: inputs.site.value, granularity: inputs.granularity.value });
  } }, field('From (UTC)', inputs.from), field('To (UTC, not included)', inputs.to), field('Site', inputs.site),
  field('Utilisation by', inputs.granularity), h('button', { type: 'submit' }, 'Show'));

  fill(main, h('h1', {}, 'Analytics'), h('section', {}, form),
    uptimeSection(uptime, siteNames, describe('/api/v1/cpo/fleet/uptime')),
    siteUptimeSection(uptime, siteNames),
    utilisation instanceof Error ? h('section', {}, h('h2', {}, 'Utilisation'), notice(utilisation.message, 'error'))
      : utilisationSection(utilisation, describe('/api/v1/cpo/fleet/utilisation')),
    errorsSection(errors, describe('/api/v1/cpo/fleet/errors')));
  return disposeAll;
}

function uptimeSection(uptime, siteNames, definition) {
  const rows = uptime.chargers;
  const element = chart('Uptime per charger, percent', {
    xAxis: { type: 'category', data: rows.map(c => c.charge_point_id), axisLabel: { rotate: rows.length > 8 ? 45 : 0 } },
    yAxis: { type: 'value', min: 0, max: 100, name: '%' },
    series: [{ type: 'bar', name: 'Uptime %', data: rows.map(c => c.uptime_percent) }],
  });
  element.id = 'uptime-chart';
  return h('section', {}, h('h2', {}, 'Uptime per charger'), element,
    sortable('Uptime per charger', ['Charger', 'Site', 'Uptime %', 'Downtime (min)', 'Maintenance (min)'],
      rows.map(c => [c.charge_point_id, siteNames.get(c.site_id) || c.site_id || '–', c.uptime_percent,
        c.downtime_minutes, c.maintenance_minutes]), 'uptime'),
    h('details', {}, h('summary', {}, 'How uptime is defined'), definition));
}

/** A site's uptime: the mean of its chargers' uptime (those with counted time), as NEVI reports per port. */
function siteUptimeSection(uptime, siteNames) {
  const bySite = new Map();
  for (const c of uptime.chargers) {
    if (c.site_id === null || c.uptime_percent === null) continue;
    bySite.set(c.site_id, [...(bySite.get(c.site_id) || []), c.uptime_percent]);
  }
  const rows = [...bySite].map(([site, values]) => [siteNames.get(site) || site, values.length,
    Math.round(values.reduce((a, b) => a + b, 0) / values.length * 10) / 10]);
  const element = chart('Mean uptime per site, percent', {
    xAxis: { type: 'category', data: rows.map(([site]) => site) },
    yAxis: { type: 'value', min: 0, max: 100, name: '%' },
    series: [{ type: 'bar', name: 'Mean uptime %', data: rows.map(([, , mean]) => mean) }],
  });
  element.id = 'site-uptime-chart';
  return h('section', {}, h('h2', {}, 'Uptime per site'), rows.length ? element : null,
    sortable('Uptime per site', ['Site', 'Chargers counted', 'Mean uptime %'], rows, 'site-uptime'),
    h('p', { class: 'definition' }, "A site's uptime is the mean of its chargers' uptime over the period, rounded "
      + 'to 0.1; a charger with nothing counted (null) is left out. Chargers count at their current site.'));
}

function utilisationSection(utilisation, definition) {
  const buckets = new Map();
  for (const c of utilisation.chargers) {
    for (const b of c.buckets) {
      const seen = buckets.get(b.period_start) || [];
      if (b.utilisation_percent !== null) seen.push(b.utilisation_percent);
      buckets.set(b.period_start, seen);
    }
  }
  const rows = [...buckets].map(([start, values]) => [start, values.length,
    values.length ? Math.round(values.reduce((a, b) => a + b, 0) / values.length * 10) / 10 : null]);
  // a bucket by its start, as far as its granularity needs: 2024-06-01 14h, 2024-06-01, 2024-06
  const label = start => ({ hour: `${start.slice(0, 10)} ${start.slice(11, 13)}h`, month: start.slice(0, 7) }
    [utilisation.granularity] || start.slice(0, 10));
  const element = chart(`Mean utilisation per ${utilisation.granularity}, percent`, {
    xAxis: { type: 'category', data: rows.map(([start]) => label(start)) },
    yAxis: { type: 'value', min: 0, max: 100, name: '%' },
    series: [{ type: 'bar', name: 'Mean utilisation %', data: rows.map(([, , mean]) => mean) }],
  });
  element.id = 'utilisation-chart';
  return h('section', {}, h('h2', {}, `Utilisation by ${utilisation.granularity}`), element,
    h('details', {}, h('summary', {}, 'The figures'), table('Utilisation per bucket',
      ['Bucket start', 'Chargers online', 'Mean utilisation %'], rows.map(([s, n, m]) => [s, n, number(m, 1)]))),
    h('p', { class: 'definition' }, 'Each bar is the mean of the chargers that were online in the bucket.'),
    h('details', {}, h('summary', {}, 'How utilisation is defined'), definition));
}

function errorsSection({ items: errors, total }, definition) {
  const codes = [...new Set(errors.map(e => e.error_code))].sort();
  const days = [...new Set(errors.map(e => e.timestamp.slice(0, 10)))].sort();
  const count = (code, d) => errors.filter(e => e.error_code === code && e.timestamp.startsWith(d)).length;
  const element = chart('Errors by code per day', {
    legend: {},
    xAxis: { type: 'category', data: days },
    yAxis: { type: 'value', minInterval: 1 },
    series: codes.map(code => ({ type: 'bar', stack: 'errors', name: code, data: days.map(d => count(code, d)) })),
  });
  return h('section', {}, h('h2', {}, 'Errors by code'),
    errors.length ? element : notice('No error in this period.'),
    errors.length < total ? notice(`The chart shows the newest ${errors.length} of ${total} errors.`) : null,
    sortable('Errors by code', ['Code', 'Errors'], codes.map(code => [code, errors.filter(e => e.error_code === code)
      .length]), 'errors-by-code'),
    h('details', {}, h('summary', {}, 'What counts as an error'), definition));
}

/** A table whose column headers sort it (ascending, then descending), announced by aria-sort. */
function sortable(caption, headers, rows, id) {
  let column = 0;
  let ascending = true;
  const wrap = h('div', { class: 'table-wrap' });
  const draw = () => {
    const sorted = [...rows].sort((a, b) => compare(a[column], b[column]) * (ascending ? 1 : -1));
    const built = table(caption, headers, sorted.map(row => row.map(cell => (typeof cell === 'number'
      ? number(cell) : cell ?? '–'))), { id });
    built.querySelectorAll('th').forEach((th, i) => {
      th.setAttribute('aria-sort', i === column ? (ascending ? 'ascending' : 'descending') : 'none');
      th.replaceChildren(h('button', { type: 'button', onclick() {
        ascending = i === column ? !ascending : true;
        column = i;
        draw();
        wrap.querySelectorAll('th button')[i].focus();
      } }, headers[i]));
    });
    wrap.replaceChildren(built);
  };
  draw();
  return wrap;
}

function compare(a, b) {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  return typeof a === 'number' ? a - b : String(a).localeCompare(String(b));
}
