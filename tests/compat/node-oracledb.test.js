// node-oracledb.test.js - node-oracledb 6.x in Thin mode against a live
// Warden instance: logon, DDL, DML with binds, every basic type back exactly,
// transactions across sessions, errors with numbers and offsets, close.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const oracledb = require('oracledb');
const { startInstanceWithUser } = require('./instance');

let inst, scott;

before(async () => {
  assert.ok(oracledb.thin, 'node-oracledb must run in Thin mode');
  ({ inst, connect: scott } = await startInstanceWithUser('scott', 'tiger'));
});

after(async () => { if (inst) await inst.stop(); });

test('connects and reports the server', async () => {
  const c = await scott();
  assert.equal(c.oracleServerVersion, 1900000000);
  const r = await c.execute('select user, dummy from dual');
  assert.deepEqual(r.rows, [['SCOTT', 'X']]);
  assert.deepEqual(r.metaData.map(m => m.name), ['USER', 'DUMMY']);
  await c.close();
});

test('create, insert with binds, select every basic type back exactly', async () => {
  const c = await scott();
  await c.execute(`create table typed (id number(6) primary key, n number, s varchar2(40),
                   d date, ts timestamp(6))`);
  const d = new Date(2024, 0, 31, 13, 14, 15);
  const ts = new Date(2024, 0, 31, 13, 14, 15, 456);
  const rows = [
    [1, 3.14159, 'héllo wörld', d, ts],
    [2, -1234567.89, 'x'.repeat(40), d, ts],
    [3, 0, null, null, null],
    [4, 12345678901234, 'quote \' and "dq"', new Date(1999, 11, 31, 23, 59, 59), new Date(2000, 1, 29, 0, 0, 0, 1)],
  ];
  for (const row of rows) {
    const r = await c.execute('insert into typed values (:1, :2, :3, :4, :5)', row);
    assert.equal(r.rowsAffected, 1);
  }
  await c.commit();
  const r = await c.execute('select id, n, s, d, ts from typed order by id');
  assert.deepEqual(r.metaData.map(m => [m.name, m.dbTypeName]),
    [['ID', 'NUMBER'], ['N', 'NUMBER'], ['S', 'VARCHAR2'], ['D', 'DATE'], ['TS', 'TIMESTAMP']]);
  assert.deepEqual(r.rows, rows);
  const named = await c.execute('select s from typed where id = :id and n = :n', { id: 2, n: -1234567.89 });
  assert.deepEqual(named.rows, [['x'.repeat(40)]]);
  await c.close();
});

test('a cached statement executed again: new binds, and a describe that changes with them', async () => {
  const c = await scott();
  await c.execute('create table again (k number primary key, v varchar2(20))');
  await c.executeMany('insert into again values (:1, :2)', [[1, 'one'], [2, 'two'], [3, 'three']]);
  await c.commit();
  for (const [k, v] of [[2, 'two'], [1, 'one'], [9, null], [3, 'three'], [2, 'two']]) {
    const r = await c.execute('select v from again where k = :1', [k]);
    assert.deepEqual(r.rows, v === null ? [] : [[v]]);
    assert.deepEqual(r.metaData.map(m => [m.name, m.dbTypeName]), [['V', 'VARCHAR2']]);
  }
  // An expression column has the type the translator knows it to have, a NULL too (as in
  // Oracle); of a bind alone, its first value's: NUMBER, then (a NULL) VARCHAR2, then NUMBER.
  const types = [];
  for (const [sql, k] of [['nullif(:1, 2)', 1], ['nullif(:1, 2)', 2], ['nullif(:1, 2)', 1],
    ['case when :1 = 1 then 42 end', 2]]) {
    const r = await c.execute(`select ${sql} as x from dual`, [k]);
    types.push([r.rows[0][0], r.metaData[0].dbTypeName]);
  }
  assert.deepEqual(types, [[1, 'NUMBER'], [null, 'VARCHAR2'], [1, 'NUMBER'], [null, 'NUMBER']]);
  await c.close();
});

test('RAW values round-trip as bytes, bound as Buffers or given as hex text', async () => {
  const c = await scott();
  await c.execute('create table raws (id number, r raw(16))');
  const bytes = Buffer.from([0x00, 0xde, 0xad, 0xbe, 0xef, 0x0a, 0xff]);
  await c.execute('insert into raws values (1, :1)', [bytes]);
  await c.execute("insert into raws values (2, 'CAFE01')"); // implicit HEXTORAW
  const r = await c.execute('select r from raws order by id');
  assert.deepEqual(r.rows, [[bytes], [Buffer.from([0xca, 0xfe, 0x01])]]);
  assert.equal(r.metaData[0].dbTypeName, 'RAW');
  await c.close();
});

