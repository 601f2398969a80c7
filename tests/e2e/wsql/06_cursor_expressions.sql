create user nest identified by nest;
grant connect, resource to nest;
connect nest/nest@127.0.0.1:@PORT@/WARDEN
create table dept (deptno number(2), dname varchar2(14));
insert into dept values (10, 'ACCOUNTING');
insert into dept values (20, 'RESEARCH');
commit;
select d.dname, cursor(select 1 from dual where d.deptno > 0) emps from dept d order by d.deptno;
select d.dname from dept d where cursor(select 1 from dual) is null;
select count(*) from dept;
exit
