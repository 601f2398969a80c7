/*
 * plsql_dbms_lob.c - the DBMS_LOB procedures that change a LOB, on the
 * values of PL/SQL LOB variables (a CLOB is text, a BLOB upper-case hex):
 * CREATETEMPORARY, FREETEMPORARY, WRITEAPPEND, WRITE, APPEND, COPY, TRIM,
 * ERASE and READ.  They change the variable (or bind) passed, as they
 * change a temporary LOB in Oracle; a variable is a value, not a locator of
 * a table's row, so a row changes only by an UPDATE.  Amounts and offsets
 * count bytes (BLOB) or UTF-16 code units (CLOB), as the LOB calls do
 * (common/lob_value.h); a NULL LOB is an empty one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/hex.h"
#include "../common/lob_value.h"
#include "plsql_int.h"

/* Is argument I a BLOB: its value is RAW, or it is a BLOB (RAW) variable or bind? */
static int is_blob(const pl_exec *ex, const pl_stmt *st, int i, const pval *v)
{
    if (v->kind == PLSQL_RAW) return 1;
    const pl_expr *e = st->argv[i];
    if (!e) return 0;
    if (e->kind == EX_VAR) return ex->prog->decls[e->slot]->type.kind == TY_RAW;
    if (e->kind == EX_BIND) return ex->binds[e->slot].declared == PLSQL_RAW;
    return 0;
}

/* The bytes of LOB value V into OUT (a BLOB's from its hex, a CLOB's text). */
static int value_bytes(pl_exec *ex, int blob, pval *v, buf *out)
{
    buf_reset(out);
    if (v->kind == PLSQL_NULL) return 0;
    if (v->kind != PLSQL_RAW && pl_to_text(ex, v) < 0) return -1;
    if (!v->text) return 0;
    size_t n = strlen(v->text);
    if (!blob) {
        buf_put(out, v->text, n);
        return 0;
    }
    buf_reserve(out, n / 2 + 1);
    long len = hex_decode(v->text, n, out->data);
    if (len < 0) return pl_raise(ex, 6502, ": hex to raw conversion error");
    out->len = (size_t)len;
    return 0;
}

/* V becomes the LOB value B (empty: NULL). */
static void set_value(pval *v, int blob, const buf *b)
{
    pv_free(v);
    char *text = xmalloc(2 * b->len + 1);
    if (blob) hex_encode(b->data, b->len, text), text[2 * b->len] = 0;
    else memcpy(text, b->data, b->len), text[b->len] = 0;
    *v = pv_take_text(blob ? PLSQL_RAW : PLSQL_TEXT, text);
}

/* Argument I (1-based in the error) as a whole number of at least MIN. */
static int count_arg(pl_exec *ex, const pval *v, int i, int64_t min, int64_t *out)
{
    pdec d;
    char pos[8];
    snprintf(pos, sizeof pos, "%d", i + 1);
    if (v->kind == PLSQL_NULL) return pl_raise(ex, 21560, pos);
    if (pl_to_number(ex, v, &d) < 0) return -1;
    pdec_trunc(&d, 0);
    if (pdec_to_int(&d, out) != PDEC_OK || *out < min) return pl_raise(ex, 21560, pos);
    return 0;
}

/* The LOB of argument 0 and the data of argument I (its first AMOUNT units, or all with
 * AMOUNT < 0), as bytes. */
typedef struct lob_args {
    int blob;
    buf lob, data;
} lob_args;

static int load(pl_exec *ex, const pl_stmt *st, pval *args, int i, lob_args *a)
{
    a->blob = is_blob(ex, st, 0, &args[0]);
    buf_init(&a->lob);
    buf_init(&a->data);
    if (value_bytes(ex, a->blob, &args[0], &a->lob) < 0) return -1;
    return i >= 0 ? value_bytes(ex, a->blob, &args[i], &a->data) : 0;
}

/* Store the changed LOB into argument 0 (RC 0), free A, return RC. */
static int done(lob_args *a, pval *args, int rc)
{
    if (rc == 0) set_value(&args[0], a->blob, &a->lob);
    buf_free(&a->lob);
    buf_free(&a->data);
    return rc;
}

/* Cut A->data to AMOUNT units; ORA-21560 when it holds fewer. */
static int take_amount(pl_exec *ex, lob_args *a, int64_t amount, int arg)
{
    size_t start, len;
    if (lob_piece(a->blob, (char *)a->data.data, a->data.len, 1, (uint64_t)amount, &start, &len) <
        (uint64_t)amount) {
        char pos[8];
        snprintf(pos, sizeof pos, "%d", arg + 1);
        return pl_raise(ex, 21560, pos);
    }
    a->data.len = len;
    return 0;
}

int pl_lob_createtemporary(pl_exec *ex, const pl_stmt *st, pval *args)
{
    pv_free(&args[0]); /* an empty LOB */
    return 0;
}

int pl_lob_freetemporary(pl_exec *ex, const pl_stmt *st, pval *args)
{
    pv_free(&args[0]);
    return 0;
}

