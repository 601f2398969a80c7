/*
 * test_wsql_session.c - whole wsql transcripts against a scripted fake
 * server: piped prompts, feedback, errors with the statement, lost
 * sessions (ORA-00028, ORA-03113), substitution, WHENEVER, EXIT status,
 * DESCRIBE, scripts, and stored units (the compilation warning, SHOW
 * ERRORS, EXECUTE).
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

#include "common/buf.h"
#include "wsql/session.h"
#include "wsql/shell.h"

/* ---- a fake server answering from a table of canned statements ---- */

typedef struct canned {
    const char *sql;
    int error, offset;    /* failing execute */
    int drops_connection; /* the session is gone after the error */
    int ncols;
    wdn_column cols[3];
    int nrows;
    const char *values[8]; /* row-major */
    int fetch_error;       /* raised by the fetch after the rows */
    uint64_t rows_affected;
    int warning; /* succeeds with the compilation warning */
} canned;

#define COL(n, t, s)                                                                               \
    {                                                                                              \
        .name = n, .type = t, .size = s, .scale = -127, .nullable = 1                              \
    }

static const canned answers[] = {
    {.sql = "select * from dual",
     .ncols = 1,
     .cols = {COL("DUMMY", WDN_VARCHAR, 1)},
     .nrows = 1,
     .values = {"X"}},
    {.sql = "select *\nfrom dual",
     .ncols = 1,
     .cols = {COL("DUMMY", WDN_VARCHAR, 1)},
     .nrows = 1,
     .values = {"X"}},
    {.sql = "select 5 from dual",
     .ncols = 1,
     .cols = {COL("5", WDN_NUMBER, 22)},
     .nrows = 1,
     .values = {"5"}},
    {.sql = "SELECT * FROM dual WHERE 1 = 0", .ncols = 1, .cols = {COL("DUMMY", WDN_VARCHAR, 1)}},
    {.sql = "SELECT * FROM nosuch WHERE 1 = 0", .error = 942, .offset = 14},
    {.sql = "alter system disconnect session '30,7'", .error = 2000, .offset = 37},
    {.sql = "select * from nosuch", .error = 942, .offset = 14},
    {.sql = "select * from victim", .error = 28},
    {.sql = "BEGIN dbms_lock.sleep(3600); END;", .error = 3113, .drops_connection = 1},
    {.sql = "select level from big",
     .ncols = 1,
     .cols = {COL("LEVEL", WDN_NUMBER, 22)},
     .nrows = 2,
     .values = {"1", "2"},
     .fetch_error = 1013},
    {.sql = "create table t (x number)"},
    {.sql = "insert into t values (1)", .rows_affected = 1},
    {.sql = "commit"},
    {.sql = "begin null; end;"},
    {.sql = "create or replace procedure bad as\nbegin\n  nosuch\nend;", .warning = 1},
    {.sql = "create function scott.good return number as begin return 1; end;"},
    {.sql = "BEGIN greet('world'); END;"},
    {.sql = "SELECT TO_CHAR(line) || '/' || TO_CHAR(position) \"LINE/COL\", text \"ERROR\" FROM "
            "user_errors WHERE name = :n AND type = :t ORDER BY sequence",
     .ncols = 2,
     .cols = {COL("LINE/COL", WDN_VARCHAR, 81), COL("ERROR", WDN_VARCHAR, 4000)},
     .nrows = 2,
     .values = {"3/3", "PL/SQL: Statement ignored", "4/1",
                "PLS-00103: Encountered the symbol \"END\" when expecting one of the following:"}},
    {.sql = "SELECT TO_CHAR(line) || '/' || TO_CHAR(position) \"LINE/COL\", text \"ERROR\" FROM "
            "all_errors WHERE owner = :o AND name = :n AND type = :t ORDER BY sequence",
     .ncols = 2,
     .cols = {COL("LINE/COL", WDN_VARCHAR, 81), COL("ERROR", WDN_VARCHAR, 4000)}},
};

struct wdn_conn {
    int connected;
    int warning; /* of the last execute */
    ora_error err;
};

