-- session_report.sql: a titled report of SCOTT's sessions
set linesize 80 pagesize 30 newpage 1
ttitle center 'SCOTT sessions' skip 2
column sid format 9999 heading 'Sid'
column module format a10 heading 'Module'
column status format a8 heading 'Status'
select sid, module, status from v$session where username = 'SCOTT' order by sid;
ttitle off
