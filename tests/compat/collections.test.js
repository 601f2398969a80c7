// collections.test.js - PL/SQL associative arrays (TABLE OF x INDEX BY
// PLS_INTEGER | VARCHAR2(n)) through node-oracledb (Thin): local TYPE
// declarations, elements, the methods (COUNT, FIRST, LAST, NEXT, PRIOR,
// EXISTS, DELETE), copies, elements in SQL and in SELECT / FETCH INTO, the
// run-time and compile errors with Oracle's texts, and the driver's PL/SQL
// array binds of NUMBER, VARCHAR2 and DATE: IN, OUT and IN OUT, maxArraySize
// (ORA-06513), an array where a scalar goes and a mismatched element type
// (PLS-00418), the same statement executed again.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const oracledb = require('oracledb');
const { startInstanceWithUser } = require('./instance');

let inst, connect;
const out = (type) => ({ dir: oracledb.BIND_OUT, type });
const outArray = (type, maxArraySize, extra = {}) =>
  ({ dir: oracledb.BIND_OUT, type, maxArraySize, ...extra });
// the error's text as Oracle gives it (the driver adds a help line)
const oraError = (text) => (e) => e.message.split('\nHelp: ')[0] === text;

before(async () => { ({ inst, connect } = await startInstanceWithUser('coll', 'coll')); });

after(async () => { if (inst) await inst.stop(); });

test('elements and methods of a sparse table indexed by PLS_INTEGER', async () => {
  const c = await connect();
  const res = await c.execute(`declare
  type t is table of number index by pls_integer;
  v t;
  k pls_integer;
  s varchar2(200);
begin
  v(10) := 1; v(-5) := 2; v(3) := 3; v(3) := v(3) * 10;
  :cnt := v.count; :first := v.first; :last := v.last;
  :nxt := v.next(3); :prv := v.prior(3); :after_last := v.next(10); :gap := v.next(0);
  :ex := case when v.exists(10) and not v.exists(11) and not v.exists(null) then 'y' else 'n' end;
  k := v.first;
  while k is not null loop s := s || k || '=' || v(k) || ' '; k := v.next(k); end loop;
  :walk := s;
  v.delete(3); :after_delete := v.count;
  v.delete; :after_clear := v.count;
end;`, {
    cnt: out(oracledb.NUMBER), first: out(oracledb.NUMBER), last: out(oracledb.NUMBER),
    nxt: out(oracledb.NUMBER), prv: out(oracledb.NUMBER), after_last: out(oracledb.NUMBER),
    gap: out(oracledb.NUMBER), ex: out(oracledb.STRING), walk: out(oracledb.STRING),
    after_delete: out(oracledb.NUMBER), after_clear: out(oracledb.NUMBER),
  });
  assert.deepEqual(res.outBinds, {
    cnt: 3, first: -5, last: 10, nxt: 10, prv: -5, after_last: null, gap: 3, ex: 'y',
    walk: '-5=2 3=30 10=1 ', after_delete: 2, after_clear: 0,
  });
  await c.close();
});

test('VARCHAR2 keys in byte order, DELETE ranges, FOR 1 .. COUNT, copies', async () => {
  const c = await connect();
  const res = await c.execute(`declare
  type names is table of varchar2(10) index by varchar2(5);
  type nums is table of pls_integer index by binary_integer;
  v names; m nums; m2 nums; total number := 0;
begin
  v('b') := 'B'; v('a') := 'A'; v('ab') := 'AB'; v('Z') := 'z';
  :keys := v.first || ',' || v.next(v.first) || ',' || v.next('a') || ',' || v.last;
  for i in 1 .. 10 loop m(i) := i * i; end loop;
  m.delete(3, 5); m.delete(9, 2); m.delete(null);
  :m_count := m.count;
  m2 := m; m(1) := -1; m2.delete(m2.last);
  for i in 1 .. m2.count loop if m2.exists(i) then total := total + m2(i); end if; end loop;
  :total := total; :m1 := m(1); :m2_1 := m2(1);
end;`, {
    keys: out(oracledb.STRING), m_count: out(oracledb.NUMBER), total: out(oracledb.NUMBER),
    m1: out(oracledb.NUMBER), m2_1: out(oracledb.NUMBER),
  });
  // m2 keeps 1, 2, 6, 7, 8, 9 (10 deleted); FOR 1 .. 6 adds those of 1, 2 and 6
  assert.deepEqual(res.outBinds, { keys: 'Z,a,ab,b', m_count: 7, total: 1 + 4 + 36, m1: -1, m2_1: 1 });
  await c.close();
});

