// rows.test.js - rows whose columns repeat the row before, through node-oracledb
// (Thin): the server leaves a repeated value out and says so in a bit vector
// ahead of the row (src/net/ttc_rows.h), and every value still arrives as
// stored - across fetch calls, for every type, from tables and from the V$
// views' own scan, with LOBs and cursor expressions always sent.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const oracledb = require('oracledb');
const { startInstanceWithUser } = require('./instance');

let inst, connect;
before(async () => { ({ inst, connect } = await startInstanceWithUser('lister', 'lister', ['select any dictionary'])); });
after(async () => { if (inst) await inst.stop(); });

// Row K of the table: runs of equal values of different lengths per column, NULLs among them.
function rowOf(k) {
  const run = (n) => Math.floor(k / n);
  return [
    k,
    run(3) % 4 === 3 ? null : run(3) * 1.5,
    run(5) % 3 === 2 ? null : `text ${run(5)} é`,
    `c${run(2) % 3} `, // CHAR(3): blank-padded
    new Date(Date.UTC(2024, 0, 1 + run(4), 10, 0, 0)),
    run(7) % 2 ? null : Buffer.from([run(7), 0xab]),
    k % 10 < 6 ? 'same in six of ten' : null,
    run(6) * 0.25,
  ];
}
const SELECT = 'select k, n, v, c, d, r, t, bd from repeats order by k';

test('repeated values arrive as stored, whatever the fetch size: every type, NULLs among them', async () => {
  const c = await connect();
  await c.execute(`create table repeats (k number primary key, n number, v varchar2(40),
    c char(3), d date, r raw(4), t varchar2(30), bd binary_double)`);
  const rows = Array.from({ length: 300 }, (_, k) => rowOf(k));
  await c.executeMany('insert into repeats values (:1, :2, :3, :4, :5, :6, :7, :8)', rows);
  await c.commit();
  for (const size of [1, 2, 7, 100, 1000]) {
    const got = (await c.execute(SELECT, [], { fetchArraySize: size, prefetchRows: size })).rows;
    assert.equal(got.length, rows.length, `fetch size ${size}`);
    for (let k = 0; k < rows.length; k++)
      assert.deepEqual(got[k], rows[k], `row ${k}, fetch size ${size}`);
  }
  // a result set read in pieces: each fetch call's first row stands alone
  const rs = (await c.execute(SELECT, [], { resultSet: true, fetchArraySize: 13 })).resultSet;
  const pieces = [];
  for (let part; (part = await rs.getRows(11)).length;) pieces.push(...part);
  await rs.close();
  assert.deepEqual(pieces, rows);
  // left out, not sent: of the 180 rows with T's 18 bytes only the first of each run of 6 carries it
  const sent = async () => (await c.execute(`select m.value from v$mystat m, v$statname n
    where n.statistic# = m.statistic# and n.name = 'bytes sent via SQL*Net to client'`)).rows[0][0];
  const before = await sent();
  assert.equal((await c.execute('select t from repeats order by k', [], { fetchArraySize: 1000 })).rows.length, 300);
  const bytes = await sent() - before;
  assert.ok(bytes < 3000, `${bytes} bytes sent: all 180 values would be 3,420`);
  // ... and counted: the 30 values sent are 570 bytes (the statistic takes a reply in at the
  // next call, so the fetch's is in by the second read)
  assert.ok(bytes > 570, `${bytes} bytes sent: the 30 values alone are 570`);
  await c.close();
});

test('LOBs and cursor expressions are sent in every row, equal values or not', async () => {
  const c = await connect();
  await c.execute('create table docs (k number, body clob, pic blob)');
  for (let k = 1; k <= 4; k++)
    await c.execute("insert into docs values (:k, 'the same text', hextoraw('0102'))", { k });
  await c.commit();
  const lobs = (await c.execute('select k, body, pic from docs order by k',
    [], { fetchInfo: { BODY: { type: oracledb.STRING }, PIC: { type: oracledb.BUFFER } } })).rows;
  assert.deepEqual(lobs, [1, 2, 3, 4].map((k) => [k, 'the same text', Buffer.from([1, 2])]));
  const locators = (await c.execute('select body from docs order by k')).rows;
  for (const [lob] of locators) assert.equal(await lob.getData(), 'the same text');
  const nested = (await c.execute(
    'select k, cursor(select 1 from dual) from docs order by k')).rows;
  assert.equal(nested.length, 4);
  for (const [, rows] of nested) assert.deepEqual(rows, [[1]]);
  await c.close();
});

test("V$SESSION's scan repeats what the ordinary path gives: 40 sessions alike but for their ids", async () => {
  const sessions = await Promise.all(Array.from({ length: 40 }, () => connect()));
  const c = await oracledb.getConnection(
    { user: 'system', password: inst.password, connectString: inst.connectString });
  const cols = 'sid, "SERIAL#", username, status, program, type, server, schemaname, machine';
  const plain = (await c.execute(`select ${cols} from v$session`)).rows; // the plain scan
  const ordered = (await c.execute(`select ${cols} from v$session order by sid`)).rows;
  plain.sort((a, b) => a[0] - b[0]);
  assert.deepEqual(plain, ordered);
  const mine = plain.filter((r) => r[2] === 'LISTER');
  assert.equal(mine.length, 40);
  assert.equal(new Set(mine.map((r) => `${r[0]},${r[1]}`)).size, 40);
  for (const r of mine) assert.deepEqual(r.slice(2, 8), mine[0].slice(2, 8));
  await Promise.all(sessions.map((s) => s.close()));
  await c.close();
});
