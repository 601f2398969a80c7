-- sess_io.sql: reads of each user session
set linesize 120 pagesize 100
column username format a10
select i.sid, s.username, i.block_gets, i.consistent_gets, i.physical_reads
from   v$sess_io i, v$session s
where  i.sid = s.sid
and    s.username is not null
order  by i.sid;
