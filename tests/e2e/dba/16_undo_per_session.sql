-- undo_per_session.sql: undo held by each open transaction
set linesize 150 pagesize 100
column username format a10
column rbs format a12
select s.sid, s.username, r.name rbs, t.used_ublk, t.used_urec, t.status
from   v$session s, v$transaction t, v$rollname r
where  s.taddr = t.addr
and    t.xidusn = r.usn
order  by s.sid;
