#!/usr/bin/env node
// Site load management against a Dynamo CSMS, with simulated chargers driven by the independent `ocpp-rpc` library
// in strictMode (every CALL the CSMS sends, SetChargingProfile included, is checked against ocpp-rpc's own OCPP 1.6
// schemas; one that fails them is answered with a CALLERROR and reported here).
//
//   CSMS_URL=http://localhost:8080 CSMS_API_KEY=csk_... node load-sim.js
//
// Sets up a site of 150 kW with a solar asset and 10 chargers of one 22 kW Type2 connector each, starts a session on
// each, lowers the site to 50 kW, records 20 kW of solar, stops the sessions. Each charger applies the TxProfiles it
// gets: it draws min(the car's demand, its limit) and reports that draw in MeterValues every 500 ms and at once
// after a new limit. The script follows the summed draw against the site's ceiling + generation, checks every
// reallocation settles at the fair share, the 50 kW reaches all chargers within 1 s, and every call was answered.
// Exits 0 when all checks passed, 1 with the list of problems.
'use strict';
const { performance } = require('node:perf_hooks');
const { RPCClient } = require('ocpp-rpc');
const { WS, log, sleep, api } = require('./csms');

const CHARGERS = 10;
const CONNECTOR_KW = 22;
const DEMAND_W = 22_000; // what each car would draw unlimited
const MIN_SESSION_W = 4_140; // the allocator's minimum: 6 A on 3 phases at 230 V
const SITE_KW = 150;
const LOWER_KW = 50;
const SOLAR_KW = 20;
const METER_EVERY_MS = 500;
const APPLY_BUDGET_MS = 1_000; // a new ceiling reaches every charger within this
const SETTLE_TIMEOUT_MS = 15_000;
const PASSWORD = 'load-sim-password-0123';
const RUN = Date.now().toString(36).toUpperCase();

const problems = [];
const problem = p => { log('PROBLEM', p); problems.push(p); };
const now = () => new Date().toISOString();
const kw = w => (w / 1000).toFixed(3);

// ---- the site as the simulator knows it, and what its chargers draw

const site = { id: null, assetId: null, maxW: SITE_KW * 1000, generationW: 0 };
const availableW = () => site.maxW + site.generationW;
const chargers = [];
const charging = () => chargers.filter(c => c.txId !== null);
// a session's TxProfile limits it; before its first, the charger's TxDefaultProfile (as a charger applies them)
const drawW = c => c.txId === null || c.gone ? 0 : Math.min(DEMAND_W, c.limitW ?? c.defaultW ?? DEMAND_W);
const sumW = () => chargers.reduce((s, c) => s + drawW(c), 0);

/** The limit every session should have now: the allocation rule for equal sessions (README). */
function fairShareW() {
  const n = charging().length;
  const share = Math.min(CONNECTOR_KW * 1000, Math.floor(availableW() / n));
  if (share < MIN_SESSION_W) throw new Error(`the scenario keeps every session above its minimum, not ${share} W`);
  return share;
}

/** Whether every session has applied the limit the allocation rule gives it now (the reallocation is over). */
const settled = () => charging().length === 0 || charging().every(c => c.limitW === fairShareW());

// ---- the draw above the ceiling, integrated over time; every change of draws or ceiling goes through change()

const above = { t: performance.now(), excessW: 0, reacting: false, reactingKws: 0, settledKws: 0,
  episode: null, episodes: [] };
const settleWaiters = [];

function change(what) {
  const t = performance.now();
  const dt = (t - above.t) / 1000;
  if (above.excessW > 0) above[above.reacting ? 'reactingKws' : 'settledKws'] += above.excessW / 1000 * dt;
  for (const c of chargers) c.meterWh += drawW(c) * dt / 3600;
  above.t = t;
  const wasReacting = above.reacting;
  what();
  above.excessW = sumW() - availableW();
  above.reacting = !settled();
  if (above.excessW > 0 && !above.episode) {
    above.episode = { from: t, peakW: above.excessW, reacting: above.reacting };
  } else if (above.excessW > 0) {
    above.episode.peakW = Math.max(above.episode.peakW, above.excessW);
    above.episode.reacting &&= above.reacting;
  } else if (above.episode) {
    above.episodes.push({ ms: Math.round(t - above.episode.from), peak_kw: +kw(above.episode.peakW),
      within_reaction: above.episode.reacting });
    above.episode = null;
  }
  if (!above.reacting) {
    if (wasReacting && above.excessW > 0) problem(`settled at ${kw(sumW())} kW, above the available ${kw(availableW())} kW`);
    settleWaiters.splice(0).forEach(w => w(t));
  }
}

