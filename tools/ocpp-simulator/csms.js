// What the simulator scripts share: the CSMS's addresses (from the environment), its REST API, a timed log.
'use strict';

const BASE = process.env.CSMS_URL || 'http://localhost:8080';
const KEY = process.env.CSMS_API_KEY;
if (!KEY) { console.error('CSMS_API_KEY is required'); process.exit(2); }
// the gateway may be deployed apart from the REST services (ocpp-gateway on its own)
const WS = (process.env.OCPP_URL || BASE.replace(/^http/, 'ws')) + '/ocpp';

const t0 = Date.now();
const ts = () => `+${((Date.now() - t0) / 1000).toFixed(3)}s`;
const log = (...a) => console.log(ts(), ...a);
const sleep = ms => new Promise(r => setTimeout(r, ms));

/** A REST call with the API key: its status and its body (parsed when JSON). */
async function api(method, path, body) {
  const res = await fetch(BASE + path, {
    method, headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json; try { json = JSON.parse(text); } catch { json = text; }
  return { status: res.status, json };
}

module.exports = { BASE, KEY, WS, log, sleep, api };
