// The OCPP 2.0.1 messages the simulator scripts (sim.js, charger.js) build alike.
'use strict';

const now = () => new Date().toISOString();

/** A station's TransactionEvent payloads, numbered by one seqNo from 0. */
function transactionEvents() {
  let seqNo = 0;
  return (eventType, triggerReason, transactionId, info = {}, fields = {}) => ({ eventType, timestamp: now(),
    triggerReason, seqNo: seqNo++, transactionInfo: { transactionId, ...info }, ...fields });
}

/** A meterValue list: the energy register `wh` (sent in kWh) and, if given, the power `w` (in W, multiplier 2). */
const meterValue = (wh, context, w) => [{ timestamp: now(), sampledValue: [
  { value: Number(wh) / 1000, context, measurand: 'Energy.Active.Import.Register', unitOfMeasure: { unit: 'kWh' } },
  ...(w === undefined ? [] : [{ value: Number(w) / 100, context, measurand: 'Power.Active.Import',
    unitOfMeasure: { unit: 'W', multiplier: 2 } }])] }];

module.exports = { now, transactionEvents, meterValue };
