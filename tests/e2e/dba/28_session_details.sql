-- session_details.sql: the article's identification query, for one user
set linesize 200 pagesize 100
column spid format a8
column username format a10
column program format a25
column osuser format a10
select s.inst_id, s.sid, s.serial#, p.spid, s.username, s.status, s.module
from   gv$session s
join   gv$process p on p.addr = s.paddr and p.inst_id = s.inst_id
where  s.type != 'BACKGROUND'
and    s.username = 'SCOTT'
order  by s.sid;
