-- locked_objects.sql: which sessions lock which tables, in what mode
set linesize 150 pagesize 100
column owner format a8
column object_name format a12
column oracle_username format a10
column locked_mode format a20
select lo.session_id sid, lo.oracle_username, o.owner, o.object_name,
       decode(lo.locked_mode, 0, 'None', 1, 'Null', 2, 'Row-S (SS)', 3, 'Row-X (SX)',
              4, 'Share', 5, 'S/Row-X (SSX)', 6, 'Exclusive', lo.locked_mode) locked_mode
from   v$locked_object lo, dba_objects o
where  lo.object_id = o.object_id
order  by lo.session_id;
