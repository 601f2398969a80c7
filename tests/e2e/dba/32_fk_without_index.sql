-- fk_without_index.sql: foreign keys whose columns no index leads with
-- (deleting or updating a parent key then locks the whole child table)
set linesize 120 pagesize 100
column owner format a8
column table_name format a10
column constraint_name format a14
column column_name format a12
select c.owner, c.table_name, c.constraint_name, cc.column_name, cc.position
from   dba_constraints c, dba_cons_columns cc
where  c.owner = 'SCOTT'
and    c.constraint_type = 'R'
and    cc.owner = c.owner and cc.constraint_name = c.constraint_name
and    not exists (select 1 from dba_ind_columns ic
                   where ic.table_owner = cc.owner and ic.table_name = cc.table_name
                   and ic.column_name = cc.column_name and ic.column_position = cc.position)
order  by c.table_name, c.constraint_name, cc.position;
