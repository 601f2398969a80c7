select * form dual;
select * from dual x y;
selec * from dual;
select nosuch from dual;
select dname, loc
from nosuch
where 1 = 1;
insert into nosuch values (1);
create table t (id number primary key);
insert into t values (1);
insert into t values (1);
create table t (id number);
drop table t;
select 1 from dual;
exit
