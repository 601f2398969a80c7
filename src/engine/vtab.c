/*
 * vtab.c - the SQLite virtual-table module behind the V$ and GV$ views.
 *
 * The first xFilter of a statement's cursors on a view snapshots all its
 * rows into a flat cell array (each SGA slot copied under its seqlock by the
 * fill function); later xFilters (the inner side of a join) and the other
 * cursors of the statement on the same view (a self-join) reuse it, so one
 * statement sees one consistent state.  Every row a fill function builds
 * must have exactly the view's column count: a row with a cell too few or
 * too many would shift every later cell, so the query fails instead with
 * ORA-00600 naming the view.  An equality constraint from xBestIndex is
 * looked up in a hash index of its column, built once per snapshot, so a
 * join costs the rows of both sides, not their product; SQLite still
 * applies every constraint itself.
 *
 * GV$ views of a cluster add the other instances' rows, asked for through
 * the server's remote function (vviews_set_remote) and decoded from the
 * compact encoding below.  An INST_ID = n constraint asks instance n only;
 * a cursor remembers which instances it has asked, so the inner side of a
 * join on INST_ID asks each one once.
 */
#include "vtab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../common/bitmap.h"
#include "../common/buf.h"
#include "../common/ora_error.h"
#include "../net/datetime.h"
#include "../sga/sga.h"
#include "eng_cell.h"
#include "ora_functions.h"
#include "vdbe_program.h"

enum { CELL_NULL, CELL_INT, CELL_REAL, CELL_TEXT, CELL_BLOB, CELL_DATE, CELL_RAW_HEX };

/* 16 bytes: a snapshot of 500 sessions of V$SESSION is over 30,000 of them. */
typedef struct vcell {
    uint32_t type;
    uint32_t len; /* text/blob bytes */
    union {
        int64_t i;    /* CELL_INT */
        double d;     /* CELL_REAL */
        uint64_t off; /* text/blob bytes: where they start in the row set's arena */
    };
} vcell;

struct vrows {
    int global;  /* GV$: INST_ID first */
    int inst_id; /* ... and this is it */
    int ncols;
    vcell *cells;
    size_t ncells, capcells;
    uint64_t *same; /* bit k: cell k holds what its column held in the row before */
    buf arena;
    size_t nrows;     /* rows started so far */
    size_t row_start; /* the current row's first cell */
    int bad;          /* a row's cell count was wrong, or cells came before the first row */
    size_t bad_row;   /* that row (1-based; 0: cells before the first row) */
    size_t bad_cells; /* ... and its cell count */
};

typedef struct vmodule {
    const vview *view;
    int global;
    const vview_ctx *ctx;
    char name[64];
    sqlite3 *db;                  /* the connection it is registered on */
    struct vmodule *prev, *next; /* in the list of registered modules */
    /* The last statement over it that vscan_plan read (NULL: none): its text, its column
     * count, and its result columns' view columns (NULL when it is no plain scan). */
    char *plan_sql;
    int plan_ncols;
    int *plan_column;
} vmodule;

struct vsnap;

typedef struct vtable {
    sqlite3_vtab base;
    const vmodule *mod;
    size_t rows_seen;      /* rows of its last snapshot, for the planner's estimates (0: none yet) */
    struct vsnap *opening; /* the snapshot a cursor opened now shares (see v_open) */
} vtable;

/* A hash index of one column of a snapshot (built at the first lookup on it). */
typedef struct vindex {
    int column;     /* the column (-1: none built) */
    int kind;       /* what its cells hold: KIND_NONE, KIND_NUMBER, KIND_BYTES or both */
    size_t nrows;   /* the rows it covers (a GV$ snapshot grows by instances) */
    uint32_t mask;  /* buckets - 1 */
    uint32_t *head; /* per bucket: its last row + 1 (0: empty) */
    uint32_t *next; /* per row: the row before it in its bucket + 1 */
} vindex;

/* A snapshot of a view, shared by the cursors of one statement on it. */
typedef struct vsnap {
    int refs;       /* its cursors */
    int taken;      /* filled (at the first xFilter of any of them) */
    vrows rows;     /* the rows */
    uint32_t done;  /* instances whose rows it holds (bit n = instance n) */
    vindex *index;  /* per column, built at the first lookup on it (NULL: none yet) */
} vsnap;

typedef struct vcursor {
    sqlite3_vtab_cursor base;
    vsnap *snap;
    size_t *match; /* rows passing the current filter */
    size_t nmatch, capmatch, pos;
} vcursor;

/* ---- row building ---- */

/* A new cell (no bytes); its constructor sets the type and the value that type uses. */
static vcell *next_cell(vrows *r)
{
    if (r->ncells == r->capcells) {
        r->capcells = r->capcells ? r->capcells * 2 : 256;
        r->cells = xrealloc(r->cells, sizeof *r->cells * r->capcells);
        r->same = xrealloc(r->same, sizeof *r->same * bitmap_words(r->capcells));
    }
    bitmap_put(r->same, r->ncells, 0);
    vcell *c = &r->cells[r->ncells++];
    c->off = c->len = 0;
    return c;
}

/* The last cell made holds what its column held in the row before. */
static void mark_same(vrows *r) { bitmap_put(r->same, r->ncells - 1, 1); }

/* The cell of C's column in the row before C's (C the last made), or NULL in the first row.
 * (A row of the wrong width fails the whole snapshot: rows_check.) */
