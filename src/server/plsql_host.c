/*
 * plsql_host.c - what an anonymous PL/SQL block may ask of its dedicated
 * server: run SQL on the session's engine, sleep (interruptibly, showing
 * the 'PL/SQL lock timer' wait), stop at safe points for breaks, kills and
 * cancels, set MODULE/ACTION/CLIENT_INFO/CLIENT_IDENTIFIER, report long
 * operations (V$SESSION_LONGOPS), and keep DBMS_OUTPUT lines.
 */
#include "plsql_host.h"

#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../common/hex.h"
#include "../engine/ora_functions.h"
#include "../engine/units.h"
#include "wire_values.h"
#include "../common/ora_types.h"
#include "../plsql/plsql.h"
#include "../sga/sga.h"
#include "commands.h"
#include "cursors.h"
#include "interrupts.h"
#include "privilege_checks.h"
#include "session_state.h"
#include "sql_trace.h"

#define SLEEP_SLICE_MS 50

static int value_kind(uint8_t ora_type)
{
    switch (ora_type) {
    case T_NUMBER: return PLSQL_NUMBER;
    case T_DATE:
    case T_TIMESTAMP:
    case T_TIMESTAMP_TZ:
    case T_TIMESTAMP_LTZ: return PLSQL_DATE;
    default: return PLSQL_TEXT;
    }
}

/* Execute EC with the interpreter's values as its binds: a RAW value (hex text in PL/SQL)
 * goes as its bytes. */
static int execute_with(session *s, eng_cursor *ec, const plsql_value *in, int n,
                        uint64_t *rows_affected, ora_error *err)
{
    eng_value *v = xcalloc((size_t)(n ? n : 1), sizeof *v);
    uint8_t **bytes = xcalloc((size_t)(n ? n : 1), sizeof *bytes);
    for (int i = 0; i < n; i++) {
        v[i].is_null = in[i].kind == PLSQL_NULL || !in[i].text;
        v[i].kind = in[i].kind == PLSQL_TEXT   ? ENG_VAL_TEXT
                    : in[i].kind == PLSQL_DATE ? ENG_VAL_DATE
                    : in[i].kind == PLSQL_RAW  ? ENG_VAL_BLOB
                                               : ENG_VAL_NUMBER;
        v[i].text = in[i].text;
        v[i].len = in[i].text ? strlen(in[i].text) : 0;
        if (in[i].kind == PLSQL_RAW && !v[i].is_null) {
            bytes[i] = xmalloc(v[i].len / 2 + 1);
            long len = hex_decode(in[i].text, v[i].len, bytes[i]);
            v[i].text = (const char *)bytes[i];
            v[i].len = len < 0 ? 0 : (size_t)len;
        }
    }
    int rc = eng_execute(s->eng, ec, v, n, rows_affected, err);
    for (int i = 0; i < n; i++) free(bytes[i]);
    free(bytes);
    free(v);
    return rc;
}

/* Column I of EC's current row as a PL/SQL value; bytes (RAW) as hex text, as PL/SQL shows RAW. */
static void cell_to_plsql(eng_cursor *ec, int i, uint8_t ora_type, plsql_value *v)
{
    eng_cell cell;
    eng_value_cell(ec, i, &cell);
    if (cell.kind == ENG_COL_BLOB) {
        buf hex;
        buf_init(&hex);
        hex_put(&hex, cell.bytes, (size_t)cell.len);
        v->kind = PLSQL_RAW;
        v->text = xstrdup(buf_cstr(&hex));
        buf_free(&hex);
        return;
    }
    int len;
    const char *t = eng_value_text(ec, i, &len);
    v->kind = t ? value_kind(ora_type) : PLSQL_NULL;
    v->text = t ? xstrndup(t, (size_t)len) : NULL;
}

/* A cursor PL/SQL opened in the current call: closed at its end unless handed to the client. */
static void track_call_cursor(session *s, int id)
{
    s->call_cursors = xrealloc(s->call_cursors, sizeof *s->call_cursors * (size_t)(s->ncall_cursors + 1));
    s->call_cursors[s->ncall_cursors++] = id;
}

