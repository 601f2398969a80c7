// locks.test.js - row-level locking through node-oracledb (Thin), as
// applications use it: a job queue drained with FOR UPDATE SKIP LOCKED by
// several connections (each job once), FOR UPDATE NOWAIT refused with
// ORA-00054, and a deadlock answered ORA-00060 to one of two connections; a
// transaction sees its own changes through views, other sessions do not.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const oracledb = require('oracledb');
const { startInstanceWithUser } = require('./instance');

let inst, connect;

before(async () => {
  ({ inst, connect } = await startInstanceWithUser('jobs', 'jobs', ['create view']));
  const c = await connect();
  await c.execute('create table queue (id number primary key, state varchar2(10), worker number)');
  await c.executeMany('insert into queue values (:1, :2, null)', Array.from({ length: 30 }, (_, i) => [i + 1, 'NEW']));
  await c.execute('create table pair (id number primary key, v number)');
  await c.execute('insert into pair values (1, 0)');
  await c.execute('insert into pair values (2, 0)');
  await c.commit();
  await c.close();
});

after(async () => { if (inst) await inst.stop(); });

test('workers drain a queue with FOR UPDATE SKIP LOCKED, each job once', async () => {
  const worker = async (w) => {
    const c = await connect();
    const done = [];
    for (let guard = 0; guard < 60; guard++) {
      const r = await c.execute("select id from queue where state = 'NEW' and rownum = 1 for update skip locked");
      if (r.rows.length === 0) break;
      const id = r.rows[0][0];
      await c.execute("update queue set state = 'DONE', worker = :w where id = :id", { w, id });
      await new Promise(res => setTimeout(res, 2));
      await c.commit();
      done.push(id);
    }
    await c.close();
    return done;
  };
  const results = await Promise.all([1, 2, 3, 4].map(worker));
  const all = results.flat().sort((a, b) => a - b);
  assert.deepEqual(all, Array.from({ length: 30 }, (_, i) => i + 1));
  const c = await connect();
  assert.equal((await c.execute("select count(*) from queue where state = 'DONE'")).rows[0][0], 30);
  await c.close();
});

test('FOR UPDATE NOWAIT of a locked row is ORA-00054', async () => {
  const a = await connect(), b = await connect();
  await a.execute('select id from pair where id = 1 for update');
  await assert.rejects(b.execute('select id from pair where id = 1 for update nowait'),
    err => err.errorNum === 54 && /^ORA-00054: resource busy and acquire with NOWAIT specified/.test(err.message));
  assert.deepEqual((await b.execute('select id from pair where id = 2 for update nowait')).rows, [[2]]);
  await a.rollback(); await b.rollback();
  await a.close(); await b.close();
});

test('a deadlock is ORA-00060 for one connection; the other goes on', async () => {
  const a = await connect(), b = await connect();
  await a.execute('update pair set v = v + 1 where id = 1');
  await b.execute('update pair set v = v + 1 where id = 2');
  const waiting = a.execute('update pair set v = v + 1 where id = 2');
  await new Promise(res => setTimeout(res, 200));
  const t0 = Date.now();
  await assert.rejects(b.execute('update pair set v = v + 1 where id = 1'),
    err => err.errorNum === 60 && /^ORA-00060: deadlock detected while waiting for resource/.test(err.message));
  assert.ok(Date.now() - t0 < 1000);
  await b.rollback();
  await waiting; // a got row 2 once b's transaction ended
  await a.commit();
  assert.deepEqual((await a.execute('select v from pair order by id')).rows, [[1], [1]]);
  await a.close(); await b.close();
});

test('DDL on a table another transaction holds: ORA-00054 at once, or after DDL_LOCK_TIMEOUT', async () => {
  const a = await connect(), b = await connect();
  await a.execute('create table ddl_t (n number)');
  await a.execute('insert into ddl_t values (1)'); // A's open transaction holds the table
  await assert.rejects(b.execute('alter table ddl_t add (m number)'), /ORA-00054/);
  await assert.rejects(b.execute("alter session set ddl_lock_timeout = 'x'"), /ORA-02017/);
  await assert.rejects(b.execute('alter session set ddl_lock_timeout = 1000001'),
    /ORA-00068: invalid value 1000001 for parameter ddl_lock_timeout, must be between 0 and 1000000/);
  await b.execute('alter session set ddl_lock_timeout = 1');
  let t0 = Date.now();
  await assert.rejects(b.execute('alter table ddl_t add (m number)'), /ORA-00054/);
  const waited = Date.now() - t0;
  assert.ok(waited >= 900 && waited < 5000, `waited ${waited} ms`);
  await b.execute('alter session set ddl_lock_timeout = 10');
  setTimeout(() => a.commit(), 300);
  t0 = Date.now();
  await b.execute('alter table ddl_t add (m number)'); // goes once A commits
  assert.ok(Date.now() - t0 < 5000);
  assert.deepEqual((await b.execute('select n, m from ddl_t')).rows, [[1, null]]);
  await a.close(); await b.close();
});

