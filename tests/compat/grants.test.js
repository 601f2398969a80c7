// grants.test.js - object privileges through node-oracledb (Thin): GRANT and
// REVOKE ... ON object between users, what each privilege lets the grantee
// do (queries, DML, locking, views, sequences, procedures), revokes seen at
// the next statement, WITH GRANT OPTION chains and their cascade, PUBLIC and
// roles, GRANT ANY OBJECT PRIVILEGE, Oracle's errors, the dictionary views,
// and grants ending with their object or user.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const oracledb = require('oracledb');
const { startInstance } = require('./instance');

let inst, sys;
const rows = async (c, sql, binds = []) => (await c.execute(sql, binds)).rows;
const one = async (c, sql, binds = []) => (await rows(c, sql, binds))[0][0];
const fails = (p, code) => assert.rejects(p, e => e.errorNum === code || assert.fail(e.message));
const logon = user => oracledb.getConnection({ user, password: user, connectString: inst.connectString });

// Users made for one test (connect, resource), each logged on.
async function users(...names) {
  const conns = [];
  for (const u of names) {
    await sys.execute(`create user ${u} identified by ${u}`);
    await sys.execute(`grant connect, resource to ${u}`);
    conns.push(await logon(u));
  }
  return conns;
}
const closeAll = async (...conns) => { for (const c of conns) await c.close(); };

before(async () => {
  inst = await startInstance();
  sys = await oracledb.getConnection({ user: 'system', password: inst.password, connectString: inst.connectString });
});
after(async () => { if (sys) await sys.close(); if (inst) await inst.stop(); });

test('SELECT: the owner grants, the grantee reads; a revoke counts at its next statement', async () => {
  const [own, usr] = await users('own1', 'usr1');
  await own.execute('create table t (x number)');
  await own.execute('insert into t values (1)');
  await own.commit();
  const q = 'select count(*) from own1.t';
  await fails(usr.execute(q), 942);
  await own.execute('grant select on t to usr1');
  assert.equal(await one(usr, q), 1);
  assert.equal(await one(usr, q), 1); // the driver's cached statement, executed again
  await own.execute('revoke select on t from usr1');
  await fails(usr.execute(q), 942);
  await own.execute('grant select on own1.t to usr1');
  assert.equal(await one(usr, q), 1);
  await closeAll(own, usr);
});

test('INSERT, UPDATE, DELETE: each its own privilege; ORA-01031 once the table is visible', async () => {
  const [own, usr] = await users('own2', 'usr2');
  await own.execute('create table t (x number, y varchar2(5))');
  await own.execute("insert into t values (1, 'a')");
  await own.commit();
  await fails(usr.execute("insert into own2.t values (2, 'b')"), 942);
  await own.execute('grant insert on t to usr2');
  assert.equal((await usr.execute("insert into own2.t values (2, 'b')")).rowsAffected, 1);
  await usr.commit();
  await fails(usr.execute('select * from own2.t'), 1031);
  await fails(usr.execute('delete from own2.t'), 1031);
  await own.execute('grant select, update, delete on t to usr2');
  assert.equal((await usr.execute("update own2.t set y = 'c' where x = 2")).rowsAffected, 1);
  assert.equal((await usr.execute('delete from own2.t where x = 1')).rowsAffected, 1);
  await usr.commit();
  assert.deepEqual(await rows(own, 'select x, y from t'), [[2, 'c']]);
  await own.execute('revoke delete on t from usr2');
  await fails(usr.execute('delete from own2.t where x = 2'), 1031);
  await fails(usr.execute('truncate table own2.t'), 1031); // no object privilege allows it
  await closeAll(own, usr);
});

test('Locking: SELECT allows FOR UPDATE and LOCK TABLE, READ only queries', async () => {
  const [own, usr] = await users('own3', 'usr3');
  await own.execute('create table t (x number)');
  await own.execute('insert into t values (1)');
  await own.commit();
  await own.execute('grant read on t to usr3');
  assert.equal(await one(usr, 'select x from own3.t'), 1);
  await fails(usr.execute('select x from own3.t for update'), 1031);
  await fails(usr.execute('lock table own3.t in exclusive mode'), 1031);
  await own.execute('grant select on t to usr3');
  assert.deepEqual(await rows(usr, 'select x from own3.t for update'), [[1]]);
  await usr.rollback();
  await usr.execute('lock table own3.t in share mode');
  await usr.rollback();
  await closeAll(own, usr);
});

