-- sid_to_spid.sql: the server process of each session (kill -9 candidates)
set linesize 120 pagesize 100
column username format a10
column spid format a8
column program format a20
select s.sid, s.serial#, s.username, p.pid, p.spid, p.program
from   v$session s, v$process p
where  s.paddr = p.addr
and    s.username = 'SCOTT'
order  by s.sid;
