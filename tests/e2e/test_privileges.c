/*
 * test_privileges.c - privileges as Oracle checks them, seen by several
 * sessions of users with and without them: CREATE TABLE / VIEW in one's own
 * schema, the ANY privileges for other schemas (and ORA-00942 where the user
 * cannot see them), roles as at logon and direct grants at once, GRANT
 * rules, logons AS SYSDBA / AS SYSOPER, DROP USER of a connected user, the
 * dictionary views about users and privileges, and the exact ORA- texts.
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

#define INSUFFICIENT "ORA-01031: insufficient privileges"
#define NO_TABLE "ORA-00942: table or view does not exist"

static int setup(void **state)
{
    wi_start(&inst);
    wdn_conn *dba = wi_connect(&inst, "system", WI_PASSWORD);
    wi_exec(dba, "create user plain identified by plain1");
    wi_exec(dba, "grant connect to plain");
    wi_exec(dba, "create user builder identified by builder1");
    wi_exec(dba, "grant connect, resource to builder");
    wi_exec(dba, "create user reader identified by reader1");
    wi_exec(dba, "grant create session, select any table to reader");
    wi_exec(dba, "create table secret (x number)");
    wi_exec(dba, "insert into secret values (42)");
    wi_exec(dba, "commit");
    wi_exec(dba, "create index secret_ix on secret (x)");
    wdn_close(dba);
    return 0;
}

static int teardown(void **state)
{
    wi_stop(&inst);
    return 0;
}

static long user_sessions(wdn_conn *dba, const char *user)
{
    return wi_countf(dba, "select count(*) from v$session where username = '%s'", user);
}

/* CREATE TABLE and CREATE VIEW need their privileges; RESOURCE has no CREATE VIEW. */
static void test_create_needs_privilege(void **state)
{
    wdn_conn *plain = wi_connect(&inst, "plain", "plain1");
    wi_fail_with(plain, "create table t (x number)", INSUFFICIENT);
    wi_fail_with(plain, "create view v as select * from dual", INSUFFICIENT);
    wdn_close(plain);

    wdn_conn *b = wi_connect(&inst, "builder", "builder1");
    wi_exec(b, "create table t (x number)");
    wi_exec(b, "create index t_ix on t (x)"); /* an index on one's own table needs nothing */
    wi_exec(b, "insert into t values (1)");
    wi_exec(b, "commit");
    wi_fail_with(b, "create view v as select x from t", INSUFFICIENT);
    wi_fail_with(b, "create or replace view v as select x from t", INSUFFICIENT);

    /* A system privilege granted directly counts at once, in the open session too. */
    wdn_conn *dba = wi_connect(&inst, "system", WI_PASSWORD);
    wi_exec(dba, "grant create view to builder");
    wi_exec(b, "create view v as select x from t");
    wi_exec(b, "create or replace view v as select x, x + 1 y from t");
    assert_int_equal(wi_count(b, "select y from v"), 2);
    wi_exec(dba, "revoke create view from builder");
    wi_fail_with(b, "create view v2 as select x from t", INSUFFICIENT);
    /* Dropping and altering one's own objects needs no privilege. */
    wi_exec(b, "drop view v");
    wi_exec(b, "alter table t add (y number)");

    /* Another schema: the ANY privilege, which DBA has. */
    wi_fail_with(b, "create table system.planted (x number)", INSUFFICIENT);
    wi_fail_with(b, "create table nosuch.t (x number)", "ORA-01918: user 'NOSUCH' does not exist");
    wi_exec(dba, "create table builder.made_by_dba (x number)");
    assert_int_equal(wi_count(b, "select count(*) from made_by_dba"), 0);
    wi_fail_with(dba, "create table nosuch.t (x number)",
                 "ORA-01918: user 'NOSUCH' does not exist");
    wdn_close(dba);
    wdn_close(b);
}