/* A cursor expression's column I of EC's current row (cursor PARENT's, 0: a statement of the
 * block's own): its cursor for the row, as the cursor value V. */
static int nested_to_plsql(session *s, eng_cursor *ec, int parent, int i, plsql_value *v,
                           ora_error *err)
{
    eng_cursor *nested = eng_open_nested(s->eng, ec, i, err);
    int id = nested ? cursor_add_executed(s, nested, parent, err) : 0;
    if (!id) return -1;
    track_call_cursor(s, id);
    char text[24];
    snprintf(text, sizeof text, "%d", id);
    v->kind = PLSQL_CURSOR;
    v->text = xstrdup(text);
    return 0;
}

/* Up to MAX_ROWS rows of EC (cursor PARENT's, or 0) into ROWS. */
static int fetch_rows(session *s, eng_cursor *ec, int parent, int max_rows, plsql_rows *rows,
                      ora_error *err)
{
    int ncols = eng_column_count(ec);
    const eng_column *cols = eng_columns(ec);
    rows->ncols = ncols;
    rows->names = xcalloc((size_t)(ncols ? ncols : 1), sizeof(char *));
    for (int i = 0; i < ncols; i++) rows->names[i] = xstrdup(cols[i].name);
    int cap = 0, rc;
    while ((max_rows <= 0 || rows->nrows < max_rows) && (rc = eng_next_row(s->eng, ec, err)) == 1) {
        if (rows->nrows == cap) {
            cap = cap ? cap * 2 : 16;
            rows->values = xrealloc(rows->values, sizeof *rows->values * (size_t)(cap * ncols));
        }
        plsql_value *row = &rows->values[rows->nrows * ncols];
        memset(row, 0, sizeof *row * (size_t)ncols);
        rows->nrows++;
        for (int i = 0; i < ncols; i++)
            if (cols[i].ora_type != T_CURSOR)
                cell_to_plsql(ec, i, cols[i].ora_type, &row[i]);
            else if (nested_to_plsql(s, ec, parent, i, &row[i], err) < 0)
                return -1;
    }
    return err->code ? -1 : 0;
}

static int host_exec_sql(void *arg, const char *sql, const plsql_value *binds, int nbinds,
                         int max_rows, plsql_rows *rows, uint64_t *rows_affected, ora_error *err)
{
    session *s = arg;
    memset(rows, 0, sizeof *rows);
    if (rows_affected) *rows_affected = 0;
    eng_cursor *ec = eng_prepare(s->eng, sql, err);
    if (!ec) return -1;
    int rc;
    sql_kind kind = eng_cursor_kind(ec);
    if (s->in_sql_function && kind != SQLK_QUERY) { /* a query's function only reads */
        eng_cursor_free(ec);
        return ora_set(err, kind == SQLK_DML || kind == SQLK_LOCK_TABLE ? 14551 : 14552, 0);
    }
    if (kind == SQLK_QUERY || kind == SQLK_DML || kind == SQLK_DDL || kind == SQLK_LOCK_TABLE) {
        rc = execute_with(s, ec, binds, nbinds, rows_affected, err);
        if (rc == 0 && kind == SQLK_QUERY) rc = fetch_rows(s, ec, 0, max_rows, rows, err);
    } else {
        /* COMMIT, ALTER SYSTEM ... through EXECUTE IMMEDIATE (a block never comes here:
         * the interpreter runs it, sql_is_block) */
        rc = command_run(s, ec, err);
    }
    eng_cursor_free(ec);
    return rc;
}

/* Each statement and loop iteration: what interrupts.c says of the call. */
static int host_safe_point(void *arg, ora_error *err)
{
    int code = interrupts_safe_point(arg);
    return code ? ora_set(err, code, 0) : 0;
}

static double now_s(void) { return (double)sga_monotonic_us() / 1e6; }

