/*
 * test_wsql.c - wsql transcripts against a real instance.
 *
 * Each tests/e2e/wsql/NAME.sql is fed to `wsql system/...@127.0.0.1:PORT/WARDEN`
 * on standard input (as a script, the way SQL*Plus reads a pipe) and its
 * output must equal NAME.out character for character.  "@PORT@" in a script
 * stands for the instance's port.  WARDEN_UPDATE_TRANSCRIPTS=1 rewrites the
 * .out files from what wsql printed (review the diff before committing).
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "harness.h"

#define TRANSCRIPTS "tests/e2e/wsql"

static wi inst;

/* Replace every @PORT@ in TEXT. */
static char *with_port(const char *text, int port)
{
    char num[16];
    snprintf(num, sizeof num, "%d", port);
    char *out = malloc(strlen(text) * 2 + 64);
    char *o = out;
    for (const char *p = text; *p;) {
        if (!strncmp(p, "@PORT@", 6)) {
            o += sprintf(o, "%s", num);
            p += 6;
        } else {
            *o++ = *p++;
        }
    }
    *o = 0;
    return out;
}

static void run_transcript(const char *name)
{
    char path[512], script[512], actual[512], expected[512];
    snprintf(path, sizeof path, TRANSCRIPTS "/%s.sql", name);
    snprintf(expected, sizeof expected, TRANSCRIPTS "/%s.out", name);
    snprintf(script, sizeof script, "%s/%s.sql", inst.dir, name);
    snprintf(actual, sizeof actual, "%s/%s.actual", inst.dir, name);
    char *src = wi_slurp(path);
    assert_non_null(src);
    char *text = with_port(src, inst.port);
    FILE *f = fopen(script, "w");
    fputs(text, f);
    fclose(f);
    free(src);
    free(text);
    wi_transcript(&inst, "", script, actual, expected, NULL, name);
}

static void test_transcripts(void **state)
{
    DIR *d = opendir(TRANSCRIPTS);
    assert_non_null(d);
    struct dirent *e;
    int n = 0;
    char names[64][128];
    while ((e = readdir(d)) != NULL && n < 64) {
        size_t len = strlen(e->d_name);
        if (len > 4 && !strcmp(e->d_name + len - 4, ".sql"))
            snprintf(names[n++], sizeof names[0], "%.*s", (int)(len - 4), e->d_name);
    }
    closedir(d);
    assert_true(n > 0);
    qsort(names, (size_t)n, sizeof names[0], (int (*)(const void *, const void *))strcmp);
    for (int i = 0; i < n; i++) {
        printf("  transcript %s\n", names[i]);
        run_transcript(names[i]);
    }
}

/*
 * Start `wsql -S` as SYSTEM with its output in OUT_FILE (under the instance
 * directory) and its standard input on a pipe; *INPUT gets the pipe's write
 * end.  Returns the pid of the shell that runs wsql.
 */
static pid_t spawn_wsql(const char *out_file, char *out, size_t outsz, int *input)
{
    char cmd[1024];
    snprintf(out, outsz, "%s/%s", inst.dir, out_file);
    const char *bin = getenv("WARDEN_BIN");
    snprintf(cmd, sizeof cmd, "%s/wsql -S system/%s@%s > '%s' 2>&1",
             bin ? bin : "build/release/bin", WI_PASSWORD, inst.connect, out);
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[0], 0);
        close(fds[1]);
        execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
        _exit(127);
    }
    close(fds[0]);
    *input = fds[1];
    return pid;
}

/*
 * Ctrl-C while a long call runs: wsql sends a break, the call ends with
 * ORA-01013 within a few seconds, and the session goes on with the next
 * statement.
 */
static void test_ctrl_c_cancels_call(void **state)
{
    char out[512];
    int input;
    pid_t pid = spawn_wsql("ctrlc.out", out, sizeof out, &input);
    const char *slow = "select count(*) from (with r(i) as (select 1 from dual union all "
                       "select i + 1 from r where i < 1000000000) select i from r);\n";
    assert_true(write(input, slow, strlen(slow)) > 0);
    usleep(700000);
    /* The shell runs wsql as its child: signal wsql, the way a terminal's Ctrl-C would. */
    char pgrep[64];
    snprintf(pgrep, sizeof pgrep, "pkill -INT -P %d", (int)pid);
    assert_int_equal(system(pgrep), 0);
    const char *rest = "select 42 from dual;\nexit\n";
    assert_true(write(input, rest, strlen(rest)) > 0);
    close(input);
    int status = 0;
    pid_t done = 0;
    for (int i = 0; i < 100 && (done = waitpid(pid, &status, WNOHANG)) == 0; i++)
        usleep(100000);
    if (done == 0) { /* wsql did not finish within 10 s: stop it, then fail */
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
        fail_msg("wsql did not finish after Ctrl-C");
    }
    char *got = wi_slurp(out);
    assert_non_null(got);
    int cancelled = strstr(got, "ORA-01013: user requested cancel of current operation") != NULL;
    int went_on = strstr(got, "        42") != NULL;
    if (!cancelled || !went_on) fprintf(stderr, "%s", got);
    free(got);
    assert_true(cancelled);
    assert_true(went_on);
}

/*
 * The article's identification step, typed into wsql exactly as printed
 * there: SQL*Plus layout, and each SPID the OS pid of that session's
 * dedicated server.
 */
