-- active_sql.sql: what every active user session is running right now
set linesize 160 pagesize 100
column username format a10
column event format a30
column sql_text format a50
select s.sid, s.username, s.event, q.sql_text
from   v$session s, v$sql q
where  s.status = 'ACTIVE'
and    s.username is not null
and    q.sql_id = s.sql_id
and    s.sid <> sys_context('userenv', 'sid')
order  by s.sid;