/* Sleep in slices, waking at once for a request, a kill <spid> or client input (a break). */
static int host_sleep(void *arg, double seconds, ora_error *err)
{
    session *s = arg;
    session_state_sleep(s, seconds);
    double end = now_s() + (seconds > 0 ? seconds : 0);
    int code = 0;
    for (;;) {
        if ((code = interrupts_check(s)) != 0) break;
        double left = end - now_s();
        if (left <= 0) break;
        int ms = left * 1000 < SLEEP_SLICE_MS ? (int)(left * 1000) + 1 : SLEEP_SLICE_MS;
        struct pollfd pfd = {.fd = s->net.fd, .events = POLLIN};
        struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
        ppoll(&pfd, 1, &ts, s->net.wait_mask); /* the signals are let in: they end it early */
    }
    session_state_sleep(s, -1);
    return code ? ora_set(err, code, 0) : 0;
}

static void host_set_app_info(void *arg, enum plsql_app_attr which, const char *value)
{
    session *s = arg;
    char *dest[] = {[PLSQL_MODULE] = s->module, [PLSQL_ACTION] = s->action,
                    [PLSQL_CLIENT_INFO] = s->client_info,
                    [PLSQL_CLIENT_IDENTIFIER] = s->client_identifier};
    snprintf(dest[which], 65, "%s", value ? value : "");
    session_state_end_to_end(s);
}

/* SET_SESSION_LONGOPS: the row of V$SESSION_LONGOPS, with the session's current statement. */
static void host_set_longops(void *arg, const plsql_longop *op, int *rindex, int *slno)
{
    longop o = {.context = op->context, .target_object = op->target, .sofar = op->sofar,
                .totalwork = op->totalwork};
    snprintf(o.opname, sizeof o.opname, "%s", op->opname);
    snprintf(o.target_desc, sizeof o.target_desc, "%s", op->target_desc);
    snprintf(o.units, sizeof o.units, "%s", op->units);
    session_state_longop(arg, &o, rindex, slno);
}

/* DBMS_OUTPUT: lines kept for GET_LINE while the session has it enabled (Oracle's default is
 * disabled; SQL*Plus and drivers call ENABLE), across calls. */
static void host_put_line(void *arg, const char *line)
{
    session *s = arg;
    if (!s->output_enabled) return;
    if (s->dbms_output.len + strlen(line) + 1 > 1000000) return; /* Oracle's default buffer limit */
    buf_puts(&s->dbms_output, line);
    buf_putc(&s->dbms_output, '\n');
}

static void host_output_enable(void *arg, int on)
{
    session *s = arg;
    s->output_enabled = on;
    if (!on) buf_reset(&s->dbms_output), s->output_read = 0;
}

static int host_output_next(void *arg, char **line)
{
    session *s = arg;
    if (s->output_read >= s->dbms_output.len) return 0;
    const char *start = (const char *)s->dbms_output.data + s->output_read;
    const char *nl = memchr(start, '\n', s->dbms_output.len - s->output_read);
    size_t n = nl ? (size_t)(nl - start) : s->dbms_output.len - s->output_read;
    *line = xmalloc(n + 1);
    memcpy(*line, start, n);
    (*line)[n] = '\0';
    s->output_read += n + 1;
    if (s->output_read >= s->dbms_output.len) buf_reset(&s->dbms_output), s->output_read = 0;
    return 1;
}

/* The interpreter's kind for the engine's value kind K. */
static int plsql_kind(int k)
{
    return k == ENG_VAL_NUMBER    ? PLSQL_NUMBER
           : k == ENG_VAL_BOOLEAN ? PLSQL_BOOLEAN
           : k == ENG_VAL_DATE    ? PLSQL_DATE
           : k == ENG_VAL_CURSOR  ? PLSQL_CURSOR
           : k == ENG_VAL_BLOB    ? PLSQL_RAW
                                  : PLSQL_TEXT;
}

