// timestamps.test.js - TIMESTAMP precision and time zones through node-oracledb
// (Thin): TO_TIMESTAMP_TZ, FROM_TZ, SYS_EXTRACT_UTC, TZ_OFFSET and the
// TZH/TZM/TZR format elements; PL/SQL parameters of TIMESTAMP [WITH [LOCAL]
// TIME ZONE] taking client binds (DATE, TIMESTAMP_TZ) and text, with the nine
// fraction digits an unconstrained parameter keeps; ORA-01839 for Feb 30.
// INTERVAL YEAR TO MONTH / DAY TO SECOND: literals, columns, conversions and
// arithmetic, fetched as the driver's IntervalYM / IntervalDS objects; columns
// of TIMESTAMP WITH [LOCAL] TIME ZONE.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const oracledb = require('oracledb');
const { startInstanceWithUser } = require('./instance');

let inst, connect;
const out = (type) => ({ dir: oracledb.BIND_OUT, type });

before(async () => { ({ inst, connect } = await startInstanceWithUser('tstz', 'tstz', ['create view'])); });

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
      tz_offset('+05:45') e,
      to_char(timestamp '1999-12-01 11:00:00 -8:00', 'HH24:MI TZH:TZM') f
    from dual`);
  assert.deepEqual(r.rows[0], ['1999-12-01 11:00:00.123450000 -08:00', '+02:00', '10:00 +02:00',
    '2025-01-01 05:00', '+05:45', '11:00 -08:00']);
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
  // node-oracledb sends a Date as TIMESTAMP (local time) or, asked to, as TIMESTAMP WITH [LOCAL]
  // TIME ZONE (the UTC instant)
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

test('INTERVAL literals, columns and arithmetic reach the driver as IntervalYM / IntervalDS', async () => {
  const c = await connect();
  let r = await c.execute(`select interval '10-2' year to month a, interval '11 10:09:08.555' day to second b,
      interval '4 5:12:10.222' day to second(3) d, to_char(interval '3' second) e from dual`);
  assert.ok(r.rows[0][0] instanceof oracledb.IntervalYM);
  assert.deepEqual([r.rows[0][0].years, r.rows[0][0].months], [10, 2]);
  assert.ok(r.rows[0][1] instanceof oracledb.IntervalDS);
  const b = r.rows[0][1];
  assert.deepEqual([b.days, b.hours, b.minutes, b.seconds, b.fseconds], [11, 10, 9, 8, 555000000]);
  assert.equal(r.rows[0][2].fseconds, 222000000);
  assert.equal(r.rows[0][3], '+00 00:00:03.000000');
  assert.equal(r.metaData[0].dbType, oracledb.DB_TYPE_INTERVAL_YM);
  assert.equal(r.metaData[1].dbType, oracledb.DB_TYPE_INTERVAL_DS);
  await c.execute(`create table spans (id number, ym interval year(3) to month, ds interval day to second,
      tz timestamp(3) with time zone)`);
  await c.execute(`insert into spans values (1, interval '100-1' year(3) to month, to_dsinterval('2 03:04:05.5'),
      to_timestamp_tz('2020-01-01 10:00:00.5 -05:00', 'YYYY-MM-DD HH24:MI:SS.FF TZH:TZM'))`);
  r = await c.execute('select ym, ds, tz, extract(day from ds), ds * 2 from spans');
  assert.deepEqual([r.rows[0][0].years, r.rows[0][0].months], [100, 1]);
  assert.deepEqual([r.rows[0][1].days, r.rows[0][1].seconds, r.rows[0][1].fseconds], [2, 5, 500000000]);
  assert.equal(r.rows[0][2].toISOString(), '2020-01-01T15:00:00.500Z');
  assert.equal(r.metaData[2].dbType, oracledb.DB_TYPE_TIMESTAMP_TZ);
  assert.equal(r.rows[0][3], 2);
  assert.deepEqual([r.rows[0][4].days, r.rows[0][4].hours, r.rows[0][4].minutes, r.rows[0][4].seconds], [4, 6, 8, 11]);
  r = await c.execute(`select timestamp '2020-01-02 10:00:00' - timestamp '2020-01-01 08:30:00.5',
      to_char(timestamp '2020-01-01 10:00:00' + interval '1 2' day to hour, 'YYYY-MM-DD HH24:MI'),
      to_char(date '2020-01-28' + numtoyminterval(13, 'month'), 'YYYY-MM-DD') from dual`);
  assert.deepEqual([r.rows[0][0].days, r.rows[0][0].hours, r.rows[0][0].minutes, r.rows[0][0].seconds,
    r.rows[0][0].fseconds], [1, 1, 29, 59, 500000000]);
  assert.equal(r.rows[0][1], '2020-01-02 12:00');
  assert.equal(r.rows[0][2], '2021-02-28');
  await assert.rejects(c.execute("select date '2020-01-31' + interval '1' month from dual"), /ORA-01839:/);
  await assert.rejects(c.execute("select interval '123' day from dual"), /ORA-01873:/);
  await c.close();
});

test('PL/SQL: INTERVAL literals, variables and parameters; timestamp + interval in a loop', async () => {
  const c = await connect();
  let r = await c.execute(`declare
  d interval day to second := interval '1 2:03:04' day to second;
  y interval year(2) to month;
  l_start timestamp with local time zone := systimestamp;
  n number := 0;