struct wdn_cursor {
    wdn_conn *conn;
    const canned *answer;
    int row;
};

static buf executed; /* every statement the fake received, one per line */
static int commits, rollbacks;

static enum wdn_privilege last_privilege; /* of the last logon the fake received */

static wdn_conn *fake_connect(const char *cs, const char *user, const char *password,
                              const char *program, enum wdn_privilege privilege, ora_error *err)
{
    last_privilege = privilege;
    if (strcmp(user, "scott") != 0 || strcmp(password, "tiger") != 0) {
        ora_set(err, ORA_INVALID_LOGON, 0);
        return NULL;
    }
    wdn_conn *c = calloc(1, sizeof *c);
    c->connected = 1;
    return c;
}

static void fake_close(wdn_conn *c)
{
    free(c);
}
static const ora_error *fake_last_error(const wdn_conn *c)
{
    return &c->err;
}
static int fake_connected(const wdn_conn *c)
{
    return c->connected;
}

static int fake_session_id(const wdn_conn *c, int *sid, int *serial)
{
    *sid = 7, *serial = 62;
    return 0;
}

static long fake_server_pid(const wdn_conn *c)
{
    return 15294;
}

static int fake_execute(wdn_conn *c, const char *sql, const wdn_bind *binds, int nbinds,
                        wdn_cursor **cur, uint64_t *rows)
{
    buf_puts(&executed, sql);
    for (int i = 0; i < nbinds; i++)
        buf_printf(&executed, "%s%s", i ? ", " : " <- ", binds[i].text);
    buf_putc(&executed, '\n');
    *cur = NULL;
    c->warning = 0;
    for (size_t i = 0; i < sizeof answers / sizeof *answers; i++) {
        const canned *a = &answers[i];
        if (strcmp(a->sql, sql) != 0) continue;
        if (a->error) {
            ora_set(&c->err, a->error, a->offset, "POST_TRANSACTION or IMMEDIATE");
            if (a->drops_connection) c->connected = 0;
            return -1;
        }
        if (a->ncols) {
            *cur = calloc(1, sizeof **cur);
            (*cur)->conn = c;
            (*cur)->answer = a;
            (*cur)->row = -1;
        }
        *rows = a->rows_affected;
        c->warning = a->warning;
        return 0;
    }
    ora_set(&c->err, ORA_INVALID_SQL, 0);
    return -1;
}

static int fake_column_count(const wdn_cursor *cur)
{
    return cur->answer->ncols;
}
static const wdn_column *fake_column_info(const wdn_cursor *cur, int i)
{
    return &cur->answer->cols[i];
}

static int fake_fetch(wdn_cursor *cur)
{
    if (++cur->row < cur->answer->nrows) return 1;
    if (!cur->answer->fetch_error) return 0;
    ora_set(&cur->conn->err, cur->answer->fetch_error, 0);
    return -1;
}

static const char *fake_value(const wdn_cursor *cur, int i)
{
    return cur->answer->values[cur->row * cur->answer->ncols + i];
}

static void fake_cursor_close(wdn_cursor *cur)
{
    free(cur);
}

static int fake_commit(wdn_conn *c)
{
    commits++;
    return 0;
}

static int fake_rollback(wdn_conn *c)
{
    rollbacks++;
    return 0;
}

static int fake_compile_warning(const wdn_conn *c)
{
    return c->warning;
}

static const wsql_client fake = {
    .connect = fake_connect,
    .close = fake_close,
    .last_error = fake_last_error,
    .connected = fake_connected,
    .session_id = fake_session_id,
    .server_pid = fake_server_pid,
    .execute = fake_execute,
    .column_count = fake_column_count,
    .column_info = fake_column_info,
    .fetch = fake_fetch,
    .value = fake_value,
    .cursor_close = fake_cursor_close,
    .commit = fake_commit,
    .rollback = fake_rollback,
    .compile_warning = fake_compile_warning,
};

/* The same without the compilation warning call, as an older client table has it. */
static wsql_client fake_without_warnings;
static const wsql_client *client = &fake;

