// plsql_units.test.js - stored procedures and functions through node-oracledb
// (Thin): CREATE [OR REPLACE] / DROP, calls from anonymous blocks with IN,
// OUT and IN OUT binds, positional and named arguments, defaults, recursion,
// exceptions crossing a call with Oracle's backtrace, a unit that does not
// compile (the driver's warning, USER_ERRORS, PLS-00905 at the call), and the
// dictionary: USER_OBJECTS, USER_SOURCE.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const oracledb = require('oracledb');
const { startInstanceWithUser } = require('./instance');

let inst, connect;
const out = (type) => ({ dir: oracledb.BIND_OUT, type });

before(async () => { ({ inst, connect } = await startInstanceWithUser('units', 'units')); });

after(async () => { if (inst) await inst.stop(); });

test('a function and a procedure: IN, OUT and IN OUT, by position and by name', async () => {
  const c = await connect();
  const r = await c.execute(`CREATE OR REPLACE FUNCTION shout(s IN VARCHAR2, times NUMBER DEFAULT 1)
RETURN VARCHAR2 IS
  x VARCHAR2(100) := s;
BEGIN
  FOR i IN 2 .. times LOOP x := x || s; END LOOP;
  RETURN x || '!';
END shout;`);
  assert.equal(r.warning, undefined);
  let res = await c.execute('begin :o := shout(:i); end;', { o: out(oracledb.STRING), i: 'hey' });
  assert.equal(res.outBinds.o, 'hey!');
  res = await c.execute('begin :o := shout(times => 3, s => :i); end;', { o: out(oracledb.STRING), i: 'a' });
  assert.equal(res.outBinds.o, 'aaa!');
  await c.execute(`create procedure scale(a in number, b out number, t in out varchar2) as
begin
  b := a * 10;
  t := t || '-' || a;
end;`);
  res = await c.execute('begin scale(:a, :b, :t); end;',
    { a: 4, b: out(oracledb.NUMBER), t: { dir: oracledb.BIND_INOUT, val: 'q', maxSize: 20 } });
  assert.deepEqual(res.outBinds, { b: 40, t: 'q-4' });
  res = await c.execute('declare n number; begin scale(t => :t, a => 2, b => n); :n := n; end;',
    { t: { dir: oracledb.BIND_INOUT, val: 'z', maxSize: 20 }, n: out(oracledb.NUMBER) });
  assert.deepEqual(res.outBinds, { t: 'z-2', n: 20 });
  // wrong calls are compile errors of the caller
  await assert.rejects(c.execute('begin scale(1); end;'), /PLS-00306: wrong number or types of arguments in call to 'SCALE'/);
  await assert.rejects(c.execute('begin scale(1, 2, :t); end;', { t: 'x' }), /PLS-00363: expression '2' cannot be used as an assignment target/);
  await assert.rejects(c.execute('begin shout(1); end;'), /PLS-00221: 'SHOUT' is not a procedure or is undefined/);
  await c.close();
});

test('recursion, and an exception crossing calls keeps its code and gains a backtrace', async () => {
  const c = await connect();
  await c.execute('create or replace function fact(n number) return number is begin if n <= 1 then return 1; end if; return n * fact(n - 1); end;');
  const res = await c.execute('begin :r := fact(20); end;', { r: out(oracledb.STRING) });
  assert.equal(res.outBinds.r, '2432902008176640000');
  await c.execute(`create or replace procedure inner_p as
begin
  raise no_data_found;
end;`);
  await c.execute('create or replace procedure outer_p as begin inner_p; end;');
  await assert.rejects(c.execute('begin outer_p; end;'), err =>
    err.errorNum === 1403 &&
    err.message.startsWith('ORA-01403: no data found\nORA-06512: at "UNITS.INNER_P", line 3\n' +
                           'ORA-06512: at "UNITS.OUTER_P", line 1\nORA-06512: at line 1'));
  const caught = await c.execute(`begin outer_p; exception when no_data_found then :m := 'caught'; end;`, { m: out(oracledb.STRING) });
  assert.equal(caught.outBinds.m, 'caught');
  await c.execute('create or replace function noreturn return number is begin null; end;');
  await assert.rejects(c.execute('begin :r := noreturn; end;', { r: out(oracledb.NUMBER) }), /ORA-06503: PL\/SQL: Function returned without value/);
  await c.close();
});

