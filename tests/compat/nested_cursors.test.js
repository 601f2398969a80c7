// nested_cursors.test.js - cursor expressions, CURSOR(subquery) in a select
// list, through node-oracledb (Thin): each row's value is a cursor over the
// subquery for that row (correlated by qualified names), fetched as nested
// arrays by default and as ResultSets with resultSet: true; several per row,
// two levels deep, empty ones, binds, PL/SQL REF CURSORs that carry them, the
// open-cursor limit they count against, and the errors.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const oracledb = require('oracledb');
const { startInstanceWithUser } = require('./instance');

let inst, connect;

const DEPT_EMPS = `SELECT d.dname,
  CURSOR(SELECT e.ename FROM emp e WHERE e.deptno = d.deptno ORDER BY e.ename) emps
FROM dept d ORDER BY d.deptno`;

before(async () => {
  ({ inst, connect } = await startInstanceWithUser('nested', 'nested'));
  const c = await connect();
  await c.execute('create table dept (deptno number primary key, dname varchar2(20))');
  await c.execute('create table emp (empno number primary key, ename varchar2(20), deptno number, sal number)');
  await c.executeMany('insert into dept values (:1, :2)', [[10, 'ACCOUNTING'], [20, 'RESEARCH'], [30, 'SALES']]);
  await c.executeMany('insert into emp values (:1, :2, :3, :4)',
    [[1, 'KING', 10, 5000], [2, 'CLARK', 10, 2450], [3, 'SMITH', 20, 800], [4, 'FORD', 20, 3000]]);
  await c.execute('create table many (n number)');
  await c.executeMany('insert into many values (:1)', Array.from({ length: 320 }, (_, i) => [i + 1]));
  await c.commit();
  await c.close();
});

after(async () => { if (inst) await inst.stop(); });

test('a correlated cursor expression comes as nested arrays, described as a cursor', async () => {
  const c = await connect();
  const r = await c.execute(DEPT_EMPS);
  assert.deepEqual(r.metaData.map((m) => [m.name, m.dbType]), [['DNAME', oracledb.DB_TYPE_VARCHAR], ['EMPS', oracledb.DB_TYPE_CURSOR]]);
  assert.deepEqual(r.metaData[1].metaData.map((m) => m.name), ['ENAME']);
  assert.deepEqual(r.rows, [['ACCOUNTING', [['CLARK'], ['KING']]], ['RESEARCH', [['FORD'], ['SMITH']]], ['SALES', []]]);
  const info = await c.getStatementInfo(DEPT_EMPS);
  assert.deepEqual(info.metaData.map((m) => m.dbTypeName), ['VARCHAR2', 'CURSOR']);
  // objects, and the derived name of an unaliased one
  const o = await c.execute(`select d.deptno, cursor(select count(*) n from emp e where e.deptno = d.deptno)
    from dept d where d.deptno = 20`, [], { outFormat: oracledb.OUT_FORMAT_OBJECT });
  assert.deepEqual(o.rows, [{ DEPTNO: 20, 'CURSOR(SELECTCOUNT(*)NFROMEMPEWHEREE.DEPTNO=D.DEPTNO)': [{ N: 2 }] }]);
  await c.close();
});

test('several per row, uncorrelated, empty, after a * and with the table name as qualifier', async () => {
  const c = await connect();
  const r = await c.execute(`SELECT dept.*,
      CURSOR(SELECT e.ename, e.sal FROM emp e WHERE e.deptno = dept.deptno AND e.sal > 1000 ORDER BY e.sal) rich,
      CURSOR(SELECT 'x' FROM dual) one,
      CURSOR(SELECT e.ename FROM emp e WHERE 1 = 0) none
    FROM dept WHERE dept.deptno < 30 ORDER BY dept.deptno`);
  assert.deepEqual(r.metaData.map((m) => m.name), ['DEPTNO', 'DNAME', 'RICH', 'ONE', 'NONE']);
  assert.deepEqual(r.rows, [
    [10, 'ACCOUNTING', [['CLARK', 2450], ['KING', 5000]], [['x']], []],
    [20, 'RESEARCH', [['FORD', 3000]], [['x']], []],
  ]);
  await c.close();
});

