#!/usr/bin/python3
"""python-oracledb (Thin mode, Debian's python3-oracledb) against a live
Warden instance: logon, executemany, every basic type back, errors with
numbers and offsets, wrong password, unknown service, break of an idle
connection.  Starts its own instance on a free loopback port."""
import datetime
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest

import oracledb

PASSWORD = "Manager1"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_wardend(args, port, out):
    """Run wardend ARGS (after the binary), output to OUT; return it once PORT accepts."""
    bindir = os.environ.get("WARDEN_BIN", os.path.join(os.path.dirname(__file__), "../../build/release/bin"))
    env = dict(os.environ, WARDEN_PASSWORD=PASSWORD)
    proc = subprocess.Popen([os.path.join(bindir, "wardend")] + args, stdout=out, stderr=out, env=env)
    deadline = time.time() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return proc
        except OSError:
            if proc.poll() is not None or time.time() > deadline:
                raise RuntimeError("wardend %s did not start" % " ".join(args))
            time.sleep(0.05)


def stop_wardend(proc):
    """SIGTERM (a shutdown), then SIGKILL after 10 s."""
    if proc is None or proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


class Instance:
    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="warden-compat-py-")
        self.port = free_port()
        out = open(os.path.join(self.dir, "wardend.out"), "ab")
        self.proc = start_wardend(["-D", os.path.join(self.dir, "data"), "-p", str(self.port)], self.port, out)
        self.dsn = "127.0.0.1:%d/WARDEN" % self.port

    def stop(self):
        stop_wardend(self.proc)
        if not os.environ.get("WARDEN_KEEP"):
            shutil.rmtree(self.dir, ignore_errors=True)


class InstanceTestCase(unittest.TestCase):
    """A private instance for the class, with USER (password USER_PASSWORD) holding CONNECT, RESOURCE."""
    USER, USER_PASSWORD = "scott", "tiger"

    @classmethod
    def setUpClass(cls):
        cls.inst = Instance()
        with oracledb.connect(user="system", password=PASSWORD, dsn=cls.inst.dsn) as c:
            c.cursor().execute("create user %s identified by %s" % (cls.USER, cls.USER_PASSWORD))
            c.cursor().execute("grant connect, resource to %s" % cls.USER)

    @classmethod
    def tearDownClass(cls):
        cls.inst.stop()

    def connect(self):
        return oracledb.connect(user=self.USER, password=self.USER_PASSWORD, dsn=self.inst.dsn)


