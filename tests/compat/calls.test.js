// calls.test.js - every call gets its own correct reply or an error, through
// node-oracledb (Thin): requests Warden refuses leave the connection in step,
// iteration counts, parse-only calls, PL/SQL OUT and IN OUT binds, executeMany
// with dmlRowCounts and batchErrors, and the ROWID of the last DML.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const oracledb = require('oracledb');
const { startInstanceWithUser } = require('./instance');

let inst, connect;
const count = async (c, sql) => (await c.execute(sql)).rows[0][0];

before(async () => { ({ inst, connect } = await startInstanceWithUser('calls', 'calls')); });

after(async () => { if (inst) await inst.stop(); });

// The next calls on the connection get their own replies.
async function assertInStep(c) {
  for (const k of [2, 3, 5]) assert.deepEqual((await c.execute(`select ${k} from dual`)).rows, [[k]]);
}

test('refused requests keep the connection in step: too many binds, an array bind of SQL', async () => {
  const c = await connect();
  const n = 65536; // Oracle's limit is 65535
  const many = Array.from({ length: n }, () => 1);
  await assert.rejects(c.execute('select ' + many.map((_, i) => ':' + (i + 1)).join(', ') + ' from dual', many),
    err => err.errorNum === 1745 && /^ORA-01745: invalid host\/bind variable name/.test(err.message));
  await assertInStep(c);
  await c.execute('create table instep (n number)');
  // an array bind is for PL/SQL index-by tables (collections.test.js); a SQL statement refuses it
  await assert.rejects(c.execute('insert into instep values (:a)', { a: { type: oracledb.NUMBER, dir: oracledb.BIND_IN, val: [1, 2] } }),
    err => err.errorNum === 3001);
  await assertInStep(c);
  const r = await c.execute('insert into instep values (1)');
  assert.equal(r.rowsAffected, 1);
  await c.commit();
  assert.equal(await count(c, 'select count(*) from instep'), 1);
  await c.close();
});

test('1,001 binds and a 10 MB bind value are served, and the next call gets its own reply', async () => {
  const c = await connect();
  const binds = Array.from({ length: 1001 }, (_, i) => i);
  const r = await c.execute('select ' + binds.map((_, i) => ':' + (i + 1)).join(', ') + ' from dual', binds);
  assert.deepEqual(r.rows[0], binds);
  await assertInStep(c);
  const big = 'x'.repeat(10 * 1024 * 1024);
  assert.deepEqual((await c.execute('select length(:1) from dual', [big])).rows, [[big.length]]);
  await assertInStep(c);
  await c.close();
});

test('a request whose values exceed half of session_pga_limit (64 MB) gets ORA-04036, and the next call its own reply', async () => {
  const c = await connect();
  const huge = 'y'.repeat(40 * 1024 * 1024);
  await assert.rejects(c.execute('select length(:1) from dual', [huge]),
    err => err.errorNum === 4036 && /^ORA-04036: PGA memory used by the instance or PDB exceeds PGA_AGGREGATE_LIMIT/.test(err.message));
  await assertInStep(c);
  const sys = await oracledb.getConnection({ user: 'system', password: inst.password, connectString: inst.connectString });
  const pga = (await sys.execute(`select p.pga_used_mem from v$process p join v$session s on s.paddr = p.addr
                                  where s.username = 'CALLS'`)).rows[0][0];
  assert.ok(pga < 64 * 1024 * 1024, `PGA_USED_MEM ${pga}`); // the refused values were not kept
  await sys.close();
  await c.close();
});

test('an iteration count without binds runs the statement that many times, SQL and PL/SQL', async () => {
  const c = await connect();
  await c.execute('create table iter (n number)');
  const r = await c.executeMany('insert into iter values (7)', 5);
  assert.equal(r.rowsAffected, 5);
  await c.executeMany('begin insert into iter values (8); end;', 4);
  assert.deepEqual((await c.execute('select n, count(*) from iter group by n order by n')).rows, [[7, 5], [8, 4]]);
  await c.rollback();
  await c.close();
});

