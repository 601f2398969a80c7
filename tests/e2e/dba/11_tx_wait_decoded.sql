-- tx_wait_decoded.sql: a TX enqueue wait's P1 decoded into lock name and mode
set linesize 120 pagesize 100
column event format a30
select sid, event,
       chr(bitand(p1, -16777216) / 16777215) || chr(bitand(p1, 16711680) / 65535) lock_name,
       bitand(p1, 65535) lock_mode
from   v$session_wait
where  event like 'enq: TX%';
