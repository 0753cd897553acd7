#!/usr/bin/env node
// One OCPP 1.6J charger on ocpp-rpc (strict mode), driven line by line from standard input, so that a test (the
// dashboard's browser test) can change what a real charger reports while it watches a page:
//
//   CSMS_URL=http://localhost:8080 CSMS_API_KEY=csk_... CP_ID=CP-001 [CP_PASSWORD=...] node charger.js
//
// It connects and sends a BootNotification, then prints "ready". Each line it reads is one command; it answers
// "ok <command>" once the CSMS answered every call of it, or "error <command>: <why>":
//   status <connector> <Status> [<errorCode>]   StatusNotification (errorCode NoError unless given)
//   start <connector>                           StartTransaction (meter 0 Wh)
//   meter <connector> <Wh> <W>                  MeterValues of the running transaction: energy register and power
//   stop <connector> <Wh>                       StopTransaction
//   close                                       closes the connection (code 1000) and exits 0
'use strict';
const readline = require('readline');
const { RPCClient } = require('ocpp-rpc');
const { WS } = require('./csms');

const CP = process.env.CP_ID;
if (!CP) { console.error('CP_ID is required'); process.exit(2); }
const now = () => new Date().toISOString();
const transactions = new Map();

const client = new RPCClient({ endpoint: WS, identity: CP, password: process.env.CP_PASSWORD || undefined,
  protocols: ['ocpp1.6'], strictMode: true, reconnect: false, callTimeoutMs: 10000 });
client.on('strictValidationFailure', e => console.log(`error strict validation of ${e.method}: ${e.error.message}`));
// calls from the CSMS (a site's SetChargingProfile, say) are accepted
client.handle(({ method }) => (method === 'SetChargingProfile' ? { status: 'Accepted' } : {}));

const commands = {
  async status([connector, status, errorCode = 'NoError']) {
    await client.call('StatusNotification', { connectorId: Number(connector), status, errorCode, timestamp: now() });
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
  await client.call('BootNotification', { chargePointVendor: 'SimVendor', chargePointModel: 'SimModel-1',
    firmwareVersion: '1.2.3' });
  console.log('ready');
  // one command at a time, in order
  let queue = Promise.resolve();
  readline.createInterface({ input: process.stdin }).on('line', line => {
    const [name, ...args] = line.trim().split(/\s+/);
    queue = queue.then(async () => {
      try {
        if (!commands[name]) throw new Error('unknown command');
        await commands[name](args);
        console.log(`ok ${line.trim()}`);
      } catch (error) {
        console.log(`error ${line.trim()}: ${error.message}`);
      }
    });
  }).on('close', () => queue.then(() => commands.close()));
})().catch(error => { console.log(`error connect: ${error.message}`); process.exit(1); });
