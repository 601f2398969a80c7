// sequences.test.js - sequences and identity columns through node-oracledb
// (Thin): CREATE / ALTER / DROP SEQUENCE with Oracle's errors, NEXTVAL and
// CURRVAL in SQL and PL/SQL, privileges across schemas, the dictionary
// views, and identity columns (ALWAYS, BY DEFAULT, ON NULL, options,
// RETURNING INTO, the sequence going with its table).
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const oracledb = require('oracledb');
const { startInstanceWithUser } = require('./instance');

let inst, connect;
const rows = async (c, sql, binds = []) => (await c.execute(sql, binds)).rows;
const one = async (c, sql, binds = []) => (await rows(c, sql, binds))[0][0];
const fails = (p, code) => assert.rejects(p, e => e.errorNum === code || assert.fail(e.message));

before(async () => { ({ inst, connect } = await startInstanceWithUser('seq', 'seq')); });
after(async () => { if (inst) await inst.stop(); });

test('NEXTVAL and CURRVAL: in order across sessions, CURRVAL per session, numbers kept by rollback', async () => {
  const a = await connect(), b = await connect();
  await a.execute('create sequence s_order');
  await fails(a.execute('select s_order.currval from dual'), 8002);
  assert.deepEqual(await rows(a, 'select s_order.nextval, s_order.currval from dual'), [[1, 1]]);
  assert.equal(await one(b, 'select seq.s_order.nextval from dual'), 2);
  assert.equal(await one(a, 'select s_order.currval from dual'), 1);
  const r = await a.execute('select s_order.nextval from dual');
  assert.equal(r.metaData[0].name, 'NEXTVAL');
  await a.execute('create table t_order (id number primary key, v varchar2(5))');
  await a.execute("insert into t_order values (s_order.nextval, 'a')");
  await a.execute("insert into t_order select s_order.nextval, v from t_order");
  assert.deepEqual(await rows(a, 'select id from t_order order by id'), [[4], [5]]);
  // once per row, however often the statement names NEXTVAL; CURRVAL is that row's number
  assert.deepEqual(await rows(a, 'select s_order.currval, s_order.nextval, seq.s_order.nextval from dual'), [[6, 6, 6]]);
  await a.execute('create table t_twice (a number, b number)');
  await a.execute('insert into t_twice select s_order.nextval, s_order.nextval from t_order');
  assert.deepEqual(await rows(a, 'select a, b from t_twice order by a'), [[7, 7], [8, 8]]);
  await a.rollback();
  assert.equal(await one(b, 'select s_order.nextval from dual'), 9);
  await a.close(); await b.close();
});

