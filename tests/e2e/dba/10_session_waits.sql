-- session_waits.sql: what each user session waits for, idle waits left out
set linesize 150 pagesize 100
column username format a10
column event format a32
column p1text format a10
column p2text format a16
column state format a10
select w.sid, s.username, w.event, w.p1text, w.p2text, w.state
from   v$session_wait w, v$session s
where  w.sid = s.sid
and    w.wait_class <> 'Idle'
and    s.username is not null
order  by w.sid;