static void test_article_identification(void **state)
{
    static const char *const script =
        "SET LINESIZE 100\n"
        "COLUMN spid FORMAT A10\n"
        "COLUMN username FORMAT A10\n"
        "COLUMN program FORMAT A45\n"
        "\n"
        "SELECT s.inst_id,\n"
        "       s.sid,\n"
        "       s.serial#,\n"
        "       --s.sql_id,\n"
        "       p.spid,\n"
        "       s.username,\n"
        "       s.program\n"
        "FROM   gv$session s\n"
        "       JOIN gv$process p ON p.addr = s.paddr AND p.inst_id = s.inst_id\n"
        "WHERE  s.type != 'BACKGROUND';\n"
        "exit\n";
    char path[512], out[512], cmd[1200];
    snprintf(path, sizeof path, "%s/article.sql", inst.dir);
    snprintf(out, sizeof out, "%s/article.out", inst.dir);
    FILE *f = fopen(path, "w");
    fputs(script, f);
    fclose(f);
    wdn_conn *other = wi_connect(&inst, "system", WI_PASSWORD); /* a second session to list */
    const char *bin = getenv("WARDEN_BIN");
    snprintf(cmd, sizeof cmd, "%s/wsql -S system/%s@%s < '%s' > '%s' 2>&1",
             bin ? bin : "build/release/bin", WI_PASSWORD, inst.connect, path, out);
    assert_int_equal(system(cmd), 0);
    char *got = wi_slurp(out);
    const char *heading = "   INST_ID        SID    SERIAL# SPID       USERNAME   PROGRAM\n"
                          "---------- ---------- ---------- ---------- ---------- "
                          "---------------------------------------------\n";
    if (!strstr(got, heading)) fprintf(stderr, "%s", got);
    assert_non_null(strstr(got, heading));
    /* Rows: instance 1, SYSTEM, and the still-connected session's SPID is its server. */
    int rows = 0, wsql_rows = 0, other_rows = 0, osid, oserial;
    wdn_session_id(other, &osid, &oserial);
    for (char *line = strstr(got, heading) + strlen(heading); *line && *line != '\n';) {
        int inst_id, sid, serial;
        long spid;
        char user[16], program[64];
        assert_int_equal(
            sscanf(line, "%d %d %d %ld %15s %63s", &inst_id, &sid, &serial, &spid, user, program),
            6);
        assert_int_equal(inst_id, 1);
        assert_string_equal(user, "SYSTEM");
        if (!strncmp(program, "wsql@", 5)) wsql_rows++;
        if (sid == osid && serial == oserial && spid == wdn_server_pid(other)) {
            char proc[64], cmdline[64] = "";
            snprintf(proc, sizeof proc, "/proc/%ld/cmdline", spid);
            FILE *c = fopen(proc, "r");
            assert_non_null(c);
            if (!fgets(cmdline, sizeof cmdline, c)) cmdline[0] = 0;
            fclose(c);
            assert_string_equal(cmdline, "wardenWARDEN (LOCAL=NO)");
            other_rows++;
        }
        rows++;
        line = strchr(line, '\n') + 1;
    }
    assert_int_equal(rows, 2); /* wsql's own session and the other one */
    assert_int_equal(wsql_rows, 1);
    assert_int_equal(other_rows, 1);
    free(got);
    wdn_close(other);
}

/* A wsql session killed while idle: its next statement shows ORA-00028, later ones ORA-01012. */
static void test_killed_session_in_wsql(void **state)
{
    char out[512];
    int input;
    pid_t pid = spawn_wsql("killed.out", out, sizeof out, &input);
    const char *first = "select 1 from dual;\n";
    assert_true(write(input, first, strlen(first)) > 0);
    /* The kill must come after the first statement's answer, not before it ran. */
    int answered = 0;
    for (int i = 0; i < 500 && !answered; i++) {
        char *so_far = wi_slurp(out);
        answered = so_far && strstr(so_far, "----------\n         1\n") != NULL;
        free(so_far);
        if (!answered) usleep(20000);
    }
    assert_true(answered);
    wdn_conn *dba = wi_connect(&inst, "system", WI_PASSWORD);
    char *target = NULL;
    for (int i = 0; i < 100 && !target; i++) {
        target = wi_scalar(dba, "select sid || ',' || serial# from v$session "
                                "where program like 'wsql@%' and status = 'INACTIVE'");
        if (!target) usleep(20000);
    }
    assert_non_null(target);
    char kill_sql[128];
    snprintf(kill_sql, sizeof kill_sql, "alter system kill session '%s'", target);
    wi_exec(dba, kill_sql);
    free(target);
    const char *rest = "select 2 from dual;\nselect 3 from dual;\nexit\n";
    assert_true(write(input, rest, strlen(rest)) > 0);
    close(input);
    int status;
    waitpid(pid, &status, 0);
    char *got = wi_slurp(out);
    const char *want =
        "select 2 from dual\n*\nERROR at line 1:\nORA-00028: your session has been killed\n"
        "\nERROR:\nORA-01012: not logged on\n";
    if (!strstr(got, want)) fprintf(stderr, "%s", got);
    assert_non_null(strstr(got, want));
    free(got);
    wdn_close(dba);
}

static int setup(void **state)
{
    wi_start(&inst);
    return 0;
}

static int teardown(void **state)
{
    wi_stop(&inst);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_transcripts),
                                       cmocka_unit_test(test_ctrl_c_cancels_call),
                                       cmocka_unit_test(test_article_identification),
                                       cmocka_unit_test(test_killed_session_in_wsql)};
    return cmocka_run_group_tests_name("e2e_wsql", tests, setup, teardown);
}
