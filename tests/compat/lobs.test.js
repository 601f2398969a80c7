// lobs.test.js - CLOB and BLOB with LOB locators through node-oracledb (Thin):
// columns fetched as Lob objects (read through the LOB calls) or inline
// (fetchInfo, fetchAsString / fetchAsBuffer), EMPTY_CLOB() / EMPTY_BLOB()
// with RETURNING ... INTO a LOB written through its locator, temporary LOBs
// (createLob, freed by close()), LOB binds IN, OUT and IN OUT in PL/SQL,
// values of several megabytes, CLOB offsets in UTF-16 code units, and the
// errors: a fetched locator is read-only (ORA-22920), a freed one invalid
// (ORA-22275).
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const oracledb = require('oracledb');
const { startInstanceWithUser } = require('./instance');

let inst, connect;

before(async () => { ({ inst, connect } = await startInstanceWithUser('lobs', 'lobs')); });

after(async () => { if (inst) await inst.stop(); });

/* Write DATA into LOB as a stream and wait for it to finish. */
function writeAll(lob, data) {
  return new Promise((resolve, reject) => {
    lob.on('error', reject);
    lob.on('finish', resolve);
    lob.end(data);
  });
}

test('LOB columns come as Lob objects read through their locators; NULL and empty differ', async () => {
  const c = await connect();
  await c.execute('create table docs (id number, c clob, b blob)');
  await c.execute("insert into docs values (1, 'abc€😀x', hextoraw('00FF10'))");
  await c.execute('insert into docs values (2, null, null)');
  await c.execute('insert into docs values (3, empty_clob(), empty_blob())');
  const r = await c.execute('select id, c, b from docs order by id');
  assert.deepEqual(r.metaData.map(m => m.dbTypeName), ['NUMBER', 'CLOB', 'BLOB']);
  const [clob, blob] = [r.rows[0][1], r.rows[0][2]];
  assert.equal(clob.type, oracledb.DB_TYPE_CLOB);
  assert.equal(blob.type, oracledb.DB_TYPE_BLOB);
  assert.equal(clob.length, 7); // UTF-16 code units: the emoji is two
  assert.equal(await clob.getData(), 'abc€😀x');
  assert.equal(await clob.getData(3, 2), 'c€');
  assert.deepEqual(await blob.getData(), Buffer.from([0, 0xff, 0x10]));
  assert.deepEqual(r.rows[1], [2, null, null]);
  assert.equal(r.rows[2][1].length, 0);
  assert.equal(await r.rows[2][1].getData(), null);
  const n = await c.execute('select count(*) from docs where c is null');
  assert.equal(n.rows[0][0], 1);
  await clob.close();
  await blob.close();
  await c.rollback();
  await c.close();
});

test('fetchInfo, fetchAsString and fetchAsBuffer bring LOB values inline', async () => {
  const c = await connect();
  await c.execute('create table inl (id number, c clob, b blob)');
  await c.execute("insert into inl values (1, 'héllo', hextoraw('CAFE'))");
  let r = await c.execute('select c, b from inl', [],
    { fetchInfo: { C: { type: oracledb.STRING }, B: { type: oracledb.BUFFER } } });
  assert.deepEqual(r.rows, [['héllo', Buffer.from([0xca, 0xfe])]]);
  oracledb.fetchAsString = [oracledb.CLOB];
  oracledb.fetchAsBuffer = [oracledb.BLOB];
  try {
    r = await c.execute('select b, c from inl where id = :1', [1]);
    assert.deepEqual(r.rows, [[Buffer.from([0xca, 0xfe]), 'héllo']]);
  } finally {
    oracledb.fetchAsString = [];
    oracledb.fetchAsBuffer = [];
  }
  await c.rollback();
  await c.close();
});