/* ---- running transcripts ---- */

typedef struct run {
    char *output;
    int status;
} run;

enum { CONNECTED = 1, SILENT = 2 };

/* Run INPUT as piped stdin; returns what wsql printed and its exit status. */
static run transcript(const char *input, int flags)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    FILE *in = fmemopen((void *)input, strlen(input), "r");
    shell sh;
    shell_init(&sh, client, in, out, NULL, flags & SILENT);
    buf_reset(&executed);
    commits = rollbacks = 0;
    if (flags & CONNECTED) {
        logon l;
        assert_int_equal(wsql_logon_parse("scott/tiger@localhost:1521/WARDEN", &l), 0);
        assert_int_equal(wsql_connect(&sh, &l, ANNOUNCE_NONE), 0);
        wsql_logon_free(&l);
    }
    run r;
    r.status = shell_run(&sh);
    shell_free(&sh);
    fclose(in);
    fclose(out);
    r.output = text;
    return r;
}

static void assert_transcript(const char *input, int flags, const char *expected, int status)
{
    run r = transcript(input, flags);
    assert_string_equal(r.output, expected);
    assert_int_equal(r.status, status);
    free(r.output);
}

/* ---- tests ---- */

#define BAD_PROCEDURE "create or replace procedure bad as\nbegin\n  nosuch\nend;\n/\n"
#define ERRORS_HEADING                                                                             \
    "LINE/COL ERROR\n"                                                                             \
    "-------- -----------------------------------------------------------------\n"

/* A unit created with compilation errors: SQL*Plus's warning, even under FEEDBACK OFF. */
static void test_compilation_warning(void **state)
{
    assert_transcript(BAD_PROCEDURE "set feedback off\n" BAD_PROCEDURE, CONNECTED | SILENT,
                      "\nWarning: Procedure created with compilation errors.\n\n"
                      "\nWarning: Procedure created with compilation errors.\n\n",
                      0);
    client = &fake_without_warnings; /* no warning call: the ordinary feedback */
    assert_transcript(BAD_PROCEDURE, CONNECTED | SILENT, "\nProcedure created.\n\n", 0);
    client = &fake;
}

/* SHOW ERRORS: the last unit created (its errors word-wrapped at 65), or a named one. */
static void test_show_errors(void **state)
{
    assert_transcript(
        "show errors\n" BAD_PROCEDURE "show errors\nshow err procedure scott.bad\n",
        CONNECTED | SILENT,
        "No errors.\n"
        "\nWarning: Procedure created with compilation errors.\n\n"
        "Errors for PROCEDURE BAD:\n\n" ERRORS_HEADING "3/3      PL/SQL: Statement ignored\n"
        "4/1      PLS-00103: Encountered the symbol \"END\" when expecting one of the\n"
        "         following:\n\n"
        "No errors.\n",
        0);
    assert_string_equal(buf_cstr(&executed),
                        "create or replace procedure bad as\nbegin\n  nosuch\nend;\n"
                        "SELECT TO_CHAR(line) || '/' || TO_CHAR(position) \"LINE/COL\", text "
                        "\"ERROR\" FROM user_errors WHERE name = :n AND type = :t ORDER BY "
                        "sequence <- BAD, PROCEDURE\n"
                        "SELECT TO_CHAR(line) || '/' || TO_CHAR(position) \"LINE/COL\", text "
                        "\"ERROR\" FROM all_errors WHERE owner = :o AND name = :n AND type = :t "
                        "ORDER BY sequence <- SCOTT, BAD, PROCEDURE\n");
    /* the schema named in the CREATE is the unit's owner */
    assert_transcript("create function scott.good return number as begin return 1; end;\n/\n"
                      "show errors\nshow errors function\nshow errors view a b\n",
                      CONNECTED | SILENT,
                      "\nFunction created.\n\nNo errors.\n"
                      "Usage: SHOW ERRORS [{ FUNCTION | PROCEDURE | PACKAGE | PACKAGE BODY | "
                      "TRIGGER | VIEW | TYPE | TYPE BODY | DIMENSION | JAVA SOURCE | JAVA CLASS } "
                      "[schema.]name]\n"
                      "Usage: SHOW ERRORS [{ FUNCTION | PROCEDURE | PACKAGE | PACKAGE BODY | "
                      "TRIGGER | VIEW | TYPE | TYPE BODY | DIMENSION | JAVA SOURCE | JAVA CLASS } "
                      "[schema.]name]\n",
                      0);
    assert_non_null(strstr(buf_cstr(&executed), "<- SCOTT, GOOD, FUNCTION\n"));
    /* not connected: the CREATE is not remembered, a named unit gets SP2-0640 */
    assert_transcript(BAD_PROCEDURE "show errors\nshow errors procedure bad\n", SILENT,
                      "SP2-0640: Not connected\nNo errors.\nSP2-0640: Not connected\n", 0);
}

