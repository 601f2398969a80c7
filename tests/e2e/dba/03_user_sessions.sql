-- user_sessions.sql <username>: the sessions of one user
set linesize 120 pagesize 100 verify off
column username format a10
column module format a10
select sid, serial#, username, status, module
from   v$session
where  username = upper('&1')
order  by sid;