test('getStatementInfo parses and describes without executing', async () => {
  const c = await connect();
  await c.execute('create table parsed (n number(5), s varchar2(10))');
  const ins = await c.getStatementInfo('insert into parsed values (:a, :b)');
  assert.deepEqual(ins.bindNames, ['A', 'B']);
  assert.equal(ins.statementType, oracledb.STMT_TYPE_INSERT);
  assert.equal(await count(c, 'select count(*) from parsed'), 0);
  const q = await c.getStatementInfo('select n, s from parsed where n = :1');
  assert.deepEqual(q.metaData.map(m => [m.name, m.dbTypeName]), [['N', 'NUMBER'], ['S', 'VARCHAR2']]);
  // a number literal describes as NUMBER before any row, as Oracle's does
  const lit = await c.getStatementInfo('select 1 as col from dual');
  assert.deepEqual(lit.metaData.map(m => [m.name, m.dbTypeName, m.precision, m.scale]), [['COL', 'NUMBER', 0, -127]]);
  const d = await c.getStatementInfo('delete from parsed');
  assert.equal(d.statementType, oracledb.STMT_TYPE_DELETE);
  await c.execute('insert into parsed values (1, :1)', ['one']);
  await c.getStatementInfo('delete from parsed');
  assert.equal(await count(c, 'select count(*) from parsed'), 1);
  await c.rollback();
  await c.close();
});

test('PL/SQL OUT and IN OUT binds come back, of every basic type', async () => {
  const c = await connect();
  const r = await c.execute(`begin
      :n := 5; :s := 'héllo'; :d := to_date('2024-01-31 13:14:15', 'YYYY-MM-DD HH24:MI:SS');
      :ts := to_timestamp('2024-01-31 13:14:15.25', 'YYYY-MM-DD HH24:MI:SS.FF');
      :b := true; :nul := null;
      select hextoraw('00FF80') into :r from dual;
      :io := :io * 2; :ios := :ios || '!';
    end;`, {
    n: { dir: oracledb.BIND_OUT, type: oracledb.NUMBER },
    s: { dir: oracledb.BIND_OUT, type: oracledb.STRING, maxSize: 20 },
    d: { dir: oracledb.BIND_OUT, type: oracledb.DATE },
    ts: { dir: oracledb.BIND_OUT, type: oracledb.DB_TYPE_TIMESTAMP },
    r: { dir: oracledb.BIND_OUT, type: oracledb.BUFFER, maxSize: 10 },
    b: { dir: oracledb.BIND_OUT, type: oracledb.DB_TYPE_BOOLEAN },
    nul: { dir: oracledb.BIND_OUT, type: oracledb.NUMBER },
    io: { dir: oracledb.BIND_INOUT, val: 21 },
    ios: { dir: oracledb.BIND_INOUT, val: 'hi', maxSize: 10 },
  });
  assert.deepEqual(r.outBinds, {
    n: 5, s: 'héllo', d: new Date(2024, 0, 31, 13, 14, 15), ts: new Date(2024, 0, 31, 13, 14, 15, 250),
    r: Buffer.from([0, 0xff, 0x80]), b: true, nul: null, io: 42, ios: 'hi!',
  });
  // A re-execute of the cached statement (the client leaves the OUT values out of the request).
  for (const k of [1, 2]) {
    const again = await c.execute('begin :o := :i + 1; end;', { o: { dir: oracledb.BIND_OUT, type: oracledb.NUMBER }, i: k });
    assert.deepEqual(again.outBinds, { o: k + 1 });
  }
  await assert.rejects(c.execute("begin :s := 'too long for it'; end;", { s: { dir: oracledb.BIND_OUT, type: oracledb.STRING, maxSize: 3 } }),
    err => err.errorNum === 6502 && /character string buffer too small/.test(err.message));
  await assertInStep(c);
  const many = await c.executeMany('begin :o := :i * 10; end;', [{ i: 1 }, { i: 2 }, { i: 3 }],
    { bindDefs: { i: { type: oracledb.NUMBER }, o: { type: oracledb.NUMBER, dir: oracledb.BIND_OUT } } });
  assert.deepEqual(many.outBinds, [{ o: 10 }, { o: 20 }, { o: 30 }]);
  await c.close();
});