/* EXEC[UTE] runs "BEGIN ...; END;" and says the block completed. */
static void test_execute(void **state)
{
    assert_transcript("exec greet('world')\nexecute greet('world');\n", CONNECTED | SILENT,
                      "\nPL/SQL procedure successfully completed.\n\n"
                      "\nPL/SQL procedure successfully completed.\n\n",
                      0);
}

static void test_piped_query(void **state)
{
    assert_transcript("select * from dual;\n", CONNECTED,
                      "SQL> \nD\n-\nX\n\nSQL> Disconnected from Warden 19.0\n", 0);
    assert_int_equal(commits, 1);
    assert_transcript("select *\nfrom dual\n/\n", CONNECTED,
                      "SQL>   2    3  \nD\n-\nX\n\nSQL> Disconnected from Warden 19.0\n", 0);
}

static void test_silent_mode_has_no_prompts(void **state)
{
    assert_transcript("select * from dual;\nexit\n", CONNECTED | SILENT, "\nD\n-\nX\n\n", 0);
}

/* DISCONNECT SESSION without POST_TRANSACTION or IMMEDIATE (ORA-02000), as piped output. */
static void test_disconnect_session_error(void **state)
{
    assert_transcript("alter system disconnect session '30,7';\n", CONNECTED,
                      "SQL> alter system disconnect session '30,7'\n"
                      "                                     *\n"
                      "ERROR at line 1:\n"
                      "ORA-02000: missing POST_TRANSACTION or IMMEDIATE keyword\n"
                      "\n"
                      "SQL> Disconnected from Warden 19.0\n",
                      0);
}

/* A killed session: after ORA-00028 later statements get ORA-01012 without a call. */
static void test_killed_session(void **state)
{
    assert_transcript("select * from victim;\nselect * from dual;\nexit\n", CONNECTED,
                      "SQL> select * from victim\n*\nERROR at line 1:\n"
                      "ORA-00028: your session has been killed\n\n"
                      "SQL> ERROR:\nORA-01012: not logged on\n\n"
                      "SQL> ",
                      0);
    assert_string_equal(buf_cstr(&executed), "select * from victim\n");
}

/* oracle-session-facts 3: DISCONNECT SESSION ... IMMEDIATE as its victim sees it. */
static void test_lost_connection(void **state)
{
    assert_transcript("exec dbms_lock.sleep(3600);\nselect sysdate from dual\n/\n", CONNECTED,
                      "SQL> BEGIN dbms_lock.sleep(3600); END;\n\n*\nERROR at line 1:\n"
                      "ORA-03113: end-of-file on communication channel\n"
                      "Process ID: 15294\nSession ID: 7 Serial number: 62\n\n"
                      "SQL>   2  ERROR:\nORA-03114: not connected to ORACLE\n\n"
                      "SQL> ",
                      0);
}