test('ALTER and INDEX: ALTER TABLE and an index of one\'s own on another schema\'s table', async () => {
  const [own, usr] = await users('own12', 'usr12');
  await own.execute('create table t (x number)');
  await own.execute('grant select on t to usr12');
  await fails(usr.execute('alter table own12.t add (y number)'), 1031);
  await fails(usr.execute('create index ix on own12.t (x)'), 1031);
  await own.execute('grant alter, index on t to usr12');
  await usr.execute('alter table own12.t add (y number)');
  await usr.execute('create index ix on own12.t (x)');
  assert.deepEqual(await rows(usr, 'select object_name, object_type from user_objects'), [['IX', 'INDEX']]);
  assert.deepEqual(await rows(usr, 'select x, y from own12.t'), []);
  await closeAll(own, usr);
});

test('Views: SELECT on the view is enough, without any on its table', async () => {
  const [own, usr] = await users('own4', 'usr4');
  await sys.execute('grant create view to own4');
  await own.execute('create table t (x number, secret varchar2(9))');
  await own.execute("insert into t values (7, 'hidden')");
  await own.commit();
  await own.execute('create view v as select x from t');
  await fails(usr.execute('select count(*) from own4.v'), 942);
  await own.execute('grant select on v to usr4');
  assert.equal(await one(usr, 'select count(*) from own4.v'), 1);
  assert.equal(await one(usr, 'select x from own4.v'), 7);
  await fails(usr.execute('select secret from own4.t'), 942);
  await fails(usr.execute('select v.x, t.secret from own4.v v, own4.t t'), 942);
  // a view over a view of the same owner; the second view named by nobody
  await own.execute('create view w as select count(*) n from v');
  await own.execute('grant select on w to usr4');
  assert.equal(await one(usr, 'select n from own4.w'), 1);
  // a view of one's own over another's view reads it with one's own privileges
  await sys.execute('grant create view to usr4');
  await usr.execute('create view mine as select count(*) n from own4.v');
  assert.equal(await one(usr, 'select n from mine'), 1);
  await own.execute('revoke select on v from usr4');
  await fails(usr.execute('select n from mine'), 942);
  await fails(usr.execute('select count(*) from own4.v'), 942);
  assert.equal(await one(usr, 'select n from own4.w'), 1);
  // a view over another schema's table passes it on only with the grant option (ORA-01720)
  await own.execute('create table base (x number)');
  await usr.execute('create view over_base as select x from own4.base');
  const [third] = await users('third4');
  await own.execute('grant select on base to usr4');
  await assert.rejects(usr.execute('grant select on over_base to third4'), /ORA-01720: grant option does not exist for 'OWN4.BASE'/);
  await own.execute('grant select on base to usr4 with grant option');
  await usr.execute('grant select on over_base to third4');
  await closeAll(own, usr, third);
});

test('WITH GRANT OPTION: the grantee grants on; revoking cascades down the chain', async () => {
  const [own, mid, last] = await users('own5', 'mid5', 'last5');
  await own.execute('create table t (x number)');
  await own.execute('grant select on t to mid5');
  await fails(mid.execute('grant select on own5.t to last5'), 1031);
  await own.execute('grant select on t to mid5 with grant option');
  await mid.execute('grant select on own5.t to last5 with grant option');
  assert.equal(await one(last, 'select count(*) from own5.t'), 0);
  assert.deepEqual(await rows(sys, "select grantee, grantor, grantable from dba_tab_privs where owner = 'OWN5' order by 1"),
    [['LAST5', 'MID5', 'YES'], ['MID5', 'OWN5', 'YES']]);
  // only the grantor revokes its grant
  await fails(own.execute('revoke select on t from last5'), 1927);
  await own.execute('revoke select on t from mid5');
  await fails(mid.execute('select count(*) from own5.t'), 942);
  await fails(last.execute('select count(*) from own5.t'), 942);
  assert.equal(await one(sys, "select count(*) from dba_tab_privs where owner = 'OWN5'"), 0);
  await closeAll(own, mid, last);
});

test('PUBLIC and roles: a grant counts for every user / for sessions that enabled the role', async () => {
  const [own, a] = await users('own6', 'a6');
  await own.execute('create table t (x number)');
  await own.execute('grant select on t to public');
  assert.equal(await one(a, 'select count(*) from own6.t'), 0);
  await own.execute('revoke select on t from public');
  await fails(a.execute('select count(*) from own6.t'), 942);
  await own.execute('grant select on t to resource');
  assert.equal(await one(a, 'select count(*) from own6.t'), 0);
  await fails(own.execute('grant select on t to connect with grant option'), 1926);
  assert.deepEqual(await rows(a, "select grantee, table_schema, table_name, privilege from all_tab_privs where table_schema = 'OWN6'"),
    [['RESOURCE', 'OWN6', 'T', 'SELECT']]);
  await closeAll(own, a);
});