test('a unit that does not compile is kept INVALID with its errors; the dictionary shows units', async () => {
  const c = await connect();
  const r = await c.execute('create or replace procedure broken as begin nosuch(1); end;');
  assert.equal(r.warning && r.warning.code, 'NJS-700');
  const errors = await c.execute("select name, type, line, position, text from user_errors where name = 'BROKEN'");
  assert.deepEqual(errors.rows, [['BROKEN', 'PROCEDURE', 1, 27, "PLS-00201: identifier 'NOSUCH' must be declared"],
    ['BROKEN', 'PROCEDURE', 1, 27, 'PL/SQL: Statement ignored']]); // as Oracle lists them
  await assert.rejects(c.execute('begin broken; end;'), /PLS-00905: object UNITS.BROKEN is invalid/);
  // once what it calls exists, it runs (compiled again at the call)
  await c.execute('create procedure nosuch(n number) as begin null; end;');
  await c.execute('begin broken; end;');
  const objects = await c.execute("select object_name, object_type from user_objects where object_type in ('PROCEDURE', 'FUNCTION') order by 1");
  assert.deepEqual(objects.rows.map(r => r[0]), ['BROKEN', 'FACT', 'INNER_P', 'NORETURN', 'NOSUCH', 'OUTER_P', 'SCALE', 'SHOUT']);
  const source = await c.execute("select line, text from user_source where name = 'INNER_P' order by line");
  assert.deepEqual(source.rows, [[1, 'procedure inner_p as\n'], [2, 'begin\n'], [3, '  raise no_data_found;\n'], [4, 'end;']]);
  await assert.rejects(c.execute('create procedure shout as begin null; end;'), /ORA-00955: name is already used by an existing object/);
  await c.execute('drop procedure broken');
  await assert.rejects(c.execute('drop procedure broken'), /ORA-04043: object BROKEN does not exist/);
  await assert.rejects(c.execute('begin broken; end;'), /PLS-00201: identifier 'BROKEN' must be declared/);
  await c.close();
});

test('stored functions in SQL statements: values, defaults, WHERE and ORDER BY, errors', async () => {
  const c = await connect();
  await c.execute('create or replace function twice(n number) return number is begin return n * 2; end;');
  await c.execute(`create or replace function greet(s varchar2, p varchar2 default 'Hello') return varchar2 is
begin return p || ', ' || s; end;`);
  await c.execute('create or replace function none_found return number is x number; begin select 1 into x from dual where 1 = 0; return x; end;');
  await c.execute('create or replace function writes return number is begin insert into fn_t values (1); return 1; end;');
  await c.execute('create table fn_t (n number)');
  await c.execute('insert into fn_t values (5)');
  await c.execute('insert into fn_t values (7)');
  assert.deepEqual((await c.execute("select twice(21), greet('x'), greet('y', 'Bye'), twice(null) from dual")).rows,
    [[42, 'Hello, x', 'Bye, y', null]]);
  assert.deepEqual((await c.execute('select n, twice(n) from fn_t where twice(n) > 10 order by twice(n) desc')).rows, [[7, 14]]);
  // NO_DATA_FOUND in a function SQL calls is a NULL value, as in Oracle
  assert.deepEqual((await c.execute('select none_found() from dual')).rows, [[null]]);
  await assert.rejects(c.execute('select writes() from dual'),
    err => err.errorNum === 14551 && /ORA-06512: at "UNITS.WRITES", line 1/.test(err.message));
  await assert.rejects(c.execute('select twice(1, 2) from dual'), /ORA-06553: PLS-306: wrong number or types of arguments in call to 'TWICE'/);
  await assert.rejects(c.execute('select scale(1) from dual'), /ORA-00904: "SCALE": invalid identifier/); // a procedure
  await assert.rejects(c.execute('select nosuchfn(1) from dual'), /ORA-00904: "NOSUCHFN": invalid identifier/);
  await c.rollback();
  await c.close();
});

