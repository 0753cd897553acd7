#!/usr/bin/env node
// OCPP 1.6J charge point session (or, with CP_OCPP=ocpp2.0.1, an OCPP 2.0.1 charging station's) against a
// Dynamo CSMS, driven by the independent `ocpp-rpc` library (RPCClient in strictMode: every CALL we send and every
// CALLRESULT we get is checked against ocpp-rpc's own JSON schemas of the version; a CALLRESULT that fails them is
// reported as a strictValidationFailure).
//
//   CSMS_URL=http://localhost:8080 CSMS_API_KEY=csk_... [CP_OCPP=ocpp2.0.1] node sim.js
//
// Sets up a site and a charger over the REST API, runs one charging session, and after each step polls the
// fleet and site endpoints until they show the step (or 5 s pass), printing how long that took.
'use strict';
const { RPCClient } = require('ocpp-rpc');

const { WS, log, sleep, api } = require('./csms');
const { now, transactionEvents, meterValue } = require('./ocpp201');
const CP = process.env.CP_ID || `SIM-${Date.now().toString(36).toUpperCase()}`;
const PASSWORD = process.env.CP_PASSWORD || 'sim-password-0123456789';
const OCPP = process.env.CP_OCPP || 'ocpp1.6';
const V201 = OCPP === 'ocpp2.0.1';
const problems = [];

let SITE;
const views = () => ({
  fleetSummary: `/api/v1/cpo/fleet/summary`,
  fleetChargers: `/api/v1/cpo/fleet/chargers`,
  diagnostics: `/api/v1/cpo/chargers/${CP}/diagnostics`,
  siteSummary: `/api/v1/sites/${SITE}/summary`,
});

// Poll the four views until each shows the step (per-view predicates; or timeout); print when each first did.
// how long a step may take to show in every view: 5 s, or SIM_CHECK_MS (a busy test machine)
async function check(step, preds, timeoutMs = Number(process.env.SIM_CHECK_MS || 5000)) {
  const start = Date.now();
  const seen = {};
  let v;
  for (;;) {
    v = {};
    for (const [k, p] of Object.entries(views())) {
      v[k] = (await api('GET', p)).json;
      let good = false; try { good = !preds[k] || preds[k](v[k]); } catch { good = false; }
      if (good && seen[k] === undefined) seen[k] = Date.now() - start;
    }
    const all = Object.keys(views()).every(k => seen[k] !== undefined);
    if (all || Date.now() - start > timeoutMs) {
      const t = Object.keys(views()).map(k => `${k}=${seen[k] === undefined ? 'NOT SEEN' : seen[k] + 'ms'}`).join(' ');
      log(`CHECK ${step}: ${all ? 'OK' : 'INCOMPLETE'} (${t})`);
      if (!all) problems.push(`views did not show "${step}" within ${timeoutMs} ms: ${t}`);
      console.log(JSON.stringify(v, null, 1).split('\n').map(l => '      ' + l).join('\n'));
      return;
    }
    await sleep(25);
  }
}

const mine = fc => (fc.chargers || []).find(c => c.charge_point_id === CP);
const near = (a, b) => Math.abs(a - b) < 1e-6;