test('elements with SQL: SELECT INTO, FETCH INTO, an element and a method inside a query', async () => {
  const c = await connect();
  await c.execute('create table people (id number, name varchar2(20))');
  await c.execute(`insert into people values (1, 'ann')`);
  await c.execute(`insert into people values (2, 'bob')`);
  await c.execute(`insert into people values (3, 'cy')`);
  const res = await c.execute(`declare
  type t is table of people.name%type index by pls_integer;
  a t; b t;
  cursor cur is select name from people order by id;
  i pls_integer := 0;
begin
  select name into a(7) from people where id = 3;
  open cur;
  loop i := i + 1; fetch cur into b(i); exit when cur%notfound; end loop;
  close cur;
  select id into i from people where name = b(b.count - 1) and id <= b.count;
  :seven := a(7); :fetched := b.count; :id := i;
end;`, { seven: out(oracledb.STRING), fetched: out(oracledb.NUMBER), id: out(oracledb.NUMBER) });
  assert.deepEqual(res.outBinds, { seven: 'cy', fetched: 3, id: 2 });
  await c.close();
});

test('run-time errors: a missing element, a NULL key, a key or element that does not fit', async () => {
  const c = await connect();
  const decl = 'declare type t is table of varchar2(3) index by pls_integer; v t; s varchar2(10); begin\n';
  await assert.rejects(c.execute(decl + ' v(1) := 1;\n s := v(2);\nend;'),
    oraError('ORA-01403: no data found\nORA-06512: at line 3'));
  await assert.rejects(c.execute(decl + ' v(null) := 1;\nend;'),
    oraError('ORA-06502: PL/SQL: numeric or value error: NULL index table key value\nORA-06512: at line 2'));
  await assert.rejects(c.execute(decl + ' v(1) := \'abcd\';\nend;'),
    oraError('ORA-06502: PL/SQL: numeric or value error: character string buffer too small\nORA-06512: at line 2'));
  await assert.rejects(c.execute(decl + ' v(3000000000) := \'a\';\nend;'),
    oraError('ORA-01426: numeric overflow\nORA-06512: at line 2'));
  const res = await c.execute(decl + ' s := v(1); exception when no_data_found then :r := \'caught\'; end;',
    { r: out(oracledb.STRING) });
  assert.equal(res.outBinds.r, 'caught');
  await c.close();
});

test('compile errors: REF CURSOR types, collections of records, VARRAY limits, unsupported index types, wrong types, methods', async () => {
  const c = await connect();
  await assert.rejects(c.execute('declare type t is ref cursor; begin null; end;'),
    /PLS-00999: implementation restriction \(may be temporary\) REF CURSOR and object types/);
  await assert.rejects(c.execute('declare type r is record (a number); type t is table of r index by pls_integer; begin null; end;'),
    /PLS-00999: implementation restriction \(may be temporary\) collections of records/);
  await assert.rejects(c.execute('declare type t is varray(0) of number; begin null; end;'),
    /PLS-00537: A VARRAY must have a positive limit/);
  await assert.rejects(c.execute('declare type t is table of number index by number; begin null; end;'),
    /PLS-00315: Implementation restriction: unsupported table index type/);
  const decl = 'declare type t is table of number index by pls_integer; type u is table of number index by pls_integer; v t; w u; n number; begin ';
  await assert.rejects(c.execute(decl + 'n := v; end;'), /PLS-00382: expression is of wrong type/);
  await assert.rejects(c.execute(decl + 'v := w; end;'), /PLS-00382: expression is of wrong type/);
  await assert.rejects(c.execute(decl + 'n := v + 1; end;'), /PLS-00306: wrong number or types of arguments in call to '\+'/);
  await assert.rejects(c.execute(decl + 'v.extend; end;'), /PLS-00306: wrong number or types of arguments in call to 'EXTEND'/);
  await assert.rejects(c.execute(decl + 'n := v.size; end;'), /PLS-00302: component 'SIZE' must be declared/);
  await assert.rejects(c.execute(decl + 'select 1 into v from dual; end;'), /PLS-00597: expression 'V' in the INTO list is of wrong type/);
  await assert.rejects(c.execute(decl + 'n := t.count; end;'), /PLS-00330: invalid use of type name or subtype name/);
  await c.close();
});

