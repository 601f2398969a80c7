// packages.test.js - PL/SQL packages through node-oracledb (Thin): CREATE
// [OR REPLACE] PACKAGE / PACKAGE BODY and DROP; variables, constants and
// exceptions of a specification used from outside; state kept per session
// across calls, separate between sessions, discarded with ORA-04068 when the
// package is replaced and cleared by DBMS_SESSION.RESET_PACKAGE; overloads;
// forward declarations and private subprograms; an initialization section
// (and its failure); package functions in SQL; EXECUTE granted to another
// user; definer's rights; compile errors (PLS-00323, PLS-00304) and the
// dictionary (USER_OBJECTS, USER_SOURCE, USER_PROCEDURES).
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const oracledb = require('oracledb');
const { startInstanceWithUser } = require('./instance');

let inst, connect;
const out = (type) => ({ dir: oracledb.BIND_OUT, type });

const COUNTER_SPEC = `CREATE OR REPLACE PACKAGE counter AS
  hits NUMBER := 10;
  label CONSTANT VARCHAR2(10) := 'ctr';
  too_many EXCEPTION;
  PROCEDURE bump(n NUMBER DEFAULT 1);
  FUNCTION total RETURN NUMBER;
  FUNCTION show(x NUMBER) RETURN VARCHAR2;
  FUNCTION show(x VARCHAR2) RETURN VARCHAR2;
END counter;`;

const COUNTER_BODY = `CREATE OR REPLACE PACKAGE BODY counter AS
  calls PLS_INTEGER := 0;
  PROCEDURE check_limit;
  PROCEDURE bump(n NUMBER DEFAULT 1) IS
  BEGIN
    hits := hits + n;
    calls := calls + 1;
    check_limit;
  END bump;
  FUNCTION total RETURN NUMBER IS BEGIN RETURN hits * 100 + calls; END;
  FUNCTION show(x NUMBER) RETURN VARCHAR2 IS BEGIN RETURN 'number ' || x; END;
  FUNCTION show(x VARCHAR2) RETURN VARCHAR2 IS BEGIN RETURN 'text ' || x; END;
  PROCEDURE check_limit IS
  BEGIN
    IF hits > 1000 THEN RAISE too_many; END IF;
  END;
BEGIN
  hits := hits + 5;
END counter;`;

before(async () => {
  ({ inst, connect } = await startInstanceWithUser('pk', 'pk'));
  const c = await connect();
  for (const ddl of [COUNTER_SPEC, COUNTER_BODY]) assert.equal((await c.execute(ddl)).warning, undefined);
  await c.close();
});

after(async () => { if (inst) await inst.stop(); });

test('state: initialized once per session, kept across calls, separate per session', async () => {
  const a = await connect(), b = await connect();
  await a.execute('begin counter.bump; counter.bump(3); end;');
  let r = await a.execute('begin :t := counter.total; :h := counter.hits; :l := counter.label; end;',
    { t: out(oracledb.NUMBER), h: out(oracledb.NUMBER), l: out(oracledb.STRING) });
  assert.deepEqual(r.outBinds, { t: 1902, h: 19, l: 'ctr' });
  await a.execute('begin counter.hits := 1; end;');
  r = await a.execute('select counter.total() from dual');
  assert.deepEqual(r.rows, [[102]]);
  r = await b.execute('begin :t := counter.total; end;', { t: out(oracledb.NUMBER) });
  assert.equal(r.outBinds.t, 1500, 'another session starts from the initial state');
  await assert.rejects(a.execute("begin counter.label := 'x'; end;"),
    /PLS-00363: expression 'LABEL' cannot be used as an assignment target/);
  await a.close(); await b.close();
});

test('overloads, named arguments, package exceptions caught by name and backtraces', async () => {
  const c = await connect();
  let r = await c.execute("begin :a := counter.show(42); :b := counter.show('x'); end;",
    { a: out(oracledb.STRING), b: out(oracledb.STRING) });
  assert.deepEqual(r.outBinds, { a: 'number 42', b: 'text x' });
  r = await c.execute(`begin counter.bump(n => 2000);
exception when counter.too_many then :m := 'too many ' || sqlcode; end;`, { m: out(oracledb.STRING) });
  assert.equal(r.outBinds.m, 'too many 1');
  await assert.rejects(c.execute('begin\n  counter.bump(5000);\nend;'), (e) => {
    assert.match(e.message, /^ORA-06510: PL\/SQL: unhandled user-defined exception\nORA-06512: at "PK.COUNTER", line 15\nORA-06512: at "PK.COUNTER", line 8\nORA-06512: at line 2/);
    return true;
  });
  await assert.rejects(c.execute('begin counter.nothing; end;'), /PLS-00302: component 'NOTHING' must be declared/);
  await c.close();
});

