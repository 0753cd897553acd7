// For keys with the operator scope: the replays and their progress (read again every few seconds), the
// organisations and their API keys, and forms that create either (a new key's secret is shown once).
import { get, call } from './api.js';
import { h, fill, number, instant, badge, table, field, notice } from './dom.js';

const REFRESH_MILLIS = 3_000;
const SCOPES = ['read', 'write', 'operator'];

export async function render(main) {
  const replays = h('section', { id: 'replays' });
  const showReplays = async () => {
    const list = await get('/admin/replays');
    fill(replays, h('h2', {}, 'Replays'), h('div', { class: 'table-wrap' }, table('Replays, newest first',
      ['Projection', 'Generation', 'Status', 'Progress', 'Events/s', 'Started', 'Caught up'],
      list.map(r => [r.projection, `${r.generation} (live ${r.live_generation})`, badge(r.status), progress(r),
        number(r.events_per_second, 0), instant(r.started_at), instant(r.caught_up_at)]))),
    h('p', { class: 'definition' }, 'Start, switch and cancel replays with the command-line tool in cli/ or '
      + 'POST /admin/replays/{projection}.'));
  };
  await showReplays();
  const timer = setInterval(() => showReplays().catch(() => {}), REFRESH_MILLIS);

  const organisations = await get('/admin/organisations');
  const keys = await Promise.all(organisations.map(o =>
    get(`/admin/organisations/${encodeURIComponent(o.organisation_id)}/api-keys`)));
  const status = h('div', { 'aria-live': 'polite' });
  const orgName = h('input', { required: true, maxlength: 200 });
  const newOrganisation = h('form', { id: 'create-organisation', async onsubmit(event) {
    event.preventDefault();
    try {
      const made = await call('POST', '/admin/organisations', { name: orgName.value });
      fill(status, notice(`Created ${made.organisation_id}. Reload the page to see it with its keys.`, 'ok'));
    } catch (error) {
      fill(status, notice(error.message, 'error'));
    }
  } }, field('Name', orgName), h('button', { type: 'submit' }, 'Create organisation'));

  fill(main, h('h1', {}, 'Operators'), replays,
    h('section', {}, h('h2', {}, 'Organisations'), organisations.map((o, i) => organisation(o, keys[i]))),
    h('section', {}, h('h2', {}, 'New organisation'), newOrganisation, status));
  return () => clearInterval(timer);
}

function progress(replay) {
  if (replay.events_total === null) return '–';
  const read = replay.events_read || 0;
  // nothing to read is all read
  return h('span', {}, h('progress', { max: replay.events_total || 1, value: replay.events_total ? read : 1,
    'aria-label': `${replay.projection}: ${read} of ${replay.events_total} events` }),
  ` ${number(read)} / ${number(replay.events_total)}`);
}

function organisation(o, keys) {
  const name = h('input', { required: true, maxlength: 200 });
  const scope = h('select', {}, SCOPES.map(s => h('option', { value: s }, s)));
  const status = h('div', { 'aria-live': 'polite' });
  const form = h('form', { async onsubmit(event) {
    event.preventDefault();
    try {
      const made = await call('POST', `/admin/organisations/${encodeURIComponent(o.organisation_id)}/api-keys`,
        { name: name.value, scopes: [scope.value] });
      fill(status, notice('The new key, shown only now: store it.', 'ok'), h('p', { class: 'secret' }, made.key));
    } catch (error) {
      fill(status, notice(error.message, 'error'));
    }
  } }, field('Key name', name), field('Scope', scope), h('button', { type: 'submit' }, 'Create key'));
  return h('div', { class: 'panel' }, h('h3', {}, o.name ? `${o.name} (${o.organisation_id})` : o.organisation_id),
    h('div', { class: 'table-wrap' }, table('API keys', ['Key', 'Name', 'Scopes', 'Created', 'Revoked'],
      keys.map(k => [k.key_id, k.name || '–', k.scopes.join(', ') || 'write', instant(k.created_at),
        instant(k.revoked_at)]))), form, status);
}