test('array binds IN: NUMBER, VARCHAR2 and DATE elements arrive as elements 1..n', async () => {
  const c = await connect();
  const d1 = new Date(2024, 0, 31, 10, 20, 30), d2 = new Date(1999, 11, 31);
  const res = await c.execute(`declare
  type nt is table of number index by pls_integer;
  type st is table of varchar2(20) index by binary_integer;
  type dt is table of date index by pls_integer;
  n nt; s st; d dt; total number := 0;
begin
  n := :nums; s := :strs; d := :dates;
  for i in 1 .. n.count loop total := total + nvl(n(i), 0); end loop;
  :total := total; :ncount := n.count; :n2null := case when n(2) is null then 'null' end;
  :joined := s(1) || '|' || s(2) || '|' || s.count;
  :dcount := d.count; :d1 := to_char(d(1), 'YYYY-MM-DD HH24:MI:SS'); :d2 := d(2);
end;`, {
    nums: { type: oracledb.NUMBER, dir: oracledb.BIND_IN, val: [1.5, null, 40] },
    strs: { type: oracledb.STRING, dir: oracledb.BIND_IN, val: ['ab', 'c d'] },
    dates: { type: oracledb.DATE, dir: oracledb.BIND_IN, val: [d1, d2] },
    total: out(oracledb.NUMBER), ncount: out(oracledb.NUMBER), n2null: out(oracledb.STRING),
    joined: out(oracledb.STRING), dcount: out(oracledb.NUMBER), d1: out(oracledb.STRING),
    d2: out(oracledb.DATE),
  });
  assert.deepEqual(res.outBinds, {
    total: 41.5, ncount: 3, n2null: 'null', joined: 'ab|c d|2', dcount: 2,
    d1: '2024-01-31 10:20:30', d2: d2,
  });
  await c.close();
});

test('array binds OUT and IN OUT: the elements in key order, the count; maxArraySize', async () => {
  const c = await connect();
  const block = `declare
  type nt is table of number index by pls_integer;
  type st is table of varchar2(10) index by pls_integer;
  type dt is table of date index by pls_integer;
  v nt; s st; d dt;
begin
  v := :a;
  :n := v.count;
  v(0) := v(1) * 10; v(v.count + 5) := null; v.delete(2);
  :b := v;
  for i in 1 .. :m loop s(i) := 'x' || i; d(i) := date '2020-01-01' + i; end loop;
  :s := s; :d := d;
end;`;
  const binds = (a, m) => ({
    a: { type: oracledb.NUMBER, dir: oracledb.BIND_IN, val: a, maxArraySize: 10 },
    n: out(oracledb.NUMBER),
    b: outArray(oracledb.NUMBER, 5),
    m,
    s: outArray(oracledb.STRING, 4, { maxSize: 10 }),
    d: outArray(oracledb.DATE, 4),
  });
  let res = await c.execute(block, binds([1, 2, 3], 2));
  assert.deepEqual(res.outBinds, {
    n: 3, b: [10, 1, 3, null], s: ['x1', 'x2'],
    d: [new Date(2020, 0, 2), new Date(2020, 0, 3)],
  });
  // the same statement again (a re-execute: the OUT arrays are not sent), and with none
  res = await c.execute(block, binds([7], 4));
  assert.deepEqual(res.outBinds.b, [70, 7, null]);
  assert.equal(res.outBinds.s.length, 4);
  // an IN OUT array comes back as the block left it
  res = await c.execute(`declare type t is table of varchar2(20) index by pls_integer; v t;
begin v := :io; v(v.count + 1) := 'added'; v(1) := upper(v(1)); :io := v; end;`,
  { io: { type: oracledb.STRING, dir: oracledb.BIND_INOUT, val: ['one', 'two'], maxArraySize: 3, maxSize: 20 } });
  assert.deepEqual(res.outBinds.io, ['ONE', 'two', 'added']);
  // an empty table goes back empty
  res = await c.execute('declare type t is table of number index by pls_integer; v t; begin :o := v; end;',
    { o: outArray(oracledb.NUMBER, 3) });
  assert.deepEqual(res.outBinds.o, []);
  // more elements than maxArraySize: ORA-06513
  await assert.rejects(c.execute(block, binds([1, 2, 3], 5)),
    oraError('ORA-06513: PL/SQL: index for PL/SQL table out of range for host language array\nORA-06512: at line 12'));
  await c.close();
});

