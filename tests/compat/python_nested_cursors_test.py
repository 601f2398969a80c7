#!/usr/bin/python3
"""python-oracledb (Thin) fetches cursor expressions, CURSOR(subquery) in a
select list, as cursors: correlated to their row, two levels deep, read after
the parent moved on, and an empty one."""
import sys
import unittest

from python_oracledb_test import InstanceTestCase


class PythonNestedCursorsTest(InstanceTestCase):
    USER, USER_PASSWORD = "pnested", "pnested"

    def test_nested_cursors(self):
        with self.connect() as c:
            cur = c.cursor()
            cur.execute("create table dept (deptno number primary key, dname varchar2(20))")
            cur.execute("create table emp (empno number primary key, ename varchar2(20), deptno number)")
            cur.executemany("insert into dept values (:1, :2)", [(10, "ACCOUNTING"), (20, "RESEARCH"), (30, "SALES")])
            cur.executemany("insert into emp values (:1, :2, :3)", [(1, "KING", 10), (2, "CLARK", 10), (3, "SMITH", 20)])
            c.commit()
            cur.execute("""select d.dname,
                                  cursor(select e.ename, cursor(select d.dname || '/' || e.ename from dual) p
                                         from emp e where e.deptno = d.deptno order by e.ename) emps
                           from dept d order by d.deptno""")
            self.assertEqual([d[0] for d in cur.description], ["DNAME", "EMPS"])
            rows = cur.fetchall()  # the parent first: its rows' cursors are read afterwards
            got = [(dname, [(ename, inner.fetchall()) for ename, inner in emps.fetchall()]) for dname, emps in rows]
            self.assertEqual(got, [("ACCOUNTING", [("CLARK", [("ACCOUNTING/CLARK",)]), ("KING", [("ACCOUNTING/KING",)])]),
                                   ("RESEARCH", [("SMITH", [("RESEARCH/SMITH",)])]),
                                   ("SALES", [])])


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1] + sys.argv[1:], verbosity=2)
