-- blockers.sql: sessions waiting on another session, and who holds them up
set linesize 150 pagesize 100
column waiter format a20
column blocker format a20
column event format a32
column blocker_module format a14
select w.sid || ',' || w.serial# waiter, w.event, w.blocking_session_status status,
       b.sid || ',' || b.serial# blocker, b.module blocker_module
from   v$session w, v$session b
where  w.blocking_session = b.sid
order  by w.sid;
