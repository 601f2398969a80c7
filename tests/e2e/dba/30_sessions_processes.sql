-- sessions_processes.sql: every session with its process and current SQL, old-style joins
set linesize 150 pagesize 100
column username format a10
column sql_text format a45
select s.sid, s.username, s.status, q.sql_text
from   v$session s, v$process p, v$sql q
where  s.paddr = p.addr(+)
and    s.sql_id = q.sql_id(+)
and    s.username = 'SCOTT'
order  by s.sid;
