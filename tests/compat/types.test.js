// types.test.js - values stored take their column's declared type, through
// node-oracledb (Thin): NUMBER(p,s) rounds and limits its digits
// (ORA-01438), VARCHAR2(n) / CHAR(n) / RAW(n) limit their bytes (ORA-12899),
// VARCHAR2(n CHAR), NCHAR and NVARCHAR2 their characters, CHAR and NCHAR pad
// with blanks and compare blank-padded, with binds as with literals, and a
// failing row leaves the others alone.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const oracledb = require('oracledb');
const { startInstanceWithUser } = require('./instance');

let inst, connect;
before(async () => { ({ inst, connect } = await startInstanceWithUser('types', 'types')); });
after(async () => { if (inst) await inst.stop(); });

test('NUMBER(p,s) and INTEGER round; more digits than p-s is ORA-01438', async () => {
  const c = await connect();
  await c.execute('create table amounts (k number, a number(7,2), h number(5,-2), i integer)');
  await c.execute('insert into amounts values (1, 19.999, 12345, 3.5)');
  await c.execute('insert into amounts values (2, :a, :h, :i)', { a: 0.005, h: 149, i: -2.5 });
  await c.executeMany('insert into amounts (k, a) values (:1, :2)', [[3, 1.234], [4, 99999.994]]);
  assert.deepEqual((await c.execute('select a, h, i from amounts order by k')).rows,
    [[20, 12300, 4], [0.01, 100, -3], [1.23, null, null], [99999.99, null, null]]);
  await assert.rejects(c.execute('insert into amounts (k, a) values (5, 99999.995)'),
    /ORA-01438: value larger than specified precision allowed for this column/);
  await assert.rejects(c.execute('update amounts set a = a * 100'), /ORA-01438/);
  assert.deepEqual((await c.execute('select a from amounts where k = 1')).rows, [[20]]); // untouched
  await c.close();
});

test('VARCHAR2(n), CHAR(n) and RAW(n) take n bytes at most: ORA-12899 names the column', async () => {
  const c = await connect();
  await c.execute('create table codes (v varchar2(3), ch char(2), r raw(2))');
  await c.execute("insert into codes values ('EUR', 'ab', hextoraw('A1B2'))");
  await assert.rejects(c.execute('insert into codes (v) values (:v)', { v: 'EURO' }),
    /ORA-12899: value too large for column "TYPES"."CODES"."V" \(actual: 4, maximum: 3\)/);
  await assert.rejects(c.execute("insert into codes (v) values ('é€')"), // 5 bytes in UTF-8
    /ORA-12899: value too large for column "TYPES"."CODES"."V" \(actual: 5, maximum: 3\)/);
  await assert.rejects(c.execute("update codes set ch = 'abc'"), /"CODES"."CH" \(actual: 3, maximum: 2\)/);
  await assert.rejects(c.execute('insert into codes (r) values (:r)', { r: Buffer.from([1, 2, 3]) }),
    /"CODES"."R" \(actual: 3, maximum: 2\)/);
  assert.deepEqual((await c.execute('select v, ch from codes')).rows, [['EUR', 'ab']]);
  await c.close();
});