static const vcell *cell_above(const vrows *r, const vcell *c)
{
    return r->nrows >= 2 && c - r->cells >= r->ncols ? c - r->ncols : NULL;
}

/* The current row is complete: note it when its cell count is not the view's column count. */
static void check_row(vrows *r)
{
    size_t cells = r->ncells - r->row_start;
    if (r->bad || (r->nrows == 0 && cells == 0) || (r->nrows > 0 && cells == (size_t)r->ncols))
        return;
    r->bad = 1;
    r->bad_row = r->nrows;
    r->bad_cells = cells;
}

void vrows_row(vrows *r)
{
    check_row(r);
    r->nrows++;
    r->row_start = r->ncells;
    if (r->global) vrows_int(r, r->inst_id);
}

/* After the fill: 0 when every row had the column count, else ORA-00600 naming VIEW in ERR. */
static int rows_check(vrows *r, const char *view, ora_error *err)
{
    check_row(r);
    if (!r->bad) return 0;
    char detail[160];
    if (r->bad_row)
        snprintf(detail, sizeof detail, "vrows: %s row %zu has %zu cells for %d columns", view,
                 r->bad_row, r->bad_cells, r->ncols);
    else
        snprintf(detail, sizeof detail, "vrows: %s has %zu cells before its first row", view,
                 r->bad_cells);
    return ora_set(err, ORA_INTERNAL, 0, detail);
}

void vrows_null(vrows *r)
{
    vcell *c = next_cell(r);
    const vcell *a = cell_above(r, c);
    c->type = CELL_NULL;
    if (a && a->type == CELL_NULL) mark_same(r);
}

void vrows_int(vrows *r, int64_t v)
{
    vcell *c = next_cell(r);
    const vcell *a = cell_above(r, c);
    c->type = CELL_INT;
    c->i = v;
    if (a && a->type == CELL_INT && a->i == v) mark_same(r);
}

void vrows_real(vrows *r, double v)
{
    vcell *c = next_cell(r);
    const vcell *a = cell_above(r, c);
    c->type = CELL_REAL;
    c->d = v;
    if (a && a->type == CELL_REAL && !memcmp(&a->d, &v, sizeof v)) mark_same(r);
}

/* Bytes equal to the row before's share its copy in the arena. */
static void bytes_cell(vrows *r, int type, const void *p, size_t n)
{
    vcell *c = next_cell(r);
    const vcell *a = cell_above(r, c);
    c->type = (uint32_t)type;
    c->len = (uint32_t)n;
    if (a && a->type == (uint32_t)type && a->len == n &&
        (!n || !memcmp(r->arena.data + a->off, p, n))) {
        c->off = a->off;
        mark_same(r);
        return;
    }
    c->off = r->arena.len;
    buf_put(&r->arena, p, n);
}

void vrows_text(vrows *r, const char *s)
{
    if (!s || !*s) vrows_null(r);
    else bytes_cell(r, CELL_TEXT, s, strlen(s));
}

void vrows_blob(vrows *r, const void *p, int n) { bytes_cell(r, CELL_BLOB, p, (size_t)n); }

/* V as 16 hex digits, in a cell of TYPE. */
static void hex_cell(vrows *r, int type, uint64_t v)
{
    static const char hex[] = "0123456789ABCDEF";
    char t[16];
    for (int i = 15; i >= 0; i--, v >>= 4) t[i] = hex[v & 15];
    bytes_cell(r, type, t, sizeof t);
}

void vrows_raw8(vrows *r, uint64_t v)
{
    /* Hex text inside SQLite, so RAW addresses join with VARCHAR2 ones (TADDR) and with
     * hex literals as Oracle's implicit conversion allows; RAW bytes on the wire.  Its
     * subtype tells RAWTOHEX the digits are the value's. */
    hex_cell(r, CELL_RAW_HEX, v);
}

void vrows_addr_text(vrows *r, uint64_t v) { hex_cell(r, CELL_TEXT, v); }

/*
 * T in local time.  A snapshot holds many times of the same minute (logons,
 * statement starts), so the last minute's breakdown is kept: today's time
 * zones change their UTC offset only on whole minutes.
 */
static void local_time(time_t t, struct tm *tm)
{
    static time_t minute = -1;
    static struct tm at_minute;
    if (t < 0) {
        localtime_r(&t, tm);
        return;
    }
    if (t / 60 != minute) {
        time_t start = t - t % 60;
        localtime_r(&start, &at_minute);
        minute = t / 60;
    }
    *tm = at_minute;
    tm->tm_sec = (int)(t % 60);
}

void vrows_date(vrows *r, time_t t)
{
    if (!t) {
        vrows_null(r);
        return;
    }
    struct tm tm;
    local_time(t, &tm);
    odate d = {.year = tm.tm_year + 1900, .month = tm.tm_mon + 1, .day = tm.tm_mday,
               .hour = tm.tm_hour, .minute = tm.tm_min, .second = tm.tm_sec};
    char s[40];
    int n = odate_format(&d, 0, s, sizeof s);
    if (n < 0) vrows_null(r);
    else bytes_cell(r, CELL_DATE, s, (size_t)n);
}

/* The bytes of text or blob CELL (an empty arena has no data pointer at all). */
static const char *cell_bytes(const vrows *r, const vcell *cell)
{
    if (cell->type < CELL_TEXT || !r->arena.data) return "";
    return (const char *)r->arena.data + cell->off;
}

/*
 * The memory of the last snapshot, kept for the next one: a listing of
 * thousands of sessions needs megabytes, and taking them fresh from the
 * system each time (and faulting every page in again) cost ten times more
 * than filling them.  Kept only up to SPARE_MAX.
 */
