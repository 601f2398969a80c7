-- called as @emp_by_dept <deptno> <title>: &1 and &2 are its arguments
prompt Department &1 (&2)
@@emp_names &1