test('LOB columns describe as BLOB and CLOB; fetchInfo / fetchAsString bring their values inline', async () => {
  const c = await scott();
  await c.execute('create table lobs (id number, b blob, c clob, n nclob)');
  const binary = Buffer.from([0x00, 0xff, 0x80]);
  const ascii = Buffer.from('plain ascii bytes');
  const text = 'héllo wörld ✓';
  const bigBytes = Buffer.alloc(40000, 0xfe);
  const bigText = 'é'.repeat(30000); // 60000 bytes: sent in chunks
  await c.execute('insert into lobs values (1, :1, :2, :3)', [binary, text, text]);
  await c.execute('insert into lobs values (2, :1, null, null)', [ascii]);
  await c.execute("insert into lobs values (3, hextoraw('00ff80'), null, null)");
  await c.execute('insert into lobs values (4, :1, :2, null)', [bigBytes, bigText]);
  const r = await c.execute('select b, c, n from lobs order by id', [],
    { fetchInfo: { B: { type: oracledb.BUFFER }, C: { type: oracledb.STRING }, N: { type: oracledb.STRING } } });
  assert.deepEqual(r.metaData.map(m => [m.name, m.dbTypeName]),
    [['B', 'BLOB'], ['C', 'CLOB'], ['N', 'CLOB']]);
  assert.equal(r.metaData[0].dbType, oracledb.DB_TYPE_BLOB);
  assert.equal(r.metaData[1].dbType, oracledb.DB_TYPE_CLOB);
  assert.deepEqual(r.rows, [[binary, text, text], [ascii, null, null], [binary, null, null],
    [bigBytes, bigText, null]]);
  assert.ok(Buffer.isBuffer(r.rows[1][0]));
  const h = await c.execute("select hextoraw('00FF80') h, rawtohex(b) x from lobs where id = 1");
  assert.deepEqual(h.rows, [[binary, '00FF80']]);
  assert.deepEqual(h.metaData.map(m => m.dbTypeName), ['RAW', 'VARCHAR2']);
  await c.rollback();
  await c.close();
});

test('CHAR columns come back blank-padded, as Oracle stores them', async () => {
  const c = await scott();
  await c.execute('create table codes (code char(4), label varchar2(10))');
  await c.execute('insert into codes values (:1, :2)', ['AB', 'x']);
  const r = await c.execute('select code, label from codes');
  assert.deepEqual(r.metaData.map(m => m.dbTypeName), ['CHAR', 'VARCHAR2']);
  assert.deepEqual(r.rows, [['AB  ', 'x']]);
  await c.rollback();
  await c.close();
});

test('fetches many rows across round trips', async () => {
  const c = await scott();
  await c.execute('create table many (id number, label varchar2(20))');
  const data = Array.from({ length: 1500 }, (_, i) => [i + 1, `row ${i + 1}`]);
  const r = await c.executeMany('insert into many values (:1, :2)', data);
  assert.equal(r.rowsAffected, 1500);
  await c.commit();
  const q = await c.execute('select id, label from many order by id');
  assert.equal(q.rows.length, 1500);
  assert.deepEqual(q.rows[1499], [1500, 'row 1500']);
  await c.close();
});

test('update, rollback, commit; another session sees committed data only', async () => {
  const a = await scott();
  const b = await scott();
  await a.execute('create table acct (id number primary key, balance number)');
  await a.execute('insert into acct values (1, 100)');
  await a.commit();
  await a.execute('update acct set balance = 50 where id = 1');
  assert.deepEqual((await b.execute('select balance from acct')).rows, [[100]]);
  await a.rollback();
  assert.deepEqual((await a.execute('select balance from acct')).rows, [[100]]);
  await a.execute('update acct set balance = 75 where id = 1');
  await a.commit();
  assert.deepEqual((await b.execute('select balance from acct')).rows, [[75]]);
  await a.execute('insert into acct values (2, 1)'); // never committed
  await a.close();                                  // logoff rolls back
  const c = await scott();
  assert.deepEqual((await c.execute('select id from acct order by id')).rows, [[1]]);
  await b.close();
  await c.close();
});

test('wrong password gives ORA-01017', async () => {
  await assert.rejects(
    oracledb.getConnection({ user: 'scott', password: 'wrong', connectString: inst.connectString }),
    err => err.errorNum === 1017 && /^ORA-01017: invalid username\/password; logon denied/.test(err.message));
});