test('CHAR semantics count characters; CHAR and NCHAR are blank-padded and compare so', async () => {
  const c = await connect(), other = await connect();
  await c.execute(`create table names (k number, v varchar2(3 char), b varchar2(3 byte),
    ch char(4), cc char(3 char), nc nchar(2), nv nvarchar2(2), constraint names_ch unique (ch))`);
  await c.execute("insert into names values (1, 'äöü', 'abc', 'ab', 'é', 'x', 'äö')");
  await c.execute('insert into names (k, v, ch) values (:k, :v, :ch)', { k: 2, v: 'éé', ch: 'cd' });
  for (const [sql, col, actual, max] of [
    ["insert into names (k, v) values (3, 'äöüx')", 'V', 4, 3],
    ["insert into names (k, b) values (3, 'äö')", 'B', 4, 3],
    ["insert into names (k, cc) values (3, 'éééé')", 'CC', 4, 3],
    ["insert into names (k, nc) values (3, 'abc')", 'NC', 3, 2],
    ["update names set nv = 'äöü' where k = 1", 'NV', 3, 2]])
    await assert.rejects(c.execute(sql), new RegExp(
      `ORA-12899: value too large for column "TYPES"."NAMES"."${col}" \\(actual: ${actual}, maximum: ${max}\\)`));
  // the session's own rows (not committed yet) and, after commit, another session's view
  for (const conn of [c, other]) {
    if (conn === other) await c.commit();
    const r = await conn.execute(`select '[' || ch || ']', length(ch), lengthb(cc), '[' || cc || ']',
      '[' || nc || ']', v from names where k = 1`);
    assert.deepEqual(r.rows, [['[ab  ]', 4, 4, '[é  ]', '[x ]', 'äöü']]);
    assert.deepEqual((await conn.execute("select k from names where ch = 'ab' order by k")).rows, [[1]]);
    assert.deepEqual((await conn.execute('select k from names where ch = :c', { c: 'cd' })).rows, [[2]]);
    assert.deepEqual((await conn.execute("select k from names where ch in ('cd  ', 'zz') and cc is null")).rows, [[2]]);
  }
  // blank-padded values are one key: 'ab' and 'ab ' are the same CHAR(4)
  await assert.rejects(other.execute("insert into names (k, ch) values (4, 'ab ')"), /ORA-00001/);
  await c.execute('alter table names add (ca char(2 char))');
  await c.execute("update names set ca = 'ü' where k = 2");
  assert.deepEqual((await c.execute("select '[' || ca || ']' from names where k = 2 and ca = 'ü'")).rows, [['[ü ]']]);
  // NLS_LENGTH_SEMANTICS = CHAR: later DDL counts characters where it says neither BYTE nor CHAR
  await c.execute('alter session set nls_length_semantics = char');
  assert.deepEqual((await c.execute(`select value from nls_session_parameters
    where parameter = 'NLS_LENGTH_SEMANTICS'`)).rows, [['CHAR']]);
  await c.execute('create table words (w varchar2(2), b varchar2(2 byte))');
  await c.execute("insert into words (w) values ('äö')");
  await assert.rejects(c.execute("insert into words (b) values ('äö')"), /"WORDS"."B" \(actual: 4, maximum: 2\)/);
  await assert.rejects(c.execute('alter session set nls_length_semantics = chars'), /ORA-12705/);
  await c.execute('alter session set nls_length_semantics = byte');
  await c.execute('create table words2 (w varchar2(2))');
  await assert.rejects(c.execute("insert into words2 (w) values ('äö')"), /"WORDS2"."W" \(actual: 4, maximum: 2\)/);
  await c.close();
  await other.close();
});

test('supplied packages and UNISTR: UTL_RAW, DBMS_RANDOM, in SQL and PL/SQL', async () => {
  const oracledb = require('oracledb');
  const c = await connect();
  const r = await c.execute(`select utl_raw.cast_to_raw('ABC'), sys.utl_raw.cast_to_varchar2('414243'),
    utl_raw.length(hextoraw('0102')), utl_raw.concat(hextoraw('01'), hextoraw('0203')),
    unistr('caf\\00e9'), length(dbms_random.string('X', 8)),
    case when dbms_random.value >= 0 and dbms_random.value(5, 6) between 5 and 6 then 'ok' end from dual`);
  assert.deepEqual(r.rows, [[Buffer.from('ABC'), 'ABC', 2, Buffer.from([1, 2, 3]), 'café', 8, 'ok']]);
  const out = { dir: oracledb.BIND_OUT, type: oracledb.STRING };
  const p = await c.execute(`begin :a := utl_raw.cast_to_varchar2(utl_raw.cast_to_raw('hi'));
    :b := unistr('\\00e9'); :c := to_char(trunc(dbms_random.value(3, 3))); end;`, { a: out, b: out, c: out });
  assert.deepEqual(p.outBinds, { a: 'hi', b: 'é', c: '3' });
  await assert.rejects(c.execute("select utl_raw.substr(hextoraw('01'), 0) from dual"), /ORA-06502/);
  const n = await c.execute(`select utl_raw.cast_from_number(123.45), utl_raw.cast_to_number(hextoraw('C202182E')),
    utl_raw.cast_to_number(utl_raw.cast_from_number(-7)) from dual`);
  assert.deepEqual(n.rows, [[Buffer.from('c202182e', 'hex'), 123.45, -7]]);
  await assert.rejects(c.execute('select utl_raw.cast_to_raw() from dual'), /ORA-00909/);
  await c.close();
});

