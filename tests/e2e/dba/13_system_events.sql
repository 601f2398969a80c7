-- system_events.sql: the instance's non-idle wait events, and how long
set linesize 120 pagesize 100
column event format a35
column wait_class format a12
select event, wait_class, total_waits, time_waited
from   v$system_event
where  wait_class <> 'Idle'
order  by event;
