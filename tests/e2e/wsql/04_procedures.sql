show errors
create or replace procedure greet(who varchar2) as
begin
  dbms_output.put_line('Hello, ' || who);
end;
/
show errors
create or replace procedure bad as
begin
  nosuch;
end;
/
show errors
select status from user_objects where object_name = 'BAD';
create or replace function twice(n number) return number as
begin
  return bad_call(n);
end;
/
show errors function twice
show errors procedure system.bad
create or replace procedure bad as
begin
  null;
end;
/
show errors procedure bad
create or replace function twice(n number) return number as
begin
  return n * 2;
end;
/
set serveroutput on
exec greet('world')
execute greet('again');
create table results (n number);
declare
  v number;
begin
  v := twice(21);
  insert into results values (v);
end;
/
select n from results;
drop table results;
column text format a50
select line, rtrim(text, chr(10)) text from user_source where name = 'TWICE' order by line;
column object_name format a20
select object_name, object_type, status from user_objects
where object_type in ('PROCEDURE', 'FUNCTION') order by object_name;
drop procedure bad;
drop procedure greet;
drop function twice;
exec nosuch_proc
exit