test('quoted column aliases are kept exactly, blanks and case', async () => {
  const c = await connect();
  const r = await c.execute('select 1 "Server User@x", 2 as "Mixed Case", 3 "lower", 1 + 2, dummy from dual');
  assert.deepEqual(r.metaData.map(m => m.name), ['Server User@x', 'Mixed Case', 'lower', '1+2', 'DUMMY']);
  await c.close();
});

test('a date or timestamp given to a character bind comes in the session NLS format', async () => {
  const oracledb = require('oracledb');
  const c = await connect();
  const S = { dir: oracledb.BIND_OUT, type: oracledb.STRING };
  let r = await c.execute("begin :d := date '2024-01-31'; :t := timestamp '2024-01-31 10:11:12.5'; end;", { d: S, t: S });
  assert.deepEqual(r.outBinds, { d: '31-JAN-24', t: '31-JAN-24 10.11.12.500000 AM' });
  await c.execute("alter session set nls_date_format = 'YYYY-MM-DD HH24:MI:SS'");
  await c.execute('create table dated (d date)');
  r = await c.execute("insert into dated values (date '2020-02-29') returning d into :o", { o: S });
  assert.deepEqual(r.outBinds.o, ['2020-02-29 00:00:00']);
  await c.rollback();
  await c.close();
});

test("a string literal in a select list describes as CHAR of its length (literals concatenated too), as Oracle's does", async () => {
  const c = await connect();
  let r = await c.execute(`select 'abc' a, 'it''s' b, 'x' || 'y' c from dual`);
  assert.deepEqual(r.metaData.map(m => [m.name, m.dbTypeName, m.byteSize]),
    [['A', 'CHAR', 3], ['B', 'CHAR', 4], ['C', 'CHAR', 2]]);
  assert.deepEqual(r.rows, [['abc', "it's", 'xy']]);
  r = await c.execute(`select 'abc' a from dual union all select 'abcdef' from dual`);
  assert.equal(r.metaData[0].dbTypeName, 'VARCHAR2', 'a set operation: its members may be longer');
  await c.close();
});

test('text expressions describe with the lengths Oracle gives them', async () => {
  const c = await connect();
  const r = await c.execute(`select substr('abcdefghijkl', 1, 10) s, lpad('x', 5) l, 7 || ',' || 8 j,
    to_char(42, 'FMXXXX') h, to_char(date '2024-05-17', 'DD-MON-YYYY') d,
    decode(1, 1, 'one', 'three') dc, replace('a', 'a', 'b') r from dual`);
  assert.deepEqual(r.metaData.map(m => [m.name, m.dbTypeName, m.byteSize]),
    [['S', 'VARCHAR2', 10], ['L', 'VARCHAR2', 5], ['J', 'VARCHAR2', 81], ['H', 'VARCHAR2', 7],
      ['D', 'VARCHAR2', 11], ['DC', 'VARCHAR2', 5], ['R', 'VARCHAR2', 4000]]);
  assert.deepEqual(r.rows, [['abcdefghij', '    x', '7,8', '2A', '17-MAY-2024', 'one', 'b']]);
  await c.close();
});

test('ROWIDs as Oracle writes them: SELECT ROWID, lastRowid, and either finding its row again', async () => {
  const c = await connect();
  await c.execute('create table rid_t (a number, b varchar2(10))');
  const r1 = await c.execute("insert into rid_t values (1, 'one')");
  const r2 = await c.execute("insert into rid_t values (2, 'two')");
  assert.match(r1.lastRowid, /^[A-Za-z0-9+/]{18}$/);
  let r = await c.execute('select a, b from rid_t where rowid = :1', [r2.lastRowid]);
  assert.deepEqual(r.rows, [[2, 'two']]);
  r = await c.execute('select rowid, a, x.rowid r2 from rid_t x order by a');
  assert.deepEqual(r.metaData.map(m => [m.name, m.dbTypeName]), [['ROWID', 'ROWID'], ['A', 'NUMBER'], ['R2', 'ROWID']]);
  assert.deepEqual(r.rows, [[r1.lastRowid, 1, r1.lastRowid], [r2.lastRowid, 2, r2.lastRowid]]);
  r = await c.execute('select a from rid_t where rowid = :1', [r.rows[1][0]]);
  assert.deepEqual(r.rows, [[2]]);
  r = await c.execute('select a from rid_t where :1 = rowid or rowid in (:2) order by a', [r1.lastRowid, r2.lastRowid]);
  assert.deepEqual(r.rows, [[1], [2]]);
  r = await c.execute("update rid_t set b = 'uno' where rowid = :1", [r1.lastRowid]);
  assert.equal(r.rowsAffected, 1);
  assert.equal(r.lastRowid, r1.lastRowid);
  await assert.rejects(c.execute('select a from rid_t where rowid = :1', ['garbage']), /ORA-01410: invalid ROWID/);
  r = await c.execute('delete from rid_t where rowid = :1', [r2.lastRowid]);
  assert.equal(r.rowsAffected, 1);
  await c.rollback();
  await c.close();
});

