-- session_counts.sql: sessions by user and status, with totals
set linesize 100 pagesize 100
column username format a10
column status format a8
break on username skip 1 on report
compute sum of sessions on username report
select username, status, count(*) sessions
from   v$session
where  username = 'SCOTT'
group  by username, status
order  by username, status;
clear breaks
clear computes
