#!/usr/bin/python3
"""python-oracledb (Thin, Debian's python3-oracledb) against a live Warden
instance: every call gets its own correct reply — iteration counts without
binds for SQL and PL/SQL, cursor.parse() without executing, PL/SQL OUT and
IN OUT binds, arraydmlrowcounts, batcherrors, lastrowid, a refused
request that leaves the connection in step, and array binds whose request
ends exactly on a packet boundary."""
import datetime
import sys
import unittest

import oracledb

from python_oracledb_test import InstanceTestCase


class PythonCallsTest(InstanceTestCase):
    USER, USER_PASSWORD = "pcalls", "pcalls"

    def count(self, cur, sql):
        cur.execute(sql)
        return cur.fetchone()[0]

    def test_iteration_counts(self):
        with self.connect() as c:
            cur = c.cursor()
            cur.execute("create table iter (n number)")
            cur.executemany("insert into iter values (7)", 5)
            self.assertEqual(cur.rowcount, 5)
            cur.executemany("begin insert into iter values (8); end;", 4)
            cur.execute("select n, count(*) from iter group by n order by n")
            self.assertEqual(cur.fetchall(), [(7, 5), (8, 4)])
            c.rollback()

    def test_parse_does_not_execute(self):
        with self.connect() as c:
            cur = c.cursor()
            cur.execute("create table parsed (n number)")
            cur.parse("insert into parsed values (1)")
            self.assertEqual(self.count(cur, "select count(*) from parsed"), 0)
            cur.parse("select :1 from dual")
            self.assertEqual(len(cur.description), 1)
            cur.parse("select n from parsed")
            self.assertEqual(cur.description[0][:2], ("N", oracledb.DB_TYPE_NUMBER))

    def test_out_and_in_out_binds(self):
        with self.connect() as c:
            cur = c.cursor()
            n, s, d = cur.var(int), cur.var(str), cur.var(oracledb.DB_TYPE_DATE)
            io = cur.var(int)
            io.setvalue(0, 41)
            cur.execute("""begin :n := 5; :s := 'héllo';
                             :d := to_date('2024-01-31 13:14:15', 'YYYY-MM-DD HH24:MI:SS');
                             :io := :io + 1; end;""", n=n, s=s, d=d, io=io)
            self.assertEqual((n.getvalue(), s.getvalue(), d.getvalue(), io.getvalue()),
                             (5, "héllo", datetime.datetime(2024, 1, 31, 13, 14, 15), 42))
            out = cur.var(int)
            for k in (1, 2, 3):
                cur.execute("begin :o := :i * 10; end;", o=out, i=k)
                self.assertEqual(out.getvalue(), k * 10)

    def test_array_dml_row_counts_and_batch_errors(self):
        with self.connect() as c:
            cur = c.cursor()
            cur.execute("create table arr (k number primary key)")
            cur.executemany("insert into arr values (:1)", [(i,) for i in range(3)], arraydmlrowcounts=True)
            self.assertEqual(cur.getarraydmlrowcounts(), [1, 1, 1])
            cur.executemany("delete from arr where k <= :1", [(0,), (5,)], arraydmlrowcounts=True)
            self.assertEqual(cur.getarraydmlrowcounts(), [1, 2])
            cur.executemany("insert into arr values (:1)", [(1,), (1,), (2,), (2,)], batcherrors=True)
            self.assertEqual([(e.offset, e.code) for e in cur.getbatcherrors()], [(1, 1), (3, 1)])
            self.assertEqual(self.count(cur, "select count(*) from arr"), 2)
            c.rollback()

    def test_lastrowid(self):
        with self.connect() as c:
            cur = c.cursor()
            cur.execute("create table rid (n number)")
            cur.execute("insert into rid values (1)")
            first = cur.lastrowid
            cur.execute("insert into rid values (2)")
            self.assertEqual(len(first), 18)
            self.assertNotEqual(first, cur.lastrowid)
            cur.execute("update rid set n = 5 where n = 1")
            self.assertEqual(cur.lastrowid, first)
            c.rollback()

    def test_refused_request_keeps_step(self):
        with self.connect() as c:
            cur = c.cursor()
            n = 65536
            with self.assertRaises(oracledb.DatabaseError) as ctx:
                cur.execute("select " + ", ".join(":%d" % (i + 1) for i in range(n)) + " from dual", [1] * n)
            self.assertEqual(ctx.exception.args[0].code, 1745)
            cur.execute("create table instep (n number)")
            with self.assertRaises(oracledb.DatabaseError) as ctx:
                cur.executemany("insert into instep values (1)", 100001)  # over 100,000 executions
            self.assertEqual(ctx.exception.args[0].code, 3115)
            self.assertEqual(self.count(cur, "select count(*) from instep"), 0)
            for k in (2, 3, 5):
                cur.execute("select %d from dual" % k)
                self.assertEqual(cur.fetchone(), (k,))

    def test_bind_rows_ending_on_a_packet_boundary(self):
        # The driver does not mark a request's last packet: one whose bind rows
        # exactly fill their last packet ends there.  Growing one value a byte
        # at a time moves the request's end across a packet boundary.
        with self.connect() as c:
            cur = c.cursor()
            cur.execute("create table edge (a varchar2(4000), b varchar2(300))")
            for k in range(250):
                cur.executemany("insert into edge values (:1, :2)", [("y" * 4000, "x" * k), ("y" * 4000, "z")])
            self.assertEqual(self.count(cur, "select count(*) from edge"), 500)
            self.assertEqual(self.count(cur, "select sum(length(b)) from edge"), 250 * 249 // 2 + 250)
            c.rollback()


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=2).result
    failed = len(result.failures) + len(result.errors)
    print("python-oracledb calls: %d passed, %d failed" % (result.testsRun - failed, failed))
    sys.exit(1 if failed else 0)
