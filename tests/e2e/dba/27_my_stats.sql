-- my_stats.sql: my own session's counters, via V$MYSTAT
set linesize 100 pagesize 100
column name format a30
select n.name, m.value
from   v$mystat m, v$statname n
where  m.statistic# = n.statistic#
and    n.name in ('user calls', 'execute count', 'parse count (total)', 'user commits')
order  by n.name;