test('REF CURSORs: OPEN :rc FOR, a procedure OUT SYS_REFCURSOR, fetching in PL/SQL, a NULL cursor', async () => {
  const c = await connect();
  await c.execute('create table rc_t (id number, name varchar2(10))');
  for (let i = 1; i <= 5; i++) await c.execute('insert into rc_t values (:1, :2)', [i, 'n' + i]);
  await c.commit();
  let r = await c.execute('begin open :rc for select id, name from rc_t where id > :x order by id; end;',
    { rc: { dir: oracledb.BIND_OUT, type: oracledb.CURSOR }, x: 2 });
  assert.deepEqual(r.outBinds.rc.metaData.map(m => m.name), ['ID', 'NAME']);
  assert.deepEqual(await r.outBinds.rc.getRows(2), [[3, 'n3'], [4, 'n4']]);
  assert.deepEqual(await r.outBinds.rc.getRows(10), [[5, 'n5']]);
  await r.outBinds.rc.close();
  await c.execute(`create or replace procedure rc_get(p_in in number, p_out out sys_refcursor) as
begin
  open p_out for 'select id from rc_t where id <= :1 order by id' using p_in;
end;`);
  r = await c.execute('begin rc_get(:i, :o); end;', { i: 2, o: { dir: oracledb.BIND_OUT, type: oracledb.CURSOR } });
  assert.deepEqual(await r.outBinds.o.getRows(), [[1], [2]]);
  await r.outBinds.o.close();
  r = await c.execute(`declare cv sys_refcursor; n number; t number := 0;
begin
  rc_get(10, cv);
  loop fetch cv into n; exit when cv%notfound; t := t + n; end loop;
  :cnt := cv%rowcount;
  close cv;
  :t := t;
end;`, { cnt: { dir: oracledb.BIND_OUT, type: oracledb.NUMBER }, t: { dir: oracledb.BIND_OUT, type: oracledb.NUMBER } });
  assert.deepEqual(r.outBinds, { cnt: 5, t: 15 });
  // a cursor variable never opened comes back NULL (the driver says it is invalid)
  await assert.rejects(c.execute('declare cv sys_refcursor; begin :rc := cv; end;',
    { rc: { dir: oracledb.BIND_OUT, type: oracledb.CURSOR } }), /NJS-107/);
  // cursors the block opened and did not hand out are closed with it: the table can go
  await c.execute('declare cv sys_refcursor; begin open cv for select * from rc_t; end;');
  await c.execute('drop table rc_t purge');
  await c.close();
});

test('implicit results: DBMS_SQL.RETURN_RESULT hands open cursors to the client in order', async () => {
  const c = await connect();
  const r = await c.execute(`declare c1 sys_refcursor; c2 sys_refcursor;
begin
  open c1 for select level_n from (select 1 level_n from dual union all select 2 from dual) order by 1;
  dbms_sql.return_result(c1);
  open c2 for select 'x' a, 'y' b from dual;
  dbms_sql.return_result(c2);
end;`);
  assert.equal(r.implicitResults.length, 2);
  assert.deepEqual(r.implicitResults[0], [[1], [2]]);
  assert.deepEqual(r.implicitResults[1], [['x', 'y']]);
  await assert.rejects(c.execute('declare c sys_refcursor; begin dbms_sql.return_result(c); end;'), /ORA-01001: invalid cursor/);
  await c.close();
});