test('NCHAR binds (the national character set, UTF-16 on the wire) in and out, as text stored once', async () => {
  const c = await connect();
  const s = 'h\u00e9llo \u{1F600} \u00fcn\u00efcode';
  const nv = (val) => ({ type: oracledb.DB_TYPE_NVARCHAR, val });
  const nvOut = { dir: oracledb.BIND_OUT, type: oracledb.DB_TYPE_NVARCHAR, maxSize: 100 };
  let r = await c.execute("begin :o := :i || '!'; end;", { i: nv(s), o: nvOut });
  assert.equal(r.outBinds.o, s + '!');
  await c.execute('create table nchar_t (id number, t nvarchar2(50))');
  r = await c.execute('insert into nchar_t values (1, :t) returning t into :o', { t: nv(s), o: nvOut });
  assert.deepEqual(r.outBinds.o, [s]);
  await c.execute('insert into nchar_t values (2, :t)', [s]);
  r = await c.execute('select id, t from nchar_t where t = :t order by id', { t: nv(s) });
  assert.deepEqual(r.rows, [[1, s], [2, s]]);
  await c.rollback();
  await c.close();
});

test('CREATE TABLE AS SELECT gives the new columns the query\'s types; INSERT ... SELECT * of a changed table', async () => {
  const c = await connect();
  await c.execute(`create table orig (n number(7,2) not null, s varchar2(10), ch char(3), d date,
    ts timestamp(3), r raw(4))`);
  await c.execute(`insert into orig values (12.5, 'text', 'ab', date '2024-01-31',
    timestamp '2024-01-31 10:11:12.345', hextoraw('A1B2'))`);
  // the DDL commits that insert first, as Oracle's does; the copy reads through the session's overlay
  await c.execute('create table copy1 as select * from orig');
  let r = await c.execute('select * from copy1');
  assert.deepEqual(r.metaData.map(m => m.dbTypeName), ['NUMBER', 'VARCHAR2', 'CHAR', 'DATE', 'TIMESTAMP', 'RAW']);
  assert.deepEqual(r.metaData.map(m => [m.precision, m.scale]).slice(0, 1), [[7, 2]]);
  assert.equal(r.rows[0][0], 12.5);
  assert.equal(r.rows[0][2], 'ab ');
  assert.ok(r.rows[0][3] instanceof Date);
  assert.deepEqual(r.rows[0][5], Buffer.from([0xa1, 0xb2]));
  await assert.rejects(c.execute("insert into copy1 (n, s) values (1, 'eleven chars')"), /ORA-12899/);
  await assert.rejects(c.execute("insert into copy1 (s) values ('x')"), /ORA-01400/); // NOT NULL kept
  assert.deepEqual((await c.execute("select count(*) from copy1 where ch = 'ab'")).rows, [[1]]);
  // expressions take a type their first row fits; no rows keeps the columns' own types
  await c.execute(`create table copy2 as select n * 2 twice, s || '!' bang, d + 1 tomorrow from orig`);
  r = await c.execute('select * from copy2');
  assert.deepEqual(r.metaData.map(m => m.dbTypeName), ['NUMBER', 'VARCHAR2', 'DATE']);
  assert.deepEqual(r.rows[0].slice(0, 2), [25, 'text!']);
  await c.execute('create table copy3 as select n, s from orig where 1 = 0');
  r = await c.execute('select * from copy3');
  assert.deepEqual([r.rows, r.metaData.map(m => m.dbTypeName)], [[], ['NUMBER', 'VARCHAR2']]);
  await assert.rejects(c.execute('create table copy4 as select n, n from orig'), /ORA-00957/);
  // INSERT ... SELECT * of a table this transaction changed: the table's own columns only
  await c.execute('insert into orig (n, s) values (1, :s)', { s: 'second' });
  await c.execute('create table copy5 (n number, s varchar2(10))');
  await c.execute('insert into copy5 select n, s from orig');
  await c.execute('insert into copy5 (n, s) select o.n, o.s from orig o where n = 1');
  const six = 'create table copy6 (n number(7,2), s varchar2(10), ch char(3), d date, ts timestamp(3), r raw(4), extra number)';
  await c.execute(six);
  await assert.rejects(c.execute('insert into copy6 select * from orig'), /ORA-00947: not enough values/);
  await c.execute('insert into copy6 (n, s, ch, d, ts, r) select * from orig');
  assert.deepEqual((await c.execute('select count(*) from copy5')).rows, [[3]]);
  assert.deepEqual((await c.execute('select count(*), count(extra) from copy6')).rows, [[2, 0]]);
  await c.rollback();
  await c.close();
});

