/*
 * test_dba_scripts.c - everyday DBA session scripts, run unchanged in wsql.
 *
 * Each tests/e2e/dba/NAME.sql is a script of the kind DBAs keep and share
 * (session lists, waits, locks, long operations, undo per session, SQL by
 * SID, kill-statement generators ...).  It is called as a DBA calls it,
 * `@NAME.sql [arguments]`, from `wsql -S` as SYSTEM, against a scene of real
 * sessions, and its output must match NAME.out line by line:
 *
 *   - SCOTT's session A (module PAYROLL) has raised a salary in EMP and not
 *     committed, and has reported a long operation (2 of 10 batches);
 *   - SCOTT's session B (module REPORTS) waits for that row.
 *
 * What differs from run to run (times, process ids, the host and OS user,
 * figures that count the scene's own round trips) stands as {*} in a .out
 * file: it matches any text within its line.  Everything else must be as
 * written, column widths and headings included.  WARDEN_UPDATE_TRANSCRIPTS=1
 * writes what wsql printed to the .out files; mark the varying parts with
 * {*} before committing them.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "harness.h"

#define SCRIPTS "tests/e2e/dba"
#define MAX_SCRIPTS 64

static wi inst;
static wdn_conn *dba, *a, *b;
static wi_call b_waits;
static int sid_b;

/* The arguments a script is called with ({B} is session B's SID). */
static const struct {
    const char *script, *args;
} script_args[] = {
    {"03_user_sessions", "scott"},
    {"05_kill_gen", "scott"},
    {"12_session_events", "{B}"},
    {"14_sql_by_sid", "{B}"},
};

/* Does LINE (up to its newline) match PATTERN (up to its newline), {*} matching any text? */
static int line_matches(const char *pat, const char *line)
{
    for (;;) {
        if (!strncmp(pat, "{*}", 3)) {
            for (const char *l = line;; l++) {
                if (line_matches(pat + 3, l)) return 1;
                if (*l == '\n' || !*l) return 0;
            }
        }
        int pat_end = *pat == '\n' || !*pat, line_end = *line == '\n' || !*line;
        if (pat_end || line_end) return pat_end && line_end;
        if (*pat++ != *line++) return 0;
    }
}

static const char *next_line(const char *s)
{
    const char *nl = strchr(s, '\n');
    return nl ? nl + 1 : s + strlen(s);
}

/* 0 when GOT matches WANT line for line, else the 1-based number of the first line that does
 * not. */
static int first_difference(const char *want, const char *got)
{
    for (int line = 1;; line++) {
        if (!*want && !*got) return 0;
        if (!*want || !*got || !line_matches(want, got)) return line;
        want = next_line(want);
        got = next_line(got);
    }
}

static const char *args_of(const char *name)
{
    for (size_t i = 0; i < sizeof script_args / sizeof script_args[0]; i++)
        if (!strcmp(script_args[i].script, name)) return script_args[i].args;
    return "";
}

/* The call `@script args` as typed, {B} replaced. */
static void call_line(const char *name, char *out, size_t n)
{
    const char *args = args_of(name);
    char expanded[64];
    if (!strcmp(args, "{B}")) snprintf(expanded, sizeof expanded, "%d", sid_b);
    else snprintf(expanded, sizeof expanded, "%s", args);
    char cwd[1024];
    if (!getcwd(cwd, sizeof cwd)) cwd[0] = '\0';
    snprintf(out, n, "@%s/" SCRIPTS "/%s.sql %s\n", cwd, name, expanded);
}

/* wi_transcript's comparison: every line as its pattern says. */
static int matches(const char *want, const char *got) { return first_difference(want, got) == 0; }

static void run_script(const char *name)
{
    char input[512], actual[512], expected[512], call[1200];
    snprintf(input, sizeof input, "%s/%s.in", inst.dir, name);
    snprintf(actual, sizeof actual, "%s/%s.actual", inst.dir, name);
    snprintf(expected, sizeof expected, SCRIPTS "/%s.out", name);
    call_line(name, call, sizeof call);
    FILE *f = fopen(input, "w");
    assert_non_null(f);
    fputs(call, f);
    fclose(f);
    wi_transcript(&inst, "-S", input, actual, expected, matches, name);
}

/* ---- the scene ---- */

static int sid_of(wdn_conn *c)
{
    int sid, serial;
    wdn_session_id(c, &sid, &serial);
    return sid;
}

