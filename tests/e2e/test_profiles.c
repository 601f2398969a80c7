/*
 * test_profiles.c - profiles as Oracle keeps them, over a real instance:
 * the DEFAULT profile with Oracle's first limits, CREATE / ALTER / DROP
 * PROFILE [CASCADE], CREATE USER / ALTER USER ... PROFILE, DBA_PROFILES and
 * DBA_USERS.PROFILE, the privileges each statement needs, and the exact ORA-
 * texts of every refusal.  (The limits are stored and shown, not enforced.)
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
    wdn_conn *dba = wi_connect(&inst, "system", WI_PASSWORD);
    wi_exec(dba, "create user plain identified by plain1");
    wi_exec(dba, "grant connect to plain");
    wdn_close(dba);
    return 0;
}

static int teardown(void **state)
{
    wi_stop(&inst);
    return 0;
}

/* The LIMIT of PROFILE's RESOURCE in DBA_PROFILES must be WANT. */
static void expect_limit(wdn_conn *c, const char *profile, const char *resource, const char *want)
{
    char *got = wi_scalarf(c,
                           "select limit from dba_profiles where profile = '%s' and "
                           "resource_name = '%s'",
                           profile, resource); /* LIMIT is no reserved word */
    if (!got || strcmp(got, want) != 0)
        fail_msg("%s.%s: expected %s, got %s", profile, resource, want, got ? got : "no row");
    free(got);
}

static void expect_user_profile(wdn_conn *c, const char *user, const char *want)
{
    char *got = wi_scalarf(c, "select profile from dba_users where username = '%s'", user);
    if (!got || strcmp(got, want) != 0)
        fail_msg("%s: expected profile %s, got %s", user, want, got ? got : "no row");
    free(got);
}

/* A new database has the DEFAULT profile with Oracle 19c's limits; every user has it. */
static void test_default_profile(void **state)
{
    wdn_conn *dba = wi_connect(&inst, "system", WI_PASSWORD);
    assert_int_equal(wi_count(dba, "select count(*) from dba_profiles where profile = 'DEFAULT'"),
                     18);
    expect_limit(dba, "DEFAULT", "IDLE_TIME", "UNLIMITED");
    expect_limit(dba, "DEFAULT", "SESSIONS_PER_USER", "UNLIMITED");
    expect_limit(dba, "DEFAULT", "FAILED_LOGIN_ATTEMPTS", "10");
    expect_limit(dba, "DEFAULT", "PASSWORD_LIFE_TIME", "180");
    expect_limit(dba, "DEFAULT", "PASSWORD_VERIFY_FUNCTION", "NULL");
    assert_int_equal(wi_count(dba,
                              "select count(*) from dba_profiles where resource_type = "
                              "'KERNEL' and profile = 'DEFAULT' and oracle_maintained = 'YES'"),
                     9);
    assert_int_equal(wi_count(dba, "select count(*) from dba_profiles where resource_type = "
                                   "'PASSWORD' and profile = 'DEFAULT'"),
                     9);
    expect_user_profile(dba, "SYSTEM", "DEFAULT");
    expect_user_profile(dba, "PLAIN", "DEFAULT");
    wdn_close(dba);
}

/* CREATE and ALTER PROFILE store the limits; a limit not given is DEFAULT. */
static void test_create_and_alter(void **state)
{
    wdn_conn *dba = wi_connect(&inst, "system", WI_PASSWORD);
    wi_exec(dba, "create profile app limit idle_time 30 sessions_per_user 2 "
                 "password_life_time unlimited");
    assert_int_equal(wi_count(dba, "select count(*) from dba_profiles where profile = 'APP'"), 18);
    expect_limit(dba, "APP", "IDLE_TIME", "30");
    expect_limit(dba, "APP", "SESSIONS_PER_USER", "2");
    expect_limit(dba, "APP", "PASSWORD_LIFE_TIME", "UNLIMITED");
    expect_limit(dba, "APP", "CONNECT_TIME", "DEFAULT");
    wi_fail_with(dba, "create profile app limit idle_time 5",
                 "ORA-02379: profile APP already exists");
    wi_fail_with(dba, "create profile \"Default\" limit idle_time 5 idle_time 6",
                 "ORA-02376: invalid or redundant resource");
    wi_fail_with(dba, "create profile other limit frobs 3",
                 "ORA-02376: invalid or redundant resource");
    wi_exec(dba, "alter profile app limit idle_time 5 connect_time 60");
    expect_limit(dba, "APP", "IDLE_TIME", "5");
    expect_limit(dba, "APP", "CONNECT_TIME", "60");
    expect_limit(dba, "APP", "SESSIONS_PER_USER", "2");
    wi_fail_with(dba, "alter profile nosuch limit idle_time 5",
                 "ORA-02380: profile NOSUCH does not exist");
    wi_exec(dba, "alter profile default limit idle_time 120");
    expect_limit(dba, "DEFAULT", "IDLE_TIME", "120");
    wi_exec(dba, "alter profile default limit idle_time unlimited");
    wi_exec(dba, "drop profile app");
    assert_int_equal(wi_count(dba, "select count(*) from dba_profiles where profile = 'APP'"), 0);
    wdn_close(dba);
}

