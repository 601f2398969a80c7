create table fn_t (id number primary key, name varchar2(30), code varchar2(20));
insert into fn_t values (1, 'John Smith', 'AB-123');
insert into fn_t values (2, 'Jane Doe', 'cd-4567');
insert into fn_t values (3, 'Max Power', 'X9');
select id, name from fn_t where regexp_like(code, '^[a-z]{2}-\d+$', 'i') order by id;
select id from fn_t where not regexp_like(name, 'o') order by id;
select regexp_substr(code, '\d+') digits, regexp_instr(code, '\d') at_pos, regexp_count(name, '[aeiou]') vowels from fn_t order by id;
select regexp_replace(name, '(\w+) (\w+)', '\2, \1') swapped from fn_t order by id;
select regexp_substr('a,b,,d', '[^,]+', 1, 3) third, regexp_replace('a  b   c', ' +', ' ') squeezed from dual;
select regexp_substr('k1=v1;k2=v2', '(\w+)=(\w+)', 1, 2, null, 2) v from dual;
select regexp_substr('abc', 'a.*?c') from dual;
select count(*) from dual where regexp_like('a', '(a');
select bitand(6, 3) b1, bitand(-1, 255) b2, to_char(bitand(9223372036854775807, 4611686018427387904)) b3 from dual;
select to_char(1415053318, 'XXXXXXXX') p1raw, to_char(255, 'FM0xxx') low, to_char(256, 'XX') too_wide from dual;
select to_number('54580006', 'XXXXXXXX') id1 from dual;
select to_char(trunc(timestamp '2024-05-17 13:45:42', 'MI'), 'YYYY-MM-DD HH24:MI:SS') mi, to_char(round(timestamp '2024-05-17 13:45:12', 'HH'), 'YYYY-MM-DD HH24:MI:SS') hh from dual;
select trunc(date '2024-05-17', 'IW') iw, trunc(date '2024-05-17', 'DAY') day, round(date '2024-05-17', 'MONTH') mon, round(date '2024-05-17', 'Q') q, to_char(trunc(date '2024-05-17', 'CC'), 'YYYY-MM-DD') cc from dual;
select to_char(date '2024-05-17' - numtodsinterval(30, 'MINUTE'), 'YYYY-MM-DD HH24:MI') d, numtodsinterval(3725, 'SECOND') i from dual;
select count(*) n from dual where date '2024-05-17' > date '2024-05-17' - numtodsinterval(30, 'MINUTE');
select 'abc' x, 'ab' || 'cd' y from dual;
select username || '-' || status who from v$session where sid = sys_context('userenv', 'sid');
select substr(name, 1, 4) s, lpad(id, 6, '.') l, upper(code) u, decode(id, 1, 'one', 'many') d from fn_t order by id;
set serveroutput on
declare
  code varchar2(20) := 'AB-123';
begin
  if regexp_like(code, '^[a-z]{2}-\d+$', 'i') then
    dbms_output.put_line(regexp_substr(code, '\d+') || ' ' || regexp_replace(code, '-', '+') || ' ' || regexp_count(code, '\d') || ' ' || bitand(12, 10));
  end if;
end;
/
drop table fn_t;
exit