#define SPARE_MAX (16u << 20)
static struct {
    vcell *cells;
    size_t capcells;
    uint64_t *same;
    buf arena;
} spare;

/* R (empty) takes the spare memory, if any. */
static void rows_adopt_spare(vrows *r)
{
    if (r->cells || !spare.cells) return;
    r->cells = spare.cells, r->capcells = spare.capcells, r->same = spare.same;
    r->arena = spare.arena;
    buf_reset(&r->arena);
    memset(&spare, 0, sizeof spare);
}

static void rows_free(vrows *r)
{
    size_t bytes = r->capcells * sizeof(vcell) + r->arena.cap;
    if (!spare.cells && r->cells && bytes <= SPARE_MAX) {
        spare.cells = r->cells, spare.capcells = r->capcells, spare.same = r->same;
        spare.arena = r->arena;
    } else {
        free(r->cells);
        free(r->same);
        buf_free(&r->arena);
    }
    memset(r, 0, sizeof *r);
}

/* ---- rows between instances ----
 *
 * The encoding: the column count (4 bytes, little-endian), then each cell as
 * a type byte and its value: 8 bytes for CELL_INT and CELL_REAL, a 4-byte
 * length and the bytes for the others, nothing for CELL_NULL.
 */

static vviews_remote_fn remote_rows;

void vviews_set_remote(vviews_remote_fn fn) { remote_rows = fn; }

static int local_instance(void) { return the_sga ? the_sga->cfg.instance_number : 1; }

static void put_u32(buf *b, uint32_t v)
{
    for (int i = 0; i < 4; i++) buf_putc(b, (uint8_t)(v >> (8 * i)));
}

static void put_u64(buf *b, uint64_t v)
{
    for (int i = 0; i < 8; i++) buf_putc(b, (uint8_t)(v >> (8 * i)));
}

static int columns_of(const char *columns);

int vviews_encode(const vview *const *views, const char *name, buf *out)
{
    const vview *v = NULL;
    for (int i = 0; views[i] && !v; i++)
        if (!strcmp(views[i]->name, name)) v = views[i];
    if (!v) return -1;
    vrows r = {.ncols = columns_of(v->columns)};
    rows_adopt_spare(&r);
    vview_ctx ctx = {0};
    v->fill(&r, &ctx);
    put_u32(out, (uint32_t)r.ncols);
    for (size_t k = 0; k < r.ncells; k++) {
        const vcell *c = &r.cells[k];
        buf_putc(out, (uint8_t)c->type);
        if (c->type == CELL_INT) put_u64(out, (uint64_t)c->i);
        else if (c->type == CELL_REAL) {
            uint64_t bits;
            memcpy(&bits, &c->d, sizeof bits);
            put_u64(out, bits);
        }
        else if (c->type != CELL_NULL) {
            put_u32(out, (uint32_t)c->len);
            buf_put(out, cell_bytes(&r, c), c->len);
        }
    }
    rows_free(&r);
    return 0;
}

typedef struct reader {
    const uint8_t *p, *end;
} reader;

static int take(reader *rd, size_t n, uint64_t *v)
{
    if ((size_t)(rd->end - rd->p) < n) return -1;
    *v = 0;
    for (size_t i = 0; i < n; i++) *v |= (uint64_t)rd->p[i] << (8 * i);
    rd->p += n;
    return 0;
}

/* One encoded cell into R; -1 when malformed. */
static int decode_cell(vrows *r, reader *rd)
{
    uint64_t type, v;
    if (take(rd, 1, &type) < 0) return -1;
    switch (type) {
    case CELL_NULL: vrows_null(r); return 0;
    case CELL_INT:
        if (take(rd, 8, &v) < 0) return -1;
        vrows_int(r, (int64_t)v);
        return 0;
    case CELL_REAL: {
        if (take(rd, 8, &v) < 0) return -1;
        double d;
        memcpy(&d, &v, sizeof d);
        vrows_real(r, d);
        return 0;
    }
    case CELL_TEXT:
    case CELL_BLOB:
    case CELL_DATE:
    case CELL_RAW_HEX:
        if (take(rd, 4, &v) < 0 || v > (uint64_t)(rd->end - rd->p)) return -1;
        bytes_cell(r, (int)type, rd->p, (size_t)v);
        rd->p += v;
        return 0;
    default: return -1;
    }
}

int vrows_decode(vrows *r, int inst, const void *p, size_t n)
{
    reader rd = {p, (const uint8_t *)p + n};
    uint64_t ncols;
    if (take(&rd, 4, &ncols) < 0 || ncols + (r->global ? 1 : 0) != (uint64_t)r->ncols || !ncols)
        return -1;
    check_row(r); /* the rows so far are complete */
    size_t ncells = r->ncells, nrows = r->nrows, row_start = r->row_start, arena = r->arena.len;
    int saved = r->inst_id;
    r->inst_id = inst;
    int ok = 1;
    while (ok && rd.p < rd.end) {
        vrows_row(r);
        for (uint64_t c = 0; ok && c < ncols; c++) ok = decode_cell(r, &rd) == 0;
    }
    r->inst_id = saved;
    if (ok) {
        check_row(r);
        r->row_start = r->ncells;
        return 0;
    }
    r->ncells = ncells, r->nrows = nrows, r->row_start = row_start, r->arena.len = arena;
    return -1;
}

