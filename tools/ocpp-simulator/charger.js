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
//   start <connector>                           StartTransaction (meter 0 Wh); in 2.0.1 TransactionEvent Started
//                                               (its own transaction id, Charging, the register at 0 Wh)
//   meter <connector> <Wh> <W>                  MeterValues of the running transaction: energy register and power;
//                                               in 2.0.1 TransactionEvent Updated, which does not name the EVSE
//   stop <connector> <Wh>                       StopTransaction; in 2.0.1 TransactionEvent Ended (EV still
//                                               connected, the register's last reading)
//   problem <connector> <true|false> [<techInfo>]  2.0.1 only: NotifyEvent of the EVSE's connector's Problem variable
//   close                                       closes the connection (code 1000) and exits 0
// A 2.0.1 RequestStopTransaction of a transaction it runs is Accepted and ends it as `stop` does (stoppedReason
// Remote, at the register's last reading); of any other, Rejected.
'use strict';
const readline = require('readline');
const { randomUUID } = require('crypto');
const { RPCClient } = require('ocpp-rpc');
const { WS } = require('./csms');
const { now, transactionEvents, meterValue } = require('./ocpp201');

const CP = process.env.CP_ID;
if (!CP) { console.error('CP_ID is required'); process.exit(2); }
const OCPP = process.env.CP_OCPP || 'ocpp1.6';
const V201 = OCPP === 'ocpp2.0.1';
const transactions = new Map();
const registers = new Map(); // EVSE -> the register's last reading (Wh)
const transactionEvent = transactionEvents();
let eventId = 0;
// 2.0.1: a TransactionEvent of the transaction on EVSE `evse`
const triggers = { Started: 'Authorized', Updated: 'MeterValuePeriodic', Ended: 'EVDeparted' };
const sendTransactionEvent = (eventType, evse, info, fields, trigger = triggers[eventType]) =>
  client.call('TransactionEvent', transactionEvent(eventType, trigger, transactions.get(evse), info, fields));
// 2.0.1: ends the transaction on EVSE `evse` at register reading `wh`
const endTransaction = async (evse, wh, stoppedReason = 'Local', trigger = undefined) => {
  await sendTransactionEvent('Ended', evse, { chargingState: 'EVConnected', stoppedReason },
    { meterValue: meterValue(wh, 'Transaction.End') }, trigger);
  transactions.delete(evse);
};
// commands and the CSMS's remote stops, one at a time, in order
let queue = Promise.resolve();
const enqueue = (work) => (queue = queue.then(work));

const client = new RPCClient({ endpoint: WS, identity: CP, password: process.env.CP_PASSWORD || undefined,
  protocols: [OCPP], strictMode: true, reconnect: false, callTimeoutMs: 10000 });
client.on('strictValidationFailure', e => console.log(`error strict validation of ${e.method}: ${e.error.message}`));
// calls from the CSMS (a site's SetChargingProfile, an operator's Reset...) are accepted, in the answer's own shape
client.handle(({ method, params }) => {
  if (method === 'GetVariables') return { getVariableResult: params.getVariableData.map(({ component, variable }) =>
    ({ attributeStatus: 'Accepted', attributeValue: '300', component, variable })) };
  if (method === 'SetVariables') return { setVariableResult: params.setVariableData.map(({ component, variable }) =>
    ({ attributeStatus: 'Accepted', component, variable })) };
  if (method === 'GetConfiguration') return { configurationKey: [] };
  if (method === 'RequestStopTransaction') {
    const evse = [...transactions].find(([, id]) => id === params.transactionId)?.[0];
    if (evse === undefined) return { status: 'Rejected' };
    // after the answer, as a station ends it
    setImmediate(() => enqueue(() => endTransaction(evse, registers.get(evse) || 0, 'Remote', 'RemoteStop')
      .catch(error => console.log(`error remote stop: ${error.message}`))));
    return { status: 'Accepted' };
  }
  return { status: method === 'UnlockConnector' ? 'Unlocked' : 'Accepted' };
});

const commands = {
  async status([connector, status, errorCode = 'NoError']) {
    await client.call('StatusNotification', V201
      ? { timestamp: now(), connectorStatus: status, evseId: Number(connector), connectorId: 1 }
      : { connectorId: Number(connector), status, errorCode, timestamp: now() });
  },
  async start([connector]) {
    if (V201) {
      transactions.set(connector, randomUUID());
      await sendTransactionEvent('Started', connector, { chargingState: 'Charging' }, {
        evse: { id: Number(connector), connectorId: 1 }, idToken: { idToken: 'DASHBOARD-TEST', type: 'Central' },
        meterValue: meterValue(0, 'Transaction.Begin') });
      return;
    }
    const answer = await client.call('StartTransaction', { connectorId: Number(connector), idTag: 'DASHBOARD-TEST',
      meterStart: 0, timestamp: now() });
    transactions.set(connector, answer.transactionId);
  },
  async meter([connector, wh, w]) {
    registers.set(connector, Number(wh));
    if (V201) {
      await sendTransactionEvent('Updated', connector, {}, { meterValue: meterValue(wh, 'Sample.Periodic', w) });
      return;
    }
    await client.call('MeterValues', { connectorId: Number(connector), transactionId: transactions.get(connector),
      meterValue: [{ timestamp: now(), sampledValue: [
        { value: wh, context: 'Sample.Periodic', measurand: 'Energy.Active.Import.Register', unit: 'Wh' },
        { value: w, context: 'Sample.Periodic', measurand: 'Power.Active.Import', unit: 'W' }] }] });
  },
  async stop([connector, wh]) {
    if (V201) {
      await endTransaction(connector, wh);
      return;
    }
    await client.call('StopTransaction', { transactionId: transactions.get(connector), meterStop: Number(wh),
      timestamp: now(), idTag: 'DASHBOARD-TEST' });
    transactions.delete(connector);
  },
  async problem([connector, value, techInfo]) {
    if (!V201) throw new Error('NotifyEvent is OCPP 2.0.1\'s');
    await client.call('NotifyEvent', { generatedAt: now(), seqNo: 0, eventData: [{ eventId: eventId++, timestamp: now(),
      trigger: 'Delta', actualValue: value, ...(techInfo ? { techInfo } : {}), eventNotificationType: 'HardWiredNotification',
      component: { name: 'Connector', evse: { id: Number(connector), connectorId: 1 } }, variable: { name: 'Problem' } }] });
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
  readline.createInterface({ input: process.stdin }).on('line', line => {
    const [name, ...args] = line.trim().split(/\s+/);
    enqueue(async () => {
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
