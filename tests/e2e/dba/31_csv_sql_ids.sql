-- sql_ids.sql: the statements SCOTT's sessions run, one per row, from a CSV list
set linesize 100 pagesize 100
column sql_id format a13
with ids as (
  select listagg(sql_id, ',') within group (order by sid) csv
  from   v$session where username = 'SCOTT' and sql_id is not null)
select level n, regexp_substr(csv, '[^,]+', 1, level) sql_id
from   ids
connect by level <= regexp_count(csv, ',') + 1;
