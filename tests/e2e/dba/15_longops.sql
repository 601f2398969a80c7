-- longops.sql: long operations still running, with their progress
set linesize 150 pagesize 100
column opname format a12
column target format a14
column units format a8
select sid, opname, target, sofar, totalwork, units,
       round(sofar / totalwork * 100, 1) pct_done
from   v$session_longops
where  totalwork > 0 and sofar <> totalwork
order  by sid;
