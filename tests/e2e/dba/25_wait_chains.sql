-- wait_chains.sql: who waits for whom, chain by chain
set linesize 150 pagesize 100
column wait_event_text format a32
select sid, blocker_sid, wait_event_text, num_waiters
from   v$wait_chains
order  by sid;