static void test_feedback_lines(void **state)
{
    assert_transcript("create table t (x number);\ninsert into t values (1);\n"
                      "set feedback off\ncommit;\nbegin null; end;\n/\n",
                      CONNECTED,
                      "SQL> \nTable created.\n\nSQL> \n1 row created.\n\nSQL> SQL> SQL>   2  "
                      "SQL> Disconnected from Warden 19.0\n",
                      0);
    assert_transcript("set autocommit on\ninsert into t values (1);\n", CONNECTED,
                      "SQL> SQL> \n1 row created.\n\n\nCommit complete.\n\n"
                      "SQL> Disconnected from Warden 19.0\n",
                      0);
    assert_int_equal(commits, 2);
}

static void test_fetch_error_after_rows(void **state)
{
    assert_transcript("select level from big;\n", CONNECTED,
                      "SQL> \n     LEVEL\n----------\n         1\n         2\n"
                      "ERROR:\nORA-01013: user requested cancel of current operation\n\n\n"
                      "SQL> Disconnected from Warden 19.0\n",
                      0);
}

static void test_substitution_from_the_pipe(void **state)
{
    assert_transcript("select &v from dual;\n5\n", CONNECTED,
                      "SQL> Enter value for v: old   1: select &v from dual\n"
                      "new   1: select 5 from dual\n"
                      "\n         5\n----------\n         5\n\n"
                      "SQL> Disconnected from Warden 19.0\n",
                      0);
    assert_transcript("define x = 'a b'\nprompt [&x]\ndefine x\ndefine nope\n", 0,
                      "SQL> SQL> [a b]\nSQL> DEFINE X               = \"a b\" (CHAR)\n"
                      "SQL> SP2-0135: symbol nope is UNDEFINED\nSQL> ",
                      0);
}

static void test_whenever_sqlerror_exit(void **state)
{
    assert_transcript("whenever sqlerror exit 3\nselect * from nosuch;\nselect * from dual;\n",
                      CONNECTED,
                      "SQL> SQL> select * from nosuch\n              *\nERROR at line 1:\n"
                      "ORA-00942: table or view does not exist\n\n"
                      "Disconnected from Warden 19.0\n",
                      3);
    assert_string_equal(buf_cstr(&executed), "select * from nosuch\n");
    assert_transcript("whenever sqlerror exit sql.sqlcode rollback\nselect * from nosuch;\n",
                      CONNECTED | SILENT,
                      "select * from nosuch\n              *\nERROR at line 1:\n"
                      "ORA-00942: table or view does not exist\n\n",
                      942);
    assert_int_equal(rollbacks, 1);
    assert_int_equal(commits, 0);
}

static void test_exit_status(void **state)
{
    assert_transcript("exit 5\nselect * from dual;\n", CONNECTED,
                      "SQL> Disconnected from Warden 19.0\n", 5);
    assert_transcript("quit failure rollback\n", CONNECTED | SILENT, "", 1);
    assert_int_equal(rollbacks, 1);
}

static void test_not_connected(void **state)
{
    assert_transcript("select 1 from dual;\nshow user\ndesc dual\n", 0,
                      "SQL> SP2-0640: Not connected\nSQL> USER is \"\"\n"
                      "SQL> SP2-0640: Not connected\nSQL> ",
                      0);
}

static void test_connect_command(void **state)
{
    assert_transcript("connect scott/tiger@h:1/S\nshow user\nconnect bad/worse\nshow user\n", 0,
                      "SQL> Connected.\nSQL> USER is \"SCOTT\"\n"
                      "SQL> ERROR:\nORA-01017: invalid username/password; logon denied\n\n"
                      "Warning: You are no longer connected to ORACLE.\n"
                      "SQL> USER is \"\"\nSQL> ",
                      0);
    assert_int_equal(commits, 1);
}

