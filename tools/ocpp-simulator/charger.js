#!/usr/bin/env node
// One charger (OCPP 1.6J, or 2.0.1) on ocpp-rpc (strict mode), driven line by line from standard input, so that a
// test (the dashboard's browser test, the 2.0.1 end-to-end test) can change what a real charger reports while it
// watches:
//
//   CSMS_URL=http://localhost:8080 CSMS_API_KEY=csk_... CP_ID=CP-001 [CP_PASSWORD=...] \
//     [CP_OCPP=ocpp2.0.1] node charger.js
//
// It connects (OCPP 1.6J, or 2.0.1 with CP_OCPP=ocpp2.0.1) and sends a BootNotification, then prints "ready". Each
// line it reads is one command; it answers "ok <command>" once the CSMS answered every call of it, or
// "error <command>: <why>":
//   status <connector> <Status> [<errorCode>]   StatusNotification (errorCode NoError unless given); in 2.0.1 the
//                                               connector is the EVSE (its connector 1), the Status one of 2.0.1's
//   start <connector>                           StartTransaction (meter 0 Wh)
//   meter <connector> <Wh> <W>                  MeterValues of the running transaction: energy register and power
//   stop <connector> <Wh>                       StopTransaction
//   close                                       closes the connection (code 1000) and exits 0
// start, meter and stop are OCPP 1.6's: the gateway does not handle 2.0.1's TransactionEvent yet.
'use strict';
const readline = require('readline');
const { RPCClient } = require('ocpp-rpc');
const { WS } = require('./csms');

const CP = process.env.CP_ID;
if (!CP) { console.error('CP_ID is required'); process.exit(2); }
const OCPP = process.env.CP_OCPP || 'ocpp1.6';
const V201 = OCPP === 'ocpp2.0.1';
const now = () => new Date().toISOString();
const transactions = new Map();

const client = new RPCClient({ endpoint: WS, identity: CP, password: process.env.CP_PASSWORD || undefined,
  protocols: [OCPP], strictMode: true, reconnect: false, callTimeoutMs: 10000 });
client.on('strictValidationFailure', e => console.log(`error strict validation of ${e.method}: ${e.error.message}`));
// calls from the CSMS (a site's SetChargingProfile, say) are accepted
client.handle(({ method }) => (method === 'SetChargingProfile' ? { status: 'Accepted' } : {}));

const commands = {
  async status([connector, status, errorCode = 'NoError']) {
    await client.call('StatusNotification', V201
      ? { timestamp: now(), connectorStatus: status, evseId: Number(connector), connectorId: 1 }
      : { connectorId: Number(connector), status, errorCode, timestamp: now() });
  },
  async start([connector]) {
    const answer = await client.call('StartTransaction', { connectorId: Number(connector), idTag: 'DASHBOARD-TEST',
      meterStart: 0, timestamp: now() });
    transactions.set(connector, answer.transactionId);
  },
  async meter([connector, wh, w]) {
    await client.call('MeterValues', { connectorId: Number(connector), transactionId: transactions.get(connector),
      meterValue: [{ timestamp: now(), sampledValue: [
        { value: wh, context: 'Sample.Periodic', measurand: 'Energy.Active.Import.Register', unit: 'Wh' },
        { value: w, context: 'Sample.Periodic', measurand: 'Power.Active.Import', unit: 'W' }] }] });
  },
  async stop([connector, wh]) {
    await client.call('StopTransaction', { transactionId: transactions.get(connector), meterStop: Number(wh),
      timestamp: now(), idTag: 'DASHBOARD-TEST' });
    transactions.delete(connector);
  },
  async close() {
    await client.close({ code: 1000 });
    process.exit(0);
  },
};

(async () => {
  await client.connect();
  if (client.protocol !== OCPP) throw new Error(`negotiated ${client.protocol}, not ${OCPP}`);
  await client.call('BootNotification', V201
    ? { reason: 'PowerUp', chargingStation: { vendorName: 'SimVendor', model: 'SimModel-2', firmwareVersion: '2.0.0' } }
    : { chargePointVendor: 'SimVendor', chargePointModel: 'SimModel-1', firmwareVersion: '1.2.3' });
  console.log('ready');
  // one command at a time, in order
  let queue = Promise.resolve();
  readline.createInterface({ input: process.stdin }).on('line', line => {
    const [name, ...args] = line.trim().split(/\s+/);
    queue = queue.then(async () => {
      try {
        if (!commands[name]) throw new Error('unknown command');
        if (V201 && !['status', 'close'].includes(name)) throw new Error('not in OCPP 2.0.1 yet');
        await commands[name](args);
        console.log(`ok ${line.trim()}`);
      } catch (error) {
        console.log(`error ${line.trim()}: ${error.message}`);
      }
    });
  }).on('close', () => queue.then(() => commands.close()));
})().catch(error => { console.log(`error connect: ${error.message}`); process.exit(1); });
