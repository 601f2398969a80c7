/*
 * test_alter_session.c - ALTER SESSION end to end: each setting takes
 * effect in the session that sets it (and only there) and shows where
 * Oracle shows it (SYS_CONTEXT, NLS_SESSION_PARAMETERS, SESSIONTIMEZONE);
 * values Oracle refuses give its errors.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "harness.h"

static wi inst;

static int setup(void **state)
{
    wi_start(&inst);
    wdn_conn *sys = wi_connect(&inst, "system", WI_PASSWORD);
    wi_exec(sys, "create user scott identified by tiger");
    wi_exec(sys, "grant create session, resource to scott");
    wi_exec(sys, "create user hr identified by hr");
    wi_exec(sys, "grant create session, resource to hr");
    wdn_close(sys);
    wdn_conn *hr = wi_connect(&inst, "hr", "hr");
    wi_exec(hr, "create table jobs (id number, title varchar2(20))");
    wi_exec(hr, "insert into jobs values (1, 'clerk')");
    wi_exec(hr, "commit");
    wdn_close(hr);
    return 0;
}

static int teardown(void **state)
{
    wi_stop(&inst);
    return 0;
}

static void expect(wdn_conn *c, const char *sql, const char *want)
{
    char *got = wi_scalar(c, sql);
    if (!got || strcmp(got, want) != 0) fail_msg("%s\n  got  %s\n  want %s", sql, got, want);
    free(got);
}

static void expect_error_at(wdn_conn *c, const char *sql, int code, int offset)
{
    int at = -1, got = wi_fail(c, sql, &at);
    if (got != code || at != offset)
        fail_msg("%s\n  got ORA-%05d at %d, want ORA-%05d at %d", sql, got, at, code, offset);
}

static void test_nls_date_format(void **state)
{
    wdn_conn *c = wi_connect(&inst, "scott", "tiger");
    expect(c, "select to_char(date '2024-01-02') from dual", "02-JAN-24");
    wi_exec(c, "alter session set nls_date_format = 'YYYY-MM-DD HH24:MI'");
    expect(c, "select to_char(date '2024-01-02') from dual", "2024-01-02 00:00");
    expect(c, "select to_char(to_date('2024-03-04 05:06')) from dual", "2024-03-04 05:06");
    expect(c, "select to_char(add_months('2024-01-31 10:00', 1), 'DD.MM.YYYY') from dual",
           "29.02.2024");
    expect(c, "select value from nls_session_parameters where parameter = 'NLS_DATE_FORMAT'",
           "YYYY-MM-DD HH24:MI");
    expect(c, "select sys_context('USERENV', 'NLS_DATE_FORMAT') from dual", "YYYY-MM-DD HH24:MI");
    wi_fail_with(c, "select to_date('02-JAN-24') from dual",
                 "ORA-01858: a non-numeric character was found where a numeric was expected");
    expect_error_at(c, "alter session set nls_date_format = 'YYYY-QQQ-BAD'", 1821, 36);
    expect(c, "select sys_context('USERENV', 'NLS_DATE_FORMAT') from dual", "YYYY-MM-DD HH24:MI");
    wi_exec(c, "alter session set nls_timestamp_format = 'YYYY-MM-DD HH24:MI:SSXFF3'");
    expect(c, "select to_char(timestamp '2024-01-02 03:04:05.678') from dual",
           "2024-01-02 03:04:05.678");
    wi_exec(c, "alter session set nls_timestamp_tz_format = 'YYYY-MM-DD HH24:MI TZR'");
    expect(c,
           "select value from nls_session_parameters where parameter = 'NLS_TIMESTAMP_TZ_FORMAT'",
           "YYYY-MM-DD HH24:MI TZR");
    wdn_conn *other = wi_connect(&inst, "scott", "tiger"); /* another session keeps its own */
    expect(other, "select to_char(date '2024-01-02') from dual", "02-JAN-24");
    /* the database's and the instance's stay Oracle's defaults */
    expect(c, "select value from nls_database_parameters where parameter = 'NLS_DATE_FORMAT'",
           "DD-MON-RR");
    expect(c, "select value from nls_database_parameters where parameter = 'NLS_CHARACTERSET'",
           "AL32UTF8");
    expect(c, "select count(*) || ',' || count(value) from nls_instance_parameters", "17,4");
    wdn_close(other);
    wdn_close(c);
}

/* Minutes from the server's time zone (a new session's) to offset "+hh:mm" TZ. */
static long minutes_to(const char *server_tz, const char *tz)
{
    int sh, sm, th, tm;
    sscanf(server_tz + 1, "%d:%d", &sh, &sm);
    sscanf(tz + 1, "%d:%d", &th, &tm);
    return (tz[0] == '-' ? -1 : 1) * (th * 60 + tm) -
           (server_tz[0] == '-' ? -1 : 1) * (sh * 60 + sm);
}