test('ROWID under a ROWNUM filter names the row: batch deletes by rowid, SELECT ROWID ... WHERE ROWNUM', async () => {
  const c = await connect();
  await c.execute('create table batch (id number, v varchar2(5))');
  await c.executeMany('insert into batch values (:1, :2)', Array.from({ length: 25 }, (_, i) => [i + 1, 'v' + i]));
  await c.commit();
  let r = await c.execute('select rowid, id from batch where rownum = 1');
  assert.equal(typeof r.rows[0][0], 'string');
  assert.deepEqual((await c.execute('select id from batch where rowid = :r', [r.rows[0][0]])).rows, [[r.rows[0][1]]]);
  // the batch-delete idiom: ten rows at a time, until none is left
  const counts = [];
  for (let i = 0; i < 5; i++) {
    r = await c.execute('delete from batch where rowid in (select rowid from batch where rownum <= 10)');
    counts.push(r.rowsAffected);
  }
  assert.deepEqual(counts, [10, 10, 5, 0, 0]);
  // SELECT * with a ROWNUM filter keeps its own columns (in a UNION and an IN too), seen by a
  // session that has not changed the table
  await c.execute("insert into batch values (1, 'a')");
  await c.commit();
  const other = await connect();
  r = await other.execute('select * from batch where rownum <= 1 union select * from batch');
  assert.deepEqual(r.rows, [[1, 'a']]);
  r = await other.execute('select id from batch where (id, v) in (select * from batch where rownum = 1)');
  assert.deepEqual(r.rows, [[1]]);
  await other.close();
  await c.close();
});

test('a value stored takes its column\'s type: text converts or fails as Oracle\'s implicit conversion does', async () => {
  const c = await connect();
  await c.execute('create table typed (n number, f binary_double, p number(5,1), d date, ts timestamp, r raw(4))');
  await c.execute("insert into typed (n, f, p, d, ts, r) values (:n, :f, :p, :d, :ts, :r)",
    { n: ' 12 ', f: '1e3', p: '12.34', d: '31-JAN-24', ts: '31-JAN-24 10.11.12.5 AM', r: 'a1b2' });
  const r = await c.execute("select n, f, p, to_char(d, 'YYYY-MM-DD'), to_char(ts, 'HH24:MI:SS.FF1'), r from typed");
  assert.deepEqual(r.rows, [[12, 1000, 12.3, '2024-01-31', '10:11:12.5', Buffer.from([0xa1, 0xb2])]]);
  for (const [col, val, re] of [
    ['n', 'small string', /ORA-01722: invalid number/],
    ['f', 'x', /ORA-01722/],
    ['d', 'small string', /ORA-01858/],
    ['ts', 'x', /ORA-01858/],
    ['r', 'not hex', /ORA-01465: invalid hex number/],
    ['r', 'a1b2c3d4e5', /ORA-12899: .*"R" \(actual: 5, maximum: 4\)/],
    ['n', Buffer.from([1]), /ORA-00932: inconsistent datatypes: expected NUMBER got BINARY/]])
    await assert.rejects(c.execute(`insert into typed (${col}) values (:v)`, { v: val }), re);
  assert.deepEqual((await c.execute('select count(*) from typed')).rows, [[1]]); // nothing else stored
  await c.rollback();
  await c.close();
});