/* Another schema's objects: ORA-00942 for a user who cannot see them, ORA-01031 for one who can. */
static void test_other_schemas(void **state)
{
    wdn_conn *plain = wi_connect(&inst, "plain", "plain1");
    int off = -1;
    assert_int_equal(wi_fail(plain, "select x from system.secret", &off), 942);
    assert_int_equal(off, 14);
    assert_string_equal(wdn_last_error(plain)->msg, NO_TABLE);
    assert_int_equal(wi_fail(plain, "drop table system.secret", &off), 942);
    assert_int_equal(off, 11);
    assert_string_equal(wdn_last_error(plain)->msg, NO_TABLE);
    wi_fail_with(plain, "drop view system.secret", NO_TABLE);
    wi_fail_with(plain, "insert into system.secret values (1)", NO_TABLE);
    wi_fail_with(plain, "update system.secret set x = 1", NO_TABLE);
    wi_fail_with(plain, "delete from system.secret", NO_TABLE);
    wi_fail_with(plain, "truncate table system.secret", NO_TABLE);
    wi_fail_with(plain, "alter table system.secret add (y number)", NO_TABLE);
    wi_fail_with(plain, "lock table system.secret in exclusive mode", NO_TABLE);
    wi_fail_with(plain, "drop index system.secret_ix", "ORA-01418: specified index does not exist");
    /* A table that does not exist at all is the same answer. */
    wi_fail_with(plain, "drop table system.nosuch", NO_TABLE);
    wdn_close(plain);

    wdn_conn *r = wi_connect(&inst, "reader", "reader1");
    assert_int_equal(wi_count(r, "select x from system.secret"), 42);
    wi_fail_with(r, "insert into system.secret values (1)", INSUFFICIENT);
    wi_fail_with(r, "update system.secret set x = 1", INSUFFICIENT);
    wi_fail_with(r, "delete from system.secret", INSUFFICIENT);
    wi_fail_with(r, "drop table system.secret", INSUFFICIENT);
    wi_fail_with(r, "drop index system.secret_ix", INSUFFICIENT);
    wi_fail_with(r, "alter table system.secret add (y number)", INSUFFICIENT);
    wi_fail_with(r, "lock table system.secret in exclusive mode", INSUFFICIENT);

    /* DELETE ANY TABLE deletes, but TRUNCATE needs DROP ANY TABLE. */
    wdn_conn *dba = wi_connect(&inst, "system", WI_PASSWORD);
    wi_exec(dba, "create table scratch (x number)");
    wi_exec(dba, "grant delete any table to reader");
    assert_int_equal(wi_exec(r, "delete from system.scratch"), 0);
    wi_exec(r, "commit");
    wi_fail_with(r, "truncate table system.scratch", INSUFFICIENT);
    wi_exec(dba, "grant drop any table to reader");
    wi_exec(r, "truncate table system.scratch");
    wi_exec(r, "drop table system.scratch");
    assert_int_equal(wi_count(dba, "select count(*) from secret"), 1);
    wi_exec(dba, "revoke delete any table from reader");
    wi_exec(dba, "revoke drop any table from reader");
    wdn_close(dba);
    wdn_close(r);
}

/* DUAL and the dictionary views are read only; WARDEN$ tables do not exist for SQL. */
static void test_instance_objects(void **state)
{
    wdn_conn *dba = wi_connect(&inst, "system", WI_PASSWORD);
    wi_fail_with(dba, "insert into dual values ('Y')", INSUFFICIENT);
    wi_fail_with(dba, "drop table dual", INSUFFICIENT);
    wi_fail_with(dba, "delete from v$session",
                 "ORA-02030: can only select from fixed tables/views");
    wi_fail_with(dba, "delete from all_users",
                 "ORA-02030: can only select from fixed tables/views");
    wi_fail_with(dba, "select * from warden$users", NO_TABLE);
    assert_int_equal(wi_count(dba, "select count(*) from dual"), 1);
    wdn_close(dba);
}

/* Objects stay in their schema: RENAME and ALTER TABLE RENAME take no schema. */
static void test_rename_stays_in_schema(void **state)
{
    wdn_conn *b = wi_connect(&inst, "builder", "builder1");
    wi_exec(b, "create table renamed (x number)");
    wi_fail_with(b, "rename renamed to system.renamed",
                 "ORA-01765: specifying owner's name of the table is not allowed");
    wi_fail_with(b, "alter table renamed rename to system.renamed",
                 "ORA-14047: ALTER TABLE|INDEX RENAME may not be combined with other operations");
    wi_exec(b, "rename renamed to renamed2");
    wi_exec(b, "drop table renamed2");
    wdn_close(b);
}