test("a transaction's own changes in set operators and subqueries: SELECT * has the table's columns only", async () => {
  const c = await connect(), other = await connect();
  await c.execute("create table dup (a number, b varchar2(10))");
  await c.executeMany('insert into dup values (:1, :2)', [[1, 'x'], [1, 'x']]);
  await c.commit();
  await c.execute("update dup set b = 'y'"); // uncommitted: c reads through its overlay
  const rows = async (conn, sql) => (await conn.execute(sql)).rows;
  for (const conn of [c, other]) { // the same answers with and without the changes pending
    const b = conn === c ? 'y' : 'x';
    assert.deepEqual(await rows(conn, 'select * from dup union select * from dup'), [[1, b]]);
    assert.deepEqual(await rows(conn, 'select d.* from dup d intersect select * from dup'), [[1, b]]);
    assert.deepEqual(await rows(conn, `select * from dup minus select 1, '${b}' from dual`), []);
    assert.deepEqual(await rows(conn,
      `select count(*) from dual where (1, '${b}') in (select * from dup)`), [[1]]);
    assert.deepEqual(await rows(conn, 'select count(*) from (select * from dup union all select * from dup)'),
      [[4]]);
    assert.deepEqual(await rows(conn, 'select * from dup join dup d2 using (a) where rownum = 1'),
      [[1, b, b]]);
  }
  await c.rollback();
  await c.execute('drop table dup');
  await c.close();
  await other.close();
});

test("a transaction sees its own changes through views (and views of views); others see what is committed", async () => {
  const c = await connect(), other = await connect();
  await c.execute('create table acct (id number primary key, owner varchar2(10), bal number)');
  await c.executeMany('insert into acct values (:1, :2, :3)', [[1, 'ann', 100], [2, 'bob', 50]]);
  await c.execute('create view acct_all as select * from acct');
  await c.execute('create view rich (who, amount) as select owner, bal from acct where bal >= 100');
  await c.execute('create view rich_count as select count(*) n from rich');
  await c.commit();
  const rows = async (conn, sql) => (await conn.execute(sql)).rows;
  await c.execute('update acct set bal = 500 where id = 2');
  await c.execute("insert into acct values (3, 'cy', 900)");
  await c.execute('delete from acct where id = 1');
  assert.deepEqual(await rows(c, 'select * from acct_all order by id'), [[2, 'bob', 500], [3, 'cy', 900]]);
  assert.deepEqual(await rows(c, 'select who, amount from rich order by who'), [['bob', 500], ['cy', 900]]);
  assert.deepEqual(await rows(c, 'select n from rich_count'), [[2]]);
  assert.deepEqual(await rows(c, 'select a.owner from acct_all a join rich r on r.who = a.owner order by 1'),
    [['bob'], ['cy']]);
  // the other session sees the committed rows, and does not wait
  assert.deepEqual(await rows(other, 'select who from rich'), [['ann']]);
  assert.deepEqual(await rows(other, 'select count(*) from acct_all'), [[2]]);
  // another session replaces a view: the transaction's next statement reads the new one
  await other.execute('create or replace view rich (who, amount) as select owner, bal from acct where bal >= 600');
  assert.deepEqual(await rows(c, 'select who from rich'), [['cy']]);
  assert.deepEqual(await rows(c, 'select n from rich_count'), [[1]]);
  // after a savepoint rollback and at rollback, the views follow the changes
  await c.execute('savepoint s1');
  await c.execute('update acct set bal = 0 where id = 3');
  assert.deepEqual(await rows(c, 'select n from rich_count'), [[0]]);
  await c.execute('rollback to s1');
  assert.deepEqual(await rows(c, 'select n from rich_count'), [[1]]);
  await c.commit();
  assert.deepEqual(await rows(other, 'select who from rich order by 1'), [['cy']]);
  assert.deepEqual(await rows(other, 'select * from acct_all order by id'), [[2, 'bob', 500], [3, 'cy', 900]]);
  // the session's own view DDL reaches main's views, not its copies
  await c.execute('update acct set bal = 1 where id = 3');
  await c.execute('drop view rich_count'); // commits the update, as DDL does
  await assert.rejects(other.execute('select n from rich_count'), /ORA-00942/);
  assert.deepEqual(await rows(other, 'select bal from acct_all where id = 3'), [[1]]);
  await c.execute('drop view rich');
  await c.execute('drop view acct_all');
  await c.execute('drop table acct');
  await c.close();
  await other.close();
});
