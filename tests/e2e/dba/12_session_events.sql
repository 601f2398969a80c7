-- session_events.sql <sid>: the events a session has waited on, and how long
set linesize 120 pagesize 100 verify off
column event format a35
select event, total_waits, time_waited, average_wait, max_wait
from   v$session_event
where  sid = &1
order  by event;