/* WRITEAPPEND(lob, amount, buffer) */
int pl_lob_writeappend(pl_exec *ex, const pl_stmt *st, pval *args)
{
    lob_args a;
    int64_t amount;
    int rc = load(ex, st, args, 2, &a);
    if (rc == 0) rc = count_arg(ex, &args[1], 1, 1, &amount);
    if (rc == 0) rc = take_amount(ex, &a, amount, 1);
    if (rc == 0) buf_put(&a.lob, a.data.data, a.data.len);
    return done(&a, args, rc);
}

/* WRITE(lob, amount, offset, buffer) */
int pl_lob_write(pl_exec *ex, const pl_stmt *st, pval *args)
{
    lob_args a;
    int64_t amount, offset;
    int rc = load(ex, st, args, 3, &a);
    if (rc == 0) rc = count_arg(ex, &args[1], 1, 1, &amount);
    if (rc == 0) rc = count_arg(ex, &args[2], 2, 1, &offset);
    if (rc == 0) rc = take_amount(ex, &a, amount, 1);
    if (rc == 0) lob_write_at(a.blob, &a.lob, (uint64_t)offset, (char *)a.data.data, a.data.len);
    return done(&a, args, rc);
}

/* APPEND(dest, src) */
int pl_lob_append(pl_exec *ex, const pl_stmt *st, pval *args)
{
    lob_args a;
    int rc = load(ex, st, args, 1, &a);
    if (rc == 0) buf_put(&a.lob, a.data.data, a.data.len);
    return done(&a, args, rc);
}

/* COPY(dest, src, amount [, dest_offset [, src_offset]]) */
int pl_lob_copy(pl_exec *ex, const pl_stmt *st, pval *args)
{
    lob_args a;
    int64_t amount, dest = 1, src = 1;
    int rc = load(ex, st, args, 1, &a);
    if (rc == 0) rc = count_arg(ex, &args[2], 2, 1, &amount);
    if (rc == 0 && args[3].kind != PLSQL_NULL) rc = count_arg(ex, &args[3], 3, 1, &dest);
    if (rc == 0 && args[4].kind != PLSQL_NULL) rc = count_arg(ex, &args[4], 4, 1, &src);
    if (rc == 0) {
        size_t start, len;
        lob_piece(a.blob, (char *)a.data.data, a.data.len, (uint64_t)src, (uint64_t)amount, &start,
                  &len);
        lob_write_at(a.blob, &a.lob, (uint64_t)dest, (char *)a.data.data + start, len);
    }
    return done(&a, args, rc);
}

/* TRIM(lob, newlen) */
int pl_lob_trim(pl_exec *ex, const pl_stmt *st, pval *args)
{
    lob_args a;
    int64_t len;
    int rc = load(ex, st, args, -1, &a);
    if (rc == 0) rc = count_arg(ex, &args[1], 1, 0, &len);
    if (rc == 0 && lob_trim(a.blob, &a.lob, (uint64_t)len) < 0) rc = pl_raise(ex, 22926);
    return done(&a, args, rc);
}

/* ERASE(lob, amount IN OUT [, offset]): blanks (CLOB) or zero bytes (BLOB) over the units
 * there; AMOUNT becomes what was erased. */
int pl_lob_erase(pl_exec *ex, const pl_stmt *st, pval *args)
{
    lob_args a;
    int64_t amount, offset = 1;
    int rc = load(ex, st, args, -1, &a);
    if (rc == 0) rc = count_arg(ex, &args[1], 1, 1, &amount);
    if (rc == 0 && args[2].kind != PLSQL_NULL) rc = count_arg(ex, &args[2], 2, 1, &offset);
    if (rc == 0) {
        size_t start, len;
        uint64_t n = lob_piece(a.blob, (char *)a.lob.data, a.lob.len, (uint64_t)offset,
                               (uint64_t)amount, &start, &len);
        for (uint64_t k = 0; k < n; k++) buf_putc(&a.data, a.blob ? 0 : ' ');
        lob_write_at(a.blob, &a.lob, (uint64_t)offset, (char *)a.data.data, a.data.len);
        pv_free(&args[1]);
        args[1] = pv_int((int64_t)n);
    }
    return done(&a, args, rc);
}

/* READ(lob, amount IN OUT, offset, buffer OUT): the piece into BUFFER, AMOUNT what it holds;
 * NO_DATA_FOUND from past the end. */
int pl_lob_read(pl_exec *ex, const pl_stmt *st, pval *args)
{
    lob_args a;
    int64_t amount, offset;
    int rc = load(ex, st, args, -1, &a);
    if (rc == 0) rc = count_arg(ex, &args[1], 1, 1, &amount);
    if (rc == 0) rc = count_arg(ex, &args[2], 2, 1, &offset);
    if (rc == 0) {
        size_t start, len;
        uint64_t n = lob_piece(a.blob, (char *)a.lob.data, a.lob.len, (uint64_t)offset,
                               (uint64_t)amount, &start, &len);
        if (!n) {
            rc = pl_raise(ex, ORA_NO_DATA_FOUND);
        } else {
            buf piece = {.data = a.lob.data + start, .len = len};
            set_value(&args[3], a.blob, &piece);
            pv_free(&args[1]);
            args[1] = pv_int((int64_t)n);
        }
    }
    buf_free(&a.lob);
    buf_free(&a.data);
    return rc;
}