/* AS SYSDBA / AS SYSOPER reach the logon; SHOW USER then names the session's user. */
static void test_connect_as_sysdba(void **state)
{
    assert_transcript("connect scott/tiger as sysdba\nshow user\n", 0,
                      "SQL> Connected.\nSQL> USER is \"SYS\"\nSQL> Disconnected from Warden 19.0\n", 0);
    assert_int_equal(last_privilege, WDN_SYSDBA);
    assert_transcript("connect scott/tiger AS SYSOPER\nshow user\n", 0,
                      "SQL> Connected.\nSQL> USER is \"PUBLIC\"\nSQL> Disconnected from Warden 19.0\n", 0);
    assert_int_equal(last_privilege, WDN_SYSOPER);
    assert_transcript("connect scott/tiger\n", 0,
                      "SQL> Connected.\nSQL> Disconnected from Warden 19.0\n", 0);
    assert_int_equal(last_privilege, WDN_DEFAULT);
    assert_transcript("connect scott/tiger as sysfoo\n", 0,
                      "SQL> SP2-0306: Invalid option.\n"
                      "Usage: CONN[ECT] [{logon|/} [AS SYSDBA]]\n"
                      "where <logon> ::= <username>[/<password>][@<connect_identifier>]\nSQL> ",
                      0);
}

static void test_describe(void **state)
{
    assert_transcript(
        "desc dual\ndesc nosuch\n", CONNECTED | SILENT,
        " Name                                      Null?    Type\n"
        " ----------------------------------------- -------- ----------------------------\n"
        " DUMMY                                              VARCHAR2(1)\n"
        "\n"
        "ERROR:\nORA-04043: object nosuch does not exist\n\n",
        0);
}

static void test_set_and_show(void **state)
{
    assert_transcript("set linesize 100 pagesize 50\nshow linesize\nsho pages\nset linesize x\n"
                      "set linesize 0\nset foo on\nshow feedback\nset feedback off\nshow feedback\n"
                      "set heading maybe\nshow heading\n",
                      SILENT,
                      "linesize 100\npagesize 50\n"
                      "SP2-0268: linesize option not a valid number\n"
                      "SP2-0267: linesize option 0 out of range (1 through 32767)\n"
                      "SP2-0158: unknown SET option \"foo\"\n"
                      "FEEDBACK ON for 6 or more rows\nfeedback OFF\n"
                      "SP2-0265: heading must be set ON or OFF\nheading ON\n",
                      0);
}

static void test_unknown_and_unsupported_commands(void **state)
{
    assert_transcript(
        "hello world of sql\ncopy from a to b\n", SILENT,
        "SP2-0734: unknown command beginning \"hello worl...\" - rest of line ignored.\n"
        "wsql: COPY is not supported - rest of line ignored.\n",
        0);
}

/* BREAK and COMPUTE list what they hold; CLEAR removes it. */
static void test_break_and_compute_listing(void **state)
{
    assert_transcript("break\ncompute\nbreak on deptno skip 1 on report\nbreak\n"
                      "compute sum avg label 'Mean' of sal comm on deptno report\ncompute\n"
                      "break on x skip nonsense\nbreak\ncompute of sal on x\n"
                      "clear breaks\nclear computes\nbreak\ncompute\n",
                      SILENT,
                      "SP2-0045: * no break's defined\n"
                      "SP2-0045: * no computes currently defined\n"
                      "break on DEPTNO skip 1 nodup\n"
                      "         on report nodup\n"
                      "COMPUTE avg LABEL 'Mean' sum LABEL 'sum' OF SAL ON DEPTNO\n"
                      "COMPUTE avg LABEL 'Mean' sum LABEL 'sum' OF SAL ON REPORT\n"
                      "COMPUTE avg LABEL 'Mean' sum LABEL 'sum' OF COMM ON DEPTNO\n"
                      "COMPUTE avg LABEL 'Mean' sum LABEL 'sum' OF COMM ON REPORT\n"
                      "SP2-0158: unknown BREAK option \"nonsense\"\n"
                      "break on DEPTNO skip 1 nodup\n"
                      "         on report nodup\n"
                      "SP2-0082: no COMPUTE functions requested\n"
                      "breaks cleared\ncomputes cleared\n"
                      "SP2-0045: * no break's defined\n"
                      "SP2-0045: * no computes currently defined\n",
                      0);
}