test('a replaced package discards the state of sessions using it: ORA-04068 once', async () => {
  const a = await connect(), b = await connect();
  await a.execute("create or replace package cfg as cur_mode varchar2(10) := 'a'; end;");
  await a.execute("begin cfg.cur_mode := 'changed'; end;");
  await b.execute("create or replace package cfg as cur_mode varchar2(10) := 'b'; end;");
  await assert.rejects(a.execute('begin :m := cfg.cur_mode; end;', { m: out(oracledb.STRING) }), (e) => {
    assert.match(e.message, /^ORA-04068: existing state of packages has been discarded\nORA-04061: existing state of package "PK.CFG" has been invalidated/);
    return true;
  });
  const r = await a.execute('begin :m := cfg.cur_mode; end;', { m: out(oracledb.STRING) });
  assert.equal(r.outBinds.m, 'b');
  await a.close(); await b.close();
});

test('DBMS_SESSION.RESET_PACKAGE clears the state once the call ends', async () => {
  const c = await connect();
  await c.execute('begin counter.hits := 7; end;');
  let r = await c.execute('begin dbms_session.reset_package; :h := counter.hits; end;', { h: out(oracledb.NUMBER) });
  assert.equal(r.outBinds.h, 7);
  r = await c.execute('begin :h := counter.hits; end;', { h: out(oracledb.NUMBER) });
  assert.equal(r.outBinds.h, 15);
  await c.close();
});

test('an initialization section that fails, a body that is missing or does not compile', async () => {
  const c = await connect();
  await c.execute('create or replace package boom as v number; end;');
  await c.execute('create or replace package body boom as\nbegin\n  v := 1 / 0;\nend;');
  await assert.rejects(c.execute('begin :v := boom.v; end;', { v: out(oracledb.NUMBER) }),
    /ORA-01476: divisor is equal to zero\nORA-06512: at "PK.BOOM", line 3\nORA-06512: at line 1/);
  await c.execute('create or replace package half as procedure p; end;');
  await assert.rejects(c.execute('begin half.p; end;'), /ORA-04067: not executed, package body "PK.HALF" does not exist/);
  let r = await c.execute('create or replace package body half as procedure q is begin null; end; end;');
  assert.match(r.warning.message, /compilation errors/);
  await assert.rejects(c.execute('begin half.p; end;'), /ORA-04063: package body "PK.HALF" has errors/);
  r = await c.execute('create package body nospec as end;');
  assert.match(r.warning.message, /compilation errors/);
  r = await c.execute(`select name, type, line, position, text from user_errors
    where name in ('HALF', 'NOSPEC') and text like 'PLS%' order by name`);
  assert.deepEqual(r.rows, [
    ['HALF', 'PACKAGE BODY', 1, 14, "PLS-00323: subprogram or cursor 'P' is declared in a package specification and must be defined in the package body"],
    ['NOSPEC', 'PACKAGE BODY', 1, 14, "PLS-00304: cannot compile body of 'NOSPEC' without its specification"],
  ]);
  await c.close();
});

test('another user runs the package once granted EXECUTE, from PL/SQL and SQL', async () => {
  const sys = await oracledb.getConnection({ user: 'system', password: inst.password, connectString: inst.connectString });
  await sys.execute('create user pkuser identified by pw');
  await sys.execute('grant connect to pkuser');
  const other = await oracledb.getConnection({ user: 'pkuser', password: 'pw', connectString: inst.connectString });
  await assert.rejects(other.execute('begin pk.counter.bump; end;'), /PLS-00201: identifier 'PK.COUNTER' must be declared/);
  const owner = await connect();
  await owner.execute('grant execute on counter to pkuser');
  await other.execute('begin pk.counter.bump(5); end;');
  let r = await other.execute('select pk.counter.total() from dual');
  assert.deepEqual(r.rows, [[2001]]);
  r = await sys.execute(`select privilege, type from dba_tab_privs where grantee = 'PKUSER' and table_name = 'COUNTER'`);
  assert.deepEqual(r.rows, [['EXECUTE', 'PACKAGE']]);
  await other.close(); await owner.close(); await sys.close();
});