test('privilege SYSDBA: ORA-01031 and no session without it; AS SYSDBA is a session of SYS', async () => {
  const as = (user, password, privilege) =>
    oracledb.getConnection({ user, password, connectString: inst.connectString, privilege });
  const dba = await as('system', inst.password);
  const sessions = async () =>
    (await dba.execute("select count(*) from v$session where type = 'USER'")).rows[0][0];
  const before = await sessions();
  await assert.rejects(as('scott', 'tiger', oracledb.SYSDBA),
    err => err.errorNum === 1031 && /^ORA-01031: insufficient privileges/.test(err.message));
  await assert.rejects(as('scott', 'tiger', oracledb.SYSOPER), err => err.errorNum === 1031);
  await assert.rejects(as('system', inst.password, oracledb.SYSDBA), err => err.errorNum === 1031);
  await assert.rejects(as('scott', 'wrong', oracledb.SYSDBA), err => err.errorNum === 1017);
  await assert.rejects(as('sys', inst.password),
    err => err.errorNum === 28009 && /^ORA-28009: connection as SYS should be as SYSDBA or SYSOPER/.test(err.message));
  assert.equal(await sessions(), before);

  const sys = await as('sys', inst.password, oracledb.SYSDBA);
  const me = "select user, sys_context('USERENV', 'ISDBA') from dual";
  assert.deepEqual((await sys.execute(me)).rows, [['SYS', 'TRUE']]);
  await sys.execute('grant sysdba to scott');
  assert.deepEqual((await sys.execute("select sysdba, sysoper from v$pwfile_users where username = 'SCOTT'")).rows,
    [['TRUE', 'FALSE']]);
  const scottAsSysdba = await as('scott', 'tiger', oracledb.SYSDBA);
  assert.deepEqual((await scottAsSysdba.execute(me)).rows, [['SYS', 'TRUE']]);
  await scottAsSysdba.close();
  await sys.execute('revoke sysdba from scott');
  await assert.rejects(as('scott', 'tiger', oracledb.SYSDBA), err => err.errorNum === 1031);
  await sys.close();

  const oper = await as('sys', inst.password, oracledb.SYSOPER);
  assert.deepEqual((await oper.execute(me)).rows, [['PUBLIC', 'FALSE']]);
  await oper.close();
  await dba.close();
});

test('unknown service is refused with ORA-12514 (NJS-518)', async () => {
  await assert.rejects(
    oracledb.getConnection({ user: 'scott', password: 'tiger', connectString: `127.0.0.1:${inst.port}/NOSUCH` }),
    err => err.code === 'NJS-518' && /Service "NOSUCH" is not registered/.test(err.message));
});

test('a syntax error carries the ORA number and offset', async () => {
  const c = await scott();
  await assert.rejects(c.execute('select * from nosuch'), err => err.errorNum === 942 && err.offset === 14);
  await assert.rejects(c.execute('select * form dual'), err => err.errorNum === 923 && err.offset === 9);
  assert.deepEqual((await c.execute('select 1 from dual')).rows, [[1]]); // still usable
  await c.close();
});

test('the article identification query and end-to-end attributes', async () => {
  const dba = await oracledb.getConnection({ user: 'system', password: inst.password, connectString: inst.connectString });
  const app = await scott();
  app.module = 'billing';
  app.action = 'nightly run';
  app.clientId = 'alice';
  app.clientInfo = 'batch 42';
  await app.ping(); // end-to-end attributes travel with the next round trip
  const me = await app.execute("select sys_context('USERENV', 'SID') from dual");
  const sid = Number(me.rows[0][0]);
  const r = await dba.execute(`SELECT s.inst_id,
       s.sid,
       s.serial#,
       --s.sql_id,
       p.spid,
       s.username,
       s.program
FROM   gv$session s
       JOIN gv$process p ON p.addr = s.paddr AND p.inst_id = s.inst_id
WHERE  s.type != 'BACKGROUND'`);
  assert.deepEqual(r.metaData.map(m => m.name), ['INST_ID', 'SID', 'SERIAL#', 'SPID', 'USERNAME', 'PROGRAM']);
  const row = r.rows.find(x => x[1] === sid);
  assert.ok(row, 'the application session is listed');
  assert.equal(row[0], 1);
  assert.equal(row[4], 'SCOTT');
  const cmdline = require('node:fs').readFileSync(`/proc/${row[3]}/cmdline`, 'utf8').replace(/\0+$/, '');
  assert.equal(cmdline, 'wardenWARDEN (LOCAL=NO)');
  const a = await dba.execute('select module, action, client_identifier, client_info, status, addr_ok from ' +
    '(select s.*, (select count(*) from v$process p where p.addr = s.paddr) addr_ok from v$session s) where sid = :1', [sid]);
  assert.deepEqual(a.rows, [['billing', 'nightly run', 'alice', 'batch 42', 'INACTIVE', 1]]);
  const raw = await dba.execute('select paddr from v$session where sid = :1', [sid]);
  assert.ok(Buffer.isBuffer(raw.rows[0][0]) && raw.rows[0][0].length === 8, 'PADDR is a RAW(8)');
  await app.close();
  await dba.close();
});

