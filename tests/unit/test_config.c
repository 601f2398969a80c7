/*
 * test_config.c - warden.conf: defaults, what a written file reads back as,
 * overrides, the derived SESSIONS, MAX_PENDING_CONNECTIONS, TRANSACTIONS and
 * DML_LOCKS defaults, and refused input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "common/config.h"

static char path[64];

static int setup(void **state)
{
    snprintf(path, sizeof path, "/tmp/warden-conf-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    return 0;
}

static int teardown(void **state)
{
    unlink(path);
    return 0;
}

static void write_file(const char *text)
{
    FILE *f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
}

static int load(warden_config *c, char *msg)
{
    config_defaults(c);
    return config_load(c, path, msg, 256);
}

static void test_defaults_round_trip(void **state)
{
    warden_config a, b;
    config_defaults(&a);
    assert_string_equal(a.instance_name, "WARDEN");
    assert_string_equal(a.listener_address, "127.0.0.1");
    assert_int_equal(a.listener_port, 1521);
    assert_int_equal(a.kill_session_wait, 60);
    assert_int_equal(a.inbound_connect_timeout, 60);
    assert_int_equal(a.session_pga_limit, 64);
    assert_int_equal(config_write(&a, path), 0);
    char msg[256] = "";
    assert_int_equal(load(&b, msg), 0);
    assert_string_equal(b.service_names, "WARDEN");
    assert_int_equal(b.listener_port, 1521);
    assert_int_equal(b.processes, 300);
    assert_int_equal(b.sessions, 300 * 3 / 2 + 22); /* derived: 1.5 * processes + 22 */
    assert_int_equal(b.inbound_connect_timeout, 60);
    assert_int_equal(b.max_pending_connections, 300 / 4); /* derived: processes / 4 */
    assert_int_equal(b.session_pga_limit, 64);
    assert_int_equal(config_transactions(&b), (300 * 3 / 2 + 22) * 11 / 10); /* 1.1 * sessions */
    assert_int_equal(config_dml_locks(&b), 4 * config_transactions(&b));      /* derived */
    assert_int_equal(b.row_locks, 2097152);
}

static void test_overrides(void **state)
{
    write_file("# comment\n"
               "instance_name = prod   # trailing comment\n"
               "service_names='PROD, PRODRO'\n"
               "listener_port=15210\n"
               "processes = 100\n"
               "sessions = 1000\n"
               "kill_session_wait = 5\n"
               "inbound_connect_timeout = 0\n"
               "max_pending_connections = 7\n"
               "session_pga_limit = 0\n"
               "transactions = 200\n"
               "row_locks = 100000\n");
    warden_config c;
    char msg[256] = "";
    assert_int_equal(load(&c, msg), 0);
    assert_string_equal(c.instance_name, "PROD"); /* names are upper case */
    assert_string_equal(c.service_names, "PROD, PRODRO");
    assert_int_equal(c.listener_port, 15210);
    assert_int_equal(c.sessions, 1000);
    assert_int_equal(c.kill_session_wait, 5);
    assert_int_equal(c.inbound_connect_timeout, 0); /* no limit */
    assert_int_equal(c.max_pending_connections, 7);
    assert_int_equal(c.session_pga_limit, 0); /* no limit */
    assert_int_equal(config_transactions(&c), 200);
    assert_int_equal(config_dml_locks(&c), 800); /* 4 * the configured transactions */
    assert_int_equal(c.row_locks, 100000);
    write_file("processes = 100\nsessions = 10\n"); /* below the derived minimum */
    assert_int_equal(load(&c, msg), 0);
    assert_int_equal(c.sessions, 172);
    assert_int_equal(c.max_pending_connections, 25);
}

static void test_refused(void **state)
{
    static const char *const bad[] = {
        "no_such_parameter = 1\n", "listener_port = 70000\n", "listener_port = abc\n",
        "processes = 1\n",         "just some words\n",       "instance_name = \n",
        "inbound_connect_timeout = -1\n", "max_pending_connections = 0\n",
        "session_pga_limit = -1\n", "session_pga_limit = 2000000\n", "session_pga_limit = 1.5\n",
        "transactions = 0\n", "dml_locks = 5\n", "row_locks = 1000\n", "row_locks = 100000000\n",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        write_file(bad[i]);
        warden_config c;
        char msg[256] = "";
        assert_int_equal(load(&c, msg), -1);
        assert_non_null(strstr(msg, path)); /* the message names the file and line */
    }
    warden_config c;
    char msg[256] = "";
    config_defaults(&c);
    assert_int_equal(config_load(&c, "/nonexistent/warden.conf", msg, sizeof msg), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_defaults_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_overrides, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refused, setup, teardown),
    };
    return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