test('LOB columns inside a nested cursor and beside one', async () => {
  const c = await connect();
  await c.execute('create table doc (id number, body clob)');
  await c.execute("insert into doc values (1, 'hello clob')");
  const sql = 'select d.id, d.body, cursor(select d2.body from doc d2 where d2.id = d.id) b from doc d';
  const r = await c.execute(sql);
  assert.equal(await r.rows[0][1].getData(), 'hello clob');
  assert.equal(await r.rows[0][2][0][0].getData(), 'hello clob');
  // (a text of its own: the driver's cached statement keeps the LOB's first fetch type)
  const s = await c.execute(`${sql} where 1 = 1`, [], { fetchInfo: { BODY: { type: oracledb.STRING } } });
  assert.equal(s.rows[0][1], 'hello clob');
  await c.rollback();
  await c.close();
});

test('two levels deep: the inner cursor sees both enclosing rows', async () => {
  const c = await connect();
  const r = await c.execute(`SELECT d.dname,
      CURSOR(SELECT e.ename,
                    CURSOR(SELECT d.dname || '/' || e.ename || '/' || e2.sal FROM emp e2 WHERE e2.empno = e.empno) path
             FROM emp e WHERE e.deptno = d.deptno ORDER BY e.ename) emps
    FROM dept d WHERE d.deptno IN (10, 30) ORDER BY d.deptno`);
  assert.deepEqual(r.rows, [
    ['ACCOUNTING', [['CLARK', [['ACCOUNTING/CLARK/2450']]], ['KING', [['ACCOUNTING/KING/5000']]]]],
    ['SALES', []],
  ]);
  await c.close();
});

test('binds of the query and of the subquery', async () => {
  const c = await connect();
  const r = await c.execute(`SELECT d.deptno, CURSOR(SELECT e.ename FROM emp e WHERE e.deptno = d.deptno
      AND e.sal >= :minsal ORDER BY e.ename) emps FROM dept d WHERE d.deptno <= :maxdept ORDER BY 1`,
  { minsal: 2500, maxdept: 20 });
  assert.deepEqual(r.rows, [[10, [['KING']]], [20, [['FORD']]]]);
  const again = await c.execute(`SELECT d.deptno, CURSOR(SELECT e.ename FROM emp e WHERE e.deptno = d.deptno
      AND e.sal >= :minsal ORDER BY e.ename) emps FROM dept d WHERE d.deptno <= :maxdept ORDER BY 1`,
  { minsal: 0, maxdept: 10 });
  assert.deepEqual(again.rows, [[10, [['CLARK'], ['KING']]]]);
  await c.close();
});

test('resultSet: true gives ResultSets, which read after the parent moved on', async () => {
  const c = await connect();
  const r = await c.execute(DEPT_EMPS, [], { resultSet: true });
  const rows = await r.resultSet.getRows(10); // every parent row first
  assert.equal(rows.length, 3);
  assert.ok(rows.every((row) => row[1] instanceof oracledb.ResultSet));
  const got = [];
  for (const row of rows.reverse()) { // the last row's cursor first
    got.push([row[0], await row[1].getRows()]);
    await row[1].close();
  }
  assert.deepEqual(got, [['SALES', []], ['RESEARCH', [['FORD'], ['SMITH']]], ['ACCOUNTING', [['CLARK'], ['KING']]]]);
  await r.resultSet.close();
  // one row at a time, a nested cursor read in steps
  const r2 = await c.execute(DEPT_EMPS, [], { resultSet: true, fetchArraySize: 1 });
  const first = await r2.resultSet.getRow();
  assert.deepEqual(await first[1].getRow(), ['CLARK']);
  assert.deepEqual(await first[1].getRow(), ['KING']);
  assert.equal(await first[1].getRow(), undefined);
  await first[1].close();
  await r2.resultSet.close();
  await c.close();
});