/* CREATE USER / ALTER USER ... PROFILE name an existing profile; DROP PROFILE minds its users. */
static void test_users_and_drop(void **state)
{
    wdn_conn *dba = wi_connect(&inst, "system", WI_PASSWORD);
    wi_exec(dba, "create profile clerk limit idle_time 10");
    wi_exec(dba, "create user ann identified by ann1 profile clerk");
    expect_user_profile(dba, "ANN", "CLERK");
    wi_fail_with(dba, "create user bea identified by bea1 profile nosuch",
                 "ORA-02380: profile NOSUCH does not exist");
    assert_int_equal(wi_count(dba, "select count(*) from all_users where username = 'BEA'"), 0);
    wi_fail_with(dba, "alter user ann profile nosuch", "ORA-02380: profile NOSUCH does not exist");
    expect_user_profile(dba, "ANN", "CLERK");
    wi_exec(dba, "alter user ann profile default");
    expect_user_profile(dba, "ANN", "DEFAULT");
    wi_exec(dba, "alter user ann profile clerk");
    wi_fail_with(dba, "drop profile clerk",
                 "ORA-02382: profile CLERK has users assigned, cannot drop without CASCADE");
    expect_limit(dba, "CLERK", "IDLE_TIME", "10");
    wi_exec(dba, "drop profile clerk cascade");
    expect_user_profile(dba, "ANN", "DEFAULT");
    wi_fail_with(dba, "drop profile clerk", "ORA-02380: profile CLERK does not exist");
    wi_fail_with(dba, "drop profile default", "ORA-02381: cannot drop PUBLIC_DEFAULT profile");
    wi_fail_with(dba, "drop profile default cascade",
                 "ORA-02381: cannot drop PUBLIC_DEFAULT profile");
    wi_exec(dba, "drop user ann");
    wdn_close(dba);
}

/* Each statement needs its privilege; DBA_PROFILES and DBA_USERS need SELECT ANY DICTIONARY. */
static void test_privileges(void **state)
{
    wdn_conn *dba = wi_connect(&inst, "system", WI_PASSWORD);
    wi_exec(dba, "create profile shared limit idle_time 10");
    wdn_conn *plain = wi_connect(&inst, "plain", "plain1");
    const char *insufficient = "ORA-01031: insufficient privileges";
    wi_fail_with(plain, "create profile mine limit idle_time 1", insufficient);
    wi_fail_with(plain, "alter profile shared limit idle_time 1", insufficient);
    wi_fail_with(plain, "drop profile shared", insufficient);
    wi_fail_with(plain, "alter user plain profile shared", insufficient);
    wi_fail_with(plain, "alter user plain identified by plain2 profile shared", insufficient);
    wi_fail_with(plain, "select count(*) from dba_profiles",
                 "ORA-00942: table or view does not exist");
    wi_fail_with(plain, "select count(*) from dba_users",
                 "ORA-00942: table or view does not exist");
    wi_exec(dba, "grant create profile, alter profile, drop profile to plain");
    wi_exec(plain, "create profile mine limit idle_time 1");
    wi_exec(plain, "alter profile mine limit idle_time 2");
    wi_exec(plain, "drop profile mine");
    wi_exec(plain, "drop profile shared");
    wi_exec(dba, "revoke create profile, alter profile, drop profile from plain");
    assert_int_equal(wi_count(dba, "select count(*) from dba_profiles where profile in "
                                   "('MINE', 'SHARED')"),
                     0);
    wdn_close(plain);
    wdn_close(dba);
}

/* Row locking: CREATE PROFILE does not wait for another session's open transaction. */
static void test_does_not_wait_for_open_transaction(void **state)
{
    wdn_conn *dba = wi_connect(&inst, "system", WI_PASSWORD);
    wdn_conn *writer = wi_connect(&inst, "system", WI_PASSWORD);
    wi_exec(writer, "create table pending (x number)");
    wi_exec(writer, "insert into pending values (1)");
    double t0 = wi_now();
    wi_exec(dba, "create profile waiting limit idle_time 3 connect_time 9");
    assert_true(wi_now() - t0 < 1.0);
    expect_limit(writer, "WAITING", "IDLE_TIME", "3");
    expect_limit(writer, "WAITING", "CONNECT_TIME", "9");
    wi_exec(writer, "commit");
    wi_exec(writer, "drop profile waiting");
    wi_exec(writer, "drop table pending");
    wdn_close(writer);
    wdn_close(dba);
}

/* Profiles are in the database: they are there after a restart. */
static void test_kept_over_restart(void **state)
{
    wdn_conn *dba = wi_connect(&inst, "system", WI_PASSWORD);
    wi_exec(dba, "create profile lasting limit connect_time 45");
    wi_exec(dba, "alter user plain profile lasting");
    wdn_close(dba);
    wi_shutdown(&inst);
    wi_restart(&inst);
    dba = wi_connect(&inst, "system", WI_PASSWORD);
    expect_limit(dba, "LASTING", "CONNECT_TIME", "45");
    expect_user_profile(dba, "PLAIN", "LASTING");
    wi_exec(dba, "drop profile lasting cascade");
    expect_user_profile(dba, "PLAIN", "DEFAULT");
    wdn_close(dba);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_profile),   cmocka_unit_test(test_create_and_alter),
        cmocka_unit_test(test_users_and_drop),    cmocka_unit_test(test_privileges),
        cmocka_unit_test(test_does_not_wait_for_open_transaction),
        cmocka_unit_test(test_kept_over_restart),
    };
    return cmocka_run_group_tests_name("e2e_profiles", tests, setup, teardown);
}
