#!/usr/bin/env node
// WebSocket handshake checks with ocpp-rpc against a Dynamo CSMS gateway, for a charger already registered
// (e.g. by sim.js):  CSMS_URL=http://localhost:8080 CP_ID=SIM-CP-003 CP_PASSWORD=... node handshake-probe.js
'use strict';
const { RPCClient } = require('ocpp-rpc');
const WS = (process.env.CSMS_URL || 'http://localhost:8080').replace(/^http/, 'ws') + '/ocpp';
const CP = process.env.CP_ID, PW = process.env.CP_PASSWORD || 'sim-password-0123456789';
if (!CP) { console.error('CP_ID is required'); process.exit(2); }
const cases = [
  ['offers ocpp1.6 + ocpp2.0.1 (gets the newest)', CP, PW, ['ocpp1.6', 'ocpp2.0.1']],
  ['offers ocpp2.0.1 alone', CP, PW, ['ocpp2.0.1']],
  ['offers ocpp1.5 + ocpp1.6', CP, PW, ['ocpp1.5', 'ocpp1.6']],
  ['wrong password', CP, 'wrong-password-0123456789', ['ocpp1.6']],
  ['no password', CP, null, ['ocpp1.6']],
  ['unknown identity', 'SIM-NOPE-' + Date.now(), PW, ['ocpp1.6']],
  ['no OCPP version the gateway speaks', CP, PW, ['ocpp1.5']],
];
(async () => {
  for (const [name, identity, password, protocols] of cases) {
    const c = new RPCClient({ endpoint: WS, identity, password, protocols, reconnect: false });
    try {
      const r = await c.connect();
      console.log(`${name}: HTTP ${r.response.statusCode}, subprotocol ${c.protocol}`);
      if (c.protocol) console.log('   Heartbeat ->', JSON.stringify(await c.call('Heartbeat', {})));
      await c.close();
    } catch (e) { console.log(`${name}: refused: ${e.name} ${e.message} ${e.response ? 'HTTP ' + e.response.statusCode : ''}`); }
  }
})();
