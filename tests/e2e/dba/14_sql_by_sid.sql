-- sql_by_sid.sql <sid>: the text of the statement a session is running
set linesize 120 pagesize 100 verify off
column sql_text format a64
select t.sql_text
from   v$sqltext_with_newlines t, v$session s
where  s.sid = &1
and    t.address = s.sql_address
and    t.hash_value = s.sql_hash_value
order  by t.piece;