/** Waits until every charger has applied its new limit; answers when that happened (performance.now()). */
function untilSettled(what) {
  if (settled()) return Promise.resolve(performance.now());
  return new Promise(resolve => {
    const timer = setTimeout(() => {
      settleWaiters.splice(settleWaiters.indexOf(done), 1);
      problem(`${what}: not every charger had its fair share ${fairShareW()} W after ${SETTLE_TIMEOUT_MS} ms: `
        + charging().map(c => `${c.id}=${c.limitW}`).join(' '));
      resolve(null);
    }, SETTLE_TIMEOUT_MS);
    const done = t => { clearTimeout(timer); resolve(t); };
    settleWaiters.push(done);
  });
}

// ---- a charger

async function call(c, method, params) {
  try {
    return await c.cli.call(method, params);
  } catch (e) {
    problem(`${c.id} ${method} failed: ${e.name} ${e.rpcErrorCode || ''} ${e.message} ${JSON.stringify(e.details || '')}`);
    return null;
  }
}

function meterValues(c) {
  if (c.txId === null) return;
  change(() => {}); // brings the energy register up to now
  call(c, 'MeterValues', { connectorId: 1, transactionId: c.txId, meterValue: [{ timestamp: now(), sampledValue: [
    { value: String(Math.round(c.meterWh)), context: 'Sample.Periodic', measurand: 'Energy.Active.Import.Register', unit: 'Wh' },
    { value: String(drawW(c)), context: 'Sample.Periodic', measurand: 'Power.Active.Import', unit: 'W' },
  ] }] });
}

/**
 * Applies a TxProfile for the charger's transaction (it limits the draw at once) or a TxDefaultProfile for the whole
 * charger (it limits sessions until their TxProfile comes); anything else is refused.
 */
function setChargingProfile(c, params) {
  c.profiles++;
  const p = params.csChargingProfiles;
  const s = p.chargingSchedule;
  if (p.chargingProfilePurpose === 'TxDefaultProfile') {
    const wrong = [
      params.connectorId !== 0 && `connectorId ${params.connectorId}`,
      p.transactionId !== undefined && `transactionId ${p.transactionId}`,
      s.chargingRateUnit !== 'W' && `unit ${s.chargingRateUnit}`,
      !Number.isInteger(s.chargingSchedulePeriod[0].limit) && `limit ${s.chargingSchedulePeriod[0].limit}`,
    ].filter(Boolean);
    if (wrong.length) {
      problem(`${c.id} TxDefaultProfile refused: ${wrong.join(', ')}`);
      return { status: 'Rejected' };
    }
    change(() => { c.defaultW = s.chargingSchedulePeriod[0].limit; });
    c.defaults++;
    return { status: 'Accepted' };
  }
  const wrong = [
    params.connectorId !== 1 && `connectorId ${params.connectorId}`,
    p.chargingProfilePurpose !== 'TxProfile' && `purpose ${p.chargingProfilePurpose}`,
    (c.txId === null || p.transactionId !== c.txId) && `transactionId ${p.transactionId} (running: ${c.txId})`,
    s.chargingRateUnit !== 'W' && `unit ${s.chargingRateUnit}`,
    (s.chargingSchedulePeriod.length !== 1 || s.chargingSchedulePeriod[0].startPeriod !== 0)
      && `periods ${JSON.stringify(s.chargingSchedulePeriod)}`,
    !Number.isInteger(s.chargingSchedulePeriod[0].limit) && `limit ${s.chargingSchedulePeriod[0].limit}`,
  ].filter(Boolean);
  if (wrong.length) {
    problem(`${c.id} SetChargingProfile refused: ${wrong.join(', ')}`);
    return { status: 'Rejected' };
  }
  change(() => { c.limitW = s.chargingSchedulePeriod[0].limit; });
  log(`${c.id} limit ${c.limitW} W applied: the chargers draw ${kw(sumW())} kW of ${kw(availableW())} kW`
    + (above.reacting ? '' : ' (settled)'));
  setImmediate(() => meterValues(c)); // after the answer
  return { status: 'Accepted' };
}