test('executeMany honours dmlRowCounts and batchErrors', async () => {
  const c = await connect();
  await c.execute('create table arr (k number primary key, v varchar2(10))');
  await c.executeMany('insert into arr values (:1, :2)', [[1, 'a'], [2, 'b'], [3, 'c']]);
  const upd = await c.executeMany('update arr set v = v || :1 where k >= :2', [['x', 1], ['y', 3], ['z', 9]], { dmlRowCounts: true });
  assert.deepEqual(upd.dmlRowCounts, [3, 1, 0]);
  assert.equal(upd.rowsAffected, 4);
  const be = await c.executeMany('insert into arr values (:1, :2)', [[4, 'd'], [1, 'dup'], [5, 'e'], [2, 'dup']], { batchErrors: true });
  assert.equal(be.rowsAffected, 2);
  // node-oracledb Thin reports a batch error's row and message (not errorNum).
  assert.deepEqual(be.batchErrors.map(e => [e.offset, e.message.slice(0, 10)]), [[1, 'ORA-00001:'], [3, 'ORA-00001:']]);
  assert.deepEqual((await c.execute('select k from arr order by k')).rows, [[1], [2], [3], [4], [5]]);
  await assert.rejects(c.executeMany('insert into arr values (:1, :2)', [[6, 'f'], [1, 'dup'], [7, 'g']]),
    err => err.errorNum === 1);
  assert.equal(await count(c, 'select count(*) from arr where k in (6, 7)'), 1); // rows before the failure stay
  await c.rollback();
  await c.close();
});

test('the ROWID of the last row a DML changed is sent with the call', async () => {
  const c = await connect();
  await c.execute('create table rid (n number)');
  const a = await c.execute('insert into rid values (1)');
  const b = await c.execute('insert into rid values (2)');
  assert.match(a.lastRowid, /^[A-Za-z0-9+/]{18}$/);
  assert.notEqual(a.lastRowid, b.lastRowid);
  const u = await c.execute('update rid set n = 3 where n = 1');
  assert.equal(u.lastRowid, a.lastRowid);
  const none = await c.execute('delete from rid where n = 99');
  assert.equal(none.lastRowid, undefined);
  /* The ROWID's first six characters are the table's data object number (base 64). */
  const digits = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let object = 0;
  for (const ch of a.lastRowid.slice(0, 6)) object = object * 64 + digits.indexOf(ch);
  const id = await c.execute("select data_object_id from user_objects where object_name = 'RID'");
  assert.equal(object, id.rows[0][0]);
  /* A table with keys: the row's ROWID still, not one of the locks its keys took. */
  await c.execute('create table ridk (n number primary key, m number unique)');
  const k = await c.execute('insert into ridk values (1, 1)');
  object = 0;
  for (const ch of k.lastRowid.slice(0, 6)) object = object * 64 + digits.indexOf(ch);
  const kid = await c.execute("select data_object_id from user_objects where object_name = 'RIDK'");
  assert.equal(object, kid.rows[0][0]);
  const k2 = await c.execute('insert into ridk values (2, 2)');
  assert.notEqual(k2.lastRowid, k.lastRowid); /* the rows', not a key lock's row 0 */
  await c.rollback();
  await c.close();
});

test('ALTER SESSION SET TIME_ZONE and NLS_DATE_FORMAT take effect for the session', async () => {
  const c = await connect();
  await c.execute("alter session set time_zone='UTC'");
  assert.deepEqual((await c.execute('select sessiontimezone from dual')).rows, [['UTC']]);
  await c.execute("alter session set time_zone = '+05:30'");
  assert.deepEqual((await c.execute('select sessiontimezone from dual')).rows, [['+05:30']]);
  await assert.rejects(c.execute("alter session set time_zone = 'Nowhere/Land'"),
    err => err.errorNum === 1882 && /^ORA-01882: timezone region not found/.test(err.message));
  await c.execute("alter session set nls_date_format = 'YYYY/MM/DD'");
  assert.deepEqual((await c.execute("select to_char(date '2024-01-02') from dual")).rows, [['2024/01/02']]);
  await assert.rejects(c.execute('alter session set no_such_parameter = 1'),
    err => err.errorNum === 2248 && /^ORA-02248: invalid option for ALTER SESSION/.test(err.message));
  await c.close();
});

