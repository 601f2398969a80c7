-- instance.sql: which instance am I on, and is it open
set linesize 120 pagesize 100
column instance_name format a10
column status format a8
column database_status format a10
select instance_number, instance_name, version, status, database_status, parallel, logins
from   gv$instance;
