-- blocking_tree.sql: blockers and their waiters as a tree
set linesize 150 pagesize 100
column sid_tree format a12
column username format a10
column event format a32
column module format a10
select lpad(' ', 2 * (level - 1)) || sid sid_tree, username, module, event
from   v$session
where  sid in (select blocking_session from v$session) or blocking_session is not null
start  with blocking_session is null
connect by prior sid = blocking_session;