static int setup(void **state)
{
    wi_start(&inst);
    dba = wi_connect(&inst, "system", WI_PASSWORD);
    wi_exec(dba, "create user scott identified by tiger");
    wi_exec(dba, "grant connect, resource to scott");
    a = wi_connect(&inst, "scott", "tiger");
    wi_exec(a, "create table dept (deptno number(2) primary key, dname varchar2(14))");
    wi_exec(a, "insert into dept values (10, 'ACCOUNTING')");
    wi_exec(a, "insert into dept values (20, 'RESEARCH')");
    wi_exec(a, "insert into dept values (30, 'SALES')");
    wi_exec(a, "create table emp (empno number(4) primary key, ename varchar2(10), "
               "sal number(7,2), deptno number(2) constraint emp_dept_fk references dept)");
    wi_exec(a, "insert into emp values (7369, 'SMITH', 800, 20)");
    wi_exec(a, "insert into emp values (7499, 'ALLEN', 1600, 30)");
    wi_exec(a, "insert into emp values (7839, 'KING', 5000, 10)");
    wi_exec(a, "commit");
    wi_exec(a, "begin dbms_application_info.set_module('PAYROLL', 'RAISE'); end;");
    wi_exec(a, "declare\n"
               "  r binary_integer := dbms_application_info.set_session_longops_nohint;\n"
               "  s binary_integer;\n"
               "  obj number;\n"
               "begin\n"
               "  select object_id into obj from user_objects where object_name = 'EMP';\n"
               "  dbms_application_info.set_session_longops(r, s, 'Salary Run', obj, 0, 2, 10,\n"
               "                                            'table', 'batches');\n"
               "end;");
    wi_exec(a, "update emp set sal = sal + 100 where empno = 7369");
    b = wi_connect(&inst, "scott", "tiger");
    sid_b = sid_of(b);
    wi_exec(b, "begin dbms_application_info.set_module('REPORTS', 'TOTALS'); end;");
    wi_call_start(&b_waits, b, "update emp set sal = 0 where empno = 7369");
    for (int i = 0; i < 100 && wi_countf(dba, "select count(*) from v$session where sid = %d "
                                              "and blocking_session is not null",
                                         sid_b) == 0;
         i++)
        usleep(50 * 1000);
    return 0;
}

static int teardown(void **state)
{
    wi_exec(a, "rollback");
    wi_call_join(&b_waits);
    wi_exec(b, "rollback");
    wdn_close(b);
    wdn_close(a);
    wdn_close(dba);
    wi_stop(&inst);
    return 0;
}

static void test_scripts(void **state)
{
    assert_int_equal(wi_countf(dba, "select count(*) from v$session where sid = %d and "
                                    "blocking_session is not null",
                               sid_b),
                     1);
    DIR *d = opendir(SCRIPTS);
    assert_non_null(d);
    struct dirent *e;
    int n = 0;
    char names[MAX_SCRIPTS][128];
    while ((e = readdir(d)) != NULL && n < MAX_SCRIPTS) {
        size_t len = strlen(e->d_name);
        if (len > 4 && !strcmp(e->d_name + len - 4, ".sql"))
            snprintf(names[n++], sizeof names[0], "%.*s", (int)(len - 4), e->d_name);
    }
    closedir(d);
    assert_true(n >= 25);
    qsort(names, (size_t)n, sizeof names[0], (int (*)(const void *, const void *))strcmp);
    for (int i = 0; i < n; i++) {
        printf("  script %s\n", names[i]);
        run_script(names[i]);
    }
}

/* The matcher itself: {*} matches any text within a line, and only within it. */
static void test_matcher(void **state)
{
    assert_true(line_matches("SID {*} SCOTT\n", "SID 12 SCOTT\n"));
    assert_true(line_matches("{*}\n", "\n"));
    assert_true(line_matches("a{*}b{*}c", "aXXbYYc"));
    assert_false(line_matches("a{*}c\n", "ab\nc\n"));
    assert_false(line_matches("SID 5\n", "SID 6\n"));
    assert_int_equal(first_difference("x\n{*}\nz\n", "x\n123\nz\n"), 0);
    assert_int_equal(first_difference("x\ny\n", "x\ny\nextra\n"), 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_matcher),
        cmocka_unit_test(test_scripts),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
