/*
 * lobs.h - the LOBs of a session behind the locators its client holds.
 *
 * A locator (LOB_LOCATOR_LEN bytes, in the layout the drivers read: flags
 * for BLOB / temporary at fixed offsets) names an entry of the session's
 * store by number and generation, so that a locator of a freed entry, of
 * another session or made up is ORA-22275.  An entry is one of:
 *   - temporary: a value in the session's memory (CREATETEMPORARY, a LOB
 *     bind the driver made, a PL/SQL OUT value), freed by the client or at
 *     session end;
 *   - a copy: the value a query fetched, read-only as a locator of a row
 *     not locked is in Oracle (ORA-22920 for a write), freed like a
 *     temporary one (the locator says temporary so the client frees it);
 *   - persistent: a table's row (schema, table, column, ROWID), from
 *     RETURNING ... INTO or SELECT ... FOR UPDATE: reads select it, writes
 *     update it through the engine's DML path, inside the session's
 *     transaction.
 */
#ifndef WARDEN_LOBS_H
#define WARDEN_LOBS_H

#include "session.h"

#define LOB_LOCATOR_LEN 40
#define LOB_CHUNK_SIZE 32512 /* what GET_CHUNK_SIZE answers: the size of a read the client makes */

enum lob_kind { LOB_TEMP, LOB_COPY, LOB_PERSISTENT };

typedef struct lob_entry {
    uint32_t gen; /* 0: a free slot */
    uint8_t kind, type; /* enum lob_kind; T_CLOB or T_BLOB */
    uint8_t open;       /* OPEN / CLOSE */
    uint8_t nchar;      /* an NCLOB the client made: its data travels as UTF-16 (kept as UTF-8) */
    buf data;           /* TEMP, COPY: the value (CLOB: UTF-8); PERSISTENT: its row's value,
                         * cached from its first LOB call on until the session's next other call */
    uint8_t cached, dirty; /* PERSISTENT: DATA holds the value; it was changed since written */
    uint8_t locked;        /* PERSISTENT: written (and so locked) by an UPDATE in this series */
    char *schema, *table, *column; /* PERSISTENT */
    int64_t rowid;
} lob_entry;

/* A new entry holding a copy of V (N bytes); its locator into LOC. */
lob_entry *lobs_new_value(session *s, enum lob_kind kind, uint8_t type, const void *v, size_t n,
                          uint8_t loc[LOB_LOCATOR_LEN]);
/* A locator for column COLUMN of row ROWID of SCHEMA.TABLE. */
lob_entry *lobs_new_persistent(session *s, uint8_t type, const char *schema, const char *table,
                               const char *column, int64_t rowid, uint8_t loc[LOB_LOCATOR_LEN]);
/* The entry locator LOC (N bytes) names, or NULL with ORA-22275. */
lob_entry *lobs_find(session *s, const uint8_t *loc, size_t n, ora_error *err);
/* The locator of entry E into LOC. */
void lobs_locator(session *s, const lob_entry *e, uint8_t loc[LOB_LOCATOR_LEN]);
void lobs_free(session *s, lob_entry *e);
void lobs_free_all(session *s);
int lobs_is_blob(const lob_entry *e);

/* Column COL of EC's current row as a LOB value (*IS_NULL for NULL): a BLOB's bytes (text in it
 * read as hex), a CLOB's text (bytes in it as their hex). */
int lobs_cell_value(int is_blob, eng_cursor *ec, int col, buf *out, int *is_null, ora_error *err);
/* A copy of E's whole value into OUT (a persistent one read from its row: ORA-22922 when it
 * is gone). */
int lobs_read_value(session *s, lob_entry *e, buf *out, ora_error *err);
/*
 * The LOB calls work on E's value in place: LOBS_VALUE gives it (a persistent LOB's row is
 * read once and held); LOBS_WRITABLE says whether it may change (a copy: ORA-22920); after a
 * change, LOBS_CHANGED stores it: a persistent LOB's first change is an UPDATE of its row at
 * once (taking its lock, or failing), later ones are written by LOBS_FLUSH, which the session
 * runs before any call that is not a LOB call (and which drops what it held).
 */
buf *lobs_value(session *s, lob_entry *e, ora_error *err);
int lobs_writable(const lob_entry *e, ora_error *err);
int lobs_changed(session *s, lob_entry *e, ora_error *err);
int lobs_flush(session *s, ora_error *err);

/* The LOB locators among bind values B (read off the wire) become their LOBs' values. */
int lobs_bind_values(session *s, bind_rows *b, ora_error *err);

#endif