test('Sequences: NEXTVAL needs SELECT (ORA-02289 without), ALTER SEQUENCE needs ALTER', async () => {
  const [own, usr] = await users('own7', 'usr7');
  await own.execute('create sequence s');
  await fails(usr.execute('select own7.s.nextval from dual'), 2289);
  await own.execute('grant select on s to usr7');
  assert.equal(await one(usr, 'select own7.s.nextval from dual'), 1);
  assert.equal(await one(usr, 'select own7.s.currval from dual'), 1);
  await fails(usr.execute('alter sequence own7.s increment by 5'), 1031);
  await own.execute('grant alter on s to usr7');
  await usr.execute('alter sequence own7.s increment by 5');
  assert.equal(await one(usr, 'select own7.s.nextval from dual'), 6);
  await fails(own.execute('grant insert on s to usr7'), 2205);
  await own.execute('revoke select on s from usr7');
  await fails(usr.execute('select own7.s.nextval from dual'), 2289);
  await closeAll(own, usr);
});

test('Procedures and functions: EXECUTE lets another user call them', async () => {
  const [own, usr] = await users('own8', 'usr8');
  await own.execute("create or replace function twice(n number) return number as begin return n * 2; end;");
  await own.execute("create or replace procedure hello(s out varchar2) as begin s := 'hi'; end;");
  const call = 'begin :r := own8.twice(21); end;';
  const out = { r: { dir: oracledb.BIND_OUT, type: oracledb.NUMBER } };
  await assert.rejects(usr.execute(call, out), /PLS-00201: identifier 'OWN8.TWICE' must be declared/);
  await own.execute('grant execute on twice to usr8');
  assert.equal((await usr.execute(call, out)).outBinds.r, 42);
  await fails(usr.execute('begin own8.hello(:s); end;', { s: { dir: oracledb.BIND_OUT, type: oracledb.STRING } }), 6550);
  await own.execute('grant execute on hello to public');
  assert.equal((await usr.execute('begin own8.hello(:s); end;', { s: { dir: oracledb.BIND_OUT, type: oracledb.STRING } })).outBinds.s, 'hi');
  // from SQL, schema-qualified
  assert.equal(await one(usr, 'select own8.twice(4) from dual'), 8);
  assert.equal(await one(own, 'select own8.twice(5) from dual'), 10);
  await own.execute('revoke execute on twice from usr8');
  await assert.rejects(usr.execute(call, out), /PLS-00201/);
  await assert.rejects(usr.execute('select own8.twice(4) from dual'), /ORA-00904: "OWN8"."TWICE": invalid identifier/);
  await assert.rejects(usr.execute('select own8.nosuch(4) from dual'), /ORA-00904: "OWN8"."NOSUCH": invalid identifier/);
  await fails(own.execute('grant select on twice to usr8'), 2225);
  await fails(own.execute('grant execute on nosuch to usr8'), 4042);
  await closeAll(own, usr);
});

test("Oracle's errors of GRANT and REVOKE", async () => {
  const [own, usr] = await users('own9', 'usr9');
  await sys.execute('grant create view to own9');
  await own.execute('create table t (x number)');
  await own.execute('create view v as select x from t');
  for (const [sql, code] of [
    ['grant select on nosuch to usr9', 942],
    ['grant frobnicate on t to usr9', 990],
    ['grant select on t to nobody9', 1917],
    ['grant select on t to own9', 1749],
    ['revoke select on t from usr9', 1927],
    ['grant execute on t to usr9', 2224],
    ['grant alter on v to usr9', 2204],
    ['grant select on t to usr9 with admin option', 993],
  ]) await fails(own.execute(sql), code);
  await fails(usr.execute('grant select on own9.t to usr9'), 942); // cannot see it
  await own.execute('grant insert on t to usr9');
  await fails(usr.execute('grant insert on own9.t to sys'), 1031);
  await own.execute('grant all on t to usr9');
  assert.deepEqual(await rows(usr, "select privilege from user_tab_privs_recd where table_name = 'T' order by 1"),
    [['ALTER'], ['DELETE'], ['INDEX'], ['INSERT'], ['READ'], ['REFERENCES'], ['SELECT'], ['UPDATE']]);
  await own.execute('create sequence s');
  await own.execute('grant select on s to usr9');
  assert.deepEqual(await rows(usr, "select object_name, object_type from all_objects where owner = 'OWN9' order by 1"),
    [['S', 'SEQUENCE'], ['T', 'TABLE']]);
  assert.deepEqual(await rows(usr, "select sequence_name from all_sequences where sequence_owner = 'OWN9'"), [['S']]);
  await own.execute('revoke all privileges on t from usr9');
  await own.execute('revoke select on s from usr9');
  assert.equal(await one(usr, 'select count(*) from user_tab_privs_recd'), 0);
  await closeAll(own, usr);
});

