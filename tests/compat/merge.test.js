// merge.test.js - MERGE and the multitable INSERT (ALL / FIRST) through
// node-oracledb (Thin): matched and unmatched rows, row counts, binds,
// DELETE WHERE, ORA-38104 and ORA-30926 (the table left as it was), a MERGE
// waiting for a row another session holds, PL/SQL's SQL%ROWCOUNT.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const oracledb = require('oracledb');
const { startInstanceWithUser } = require('./instance');

let inst, connect;
const rows = async (c, sql, binds = []) => (await c.execute(sql, binds)).rows;
const fails = (p, code, text) =>
  assert.rejects(p, e => (e.errorNum === code && (!text || text.test(e.message))) || assert.fail(e.message));

before(async () => {
  ({ inst, connect } = await startInstanceWithUser('mrg', 'mrg'));
  const sys = await oracledb.getConnection({ user: 'system', password: inst.password, connectString: inst.connectString });
  await sys.execute('grant create view to mrg');
  await sys.close();
});
after(async () => { if (inst) await inst.stop(); });

// a fresh target (1 a, 2 b, 3 c) and source (2 B, 3 C, 4 D)
async function tables(c, suffix) {
  await c.execute(`create table tgt_${suffix} (id number primary key, v varchar2(10), n number)`);
  await c.execute(`create table src_${suffix} (id number, v varchar2(10))`);
  await c.execute(`insert all into tgt_${suffix} values (1, 'a', 0) into tgt_${suffix} values (2, 'b', 0)
                   into tgt_${suffix} values (3, 'c', 0) select * from dual`);
  await c.executeMany(`insert into src_${suffix} values (:1, :2)`, [[2, 'B'], [3, 'C'], [4, 'D']]);
  await c.commit();
}

test('MERGE updates matched rows and inserts the others; the row count is both', async () => {
  const c = await connect();
  await tables(c, 'm');
  await c.execute('create view src_m_v as select id, lower(v) v from src_m');
  const r = await c.execute(`merge into tgt_m t using src_m s on (t.id = s.id)
    when matched then update set t.v = s.v, t.n = t.n + 1
    when not matched then insert (id, v, n) values (s.id, s.v, 10)`);
  assert.equal(r.rowsAffected, 3);
  assert.deepEqual(await rows(c, 'select id, v, n from tgt_m order by id'),
    [[1, 'a', 0], [2, 'B', 1], [3, 'C', 1], [4, 'D', 10]]);
  // the clauses the other way round, with their WHERE conditions; a view as the source
  const r2 = await c.execute(`merge into tgt_m t using src_m_v s on (t.id = s.id)
    when not matched then insert values (s.id + 10, s.v, 20) where s.id > 100
    when matched then update set v = s.v where s.id <> 3`);
  assert.equal(r2.rowsAffected, 2);
  assert.deepEqual(await rows(c, 'select id, v from tgt_m order by id'), [[1, 'a'], [2, 'b'], [3, 'C'], [4, 'd']]);
  // only WHEN NOT MATCHED: a second run inserts nothing
  const ins = `merge into tgt_m t using (select 5 id from dual) s on (t.id = s.id)
    when not matched then insert (id, v) values (s.id, 'e')`;
  assert.equal((await c.execute(ins)).rowsAffected, 1);
  assert.equal((await c.execute(ins)).rowsAffected, 0);
  await c.rollback();
  assert.deepEqual(await rows(c, 'select id, v, n from tgt_m order by id'), [[1, 'a', 0], [2, 'b', 0], [3, 'c', 0]]);
  await c.close();
});

test('MERGE with binds: the upsert drivers send', async () => {
  const c = await connect();
  await tables(c, 'b');
  const upsert = `merge into tgt_b t using (select :id id, :v v from dual) s on (t.id = s.id)
    when matched then update set t.v = s.v
    when not matched then insert (id, v, n) values (s.id, s.v, :n)`;
  assert.equal((await c.execute(upsert, { id: 2, v: 'two', n: 7 })).rowsAffected, 1);
  assert.equal((await c.execute(upsert, { id: 9, v: 'nine', n: 7 })).rowsAffected, 1);
  const many = await c.executeMany(
    'merge into tgt_b t using (select :1 id, :2 v from dual) s on (t.id = s.id) when matched then update set v = s.v ' +
    'when not matched then insert (id, v) values (s.id, s.v)', [[1, 'one'], [10, 'ten']]);
  assert.equal(many.rowsAffected, 2);
  assert.deepEqual(await rows(c, 'select id, v, n from tgt_b order by id'),
    [[1, 'one', 0], [2, 'two', 0], [3, 'c', 0], [9, 'nine', 7], [10, 'ten', null]]);
  await c.close();
});

