set pagesize 100 linesize 120
column quarter format a7
create table pv_emp (empno number(4), job varchar2(9), deptno number(2), sal number(7,2));
insert all into pv_emp values (1, 'CLERK', 10, 1300) into pv_emp values (2, 'CLERK', 20, 800) into pv_emp values (3, 'CLERK', 20, 1100) into pv_emp values (4, 'ANALYST', 20, 3000) into pv_emp values (5, 'MANAGER', 30, 2850) into pv_emp values (6, 'SALESMAN', 30, 1250) select * from dual;
select * from (select job, deptno, sal from pv_emp) pivot (sum(sal) for deptno in (10 as d10, 20 as d20, 30 as d30)) order by job;
select * from (select job, deptno, sal from pv_emp) pivot (sum(sal) s, count(*) n for deptno in (10, 20)) order by job;
select * from (select deptno, sal from pv_emp) pivot (max(sal) for deptno in (10, 20, 30));
select * from (select job, deptno from pv_emp) pivot (count(*) for job in ('CLERK' as clerk, 'ANALYST')) order by deptno;
create table pv_q (id number, q1 number, q2 number, q3 number);
insert all into pv_q values (1, 10, null, 30) into pv_q values (2, 40, 50, 60) select * from dual;
select * from pv_q unpivot (amount for quarter in (q1, q2, q3)) order by id, quarter;
select * from pv_q unpivot include nulls (amount for quarter in (q1 as 'Q1', q2 as 'Q2', q3 as 'Q3')) order by id, quarter;
select id, quarter, amount from pv_q unpivot (amount for quarter in (q1 as 1, q3 as 3)) u where amount > 20 order by id, quarter;
select * from (select job, deptno from pv_emp) pivot (job for deptno in (10));
select * from (select job, deptno from pv_emp) pivot xml (count(*) for deptno in (any));
drop table pv_emp;
drop table pv_q;
exit