static void test_time_zone(void **state)
{
    wdn_conn *c = wi_connect(&inst, "scott", "tiger");
    char *server_tz = wi_scalar(c, "select sessiontimezone from dual");
    expect(c, "select dbtimezone from dual", "+00:00");
    wi_exec(c, "alter session set time_zone = '+05:30'");
    expect(c, "select sessiontimezone from dual", "+05:30");
    /* CURRENT_DATE, CURRENT_TIMESTAMP, LOCALTIMESTAMP move; SYSDATE stays the server's */
    char want[32];
    snprintf(want, sizeof want, "%ld", minutes_to(server_tz, "+05:30"));
    expect(c, "select to_char(round((current_date - sysdate) * 1440)) from dual", want);
    expect(c, "select to_char(round((cast(localtimestamp as date) - sysdate) * 1440)) from dual",
           want);
    /* CURRENT_TIMESTAMP and SYSTIMESTAMP: the same instant in two time zones */
    expect(c, "select to_char(extract(minute from current_timestamp - systimestamp)) from dual",
           "0");
    expect(c, "select to_char(current_timestamp, 'TZH:TZM') from dual", "+05:30");
    wi_exec(c, "alter session set time_zone = 'UTC'");
    expect(c, "select sessiontimezone from dual", "UTC");
    snprintf(want, sizeof want, "%ld", minutes_to(server_tz, "+00:00"));
    expect(c, "select to_char(round((current_date - sysdate) * 1440)) from dual", want);
    wi_exec(c, "alter session set time_zone = 'Europe/Paris'");
    expect(c, "select sessiontimezone from dual", "Europe/Paris");
    long paris = wi_count(c, "select round((current_date - sysdate) * 1440) from dual") +
                 minutes_to("+00:00", server_tz);
    assert_true(paris == 60 || paris == 120); /* CET or CEST */
    wi_exec(c, "alter session set time_zone = dbtimezone");
    expect(c, "select sessiontimezone from dual", "+00:00");
    wi_exec(c, "alter session set time_zone = '-3:00'");
    expect(c, "select sessiontimezone from dual", "-03:00");
    wi_exec(c, "alter session set time_zone = local");
    expect(c, "select sessiontimezone from dual", server_tz);
    expect_error_at(c, "alter session set time_zone = 'Mars/Olympus'", 1882, 30);
    expect_error_at(c, "alter session set time_zone = '+16:00'", 1874, 30);
    expect_error_at(c, "alter session set time_zone = '+05:75'", 1875, 30);
    expect(c, "select sessiontimezone from dual", server_tz);
    free(server_tz);
    wdn_close(c);
}

static void test_plsql_sees_time_zone(void **state)
{
    wdn_conn *c = wi_connect(&inst, "scott", "tiger");
    wi_exec(c, "create table tz_seen (tz varchar2(64))");
    wi_exec(c, "alter session set time_zone = '+02:00'");
    wi_exec(c, "begin insert into tz_seen values (sessiontimezone); end;");
    expect(c, "select tz from tz_seen", "+02:00");
    wi_exec(c, "drop table tz_seen");
    wdn_close(c);
}

static void test_numeric_characters(void **state)
{
    wdn_conn *c = wi_connect(&inst, "scott", "tiger");
    expect(c, "select to_char(1234.5, 'fm9G999D99') from dual", "1,234.5");
    wi_exec(c, "alter session set nls_numeric_characters = ',.'");
    expect(c, "select to_char(1234.5, 'fm9G999D99') from dual", "1.234,5");
    expect(c, "select to_char(1234.5, 'fm9,999.99') from dual", "1,234.5");
    expect(c, "select to_char(to_number('1.234,5', '9G999D99') * 2) from dual", "2469");
    expect(c, "select to_char(2.5) from dual", "2,5");
    expect(c, "select value from nls_session_parameters where parameter = "
              "'NLS_NUMERIC_CHARACTERS'",
           ",.");
    expect_error_at(c, "alter session set nls_numeric_characters = '.'", 12705, 43);
    expect_error_at(c, "alter session set nls_numeric_characters = '..'", 12705, 43);
    wdn_close(c);
}