test('DELETE WHERE removes updated rows judged on their new values, never inserted ones', async () => {
  const c = await connect();
  await tables(c, 'd');
  const r = await c.execute(`merge into tgt_d t using src_d s on (t.id = s.id)
    when matched then update set t.v = s.v where s.id < 4 delete where t.v = 'C' or t.id = 4
    when not matched then insert (id, v) values (s.id, s.v)`);
  assert.equal(r.rowsAffected, 3); // 2 and 3 updated (3 then deleted), 4 inserted
  assert.deepEqual(await rows(c, 'select id, v from tgt_d order by id'), [[1, 'a'], [2, 'B'], [4, 'D']]);
  await c.close();
});

test('ORA-38104 for an ON column in SET; ORA-30926 for a row matched twice, nothing changed', async () => {
  const c = await connect();
  await tables(c, 'e');
  await fails(c.execute('merge into tgt_e t using src_e s on (t.id = s.id) when matched then update set t.id = s.id'),
    38104, /^ORA-38104: Columns referenced in the ON Clause cannot be updated: "T"."ID"/);
  await c.execute("insert into src_e values (5, 'E')");
  await c.execute("insert into src_e values (3, 'X')"); // row 3 now matches twice
  await fails(c.execute(`merge into tgt_e t using src_e s on (t.id = s.id)
    when matched then update set t.v = s.v when not matched then insert (id, v) values (s.id, s.v)`),
    30926, /^ORA-30926: unable to get a stable set of rows in the source tables/);
  assert.deepEqual(await rows(c, 'select id, v from tgt_e order by id'), [[1, 'a'], [2, 'b'], [3, 'c']]);
  // a MERGE with no WHEN MATCHED needs no stable set
  assert.equal((await c.execute(`merge into tgt_e t using src_e s on (t.id = s.id)
    when not matched then insert (id, v) values (s.id, s.v)`)).rowsAffected, 2);
  await fails(c.execute('merge into tgt_e t using src_e s on (t.id = s.id)'), 905);
  // SQLite's error in a later statement points into the MERGE's own text
  const bad = 'merge into tgt_e t using src_e s on (t.id = s.id) when matched then update set t.v = s.v ' +
    'when not matched then insert (id, v) values (s.id, s.nosuch)';
  await assert.rejects(c.execute(bad), e => e.errorNum === 904 && e.offset === bad.indexOf('s.nosuch'));
  await c.rollback();
  await c.close();
});

test('a MERGE waits for the target row another session holds, and goes on once it commits', async () => {
  const a = await connect(), b = await connect();
  await tables(a, 'w');
  await a.execute("update tgt_w set v = 'held' where id = 2");
  let done = false;
  const merging = b.execute(`merge into tgt_w t using src_w s on (t.id = s.id)
    when matched then update set t.v = t.v || '+' || s.v
    when not matched then insert (id, v) values (s.id, s.v)`).then(r => { done = true; return r; });
  await new Promise(res => setTimeout(res, 300));
  assert.equal(done, false, 'the MERGE waits for row 2');
  // a row the waiting MERGE has not committed is not there for A
  assert.deepEqual(await rows(a, 'select count(*) from tgt_w where id = 4'), [[0]]);
  await a.commit();
  const r = await merging;
  assert.equal(r.rowsAffected, 3);
  await b.commit();
  assert.deepEqual(await rows(a, 'select id, v from tgt_w order by id'),
    [[1, 'a'], [2, 'held+B'], [3, 'c+C'], [4, 'D']]);
  await a.close(); await b.close();
});