test('RAW and BLOB in PL/SQL: bytes in and out of units, HEXTORAW, conversions, binds a parameter cannot take', async () => {
  const c = await connect();
  await c.execute('create table raw_t (id number, r raw(20))');
  await c.execute('create or replace procedure raw_in(v in raw) as begin insert into raw_t values (1, v); end;');
  await c.execute('create or replace function raw_echo(v in raw) return raw is begin return v; end;');
  await c.execute('create or replace procedure num_in(n in number) as begin null; end;');
  await c.execute('create or replace procedure blob_in(b in blob) as begin null; end;');
  await c.execute('begin raw_in(:v); end;', { v: Buffer.from([1, 2, 0, 255]) });
  assert.deepEqual((await c.execute('select r from raw_t')).rows, [[Buffer.from([1, 2, 0, 255])]]);
  let r = await c.execute('begin :o := raw_echo(:v); end;', { o: { dir: oracledb.BIND_OUT, type: oracledb.BUFFER, maxSize: 10 }, v: Buffer.from([0xab, 0]) });
  assert.deepEqual(r.outBinds.o, Buffer.from([0xab, 0]));
  r = await c.execute("declare x raw(10); s varchar2(20); begin x := hextoraw('0a0B'); s := x; :s := s; end;", { s: { dir: oracledb.BIND_OUT, type: oracledb.STRING } });
  assert.equal(r.outBinds.s, '0A0B'); // RAW as text is its hex digits, upper case
  await assert.rejects(c.execute('begin raw_in(:v); end;', { v: 'not hex' }), /ORA-06502: PL\/SQL: numeric or value error: hex to raw conversion error\nORA-06512: at line 1/);
  await assert.rejects(c.execute("declare x raw(2); begin x := hextoraw('ABCDEF'); end;"), /raw variable length too long/);
  // a RAW bind for a NUMBER parameter, text for a BLOB one: the caller does not compile
  await assert.rejects(c.execute('begin num_in(:v); end;', { v: Buffer.from([1]) }), /PLS-00306: wrong number or types of arguments in call to 'NUM_IN'/);
  await assert.rejects(c.execute('begin num_in(:v); end;', { v: { type: oracledb.BUFFER, val: null } }), /PLS-00306/);
  await assert.rejects(c.execute('begin blob_in(:v); end;', { v: 'text' }), /PLS-00306/);
  await c.execute('begin blob_in(:v); end;', { v: Buffer.from([7]) });
  // text that is no hex given to a RAW OUT bind: PL/SQL's conversion error
  await assert.rejects(c.execute("begin :o := 'not hex'; end;", { o: { dir: oracledb.BIND_OUT, type: oracledb.BUFFER, maxSize: 10 } }),
    /ORA-06502: PL\/SQL: numeric or value error: hex to raw conversion error/);
  await c.rollback();
  await c.close();
});

test('a stored function without arguments is called without parentheses in SQL, as a column is named', async () => {
  const c = await connect();
  await c.execute('create or replace function the_answer return number is begin return 42; end;');
  await c.execute('create table bare_t (n number)');
  await c.execute('insert into bare_t values (the_answer)');
  const r = await c.execute('select the_answer, the_answer + 1, n from bare_t where n = the_answer');
  assert.deepEqual(r.rows, [[42, 43, 42]]);
  assert.deepEqual(r.metaData.map(m => m.name), ['THE_ANSWER', 'THE_ANSWER+1', 'N']);
  await c.execute('update bare_t set n = the_answer * 2');
  assert.deepEqual((await c.execute('select n from bare_t')).rows, [[84]]);
  await assert.rejects(c.execute('select no_such_name from bare_t'), /ORA-00904: "NO_SUCH_NAME": invalid identifier/);
  await c.rollback();
  await c.close();
});

test('executeMany of a block with OUT binds only; a CHAR parameter takes the stored CHAR, padded', async () => {
  const c = await connect();
  await c.execute('create table many_t (id number)');
  const r = await c.executeMany(`declare n number; begin
      select count(*) + 1 into n from many_t; insert into many_t values (n);
      select sum(id) into :1 from many_t; end;`, 4,
    { bindDefs: [{ type: oracledb.NUMBER, dir: oracledb.BIND_OUT }] });
  assert.deepEqual(r.outBinds, [[1], [3], [6], [10]]);
  await c.execute('create table char_t (c char(10))');
  await c.execute('create or replace procedure put_char(v in out char) as begin insert into char_t values (v); select c into v from char_t; end;');
  const out = await c.execute('begin put_char(:v); end;', { v: { dir: oracledb.BIND_INOUT, type: oracledb.STRING, val: 'abc', maxSize: 100 } });
  assert.equal(out.outBinds.v, 'abc       '); // 'abc' in, as CHAR(10) stores it: padded to 10
  await c.rollback();
  await c.close();
});

