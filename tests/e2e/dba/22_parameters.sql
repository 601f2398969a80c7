-- parameters.sql: the limits that matter when sessions pile up
show parameter open_cursors
show parameter db_block_size
column name format a20
column value format a10
select name, value, isdefault from v$parameter
where  name in ('open_cursors', 'db_block_size')
order  by name;
