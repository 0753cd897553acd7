// One charger: its diagnostics, connectors, connectivity timeline (a chart), error history, maintenance events
// (and a form to record one), and the power its site allocates it and it draws.
import { get, call, query, ApiError } from './api.js';
import { h, fill, number, instant, badge, table, field, notice, day } from './dom.js';
import { chart, disposeAll } from './charts.js';

const MAINTENANCE_TYPES = ['scheduled', 'reactive', 'inspection'];
const DAY = 86_400_000;

export async function render(main, [id], search) {
  const path = `/api/v1/cpo/chargers/${encodeURIComponent(id)}`;
  // the connectivity's period: dates (midnight UTC) or instants; by default the last 7 days with today
  const at = value => new Date(/T/.test(value) ? value : `${value}T00:00:00Z`);
  const to = at(search.get('to') || day(new Date(Date.now() + DAY)));
  const from = search.get('from') ? at(search.get('from')) : new Date(to - 7 * DAY);
  let registered;
  try {
    registered = await get(path);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      return fill(main, h('h1', {}, id), notice(`No charger ${id} in your fleet.`, 'error'));
    }
    throw error;
  }
  const [diagnostics, connectivity, errors, maintenance, limits, summary] = await Promise.all([
    get(`${path}/diagnostics`),
    get(`${path}/connectivity` + query({ from: from.toISOString(), to: to.toISOString() })),
    get(`${path}/error-history?limit=50`),
    get(`${path}/maintenance`),
    get(`${path}/charging-limits`),
    registered.site_id ? get(`/api/v1/sites/${encodeURIComponent(registered.site_id)}/summary`) : null]);
  const types = new Map(registered.connectors.map(c => [c.connector_id, c]));
  const allocation = summary?.allocations.find(a => a.charge_point_id === id);

  fill(main, h('h1', {}, `Charger ${id}`),
    h('div', { class: 'grid2' },
      h('section', { id: 'diagnostics' }, h('h2', {}, 'Diagnostics'), h('dl', { class: 'facts' },
        fact('Vendor and model', [registered.vendor, registered.model].filter(Boolean).join(' ') || '–'),
        fact('Site', registered.site_id
          ? h('a', { href: `#/sites/${encodeURIComponent(registered.site_id)}` }, summary?.name || registered.site_id)
          : 'Not linked'),
        fact('OCPP version', diagnostics.ocpp_version || '–'),
        fact('Firmware', diagnostics.firmware_version || '–'),
        fact('Last heartbeat', instant(diagnostics.last_heartbeat)),
        fact('Uptime, 30 days', percent(diagnostics.uptime_30d_percent), 'uptime_30d_percent'),
        fact('Utilisation, 30 days', percent(diagnostics.utilisation_30d_percent), 'utilisation_30d_percent'),
        fact('Errors, 30 days', number(diagnostics.error_count_30d), 'error_count_30d'),
        fact('Last error', diagnostics.last_error
          ? `${diagnostics.last_error.error_code} at ${instant(diagnostics.last_error.timestamp)}` : 'None'))),
      h('section', { id: 'power' }, h('h2', {}, 'Power'), h('dl', { class: 'facts' },
        fact('Allocated by the site', allocation ? `${number(allocation.allocated_kw, 1)} kW` : '–', 'allocated_kw'),
        fact('Drawn', allocation ? `${number(allocation.drawn_kw, 1)} kW` : '–', 'drawn_kw'),
        ...limits.limits.map(l => fact(`Limit, connector ${l.connector_id}`,
          `${number(l.limit)} ${l.unit} (${l.purpose})`))),
        summary ? null : h('p', { class: 'definition' }, 'A charger gets a share of power once it is linked to a site.'))),
    h('section', {}, h('div', { class: 'table-wrap' }, table('Connectors',
      ['Connector', 'Type', 'Max power (kW)', 'Status', 'Sessions', 'Energy (kWh)'],
      diagnostics.connectors.map(c => [`#${c.connector_id}`, types.get(c.connector_id)?.type || '–',
        number(types.get(c.connector_id)?.max_power_kw), badge(c.status), number(c.total_sessions),
        number(c.total_energy_kwh, 3)]), { id: 'connectors' }))),
    connectivitySection(id, connectivity, from, to),
    h('section', {}, h('div', { class: 'table-wrap' }, table(`Errors (${number(errors.total)})`,
      ['Time', 'Code', 'Connector status', 'Info', 'Resolved'],
      errors.errors.map(e => [instant(e.timestamp), e.error_code, badge(e.status), e.info || '–',
        instant(e.resolved_at)]), { id: 'error-history' }))),
    maintenanceSection(path, maintenance));
  return disposeAll;
}