test('a cached statement parsed before ALTER SESSION SET CURRENT_SCHEMA names the new schema\'s objects', async () => {
  const c = await connect();
  await c.execute('create table cs_t (n number)');
  await c.execute('insert into cs_t values (1)');
  await c.commit();
  const sql = 'select count(*) from cs_t';
  assert.deepEqual((await c.execute(sql)).rows, [[1]]);
  await c.execute('alter session set current_schema = system');
  await assert.rejects(c.execute(sql), err => err.errorNum === 942);
  await c.execute('alter session set current_schema = calls');
  assert.deepEqual((await c.execute(sql)).rows, [[1]]);
  await c.execute('drop table cs_t');
  await c.close();
});

test('connection.currentSchema (a piggybacked schema) sets the current schema', async () => {
  const c = await connect();
  c.currentSchema = 'SYSTEM';
  assert.deepEqual((await c.execute("select sys_context('USERENV', 'CURRENT_SCHEMA') from dual")).rows, [['SYSTEM']]);
  c.currentSchema = 'CALLS';
  assert.deepEqual((await c.execute("select sys_context('USERENV', 'CURRENT_SCHEMA') from dual")).rows, [['CALLS']]);
  // a schema that is no user: the call it comes with fails (the driver sends it again with each
  // call until it is changed); the session keeps its schema
  c.currentSchema = 'NO_SUCH_USER';
  await assert.rejects(c.execute('select 1 from dual'), /ORA-01435: user does not exist/);
  c.currentSchema = 'CALLS';
  assert.deepEqual((await c.execute("select sys_context('USERENV', 'CURRENT_SCHEMA') from dual")).rows, [['CALLS']]);
  await c.close();
});

test('DML RETURNING ... INTO: INSERT, UPDATE of several rows, DELETE, no row, a too small buffer', async () => {
  const c = await connect();
  const out = (type, extra = {}) => ({ dir: oracledb.BIND_OUT, type, ...extra });
  await c.execute('create table ret (id number, name varchar2(20), d date, r raw(10))');
  let r = await c.execute("insert into ret values (:1, :2, date '2020-02-03', hextoraw('ABCD')) returning id, name, d, r into :3, :4, :5, :6",
    [7, 'seven', out(oracledb.NUMBER), out(oracledb.STRING), out(oracledb.DATE), out(oracledb.BUFFER)]);
  assert.equal(r.rowsAffected, 1);
  assert.deepEqual(r.outBinds.slice(0, 2), [[7], ['seven']]);
  assert.equal(r.outBinds[2][0].getFullYear(), 2020);
  assert.deepEqual(r.outBinds[3], [Buffer.from([0xab, 0xcd])]);
  await c.execute("insert into ret (id, name) values (8, 'eight')");
  r = await c.execute("update ret e set name = name || '!' where id > :x returning e.id, upper(name) into :ids, :names",
    { x: 0, ids: out(oracledb.NUMBER), names: out(oracledb.STRING) });
  assert.deepEqual(r.outBinds, { ids: [7, 8], names: ['SEVEN!', 'EIGHT!'] }); // the new values
  r = await c.execute('delete from ret where id = :x return name into :n', { x: 8, n: out(oracledb.STRING) });
  assert.deepEqual(r.outBinds, { n: ['eight!'] }); // the deleted row's values
  r = await c.execute('update ret set name = null where id = 999 returning id into :i', { i: out(oracledb.NUMBER) });
  assert.deepEqual(r.outBinds, { i: [] });
  await assert.rejects(c.execute('insert into ret (id) values (1) returning id, name into :a',
    { a: out(oracledb.NUMBER) }), /ORA-00947: not enough values/);
  await assert.rejects(c.execute('update ret set id = 1 returning name into :a',
    { a: out(oracledb.STRING, { maxSize: 2 }) }), /NJS-016/);
  // binds among the RETURNING expressions, and ": 1" (blanks after the colon)
  r = await c.execute('insert into ret (id, name) values (: 1, :2) returning id * :3, :4 into :5, :6',
    [30, 'x', 2, 'lit', out(oracledb.NUMBER), out(oracledb.STRING)]);
  assert.deepEqual(r.outBinds, [[60], ['lit']]);
  r = await c.execute('update ret set name = :n where id = :i returning id + :k, name || :s into :a, :b',
    { n: 'y', i: 30, k: 1, s: '!', a: out(oracledb.NUMBER), b: out(oracledb.STRING) });
  assert.deepEqual(r.outBinds, { a: [31], b: ['y!'] });
  r = await c.execute('delete from ret where id = :i returning id - :k into :a',
    { i: 30, k: 5, a: out(oracledb.NUMBER) });
  assert.deepEqual(r.outBinds, { a: [25] });
  // the same statement again with another maxSize: the driver sends a full execute of the open
  // cursor without its text, still without values for the RETURNING binds
  for (const [id, maxSize] of [[20, 2000], [21, 11], [22, 100]]) {
    r = await c.execute('insert into ret (id, r) values (:id, :v) returning id, r into :oid, :rv',
      { id, v: Buffer.alloc(10, id), oid: out(oracledb.NUMBER), rv: out(oracledb.BUFFER, { maxSize }) });
    assert.deepEqual(r.outBinds, { oid: [id], rv: [Buffer.alloc(10, id)] });
  }
  // what the statement changed stays private to its transaction until the commit
  await c.rollback();
  assert.equal(await count(c, 'select count(*) from ret'), 0);
  await c.close();
});