test('GRANT ANY OBJECT PRIVILEGE: grants on the owner\'s behalf; the dictionary views', async () => {
  const [own, usr, adm] = await users('own10', 'usr10', 'adm10');
  await own.execute('create table t (x number)');
  await sys.execute('grant grant any object privilege to adm10');
  await adm.execute('grant select, insert on own10.t to usr10');
  const cols = r => r.metaData.map(m => m.name);
  const dba = await sys.execute("select * from dba_tab_privs where owner = 'OWN10' order by privilege");
  assert.deepEqual(cols(dba), ['GRANTEE', 'OWNER', 'TABLE_NAME', 'GRANTOR', 'PRIVILEGE', 'GRANTABLE', 'HIERARCHY', 'COMMON', 'TYPE', 'INHERITED']);
  assert.deepEqual(dba.rows, [['USR10', 'OWN10', 'T', 'OWN10', 'INSERT', 'NO', 'NO', 'NO', 'TABLE', 'NO'],
    ['USR10', 'OWN10', 'T', 'OWN10', 'SELECT', 'NO', 'NO', 'NO', 'TABLE', 'NO']]);
  const all = await usr.execute("select * from all_tab_privs where table_schema = 'OWN10' order by privilege");
  assert.deepEqual(cols(all), ['GRANTOR', 'GRANTEE', 'TABLE_SCHEMA', 'TABLE_NAME', 'PRIVILEGE', 'GRANTABLE', 'HIERARCHY', 'COMMON', 'TYPE', 'INHERITED']);
  assert.equal(all.rows.length, 2);
  assert.deepEqual(await rows(own, 'select grantee, table_name, grantor, privilege from user_tab_privs_made order by privilege'),
    [['USR10', 'T', 'OWN10', 'INSERT'], ['USR10', 'T', 'OWN10', 'SELECT']]);
  assert.deepEqual(await rows(usr, 'select owner, table_name, privilege from user_tab_privs_recd order by privilege'),
    [['OWN10', 'T', 'INSERT'], ['OWN10', 'T', 'SELECT']]);
  assert.equal(await one(own, 'select count(*) from user_tab_privs'), 2);
  assert.equal(await one(adm, 'select count(*) from user_tab_privs'), 0);
  await fails(usr.execute('select count(*) from dba_tab_privs'), 942);
  await adm.execute('revoke insert on own10.t from usr10');
  assert.equal(await one(usr, 'select count(*) from user_tab_privs_recd'), 1);
  await closeAll(own, usr, adm);
});

test('Grants end with their object (a new one of the same name has none) and with DROP USER', async () => {
  const [own, usr] = await users('own11', 'usr11');
  await own.execute('create table t (x number)');
  await own.execute('grant select on t to usr11');
  assert.equal(await one(usr, 'select count(*) from own11.t'), 0);
  await own.execute('rename t to t2');
  assert.equal(await one(usr, 'select count(*) from own11.t2'), 0);
  await own.execute('drop table t2');
  await own.execute('create table t2 (x number)');
  await fails(usr.execute('select count(*) from own11.t2'), 942);
  assert.equal(await one(sys, "select count(*) from dba_tab_privs where owner = 'OWN11'"), 0);
  await own.execute('grant select on t2 to usr11');
  await usr.close();
  await sys.execute('drop user usr11 cascade');
  assert.equal(await one(sys, "select count(*) from dba_tab_privs where owner = 'OWN11'"), 0);
  await own.close();
});

test('DROP USER CASCADE takes the procedures, functions and sequences too, and their grants', async () => {
  const [own, usr] = await users('own13', 'usr13');
  await own.execute('create sequence s');
  await own.execute('create or replace function f return number as begin return 1; end;');
  await own.execute('grant select on s to usr13');
  await own.execute('grant execute on f to usr13');
  await own.close();
  await fails(sys.execute('drop user own13'), 1922);
  await sys.execute('drop user own13 cascade');
  assert.equal(await one(sys, "select count(*) from dba_objects where owner = 'OWN13'"), 0);
  assert.equal(await one(sys, "select count(*) from dba_tab_privs where owner = 'OWN13'"), 0);
  await fails(usr.execute('select own13.s.nextval from dual'), 2289);
  // a user of the same name later owns nothing of the old one's
  await sys.execute('create user own13 identified by own13');
  await sys.execute('grant connect, resource to own13');
  const again = await logon('own13');
  await again.execute('create sequence s');
  await fails(usr.execute('select own13.s.nextval from dual'), 2289);
  await closeAll(again, usr);
});