static void test_language_and_territory(void **state)
{
    wdn_conn *c = wi_connect(&inst, "scott", "tiger");
    expect(c, "select sys_context('USERENV', 'LANGUAGE') from dual", "AMERICAN_AMERICA.AL32UTF8");
    wi_exec(c, "alter session set nls_territory = 'GERMANY'");
    expect(c, "select sys_context('USERENV', 'NLS_TERRITORY') from dual", "GERMANY");
    expect(c, "select to_char(date '2024-01-02') from dual", "02.01.24");
    expect(c, "select to_char(1234.5, 'fm9G999D99') from dual", "1.234,5");
    wi_exec(c, "alter session set nls_language = english nls_territory = 'united kingdom'");
    expect(c, "select sys_context('USERENV', 'LANGUAGE') from dual",
           "ENGLISH_UNITED KINGDOM.AL32UTF8");
    expect(c, "select sys_context('USERENV', 'LANG') from dual", "GB");
    expect(c, "select value from nls_session_parameters where parameter = 'NLS_LANGUAGE'",
           "ENGLISH");
    expect(c, "select count(*) from nls_session_parameters", "17");
    expect_error_at(c, "alter session set nls_language = 'KLINGON'", 12705, 33);
    expect_error_at(c, "alter session set nls_territory = 'ATLANTIS'", 12705, 34);
    expect_error_at(c, "alter session set nls_language = 'FRENCH'", 3001, 33);
    wdn_close(c);
}

static void test_current_schema(void **state)
{
    wdn_conn *c = wi_connect(&inst, "scott", "tiger");
    wi_exec(c, "create table jobs (id number)");
    expect(c, "select count(*) from jobs", "0");
    wi_exec(c, "alter session set current_schema = hr");
    expect(c, "select sys_context('USERENV', 'CURRENT_SCHEMA') from dual", "HR");
    expect(c, "select sys_context('USERENV', 'SESSION_USER') from dual", "SCOTT");
    /* HR.JOBS now, but SCOTT holds no privilege on it: ORA-00942 as in Oracle */
    wi_fail_with(c, "select title from jobs", "ORA-00942: table or view does not exist");
    expect(c, "select count(*) from scott.jobs", "0");
    expect_error_at(c, "alter session set current_schema = nosuch", 1435, 35);
    expect(c, "select sys_context('USERENV', 'CURRENT_SCHEMA') from dual", "HR");
    wi_exec(c, "alter session set current_schema = scott");
    expect(c, "select count(*) from jobs", "0");
    wi_exec(c, "drop table jobs");
    wdn_close(c);
    wdn_conn *sys = wi_connect(&inst, "system", WI_PASSWORD);
    wi_exec(sys, "alter session set current_schema = hr");
    expect(sys, "select title from jobs", "clerk");
    char *hr_id = wi_scalar(sys, "select to_char(user_id) from all_users where username = 'HR'");
    expect(sys, "select sys_context('USERENV', 'CURRENT_SCHEMAID') from dual", hr_id);
    free(hr_id);
    wdn_close(sys);
}

static void test_commit_in_procedure(void **state)
{
    wdn_conn *c = wi_connect(&inst, "scott", "tiger");
    wi_exec(c, "create table cip (n number)");
    wi_exec(c, "alter session disable commit in procedure");
    wi_fail_with(c, "begin insert into cip values (1); commit; end;",
                 "ORA-00034: cannot COMMIT in current PL/SQL session\nORA-06512: at line 1");
    wi_fail_with(c, "begin\n  rollback;\nend;",
                 "ORA-00034: cannot ROLLBACK in current PL/SQL session\nORA-06512: at line 2");
    wi_exec(c, "insert into cip values (2)");
    wi_exec(c, "commit"); /* outside PL/SQL it is allowed */
    wi_exec(c, "alter session enable commit in procedure");
    wi_exec(c, "begin insert into cip values (3); commit; end;");
    expect(c, "select count(*) from cip", "2");
    wi_exec(c, "drop table cip");
    wdn_close(c);
}

static void test_other_parameters(void **state)
{
    wdn_conn *c = wi_connect(&inst, "scott", "tiger");
    wi_exec(c, "alter session set isolation_level = read committed");
    expect_error_at(c, "alter session set isolation_level = serializable", 3001, 36);
    wi_exec(c, "alter session set edition = ora$base");
    expect_error_at(c, "alter session set edition = e2", 38802, 28);
    wi_exec(c, "alter session set container = cdb$root");
    expect_error_at(c, "alter session set container = pdb1", 65011, 30);
    expect_error_at(c, "alter session set optimizer_mode = all_rows", 3001, 18);
    expect_error_at(c, "alter session set no_such_parameter = 1", 2248, 18);
    expect_error_at(c, "alter session set nls_date_format 'YYYY'", 922, 34);
    expect_error_at(c, "alter session set", 922, 17);
    expect_error_at(c, "alter session foo", 922, 14);
    expect_error_at(c, "alter session enable parallel dml", 3001, 0);
    wdn_close(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nls_date_format),
        cmocka_unit_test(test_time_zone),
        cmocka_unit_test(test_plsql_sees_time_zone),
        cmocka_unit_test(test_numeric_characters),
        cmocka_unit_test(test_language_and_territory),
        cmocka_unit_test(test_current_schema),
        cmocka_unit_test(test_commit_in_procedure),
        cmocka_unit_test(test_other_parameters),
    };
    return cmocka_run_group_tests_name("e2e_alter_session", tests, setup, teardown);
}