/* One client value as the interpreter's. */
static void to_plsql_value(const eng_value *v, plsql_value *out)
{
    out->declared = plsql_kind(v->kind);
    out->kind = v->is_null ? PLSQL_NULL : out->declared;
    out->text = v->is_null ? NULL : xstrndup(v->text, v->len);
    if (!v->is_null && v->kind == ENG_VAL_BLOB) { /* RAW: hex, as PL/SQL has it */
        buf hex;
        buf_init(&hex);
        hex_put(&hex, v->text, v->len);
        free(out->text);
        out->text = xstrdup(buf_cstr(&hex));
        buf_free(&hex);
    }
}

/* An array bind of type M with elements A (NULL: none came, an OUT bind) into OUT. */
static void to_plsql_array(const bind_meta *m, const bind_array *a, plsql_value *out)
{
    *out = (plsql_value){.kind = PLSQL_ARRAY, .declared = plsql_kind(wire_bind_kind(m)),
                         .max_elems = (int)m->max_elems};
    int n = a ? a->n : 0;
    out->elems = xcalloc((size_t)(n ? n : 1), sizeof *out->elems);
    for (out->nelems = 0; out->nelems < n; out->nelems++)
        to_plsql_value(&a->values[out->nelems], &out->elems[out->nelems]);
}

/* The client's bind values as the interpreter's (one per distinct name). */
static plsql_value *to_plsql_values(const eng_value *values, int n, const bind_meta *meta,
                                    const bind_array *arrays)
{
    plsql_value *binds = xcalloc((size_t)(n ? n : 1), sizeof *binds);
    for (int i = 0; i < n; i++) {
        if (meta && (meta[i].flags & BIND_ARRAY))
            to_plsql_array(&meta[i], arrays ? &arrays[i] : NULL, &binds[i]);
        else
            to_plsql_value(&values[i], &binds[i]);
    }
    return binds;
}

/*
 * A stored unit for the interpreter: OWNER's (NULL: the session's schema,
 * or the schema NAME starts with: "SCOTT.F", as SQL names schema.function),
 * if the session may run it - its own, anyone's with EXECUTE ANY PROCEDURE,
 * or one it was granted EXECUTE on; a package comes with its body's text.
 * A unit that did not compile when it was created is compiled again now
 * (what it called may exist since): PLS-00905 if it still fails.
 */
static int host_find_unit(void *arg, const char *owner, const char *name, plsql_unit *unit,
                          ora_error *err)
{
    session *s = arg;
    char qualified[130];
    const char *dot = owner ? NULL : strchr(name, '.');
    if (dot && (size_t)(dot - name) < sizeof qualified) {
        snprintf(qualified, sizeof qualified, "%.*s", (int)(dot - name), name);
        owner = qualified;
        name = dot + 1;
    }
    const char *schema = owner ? owner : eng_user(s->eng);
    if (strcmp(schema, eng_user(s->eng)) && !eng_has_privilege(s->eng, "EXECUTE ANY PROCEDURE") &&
        !eng_has_object_privilege(s->eng, schema, name, "EXECUTE"))
        return 0; /* as if it were not there: PLS-00201 */
    char *text = NULL, *body = NULL;
    int valid = 0, body_valid;
    sqlite3 *db = eng_catalog_read_begin(s->eng);
    int found = units_find(db, schema, name, NULL, &text, &valid, err);
    if (found > 0 && plsql_is_package(text) &&
        units_find(db, schema, name, "PACKAGE BODY", &body, &body_valid, err) < 0)
        found = -1;
    eng_catalog_read_end(s->eng);
    if (found <= 0) {
        free(text);
        return found;
    }
    *unit = (plsql_unit){.owner = xstrdup(schema), .name = xstrdup(name), .text = text,
                         .body = body};
    if (valid) return 1;
    plsql_host host;
    plsql_host_for(s, &host);
    char o[130], n[130];
    int type;
    ora_error ignored;
    if (plsql_compile_unit(text, &host, o, n, sizeof n, &type, &ignored) == 0) return 1;
    char full[300];
    snprintf(full, sizeof full, "%s.%s", schema, name);
    free(unit->text); /* the owner stays, for the caller's message */
    unit->text = NULL;
    return ora_set(err, 6575, 0, full);
}