async function connect(id) {
  const c = { id, txId: null, limitW: null, defaultW: null, defaults: 0, meterWh: 0, timer: null, profiles: 0, refused: 0 };
  c.cli = new RPCClient({ endpoint: WS, identity: id, password: PASSWORD, protocols: ['ocpp1.6'],
    strictMode: true, reconnect: false, callTimeoutMs: 10_000 });
  c.cli.on('strictValidationFailure', e => {
    if (!e.outbound && e.isCall) c.refused++;
    problem(`${id} strictValidationFailure ${e.outbound ? 'outbound' : 'INBOUND'} ${e.method} `
      + `${e.isCall ? 'call' : 'result'}: ${e.error.message} ${JSON.stringify(e.error.details || '')}`);
  });
  c.cli.on('badMessage', e => problem(`${id} badMessage ${String(e.buffer)}: ${e.error}`));
  c.cli.handle('SetChargingProfile', ({ params }) => setChargingProfile(c, params));
  c.cli.handle(({ method }) => { problem(`${id} unexpected call ${method}`); return {}; });
  await c.cli.connect();
  chargers.push(c);
  await call(c, 'BootNotification', { chargePointVendor: 'SimVendor', chargePointModel: 'LoadSim-22' });
  await call(c, 'StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Available', timestamp: now() });
  return c;
}

async function start(c) {
  await call(c, 'StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Preparing', timestamp: now() });
  const started = await call(c, 'StartTransaction', { connectorId: 1, idTag: 'LOADSIM', meterStart: 0, timestamp: now() });
  if (!started) return;
  change(() => { c.txId = started.transactionId; }); // the car draws its demand until it is told a limit
  await call(c, 'StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Charging', timestamp: now() });
  meterValues(c);
  c.timer = setInterval(() => meterValues(c), METER_EVERY_MS);
}

async function stop(c) {
  clearInterval(c.timer);
  await call(c, 'StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Finishing', timestamp: now() });
  change(() => { c.gone = true; }); // the car has gone: it draws nothing before its charger reports the stop
  await call(c, 'StopTransaction', { transactionId: c.txId, idTag: 'LOADSIM', meterStop: Math.round(c.meterWh),
    timestamp: now(), reason: 'EVDisconnected' });
  change(() => { c.txId = null; c.limitW = null; c.gone = false; });
  await call(c, 'StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Available', timestamp: now() });
}

// ---- the run

async function setUp() {
  const s = await api('POST', '/api/v1/sites', { name: `Load simulator ${RUN}`, max_power_kw: SITE_KW });
  if (s.status !== 201) throw new Error(`POST /sites -> ${s.status} ${JSON.stringify(s.json)}`);
  site.id = s.json.site_id;
  const a = await api('POST', `/api/v1/sites/${site.id}/energy-assets`, { type: 'solar', name: 'Canopy PV',
    capacity_kw: 30 });
  if (a.status !== 201) throw new Error(`POST energy-assets -> ${a.status} ${JSON.stringify(a.json)}`);
  site.assetId = a.json.asset_id;
  for (let i = 1; i <= CHARGERS; i++) {
    const id = `LOAD-${RUN}-${String(i).padStart(2, '0')}`;
    const r = await api('POST', '/api/v1/cpo/chargers', { charge_point_id: id, vendor: 'SimVendor',
      model: 'LoadSim-22', password: PASSWORD,
      connectors: [{ connector_id: 1, type: 'Type2', max_power_kw: CONNECTOR_KW }] });
    if (r.status !== 201) throw new Error(`POST /cpo/chargers -> ${r.status} ${JSON.stringify(r.json)}`);
    const l = await api('POST', `/api/v1/sites/${site.id}/chargers/${id}/link`);
    if (l.status !== 200) throw new Error(`POST link -> ${l.status} ${JSON.stringify(l.json)}`);
  }
  log(`site ${site.id}: ${SITE_KW} kW, solar asset ${site.assetId}, ${CHARGERS} chargers of ${CONNECTOR_KW} kW linked`);
}

/** Changes the site (the simulator takes the new ceiling from the moment it asks) and times the reallocation. */
async function reallocation(what, ask, expect) {
  const sent = performance.now();
  const r = await ask();
  const answered = performance.now();
  if (r.status >= 300) { problem(`${what} -> ${r.status} ${JSON.stringify(r.json)}`); return null; }
  const done = await untilSettled(what);
  if (done === null) return null;
  const figure = { after_answer_ms: Math.max(0, Math.round(done - answered)), after_request_ms: Math.round(done - sent) };
  log(`${what}: every charger at ${expect} W ${figure.after_answer_ms} ms after the ${r.status} `
    + `(${figure.after_request_ms} ms after the request)`);
  if (fairShareW() !== expect) problem(`${what}: the scenario expected ${expect} W, the rule gives ${fairShareW()} W`);
  return figure;
}