test('CREATE SEQUENCE options: descending, NOCACHE, CYCLE, MAXVALUE, and ORA-08004 at the end', async () => {
  const c = await connect();
  await c.execute('create sequence s_down start with 10 increment by -4 minvalue 1 maxvalue 10 nocache');
  const got = [];
  for (let i = 0; i < 3; i++) got.push(await one(c, 'select s_down.nextval from dual'));
  assert.deepEqual(got, [10, 6, 2]);
  await assert.rejects(c.execute('select s_down.nextval from dual'),
    /ORA-08004: sequence S_DOWN\.NEXTVAL goes below MINVALUE and cannot be instantiated/);
  await c.execute('create sequence s_cycle minvalue 1 maxvalue 4 cycle cache 2');
  const cyc = [];
  for (let i = 0; i < 5; i++) cyc.push(await one(c, 'select s_cycle.nextval from dual'));
  assert.deepEqual(cyc, [1, 2, 3, 4, 1]);
  assert.deepEqual(await rows(c, "select sequence_name, min_value, max_value, increment_by, cycle_flag, cache_size, last_number from user_sequences where sequence_name in ('S_DOWN', 'S_CYCLE') order by 1"),
    [['S_CYCLE', 1, 4, 1, 'Y', 2, 3], ['S_DOWN', 1, 10, -4, 'N', 0, -2]]);
  assert.deepEqual(await rows(c, "select object_type, status from user_objects where object_name = 'S_CYCLE'"), [['SEQUENCE', 'VALID']]);
  for (const [sql, code] of [
    ['create sequence s_bad increment by 0', 4002],
    ['create sequence s_bad minvalue 5 maxvalue 5', 4004],
    ['create sequence s_bad start with 0', 4006],
    ['create sequence s_bad maxvalue 5 start with 6', 4008],
    ['create sequence s_bad cache 1', 4010],
    ['create sequence s_bad maxvalue 10 cycle cache 20', 4013],
    ['create sequence s_bad cycle', 4015],
    ['create sequence s_bad increment by -1 cycle', 4014],
    ['create sequence s_bad cache 5 nocache', 2281],
    ['create sequence s_cycle', 955],
    ['create table s_cycle (a number)', 955], // the name is the sequence's
    ['create view s_cycle as select 1 a from dual', 1031], // (no CREATE VIEW: refused first)
    ['alter sequence s_cycle start with 2', 2283],
    ['alter sequence s_cycle', 2286],
    ['alter sequence s_none increment by 2', 2289],
    ['drop sequence s_none', 2289],
    ['select s_none.nextval from dual', 2289],
  ]) await fails(c.execute(sql), code);
  await c.close();
});

test('ALTER SEQUENCE goes on from the last number handed out; RESTART; DROP', async () => {
  const c = await connect();
  await c.execute('create sequence s_alter');
  for (let i = 0; i < 3; i++) await c.execute('select s_alter.nextval from dual');
  await c.execute('alter sequence s_alter increment by 10 maxvalue 100');
  assert.equal(await one(c, 'select s_alter.nextval from dual'), 13);
  await fails(c.execute('alter sequence s_alter maxvalue 12'), 4009);
  await c.execute('alter sequence s_alter restart start with 50');
  assert.equal(await one(c, 'select s_alter.nextval from dual'), 50);
  await c.execute('drop sequence s_alter');
  await fails(c.execute('select s_alter.nextval from dual'), 2289);
  await c.close();
});

test('NEXTVAL in PL/SQL: assignments, SELECT INTO, stored functions, loops', async () => {
  const c = await connect();
  await c.execute('create sequence s_plsql start with 5');
  const out = { type: oracledb.NUMBER, dir: oracledb.BIND_OUT };
  const r = await c.execute('begin :x := s_plsql.nextval; :y := seq.s_plsql.currval; end;', { x: out, y: out });
  assert.deepEqual(r.outBinds, { x: 5, y: 5 });
  const r2 = await c.execute('declare n number; begin select s_plsql.nextval into n from dual; :x := n; end;', { x: out });
  assert.equal(r2.outBinds.x, 6);
  await c.execute('create function next_plsql return number is begin return s_plsql.nextval; end;');
  assert.equal(await one(c, 'select next_plsql() from dual'), 7);
  await c.execute('create table t_plsql (id number)');
  await c.execute('begin for i in 1..3 loop insert into t_plsql values (s_plsql.nextval); end loop; end;');
  assert.deepEqual(await rows(c, 'select id from t_plsql order by id'), [[8], [9], [10]]);
  await assert.rejects(c.execute('begin :x := no_such_seq.nextval; end;', { x: out }), /ORA-02289/);
  await c.close();
});