/* Who may grant what. */
static void test_grant_rules(void **state)
{
    wdn_conn *plain = wi_connect(&inst, "plain", "plain1");
    wi_fail_with(plain, "grant create table to plain", INSUFFICIENT);
    wi_fail_with(plain, "grant dba to plain", INSUFFICIENT);
    wdn_close(plain);

    wdn_conn *dba = wi_connect(&inst, "system", WI_PASSWORD);
    wi_fail_with(dba, "grant nonsense to plain", "ORA-00990: missing or invalid privilege");
    wi_fail_with(dba, "grant create table to nosuch",
                 "ORA-01917: user or role 'NOSUCH' does not exist");
    wi_fail_with(dba, "grant select on nosuch to plain", NO_TABLE);
    wi_fail_with(dba, "grant create table to plain with admin option",
                 "ORA-03001: unimplemented feature");
    wi_fail_with(dba, "grant create table to public", "ORA-03001: unimplemented feature");
    wi_fail_with(dba, "create user \"PUBLIC\" identified by x",
                 "ORA-01920: user name 'PUBLIC' conflicts with another user or role name");
    wi_fail_with(dba, "create user dba identified by x",
                 "ORA-01920: user name 'DBA' conflicts with another user or role name");
    wi_fail_with(dba, "revoke create table from plain",
                 "ORA-01952: system privileges not granted to 'PLAIN'");
    wi_fail_with(dba, "revoke dba from plain", "ORA-01951: ROLE 'DBA' not granted to 'PLAIN'");
    /* SYSDBA is granted only by a session AS SYSDBA. */
    wi_fail_with(dba, "grant sysdba to plain", INSUFFICIENT);
    /* GRANT ANY ROLE lets a user grant roles, but not system privileges. */
    wi_exec(dba, "grant grant any role to reader");
    wdn_conn *r = wi_connect(&inst, "reader", "reader1");
    wi_exec(r, "grant resource to plain");
    wi_fail_with(r, "grant create view to plain", INSUFFICIENT);
    wi_exec(r, "revoke resource from plain");
    wi_exec(dba, "revoke grant any role from reader");
    wi_fail_with(r, "grant resource to plain", INSUFFICIENT);
    wdn_close(r);
    wdn_close(dba);
}

/* SESSION_ROLES and the roles' privileges as at logon; direct grants and USER_*_PRIVS as now. */
static void test_session_privileges(void **state)
{
    wdn_conn *dba = wi_connect(&inst, "system", WI_PASSWORD);
    wi_exec(dba, "create user ops identified by ops1");
    wi_exec(dba, "grant connect to ops");
    wdn_conn *before = wi_connect(&inst, "ops", "ops1");
    assert_int_equal(wi_count(before, "select count(*) from session_privs"), 1);
    char *v = wi_scalar(before, "select privilege from session_privs");
    assert_string_equal(v, "CREATE SESSION");
    free(v);
    wi_exec(dba, "grant resource to ops");
    wi_exec(dba, "grant create view to ops");
    /* The new role waits for the next logon; the direct grant is there at once. */
    assert_int_equal(wi_count(before, "select count(*) from session_roles"), 1);
    assert_int_equal(wi_count(before, "select count(*) from session_privs"), 2);
    assert_int_equal(
        wi_count(before, "select count(*) from session_privs where privilege = 'CREATE VIEW'"), 1);
    wi_fail_with(before, "create table t (x number)", INSUFFICIENT);
    assert_int_equal(wi_count(before, "select count(*) from user_role_privs"), 2);
    v = wi_scalar(before, "select privilege from user_sys_privs");
    assert_string_equal(v, "CREATE VIEW");
    free(v);

    wdn_conn *after = wi_connect(&inst, "ops", "ops1");
    assert_int_equal(wi_count(after, "select count(*) from session_roles"), 2);
    /* CONNECT's one, RESOURCE's eight, and CREATE VIEW */
    assert_int_equal(wi_count(after, "select count(*) from session_privs"), 10);
    wi_exec(after, "create table t (x number)");
    v = wi_scalar(after,
                  "select granted_role from user_role_privs where granted_role <> 'CONNECT'");
    assert_string_equal(v, "RESOURCE");
    free(v);
    /* Revoking the role leaves the session that enabled it as it was. */
    wi_exec(dba, "revoke resource from ops");
    wi_exec(after, "create table t2 (x number)");
    assert_int_equal(wi_count(after, "select count(*) from user_role_privs"), 1);
    wdn_close(after);
    wdn_close(before);
    wi_exec(dba, "drop user ops cascade"); /* a server frees its session before the LOGOFF reply */
    wdn_close(dba);
}