/* ---- definer's rights: a unit's SQL runs as its owner ---- */

static int host_as_owner(void *arg, const char *owner, void **saved, ora_error *err)
{
    session *s = arg;
    *saved = NULL;
    if (!strcmp(owner, eng_user(s->eng))) return 0; /* already */
    *saved = eng_definer_enter(s->eng, owner, err);
    return *saved ? 0 : -1;
}

static void host_as_caller(void *arg, void *saved)
{
    session *s = arg;
    eng_definer_leave(s->eng, saved);
}

/* ---- REF CURSORs: server cursors PL/SQL opens and the client may fetch from ---- */

static int host_cursor_open(void *arg, const char *sql, const plsql_value *binds, int nbinds,
                            int64_t *id, ora_error *err)
{
    session *s = arg;
    eng_cursor *ec = eng_prepare(s->eng, sql, err);
    if (!ec) return -1;
    int rc = eng_cursor_kind(ec) == SQLK_QUERY ? 0 : ora_set(err, ORA_INVALID_SQL, 0);
    if (rc == 0) rc = execute_with(s, ec, binds, nbinds, NULL, err);
    if (rc < 0) {
        eng_cursor_free(ec);
        return -1;
    }
    int cid = cursor_add_executed(s, ec, 0, err);
    if (!cid) return -1;
    track_call_cursor(s, cid);
    *id = cid;
    return 0;
}

/* A cursor PL/SQL may fetch from: one it opened, or a query the client executed and bound. */
static server_cursor *ref_cursor(session *s, int64_t id)
{
    server_cursor *c = cursor_get(s, (uint64_t)id);
    return c && (c->refcursor || (c->executed && eng_cursor_kind(c->ec) == SQLK_QUERY)) ? c : NULL;
}

static int host_cursor_fetch(void *arg, int64_t id, plsql_rows *row, ora_error *err)
{
    session *s = arg;
    server_cursor *c = ref_cursor(s, id);
    if (!c) return ora_set(err, 1001, 0); /* invalid cursor */
    ora_clear(err);
    if (fetch_rows(s, c->ec, (int)id, 1, row, err) < 0) return -1;
    return row->nrows > 0;
}

static void host_cursor_close(void *arg, int64_t id)
{
    server_cursor *c = ref_cursor(arg, id);
    if (c) cursor_close(arg, (uint64_t)id);
}

static int host_return_result(void *arg, int64_t id, ora_error *err)
{
    session *s = arg;
    server_cursor *c = ref_cursor(s, id);
    if (!c || !c->refcursor) return ora_set(err, 1001, 0); /* invalid cursor */
    s->implicit_results = xrealloc(s->implicit_results,
                                   sizeof *s->implicit_results * (size_t)(s->nimplicit_results + 1));
    s->implicit_results[s->nimplicit_results++] = (int)id;
    return 0;
}

/* SQL trace of the session itself (needs ALTER SESSION) or of another (needs ALTER SYSTEM,
 * as DBMS_MONITOR is a DBA's). */
static int host_session_trace(void *arg, int sid, uint32_t serial, int on, int waits, int binds,
                              ora_error *err)
{
    session *s = arg;
    uint32_t flags = on ? SGA_TRACE_ON | (waits ? SGA_TRACE_WAITS : 0) |
                              (binds ? SGA_TRACE_BINDS : 0)
                        : 0;
    if (!sid || (sid == s->sid && serial == s->serial)) {
        if (need_privilege(s, "ALTER SESSION", err) < 0) return -1;
        return sql_trace_set(s, flags, err);
    }
    if (need_privilege(s, "ALTER SYSTEM", err) < 0) return -1;
    return sql_trace_request(sid, serial, flags, err);
}

/* ---- stored functions called from SQL (the engine's eng_function_host) ---- */

