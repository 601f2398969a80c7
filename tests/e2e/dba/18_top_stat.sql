-- top_stat.sql: executions of each user session
set linesize 120 pagesize 100
column username format a10
column name format a25
select s.sid, s.username, n.name, t.value
from   v$sesstat t, v$statname n, v$session s
where  t.statistic# = n.statistic#
and    t.sid = s.sid
and    n.name = 'execute count'
and    s.username is not null
order  by s.sid;