async function main() {
  // --- setup over the REST API
  // the fleet summary is organisation-wide: expectations below are relative to it as it was before this run (taken before the charger is registered)
  const B = (await api('GET', '/api/v1/cpo/fleet/summary')).json;
  log('fleet summary before:', JSON.stringify(B));

  const site = await api('POST', '/api/v1/sites', { name: `Simulator site ${CP}`, address: '1 Test Street',
    max_power_kw: 100, lat: 53.48, lng: -2.24 });
  log('POST /sites ->', site.status, JSON.stringify(site.json));
  SITE = site.json.id || site.json.site_id;
  const reg = await api('POST', '/api/v1/cpo/chargers', { charge_point_id: CP, vendor: 'SimVendor',
    model: 'SimModel', password: PASSWORD });
  log('POST /cpo/chargers ->', reg.status, JSON.stringify(reg.json));
  const link = await api('POST', `/api/v1/sites/${SITE}/chargers/${CP}/link`);
  log('POST link ->', link.status, JSON.stringify(link.json));

  // --- the charge point
  const cli = new RPCClient({ endpoint: WS, identity: CP, password: PASSWORD, protocols: [OCPP],
    strictMode: true, reconnect: false, callTimeoutMs: 10000 });
  cli.on('message', ({ message, outbound }) => log(outbound ? '>>' : '<<', String(message)));
  cli.on('strictValidationFailure', e => {
    const p = `strictValidationFailure ${e.outbound ? 'outbound' : 'INBOUND'} ${e.method} ${e.isCall ? 'call' : 'result'}: ${e.error.message} ${JSON.stringify(e.error.details || '')}`;
    log(p); problems.push(p);
  });
  cli.on('badMessage', e => { const p = `badMessage ${String(e.buffer)}: ${e.error}`; log(p); problems.push(p); });
  cli.on('close', e => log('closed', JSON.stringify(e)));
  // the site's allocator limits the session: a SetChargingProfile.conf must carry a status (strict mode checks it)
  cli.handle(({ method, params }) => {
    log('server CALL', method, JSON.stringify(params));
    return method === 'SetChargingProfile' ? { status: 'Accepted' } : {};
  });
  const m = V201 ? messages201 : messages16;

  const call = async (method, params) => {
    const s = Date.now();
    try {
      const r = await cli.call(method, params);
      log(`   ${method} answered in ${Date.now() - s} ms, schema-valid`);
      return r;
    } catch (e) {
      const p = `${method} failed: ${e.name} ${e.rpcErrorCode || ''} ${e.message} ${JSON.stringify(e.details || '')}`;
      log(p); problems.push(p); return null;
    }
  };
  const open = await cli.connect();
  log('connected, subprotocol', cli.protocol, 'HTTP', open.response.statusCode);
  await check('connected (online)', { fleetSummary: f => f.online === B.online + 1 && f.total_chargers === B.total_chargers + 1, fleetChargers: c => mine(c).status === 'Online',
    siteSummary: s => s.chargers.online === 1 });

  const boot = await call(...m.boot());
  await call('Heartbeat', {});
  await check('booted', { fleetChargers: c => mine(c).firmware_version === '1.2.3', diagnostics: d => d.last_heartbeat != null
    && d.ocpp_version === OCPP.replace('ocpp', '') });

  for (const status of m.available()) await call(...status);
  await check('available', { fleetSummary: f => f.available === B.available + 1, fleetChargers: c => mine(c).status === 'Available',
    diagnostics: d => d.connectors[0].status === 'Available', siteSummary: s => s.chargers.available === 1 });

  const auth = await call(...m.authorize());
  let meter = 10000;
  const start = [];
  for (const step of m.start(meter)) start.push(await call(...step));
  await check('charging', { fleetSummary: f => f.charging === B.charging + 1 && f.active_sessions === B.active_sessions + 1,
    fleetChargers: c => mine(c).status === 'Charging', diagnostics: d => d.connectors[0].total_sessions === 1,
    siteSummary: s => s.chargers.charging === 1 && s.active_sessions === 1 });
  const txId = m.transactionId(start);

  for (let i = 1; i <= 3; i++) {
    await sleep(300);
    meter += 500 * i;
    const power = 7000 + 100 * i;
    await call(...m.meter(txId, meter, power));
    const kw = power / 1000, kwh = (meter - 10000) / 1000;
    await check(`meter values #${i} (${kw} kW, ${kwh} kWh)`, { fleetSummary: f => near(f.total_energy_today_kwh - B.total_energy_today_kwh, kwh),
      diagnostics: d => near(d.connectors[0].total_energy_kwh, kwh), siteSummary: s => near(s.current_power_kw, kw) });
  }

  meter += 250;
  for (const step of m.stop(txId, meter)) await call(...step);
  const kwh = (meter - 10000) / 1000;
  await check(`stopped (${kwh} kWh, no session)`, { fleetSummary: f => f.active_sessions === B.active_sessions && f.available === B.available + 1 &&
    near(f.total_energy_today_kwh - B.total_energy_today_kwh, kwh), fleetChargers: c => mine(c).status === 'Available',
    diagnostics: d => near(d.connectors[0].total_energy_kwh, kwh),
    siteSummary: s => s.active_sessions === 0 && s.current_power_kw === 0 && s.chargers.available === 1 });

  // the other calls a charger of the version may send
  for (const other of m.others()) await call(...other);
  // a 2.0.1 station's device model gives its connector's plug type (the registry lists none), and a Problem why
  if (V201) await check('device model and problem', { fleetChargers: c => mine(c).connectors[0].type === 'Type2',
    diagnostics: d => d.connectors[0].problem === 'lid open' });

  await cli.close({ code: 1000, reason: 'done' });
  await check('disconnected (offline)', { fleetSummary: f => f.offline === B.offline + 1 && f.online === B.online,
    fleetChargers: c => mine(c).status === 'Offline', siteSummary: s => s.chargers.online === 0 });

  // malformed CALLs, sent by a second, non-strict client: the gateway's CALLERRORs must use the version's error codes
  const raw = new RPCClient({ endpoint: WS, identity: CP, password: PASSWORD, protocols: [OCPP],
    strictMode: false, reconnect: false, callTimeoutMs: 10000 });
  raw.on('message', ({ message, outbound }) => log(outbound ? '>>' : '<<', String(message)));
  await raw.connect();
  const probes = m.probes();
  for (const [method, params, want] of probes) {
    try { await raw.call(method, params); const p = `probe ${method}: accepted, expected ${want}`; log(p); problems.push(p); }
    catch (e) {
      const ok = e.rpcErrorCode === want;
      log(`   probe ${method}: CALLERROR ${e.rpcErrorCode} (${e.constructor.name}) ${ok ? 'as expected' : 'EXPECTED ' + want}`);
      if (!ok) problems.push(`probe ${method}: got ${e.rpcErrorCode}, expected ${want}`);
    }
  }
  await raw.close({ code: 1000, reason: 'done' });

  console.log('\nSUMMARY', JSON.stringify({ cp: CP, site: SITE, boot, auth, start, problems }, null, 1));
  process.exit(problems.length ? 1 : 0);
}