static void test_dictionary_views(void **state)
{
    wdn_conn *plain = wi_connect(&inst, "plain", "plain1");
    assert_true(wi_count(plain, "select count(*) from all_users") >= 5);
    assert_int_equal(wi_count(plain, "select count(*) from all_users where username in "
                                     "('SYS', 'SYSTEM', 'PLAIN', 'BUILDER', 'READER')"),
                     5);
    assert_int_equal(
        wi_count(plain, "select count(*) from sys.all_users where oracle_maintained = 'Y'"), 2);
    assert_int_equal(wi_count(plain, "select count(*) from user_users"), 1);
    char *v =
        wi_scalar(plain, "select username || ' ' || account_status || ' ' || default_tablespace "
                         "from user_users");
    assert_string_equal(v, "PLAIN OPEN USERS");
    free(v);
    assert_int_equal(wi_count(plain, "select count(*) from user_users u join all_users a "
                                     "on a.user_id = u.user_id and a.created = u.created"),
                     1);
    v = wi_scalar(plain, "select granted_role || ' ' || admin_option || ' ' || default_role "
                         "from user_role_privs");
    assert_string_equal(v, "CONNECT NO YES");
    free(v);
    assert_int_equal(wi_count(plain, "select count(*) from user_sys_privs"), 0);
    v = wi_scalar(plain, "select role from session_roles");
    assert_string_equal(v, "CONNECT");
    free(v);

    /* The describe is Oracle's: USERNAME VARCHAR2(128), USER_ID NUMBER, CREATED DATE. */
    wdn_cursor *cur = NULL;
    assert_int_equal(
        wdn_execute(plain, "select username, user_id, created from all_users", NULL, 0, &cur, NULL),
        0);
    assert_int_equal(wdn_column_info(cur, 0)->type, WDN_VARCHAR);
    assert_int_equal(wdn_column_info(cur, 0)->size, 128);
    assert_int_equal(wdn_column_info(cur, 1)->type, WDN_NUMBER);
    assert_int_equal(wdn_column_info(cur, 2)->type, WDN_DATE);
    wdn_cursor_close(cur);

    /* The DBA_ views and V$ need SELECT ANY DICTIONARY. */
    wi_fail_with(plain, "select count(*) from dba_sys_privs", NO_TABLE);
    wi_fail_with(plain, "select count(*) from dba_role_privs", NO_TABLE);
    wi_fail_with(plain, "select count(*) from v$pwfile_users", NO_TABLE);
    wdn_close(plain);

    wdn_conn *r = wi_connect(&inst, "reader", "reader1");
    v = wi_scalar(r, "select privilege || ' ' || admin_option from user_sys_privs "
                     "where privilege like 'SELECT%'");
    assert_string_equal(v, "SELECT ANY TABLE NO");
    free(v);
    wdn_close(r);

    wdn_conn *dba = wi_connect(&inst, "system", WI_PASSWORD);
    assert_int_equal(wi_count(dba, "select count(*) from dba_role_privs where grantee = 'BUILDER'"),
                     2);
    assert_int_equal(wi_count(dba, "select count(*) from dba_sys_privs where grantee = 'RESOURCE'"),
                     8);
    assert_int_equal(wi_count(dba, "select count(*) from dba_sys_privs "
                                   "where grantee = 'RESOURCE' and privilege = 'CREATE VIEW'"),
                     0);
    assert_int_equal(wi_count(dba, "select count(*) from dba_sys_privs "
                                   "where grantee = 'READER' and privilege = 'SELECT ANY TABLE'"),
                     1);
    assert_true(wi_count(dba, "select count(*) from session_privs") >= 30);
    wdn_close(dba);
}

