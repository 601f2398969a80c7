set pagesize 100 linesize 120
column sessions format a14
create table oj_dept (deptno number(2), dname varchar2(10));
create table oj_emp (empno number(4), ename varchar2(10), deptno number(2), job varchar2(9));
insert all into oj_dept values (10, 'ACCOUNTING') into oj_dept values (20, 'RESEARCH') into oj_dept values (40, 'OPERATIONS') into oj_emp values (1, 'KING', 10, 'PRESIDENT') into oj_emp values (2, 'SMITH', 20, 'CLERK') into oj_emp values (3, 'FORD', 20, 'ANALYST') into oj_emp values (4, 'NOBODY', null, 'CLERK') select * from dual;
select d.dname, e.ename from oj_dept d, oj_emp e where d.deptno = e.deptno(+) order by d.dname, e.ename;
select d.dname, e.ename from oj_dept d, oj_emp e where e.deptno(+) = d.deptno and e.job(+) = 'CLERK' order by d.dname, e.ename;
select d.dname, e.ename from oj_dept d, oj_emp e where d.deptno = e.deptno(+) and e.job = 'CLERK' order by d.dname, e.ename;
select e.ename, d.dname from oj_emp e, oj_dept d where e.deptno = d.deptno(+) order by e.ename;
select case when count(*) = (select count(*) from v$session) then 'EVERY SESSION' end sessions from v$session s, v$process p where s.paddr = p.addr(+);
select case when count(*) = (select count(*) from v$session s, v$process p where s.paddr = p.addr) then 'EVERY SESSION' end sessions from v$session s, v$process p, v$sql q where s.paddr = p.addr and s.sql_id = q.sql_id(+);
select d.dname, e.ename from oj_dept d, oj_emp e where d.deptno(+) = e.deptno(+);
select d.dname, e.ename from oj_dept d, oj_emp e where d.deptno = e.deptno(+) or e.job = 'CLERK';
select d.dname from oj_dept d join oj_emp e on d.deptno = e.deptno, oj_dept x where x.deptno(+) = e.deptno;
drop table oj_emp;
drop table oj_dept;
exit
