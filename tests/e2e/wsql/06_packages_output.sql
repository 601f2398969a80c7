set serveroutput on
exec dbms_output.put_line('hi')
create or replace package counter as
  hits number := 0;
  procedure bump(n number default 1);
  function show(x number) return varchar2;
  function show(x varchar2) return varchar2;
end;
/
create or replace package body counter as
  procedure bump(n number default 1) is
  begin
    hits := hits + n;
    dbms_output.put_line('bumped to ' || hits);
  end;
  function show(x number) return varchar2 is begin return 'number ' || x; end;
  function show(x varchar2) return varchar2 is begin return 'text ' || x; end;
begin
  hits := 100;
end;
/
exec counter.bump(5)
exec counter.bump
column a format a12
column b format a12
select counter.show(7) a, counter.show('x') b from dual;
begin
  for i in 1 .. 3 loop
    dbms_output.put_line('line ' || i || ' of ' || counter.hits);
  end loop;
  dbms_output.put('not ended');
end;
/
begin dbms_output.put_line('before the error'); raise no_data_found; end;
/
create or replace package body counter as
  procedure bump(n number) is begin null; end;
end;
/
show errors
select object_type, status from user_objects where object_name = 'COUNTER' order by 1;
column procedure_name format a16
column overload format a8
select procedure_name, overload from user_procedures where object_name = 'COUNTER' order by subprogram_id;
create or replace procedure uses_later as
begin
  later_fn;
end;
/
create or replace procedure later_fn as begin null; end;
/
column object_name format a12
select object_name, status from user_objects where object_name = 'USES_LATER';
alter procedure uses_later compile;
select object_name, status from user_objects where object_name = 'USES_LATER';
alter package counter compile;
show errors package body counter
alter package counter compile specification;
alter procedure nosuch compile;
alter procedure uses_later frobnicate;
select 'abc' x, 'it''s' y from dual;
set serveroutput off
exec dbms_output.put_line('not shown')
drop package counter;