async function callsAnswered() {
  for (const c of chargers) {
    const deadline = Date.now() + 10_000;
    let calls;
    for (;;) {
      const r = await api('GET', `/api/v1/cpo/chargers/${c.id}/calls?action=SetChargingProfile&limit=200`);
      calls = r.json.calls || [];
      if (r.status === 200 && calls.length === c.profiles + c.refused && calls.every(k => k.status !== 'pending')) break;
      if (Date.now() > deadline) break;
      await sleep(100);
    }
    if (calls.length !== c.profiles + c.refused) {
      problem(`${c.id}: the CSMS lists ${calls.length} SetChargingProfile calls, the charger got ${c.profiles + c.refused}`);
    }
    const bad = calls.filter(k => k.status !== 'answered' || k.requested_by !== 'site-allocator');
    if (bad.length) problem(`${c.id}: calls not answered: ${bad.map(k => `${k.call_id} ${k.status} ${JSON.stringify(k.error)}`).join('; ')}`);
  }
}

async function main() {
  await setUp();
  for (let i = 1; i <= CHARGERS; i++) {
    await connect(`LOAD-${RUN}-${String(i).padStart(2, '0')}`);
  }
  log(`${CHARGERS} chargers connected and booted (ocpp-rpc strict mode)`);

  const starts = [];
  for (const c of chargers) {
    const t = performance.now();
    await start(c);
    const done = await untilSettled(`session ${charging().length} started`);
    if (done !== null) starts.push(Math.round(done - t));
    log(`session ${charging().length} started on ${c.id}: each at ${fairShareW()} W`);
  }

  const patch = await reallocation(`PATCH max_power_kw ${SITE_KW} -> ${LOWER_KW}`, () => {
    change(() => { site.maxW = LOWER_KW * 1000; });
    return api('PATCH', `/api/v1/sites/${site.id}`, { max_power_kw: LOWER_KW });
  }, LOWER_KW * 1000 / CHARGERS);
  if (patch && patch.after_answer_ms > APPLY_BUDGET_MS) {
    problem(`the new ceiling reached every charger ${patch.after_answer_ms} ms after the PATCH's 200, over ${APPLY_BUDGET_MS} ms`);
  }

  const solar = await reallocation(`solar reading ${SOLAR_KW} kW`, () => {
    change(() => { site.generationW = SOLAR_KW * 1000; });
    return api('POST', `/api/v1/sites/${site.id}/energy-assets/${site.assetId}/readings`,
      { output_kw: SOLAR_KW, measured_at: now() });
  }, (LOWER_KW + SOLAR_KW) * 1000 / CHARGERS);

  const stops = [];
  for (const c of [...chargers]) {
    const t = performance.now();
    await stop(c);
    const done = await untilSettled(`session on ${c.id} stopped`);
    if (done !== null) stops.push(Math.round(done - t));
    log(`session on ${c.id} stopped: ${charging().length} left` + (charging().length ? `, each at ${fairShareW()} W` : ''));
  }

  await callsAnswered();
  for (const c of chargers) await c.cli.close({ code: 1000, reason: 'done' });
  change(() => {});

  if (above.settledKws > 0) problem(`${above.settledKws.toFixed(3)} kW·s drawn above the ceiling after reallocations had settled`);
  const figures = {
    patch_applied_to_all_ms: patch,
    solar_applied_to_all_ms: solar,
    session_start_settled_ms: starts,
    session_stop_settled_ms: stops,
    kws_above_ceiling_during_reaction: +above.reactingKws.toFixed(3),
    kws_above_ceiling_after_settling: +above.settledKws.toFixed(3),
    episodes_above_ceiling: above.episodes,
    profiles_received: chargers.reduce((s, c) => s + c.profiles, 0),
  };
  console.log('\nFIGURES', JSON.stringify(figures, null, 1));
  console.log(problems.length ? `\nPROBLEMS (${problems.length})\n- ${problems.join('\n- ')}` : '\nALL CHECKS PASSED');
  process.exit(problems.length ? 1 : 0);
}

main().catch(e => { console.error('FATAL', e); process.exit(3); });
