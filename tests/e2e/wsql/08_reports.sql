create table rpt_emp (deptno number(2), ename varchar2(10), job varchar2(9), sal number(7,2));
insert into rpt_emp values (10, 'CLARK', 'MANAGER', 2450);
insert into rpt_emp values (10, 'KING', 'PRESIDENT', 5000);
insert into rpt_emp values (10, 'MILLER', 'CLERK', 1300);
insert into rpt_emp values (20, 'FORD', 'ANALYST', 3000);
insert into rpt_emp values (20, 'SMITH', 'CLERK', 800);
insert into rpt_emp values (30, 'JAMES', 'CLERK', 950);
insert into rpt_emp values (30, 'WARD', 'SALESMAN', 1250);
commit;
set pagesize 50
rem BREAK suppresses repeated values; SKIP 1 leaves a line after each group
break on deptno skip 1
select deptno, ename, sal from rpt_emp order by deptno, ename;
break
rem COMPUTE: subtotals under '*' and '-' rules, and a grand total ON REPORT
break on deptno skip 1 on report
compute sum of sal on deptno report
select deptno, ename, sal from rpt_emp order by deptno, ename;
compute
rem several functions, a label, a column format
column sal format 99,999.99
compute avg max label 'Highest' count of sal on deptno
break on deptno
select deptno, ename, sal from rpt_emp where deptno < 30 order by deptno, ename;
rem two break columns: an outer change prints the inner value again
clear computes
break on deptno skip 1 on job
select deptno, job, ename from rpt_emp order by deptno, job, ename;
clear breaks
clear computes
clear columns
rem TTITLE / BTITLE with positions and the page number
set linesize 50
ttitle center 'Employees' skip 1 left 'Salaries' right 'Page:' format 99 sql.pno skip 2
btitle left '-- end of page --'
set pagesize 12
select ename, sal from rpt_emp where deptno = 10 order by ename;
ttitle off
btitle off
ttitle
set pagesize 50
set linesize 80
rem COLUMN: heading, format, justify, null text, noprint, truncation
column ename heading 'Employee|Name' format a8 justify right
column job format a5 truncated
column comm null '(none)' heading 'Comm' format a6
column deptno noprint
select deptno, ename, job, cast(null as varchar2(6)) comm from rpt_emp where deptno = 20 order by ename;
column ename
clear columns
rem NEW_VALUE: a variable from the last row fetched
column instance_name new_value inst
select instance_name from v$instance;
prompt Connected to &inst
column top_ename new_value top noprint
select ename top_ename from rpt_emp where sal = (select max(sal) from rpt_emp);
prompt The top earner is &top
rem ACCEPT and PAUSE read the next lines of the input
accept dno number prompt 'Department number: '
20
accept who char default 'NOBODY' prompt 'Name: '

prompt dno=&dno who=&who
pause Press Return to continue
x
rem @script arguments become &1 &2; @@ finds a script beside its caller
@tests/e2e/wsql/scripts/emp_by_dept 30 "Sales dept"
set verify off
start tests/e2e/wsql/scripts/emp_by_dept 20 Research
set verify on
rem SET options
set underline = newpage 0 heading on
set newpage none
select count(*) n from rpt_emp;
set underline - newpage 1
set colsep ' | '
select deptno, count(*) n from rpt_emp group by deptno order by deptno;
set colsep ' '
set feedback on
show underline
show newpage
set autotrace off
set trimout on trimspool on
set nosuchoption on
set markup csv on
select deptno, ename, sal, null comm from rpt_emp where deptno = 20 order by ename;
set markup csv off
set numformat 99,999.00
select ename, sal from rpt_emp where deptno = 10 order by ename;
set numformat ""
show parameter db_block_size
show parameter no_such_parameter
drop table rpt_emp;
exit