/* ACCEPT and PAUSE read the next line of the same input. */
static void test_accept_and_pause(void **state)
{
    assert_transcript("accept n number default 10 prompt 'N: '\n\nprompt [&n]\n"
                      "accept n number prompt 'N: '\nabc\n42\nprompt [&n]\n"
                      "acc s char prompt \"Name: \"\nSCOTT\nprompt [&s]\n"
                      "pause Press Return\n\nprompt done\naccept\n",
                      SILENT,
                      "N: [10]\nN: SP2-0425: \"abc\" is not a valid NUMBER\nN: [42]\n"
                      "Name: [SCOTT]\nPress Return\ndone\n"
                      "SP2-0003: Ill-formed ACCEPT command starting as \n",
                      0);
}

/* COLUMN ... NEW_VALUE sets a variable from the last row; JUSTIFY and NULL are listed. */
static void test_column_new_value(void **state)
{
    assert_transcript("column dummy new_value d old_value o justify right null '-'\n"
                      "select * from dual;\nprompt &d &o\ncolumn dummy\n",
                      CONNECTED | SILENT,
                      "\nD\n-\nX\n\nX X\nCOLUMN   DUMMY ON\nJUSTIFY  RIGHT\nNULL     '-'\n"
                      "NEW_VALUE D\nOLD_VALUE O\n",
                      0);
}

/* TTITLE alone lists the title; OFF keeps it. */
static void test_title_listing(void **state)
{
    assert_transcript("ttitle left 'Report' skip 1\nttitle off\nttitle\n"
                      "select * from dual;\nttitle on\nselect * from dual;\nshow btitle\nshow spool\n",
                      CONNECTED | SILENT,
                      "ttitle OFF and is the following 20 characters:\nleft 'Report' skip 1\n"
                      "\nD\n-\nX\n\n"
                      "\nReport\nD\n-\nX\n\n"
                      "btitle OFF and is the following 0 characters:\n\nspool OFF\n",
                      0);
}

/* SPOOL copies the output to a file (.lst added); TRIMSPOOL drops trailing blanks there. */
static void test_spool(void **state)
{
    char dir[] = "/tmp/wsql-spool-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char input[512], path[600];
    snprintf(input, sizeof input,
             "set trimout off\ncolumn dummy format a5\n"
             "spool\nspool %s/out\nselect * from dual;\nspool\nspool off\nprompt not kept\n"
             "set trimspool on\nspool %s/out append\nselect * from dual;\nspool off\n"
             "spool %s/out create\nspool off\n",
             dir, dir, dir);
    run r = transcript(input, CONNECTED | SILENT);
    snprintf(path, sizeof path, "%s/out.lst", dir);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char text[512] = "";
    size_t n = fread(text, 1, sizeof text - 1, f);
    text[n] = 0;
    fclose(f);
    char expected[1024], spooled[1024];
    snprintf(expected, sizeof expected,
             "not spooling currently\n"
             "\nDUMMY\n-----\nX    \n\ncurrently spooling to %s\n"
             "not kept\n"
             "\nDUMMY\n-----\nX    \n\n"
             "SP2-0771: File \"%s\" already exists.\n"
             "Use another name or \"SPOOL filename[.ext] REPLACE\"\n"
             "SP2-0332: not spooling currently\n",
             path, path);
    assert_string_equal(r.output, expected);
    snprintf(spooled, sizeof spooled,
             "\nDUMMY\n-----\nX    \n\ncurrently spooling to %s\n\nDUMMY\n-----\nX\n\n", path);
    assert_string_equal(text, spooled);
    free(r.output);
    unlink(path);
    rmdir(dir);
}

static void test_list_and_run_buffer(void **state)
{
    assert_transcript("select *\nfrom dual\n\nlist\n/\n", CONNECTED | SILENT,
                      "  1  select *\n  2* from dual\n\nD\n-\nX\n\n", 0);
    assert_transcript("/\n", SILENT, "SP2-0103: Nothing in SQL buffer to run.\n", 0);
}

static void test_timing(void **state)
{
    run r = transcript("set timing on\nselect * from dual;\n", CONNECTED | SILENT);
    assert_non_null(strstr(r.output, "\nD\n-\nX\n\nElapsed: 00:00:0"));
    free(r.output);
}

