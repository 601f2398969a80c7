#!/usr/bin/python3
"""python-oracledb (Thin) and PL/SQL index-by tables: cursor.arrayvar()
binds of NUMBER, VARCHAR2 and DATE in, out and in out, an empty table,
and more elements than the variable's size (ORA-06513)."""
import datetime
import sys
import unittest

import oracledb

from python_oracledb_test import InstanceTestCase

BLOCK = """declare
  type nt is table of number index by pls_integer;
  type st is table of varchar2(20) index by pls_integer;
  type dt is table of date index by pls_integer;
  n nt; s st; d dt;
begin
  n := :nums; s := :strs; d := :dates;
  :total := 0;
  for i in 1 .. n.count loop :total := :total + n(i); end loop;
  n(n.count + 1) := :total;
  s(0) := 'zero';
  d(d.count + 1) := d(1) + 1;
  :nums := n; :strs := s; :dates := d;
end;"""


class PythonCollectionsTest(InstanceTestCase):
    USER, USER_PASSWORD = "pcoll", "pcoll"

    def test_array_vars_in_out(self):
        with self.connect() as c:
            cur = c.cursor()
            # a count as the value: that many elements at most (setvalue puts fewer in)
            nums, strs = cur.arrayvar(oracledb.NUMBER, 10), cur.arrayvar(str, 10, 20)
            dates = cur.arrayvar(oracledb.DB_TYPE_DATE, 10)
            day = datetime.datetime(2024, 2, 28, 8, 30)
            nums.setvalue(0, [1, 2, 3.5])
            strs.setvalue(0, ["a", "b"])
            dates.setvalue(0, [day])
            total = cur.var(oracledb.NUMBER)
            cur.execute(BLOCK, nums=nums, strs=strs, dates=dates, total=total)
            self.assertEqual(total.getvalue(), 6.5)
            self.assertEqual(nums.getvalue(), [1, 2, 3.5, 6.5])
            self.assertEqual(strs.getvalue(), ["zero", "a", "b"])
            self.assertEqual(dates.getvalue(), [day, day + datetime.timedelta(days=1)])

    def test_out_only_and_too_many(self):
        with self.connect() as c:
            cur = c.cursor()
            out = cur.arrayvar(oracledb.NUMBER, 3)
            cur.execute("""declare type t is table of number index by pls_integer; v t;
                           begin for i in 1 .. :n loop v(i) := i * i; end loop; :o := v; end;""",
                        n=3, o=out)
            self.assertEqual(out.getvalue(), [1, 4, 9])
            cur.execute("""declare type t is table of number index by pls_integer; v t;
                           begin :o := v; end;""", o=out)
            self.assertEqual(out.getvalue(), [])
            with self.assertRaises(oracledb.DatabaseError) as e:
                cur.execute("""declare type t is table of number index by pls_integer; v t;
                               begin for i in 1 .. :n loop v(i) := i; end loop; :o := v; end;""",
                            n=4, o=out)
            self.assertTrue(str(e.exception).startswith(
                "ORA-06513: PL/SQL: index for PL/SQL table out of range for host language array"))


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=2).result
    failed = len(result.failures) + len(result.errors)
    print("python-oracledb collections: %d passed, %d failed" % (result.testsRun - failed, failed))
    sys.exit(1 if failed else 0)