test('array binds that do not fit: PLS-00418, PLS-00382', async () => {
  const c = await connect();
  const arr = { type: oracledb.NUMBER, dir: oracledb.BIND_IN, val: [1, 2], maxArraySize: 2 };
  await assert.rejects(c.execute('declare n number; begin n := :a; end;', { a: arr }),
    /PLS-00418: array bind type must match PL\/SQL table row type/);
  for (const use of ['n := :a + 1;', 'if :a is null then null; end if;', 'dbms_output.put_line(:a);',
    'select 1 into n from dual where 1 = :a;'])
    await assert.rejects(c.execute(`declare n number; begin ${use} end;`, { a: arr }),
      /PLS-00418: array bind type must match PL\/SQL table row type/, use);
  await assert.rejects(c.execute('declare type t is table of varchar2(5) index by pls_integer; v t; begin v := :a; end;', { a: arr }),
    /PLS-00418: array bind type must match PL\/SQL table row type/);
  await assert.rejects(c.execute('declare type t is table of number index by varchar2(5); v t; begin v := :a; end;', { a: arr }),
    /PLS-00418: array bind type must match PL\/SQL table row type/);
  await assert.rejects(c.execute('declare type t is table of number index by pls_integer; v t; begin v := :a; end;', { a: 5 }),
    /PLS-00382: expression is of wrong type/);
  await assert.rejects(c.execute('insert into people values (:a, null)', { a: arr }),
    /ORA-03001/);
  await c.close();
});

test('BULK COLLECT INTO (SELECT, FETCH ... LIMIT, a cursor variable) and FORALL', async () => {
  const c = await connect();
  await c.execute('create table bulk_t (id number, name varchar2(20))');
  const res = await c.execute(`declare
  type nt is table of number index by pls_integer;
  type st is table of varchar2(20) index by pls_integer;
  ids nt; names st; got nt;
  cursor cur is select id from bulk_t order by id;
  cv sys_refcursor;
  batches varchar2(100);
begin
  for i in 1 .. 7 loop ids(i * 2) := i; names(i * 2) := 'n' || i; end loop;
  forall i in indices of ids insert into bulk_t values (ids(i), names(i));
  :inserted := sql%rowcount;
  forall i in 2 .. 3 update bulk_t set name = upper(name) where id = i;
  :updated := sql%rowcount;
  select id, name bulk collect into ids, names from bulk_t where id > 5 order by id;
  :selected := ids.count || ' ' || ids(1) || names(2);
  open cur;
  loop
    fetch cur bulk collect into got limit 3;
    batches := batches || got.count || ',';
    exit when cur%notfound;
  end loop;
  :batches := batches || cur%rowcount;
  close cur;
  open cv for select id from bulk_t where id <= 2 order by id desc;
  fetch cv bulk collect into got;
  close cv;
  :from_cv := got.count || ' ' || got(1) || ' ' || got.last;
end;`, {
    inserted: out(oracledb.NUMBER), updated: out(oracledb.NUMBER), selected: out(oracledb.STRING),
    batches: out(oracledb.STRING), from_cv: out(oracledb.STRING),
  });
  assert.deepEqual(res.outBinds, {
    inserted: 7, updated: 2, selected: '2 6n7', batches: '3,3,1,7', from_cv: '2 2 2',
  });
  await assert.rejects(c.execute(`declare type t is table of number index by varchar2(3); v t;
begin select id bulk collect into v from bulk_t; end;`),
  /PLS-00657: Implementation restriction: bulk SQL with associative arrays with VARCHAR2 key is not supported./);
  await assert.rejects(c.execute(`declare type t is table of number index by pls_integer; v t; n number;
begin select id bulk collect into n from bulk_t; end;`),
  /PLS-00597: expression 'N' in the INTO list is of wrong type/);
  await c.rollback();
  await c.close();
});