test('PL/SQL: a REF CURSOR over a query with a cursor expression, and FETCH into a cursor variable', async () => {
  const c = await connect();
  const r = await c.execute(`begin open :rc for ${DEPT_EMPS}; end;`, { rc: { dir: oracledb.BIND_OUT, type: oracledb.CURSOR } });
  const rows = await r.outBinds.rc.getRows();
  const got = [];
  for (const row of rows) { got.push([row[0], await row[1].getRows()]); await row[1].close(); }
  await r.outBinds.rc.close();
  assert.deepEqual(got, [['ACCOUNTING', [['CLARK'], ['KING']]], ['RESEARCH', [['FORD'], ['SMITH']]], ['SALES', []]]);
  const p = await c.execute(`declare
      rc sys_refcursor; v_emps sys_refcursor; v_dname varchar2(20); v_ename varchar2(20); s varchar2(200);
    begin
      open rc for ${DEPT_EMPS};
      loop
        fetch rc into v_dname, v_emps;
        exit when rc%notfound;
        s := s || v_dname || ':';
        loop fetch v_emps into v_ename; exit when v_emps%notfound; s := s || v_ename || ','; end loop;
        close v_emps;
      end loop;
      close rc;
      select cursor(select e.ename from emp e where e.deptno = d.deptno and e.sal < 1000) into v_emps
        from dept d where d.deptno = 20;
      fetch v_emps into v_ename;
      :s := s || ' ' || v_ename;
    end;`, { s: { dir: oracledb.BIND_OUT, type: oracledb.STRING, maxSize: 200 } });
  assert.equal(p.outBinds.s, 'ACCOUNTING:CLARK,KING,RESEARCH:FORD,SMITH,SALES: SMITH');
  // 40 rows' cursors left open by the block (closed at its end): the cursor table grows under it
  const q = await c.execute(`declare rc sys_refcursor; v_c sys_refcursor; v_n number; s number := 0; v_x number;
    begin
      open rc for select m.n, cursor(select m.n * 2 from dual) from many m where m.n <= 40 order by 1;
      loop fetch rc into v_n, v_c; exit when rc%notfound; fetch v_c into v_x; s := s + v_x; end loop;
      :s := s;
    end;`, { s: { dir: oracledb.BIND_OUT, type: oracledb.NUMBER } });
  assert.equal(q.outBinds.s, 1640);
  await c.close();
});

test('nested cursors count against the open cursors and close when their parent runs again', async () => {
  const c = await connect();
  const sql = 'select m.n, cursor(select m.n * 2 from dual) twice from many m where m.n <= :k order by m.n';
  // 320 rows' cursors left open: past the limit of 300 open cursors
  const big = await c.execute(sql, { k: 320 }, { resultSet: true });
  await assert.rejects(big.resultSet.getRows(320), /ORA-01000: maximum open cursors exceeded/);
  await big.resultSet.close();
  // the parent's next run closes the cursors of its earlier rows: 250 at a time, twice
  for (let i = 0; i < 2; i++) {
    const r = await c.execute(sql, { k: 250 }, { resultSet: true });
    const rows = await r.resultSet.getRows(250);
    assert.equal(rows.length, 250);
    assert.deepEqual(await rows[249][1].getRows(), [[500]]);
    await rows[249][1].close();
    await r.resultSet.close();
  }
  // read as nested arrays, each is read and closed: no limit
  const all = await c.execute(sql, { k: 320 });
  assert.equal(all.rows.length, 320);
  assert.deepEqual(all.rows[319], [320, [[640]]]);
  await c.close();
});

test('errors: where a cursor expression may not stand, and an outer column named without its qualifier', async () => {
  const c = await connect();
  await assert.rejects(c.execute('select 1 from dept d where cursor(select 1 from dual) is not null'),
    /ORA-22902: CURSOR expression not allowed/);
  await assert.rejects(c.execute('select (select cursor(select 1 from dual) from dual) from dept'),
    /ORA-22902: CURSOR expression not allowed/);
  await assert.rejects(c.execute('insert into many select cursor(select 1 from dual) from dual'),
    /ORA-22902: CURSOR expression not allowed/);
  await assert.rejects(c.execute('select cursor(select 1 from dual) c from dual union select null from dual'),
    /ORA-22902: CURSOR expression not allowed/);
  // correlation needs the qualifier: DNAME alone is the subquery's, and EMP has none
  await assert.rejects(c.execute('select d.deptno, cursor(select e.ename from emp e where dname = e.ename) from dept d'),
    /ORA-00904: "DNAME": invalid identifier/);
  // the subquery's errors point into the statement
  await assert.rejects(c.execute('select cursor(select x from nosuch) from dept d'),
    (e) => /ORA-00942/.test(e.message) && e.offset === 28);
  await assert.rejects(c.execute('select cursor(select 1 from dual) c from dept for update'), /ORA-03001/);
  // the session goes on
  const r = await c.execute(DEPT_EMPS);
  assert.equal(r.rows.length, 3);
  await c.close();
});