test('the dictionary shows both parts; DROP PACKAGE BODY keeps the specification, DROP PACKAGE both', async () => {
  const c = await connect();
  await c.execute('create or replace package dp as x number := 3; procedure p; end;');
  await c.execute('create or replace package body dp as procedure p is begin x := x + 1; end; end;');
  let r = await c.execute(`select object_type, status from user_objects where object_name = 'DP' order by 1`);
  assert.deepEqual(r.rows, [['PACKAGE', 'VALID'], ['PACKAGE BODY', 'VALID']]);
  r = await c.execute(`select type, text from user_source where name = 'DP' order by type, line`);
  assert.deepEqual(r.rows, [['PACKAGE', 'package dp as x number := 3; procedure p; end;'],
    ['PACKAGE BODY', 'package body dp as procedure p is begin x := x + 1; end; end;']]);
  r = await c.execute(`select object_name, procedure_name, subprogram_id, overload, object_type, authid
    from user_procedures where object_name in ('COUNTER', 'DP') order by object_name, subprogram_id`);
  assert.deepEqual(r.rows, [
    ['COUNTER', null, 0, null, 'PACKAGE', 'DEFINER'],
    ['COUNTER', 'BUMP', 1, null, 'PACKAGE', 'DEFINER'],
    ['COUNTER', 'TOTAL', 2, null, 'PACKAGE', 'DEFINER'],
    ['COUNTER', 'SHOW', 3, '1', 'PACKAGE', 'DEFINER'],
    ['COUNTER', 'SHOW', 4, '2', 'PACKAGE', 'DEFINER'],
    ['DP', null, 0, null, 'PACKAGE', 'DEFINER'],
    ['DP', 'P', 1, null, 'PACKAGE', 'DEFINER'],
  ]);
  r = await c.execute(`select object_name, package_name, subprogram_id, argument_name, position, sequence,
      data_type, defaulted, in_out from user_arguments where package_name = 'COUNTER'
      order by subprogram_id, sequence`);
  assert.deepEqual(r.rows, [
    ['BUMP', 'COUNTER', 1, 'N', 1, 1, 'NUMBER', 'Y', 'IN'],
    ['TOTAL', 'COUNTER', 2, null, 0, 1, 'NUMBER', 'N', 'OUT'],
    ['SHOW', 'COUNTER', 3, null, 0, 1, 'VARCHAR2', 'N', 'OUT'],
    ['SHOW', 'COUNTER', 3, 'X', 1, 2, 'NUMBER', 'N', 'IN'],
    ['SHOW', 'COUNTER', 4, null, 0, 1, 'VARCHAR2', 'N', 'OUT'],
    ['SHOW', 'COUNTER', 4, 'X', 1, 2, 'VARCHAR2', 'N', 'IN'],
  ]);
  await c.execute('drop package body dp');
  r = await c.execute('begin :x := dp.x; end;', { x: out(oracledb.NUMBER) });
  assert.equal(r.outBinds.x, 3);
  await assert.rejects(c.execute('begin dp.p; end;'), /ORA-04067: not executed, package body "PK.DP" does not exist/);
  await c.execute('drop package dp');
  await assert.rejects(c.execute('drop package dp'), /ORA-04043: object DP does not exist/);
  r = await c.execute(`select count(*) from user_objects where object_name = 'DP'`);
  assert.deepEqual(r.rows, [[0]]);
  await assert.rejects(c.execute('create table counter (a number)'), /ORA-00955/);
  await c.close();
});

test("definer's rights: a unit runs with its owner's names and privileges, AUTHID CURRENT_USER with the caller's", async () => {
  const owner = await connect();
  await owner.execute('create table audit_log (who varchar2(30), what varchar2(30))');
  await owner.execute(`create or replace package logger as procedure log(w varchar2); function n return number; end;`);
  await owner.execute(`create or replace package body logger as
  procedure log(w varchar2) is begin insert into audit_log values (user, w); end;
  function n return number is c number; begin select count(*) into c from audit_log; return c; end;
end;`);
  await owner.execute(`create or replace function schema_now return varchar2 authid current_user is
  v varchar2(30);
begin
  select sys_context('userenv', 'current_schema') into v from dual;
  return v;
end;`);
  const sys = await oracledb.getConnection({ user: 'system', password: inst.password, connectString: inst.connectString });
  await sys.execute('create user drcaller identified by pw');
  await sys.execute('grant connect to drcaller');
  await owner.execute('grant execute on logger to drcaller');
  await owner.execute('grant execute on schema_now to drcaller');
  const caller = await oracledb.getConnection({ user: 'drcaller', password: 'pw', connectString: inst.connectString });
  let r = await caller.execute("begin pk.logger.log('hello'); :n := pk.logger.n; end;", { n: out(oracledb.NUMBER) });
  assert.equal(r.outBinds.n, 1, "the package's own table, reached as its owner");
  r = await caller.execute('select pk.logger.n() from dual');
  assert.deepEqual(r.rows, [[1]]);
  await assert.rejects(caller.execute('select * from pk.audit_log'), /ORA-00942/);
  await caller.commit();
  r = await owner.execute('select who, what from audit_log');
  assert.deepEqual(r.rows, [['DRCALLER', 'hello']], 'USER stays the session user');
  r = await caller.execute('begin :s := pk.schema_now; end;', { s: out(oracledb.STRING) });
  assert.equal(r.outBinds.s, 'DRCALLER');
  r = await caller.execute("select sys_context('userenv', 'current_schema') from dual");
  assert.deepEqual(r.rows, [['DRCALLER']], "the caller's schema again after the call");
  await caller.close(); await owner.close(); await sys.close();
});