test('a package\'s table types: parameters IN, OUT and IN OUT from array binds and variables', async () => {
  const c = await connect();
  await c.execute(`create or replace package coll_pkg is
  type nums is table of number index by binary_integer;
  type strs is table of varchar2(30) index by binary_integer;
  function total(n in nums) return number;
  procedure fill(k in number, s out nocopy strs);
  procedure scale(n in out nums, by_ number);
end;`);
  await c.execute(`create or replace package body coll_pkg is
  function total(n in nums) return number is
    t number := 0; i pls_integer := n.first;
  begin
    while i is not null loop t := t + nvl(n(i), 0); i := n.next(i); end loop;
    return t;
  end;
  procedure fill(k in number, s out nocopy strs) is
  begin
    for i in 1 .. k loop s(i) := 'item ' || i; end loop;
  end;
  procedure scale(n in out nums, by_ number) is
  begin
    for i in 1 .. n.count loop n(i) := n(i) * by_; end loop;
    n(n.count + 1) := -1;
  end;
end;`);
  let res = await c.execute('begin :t := coll_pkg.total(:n); coll_pkg.fill(3, :s); coll_pkg.scale(:io, 10); end;', {
    t: out(oracledb.NUMBER),
    n: { type: oracledb.NUMBER, dir: oracledb.BIND_IN, val: [1, 2, null, 4] },
    s: outArray(oracledb.STRING, 5, { maxSize: 30 }),
    io: { type: oracledb.NUMBER, dir: oracledb.BIND_INOUT, val: [5, 6], maxArraySize: 3 },
  });
  assert.deepEqual(res.outBinds, { t: 7, s: ['item 1', 'item 2', 'item 3'], io: [50, 60, -1] });
  const args = await c.execute(`select argument_name, data_type from user_arguments
    where package_name = 'COLL_PKG' and object_name = 'FILL' order by position`);
  assert.deepEqual(args.rows, [['K', 'NUMBER'], ['S', 'PL/SQL TABLE']]);
  // a caller's variable of the package's type, passed and returned
  res = await c.execute(`declare v coll_pkg.nums; s coll_pkg.strs; begin
  v(1) := 3; v(2) := 4; coll_pkg.scale(v, 2);
  coll_pkg.fill(2, s);
  :r := coll_pkg.total(v) || ' ' || v.count || ' ' || s(2);
end;`, { r: out(oracledb.STRING) });
  assert.equal(res.outBinds.r, '13 3 item 2');
  await assert.rejects(c.execute('declare n number; begin n := coll_pkg.total(5); end;'),
    /PLS-00306: wrong number or types of arguments in call to 'TOTAL'/);
  await assert.rejects(c.execute('declare s coll_pkg.strs; n number; begin n := coll_pkg.total(s); end;'),
    /PLS-00306: wrong number or types of arguments in call to 'TOTAL'/);
  await assert.rejects(c.execute('begin coll_pkg.fill(1, :s); end;',
    { s: outArray(oracledb.NUMBER, 5) }), /PLS-00418: array bind type must match PL\/SQL table row type/);
  // a function returning a table: to an OUT array, to a variable; not from SQL
  await c.execute(`create or replace package coll_fn is
  type nums is table of number index by binary_integer;
  function squares(n number) return nums;
end;`);
  await c.execute(`create or replace package body coll_fn is
  function squares(n number) return nums is r nums;
  begin
    for i in 1 .. n loop r(i) := i * i; end loop;
    return r;
  end;
end;`);
  res = await c.execute('declare v coll_fn.nums; begin :o := coll_fn.squares(:n); v := coll_fn.squares(2); :c := v.count; end;',
    { o: outArray(oracledb.NUMBER, 5), n: 4, c: out(oracledb.NUMBER) });
  assert.deepEqual(res.outBinds, { o: [1, 4, 9, 16], c: 2 });
  await assert.rejects(c.execute('declare n number; begin n := coll_fn.squares(2); end;'),
    /PLS-00382: expression is of wrong type/);
  // from SQL a table has no SQL type: a package's function is called through a block (PLS-00382),
  // a stored function's RETURN of a table is ORA-00902
  await assert.rejects(c.execute('select coll_fn.squares(2) from dual'), /PLS-00382: expression is of wrong type/);
  await c.execute('create or replace function sq3 return coll_fn.nums is v coll_fn.nums; begin v(1) := 1; return v; end;');
  await assert.rejects(c.execute('select sq3 from dual'), /ORA-00902: invalid datatype/);
  await c.execute('drop function sq3');
  await c.execute('drop package coll_fn');
  await c.execute('drop package coll_pkg');
  await c.close();
});