test('COMMENT ON TABLE / COLUMN and the comments views', async () => {
  const c = await connect();
  await c.execute('create table cmt (id number, name varchar2(20))');
  await c.execute("comment on table cmt is 'Departments'");
  await c.execute("comment on column cmt.name is 'its name'");
  assert.deepEqual((await c.execute("select table_type, comments from user_tab_comments where table_name = 'CMT'")).rows,
    [['TABLE', 'Departments']]);
  assert.deepEqual((await c.execute("select column_name, comments from user_col_comments where table_name = 'CMT' order by column_name")).rows,
    [['ID', null], ['NAME', 'its name']]);
  await assert.rejects(c.execute("comment on column cmt.nosuch is 'x'"), /ORA-00904: "NOSUCH": invalid identifier/);
  await assert.rejects(c.execute("comment on table nosuch is 'x'"), /ORA-00942/);
  const sys = await oracledb.getConnection({ user: 'system', password: inst.password, connectString: inst.connectString });
  await sys.execute('create user cmt_other identified by cmt_other');
  await sys.execute('grant create session to cmt_other');
  const other = await oracledb.getConnection({ user: 'cmt_other', password: 'cmt_other', connectString: inst.connectString });
  await assert.rejects(other.execute("comment on table calls.cmt is 'x'"), /ORA-01031/); // another's table
  await sys.execute('grant comment any table to cmt_other');
  await other.execute("comment on table calls.cmt is 'Depts'");
  await other.close(); await sys.close();
  await c.execute("comment on table cmt is ''");
  assert.deepEqual((await c.execute("select comments from user_tab_comments where table_name = 'CMT'")).rows, [[null]]);
  await c.execute('drop table cmt'); // a table of that name again has no comment of the old one
  await c.execute('create table cmt (id number)');
  assert.deepEqual((await c.execute("select comments from user_col_comments where table_name = 'CMT'")).rows, [[null]]);
  await c.execute('drop table cmt');
  await c.close();
});

test("the client's application context (appContext at logon) is SYS_CONTEXT's", async () => {
  const c = await oracledb.getConnection({ user: 'calls', password: 'calls', connectString: inst.connectString,
    appContext: [['CLIENTCONTEXT', 'ATTR1', 'VALUE1'], ['clientcontext', 'Attr2', 'VALUE2']] });
  const r = await c.execute("select sys_context('CLIENTCONTEXT', 'attr1'), sys_context(:1, :2), sys_context('CLIENTCONTEXT', 'NONE') from dual",
    ['CLIENTCONTEXT', 'ATTR2']);
  assert.deepEqual(r.rows, [['VALUE1', 'VALUE2', null]]);
  await c.close();
});