test('INSERT ... EMPTY_CLOB() RETURNING INTO a LOB: writes through the locator update the row', async () => {
  const c = await connect();
  await c.execute('create table files (id number, c clob, b blob)');
  const text = 'line of text é✓\n'.repeat(5000);
  const bytes = Buffer.alloc(100000);
  for (let i = 0; i < bytes.length; i++) bytes[i] = i % 251;
  const r = await c.execute(
    'insert into files values (1, empty_clob(), empty_blob()) returning c, b into :c, :b',
    { c: { type: oracledb.CLOB, dir: oracledb.BIND_OUT }, b: { type: oracledb.BLOB, dir: oracledb.BIND_OUT } },
    { autoCommit: false });
  const [clob, blob] = [r.outBinds.c[0], r.outBinds.b[0]];
  assert.equal(clob.length, 0);
  await writeAll(clob, text);
  await writeAll(blob, bytes);
  // another session does not see the writes before the commit
  const other = await connect();
  let o = await other.execute('select length(c) from files');
  assert.deepEqual(o.rows, []);
  await c.commit();
  o = await other.execute('select c, b from files', [], { fetchInfo: { C: { type: oracledb.STRING }, B: { type: oracledb.BUFFER } } });
  assert.equal(o.rows[0][0], text);
  assert.deepEqual(o.rows[0][1], bytes);
  await other.close();
  await c.close();
});

test('a fetched locator is read-only (ORA-22920); a freed temporary LOB is invalid (ORA-22275)', async () => {
  const c = await connect();
  await c.execute('create table ro (c clob)');
  await c.execute("insert into ro values ('abc')");
  const r = await c.execute('select c from ro');
  const lob = r.rows[0][0];
  await assert.rejects(writeAll(lob, 'x'), /ORA-22920/);
  const temp = await c.createLob(oracledb.CLOB);
  await writeAll(temp, 'temporary');
  const impl = temp._impl;
  await temp.close(); // freed with the next round trip
  await c.ping();
  await assert.rejects(impl.read(1, 10), /ORA-22275/);
  await c.rollback();
  await c.close();
});

test('temporary LOBs: createLob, written, bound IN to DML and to PL/SQL', async () => {
  const c = await connect();
  await c.execute('create table tmp (id number, c clob, b blob)');
  const clob = await c.createLob(oracledb.CLOB);
  const blob = await c.createLob(oracledb.BLOB);
  await writeAll(clob, 'from a temporary LOB');
  await writeAll(blob, Buffer.from([1, 2, 3]));
  await c.execute('insert into tmp values (1, :c, :b)', { c: clob, b: blob });
  await c.execute(`create or replace procedure put_lobs(i number, c clob, b blob) as
begin
  insert into tmp values (i, c, b);
end;`);
  await c.execute('begin put_lobs(2, :c, :b); end;', { c: clob, b: blob });
  const r = await c.execute('select id, c, b from tmp order by id', [],
    { fetchInfo: { C: { type: oracledb.STRING }, B: { type: oracledb.BUFFER } } });
  assert.deepEqual(r.rows, [[1, 'from a temporary LOB', Buffer.from([1, 2, 3])],
    [2, 'from a temporary LOB', Buffer.from([1, 2, 3])]]);
  await clob.close();
  await blob.close();
  await c.rollback();
  await c.close();
});