function connectivitySection(id, connectivity, from, to) {
  const end = new Date(Math.min(to, Date.now())).toISOString();
  const points = connectivity.events.map(e => [e.timestamp, e.type === 'connected' ? 1 : 0]);
  if (points.length) points.push([end, points[points.length - 1][1]]);
  const element = chart(`Connectivity of ${id}: 1 connected, 0 disconnected`, {
    xAxis: { type: 'time', min: from.toISOString(), max: end },
    yAxis: { type: 'value', min: 0, max: 1, interval: 1,
      axisLabel: { formatter: v => (v === 1 ? 'Connected' : 'Disconnected') } },
    series: [{ type: 'line', step: 'end', areaStyle: { opacity: 0.2 }, symbol: 'none', data: points }],
  });
  const period = h('form', { onsubmit(event) {
    event.preventDefault();
    location.hash = `#/chargers/${encodeURIComponent(id)}` + query({ from: fromInput.value, to: toInput.value });
  } });
  const fromInput = h('input', { type: 'date', value: day(from), required: true });
  const toInput = h('input', { type: 'date', value: day(to), required: true });
  period.append(field('From (UTC)', fromInput), field('To (UTC, not included)', toInput),
    h('button', { type: 'submit' }, 'Show'));
  return h('section', { id: 'connectivity' }, h('h2', {}, 'Connectivity'), period,
    points.length ? element : notice('No connection or disconnection in this period.'),
    h('details', {}, h('summary', {}, `Events (${connectivity.events.length})`), table('Connectivity events',
      ['Time', 'Event'], connectivity.events.map(e => [instant(e.timestamp), e.type]))));
}

function maintenanceSection(path, maintenance) {
  const type = h('select', { name: 'type' }, MAINTENANCE_TYPES.map(t => h('option', { value: t }, t)));
  const description = h('input', { name: 'description', required: true, maxlength: 1000 });
  const scheduled = h('input', { name: 'scheduled_at', type: 'datetime-local', required: true });
  const completed = h('input', { name: 'completed_at', type: 'datetime-local' });
  const technician = h('input', { name: 'technician' });
  const status = h('div', { 'aria-live': 'polite' });
  const utc = local => (local ? `${local.length === 16 ? `${local}:00` : local}Z` : undefined);
  const form = h('form', { id: 'maintenance-form', async onsubmit(event) {
    event.preventDefault();
    try {
      const recorded = await call('POST', `${path}/maintenance`, { type: type.value, description: description.value,
        scheduled_at: utc(scheduled.value), completed_at: utc(completed.value),
        technician: technician.value || undefined });
      fill(status, notice(`Recorded ${recorded.event_id}.`, 'ok'));
      const list = await get(`${path}/maintenance`);
      document.getElementById('maintenance').replaceWith(maintenanceTable(list));
      form.reset();
    } catch (error) {
      fill(status, notice(error.message, 'error'));
    }
  } }, field('Type', type), field('Description', description), field('Scheduled at (UTC)', scheduled),
  field('Completed at (UTC)', completed, 'Leave empty while the work is open.'), field('Technician', technician),
  h('button', { type: 'submit' }, 'Record'));
  return h('section', {}, h('h2', {}, 'Maintenance'), h('div', { class: 'table-wrap' }, maintenanceTable(maintenance)),
    h('h3', {}, 'Record a maintenance event'), form, status);
}

function maintenanceTable(maintenance) {
  return table('Maintenance events', ['Type', 'Description', 'Scheduled', 'Completed', 'Technician', 'Notes'],
    maintenance.events.map(e => [e.type, e.description, instant(e.scheduled_at), instant(e.completed_at),
      e.technician || '–', e.notes || '–']), { id: 'maintenance' });
}

function fact(label, value, name) {
  return h('div', { 'data-figure': name }, h('dt', {}, label), h('dd', {}, value));
}

function percent(value) {
  return value === null || value === undefined ? '–' : `${number(value, 1)} %`;
}
