-- sessions.sql: who is connected, oldest logon first
set linesize 150 pagesize 100
column username format a10
column status format a8
column module format a10
column action format a8
select sid, serial#, username, status, module, action, type
from   v$session
where  username is not null
order  by sid;