/* ---- an index of one column ----
 *
 * The inner side of a join filters once per outer row; scanning the whole
 * snapshot each time made a join of two views grow with the square of the
 * sessions.  A lookup on a column instead hashes the value and walks one
 * bucket.  Numbers hash by value (an INT as the double it compares as),
 * text, dates, RAW addresses and blobs by their bytes, as cell_may_equal
 * compares them.  Where that loose test lets a value of one kind match every
 * cell of the other (a number against text), or a column holds both kinds,
 * the lookup scans instead: SQLite decides those by affinity.
 */
enum { KIND_NONE = 0, KIND_NUMBER = 1, KIND_BYTES = 2 };

static int cell_kind(int type)
{
    return type == CELL_NULL ? KIND_NONE
           : type == CELL_INT || type == CELL_REAL ? KIND_NUMBER
                                                   : KIND_BYTES;
}

static uint64_t mix64(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
}

static uint64_t hash_number(double d)
{
    uint64_t bits;
    if (d == 0) d = 0; /* -0.0 equals 0.0 */
    memcpy(&bits, &d, sizeof bits);
    return mix64(bits);
}

static uint64_t hash_bytes(const void *p, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL; /* FNV-1a */
    for (size_t i = 0; i < n; i++) h = (h ^ ((const uint8_t *)p)[i]) * 0x100000001b3ULL;
    return mix64(h);
}

static uint64_t cell_hash(const vrows *r, const vcell *cell)
{
    if (cell->type == CELL_INT) return hash_number((double)cell->i);
    if (cell->type == CELL_REAL) return hash_number(cell->d);
    return hash_bytes(cell_bytes(r, cell), cell->len);
}

static void index_free(vindex *ix)
{
    free(ix->head);
    free(ix->next);
    memset(ix, 0, sizeof *ix);
    ix->column = -1;
}

/* IX made to cover COLUMN of every row of R (rebuilt when R has grown). */
static void index_update(vindex *ix, const vrows *r, int column)
{
    size_t ncols = (size_t)r->ncols, nrows = r->ncells / ncols;
    if (ix->head && ix->column == column && ix->nrows == nrows) return;
    index_free(ix);
    ix->column = column;
    ix->nrows = nrows;
    uint32_t buckets = 16;
    while (buckets < 2 * nrows) buckets *= 2;
    ix->mask = buckets - 1;
    ix->head = xcalloc(buckets, sizeof *ix->head);
    ix->next = xcalloc(nrows ? nrows : 1, sizeof *ix->next);
    for (size_t row = 0; row < nrows; row++) {
        const vcell *cell = &r->cells[row * ncols + (size_t)column];
        ix->kind |= cell_kind((int)cell->type);
        if (cell->type == CELL_NULL) continue; /* equal to nothing */
        uint32_t b = (uint32_t)cell_hash(r, cell) & ix->mask;
        ix->next[row] = ix->head[b];
        ix->head[b] = (uint32_t)row + 1;
    }
}

/* The kind of V's value as the index hashes it (KIND_NONE: NULL). */
static int value_kind(sqlite3_value *v)
{
    int t = sqlite3_value_type(v);
    if (t == SQLITE_NULL) return KIND_NONE;
    return t == SQLITE_INTEGER || t == SQLITE_FLOAT ? KIND_NUMBER : KIND_BYTES;
}

static uint64_t value_hash(sqlite3_value *v)
{
    if (value_kind(v) == KIND_NUMBER) return hash_number(sqlite3_value_double(v));
    const void *p = sqlite3_value_blob(v);
    return hash_bytes(p, (size_t)sqlite3_value_bytes(v));
}

/* ---- the module ---- */

static int v_connect(sqlite3 *db, void *aux, int argc, const char *const *argv,
                     sqlite3_vtab **out, char **err)
{
    const vmodule *m = aux;
    buf schema;
    buf_init(&schema);
    buf_printf(&schema, "CREATE TABLE x(%s%s)", m->global ? "INST_ID NUMBER, " : "",
               m->view->columns);
    int rc = sqlite3_declare_vtab(db, buf_cstr(&schema));
    buf_free(&schema);
    if (rc != SQLITE_OK) return rc;
    vtable *t = sqlite3_malloc(sizeof *t);
    if (!t) return SQLITE_NOMEM;
    memset(t, 0, sizeof *t);
    t->mod = m;
    *out = &t->base;
    return SQLITE_OK;
}

static int v_disconnect(sqlite3_vtab *vt)
{
    sqlite3_free(vt);
    return SQLITE_OK;
}

/* idxNum: the column of the equality constraint taken over, plus one (0: none); with
 * IDX_INST when a GV$ view's INST_ID = n comes first in argv. */
#define IDX_INST 0x10000
#define IDX_COLUMN 0xFFFF
#define ALL_INSTANCES 0x1FEu /* bits 1..8 */

/* The first usable equality constraint on a column that TAKE accepts (-1: none). */
static int eq_constraint(const sqlite3_index_info *info, int (*accept)(int column))
{
    for (int i = 0; i < info->nConstraint; i++) {
        const struct sqlite3_index_constraint *c = &info->aConstraint[i];
        if (c->usable && c->op == SQLITE_INDEX_CONSTRAINT_EQ && c->iColumn >= 0 && accept(c->iColumn))
            return i;
    }
    return -1;
}

static int is_inst_id(int column) { return column == 0; }
static int is_any(int column) { return column >= 0; }
static int is_other(int column) { return column > 0; }