test('DBMS_OUTPUT: the session buffer, enabled by ENABLE, read by GET_LINE across calls', async () => {
  const c = await connect();
  const getLines = async () => {
    const lines = [];
    for (let i = 0; i < 20; i++) {
      const r = await c.execute('begin dbms_output.get_line(:ln, :st); end;',
        { ln: { dir: oracledb.BIND_OUT, type: oracledb.STRING, maxSize: 32767 }, st: { dir: oracledb.BIND_OUT, type: oracledb.NUMBER } });
      if (r.outBinds.st !== 0) return lines;
      lines.push(r.outBinds.ln);
    }
    return lines;
  };
  await c.execute("begin dbms_output.put_line('before enable'); end;");
  assert.deepEqual(await getLines(), []); // disabled by default, as in Oracle
  await c.execute('begin dbms_output.enable(null); end;');
  await c.execute("begin dbms_output.put_line('one'); dbms_output.put('two'); dbms_output.put('+'); dbms_output.new_line; end;");
  await c.execute("begin dbms_output.put_line(null); dbms_output.put_line('four'); end;");
  assert.deepEqual(await getLines(), ['one', 'two+', null, 'four']);
  assert.deepEqual(await getLines(), []);
  await c.execute("begin dbms_output.put_line('dropped'); dbms_output.disable; end;");
  assert.deepEqual(await getLines(), []);
  await c.close();
});

test('%ROWTYPE records: a table\'s and a cursor\'s row, SELECT / FETCH INTO, fields as values and targets', async () => {
  const c = await connect();
  await c.execute('create table rt_emp (empno number, ename varchar2(20), sal number)');
  await c.execute("insert into rt_emp values (1, 'KING', 5000)");
  await c.execute("insert into rt_emp values (2, 'SCOTT', 3000)");
  let r = await c.execute(`declare r rt_emp%rowtype;
begin
  select * into r from rt_emp where empno = 1;
  :s := r.ename || ' ' || r.sal;
  r.empno := 3; r.ename := 'NEW'; r.sal := r.sal / 100;
  insert into rt_emp values (r.empno, r.ename, r.sal);
end;`, { s: out(oracledb.STRING) });
  assert.equal(r.outBinds.s, 'KING 5000');
  r = await c.execute(`declare
  cursor cur is select ename, sal from rt_emp order by empno;
  r cur%rowtype;
  t varchar2(100);
begin
  open cur;
  loop fetch cur into r; exit when cur%notfound; t := t || r.ename || '=' || r.sal || ';'; end loop;
  close cur;
  :s := t;
end;`, { s: out(oracledb.STRING) });
  assert.equal(r.outBinds.s, 'KING=5000;SCOTT=3000;NEW=50;');
  await assert.rejects(c.execute('declare r rt_emp%rowtype; begin select empno into r from rt_emp where empno = 1; end;'),
    /ORA-00947: not enough values/);
  await assert.rejects(c.execute('declare r rt_emp%rowtype; begin r.nosuch := 1; end;'),
    /PLS-00302: component 'NOSUCH' must be declared/);
  await c.rollback();
  await c.close();
});

test('RECORD types: fields fitted to their types, SELECT INTO, a package\'s record type', async () => {
  const c = await connect();
  let r = await c.execute(`declare
  type pair_t is record (n number(5,1), name varchar2(5), ok boolean);
  p pair_t;
begin
  p.n := 2.26; p.name := 'abc'; p.ok := true;
  if p.ok then :s := p.n || p.name; end if;
end;`, { s: out(oracledb.STRING) });
  assert.equal(r.outBinds.s, '2.3abc');
  await assert.rejects(c.execute("declare type t is record (v varchar2(2)); x t; begin x.v := 'abc'; end;"),
    /ORA-06502: PL\/SQL: numeric or value error: character string buffer too small/);
  await assert.rejects(c.execute('declare type t is record (n number, n number); begin null; end;'),
    /PLS-00410: duplicate fields in RECORD,TABLE or argument list are not permitted/);
  await c.execute('create or replace package rec_pk as type emp_r is record (id number, nm varchar2(20)); end;');
  r = await c.execute("declare e rec_pk.emp_r; begin select 7, 'seven' into e from dual; :s := e.nm || e.id; end;",
    { s: out(oracledb.STRING) });
  assert.equal(r.outBinds.s, 'seven7');
  await c.close();
});
