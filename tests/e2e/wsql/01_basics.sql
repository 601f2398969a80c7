create user scott identified by tiger;
grant connect, resource to scott;
connect scott/tiger@127.0.0.1:@PORT@/WARDEN
create table dept (deptno number(2) not null, dname varchar2(14), loc varchar2(13));
insert into dept values (10, 'ACCOUNTING', 'NEW YORK');
insert into dept values (20, 'RESEARCH', 'DALLAS');
insert into dept values (30, 'SALES', 'CHICAGO');
commit;
select * from dept order by deptno;
select * from dept where deptno = 99;
desc dept
update dept set loc = 'BOSTON' where deptno = 10;
rollback;
select loc from dept where deptno = 10;
delete from dept where deptno > 10;
select count(*) from dept;
rollback;
select * from dual;
drop table dept;
exit