/* AS SYSDBA: only with the privilege (no session otherwise), then a session of SYS. */
static void test_sysdba_logon(void **state)
{
    wdn_conn *dba = wi_connect(&inst, "system", WI_PASSWORD);
    long sessions = wi_count(dba, "select count(*) from v$session where type = 'USER'");
    ora_error e;
    assert_int_equal(wi_logon_fails(&inst, "plain", "plain1", WDN_SYSDBA, &e), 1031);
    assert_string_equal(e.msg, INSUFFICIENT);
    assert_int_equal(wi_logon_fails(&inst, "system", WI_PASSWORD, WDN_SYSDBA, &e), 1031);
    assert_int_equal(wi_logon_fails(&inst, "plain", "plain1", WDN_SYSOPER, &e), 1031);
    /* The password is checked first. */
    assert_int_equal(wi_logon_fails(&inst, "plain", "wrong", WDN_SYSDBA, &e), 1017);
    assert_int_equal(wi_logon_fails(&inst, "sys", "wrong", WDN_SYSDBA, &e), 1017);
    /* SYS logs on only AS SYSDBA or AS SYSOPER. */
    assert_int_equal(wi_logon_fails(&inst, "sys", WI_PASSWORD, WDN_DEFAULT, &e), 28009);
    assert_string_equal(e.msg, "ORA-28009: connection as SYS should be as SYSDBA or SYSOPER");
    assert_int_equal(wi_count(dba, "select count(*) from v$session where type = 'USER'"), sessions);
    assert_int_equal(user_sessions(dba, "PLAIN"), 0);

    wdn_conn *sys = wi_connect_as(&inst, "sys", WI_PASSWORD, WDN_SYSDBA);
    char *v = wi_scalar(sys, "select user || ' ' || sys_context('USERENV', 'ISDBA') || ' ' || "
                             "sys_context('USERENV', 'CURRENT_SCHEMA') from dual");
    assert_string_equal(v, "SYS TRUE SYS");
    free(v);
    v = wi_scalar(dba, "select sys_context('USERENV', 'ISDBA') from dual");
    assert_string_equal(v, "FALSE"); /* the DBA role is not SYSDBA */
    free(v);
    assert_int_equal(user_sessions(dba, "SYS"), 1);
    assert_int_equal(wi_count(sys, "select count(*) from system.secret"), 1);
    v = wi_scalar(sys, "select username || ' ' || sysdba || ' ' || sysoper from v$pwfile_users");
    assert_string_equal(v, "SYS TRUE TRUE");
    free(v);

    /* GRANT SYSDBA (as SYSDBA): the user then logs on AS SYSDBA, as SYS. */
    wi_exec(sys, "grant sysdba to builder");
    assert_int_equal(
        wi_count(sys, "select count(*) from v$pwfile_users "
                      "where username = 'BUILDER' and sysdba = 'TRUE' and sysoper = 'FALSE'"),
        1);
    wdn_conn *b = wi_connect_as(&inst, "builder", "builder1", WDN_SYSDBA);
    v = wi_scalar(b, "select user from dual");
    assert_string_equal(v, "SYS");
    free(v);
    assert_int_equal(user_sessions(dba, "BUILDER"), 0);
    assert_int_equal(user_sessions(dba, "SYS"), 2);
    wdn_close(b);
    assert_int_equal(wi_logon_fails(&inst, "builder", "builder1", WDN_SYSOPER, &e), 1031);
    wi_fail_with(sys, "revoke sysdba from sys",
                 "ORA-01998: REVOKE failed: user SYS always has SYSOPER and SYSDBA");
    wi_exec(sys, "revoke sysdba from builder");
    assert_int_equal(wi_logon_fails(&inst, "builder", "builder1", WDN_SYSDBA, &e), 1031);
    wdn_close(sys);

    /* AS SYSOPER: a session of PUBLIC, which may not create anything. */
    wdn_conn *op = wi_connect_as(&inst, "sys", WI_PASSWORD, WDN_SYSOPER);
    v = wi_scalar(op, "select user || ' ' || sys_context('USERENV', 'ISDBA') from dual");
    assert_string_equal(v, "PUBLIC FALSE");
    free(v);
    wi_fail_with(op, "create table t (x number)", INSUFFICIENT);
    wi_fail_with(op, "select * from system.secret", NO_TABLE);
    wdn_close(op);
    wdn_close(dba);
}

/* DROP USER refuses a user with a session (ORA-01940), then works once it has gone. */
static void test_drop_connected_user(void **state)
{
    wdn_conn *dba = wi_connect(&inst, "system", WI_PASSWORD);
    wi_exec(dba, "create user leaver identified by leaver1");
    wi_exec(dba, "grant connect to leaver");
    wdn_conn *l = wi_connect(&inst, "leaver", "leaver1");
    wi_fail_with(dba, "drop user leaver",
                 "ORA-01940: cannot drop a user that is currently connected");
    wi_fail_with(dba, "drop user leaver cascade",
                 "ORA-01940: cannot drop a user that is currently connected");
    wi_fail_with(dba, "drop user nosuch", "ORA-01918: user 'NOSUCH' does not exist");
    assert_int_equal(wi_count(l, "select count(*) from dual"), 1);
    wdn_close(l);
    wi_exec(dba, "drop user leaver cascade"); /* its session ended before wdn_close returned */
    assert_int_equal(wi_count(dba, "select count(*) from all_users where username = 'LEAVER'"), 0);
    wdn_close(dba);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_create_needs_privilege),
        cmocka_unit_test(test_other_schemas),
        cmocka_unit_test(test_instance_objects),
        cmocka_unit_test(test_rename_stays_in_schema),
        cmocka_unit_test(test_grant_rules),
        cmocka_unit_test(test_session_privileges),
        cmocka_unit_test(test_dictionary_views),
        cmocka_unit_test(test_sysdba_logon),
        cmocka_unit_test(test_drop_connected_user),
    };
    return cmocka_run_group_tests_name("e2e_privileges", tests, setup, teardown);
}
