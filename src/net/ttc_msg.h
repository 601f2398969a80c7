/*
 * ttc_msg.h - the TTC messages both sides need: the server writes them, the
 * client library reads them: PARAMETER, DESCRIBE_INFO, ROW_HEADER and ERROR,
 * in their layouts for TTC field version 12 (docs/design.md, Oracle Net);
 * and the other way round the fixed fields of an EXECUTE request, which the
 * client library and the fuzz targets write and the server reads.
 */
#ifndef WARDEN_TTC_MSG_H
#define WARDEN_TTC_MSG_H

#include <stdint.h>

#include "ttc.h"

/* A ROWID in its parts (the client turns them into the 18-character text). */
typedef struct ttc_rowid {
    uint32_t object; /* data object number */
    uint16_t file;   /* relative file number */
    uint32_t block;
    uint16_t slot;
} ttc_rowid;

/* A ROWID's parts as TTC carries them (an ERROR's last changed row, a ROWID column's value). */
void ttc_put_rowid(buf *b, const ttc_rowid *r);
void ttc_read_rowid(ttc_reader *r, ttc_rowid *out);
/* Its text, as Oracle shows ROWIDs: 18 base-64 digits (object 6, file 3, block 6, row 3). */
void ttc_rowid_text(const ttc_rowid *r, char out[19]);
/* The parts of ROWID text: 0, or -1 when TEXT is no ROWID. */
int ttc_rowid_parse(const char *text, ttc_rowid *out);

/* One failed row of an array execute with batch errors. */
typedef struct ttc_batch_error {
    uint32_t row; /* 0-based execution */
    int code;
    const char *text; /* "ORA-NNNNN: ..." */
} ttc_batch_error;

/* The mode of the two logon calls (auth messages), as the Thin drivers set it. */
enum {
    TTC_AUTH_LOGON = 0x1,
    TTC_AUTH_CHANGE_PASSWORD = 0x2,
    TTC_AUTH_SYSDBA = 0x20,
    TTC_AUTH_SYSOPER = 0x40,
    TTC_AUTH_PRELIM = 0x80,
    TTC_AUTH_WITH_PASSWORD = 0x100,
    TTC_AUTH_SYSASM = 0x400000,
    TTC_AUTH_SYSBACKUP = 0x1000000,
    TTC_AUTH_SYSDG = 0x2000000,
    TTC_AUTH_SYSKM = 0x4000000,
    TTC_AUTH_SYSRAC = 0x8000000,
};

/* The end of a call: what the ERROR message (type 4) carries. */
typedef struct ttc_end {
    uint32_t call_status; /* TTC_CALL_STATUS_TXN while a transaction is open */
    uint16_t cursor_id;
    uint64_t row_count;
    int error_code;
    int error_offset;
    char error_text[512]; /* "ORA-NNNNN: ..." when error_code != 0 */
    ttc_rowid rowid;      /* of the last row the DML changed (all 0: none) */
    const ttc_batch_error *batch; /* NBATCH failed rows (batch errors) */
    int nbatch;
    uint8_t warning; /* TTC_WARN_*: e.g. a unit created with compilation errors */
} ttc_end;

#define TTC_WARN_COMPILATION 0x20 /* CREATE PROCEDURE ... succeeded with compilation errors */

/* PROTOCOL message start: type, version 6, 0, then NAME with its NUL (driver or banner). */
void ttc_put_protocol_header(buf *b, const char *name);
/* Compile capabilities (TTC field version) and runtime capabilities (32K strings). */
void ttc_put_capabilities(buf *b);

/*
 * The fixed fields of an EXECUTE (94) request, after its function code and
 * sequence number and before the SQL text: OPTIONS (TTC_EXEC_*), CURSOR_ID
 * (0: parse into a new cursor), the SQL text's length, the rows to PREFETCH,
 * the number of binds and of defines (the column metadata a DEFINE call
 * sends); the al8i4 words follow the SQL text.  The server
 * reads them in read_exec_request (server/calls.c).
 */
void ttc_put_execute_header(buf *b, uint64_t options, uint64_t cursor_id, uint64_t sql_len,
                            uint64_t prefetch, uint64_t nbinds, uint64_t ndefines);
/* The 13 al8i4 words: a new cursor is PARSEd, run EXECUTIONS times, and a query FETCHes. */
void ttc_put_al8i4(buf *b, int parse, uint64_t executions, int fetch);

void ttc_write_error(buf *b, const ttc_end *e);
/* Read an ERROR message body (after its type byte). */
void ttc_read_error(ttc_reader *r, ttc_end *e);

/* PARAMETER message (type 8) with key/value pairs. */
typedef struct ttc_pair {
    const char *key;
    const char *value;
    uint32_t flags;
} ttc_pair;
void ttc_write_parameter(buf *b, const ttc_pair *pairs, int n);
/* The return PARAMETER of an array DML execute that asked for its row counts. */
void ttc_write_row_counts(buf *b, const uint64_t *counts, int n);
/* IO_VECTOR: the direction of each of N binds (16 OUT, 32 IN, 48 IN OUT), before OUT values. */
void ttc_write_io_vector(buf *b, const uint8_t *dirs, int n, uint32_t iterations);

/* A select-list column as described on the wire. */
typedef struct ttc_column {
    char name[129];
    uint8_t ora_type;
    int8_t precision;
    int8_t scale;
    uint32_t max_size;
    uint8_t nullable;
} ttc_column;

/* Charset form a type must be described with (the client checks it). */
uint8_t ttc_charset_form(uint8_t ora_type);

/* DESCRIBE_INFO; SB2_SCALE for clients whose SB1 representation is 1 (python <= 1.4). */
void ttc_write_describe(buf *b, const ttc_column *cols, int n, int sb2_scale);
/* The same without its message type: as a REF CURSOR bind value carries it. */
void ttc_write_describe_body(buf *b, const ttc_column *cols, int n, int sb2_scale);
/* Read a DESCRIBE_INFO body (after the type byte); returns a malloc'd array. */
ttc_column *ttc_read_describe(ttc_reader *r, int *ncols);
void ttc_write_row_header(buf *b);
void ttc_read_row_header(ttc_reader *r);

#endif
