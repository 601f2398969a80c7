select ename from rpt_emp where deptno = &1 order by ename;