// Each step's CALLs in OCPP 1.6's words
const messages16 = {
  boot: () => ['BootNotification', { chargePointVendor: 'SimVendor', chargePointModel: 'SimModel-1',
    chargePointSerialNumber: 'SN-0001', firmwareVersion: '1.2.3' }],
  available: () => [0, 1].map(connectorId => ['StatusNotification', { connectorId, errorCode: 'NoError',
    status: 'Available', timestamp: now() }]),
  authorize: () => ['Authorize', { idTag: 'RFID-12345' }],
  start: meter => [
    ['StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Preparing', timestamp: now() }],
    ['StartTransaction', { connectorId: 1, idTag: 'RFID-12345', meterStart: meter, timestamp: now() }],
    ['StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Charging', timestamp: now() }]],
  transactionId: answers => (answers.find(answer => answer && answer.transactionId !== undefined) || {}).transactionId,
  meter: (txId, meter, power) => ['MeterValues', { connectorId: 1, transactionId: txId, meterValue: [{
    timestamp: now(), sampledValue: [
      { value: String(meter), context: 'Sample.Periodic', measurand: 'Energy.Active.Import.Register', unit: 'Wh' },
      { value: String(power), context: 'Sample.Periodic', measurand: 'Power.Active.Import', unit: 'W' }] }] }],
  stop: (txId, meter) => [
    ['StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Finishing', timestamp: now() }],
    ['StopTransaction', { transactionId: txId, idTag: 'RFID-12345', meterStop: meter, timestamp: now(),
      reason: 'Local', transactionData: [{ timestamp: now(), sampledValue: [
        { value: String(meter), context: 'Transaction.End', measurand: 'Energy.Active.Import.Register', unit: 'Wh' }] }] }],
    ['StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Available', timestamp: now() }]],
  others: () => [['DataTransfer', { vendorId: 'SimVendor', messageId: 'hello', data: 'x' }],
    ['FirmwareStatusNotification', { status: 'Idle' }], ['DiagnosticsStatusNotification', { status: 'Idle' }]],
  probes: () => [
    ['FooBar', {}, 'NotImplemented'],
    ['BootNotification', { chargePointVendor: 'SimVendor' }, 'FormationViolation'],
    ['StatusNotification', { connectorId: 'one', errorCode: 'NoError', status: 'Available' }, 'TypeConstraintViolation'],
    ['StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Dancing' }, 'PropertyConstraintViolation'],
    ['BootNotification', { chargePointVendor: 'V'.repeat(21), chargePointModel: 'M' }, 'PropertyConstraintViolation']],
};