test('PL/SQL: CLOB and BLOB OUT and IN OUT binds, strings and buffers bound as LOBs', async () => {
  const c = await connect();
  await c.execute(`create or replace procedure lob_out(c out clob, b out blob) as
begin
  c := 'out text';
  b := hextoraw('0A0B');
end;`);
  let r = await c.execute('begin lob_out(:c, :b); end;',
    { c: { type: oracledb.CLOB, dir: oracledb.BIND_OUT }, b: { type: oracledb.BLOB, dir: oracledb.BIND_OUT } });
  assert.equal(await r.outBinds.c.getData(), 'out text');
  assert.deepEqual(await r.outBinds.b.getData(), Buffer.from([10, 11]));
  await c.execute(`create or replace procedure lob_twice(c in out clob) as
begin
  c := c || c;
end;`);
  r = await c.execute('begin lob_twice(:c); end;',
    { c: { type: oracledb.CLOB, dir: oracledb.BIND_INOUT, val: 'ab' } });
  assert.equal(await r.outBinds.c.getData(), 'abab');
  r = await c.execute('begin lob_out(:c, :b); end;',
    { c: { type: oracledb.STRING, dir: oracledb.BIND_OUT }, b: { type: oracledb.BUFFER, dir: oracledb.BIND_OUT } });
  assert.deepEqual(r.outBinds, { c: 'out text', b: Buffer.from([10, 11]) });
  await assert.rejects(c.execute('begin lob_out(:c, :b); end;',
    { c: { type: oracledb.STRING, dir: oracledb.BIND_OUT }, b: { type: oracledb.BUFFER, dir: oracledb.BIND_OUT, maxSize: 1 } }),
  /ORA-06502: PL\/SQL: numeric or value error: raw variable length too long/);
  await c.close();
});

test('values of several megabytes, written and read in pieces and inline', async () => {
  const c = await connect();
  await c.execute('create table big (id number, c clob, b blob)');
  const text = 'abcdefghij'.repeat(300000); // 3 MB
  const bytes = Buffer.alloc(2 * 1024 * 1024, 0x5a);
  await c.execute('insert into big values (1, :c, :b)',
    { c: { val: text, type: oracledb.CLOB }, b: { val: bytes, type: oracledb.BLOB } });
  const r = await c.execute('select c, b from big');
  assert.equal(r.rows[0][0].length, text.length);
  assert.equal(await r.rows[0][0].getData(), text);
  assert.deepEqual(await r.rows[0][1].getData(), bytes);
  const s = await c.execute('select c from big', [], { fetchInfo: { C: { type: oracledb.STRING } } });
  assert.equal(s.rows[0][0], text);
  // 4 MB streamed in 64 kB pieces through a RETURNING locator: each piece a LOB call
  const w = await c.execute('insert into big values (2, empty_clob(), null) returning c into :c',
    { c: { type: oracledb.CLOB, dir: oracledb.BIND_OUT } });
  const pieces = Array.from({ length: 64 }, (_, i) => String.fromCharCode(65 + i % 26).repeat(65536));
  const started = Date.now();
  await new Promise((resolve, reject) => {
    const lob = w.outBinds.c[0];
    lob.on('error', reject);
    lob.on('finish', resolve);
    require('node:stream').Readable.from(pieces).pipe(lob);
  });
  assert.ok(Date.now() - started < 20000, 'a streamed write does not rewrite the row per piece');
  const back = await c.execute('select c from big where id = 2', [], { fetchInfo: { C: { type: oracledb.STRING } } });
  assert.equal(back.rows[0][0], pieces.join(''));
  await c.rollback();
  await c.close();
});

test('DBMS_LOB.GETLENGTH, SUBSTR and INSTR in SQL and in PL/SQL; EMPTY_CLOB, TO_CLOB, UTL_RAW casts', async () => {
  const c = await connect();
  await c.execute('create table fns (c clob, b blob)');
  await c.execute("insert into fns values ('hello wörld 😀!', hextoraw('00112233'))");
  let r = await c.execute(`select dbms_lob.getlength(c), dbms_lob.substr(c, 5, 7), dbms_lob.instr(c, 'l', 1, 3),
    dbms_lob.getlength(b), dbms_lob.substr(b, 2, 2), dbms_lob.instr(b, hextoraw('22')),
    dbms_lob.getlength(empty_clob()), dbms_lob.substr(c, 1, 99), utl_raw.cast_to_raw('hé'),
    utl_raw.cast_to_varchar2(hextoraw('6869')), to_clob('x') from fns`);
  const toClob = r.rows[0].pop(); // TO_CLOB gives a CLOB
  assert.equal(await toClob.getData(), 'x');
  assert.deepEqual(r.rows, [[15, 'wörld', 10, 4, Buffer.from([0x11, 0x22]), 3, 0, null,
    Buffer.from('hé'), 'hi']]);
  r = await c.execute(`declare
  v clob;
begin
  select c into v from fns;
  :len := dbms_lob.getlength(v);
  :part := dbms_lob.substr(v, 3, 13);
end;`, { len: { dir: oracledb.BIND_OUT, type: oracledb.NUMBER }, part: { dir: oracledb.BIND_OUT, type: oracledb.STRING } });
  assert.deepEqual(r.outBinds, { len: 15, part: '😀!' });
  await c.rollback();
  await c.close();
});