test('other schemas: SELECT ANY SEQUENCE to use, CREATE / DROP ANY SEQUENCE to change', async () => {
  const sys = await oracledb.getConnection({ user: 'system', password: inst.password, connectString: inst.connectString });
  await sys.execute('create user other identified by other');
  await sys.execute('grant create session to other');
  const c = await connect();
  await c.execute('create sequence s_mine');
  const o = await oracledb.getConnection({ user: 'other', password: 'other', connectString: inst.connectString });
  await fails(o.execute('select seq.s_mine.nextval from dual'), 2289);
  await fails(o.execute('create sequence seq.s_theirs'), 1031);
  await fails(o.execute('drop sequence seq.s_mine'), 1031);
  await sys.execute('grant select any sequence, create any sequence to other');
  assert.equal(await one(o, 'select seq.s_mine.nextval from dual'), 1);
  await o.execute('create sequence seq.s_theirs');
  assert.deepEqual(await rows(c, "select sequence_name from user_sequences where sequence_name = 'S_THEIRS'"), [['S_THEIRS']]);
  assert.deepEqual(await rows(sys, "select sequence_owner from dba_sequences where sequence_name = 'S_MINE'"), [['SEQ']]);
  await o.close(); await c.close(); await sys.close();
});

test('identity columns: ALWAYS, BY DEFAULT [ON NULL], options, RETURNING INTO, dropped with the table', async () => {
  const c = await connect();
  await c.execute('create table t_always (id number generated always as identity primary key, v varchar2(5))');
  await c.execute("insert into t_always (v) values ('a')");
  const ret = await c.execute("insert into t_always (v) values ('b') returning id into :id",
    { id: { type: oracledb.NUMBER, dir: oracledb.BIND_OUT } });
  assert.deepEqual(ret.outBinds.id, [2]);
  await fails(c.execute("insert into t_always (id, v) values (9, 'c')"), 32795);
  await fails(c.execute("insert into t_always values (9, 'c')"), 32795);
  await fails(c.execute('update t_always set id = 5'), 32796);
  await c.execute("insert into t_always (v) select 'c' from dual");
  assert.deepEqual(await rows(c, 'select id, v from t_always order by id'), [[1, 'a'], [2, 'b'], [3, 'c']]);

  await c.execute('create table t_onnull (k varchar2(5) primary key, id number generated by default on null as identity (start with 100 increment by 10))');
  await c.execute("insert into t_onnull (k) values ('a')");
  await c.execute("insert into t_onnull (k, id) values ('b', null)");
  await c.execute("insert into t_onnull values ('c', 7)");
  assert.deepEqual(await rows(c, 'select k, id from t_onnull order by k'), [['a', 100], ['b', 110], ['c', 7]]);

  await c.execute('create table t_bydefault (id number generated by default as identity, v number)');
  await c.execute('insert into t_bydefault (v) values (1)');
  await c.execute('insert into t_bydefault (id, v) values (42, 2)');
  await fails(c.execute('insert into t_bydefault (id, v) values (null, 3)'), 1400);
  assert.deepEqual(await rows(c, 'select id, v from t_bydefault order by v'), [[1, 1], [42, 2]]);
  await fails(c.execute('create table t_two (a number generated always as identity, b number generated always as identity)'), 30669);

  const idents = await rows(c, "select table_name, column_name, generation_type, sequence_name, identity_options from user_tab_identity_cols where table_name = 'T_ONNULL'");
  assert.equal(idents.length, 1);
  const [table, column, generation, sequence, options] = idents[0];
  assert.deepEqual([table, column, generation], ['T_ONNULL', 'ID', 'BY DEFAULT']);
  assert.match(sequence, /^ISEQ\$\$_\d+$/);
  assert.match(options, /^START WITH: 100, INCREMENT BY: 10, MAX_VALUE: 9999999999999999999999999999, MIN_VALUE: 1, CYCLE_FLAG: N, CACHE_SIZE: 20/);
  await fails(c.execute(`drop sequence "${sequence}"`), 32794);
  await c.execute('rename t_onnull to t_renamed');
  await c.execute("insert into t_renamed (k) values ('d')");
  assert.equal(await one(c, "select id from t_renamed where k = 'd'"), 120);
  await c.execute('drop table t_renamed');
  assert.equal(await one(c, `select count(*) from user_sequences where sequence_name = '${sequence}'`), 0);
  await c.close();
});
