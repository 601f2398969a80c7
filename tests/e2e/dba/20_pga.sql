-- pga.sql: server process memory per session, in MB
set linesize 120 pagesize 100
column username format a10
select s.sid, s.username,
       round(p.pga_used_mem / 1024 / 1024, 1) used_mb,
       round(p.pga_alloc_mem / 1024 / 1024, 1) alloc_mb,
       round(p.pga_max_mem / 1024 / 1024, 1) max_mb
from   v$session s, v$process p
where  s.paddr = p.addr
and    s.username is not null
order  by s.sid;
