-- locks.sql: holders and waiters of TX locks
set linesize 120 pagesize 100
column type format a4
column username format a10
select l.sid, l.type, l.lmode, l.request, l.block, s.username
from   v$lock l, v$session s
where  l.sid = s.sid
and    l.type = 'TX'
and    (l.block = 1 or l.request > 0)
order  by l.request, l.sid;