// The same steps in OCPP 2.0.1's: EVSE 1, a TransactionEvent for each step of the transaction, its own id
const TX = `tx-${Date.now().toString(36)}`;
const event201 = transactionEvents();
const transactionEvent = (eventType, triggerReason, info, fields) => ['TransactionEvent',
  event201(eventType, triggerReason, TX, info, fields)];
const messages201 = {
  boot: () => ['BootNotification', { reason: 'PowerUp', chargingStation: { vendorName: 'SimVendor',
    model: 'SimModel-2', serialNumber: 'SN-0001', firmwareVersion: '1.2.3' } }],
  available: () => [['StatusNotification', { timestamp: now(), connectorStatus: 'Available', evseId: 1, connectorId: 1 }]],
  authorize: () => ['Authorize', { idToken: { idToken: 'RFID-12345', type: 'ISO14443' } }],
  start: meter => [
    ['StatusNotification', { timestamp: now(), connectorStatus: 'Occupied', evseId: 1, connectorId: 1 }],
    transactionEvent('Started', 'Authorized', { chargingState: 'EVConnected' }, { evse: { id: 1, connectorId: 1 },
      idToken: { idToken: 'RFID-12345', type: 'ISO14443' }, meterValue: meterValue(meter, 'Transaction.Begin') }),
    transactionEvent('Updated', 'ChargingStateChanged', { chargingState: 'Charging' })],
  transactionId: () => TX,
  meter: (txId, meter, power) => transactionEvent('Updated', 'MeterValuePeriodic', {},
    { meterValue: meterValue(meter, 'Sample.Periodic', power) }),
  stop: (txId, meter) => [
    transactionEvent('Ended', 'StopAuthorized', { chargingState: 'EVConnected', stoppedReason: 'Local' },
      { idToken: { idToken: 'RFID-12345', type: 'ISO14443' }, meterValue: meterValue(meter, 'Transaction.End') }),
    ['StatusNotification', { timestamp: now(), connectorStatus: 'Available', evseId: 1, connectorId: 1 }]],
  others: () => [['FirmwareStatusNotification', { status: 'Idle' }], ['LogStatusNotification', { status: 'Idle' }],
    ['MeterValues', { evseId: 0, meterValue: meterValue(123456, 'Sample.Periodic') }],
    ['SecurityEventNotification', { type: 'SettingSystemTime', timestamp: now() }],
    ['NotifyEvent', { generatedAt: now(), seqNo: 0, eventData: [{ eventId: 1, timestamp: now(), trigger: 'Delta',
      actualValue: 'true', techInfo: 'lid open', eventNotificationType: 'HardWiredNotification', component: { name: 'Connector',
        evse: { id: 1, connectorId: 1 } }, variable: { name: 'Problem' } }] }],
    ['NotifyReport', { requestId: 1, generatedAt: now(), seqNo: 0, reportData: [{ component: { name: 'Connector',
      evse: { id: 1, connectorId: 1 } }, variable: { name: 'ConnectorType' },
      variableAttribute: [{ value: 'cType2', mutability: 'ReadOnly' }] }] }]],
  probes: () => [
    ['FooBar', {}, 'NotImplemented'],
    ['BootNotification', { chargingStation: { vendorName: 'SimVendor', model: 'M' } }, 'FormatViolation'],
    ['StatusNotification', { timestamp: now(), connectorStatus: 'Available', evseId: 'one', connectorId: 1 }, 'TypeConstraintViolation'],
    ['StatusNotification', { timestamp: now(), connectorStatus: 'Dancing', evseId: 1, connectorId: 1 }, 'PropertyConstraintViolation'],
    ['BootNotification', { reason: 'PowerUp', chargingStation: { vendorName: 'V'.repeat(51), model: 'M' } }, 'PropertyConstraintViolation']],
};

main().catch(e => { console.error('FATAL', e); process.exit(3); });
