-- open_cursors.sql: open cursors per session, against the limit
set linesize 120 pagesize 100
column username format a10
column limit format a6
select s.sid, s.username, count(*) cursors,
       (select value from v$parameter where name = 'open_cursors') limit
from   v$open_cursor c, v$session s
where  c.sid = s.sid
and    s.username = 'SCOTT'
group  by s.sid, s.username
order  by s.sid;
