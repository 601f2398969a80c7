#!/usr/bin/python3
"""python-oracledb (Thin mode, Debian's python3-oracledb) against a three-instance Warden
cluster: a descriptor with several addresses (the listeners balance new connections over
the instances, FAILOVER gets past a stopped one), an instance chosen by its SID in
CONNECT_DATA (the listener hands the client to it with a REDIRECT; python-oracledb 1.2.1
leaves INSTANCE_NAME out of what it sends), and GV$ from the driver."""
import os
import shutil
import tempfile
import unittest

import oracledb

from python_oracledb_test import PASSWORD, free_port, start_wardend, stop_wardend


class Member:
    def __init__(self, data, inst, out):
        self.data, self.inst, self.out, self.port, self.proc = data, inst, out, free_port(), None

    def start(self):
        self.proc = start_wardend(["-D", self.data, "-p", str(self.port), "--instance", str(self.inst)],
                                  self.port, self.out)

    def stop(self):
        stop_wardend(self.proc)

    def address(self):
        return "(ADDRESS=(PROTOCOL=TCP)(HOST=127.0.0.1)(PORT=%d))" % self.port


def descriptor(members, options="", connect_data="(SERVICE_NAME=WARDEN)"):
    return "(DESCRIPTION=%s(ADDRESS_LIST=%s)(CONNECT_DATA=%s))" % (
        options, "".join(m.address() for m in members), connect_data)


class ClusterTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="warden-compat-py-cluster-")
        cls.out = open(os.path.join(cls.dir, "wardend.out"), "ab")
        data = os.path.join(cls.dir, "data")
        cls.members = [Member(data, i, cls.out) for i in (1, 2, 3)]
        for m in cls.members:
            m.start()

    @classmethod
    def tearDownClass(cls):
        for m in reversed(cls.members):
            m.stop()
        cls.out.close()
        if not os.environ.get("WARDEN_KEEP"):
            shutil.rmtree(cls.dir, ignore_errors=True)

    def instance_of(self, dsn):
        with oracledb.connect(user="system", password=PASSWORD, dsn=dsn) as c:
            return c.cursor().execute("select instance_name from v$instance").fetchone()[0]

    def test_connections_spread_over_the_instances(self):
        dsn = descriptor(self.members, "(LOAD_BALANCE=on)(FAILOVER=on)")
        conns = [oracledb.connect(user="system", password=PASSWORD, dsn=dsn) for _ in range(12)]
        try:
            seen = {c.cursor().execute("select instance_name from v$instance").fetchone()[0] for c in conns}
            self.assertGreaterEqual(len(seen), 2, seen)
            rows = conns[0].cursor().execute(
                "select count(*) from gv$session where type = 'USER' and program like '%python%'").fetchone()
            self.assertEqual(rows[0], 12)
        finally:
            for c in conns:
                c.close()

    def test_sid_selects_the_instance(self):
        one, two, three = self.members
        self.assertEqual(self.instance_of(descriptor([one], "", "(SID=WARDEN3)")), "WARDEN3")
        self.assertEqual(self.instance_of(descriptor([three], "", "(SID=WARDEN1)")), "WARDEN1")
        with self.assertRaises(oracledb.Error) as e:
            self.instance_of(descriptor([one], "", "(SID=NOSUCH)"))
        self.assertIn("NOSUCH", str(e.exception))

    def test_failover_while_an_instance_is_down(self):
        one = self.members[0]
        one.stop()
        try:
            dsn = descriptor(self.members, "(FAILOVER=on)")
            for _ in range(3):
                self.assertNotEqual(self.instance_of(dsn), "WARDEN1")
        finally:
            one.start()
        self.assertEqual(self.instance_of(descriptor([one], "", "(SID=WARDEN1)")), "WARDEN1")


if __name__ == "__main__":
    unittest.main()
