set pagesize 100 linesize 120
column tree format a16
column path format a30
column root format a6
create table hier_emp (empno number(4) primary key, ename varchar2(10), mgr number(4));
insert all into hier_emp values (7839, 'KING', null) into hier_emp values (7566, 'JONES', 7839) into hier_emp values (7698, 'BLAKE', 7839) into hier_emp values (7782, 'CLARK', 7839) into hier_emp values (7788, 'SCOTT', 7566) into hier_emp values (7902, 'FORD', 7566) into hier_emp values (7369, 'SMITH', 7902) into hier_emp values (7499, 'ALLEN', 7698) into hier_emp values (7521, 'WARD', 7698) into hier_emp values (7876, 'ADAMS', 7788) select * from dual;
select level, lpad(' ',level*2)||ename tree from hier_emp start with mgr is null connect by prior empno = mgr order siblings by ename;
select ename, sys_connect_by_path(ename, '/') path, connect_by_root ename root, connect_by_isleaf leaf from hier_emp connect by mgr = prior empno start with ename = 'JONES' order siblings by ename desc;
select ename, level from hier_emp where ename like '%A%' start with mgr is null connect by prior empno = mgr order siblings by ename;
select ename, prior ename, connect_by_root ename from hier_emp where prior empno > 7600 start with mgr is null connect by prior empno = mgr order siblings by ename;
select level, count(*) from hier_emp start with mgr is null connect by prior empno = mgr group by level order by level;
select level n from dual connect by level <= 5;
select rownum n from dual connect by rownum <= 3;
select count(*) from dual connect by level <= 100000;
select count(*) from (select 1 from dual union all select 2 from dual) connect by level <= 3;
select lpad(' ', 2*(level-1)) || sid sid_tree, blocking_session, username, event
from v$session
where sid in (select blocking_session from v$session) or blocking_session is not null
start with blocking_session is null
connect by prior sid = blocking_session;
select max(level) from v$session start with blocking_session is null connect by prior sid = blocking_session;
create table hier_dept (deptno number(2), dname varchar2(12));
insert all into hier_dept values (10, 'ACCOUNTING') into hier_dept values (20, 'RESEARCH') into hier_dept values (30, 'SALES') select * from dual;
column dname format a12
select lpad(' ', 2*level) || e.ename tree, d.dname, level from hier_emp e, hier_dept d, (select empno, mod(empno, 3) deptidx from hier_emp) x where x.empno = e.empno and d.deptno = 10 * (x.deptidx + 1) and d.dname <> 'SALES' start with e.mgr is null connect by prior e.empno = e.mgr order siblings by e.ename;
select s.sid, level from v$session s, v$process p where s.paddr = p.addr and s.blocking_session is not null start with s.blocking_session is null connect by prior s.sid = s.blocking_session;
drop table hier_dept;
update hier_emp set mgr = 7369 where empno = 7839;
select ename from hier_emp start with ename = 'JONES' connect by prior empno = mgr;
select ename, connect_by_iscycle c, connect_by_isleaf l from hier_emp start with ename = 'JONES' connect by nocycle prior empno = mgr order siblings by ename;
select ename, connect_by_iscycle from hier_emp connect by prior empno = mgr;
select ename from hier_emp order siblings by ename;
rollback;
drop table hier_emp;
exit
