-- kill_gen.sql <username>: generate the kill statements for a user's sessions
set heading off feedback off pagesize 0 linesize 200 verify off
select 'alter system kill session ''' || sid || ',' || serial# || ''' immediate;'
from   v$session
where  username = upper('&1')
order  by sid;
set heading on feedback on pagesize 14