/*
 * One usable "column = value" constraint is taken over (idxNum = column + 1):
 * the inner side of a join like p.addr = s.paddr then looks the matching
 * rows up in the column's index, instead of going through all of them for
 * every outer row.  A GV$ view also takes INST_ID = n, so that only instance
 * n is asked.  SQLite re-checks every constraint (omit = 0): affinity rules
 * stay its own.  The estimates are the rows of the view's last snapshot on
 * this connection (500 before the first): a scan costs each row, a lookup
 * the few rows it finds, so the planner scans the smaller view and looks up
 * in the larger.
 */
static int v_best_index(sqlite3_vtab *vt, sqlite3_index_info *info)
{
    const vtable *t = (vtable *)vt;
    const vmodule *m = t->mod;
    double rows = t->rows_seen ? (double)t->rows_seen : 500;
    info->idxNum = 0;
    info->estimatedCost = 10 + rows;
    info->estimatedRows = (sqlite3_int64)rows;
    int argv = 0;
    int inst = m->global ? eq_constraint(info, is_inst_id) : -1;
    if (inst >= 0) {
        info->idxNum |= IDX_INST;
        info->aConstraintUsage[inst].argvIndex = ++argv;
        info->estimatedRows = (sqlite3_int64)(rows / 2) + 1; /* one instance's rows */
        info->estimatedCost = 5 + (double)info->estimatedRows;
    }
    int col = eq_constraint(info, m->global ? is_other : is_any);
    if (col >= 0) {
        info->idxNum |= info->aConstraint[col].iColumn + 1;
        info->aConstraintUsage[col].argvIndex = ++argv;
        info->estimatedRows = 2;
        info->estimatedCost = inst >= 0 ? 4 : 5;
    }
    return SQLITE_OK;
}

/*
 * SQLite opens every cursor of a FROM clause before it filters any, and a
 * cursor opened while T's last snapshot is still untaken belongs to the
 * same statement: it shares that snapshot, so a self-join (V$SESSION to
 * its blocker) sees one state.  Any later cursor (another statement, or a
 * subquery run after the scan began) gets a snapshot of its own.
 */
static int v_open(sqlite3_vtab *vt, sqlite3_vtab_cursor **out)
{
    vtable *t = (vtable *)vt;
    vcursor *c = sqlite3_malloc(sizeof *c);
    if (!c) return SQLITE_NOMEM;
    memset(c, 0, sizeof *c);
    if (!t->opening || t->opening->taken) t->opening = xcalloc(1, sizeof *t->opening);
    c->snap = t->opening;
    c->snap->refs++;
    *out = &c->base;
    return SQLITE_OK;
}

static void snap_release(vtable *t, vsnap *snap)
{
    if (--snap->refs > 0) return;
    if (t->opening == snap) t->opening = NULL;
    for (int i = 0; snap->index && i < snap->rows.ncols; i++) index_free(&snap->index[i]);
    free(snap->index);
    rows_free(&snap->rows);
    free(snap);
}

static int v_close(sqlite3_vtab_cursor *cur)
{
    vcursor *c = (vcursor *)cur;
    snap_release((vtable *)cur->pVtab, c->snap);
    free(c->match);
    sqlite3_free(c);
    return SQLITE_OK;
}

/* Could cell K equal V?  A loose test (numbers by value, text and blobs by bytes);
 * SQLite applies the exact comparison to the rows we yield. */
static int cell_may_equal(const vrows *r, size_t k, sqlite3_value *v)
{
    const vcell *cell = &r->cells[k];
    const char *bytes = cell_bytes(r, cell);
    switch (sqlite3_value_type(v)) {
    case SQLITE_NULL: return 0;
    case SQLITE_INTEGER:
    case SQLITE_FLOAT: {
        double d = sqlite3_value_double(v);
        if (cell->type == CELL_INT) return (double)cell->i == d;
        if (cell->type == CELL_REAL) return cell->d == d;
        return cell->type != CELL_NULL; /* text holding a number: let SQLite decide */
    }
    default: {
        if (cell->type == CELL_INT || cell->type == CELL_REAL) return 1;
        int n = sqlite3_value_bytes(v);
        const void *p = sqlite3_value_blob(v);
        return cell->type != CELL_NULL && (size_t)n == cell->len && (!n || !memcmp(p, bytes, (size_t)n));
    }
    }
}

static void add_match(vcursor *c, size_t row)
{
    if (c->nmatch == c->capmatch) {
        c->capmatch = c->capmatch ? c->capmatch * 2 : 64;
        c->match = xrealloc(c->match, sizeof *c->match * c->capmatch);
    }
    c->match[c->nmatch++] = row;
}

static int columns_of(const char *columns)
{
    int n = 1;
    for (const char *p = columns; *p; p++) /* commas outside parentheses */
        if (*p == '(') p += strcspn(p, ")");
        else if (*p == ',') n++;
    return n;
}

static int ncolumns(const vmodule *m) { return columns_of(m->view->columns) + (m->global ? 1 : 0); }

/* The instances an INST_ID = V constraint asks for. */
static uint32_t instances_equal(sqlite3_value *v)
{
    int t = sqlite3_value_numeric_type(v);
    if (t != SQLITE_INTEGER && t != SQLITE_FLOAT) return 0;
    double d = sqlite3_value_double(v);
    return d >= 1 && d <= 8 && d == (int)d ? 1u << (int)d : 0;
}

/*
 * Add to ROWS the rows of the instances in WANT not in *DONE yet (bit n =
 * instance n): this instance's from the view's fill function, the others'
 * through the remote function.  0, or -1 with ERR.
 */
