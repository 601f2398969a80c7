// timestamps.test.js - TIMESTAMP precision and time zones through node-oracledb
// (Thin): TO_TIMESTAMP_TZ, FROM_TZ, SYS_EXTRACT_UTC, TZ_OFFSET and the
// TZH/TZM/TZR format elements; PL/SQL parameters of TIMESTAMP [WITH [LOCAL]
// TIME ZONE] taking client binds (DATE, TIMESTAMP_TZ) and text, with the nine
// fraction digits an unconstrained parameter keeps; ORA-01839 for Feb 30.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const oracledb = require('oracledb');
const { startInstanceWithUser } = require('./instance');

let inst, connect;
const out = (type) => ({ dir: oracledb.BIND_OUT, type });

before(async () => { ({ inst, connect } = await startInstanceWithUser('tstz', 'tstz')); });

after(async () => { if (inst) await inst.stop(); });

test('time zone functions and format elements in SQL', async () => {
  const c = await connect();
  await c.execute("alter session set time_zone = '+02:00'");
  const r = await c.execute(`select
      to_char(to_timestamp_tz('1999-12-01 11:00:00.123450000 -08:00', 'YYYY-MM-DD HH24:MI:SS.FF TZH:TZM'),
              'YYYY-MM-DD HH24:MI:SS.FF TZH:TZM') a,
      to_char(to_timestamp_tz('2024-01-01 10:00:00', 'YYYY-MM-DD HH24:MI:SS'), 'TZR') b,
      to_char(from_tz(timestamp '2024-07-01 10:00:00', 'Europe/Paris'), 'HH24:MI TZH:TZM') c,
      to_char(sys_extract_utc(to_timestamp_tz('2024-12-31 23:30 -05:30', 'YYYY-MM-DD HH24:MI TZH:TZM')),
              'YYYY-MM-DD HH24:MI') d,
      tz_offset('+05:45') e
    from dual`);
  assert.deepEqual(r.rows[0], ['1999-12-01 11:00:00.123450000 -08:00', '+02:00', '10:00 +02:00',
    '2025-01-01 05:00', '+05:45']);
  await assert.rejects(c.execute("select to_timestamp('2016-02-30', 'YYYY-MM-DD') from dual"), /ORA-01839:/);
  await assert.rejects(c.execute("select to_char(to_timestamp('2016-02-03', 'YYYY-MM-DD'), 'TZH') from dual"),
    /ORA-01821:/);
  await c.close();
});

test('PL/SQL TIMESTAMP parameters: precision and time zones of binds', async () => {
  const c = await connect();
  for (const [name, type, fmt] of [['ts_plain', 'TIMESTAMP', 'YYYY-MM-DD HH24:MI:SS.FF'],
    ['ts_tz', 'TIMESTAMP WITH TIME ZONE', 'YYYY-MM-DD HH24:MI:SS.FF TZH:TZM'],
    ['ts_ltz', 'TIMESTAMP WITH LOCAL TIME ZONE', 'YYYY-MM-DD HH24:MI:SS.FF']]) {
    await c.execute(`create or replace function ${name}(v in ${type}) return varchar2 is
begin
  return to_char(v, '${fmt}');
end;`);
  }
  const call = (fn, arg, bind) => c.execute(`begin :o := ${fn}(${arg}); end;`, { o: out(oracledb.STRING), v: bind });
  let r = await call('ts_plain', "to_timestamp(:v, 'YYYY-MM-DD HH24:MI:SS.FF')", '1999-12-01 11:00:00.001231000');
  assert.equal(r.outBinds.o, '1999-12-01 11:00:00.001231000');
  r = await call('ts_tz', "to_timestamp_tz(:v, 'YYYY-MM-DD HH24:MI:SS.FF TZH:TZM')", '1999-12-01 11:00:00.123450000 -08:00');
  assert.equal(r.outBinds.o, '1999-12-01 11:00:00.123450000 -08:00');
  await assert.rejects(call('ts_tz', "to_timestamp_tz(:v, 'YYYY-MM-DD HH24:MI:SS.FF')", '2016-02-30 00:00:00.0'),
    /ORA-01839:/);
  // node-oracledb sends a Date as the UTC instant (DATE as TIMESTAMP WITH LOCAL TIME ZONE)
  const when = new Date(Date.UTC(2016, 9, 18, 8, 44, 56, 673));
  r = await call('ts_plain', ':v', { type: oracledb.DB_TYPE_TIMESTAMP_TZ, val: when });
  assert.equal(r.outBinds.o, '2016-10-18 08:44:56.673000000');
  r = await call('ts_tz', ':v', { type: oracledb.DB_TYPE_TIMESTAMP_TZ, val: when });
  assert.equal(r.outBinds.o, '2016-10-18 08:44:56.673000000 +00:00');
  r = await call('ts_ltz', ':v', { type: oracledb.DATE, val: new Date(0) });
  assert.equal(r.outBinds.o, '1970-01-01 00:00:00.000000000');
  r = await call('ts_plain', ':v', { type: oracledb.STRING, val: null });
  assert.equal(r.outBinds.o, null);
  await c.close();
});

test('PL/SQL IN OUT TIMESTAMP WITH TIME ZONE: the value comes back as the instant', async () => {
  const c = await connect();
  await c.execute(`create or replace procedure ts_inout(p in out timestamp with time zone) as
begin
  p := p;
end;`);
  const when = new Date(Date.UTC(2020, 1, 29, 23, 59, 58, 250));
  const r = await c.execute('begin ts_inout(:p); end;',
    { p: { dir: oracledb.BIND_INOUT, type: oracledb.DB_TYPE_TIMESTAMP_TZ, val: when } });
  assert.equal(r.outBinds.p.getTime(), when.getTime());
  await c.execute(`create or replace procedure ts_set(p in out timestamp with time zone) as
begin
  p := to_timestamp_tz('1999-12-01 11:00:00.001231000 -08:00', 'YYYY-MM-DD HH24:MI:SS.FF TZH:TZM');
end;`);
  const r2 = await c.execute('begin ts_set(:p); end;',
    { p: { dir: oracledb.BIND_INOUT, type: oracledb.DB_TYPE_TIMESTAMP_TZ, val: null } });
  assert.equal(r2.outBinds.p.toISOString(), '1999-12-01T19:00:00.001Z');
  await c.close();
});