test('DECODE evaluates only the result it returns, as Oracle does', async () => {
  const c = await connect();
  const r = await c.execute(`select decode(0, 0, null, 1 / 0), decode(:k, 1, 'one', 2, 'two', 'other'),
    decode(null, null, 'null matches null'), decode('1', 1, 'text matches number'), decode(1, 1, sysdate) from dual`, { k: 2 });
  assert.deepEqual(r.rows[0].slice(0, 4), [null, 'two', 'null matches null', 'text matches number']);
  assert.ok(r.rows[0][4] instanceof Date);
  await c.execute('create table dec_t (i number, y interval year to month)');
  await c.execute(`begin for i in 1..4 loop
      insert into dec_t values (i, decode(mod(i, 2), 0, null,
        to_yminterval(to_char(i) || '-' || to_char(mod(i + 1, 2) * 12 + 1))));
    end loop; end;`); // an even i would make the invalid 'i-13': never evaluated
  assert.deepEqual((await c.execute('select count(*), count(y) from dec_t')).rows, [[4, 2]]);
  await assert.rejects(c.execute('select decode(1, 2) from dual'), /ORA-00938/);
  await c.rollback();
  await c.close();
});

test('CHARTOROWID keeps an Oracle ROWID in a ROWID column; anything else is ORA-01410', async () => {
  const c = await connect();
  await c.execute('create table rid_col (id number, content rowid)');
  await c.execute('insert into rid_col values (:i, chartorowid(:c))', { i: 1, c: 'AAAA8+AALAAAAQ/AAA' });
  await c.execute('insert into rid_col values (:i, chartorowid(:c))', { i: 2, c: null });
  await c.execute('insert into rid_col values (:i, chartorowid(:c))', { i: 3, c: '00000DD5.0000.0001' }); // restricted
  const r = await c.execute('select content, substr(content, 7, 3) from rid_col order by id');
  assert.deepEqual(r.rows, [['AAAA8+AALAAAAQ/AAA', 'AAL'], [null, null], ['00000DD5.0000.0001', 'D5.']]);
  await assert.rejects(c.execute("insert into rid_col values (3, chartorowid('not a rowid'))"), /ORA-01410: invalid ROWID/);
  await c.rollback();
  await c.close();
});

test('the select list computes in 40 digits: arithmetic, long literals, TO_NUMBER, TO_CHAR', async () => {
  const c = await connect();
  const asText = { fetchInfo: { A: { type: oracledb.STRING }, B: { type: oracledb.STRING },
    C: { type: oracledb.STRING }, D: { type: oracledb.STRING } } };
  assert.deepEqual((await c.execute(
    'select 1/3 a, 2/3 b, 1/3*3 c, -(1/3) d from dual', [], asText)).rows,
  [['.3333333333333333333333333333333333333333', '.6666666666666666666666666666666666666667',
    '.9999999999999999999999999999999999999999', '-.3333333333333333333333333333333333333333']]);
  assert.deepEqual((await c.execute(`select to_number(0.1724913868035583123456789123456789123456) a,
      to_number('-1234567890123456789012345') b, 12345678901234567890123 * 10 c,
      9999999999999999999 * 9999999999999999999 d from dual`, [], asText)).rows,
  [['.172491386803558312345678912345678912346', '-1234567890123456789012345',
    '123456789012345678901230', '99999999999999999980000000000000000001']]);
  // described as NUMBER, also when the first value is longer than a double
  const r = await c.execute('select 1/3 a, 0.1 * 3 b, 7 * 6 c from dual');
  assert.deepEqual(r.metaData.map((m) => m.dbType), [oracledb.DB_TYPE_NUMBER,
    oracledb.DB_TYPE_NUMBER, oracledb.DB_TYPE_NUMBER]);
  assert.deepEqual(r.rows, [[1 / 3, 0.3, 42]]);
  // TO_CHAR's text is exact wherever it is written, in the session's decimal character
  assert.deepEqual((await c.execute(
    "select to_char(2/3) a from dual where to_char(1/3) = '.3333333333333333333333333333333333333333'"))
    .rows, [['.6666666666666666666666666666666666666667']]);
  await c.execute("alter session set nls_numeric_characters = ',.'");
  assert.deepEqual((await c.execute('select to_char(1/4) a, to_char(1/3) b from dual')).rows,
    [[',25', ',3333333333333333333333333333333333333333']]);
  await c.execute("alter session set nls_numeric_characters = '.,'");
  // errors as before: ORA-01476, ORA-01722, ORA-00932 for a negated date
  await assert.rejects(c.execute('select 1/0 from dual'), /ORA-01476/);
  await assert.rejects(c.execute("select to_number('1x') + 1 from dual"), /ORA-01722/);
  await assert.rejects(c.execute('select -sysdate from dual'), /ORA-00932/);
  await c.close();
});