static int fill_instances(vrows *rows, uint32_t *done, const vmodule *m, uint32_t want,
                          ora_error *err)
{
    uint32_t local = 1u << local_instance(), need = want & ~*done;
    if (need & local) {
        rows->inst_id = local_instance();
        m->view->fill(rows, m->ctx);
        if (rows_check(rows, m->name, err) < 0) return -1;
        *done |= local;
    }
    uint32_t others = need & ~local;
    if (!others) return 0;
    if (!m->global || !remote_rows) { /* nobody else to ask */
        *done |= others;
        return 0;
    }
    uint32_t got = 0;
    int rc = remote_rows(m->view->name, others, rows, &got, err);
    *done |= got;
    return rc;
}

/* The instances a scan of M without an INST_ID constraint asks. */
static uint32_t all_instances(const vmodule *m)
{
    return m->global ? ALL_INSTANCES : 1u << local_instance();
}

/* R (empty) set up for M's rows. */
static void rows_start(vrows *r, const vmodule *m)
{
    r->global = m->global;
    r->ncols = ncolumns(m);
    rows_adopt_spare(r);
}

/* Does ROW pass "INST_ID = INST" (when INST is not NULL)? */
static int inst_matches(const vrows *r, size_t row, sqlite3_value *inst)
{
    return !inst || cell_may_equal(r, row * (size_t)r->ncols, inst);
}

/* SNAP's index of COLUMN, covering all its rows. */
static const vindex *snap_index(vsnap *snap, int column)
{
    if (!snap->index) snap->index = xcalloc((size_t)snap->rows.ncols, sizeof *snap->index);
    index_update(&snap->index[column], &snap->rows, column);
    return &snap->index[column];
}

/* Every row whose COLUMN may equal VALUE (every row when VALUE is NULL) and
 * whose INST_ID may equal INST, in row order: through the column's index
 * where the kinds allow it, else by a scan. */
static void match_rows(vcursor *c, int column, sqlite3_value *value, sqlite3_value *inst)
{
    const vrows *r = &c->snap->rows;
    size_t ncols = (size_t)r->ncols, nrows = r->ncells / ncols;
    int kind = value ? value_kind(value) : KIND_NONE;
    if (value && kind == KIND_NONE) return; /* NULL equals nothing */
    const vindex *ix = value ? snap_index(c->snap, column) : NULL;
    if (!value || (ix->kind & ~kind)) {
        for (size_t row = 0; row < nrows; row++)
            if (inst_matches(r, row, inst) &&
                (!value || cell_may_equal(r, row * ncols + (size_t)column, value)))
                add_match(c, row);
        return;
    }
    for (uint32_t k = ix->head[value_hash(value) & ix->mask]; k; k = ix->next[k - 1])
        if (inst_matches(r, k - 1, inst) && cell_may_equal(r, (k - 1) * ncols + (size_t)column, value))
            add_match(c, k - 1);
    for (size_t i = 0, j = c->nmatch; i + 1 < j; i++, j--) { /* the bucket runs backwards */
        size_t t = c->match[i];
        c->match[i] = c->match[j - 1], c->match[j - 1] = t;
    }
}

static int v_filter(sqlite3_vtab_cursor *cur, int idx, const char *idxstr, int argc,
                    sqlite3_value **argv)
{
    vcursor *c = (vcursor *)cur;
    const vmodule *m = ((vtable *)cur->pVtab)->mod;
    vsnap *snap = c->snap;
    if (!snap->rows.ncols) rows_start(&snap->rows, m);
    snap->taken = 1;
    sqlite3_value *inst = idx & IDX_INST ? argv[0] : NULL;
    sqlite3_value *value = idx & IDX_COLUMN ? argv[inst ? 1 : 0] : NULL;
    uint32_t want = inst ? instances_equal(inst) : all_instances(m);
    /* One snapshot per instance per cursor: a statement sees one consistent state. */
    ora_error err;
    if (fill_instances(&snap->rows, &snap->done, m, want, &err) < 0) {
        sqlite3_free(cur->pVtab->zErrMsg);
        cur->pVtab->zErrMsg = sqlite3_mprintf("%s", err.msg);
        return SQLITE_ERROR;
    }
    ((vtable *)cur->pVtab)->rows_seen = snap->rows.ncells / (size_t)snap->rows.ncols;
    int column = (idx & IDX_COLUMN) - 1;
    if (!value && inst) value = inst, inst = NULL, column = 0; /* INST_ID is column 0 */
    c->nmatch = c->pos = 0;
    match_rows(c, column, value, inst);
    return SQLITE_OK;
}

static int v_next(sqlite3_vtab_cursor *cur)
{
    ((vcursor *)cur)->pos++;
    return SQLITE_OK;
}

static int v_eof(sqlite3_vtab_cursor *cur)
{
    vcursor *c = (vcursor *)cur;
    return c->pos >= c->nmatch;
}

