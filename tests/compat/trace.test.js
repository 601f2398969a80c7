// trace.test.js - SQL trace through node-oracledb (Thin): ALTER SESSION SET
// SQL_TRACE, DBMS_SESSION and DBMS_MONITOR (another session) write each
// call's statement, binds, timings, errors and transaction ends to the trace
// file V$PROCESS.TRACEFILE names; V$SESSION shows the state.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const oracledb = require('oracledb');
const { startInstanceWithUser } = require('./instance');

let inst, connect, dba;
before(async () => {
  ({ inst, connect } = await startInstanceWithUser('tracer', 'tracer'));
  dba = await oracledb.getConnection({ user: 'system', password: inst.password, connectString: inst.connectString });
});
after(async () => { if (dba) await dba.close(); if (inst) await inst.stop(); });

const sidOf = async (c) => (await c.execute("select sys_context('userenv', 'sid') from dual")).rows[0][0];
const traceState = async (sid) => (await dba.execute(
  `select p.tracefile, s.sql_trace, s.sql_trace_waits, s.sql_trace_binds, s.serial#
     from v$session s join v$process p on p.addr = s.paddr where s.sid = ${sid}`)).rows[0];

test('ALTER SESSION SET SQL_TRACE needs ALTER SESSION and writes the calls to the trace file', async () => {
  const c = await connect();
  await assert.rejects(c.execute('alter session set sql_trace = true'), /ORA-01031/);
  await dba.execute('grant alter session to tracer');
  await c.execute('create table traced (n number, s varchar2(10))');
  await c.execute('alter session set sql_trace = true');
  const sid = await sidOf(c);
  const [file, state, waits, binds] = await traceState(sid);
  assert.deepEqual([state, waits, binds], ['ENABLED', 'FALSE', 'FALSE']);
  assert.match(file, /\/trace\/WARDEN_ora_\d+\.trc$/);
  await c.execute('insert into traced values (:n, :s)', [7, 'seven']);
  await c.execute('select n from traced where s = :s', ['seven']);
  await c.commit();
  await assert.rejects(c.execute('select * from no_such_table'), /ORA-00942/);
  await c.execute("begin dbms_session.session_trace_enable(waits => true, binds => true); end;");
  assert.deepEqual((await traceState(sid)).slice(1, 4), ['ENABLED', 'TRUE', 'TRUE']);
  await c.execute('select n from traced where s = :s', ['seven']);
  await c.execute('alter session set sql_trace = false');
  assert.equal((await traceState(sid))[1], 'DISABLED');
  await c.execute('select 1 from dual where 1 = 0 /* not traced */');
  const text = fs.readFileSync(file, 'utf8');
  assert.match(text, /^Trace file .*WARDEN_ora_\d+\.trc\n/);
  assert.match(text, new RegExp(`\\*\\*\\* SESSION ID:\\(${sid}\\.\\d+\\)`));
  assert.match(text, /PARSING IN CURSOR #\d+ len=34 dep=0 uid=\d+ oct=2 .*sqlid='\w{13}'\ninsert into traced values \(:n, :s\)\nEND OF STMT\n/);
  assert.match(text, /EXEC #\d+:c=\d+,e=\d+,p=0,cr=0,cu=0,mis=0,r=1,/);
  assert.match(text, /select n from traced where s = :s\nEND OF STMT\nPARSE #\d+:[^\n]*\nEXEC #\d+:[^\n]*r=0,[^\n]*\nFETCH #\d+:[^\n]*r=1,/);
  assert.match(text, /XCTEND rlbk=0/);
  assert.match(text, /PARSE ERROR #0:len=27 dep=0 uid=\d+ oct=0 lid=\d+ tim=\d+ err=942\nselect \* from no_such_table/);
  assert.match(text, /BINDS #\d+:\n Bind#0\n  oacdty=01 mxl=\d+\n  value="seven"/);
  assert.match(text, /WAIT #0: nam='SQL\*Net message from client' ela= \d+/);
  assert.doesNotMatch(text, /not traced/);
  await c.close();
});

test('DBMS_MONITOR traces another session from its next call; ALTER SYSTEM needed', async () => {
  const target = await connect(), other = await connect();
  const sid = await sidOf(target);
  const [file, , , , serial] = await traceState(sid);
  await assert.rejects(other.execute(`begin dbms_monitor.session_trace_enable(${sid}, ${serial}); end;`), /ORA-01031/);
  await assert.rejects(dba.execute(`begin dbms_monitor.session_trace_enable(${sid}, ${serial + 1}); end;`), /ORA-00030/);
  await dba.execute(`begin dbms_monitor.session_trace_enable(session_id => ${sid}, serial_num => ${serial}, binds => true); end;`);
  await target.execute('select count(*) from traced where n > :1', [0]);
  assert.deepEqual((await traceState(sid)).slice(1, 4), ['ENABLED', 'TRUE', 'TRUE']);
  await dba.execute(`begin dbms_monitor.session_trace_disable(${sid}, ${serial}); end;`);
  await target.execute('select 2 from dual');
  assert.equal((await traceState(sid))[1], 'DISABLED');
  const text = fs.readFileSync(file, 'utf8');
  assert.match(text, /select count\(\*\) from traced where n > :1\nEND OF STMT/);
  assert.match(text, /  value=0\n/);
  await target.close(); await other.close();
});