begin
  y := '1-6';
  d := d * 2;
  loop
    n := n + 1;
    exit when l_start + interval '0.2' second <= systimestamp;
  end loop;
  :o := to_char(d) || ' ' || y;
  :n := n;
end;`, { o: out(oracledb.STRING), n: out(oracledb.NUMBER) });
  assert.equal(r.outBinds.o, '+02 04:06:08.000000 +01-06');
  assert.ok(r.outBinds.n > 1);
  await c.execute(`create or replace function add_span(t in timestamp, i in interval day to second)
return timestamp is
begin
  return t + i;
end;`);
  r = await c.execute('begin :o := add_span(:t, :i); end;', {
    o: out(oracledb.DB_TYPE_TIMESTAMP),
    t: { type: oracledb.DB_TYPE_TIMESTAMP, val: new Date(Date.UTC(2020, 0, 1)) },
    i: { type: oracledb.DB_TYPE_INTERVAL_DS, val: new oracledb.IntervalDS({ days: 1, hours: 2, fseconds: 500000000 }) },
  });
  assert.equal(r.outBinds.o.toISOString(), '2020-01-02T02:00:00.500Z');
  r = await c.execute("begin :o := interval '2-3' year(1) to month; end;", { o: out(oracledb.DB_TYPE_INTERVAL_YM) });
  assert.deepEqual([r.outBinds.o.years, r.outBinds.o.months], [2, 3]);
  // the interval conversion functions in PL/SQL expressions
  r = await c.execute(`begin :ym := to_yminterval('-25-7'); :ds := to_dsinterval('8 09:24:18.123789');
    :n := to_char(date '2024-01-31' + numtoyminterval(14, 'MONTH') + numtodsinterval(90, 'MINUTE'), 'YYYY-MM-DD HH24:MI'); end;`,
  { ym: out(oracledb.DB_TYPE_INTERVAL_YM), ds: out(oracledb.DB_TYPE_INTERVAL_DS), n: out(oracledb.STRING) });
  assert.deepEqual([r.outBinds.ym.years, r.outBinds.ym.months], [-25, -7]);
  assert.deepEqual([r.outBinds.ds.days, r.outBinds.ds.hours, r.outBinds.ds.fseconds], [8, 9, 123789000]);
  assert.equal(r.outBinds.n, '2025-03-31 01:30');
  await c.close();
});

test('a DATE, TIMESTAMP or INTERVAL bind alone in a select list comes back as its type', async () => {
  const c = await connect();
  const ym = new oracledb.IntervalYM({ years: -12, months: -5 });
  const ds = new oracledb.IntervalDS({ days: 5, hours: 1, fseconds: 500 });
  const binds = [{ type: oracledb.DB_TYPE_DATE, val: new Date(Date.UTC(2024, 0, 31)) },
    { type: oracledb.DB_TYPE_TIMESTAMP, val: new Date(1500) }, { type: oracledb.DB_TYPE_INTERVAL_YM, val: ym },
    { type: oracledb.DB_TYPE_INTERVAL_DS, val: ds }, 'text'];
  for (let i = 0; i < 2; i++) { // the second execute keeps the describe
    const r = await c.execute('select :1 d, :2 t, :3 ym, :4 ds, :5 s from dual', binds);
    assert.deepEqual(r.metaData.map(m => m.dbType), [oracledb.DB_TYPE_DATE, oracledb.DB_TYPE_TIMESTAMP,
      oracledb.DB_TYPE_INTERVAL_YM, oracledb.DB_TYPE_INTERVAL_DS, oracledb.DB_TYPE_VARCHAR]);
    assert.ok(r.rows[0][0] instanceof Date && r.rows[0][1] instanceof Date);
    assert.deepEqual([r.rows[0][2], r.rows[0][3], r.rows[0][4]], [ym, ds, 'text']);
  }
  await c.close();
});

test('AT TIME ZONE and AT LOCAL move an instant to another zone', async () => {
  const c = await connect();
  await c.execute("alter session set time_zone = '+05:30'");
  const r = await c.execute(`select
      to_char(timestamp '2024-01-31 10:00:00 +00:00' at time zone '-8:00', 'YYYY-MM-DD HH24:MI TZH:TZM'),
      to_char(timestamp '2024-07-01 10:00:00 +02:00' at time zone 'America/New_York', 'HH24:MI TZH:TZM'),
      to_char(timestamp '2024-01-31 10:00:00 +00:00' at local, 'HH24:MI TZH:TZM'),
      to_char(timestamp '2024-01-31 10:00:00' at time zone 'UTC', 'HH24:MI TZH:TZM') from dual`);
  assert.deepEqual(r.rows, [['2024-01-31 02:00 -08:00', '04:00 -04:00', '15:30 +05:30', '04:30 +00:00']]);
  await assert.rejects(c.execute("select systimestamp at time zone 'Nowhere/City' from dual"), /ORA-01882/);
  await c.close();
});

test('TIMESTAMP WITH LOCAL TIME ZONE binds and columns follow the session time zone', async () => {
  const c = await connect();
  await c.execute("alter session set time_zone = '+02:00'");
  await c.execute('create table local_times (d date, l timestamp with local time zone)');
  const when = new Date(Date.UTC(2024, 0, 15, 10, 30, 0));
  const ltz = { type: oracledb.DB_TYPE_TIMESTAMP_LTZ, val: when }; // sent in UTC
  await c.execute('insert into local_times values (:1, :2)', [ltz, ltz]);
  let r = await c.execute("select to_char(d, 'YYYY-MM-DD HH24:MI'), to_char(l, 'YYYY-MM-DD HH24:MI'), l from local_times");
  assert.equal(r.rows[0][0], '2024-01-15 12:30'); // the session's local time
  assert.equal(r.rows[0][1], '2024-01-15 12:30');
  assert.equal(r.rows[0][2].toISOString(), when.toISOString()); // back in UTC on the wire
  assert.equal(r.metaData[2].dbType, oracledb.DB_TYPE_TIMESTAMP_LTZ);
  r = await c.execute('begin :o := :i; end;',
    { o: out(oracledb.DB_TYPE_TIMESTAMP_LTZ), i: { type: oracledb.DB_TYPE_TIMESTAMP_LTZ, val: when } });
  assert.equal(r.outBinds.o.toISOString(), when.toISOString());
  await c.close();
});

test('PL/SQL compares timestamps with time zones by instant', async () => {
  const c = await connect();
  const r = await c.execute(`declare
  a timestamp with time zone := to_timestamp_tz('2024-01-01 10:00 -05:00', 'YYYY-MM-DD HH24:MI TZH:TZM');
  b timestamp with time zone := to_timestamp_tz('2024-01-01 16:00 +02:00', 'YYYY-MM-DD HH24:MI TZH:TZM');
  t timestamp := to_timestamp('2024-01-01 10:00:00.5', 'YYYY-MM-DD HH24:MI:SS.FF');