static int v_column(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int i)
{
    vcursor *c = (vcursor *)cur;
    const vrows *r = &c->snap->rows;
    size_t k = c->match[c->pos] * (size_t)r->ncols + (size_t)i;
    if (k >= r->ncells) return SQLITE_OK; /* NULL */
    const vcell *cell = &r->cells[k];
    const char *bytes = cell_bytes(r, cell);
    switch (cell->type) {
    case CELL_INT: sqlite3_result_int64(ctx, cell->i); break;
    case CELL_REAL: sqlite3_result_double(ctx, cell->d); break;
    case CELL_TEXT: sqlite3_result_text(ctx, bytes, (int)cell->len, SQLITE_TRANSIENT); break;
    case CELL_BLOB: sqlite3_result_blob(ctx, bytes, (int)cell->len, SQLITE_TRANSIENT); break;
    case CELL_DATE:
    case CELL_RAW_HEX:
        sqlite3_result_text(ctx, bytes, (int)cell->len, SQLITE_TRANSIENT);
        sqlite3_result_subtype(ctx, cell->type == CELL_DATE ? ORA_SUBTYPE_DATE : ORA_SUBTYPE_RAW_HEX);
        break;
    default: sqlite3_result_null(ctx);
    }
    return SQLITE_OK;
}

static int v_rowid(sqlite3_vtab_cursor *cur, sqlite3_int64 *rowid)
{
    vcursor *c = (vcursor *)cur;
    *rowid = (sqlite3_int64)c->match[c->pos] + 1;
    return SQLITE_OK;
}

static const sqlite3_module vmodule_methods = {
    .iVersion = 0,
    .xCreate = NULL, /* eponymous only */
    .xConnect = v_connect,
    .xBestIndex = v_best_index,
    .xDisconnect = v_disconnect,
    .xDestroy = v_disconnect,
    .xOpen = v_open,
    .xClose = v_close,
    .xFilter = v_filter,
    .xNext = v_next,
    .xEof = v_eof,
    .xColumn = v_column,
    .xRowid = v_rowid,
};

/* ---- the registered modules ---- */

/* Every module registered and not yet dropped with its connection (a server
 * process has one connection: the list is its views, found by name). */
static vmodule *modules;

static void modules_add(vmodule *m)
{
    m->next = modules;
    if (modules) modules->prev = m;
    modules = m;
}

/* sqlite3_create_module_v2's destructor: the connection closes. */
static void modules_remove(void *p)
{
    vmodule *m = p;
    if (m->prev) m->prev->next = m->next;
    else modules = m->next;
    if (m->next) m->next->prev = m->prev;
    free(m->plan_sql);
    free(m->plan_column);
    free(m);
}

static vmodule *module_named(sqlite3 *db, const char *name)
{
    for (vmodule *m = modules; m; m = m->next)
        if (m->db == db && !strcasecmp(m->name, name)) return m;
    return NULL;
}

/* ---- a plain scan ----
 *
 * A query that only lists columns of one view (SELECT * FROM V$SESSION,
 * SELECT SID, STATUS FROM V$SESSION S) needs nothing of SQLite but the
 * view's rows in order: its cursor serves them from the snapshot itself.
 * What is plain is read off SQLite's own program for the query, so every
 * WHERE, ORDER BY, join, expression or LIMIT keeps the ordinary path: the
 * program must be exactly "open the table, filter with no constraint, copy
 * columns into the result row, next", and it gives each result column's
 * view column.
 */
struct vscan {
    const vmodule *mod;
    int ncols;   /* the query's columns ... */
    int *column; /* ... and the view column of each */
    vrows rows;
    uint32_t done; /* instances in ROWS */
    size_t row;    /* rows served (the current one is ROW - 1) */
};

/* A plain scan's program is a few instructions and a column copy per column: one longer than
 * this is no plain scan. */
#define PLAIN_MAX_OPS 10000

/* What the program of a plain scan may hold: its opcodes by EXPLAIN's names. */
static int plain_opcode(const char *op)
{
    static const char *const ops[] = {"Init",    "Goto",      "Halt",  "Transaction", "VOpen",
                                      "Integer", "VFilter",   "VColumn", "ResultRow", "VNext"};
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
        if (!strcmp(op, ops[i])) return 1;
    return 0;
}

/*
 * Read the program of ST (EXPLAIN) into V->column: 0 when it is a plain
 * scan of one virtual table with every result column a column of it.
 */
static int read_plain_program(sqlite3 *db, sqlite3_stmt *st, vscan *v)
{
    char *sql = sqlite3_mprintf("EXPLAIN %s", sqlite3_sql(st));
    sqlite3_stmt *ex = NULL;
    if (sql) sqlite3_prepare_v2(db, sql, -1, &ex, NULL);
    sqlite3_free(sql);
    vdbe_op *ops;
    int nops = vdbe_program_read(ex, PLAIN_MAX_OPS, &ops);
    struct {
        int reg, column;
    } *copies = xcalloc((size_t)v->ncols, sizeof *copies); /* each VColumn: view column to reg */
    int opens = 0, rows = 0, base = 0, cursor = -1, ncopies = 0, ok = nops > 0;
    for (int i = 0; ok && i < nops; i++) {
        const vdbe_op *o = &ops[i];
        const char *op = o->opcode;
        if (!plain_opcode(op)) ok = 0;
        else if (!strcmp(op, "VOpen")) ok = opens++ == 0, cursor = o->p1;
        else if (!strcmp(op, "Integer")) ok = o->p1 == 0; /* no index number, no arguments */
        else if (!strcmp(op, "VColumn") && (ok = o->p1 == cursor && ncopies < v->ncols))
            copies[ncopies].reg = o->p3, copies[ncopies++].column = o->p2;
        else if (!strcmp(op, "ResultRow")) ok = rows++ == 0 && o->p2 == v->ncols, base = o->p1;
    }
    free(ops);
    ok = ok && opens == 1 && rows == 1 && ncopies == v->ncols;
    /* the copies fill the result row's registers, each one once */
    unsigned char *set = xcalloc((size_t)v->ncols, 1);
    for (int k = 0; ok && k < ncopies; k++) {
        int i = copies[k].reg - base;
        ok = i >= 0 && i < v->ncols && !set[i];
        if (ok) set[i] = 1, v->column[i] = copies[k].column;
    }
    free(set);
    free(copies);
    return ok ? 0 : -1;
}

