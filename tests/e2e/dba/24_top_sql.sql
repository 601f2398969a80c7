-- top_sql.sql: statements of SCOTT in the shared SQL area
set linesize 150 pagesize 100
column sql_text format a55
column parsing_schema_name format a10
select sql_id, parsing_schema_name, executions, sql_text
from   v$sql
where  parsing_schema_name = 'SCOTT'
and    sql_text like 'update emp%'
order  by sql_text;