test('exact values are never what SQLite sorts or compares: ORDER BY, set operators, conditions', async () => {
  const c = await connect();
  await c.execute('create table thirds (k number, n number)');
  await c.executeMany('insert into thirds values (:1, :2)', [[1, 1], [2, 10], [3, 2], [4, 100]]);
  const asText = { fetchInfo: { X: { type: oracledb.STRING } } };
  // ordered by its alias, its position or an expression of its alias: numeric order (such an
  // item is computed as SQLite's double, 15 digits)
  for (const order of ['x', '1', 'nvl(x, 0)']) {
    const got = (await c.execute(`select n / 3 x from thirds order by ${order}`)).rows;
    assert.deepEqual(got.map((row) => Math.round(row[0] * 3)), [1, 2, 10, 100], order);
  }
  // UNION compares rows: both sides the same numbers
  assert.deepEqual((await c.execute(
    'select n / 3 x from thirds where k < 3 union select n / 3 from thirds order by 1')).rows.length, 4);
  // a condition or CASE inside an item sees numbers; the item itself is exact
  assert.deepEqual((await c.execute(`select case when n / 3 > 3 then 'big' else 'small' end s,
      n / 3 x from thirds where n / 3 > 0.5 and k = 3`, [], asText)).rows,
  [['small', '.6666666666666666666666666666666666666667']]);
  // PL/SQL receives the exact value
  const out = await c.execute('begin select n / 3 into :v from thirds where k = 1; end;',
    { v: { dir: oracledb.BIND_OUT, type: oracledb.STRING } });
  assert.equal(out.outBinds.v, '.3333333333333333333333333333333333333333');
  await c.close();
});

test('SUM and AVG add exactly, as Oracle does: money, large and small values, windows, HAVING', async () => {
  const c = await connect();
  await c.execute('create table ledger (k number, amount number(10,2), big number)');
  // ten rows of 0.10: SQLite's double sum is 0.9999999999999999
  await c.executeMany('insert into ledger values (:1, :2, :3)', Array.from({ length: 10 },
    (_, i) => [i + 1, 0.1, i === 0 ? 1e20 : i === 1 ? -1e20 : 1]));
  const asText = { fetchInfo: { S: { type: oracledb.STRING }, A: { type: oracledb.STRING },
    D: { type: oracledb.STRING }, B: { type: oracledb.STRING } } };
  assert.deepEqual((await c.execute(`select sum(amount) s, avg(amount) a, sum(amount) - 1 d,
      sum(big) b from ledger`, [], asText)).rows, [['1', '.1', '0', '8']]);
  // as a number the client gets, and what SQLite compares (HAVING, ORDER BY, subqueries)
  assert.deepEqual((await c.execute('select sum(amount) from ledger')).rows, [[1]]);
  assert.deepEqual((await c.execute('select count(*) from ledger having sum(amount) = 1')).rows, [[10]]);
  assert.deepEqual((await c.execute(`select k from ledger
      where (select sum(amount) from ledger) = 1 and k = 1`)).rows, [[1]]);
  // AVG in 40 digits where the client reads it
  assert.deepEqual((await c.execute(`select avg(x) a from (select 1 x from dual
      union all select 1 from dual union all select 2 from dual)`, [], asText)).rows,
  [['1.333333333333333333333333333333333333333']]);
  // a running sum and a moving window (the inverse step takes values away exactly)
  const win = (await c.execute(`select sum(amount) over (order by k) s,
      sum(amount) over (order by k rows between 2 preceding and current row) a
      from ledger order by k`, [], asText)).rows;
  assert.deepEqual(win.map((row) => row[0]), ['.1', '.2', '.3', '.4', '.5', '.6', '.7', '.8', '.9', '1']);
  assert.deepEqual(win.slice(2).map((row) => row[1]), Array(8).fill('.3'));
  // text is converted as a number is; NULLs are skipped; no rows is NULL
  await assert.rejects(c.execute("select sum('abc') from dual"), /ORA-01722/);
  assert.deepEqual((await c.execute("select sum('2.5') + 1, avg(null) from dual")).rows, [[3.5, null]]);
  assert.deepEqual((await c.execute('select sum(amount), avg(amount) from ledger where k < 0')).rows,
    [[null, null]]);
  await c.close();
});