/*
 * V's plan from M's last one when ST's text is that statement's (a session
 * lists its sessions with the same text again and again: one EXPLAIN, not
 * one each time), else read off ST's program and kept as M's last.  The
 * same text on the same connection is the same program: the V$ names cannot
 * be taken by a table or view of the user's (ORA-01031), so they name the
 * same module for as long as the connection lives.  0 when V is plain.
 */
static int plan_of(vmodule *m, sqlite3 *db, sqlite3_stmt *st, vscan *v)
{
    const char *sql = sqlite3_sql(st);
    if (m->plan_sql && sql && !strcmp(m->plan_sql, sql) && m->plan_ncols == v->ncols) {
        if (!m->plan_column) return -1;
        memcpy(v->column, m->plan_column, sizeof *v->column * (size_t)v->ncols);
        return 0;
    }
    int rc = read_plain_program(db, st, v);
    free(m->plan_sql);
    free(m->plan_column);
    m->plan_sql = sql ? xstrdup(sql) : NULL;
    m->plan_ncols = v->ncols;
    m->plan_column = NULL;
    if (rc == 0) {
        m->plan_column = xmalloc(sizeof *v->column * (size_t)(v->ncols ? v->ncols : 1));
        memcpy(m->plan_column, v->column, sizeof *v->column * (size_t)v->ncols);
    }
    return rc;
}

vscan *vscan_plan(sqlite3 *db, sqlite3_stmt *st)
{
    int n = sqlite3_column_count(st);
    const char *table = n > 0 ? sqlite3_column_table_name(st, 0) : NULL;
    vmodule *m = table ? module_named(db, table) : NULL;
    if (!m) return NULL;
    vscan *v = xcalloc(1, sizeof *v);
    v->mod = m;
    v->ncols = n;
    v->column = xcalloc((size_t)n, sizeof *v->column);
    if (plan_of(m, db, st, v) < 0) {
        vscan_free(v);
        return NULL;
    }
    return v;
}

int vscan_start(vscan *v, ora_error *err)
{
    rows_free(&v->rows);
    rows_start(&v->rows, v->mod);
    v->done = 0;
    v->row = 0;
    if (fill_instances(&v->rows, &v->done, v->mod, all_instances(v->mod), err) == 0) return 0;
    rows_free(&v->rows);
    return -1;
}

int vscan_next(vscan *v)
{
    size_t nrows = v->rows.ncols ? v->rows.ncells / (size_t)v->rows.ncols : 0;
    if (v->row < nrows) {
        v->row++;
        return 1;
    }
    rows_free(&v->rows); /* the end: the snapshot's memory goes back to be reused */
    v->row = 0;
    return 0;
}

void vscan_back(vscan *v)
{
    if (v->row) v->row--;
}

void vscan_cell(const vscan *v, int i, eng_cell *out)
{
    const vrows *r = &v->rows;
    const vcell *cell = &r->cells[(v->row - 1) * (size_t)r->ncols + (size_t)v->column[i]];
    switch (cell->type) {
    case CELL_INT: out->kind = ENG_COL_INT, out->i = cell->i; return;
    case CELL_REAL: out->kind = ENG_COL_REAL, out->d = cell->d; return;
    case CELL_NULL: out->kind = ENG_COL_NULL; return;
    default: /* a DATE is its storage text, as SQLite would give it */
        out->kind = cell->type == CELL_BLOB ? ENG_COL_BLOB : ENG_COL_TEXT;
        out->bytes = cell_bytes(r, cell);
        out->len = (int)cell->len;
    }
}

int vscan_cell_repeats(const vscan *v, int i)
{
    const vrows *r = &v->rows;
    size_t k = (v->row - 1) * (size_t)r->ncols + (size_t)v->column[i];
    return v->row >= 2 && bitmap_get(r->same, k);
}

void vscan_free(vscan *v)
{
    if (!v) return;
    rows_free(&v->rows);
    free(v->column);
    free(v);
}

static int register_views(sqlite3 *db, const vview *const *views, const vview_ctx *ctx,
                          int dictionary)
{
    for (int i = 0; views[i]; i++) {
        for (int global = 0; global < (dictionary ? 1 : 2); global++) {
            vmodule *m = xcalloc(1, sizeof *m);
            m->view = views[i];
            m->global = global;
            m->ctx = ctx;
            m->db = db;
            if (dictionary) snprintf(m->name, sizeof m->name, "%s", views[i]->name);
            else snprintf(m->name, sizeof m->name, "%sV$%s", global ? "G" : "", views[i]->name);
            modules_add(m);
            int rc = sqlite3_create_module_v2(db, m->name, &vmodule_methods, m, modules_remove);
            if (rc != SQLITE_OK) return rc;
        }
    }
    return SQLITE_OK;
}

int vviews_register(sqlite3 *db, const vview *const *views, const vview_ctx *ctx)
{
    return register_views(db, views, ctx, 0);
}

int vviews_register_dictionary(sqlite3 *db, const vview *const *views, const vview_ctx *ctx)
{
    return register_views(db, views, ctx, 1);
}