/* Write BODY to a new NAME.sql file; returns its path without the extension (malloc'd). */
static char *script_file(const char *body)
{
    char path[] = "/tmp/wsql_test_XXXXXX.sql";
    int fd = mkstemps(path, 4);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, body, strlen(body)), (ssize_t)strlen(body));
    close(fd);
    return strndup(path, strlen(path) - 4);
}

static void remove_script_file(char *name)
{
    buf path;
    buf_init(&path);
    buf_printf(&path, "%s.sql", name);
    unlink(buf_cstr(&path));
    buf_free(&path);
    free(name);
}

static void test_script_file(void **state)
{
    char *name = script_file("prompt arg is &1\nselect *\nfrom dual;\nselect * from\n");
    char input[128];
    snprintf(input, sizeof input, "@%s one\nl\n@/nonexistent/x\n", name);
    assert_transcript(input, CONNECTED,
                      "SQL> arg is one\n\nD\n-\nX\n\n"
                      "SQL>   1* select * from\n"
                      "SQL> SP2-0310: unable to open file \"/nonexistent/x.sql\"\n"
                      "SQL> Disconnected from Warden 19.0\n",
                      0);
    remove_script_file(name);
}

static void test_column_command(void **state)
{
    assert_transcript(
        "column dummy format a5 heading 'Dum|my'\nselect * from dual;\ncolumn dummy\n"
        "column nosuch\ncolumn x format zzz\ncolumn dummy clear\nselect * from dual;\n",
        CONNECTED | SILENT,
        "\nDum\nmy\n-----\nX\n\n"
        "COLUMN   DUMMY ON\nFORMAT   a5\nHEADING  'Dum|my' headsep '|'\n"
        "SP2-0046: COLUMN 'NOSUCH' not defined\n"
        "SP2-0246: Illegal FORMAT string \"zzz\"\n"
        "\nD\n-\nX\n\n",
        0);
}

static void test_termout_off_in_scripts(void **state)
{
    char *name = script_file("set termout off\nselect * from dual;\nprompt hidden\n"
                             "set termout on\nprompt shown\n");
    char input[128];
    snprintf(input, sizeof input, "@%s\nprompt after\n", name);
    assert_transcript(input, CONNECTED | SILENT, "shown\nafter\n", 0);
    assert_string_equal(buf_cstr(&executed), "select * from dual\n");
    remove_script_file(name);
}

int main(void)
{
    buf_init(&executed);
    fake_without_warnings = fake;
    fake_without_warnings.compile_warning = NULL;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_piped_query),
        cmocka_unit_test(test_silent_mode_has_no_prompts),
        cmocka_unit_test(test_disconnect_session_error),
        cmocka_unit_test(test_killed_session),
        cmocka_unit_test(test_lost_connection),
        cmocka_unit_test(test_feedback_lines),
        cmocka_unit_test(test_fetch_error_after_rows),
        cmocka_unit_test(test_substitution_from_the_pipe),
        cmocka_unit_test(test_whenever_sqlerror_exit),
        cmocka_unit_test(test_exit_status),
        cmocka_unit_test(test_not_connected),
        cmocka_unit_test(test_connect_command),
        cmocka_unit_test(test_connect_as_sysdba),
        cmocka_unit_test(test_describe),
        cmocka_unit_test(test_set_and_show),
        cmocka_unit_test(test_unknown_and_unsupported_commands),
        cmocka_unit_test(test_list_and_run_buffer),
        cmocka_unit_test(test_break_and_compute_listing),
        cmocka_unit_test(test_accept_and_pause),
        cmocka_unit_test(test_column_new_value),
        cmocka_unit_test(test_title_listing),
        cmocka_unit_test(test_spool),
        cmocka_unit_test(test_timing),
        cmocka_unit_test(test_script_file),
        cmocka_unit_test(test_column_command),
        cmocka_unit_test(test_termout_off_in_scripts),
        cmocka_unit_test(test_compilation_warning),
        cmocka_unit_test(test_show_errors),
        cmocka_unit_test(test_execute),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    buf_free(&executed);
    return failed;
}
