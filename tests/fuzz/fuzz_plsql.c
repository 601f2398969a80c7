/*
 * fuzz_plsql.c - libFuzzer target for the PL/SQL interpreter: arbitrary
 * bytes as an anonymous block.  The host refuses every SQL statement with an
 * error (so EX_SQL expressions, DML and cursors all take their failure
 * paths), sleeps return at once, and the safe point interrupts after 10000
 * calls, which ends any loop.  Every run must end in success or an ORA-
 * error whose offset lies within the text (a compile error's place, in
 * characters; 0 otherwise), without crashes, leaks or undefined behaviour.
 * Build: `make fuzz` (scripts/run-fuzz.sh links each target with the server sources).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "plsql/plsql.h"

#define TEXT_MAX 8192
#define SAFE_POINTS_MAX 10000

static long safe_points;

static void check(int ok)
{
    if (!ok) abort();
}

static int refuse_sql(void *arg, const char *sql, const plsql_value *binds, int nbinds,
                      int max_rows, plsql_rows *rows, uint64_t *rows_affected, ora_error *err)
{
    check(sql != NULL && nbinds >= 0 && (nbinds == 0 || binds != NULL));
    for (int i = 0; i < nbinds; i++)
        check(binds[i].kind == PLSQL_NULL || binds[i].text != NULL);
    return ora_set(err, ORA_TABLE_NOT_EXIST, 0);
}

static int no_sleep(void *arg, double seconds, ora_error *err)
{
    check(seconds >= 0);
    return 0;
}

static int stop_eventually(void *arg, ora_error *err)
{
    if (++safe_points > SAFE_POINTS_MAX) return ora_set(err, ORA_USER_CANCEL, 0);
    return 0;
}

static void ignore_app_info(void *arg, enum plsql_app_attr which, const char *value)
{
    check(value != NULL && strlen(value) <= 64);
}

static void ignore_line(void *arg, const char *line)
{
    check(line != NULL && strlen(line) <= 32767);
}

static const plsql_host host = {
    .exec_sql = refuse_sql,
    .sleep = no_sleep,
    .safe_point = stop_eventually,
    .set_app_info = ignore_app_info,
    .put_line = ignore_line,
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char text[TEXT_MAX + 1];
    if (size > TEXT_MAX) size = TEXT_MAX;
    memcpy(text, data, size);
    text[size] = 0;
    ora_error err;
    safe_points = 0;
    if (plsql_run(text, &host, &err) < 0) {
        check(err.code > 0 && err.offset >= 0 && (size_t)err.offset <= size);
        check(strncmp(err.msg, "ORA-", 4) == 0);
    }
    return 0;
}