const SLOW = 'select count(*) from (with r(i) as (select 1 from dual union all select i + 1 from r where i < 2000000000) select i from r)';

test('breakExecution() cancels a running call with ORA-01013; the connection stays usable', async () => {
  const c = await scott();
  const running = c.execute(SLOW);
  await new Promise(r => setTimeout(r, 300));
  const t0 = Date.now();
  await c.breakExecution();
  await assert.rejects(running, err => err.errorNum === 1013);
  assert.ok(Date.now() - t0 < 2000);
  assert.deepEqual((await c.execute('select 1 from dual')).rows, [[1]]);
  await c.close();
});

test('ALTER SYSTEM KILL SESSION: a running victim gets ORA-00028, an idle one on its next call', async () => {
  const dba = await oracledb.getConnection({ user: 'system', password: inst.password, connectString: inst.connectString });
  const sidOf = async c => { // the session knows its SID; SERIAL# is a DBA's lookup
    const sid = Number((await c.execute("select sys_context('USERENV', 'SID') from dual")).rows[0][0]);
    return (await dba.execute('select sid, serial# from v$session where sid = :1', [sid])).rows[0];
  };
  const busy = await scott();
  const [bsid, bserial] = await sidOf(busy);
  const outcome = busy.execute(SLOW).then(() => null, err => err); // settles during the KILL
  await new Promise(r => setTimeout(r, 300));
  await dba.execute(`alter system kill session '${bsid},${bserial}'`);
  const err = await outcome;
  assert.ok(err && err.errorNum === 28 && /ORA-00028: your session has been killed/.test(err.message));
  const idle = await scott();
  const [isid, iserial] = await sidOf(idle);
  await dba.execute(`alter system kill session '${isid},${iserial}' immediate`);
  await assert.rejects(idle.execute('select 1 from dual'), err => err.errorNum === 28);
  assert.equal(idle.isHealthy(), false);
  await assert.rejects(dba.execute("alter system kill session '1,1'"), err => err.errorNum === 29);
  await dba.close();
});

test('CANCEL SQL stops a DBMS_LOCK.SLEEP; DISCONNECT SESSION IMMEDIATE ends the connection', async () => {
  const dba = await oracledb.getConnection({ user: 'system', password: inst.password, connectString: inst.connectString });
  const app = await scott();
  const sid = Number((await app.execute("select sys_context('USERENV', 'SID') from dual")).rows[0][0]);
  const serial = (await dba.execute('select serial# from v$session where sid = :1', [sid])).rows[0][0];
  let outcome = app.execute('begin dbms_lock.sleep(:s); end;', { s: 30 }).then(() => null, err => err);
  await new Promise(r => setTimeout(r, 300));
  assert.deepEqual((await dba.execute('select event from v$session where sid = :1', [sid])).rows, [['PL/SQL lock timer']]);
  await dba.execute(`alter system cancel sql '${sid}, ${serial}'`);
  let err = await outcome;
  assert.ok(err && err.errorNum === 1013);
  assert.deepEqual((await app.execute('select 1 from dual')).rows, [[1]]); // still connected
  outcome = app.execute('begin loop null; end loop; end;').then(() => null, e => e);
  await new Promise(r => setTimeout(r, 300));
  await dba.execute(`alter system disconnect session '${sid},${serial}' immediate`);
  err = await outcome;
  assert.ok(err && err.code === 'NJS-500' && /NJS-521|end-of-file/.test(err.message), String(err && err.message));
  assert.equal(app.isHealthy(), false);
  await dba.close();
});

test('connection.close() ends the dedicated server process', async () => {
  const c = await scott();
  const pidOf = async () => {
    // The server process is the one whose title says it serves a TCP client.
    const out = execFileSync('ps', ['-eo', 'pid,ppid,args'], { encoding: 'utf8' });
    return out.split('\n').filter(l => /wardenWARDEN \(LOCAL=NO\)/.test(l))
      .map(l => l.trim().split(/\s+/)).filter(f => Number(f[1]) === inst.pid).map(f => Number(f[0]));
  };
  const before = await pidOf();
  assert.ok(before.length >= 1);
  await c.close();
  const deadline = Date.now() + 5000;
  let now = await pidOf();
  while (now.length >= before.length && Date.now() < deadline) {
    await new Promise(r => setTimeout(r, 20));
    now = await pidOf();
  }
  assert.equal(now.length, before.length - 1);
});