begin
  :o := case when a > b then 'later' when a = b then 'same' else 'earlier' end
        || case when t > to_date('2024-01-01 10:00:00', 'YYYY-MM-DD HH24:MI:SS') then ' after' else ' not' end;
end;`, { o: out(oracledb.STRING) });
  assert.equal(r.outBinds.o, 'later after'); // 15:00 UTC against 14:00 UTC
  await c.close();
});

test('TIMESTAMP and INTERVAL columns keep values in their own precision and time zone', async () => {
  const c = await connect();
  await c.execute("alter session set time_zone = '+01:00'");
  await c.execute(`create table kept (id number, t timestamp(6), z timestamp(3) with time zone,
      i interval day(3) to second(2))`);
  await c.execute(`insert into kept values (1, to_timestamp('1999-12-01 11:00:00.1234567', 'YYYY-MM-DD HH24:MI:SS.FF'),
      timestamp '2024-01-01 10:00:00.12345', interval '100 1:2:3.456' day(3) to second(3))`);
  await c.execute(`update kept set t = to_timestamp('2000-01-01 00:00:00.9999999', 'YYYY-MM-DD HH24:MI:SS.FF')
      where id = 1 and t is not null`);
  await c.commit();
  const r = await c.execute(`select to_char(t, 'YYYY-MM-DD HH24:MI:SS.FF'), to_char(z, 'HH24:MI:SS.FF TZH:TZM'),
      to_char(i) from kept`);
  // FF without digits shows at least 6 (Oracle: the column's 3)
  assert.deepEqual(r.rows[0], ['2000-01-01 00:00:01.000000', '10:00:00.123000 +01:00', '+100 01:02:03.46']);
  await c.close();
});

test('intervals compare by value in SQL: columns, differences of timestamps, literals, binds', async () => {
  const c = await connect(), other = await connect();
  await c.execute(`create table runs (k number, started timestamp, ended timestamp,
    budget interval day to second, term interval year to month)`);
  await c.executeMany('insert into runs values (:1, :2, :3, numtodsinterval(:4, \'MINUTE\'), numtoyminterval(:5, \'MONTH\'))', [
    [1, new Date(2024, 0, 1, 10), new Date(2024, 0, 1, 10, 30), 30, 18],
    [2, new Date(2024, 0, 1, 10), new Date(2024, 0, 1, 12), -120, 11],
    [3, new Date(2024, 0, 1, 10), new Date(2024, 0, 3, 10), 2880, 120]]);
  await c.commit();
  const keys = async (where, binds = []) => (await other.execute(
    `select k from runs r where ${where} order by k`, binds)).rows.map((row) => row[0]);
  // a difference of timestamps against a literal (its text is wider than the literal's)
  assert.deepEqual(await keys("ended - started > interval '1' hour"), [2, 3]);
  assert.deepEqual(await keys("r.ended - r.started = interval '2' hour"), [2]);
  // negative intervals sort below positive ones; a column against a bind
  assert.deepEqual(await keys("budget < interval '1' hour"), [1, 2]);
  assert.deepEqual(await keys('budget >= :b', { b: { val: new oracledb.IntervalDS({ days: 1 }) } }), [3]);
  assert.deepEqual(await keys(':b > budget', { b: { val: new oracledb.IntervalDS({ hours: 1 }) } }), [1, 2]);
  assert.deepEqual(await keys("term >= interval '1' year"), [1, 3]);
  assert.deepEqual(await keys("exists (select 1 from dual where r.term < interval '12' month)"), [2]);
  assert.deepEqual(await keys("budget between interval '-3' hour and interval '1' hour"), [1, 2]);
  // a subquery's columns carry their types: an alias, a column, a derived name
  assert.deepEqual((await other.execute(`select s.k from (select k, ended - started took, budget
      from runs) s where took >= interval '2' hour and s.budget < interval '1' day order by 1`))
    .rows, [[2]]);
  assert.deepEqual(await keys("budget not between interval '-3' hour and interval '1' hour"), [3]);
  // DML finds its rows the same way
  assert.equal((await c.execute("delete from runs where ended - started < interval '1' hour"))
    .rowsAffected, 1);
  assert.equal((await c.execute("update runs set k = k * 10 where budget > interval '1' day"))
    .rowsAffected, 1);
  await c.rollback();
  // the two kinds do not compare
  await assert.rejects(other.execute("select k from runs where budget > interval '1' month"),
    /ORA-00932: inconsistent datatypes: expected INTERVAL DAY TO SECOND got INTERVAL YEAR TO MONTH/);
  await c.close();
  await other.close();
});

test('SYSDATE, SYSTIMESTAMP and CURRENT_TIMESTAMP are one instant for all of a statement\'s rows', async () => {
  const c = await connect();
  await c.execute('create table ticks (k number)');
  await c.executeMany('insert into ticks values (:1)', [[1], [2], [3]]);
  const sql = `select systimestamp, current_timestamp, sysdate, k from ticks order by k`;
  const rs = (await c.execute(sql, [], { resultSet: true, fetchArraySize: 1, prefetchRows: 0 }))
    .resultSet;
  const first = await rs.getRow();
  await new Promise((resolve) => setTimeout(resolve, 1200)); // the next rows come in later calls
  const rest = [await rs.getRow(), await rs.getRow()];
  await rs.close();
  for (const row of rest) {
    assert.equal(row[0].getTime(), first[0].getTime());
    assert.equal(row[1].getTime(), first[1].getTime());
    assert.equal(row[2].getTime(), first[2].getTime());
  }
  // the statement run again reads the clock again; an INSERT ... SELECT writes one instant
  const again = (await c.execute(sql)).rows;
  assert.ok(again[0][0].getTime() >= first[0].getTime() + 1000);
  await c.execute('create table stamped (k number, at timestamp with time zone)');
  await c.execute('insert into stamped select k, systimestamp from ticks');
  assert.deepEqual((await c.execute('select count(distinct at) from stamped')).rows, [[1]]);
  await c.rollback();
  await c.close();
});

test('views, subqueries, CASE and DECODE keep their columns\' types: ordered, compared, MAX and MIN', async () => {
  const c = await connect(), other = await connect();
  await c.execute("alter session set time_zone = '+00:00'");
  await c.execute('create table shifts (k number, tz timestamp with time zone, len interval day to second)');
  // as instants: 1 is 05:00 UTC, 2 is 06:00 UTC, 3 is 04:00 UTC; the texts sort 3, 2, 1
  await c.execute(`insert into shifts values (1, timestamp '2024-01-01 10:00:00 +05:00',
    interval '1 02:00:00' day to second)`);
  await c.execute(`insert into shifts values (2, timestamp '2024-01-01 06:00:00 +00:00',
    interval '-0 05:00:00' day to second)`);
  await c.execute(`insert into shifts values (3, timestamp '2024-01-01 02:00:00 -02:00',
    interval '10 00:00:00' day to second)`);
  await c.execute('insert into shifts (k) values (4)');
  await c.execute('create view shifts_v as select * from shifts');
  await c.commit();
  const keys = async (sql) => (await other.execute(sql)).rows.map((row) => row[0]);
  // a view's columns have their table's types
  assert.deepEqual(await keys('select k from shifts_v order by tz'), [3, 1, 2, 4]);
  assert.deepEqual(await keys('select k from shifts_v where k < 4 order by len desc'), [3, 1, 2]);
  assert.deepEqual(await keys("select k from shifts_v where tz > timestamp '2024-01-01 04:30:00 +00:00' order by 1"), [1, 2]);
  // a subquery without an alias, a * written out, a select list column ordered by position
  assert.deepEqual(await keys('select k from (select * from shifts) order by tz'), [3, 1, 2, 4]);
  assert.deepEqual(await keys('select k, len from (select k, len from shifts) order by 2'), [2, 1, 3, 4]);
  // a WITH query's columns, and a scalar subquery's value
  assert.deepEqual(await keys(`with w as (select k, tz from shifts) select k from w
    where tz > timestamp '2024-01-01 04:30:00 +00:00' order by tz`), [1, 2]);
  assert.deepEqual(await keys(`select k from shifts
    where len = (select max(len) from shifts) or tz = (select min(tz) from shifts) order by k`), [3]);
  // intervals sort by length, negative ones first
  assert.deepEqual(await keys('select k from shifts order by len nulls first'), [4, 2, 1, 3]);
  // CASE and DECODE take their results' type
  assert.deepEqual(await keys('select k from shifts where k < 4 order by case when k > 0 then tz end'), [3, 1, 2]);
  assert.deepEqual(await keys('select k from shifts where k < 4 order by decode(k, 0, null, len)'), [2, 1, 3]);
  assert.deepEqual(await keys(`select k from shifts
    where case when k > 0 then len end > interval '0 01:00:00' day to second order by k`), [1, 3]);
  // MAX and MIN compare as the values do, in a view, grouped, with DISTINCT
  const [ext] = (await other.execute(`select to_char(max(tz), 'HH24:MI TZH:TZM'),
    to_char(min(tz), 'HH24:MI TZH:TZM'), max(len), min(len) from shifts_v`)).rows;
  assert.deepEqual(ext.slice(0, 2), ['06:00 +00:00', '02:00 -02:00']);
  assert.equal(ext[2].days, 10);
  assert.deepEqual([ext[3].days, ext[3].hours], [0, -5]);
  assert.deepEqual(await keys(`select k from shifts where k < 4 group by k
    having max(distinct len) > interval '0 00:00:01' day to second order by k`), [1, 3]);
  const none = (await other.execute('select max(len), min(tz) from shifts where k = 4')).rows[0];
  assert.deepEqual(none, [null, null]);
  // GREATEST and LEAST too
  assert.deepEqual((await other.execute(`select
      to_char(greatest(tz, timestamp '2024-01-01 05:30:00 +00:00'), 'HH24:MI TZH:TZM'),
      least(len, interval '-1' day) from shifts where k = 1`)).rows[0].map((v) => v.days ?? v),
    ['05:30 +00:00', -1]);
  // the kinds still do not mix
  await assert.rejects(other.execute("select k from shifts order by greatest(len, interval '1' month)"), /ORA-/);
  await c.close();
  await other.close();
});

test('a TIMESTAMP compares with a DATE, and a value with a time zone with anything, as instants', async () => {
  const c = await connect();
  await c.execute("alter session set time_zone = '+00:00'");
  await c.execute(`create table events (k number, ts timestamp, tz timestamp with time zone, d date)`);
  await c.execute(`insert into events values (1, timestamp '2024-01-01 00:00:00',
    timestamp '2024-01-01 10:00:00 +02:00', date '2024-01-01')`);
  await c.execute(`insert into events values (2, timestamp '2024-01-01 00:00:00.5',
    timestamp '2024-01-01 09:30:00 +00:00', date '2024-01-02')`);
  await c.execute('insert into events (k) values (3)');
  const keys = async (tail) => (await c.execute(`select k from events e ${tail}`)).rows
    .map((row) => row[0]);
  // the texts differ ('2024-01-01 00:00:00' and '... 00:00:00.000000'); the values do not
  assert.deepEqual(await keys("where ts = date '2024-01-01'"), [1]);
  assert.deepEqual(await keys('where e.ts = e.d'), [1]);
  assert.deepEqual(await keys('where d > ts order by k'), [2]);
  // 10:00 at +02:00 is 08:00 UTC, before 09:30 UTC
  assert.deepEqual(await keys("where tz > timestamp '2024-01-01 09:00:00 +00:00'"), [2]);
  assert.deepEqual(await keys("where tz < timestamp '2024-01-01 09:45:00 +00:00' order by k"), [1, 2]);
  assert.deepEqual(await keys("where timestamp '2024-01-01 08:00:00 -00:00' = tz"), [1]);
  assert.deepEqual(await keys('where tz < systimestamp order by k'), [1, 2]);
  // BETWEEN: the upper bound of a TIMESTAMP by DATEs, instants, NOT and NULL
  assert.deepEqual(await keys("where ts between date '2023-12-31' and date '2024-01-01'"), [1]);
  assert.deepEqual(await keys(`where tz between timestamp '2024-01-01 07:00:00 +00:00'
    and timestamp '2024-01-01 09:00:00 +00:00'`), [1]);
  assert.deepEqual(await keys(`where tz not between timestamp '2024-01-01 07:00:00 +00:00'
    and timestamp '2024-01-01 09:00:00 +00:00'`), [2]);
  // ordered by the instant, NULLs last ascending and first descending
  assert.deepEqual(await keys('order by tz'), [1, 2, 3]);
  assert.deepEqual(await keys('order by e.tz desc'), [3, 2, 1]);
  // ... also by its select list alias or position
  assert.deepEqual((await c.execute('select k, tz t from events order by t')).rows.map((r) => r[0]),
    [1, 2, 3]);
  assert.deepEqual((await c.execute('select k, tz from events order by 2 desc')).rows
    .map((r) => r[0]), [3, 2, 1]);
  // an ordered query's datetime expressions still describe as datetimes (SQLite's sorter drops
  // the functions' subtypes; the translator's types stand in)
  const sorted = await c.execute(`select d + 1 next_day, tz + interval '1' hour later,
    ts - ts zero from events where k = 1 order by k`);
  assert.deepEqual(sorted.metaData.map((m) => m.dbType), [oracledb.DB_TYPE_DATE,
    oracledb.DB_TYPE_TIMESTAMP_TZ, oracledb.DB_TYPE_INTERVAL_DS]);
  assert.ok(sorted.rows[0][0] instanceof Date && sorted.rows[0][1] instanceof Date);
  await c.rollback();
  await c.close();
});
