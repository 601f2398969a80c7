create table mt (id number primary key, v varchar2(10));
create table ms (id number, v varchar2(10));
insert all into mt values (1, 'a') into mt values (2, 'b') into ms values (2, 'B') into ms values (3, 'C') select * from dual;
insert all into mt values (9, 'z') select * from dual;
merge into mt t using ms s on (t.id = s.id) when matched then update set t.v = s.v when not matched then insert (id, v) values (s.id, s.v);
merge into mt t using (select 1 id from dual) s on (t.id = s.id) when not matched then insert (id, v) values (s.id, 'x');
merge into mt t using ms s on (t.id = s.id) when matched then update set t.id = s.id;
select id, v from mt order by id;
insert first when id > 2 then into ms values (id + 10, v) else into ms values (id + 20, v) select id, v from mt;
rollback;
drop table mt;
drop table ms;
exit
