// cluster.test.js - node-oracledb (Thin) against a three-instance Warden cluster: connect
// descriptors with several addresses (LOAD_BALANCE spreads connections, FAILOVER gets past a
// stopped instance), INSTANCE_NAME in CONNECT_DATA (the listener hands the client to that
// instance with a REDIRECT), an unknown instance name (ORA-12521), and GV$ seen from a driver.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const oracledb = require('oracledb');
const { startCluster } = require('./instance');

const address = m => `(ADDRESS=(PROTOCOL=TCP)(HOST=127.0.0.1)(PORT=${m.port}))`;
const descriptor = (members, options, connectData = '(SERVICE_NAME=WARDEN)') =>
  `(DESCRIPTION=${options}(ADDRESS_LIST=${members.map(address).join('')})(CONNECT_DATA=${connectData}))`;

async function instanceOf(connectString, password) {
  const c = await oracledb.getConnection({ user: 'system', password, connectString });
  const r = await c.execute('select instance_name from v$instance');
  await c.close();
  return r.rows[0][0];
}

test('a Warden cluster with node-oracledb', async t => {
  const cluster = await startCluster(3);
  const [one, two, three] = cluster.members;
  const pw = cluster.password;
  try {
    await t.test('LOAD_BALANCE spreads new connections over the instances', async () => {
      const seen = new Set();
      const conns = [];
      const cs = descriptor(cluster.members, '(LOAD_BALANCE=on)(FAILOVER=on)');
      for (let i = 0; i < 15; i++) {
        const c = await oracledb.getConnection({ user: 'system', password: pw, connectString: cs });
        seen.add((await c.execute('select instance_name from v$instance')).rows[0][0]);
        conns.push(c);
      }
      assert.ok(seen.size >= 2, `all 15 connections went to ${[...seen]}`);
      const c = conns[0];
      const r = await c.execute('select inst_id, count(*) from gv$session where type = \'USER\' group by inst_id');
      assert.strictEqual(r.rows.reduce((n, row) => n + row[1], 0), 15);
      for (const conn of conns) await conn.close();
    });

    await t.test('INSTANCE_NAME picks the instance, through any listener', async () => {
      assert.strictEqual(await instanceOf(descriptor([one], '', '(SERVICE_NAME=WARDEN)(INSTANCE_NAME=WARDEN3)'), pw), 'WARDEN3');
      assert.strictEqual(await instanceOf(descriptor([three], '', '(SERVICE_NAME=WARDEN)(INSTANCE_NAME=WARDEN2)'), pw), 'WARDEN2');
      assert.strictEqual(await instanceOf(descriptor([two], '', '(SERVICE_NAME=WARDEN)(INSTANCE_NAME=warden2)'), pw), 'WARDEN2');
      await assert.rejects(
        oracledb.getConnection({ user: 'system', password: pw, connectString: descriptor([one], '', '(SERVICE_NAME=WARDEN)(INSTANCE_NAME=WARDEN7)') }),
        /ORA-12521/);
    });

    await t.test('FAILOVER gets a new connection while an instance is down', async () => {
      await one.stop();
      const cs = descriptor(cluster.members, '(FAILOVER=on)');
      for (let i = 0; i < 3; i++) assert.notStrictEqual(await instanceOf(cs, pw), 'WARDEN1');
      await one.start();
      assert.strictEqual(await instanceOf(one.connectString, pw), 'WARDEN1');
    });
  } finally {
    await cluster.stop();
  }
});