test('V$TEMPORARY_LOBS counts the temporary LOBs a session holds until the client frees them', async () => {
  const sys = await oracledb.getConnection({ user: 'system', password: inst.password, connectString: inst.connectString });
  const c = await connect();
  const sid = (await c.execute("select sys_context('userenv', 'sid') from dual")).rows[0][0];
  const count = async () => (await sys.execute('select cache_lobs + nocache_lobs from v$temporary_lobs where sid = :1', [sid])).rows[0][0];
  assert.equal(await count(), 0);
  const lob = await c.createLob(oracledb.BLOB);
  await writeAll(lob, Buffer.from([1]));
  assert.equal(await count(), 1);
  await lob.close(); // the free goes with the next call
  await c.ping();
  assert.equal(await count(), 0);
  const r = await c.execute('begin :n := dbms_lob.getlength(:s); end;',
    { n: { dir: oracledb.BIND_OUT, type: oracledb.NUMBER }, s: { val: 'x'.repeat(40000), type: oracledb.STRING } });
  assert.equal(r.outBinds.n, 40000);
  await c.ping();
  assert.equal(await count(), 0); // the driver's own temporary LOB for a long string is freed too
  await c.close();
  await sys.close();
});

test('NCLOB: temporary NCLOBs (UTF-16 on the wire) bound and read back; TO_CLOB / TO_BLOB are LOBs; DBMS_LOB.COMPARE', async () => {
  const c = await connect();
  await c.execute('create table nc (id number, n nclob)');
  const text = 'Grüße, 世界 😀';
  const lob = await c.createLob(oracledb.DB_TYPE_NCLOB);
  await writeAll(lob, text);
  assert.equal(await lob.getData(), text);
  await c.execute('insert into nc values (1, :n)', { n: lob });
  await c.execute('insert into nc values (2, :n)', { n: { val: 'direct', type: oracledb.DB_TYPE_NCLOB } });
  await lob.close();
  let r = await c.execute('select n from nc order by id', [], { fetchInfo: { N: { type: oracledb.STRING } } });
  assert.deepEqual(r.rows, [[text], ['direct']]);
  r = await c.execute("select to_clob(n), to_blob('0A0B'), dbms_lob.compare(n, to_clob('direct')) from nc where id = 2");
  assert.deepEqual(r.metaData.map(m => m.dbTypeName), ['CLOB', 'BLOB', 'NUMBER']);
  assert.equal(await r.rows[0][0].getData(), 'direct');
  assert.deepEqual(await r.rows[0][1].getData(), Buffer.from([10, 11]));
  assert.equal(r.rows[0][2], 0);
  await c.rollback();
  await c.close();
});