test('INSERT ALL and INSERT FIRST with WHEN / ELSE; row count = rows inserted', async () => {
  const c = await connect();
  await c.execute('create table small (id number, v varchar2(10))');
  await c.execute('create table big (id number, v varchar2(10))');
  await c.execute('create table other (id number)');
  await c.execute('create table nums (id number, v varchar2(10))');
  await c.executeMany('insert into nums values (:1, :2)', [[1, 'one'], [5, 'five'], [50, 'fifty'], [null, 'none']]);
  await c.commit();
  let r = await c.execute(`insert all
      when id < 10 then into small values (id, v)
      when id < 100 then into big (id, v) values (id, upper(v))
      else into other values (id)
    select id, v from nums`);
  assert.equal(r.rowsAffected, 6); // 1 and 5 twice, 50 once, NULL to ELSE
  assert.deepEqual(await rows(c, 'select id, v from small order by id'), [[1, 'one'], [5, 'five']]);
  assert.deepEqual(await rows(c, 'select id, v from big order by id'), [[1, 'ONE'], [5, 'FIVE'], [50, 'FIFTY']]);
  assert.deepEqual(await rows(c, 'select id from other'), [[null]]);
  await c.rollback();
  r = await c.execute(`insert first
      when id < 10 then into small values (id, v)
      when id < 100 then into big values (id, v)
      else into other values (id)
    select id, v from nums where id > :lo or id is null`, { lo: 0 });
  assert.equal(r.rowsAffected, 4);
  assert.deepEqual(await rows(c, 'select id from small order by id'), [[1], [5]]);
  assert.deepEqual(await rows(c, 'select id from big order by id'), [[50]]);
  assert.deepEqual(await rows(c, 'select id from other'), [[null]]);
  await c.rollback();
  r = await c.execute("insert all into small values (1, 'a') into small (v, id) values ('b', 2) into big values (:1, :2) select * from dual", [3, 'c']);
  assert.equal(r.rowsAffected, 3);
  assert.deepEqual(await rows(c, 'select id, v from small order by id'), [[1, 'a'], [2, 'b']]);
  assert.deepEqual(await rows(c, 'select id, v from big'), [[3, 'c']]);
  // a failing INTO undoes the others
  await c.execute('create table strict (id number not null)');
  await fails(c.execute('insert all into small values (9, null) into strict values (null) select * from dual'), 1400);
  assert.deepEqual(await rows(c, 'select count(*) from small where id = 9'), [[0]]);
  await fails(c.execute('insert first into small values (1, null) select * from dual'), 905);
  await c.rollback();
  await c.close();
});

test('MERGE and INSERT ALL in PL/SQL set SQL%ROWCOUNT', async () => {
  const c = await connect();
  await tables(c, 'p');
  const r = await c.execute(`begin
      merge into tgt_p t using src_p s on (t.id = s.id)
        when matched then update set t.v = s.v
        when not matched then insert (id, v) values (s.id, s.v);
      :merged := sql%rowcount;
      insert all into src_p values (7, 'x') into src_p values (:k, 'y') select * from dual;
      :inserted := sql%rowcount;
    end;`, { merged: { dir: oracledb.BIND_OUT, type: oracledb.NUMBER },
             inserted: { dir: oracledb.BIND_OUT, type: oracledb.NUMBER }, k: 8 });
  assert.deepEqual(r.outBinds, { merged: 3, inserted: 2 });
  assert.deepEqual(await rows(c, 'select id, v from tgt_p order by id'), [[1, 'a'], [2, 'B'], [3, 'C'], [4, 'D']]);
  assert.deepEqual(await rows(c, 'select id from src_p where id > 4 order by id'), [[7], [8]]);
  await c.rollback();
  await c.close();
});

test('DELETE naming its alias in WHERE (the overlay is a view), with RETURNING', async () => {
  const c = await connect();
  await tables(c, 'x');
  assert.equal((await c.execute('delete from tgt_x where tgt_x.id = 1')).rowsAffected, 1);
  const r = await c.execute(`delete from tgt_x t where t.id > :lo and exists (select 1 from src_x s where s.id = t.id)
    returning t.v into :v`, { lo: 2, v: { dir: oracledb.BIND_OUT, type: oracledb.STRING, maxSize: 10 } });
  assert.equal(r.rowsAffected, 1);
  assert.deepEqual(r.outBinds.v, ['c']);
  assert.deepEqual(await rows(c, 'select id from tgt_x'), [[2]]);
  await c.rollback();
  await c.close();
});

test('the ROWID of the last row changed: sent for a MERGE, not for a multitable INSERT', async () => {
  const c = await connect();
  await c.execute('create table rid_t (id number, v varchar2(10))');
  const r = await c.execute(`merge into rid_t t using (select :id id, :v v from dual) s on (t.id = s.id)
    when not matched then insert (id, v) values (s.id, s.v)`, { id: 1, v: 'one' });
  assert.ok(r.lastRowid);
  assert.deepEqual(await rows(c, 'select id, v from rid_t where rowid = :r', [r.lastRowid]), [[1, 'one']]);
  const all = await c.execute('insert all into rid_t values (2, :a) into rid_t values (3, :b) select * from dual',
    ['two', 'three']);
  assert.equal(all.rowsAffected, 2);
  assert.equal(all.lastRowid, undefined);
  await c.rollback();
  await c.close();
});