class PythonOracledbTest(InstanceTestCase):

    def test_types_round_trip(self):
        with self.connect() as c:
            cur = c.cursor()
            cur.execute("create table pt (id number(5), n number, s varchar2(20), d date)")
            rows = [(i, i * 1.25 - 3, "row é %d" % i, datetime.datetime(2024, 1 + i % 12, 1 + i % 28, 10, 11, 12)) for i in range(1, 251)]
            cur.executemany("insert into pt values (:1, :2, :3, :4)", rows)
            self.assertEqual(cur.rowcount, 250)
            c.commit()
            cur.execute("select id, n, s, d from pt order by id")
            self.assertEqual([d[0] for d in cur.description], ["ID", "N", "S", "D"])
            self.assertEqual(cur.fetchall(), rows)
            cur.execute("select s from pt where id = :id", id=7)
            self.assertEqual(cur.fetchone(), ("row é 7",))

    def test_repeated_columns(self):
        """Values equal to the row before's are left out and flagged in a bit vector (ttc_rows.h);
        every fetch size gives back the rows as stored, NULLs and all types among them."""
        with self.connect() as c:
            cur = c.cursor()
            cur.execute("create table rep (k number, n number, s varchar2(20), d date, r raw(4))")
            rows = [(k, None if k // 3 % 4 == 3 else k // 3 * 1.5, "run %d" % (k // 5) if k % 7 else None,
                     datetime.datetime(2024, 1, 1 + k // 4 % 28), bytes([k // 6 % 256, 1]))
                    for k in range(200)]
            cur.executemany("insert into rep values (:1, :2, :3, :4, :5)", rows)
            c.commit()
            for size in (1, 2, 7, 100, 500):
                cur.arraysize = size
                cur.prefetchrows = size
                cur.execute("select k, n, s, d, r from rep order by k")
                self.assertEqual(cur.fetchall(), rows, "arraysize %d" % size)

    def test_statement_executed_again(self):
        """The statement cache re-executes the cursor: new binds, and a describe that changes."""
        with self.connect() as c:
            cur = c.cursor()
            cur.execute("create table again (k number primary key, v varchar2(20))")
            cur.executemany("insert into again values (:1, :2)", [(1, "one"), (2, "two"), (3, "three")])
            c.commit()
            for k, want in [(2, [("two",)]), (1, [("one",)]), (9, []), (3, [("three",)]), (2, [("two",)])]:
                cur.execute("select v from again where k = :1", [k])
                self.assertEqual(cur.fetchall(), want)
            seen = []
            for k in (1, 2, 1):
                # a bind's type is not known before: its first value types the column
                cur.execute("select nullif(:1, 2) as x from dual", [k])
                seen.append((cur.fetchone()[0], cur.description[0][1]))
            self.assertEqual(seen, [(1, oracledb.DB_TYPE_NUMBER), (None, oracledb.DB_TYPE_VARCHAR),
                                    (1, oracledb.DB_TYPE_NUMBER)])

    def test_lob_columns(self):
        """BLOB and CLOB describe as such: LOB objects read through their locators, or bytes and
        str with fetch_lobs off."""
        with self.connect() as c:
            cur = c.cursor()
            cur.execute("create table lobs (id number, b blob, c clob)")
            rows = [(1, b"\x00\xff\x80", "h\u00e9llo w\u00f6rld"), (2, b"plain ascii bytes", None),
                    (3, bytes(range(256)) * 160, "\u00e9" * 30000)]
            for row in rows:
                cur.execute("insert into lobs values (:1, :2, :3)", row)
            cur.execute("select id, b, c from lobs order by id")
            self.assertEqual([d[:2] for d in cur.description[1:]],
                             [("B", oracledb.DB_TYPE_BLOB), ("C", oracledb.DB_TYPE_CLOB)])
            got = [(i, b.read(), c and c.read()) for i, b, c in cur.fetchall()]
            self.assertEqual(got, rows)
            cur.execute("select c from lobs where id = 1")
            lob = cur.fetchone()[0]
            self.assertEqual((lob.size(), lob.read(2, 4)), (11, "\u00e9llo"))
            oracledb.defaults.fetch_lobs = False
            try:  # a statement of its own: a cached one keeps how its columns were defined
                cur.execute("select id, b, c from lobs order by 1")
                self.assertEqual(cur.fetchall(), rows)
            finally:
                oracledb.defaults.fetch_lobs = True
            cur.execute("select hextoraw('00ff80'), rawtohex(b) from lobs where id = 1")
            self.assertEqual(cur.fetchone(), (b"\x00\xff\x80", "00FF80"))
            c.rollback()

    def test_lob_writes(self):
        """Writes through a RETURNING locator (write at offsets, trim), a temporary LOB bound."""
        with self.connect() as c:
            cur = c.cursor()
            cur.execute("create table lobw (id number, c clob, b blob)")
            cv, bv = cur.var(oracledb.DB_TYPE_CLOB), cur.var(oracledb.DB_TYPE_BLOB)
            cur.execute("insert into lobw values (1, empty_clob(), empty_blob()) "
                        "returning c, b into :1, :2", [cv, bv])
            clob, blob = cv.getvalue()[0], bv.getvalue()[0]
            clob.write("hello world")
            clob.write("!", 12)
            clob.trim(5)
            blob.write(b"\x01\x02\x03")
            temp = c.createlob(oracledb.DB_TYPE_CLOB)
            temp.write("temporary")
            cur.execute("insert into lobw (id, c) values (2, :1)", [temp])
            cur.execute("select c, b from lobw order by id")
            got = [(x.read(), y and y.read()) for x, y in cur]
            self.assertEqual(got, [("hello", b"\x01\x02\x03"), ("temporary", None)])
            c.rollback()

    def test_uncommitted_invisible(self):
        with self.connect() as a, self.connect() as b:
            a.cursor().execute("create table vis (x number)")
            a.cursor().execute("insert into vis values (1)")
            cb = b.cursor()
            cb.execute("select count(*) from vis")
            self.assertEqual(cb.fetchone(), (0,))
            a.commit()
            cb.execute("select count(*) from vis")
            self.assertEqual(cb.fetchone(), (1,))

    def test_error_number_and_offset(self):
        with self.connect() as c:
            with self.assertRaises(oracledb.DatabaseError) as ctx:
                c.cursor().execute("select * from nosuch")
            err = ctx.exception.args[0]
            self.assertEqual((err.code, err.offset), (942, 14))

    def test_wrong_password(self):
        with self.assertRaises(oracledb.DatabaseError) as ctx:
            oracledb.connect(user="scott", password="nope", dsn=self.inst.dsn)
        self.assertEqual(ctx.exception.args[0].code, 1017)

    def logon_error(self, **kw):
        with self.assertRaises(oracledb.DatabaseError) as ctx:
            oracledb.connect(dsn=self.inst.dsn, **kw)
        return ctx.exception.args[0]

    def test_sysdba_privilege(self):
        """mode=AUTH_MODE_SYSDBA: ORA-01031 and no session without SYSDBA; with it, a session of SYS."""
        sysdba = oracledb.AUTH_MODE_SYSDBA
        me = "select user, sys_context('USERENV', 'ISDBA') from dual"
        with oracledb.connect(user="system", password=PASSWORD, dsn=self.inst.dsn) as dba:
            cur = dba.cursor()
            count = "select count(*) from v$session where type = 'USER'"
            before = cur.execute(count).fetchone()[0]
            err = self.logon_error(user="scott", password="tiger", mode=sysdba)
            self.assertEqual((err.code, err.message), (1031, "ORA-01031: insufficient privileges"))
            self.assertEqual(self.logon_error(user="scott", password="wrong", mode=sysdba).code, 1017)
            self.assertEqual(self.logon_error(user="system", password=PASSWORD, mode=sysdba).code, 1031)
            self.assertEqual(self.logon_error(user="sys", password=PASSWORD).code, 28009)
            self.assertEqual(cur.execute(count).fetchone()[0], before)
        with oracledb.connect(user="sys", password=PASSWORD, dsn=self.inst.dsn, mode=sysdba) as sys:
            cur = sys.cursor()
            self.assertEqual(cur.execute(me).fetchall(), [("SYS", "TRUE")])
            cur.execute("grant sysdba to scott")
            with oracledb.connect(user="scott", password="tiger", dsn=self.inst.dsn, mode=sysdba) as c:
                self.assertEqual(c.cursor().execute(me).fetchall(), [("SYS", "TRUE")])
            cur.execute("revoke sysdba from scott")
        self.assertEqual(self.logon_error(user="scott", password="tiger", mode=sysdba).code, 1031)
        with oracledb.connect(user="sys", password=PASSWORD, dsn=self.inst.dsn,
                              mode=oracledb.AUTH_MODE_SYSOPER) as oper:
            self.assertEqual(oper.cursor().execute(me).fetchall(), [("PUBLIC", "FALSE")])

    def test_unknown_service(self):
        with self.assertRaises(oracledb.DatabaseError) as ctx:
            oracledb.connect(user="scott", password="tiger", dsn="127.0.0.1:%d/NOSUCH" % self.inst.port)
        self.assertIn("12514", str(ctx.exception))

    def test_idle_cancel(self):
        with self.connect() as c:
            c.cancel()
            with self.assertRaises(oracledb.DatabaseError) as ctx:
                c.cursor().execute("select 1 from dual")
            self.assertEqual(ctx.exception.args[0].code, 1013)
            cur = c.cursor()
            cur.execute("select 1 from dual")
            self.assertEqual(cur.fetchone(), (1,))


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=2).result
    failed = len(result.failures) + len(result.errors)
    print("python-oracledb: %d passed, %d failed" % (result.testsRun - failed, failed))
    sys.exit(1 if failed else 0)