test('NUMBER keeps 38 digits exactly: stored, bound, compared, ordered, indexed, summed and fetched', async () => {
  const c = await connect(), other = await connect();
  await c.execute('create table big_n (k number primary key, n number, p number(38,10), i number(38))');
  const asText = { fetchInfo: { N: { type: oracledb.STRING }, P: { type: oracledb.STRING },
    I: { type: oracledb.STRING }, S: { type: oracledb.STRING }, D: { type: oracledb.STRING } } };
  const n1 = '12345678901234567890123456789012345678', n2 = '12345678901234567890123456789012345679';
  await c.execute(`insert into big_n values (1, ${n1}, 1234567890123456789012345678.0123456789,
    99999999999999999999999999999999999999)`);
  await c.execute('insert into big_n values (:k, :n, :p, :i)',
    { k: 2, n: n2, p: '.0000000001', i: '-99999999999999999999999999999999999999' });
  await c.execute('insert into big_n values (3, 0.1, 0.3, 1)');
  const text = async (conn, sql, binds = []) => (await conn.execute(sql, binds, asText)).rows;
  // fetched as stored, every digit
  assert.deepEqual(await text(c, 'select n, p, i from big_n order by k'), [
    [n1, '1234567890123456789012345678.0123456789', '99999999999999999999999999999999999999'],
    [n2, '.0000000001', '-99999999999999999999999999999999999999'], ['.1', '.3', '1']]);
  // compared exactly: the two long values differ in their 38th digit only
  const keys = async (where, binds = []) => (await c.execute(
    `select k from big_n where ${where} order by k`, binds)).rows.map((r) => r[0]);
  assert.deepEqual(await keys(`n = ${n1}`), [1]);
  assert.deepEqual(await keys(`n > ${n1}`), [2]);
  assert.deepEqual(await keys('n = :b', { b: n2 }), [2]);
  assert.deepEqual(await keys('n between 0 and 1'), [3]);
  assert.deepEqual(await keys(`n in (${n2}, 0.1)`), [2, 3]);
  assert.deepEqual(await keys('nvl(i, 0) < 0'), [2]);
  // ordered, and the extremes, as numbers
  assert.deepEqual((await c.execute('select k from big_n order by n desc')).rows, [[2], [1], [3]]);
  assert.deepEqual(await text(c, 'select max(n) n, min(i) i from big_n'),
    [[n2, '-99999999999999999999999999999999999999']]);
  // an index on the column finds a long value; a unique key tells the two apart
  await c.execute('create unique index big_n_u on big_n (n)');
  assert.deepEqual(await keys(`n = ${n2}`), [2]);
  // arithmetic and sums from what is stored
  assert.deepEqual(await text(c, `select n - ${n1} d, sum(n) over () s from big_n where k = 2`),
    [['1', n2]]);
  assert.deepEqual(await text(c, 'select sum(n) s from big_n'),
    [['24691357802469135780246913578024691357.1']]);
  // NUMBER(p,s) rounds in decimal; more digits before the point than p - s is ORA-01438
  await c.execute('insert into big_n (k, p) values (4, 1.00000000005)');
  assert.deepEqual(await text(c, 'select p from big_n where k = 4'), [['1.0000000001']]);
  await assert.rejects(c.execute('insert into big_n (k, p) values (5, 1e28)'), /ORA-01438/);
  await assert.rejects(c.execute("insert into big_n (k, n) values (5, 'abc')"), /ORA-01722/);
  // another session sees the committed values as they are
  await c.commit();
  assert.deepEqual(await text(other, 'select n from big_n where k = 2'), [[n2]]);
  assert.deepEqual((await other.execute('select count(*) from big_n where n > 1e37')).rows, [[2]]);
  // a client's double beyond 15 digits (it binds as its decimal text) against numbers that are
  // no column compares as the double it is
  const b = 10.3 * 3; // 30.900000000000002
  assert.deepEqual((await other.execute(`select count(*) from dual where 100 * 3 > :b and :b < 31
    and :b > 30.9 and abs(-31) > :b and 31 * 2 between :b and 70 and :b between 30 and 15 * 3`,
  { b })).rows, [[1]]);
  // a JSON document and a UNION take the numbers as numbers
  assert.deepEqual((await other.execute("select json_object('n' value n) from big_n where k = 3")).rows,
    [['{"n":0.1}']]);
  assert.deepEqual((await other.execute('select n from big_n where k = 3 union select 0.1 from dual'))
    .rows, [[0.1]]);
  await c.execute('drop table big_n');
  await c.close();
  await other.close();
});
