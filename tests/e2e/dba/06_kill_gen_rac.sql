-- kill_gen_rac.sql: kill statements for every instance, with @inst_id
set heading off feedback off pagesize 0 linesize 200
select 'alter system kill session ''' || sid || ',' || serial# || ',@' || inst_id || ''';'
from   gv$session
where  username = 'SCOTT' and module = 'REPORTS';
set heading on feedback on pagesize 14