test('a package\'s table variable: its state across calls, named from outside (elements, methods, copies)', async () => {
  const c = await connect();
  await c.execute(`create or replace package coll_state is
  type t is table of varchar2(10) index by pls_integer;
  v t;
  procedure add(s varchar2);
  function cnt return number;
end;`);
  await c.execute(`create or replace package body coll_state is
  procedure add(s varchar2) is begin v(v.count + 1) := s; end;
  function cnt return number is begin return v.count; end;
end;`);
  const n = out(oracledb.NUMBER);
  assert.equal((await c.execute(`begin coll_state.add('a'); coll_state.add('b'); :n := coll_state.cnt; end;`, { n })).outBinds.n, 2);
  assert.equal((await c.execute(`begin coll_state.add('c'); :n := coll_state.cnt; end;`, { n })).outBinds.n, 3);
  const res = await c.execute(`declare x coll_state.t; begin
  :first := coll_state.v(1) || coll_state.v(coll_state.v.last);
  coll_state.v(10) := 'ten';
  x := coll_state.v;
  coll_state.v.delete(1, 3);
  :after := coll_state.v.count || ' ' || coll_state.v.first || ' ' || x.count;
  x(11) := 'eleven';
  coll_state.v := x;
  :back := coll_state.cnt || ' ' || coll_state.v(11);
  :arr := coll_state.v;
end;`, {
    first: out(oracledb.STRING), after: out(oracledb.STRING), back: out(oracledb.STRING),
    arr: outArray(oracledb.STRING, 10, { maxSize: 10 }),
  });
  assert.deepEqual(res.outBinds, {
    first: 'ac', after: '1 10 4', back: '5 eleven', arr: ['a', 'b', 'c', 'ten', 'eleven'],
  });
  await assert.rejects(c.execute('declare s varchar2(10); begin s := coll_state.v; end;'),
    /PLS-00382: expression is of wrong type/);
  await c.execute('drop package coll_state');
  await c.close();
});

test('nested tables and VARRAYs: constructors, EXTEND / TRIM, NULL collections, BULK COLLECT, a package\'s', async () => {
  const c = await connect();
  await c.execute(`create or replace package coll_nt is
  type names is table of varchar2(20);
  type top3 is varray(3) of number;
  function firsts(n number) return names;
  procedure add(v in out names, s varchar2);
end;`);
  await c.execute(`create or replace package body coll_nt is
  function firsts(n number) return names is r names := names();
  begin
    for i in 1 .. n loop r.extend; r(r.last) := 'name ' || i; end loop;
    return r;
  end;
  procedure add(v in out names, s varchar2) is
  begin
    if v is null then v := names(); end if;
    v.extend;
    v(v.count) := s;
  end;
end;`);
  const res = await c.execute(`declare
  v coll_nt.names;
  t coll_nt.top3 := coll_nt.top3(3, 1);
  ids coll_nt.top3;
begin
  :was_null := case when v is null then 'yes' end;
  coll_nt.add(v, 'x');
  coll_nt.add(v, 'y');
  v := coll_nt.firsts(2) ;
  coll_nt.add(v, 'z');
  :names := v(1) || ',' || v(3) || ',' || v.count;
  t.extend; t(3) := 2; t.trim;
  :top := t.count || ' ' || t.limit || ' ' || t(2);
  select n bulk collect into ids from (select 1 n from dual union all select 2 from dual union all select 3 from dual) order by n;
  :ids := ids.count || ' ' || ids(3);
end;`, {
    was_null: out(oracledb.STRING), names: out(oracledb.STRING), top: out(oracledb.STRING),
    ids: out(oracledb.STRING),
  });
  assert.deepEqual(res.outBinds, { was_null: 'yes', names: 'name 1,z,3', top: '2 3 1', ids: '3 3' });
  await assert.rejects(c.execute('declare v coll_nt.names; begin v(1) := \'a\'; end;'),
    oraError('ORA-06531: Reference to uninitialized collection\nORA-06512: at line 1'));
  await assert.rejects(c.execute('declare t coll_nt.top3 := coll_nt.top3(1, 2, 3); begin t.extend; end;'),
    oraError('ORA-06532: Subscript outside of limit\nORA-06512: at line 1'));
  await assert.rejects(c.execute('declare v coll_nt.names := coll_nt.names(); begin v(1) := \'a\'; end;'),
    oraError('ORA-06533: Subscript beyond count\nORA-06512: at line 1'));
  await assert.rejects(c.execute('declare t coll_nt.top3; begin select 1 bulk collect into t from (select 1 from dual union all select 1 from dual union all select 1 from dual union all select 1 from dual); end;'),
    oraError('ORA-06532: Subscript outside of limit\nORA-06512: at line 1'));
  // a client's array binds to an index-by table only
  await assert.rejects(c.execute('declare v coll_nt.names; begin v := :a; end;',
    { a: { type: oracledb.STRING, val: ['a'] } }), /PLS-00418: array bind type must match PL\/SQL table row type/);
  await c.execute('drop package coll_nt');
  await c.close();
});