/* NAME ("F", "SCHEMA.F", "PACKAGE.F", "SCHEMA.PACKAGE.F") is a function the session may call
 * (one that does not compile is there too: its call says why). */
static int function_exists(void *arg, const char *name)
{
    plsql_unit u = {0};
    ora_error ignored;
    int found = host_find_unit(arg, NULL, name, &u, &ignored);
    plsql_unit_free(&u);
    char owner[130], package[130];
    if (found || !plsql_package_of(name, owner, package, sizeof package)) return found != 0;
    found = host_find_unit(arg, owner[0] ? owner : NULL, package, &u, &ignored) > 0 &&
            plsql_is_package(u.text);
    plsql_unit_free(&u);
    return found;
}

static int function_call(void *arg, const char *name, const eng_value *args, int n,
                         eng_value *result, ora_error *err)
{
    session *s = arg;
    plsql_value *in = xcalloc((size_t)n + 1, sizeof *in), out;
    for (int i = 0; i < n; i++) {
        in[i].kind = args[i].is_null               ? PLSQL_NULL
                     : args[i].kind == ENG_VAL_NUMBER ? PLSQL_NUMBER
                                                      : PLSQL_TEXT;
        in[i].text = args[i].is_null ? NULL : xstrndup(args[i].text, args[i].len);
    }
    s->in_sql_function++;
    int rc = plsql_call_function(name, in, n, &s->plsql, &out, err);
    s->in_sql_function--;
    plsql_values_free(in, n);
    free(in);
    *result = (eng_value){.is_null = rc < 0 || out.kind == PLSQL_NULL || !out.text};
    if (!result->is_null) {
        result->kind = out.kind == PLSQL_NUMBER ? ENG_VAL_NUMBER
                       : out.kind == PLSQL_DATE ? ENG_VAL_DATE
                                                : ENG_VAL_TEXT;
        result->text = out.text; /* the engine frees it */
        result->len = strlen(out.text);
    } else if (rc == 0) {
        free(out.text);
    }
    return rc;
}

void plsql_host_functions(session *s)
{
    eng_function_host h = {.arg = s, .exists = function_exists, .call = function_call};
    eng_set_function_host(s->eng, &h);
}

void plsql_host_for(session *s, plsql_host *host)
{
    *host = (plsql_host){
        .arg = s,
        .exec_sql = host_exec_sql,
        .sleep = host_sleep,
        .safe_point = host_safe_point,
        .set_app_info = host_set_app_info,
        .set_longops = host_set_longops,
        .put_line = host_put_line,
        .output_enable = host_output_enable,
        .output_next = host_output_next,
        .find_unit = host_find_unit,
        .cursor_open = host_cursor_open,
        .cursor_fetch = host_cursor_fetch,
        .cursor_close = host_cursor_close,
        .return_result = host_return_result,
        .session_trace = host_session_trace,
        .packages = s->packages,
        .as_owner = host_as_owner,
        .as_caller = host_as_caller,
    };
}

int plsql_host_run_out(session *s, const char *block, const eng_value *values, int nvalues,
                       const bind_meta *meta, const bind_array *arrays, plsql_value *out,
                       ora_error *err)
{
    plsql_host host;
    plsql_host_for(s, &host);
    plsql_value *binds = to_plsql_values(values, nvalues, meta, arrays);
    /* A block is one call: if it fails, what it changed is undone (work it committed stays). */
    ora_error ignored;
    int was_in_txn = eng_in_transaction(s->eng);
    if (was_in_txn) eng_savepoint(s->eng, "W$BLOCK", 0, &ignored);
    int rc = plsql_run_binds(block, binds, nvalues, &host, err);
    if (rc < 0 && eng_in_transaction(s->eng)) {
        if (!was_in_txn || eng_savepoint(s->eng, "W$BLOCK", 1, &ignored) < 0)
            eng_rollback(s->eng, &ignored);
    }
    memcpy(out, binds, sizeof *out * (size_t)nvalues); /* the values the block left */
    free(binds);
    return rc;
}