test('REF CURSORs and implicit results with LOB columns: Lob objects, or strings with fetchInfo', async () => {
  const c = await connect();
  await c.execute('create table rc (id number, c clob)');
  await c.execute("insert into rc values (1, 'ref clob')");
  const out = { rc: { dir: oracledb.BIND_OUT, type: oracledb.CURSOR } };
  let r = await c.execute('begin open :rc for select id, c from rc; end;', out);
  let rows = await r.outBinds.rc.getRows(10);
  assert.equal(rows[0][0], 1);
  assert.equal(await rows[0][1].getData(), 'ref clob');
  await r.outBinds.rc.close();
  r = await c.execute('begin open :rc for select id, c from rc; end;', out, { fetchInfo: { C: { type: oracledb.STRING } } });
  rows = await r.outBinds.rc.getRows(10);
  assert.deepEqual(rows, [[1, 'ref clob']]);
  await r.outBinds.rc.close();
  r = await c.execute('declare x sys_refcursor; begin open x for select id, c from rc; dbms_sql.return_result(x); end;');
  assert.equal(await r.implicitResults[0][0][1].getData(), 'ref clob');
  await c.rollback();
  await c.close();
});

test('PL/SQL DBMS_LOB procedures change LOB variables and binds: CREATETEMPORARY, WRITEAPPEND, WRITE, APPEND, READ, ERASE, TRIM, COPY, FREETEMPORARY', async () => {
  const c = await connect();
  const out = { dir: oracledb.BIND_OUT, type: oracledb.STRING };
  let r = await c.execute(`declare
  v clob;
  b blob;
  amt integer := 3;
  buf varchar2(100);
begin
  dbms_lob.createtemporary(v, true);
  dbms_lob.writeappend(v, 5, 'hello');
  dbms_lob.writeappend(v, 6, ' world');
  dbms_lob.write(v, 3, 7, 'WOR');
  dbms_lob.append(v, to_clob('!'));
  dbms_lob.read(v, amt, 2, buf);
  :r1 := buf || ':' || amt;
  dbms_lob.erase(v, amt, 1);
  :r2 := v || ':' || amt;
  dbms_lob.trim(v, 5);
  :r3 := '[' || v || ']';
  dbms_lob.createtemporary(b, false);
  dbms_lob.writeappend(b, 2, hextoraw('0A0B'));
  dbms_lob.copy(b, hextoraw('FFEE'), 1, 4, 2);
  :r4 := rawtohex(b);
  dbms_lob.freetemporary(v);
  :r5 := nvl(v, 'freed');
end;`, { r1: out, r2: out, r3: out, r4: out, r5: out });
  assert.deepEqual(r.outBinds, { r1: 'ell:3', r2: '   lo WORld!:3', r3: '[   lo]', r4: '0A0B00EE', r5: 'freed' });
  r = await c.execute('begin dbms_lob.writeappend(:c, 3, :x); end;',
    { c: { dir: oracledb.BIND_INOUT, type: oracledb.CLOB, val: 'abc' }, x: 'xyz' });
  assert.equal(await r.outBinds.c.getData(), 'abcxyz');
  await assert.rejects(c.execute("declare v clob; begin dbms_lob.writeappend(v, 5, 'xyz'); end;"), /ORA-21560/);
  await assert.rejects(c.execute("begin dbms_lob.writeappend('a', 1, 'x'); end;"), /PLS-00363/);
  await assert.rejects(c.execute('declare v clob; b varchar2(10); a integer := 1; begin dbms_lob.read(v, a, 1, b); end;'), /ORA-01403/);
  await c.close();
});

test('SELECT ... FOR UPDATE gives locators of the locked rows: writes through them update the row', async () => {
  const c = await connect();
  await c.execute('create table fu (id number, c clob, b blob)');
  await c.execute("insert into fu values (1, 'abc', hextoraw('01'))");
  await c.commit();
  const r = await c.execute('select c, b from fu where id = 1 for update');
  const [clob, blob] = r.rows[0];
  await clob._impl.write(4, 'def'); // what lob.write() sends
  await blob._impl.write(2, Buffer.from([2, 3]));
  await c.commit();
  const other = await connect();
  const o = await other.execute('select c, b from fu where id = 1', [],
    { fetchInfo: { C: { type: oracledb.STRING }, B: { type: oracledb.BUFFER } } });
  assert.deepEqual(o.rows, [['abcdef', Buffer.from([1, 2, 3])]]);
  await other.close();
  await c.close();
});
