/*
 * ora_error.h - Oracle error numbers, their exact texts, and the error value
 * that travels from where a failure is detected to the wire.
 *
 * Every refusal in Warden is an ORA- error: a number, Oracle's message text
 * (with its %s arguments filled in) and, for errors found while parsing, the
 * 0-based character offset into the statement text.  The texts live in one
 * table (ora_error.c) so that no two places spell the same message.
 */
#ifndef WARDEN_ORA_ERROR_H
#define WARDEN_ORA_ERROR_H

#include <stdarg.h>

#define ORA_MSG_MAX 512

typedef struct ora_error {
    int code;              /* 0 = no error; e.g. 942 for ORA-00942 */
    int offset;            /* 0-based character offset in the SQL text, 0 if unknown */
    char msg[ORA_MSG_MAX]; /* full text: "ORA-00942: table or view does not exist" */
} ora_error;

/* Error numbers used by name in the code (the table in ora_error.c has the texts). */
enum {
    ORA_UNIQUE_VIOLATED = 1,
    ORA_MAX_SESSIONS = 18,
    ORA_MAX_PROCESSES = 20,
    ORA_INVALID_SESSION_ID = 26,
    ORA_CANNOT_KILL_CURRENT = 27,
    ORA_SESSION_KILLED = 28,
    ORA_NOT_USER_SESSION = 29,
    ORA_SESSION_ID_NOT_EXIST = 30,
    ORA_MARKED_FOR_KILL = 31,
    ORA_ENQUEUE_RESOURCES = 52,
    ORA_RESOURCE_BUSY = 54,
    ORA_MAX_DML_LOCKS = 55,
    ORA_DEADLOCK = 60,
    ORA_MAX_TRANSACTIONS = 1574,
    ORA_WAIT_TIMEOUT = 30006,
    ORA_UNSTABLE_ROWS = 30926,
    ORA_ON_COLUMN_UPDATED = 38104,
    ORA_INVALID_SQL = 900,
    ORA_INVALID_TABLE_NAME = 903,
    ORA_INVALID_IDENTIFIER = 904,
    ORA_MISSING_LEFT_PAREN = 906,
    ORA_MISSING_RIGHT_PAREN = 907,
    ORA_NAME_IN_USE = 955,
    ORA_NOT_PROPERLY_ENDED = 933,
    ORA_MISSING_EXPRESSION = 936,
    ORA_FROM_NOT_FOUND = 923,
    ORA_TABLE_NOT_EXIST = 942,
    ORA_NO_DATA_FOUND = 1403,
    ORA_NOT_LOGGED_ON = 1012,
    ORA_USER_CANCEL = 1013,
    ORA_INVALID_LOGON = 1017,
    ORA_INSUFFICIENT_PRIVS = 1031,
    ORA_NO_CREATE_SESSION = 1045,
    ORA_CANNOT_INSERT_NULL = 1400,
    ORA_USER_EXISTS = 1920,
    ORA_USER_CONNECTED = 1940,
    ORA_SYS_NEEDS_SYSDBA = 28009,
    ORA_USER_NOT_EXIST = 1918,
    ORA_ROLE_NOT_EXIST = 1919,
    ORA_MISSING_KEYWORD_DISCONNECT = 2000,
    ORA_UNIMPLEMENTED = 3001,
    ORA_EOF_ON_CHANNEL = 3113,
    ORA_NOT_CONNECTED = 3114,
    ORA_UNSUPPORTED_NET = 3115,
    ORA_INBOUND_TIMEOUT = 3136,
    ORA_PGA_LIMIT = 4036,
    ORA_INTERNAL = 600,
    ORA_INVALID_NUMBER = 1722,
    ORA_VALUE_TOO_LARGE = 12899,
    ORA_CURSOR_EXPR_NOT_ALLOWED = 22902,
    ORA_NO_LISTENER = 12541,
    ORA_UNKNOWN_SERVICE = 12514,
    ORA_GV_INSTANCES = 12850, /* a GV$ query could not reach every instance */
    ORA_NO_HANDLER = 12520,
};

/* The message text for CODE with its %s placeholders, or NULL if unknown. */
const char *ora_text(int code);
/* The table is looked up by binary search: the first code out of order in it, or 0 (a test). */
int ora_table_unsorted(void);

/*
 * Fill ERR with CODE at OFFSET; the variadic arguments fill the text's %s
 * placeholders (pass nothing for texts without them).  Unknown codes get a
 * generic text so an error is never lost.  Returns -1 so callers can write
 * `return ora_set(err, ...);`.
 */
int ora_set(ora_error *err, int code, int offset, ...);
int ora_vset(ora_error *err, int code, int offset, va_list ap);

/* Fill ERR with CODE and a message text composed by the caller (no table lookup). */
int ora_set_text(ora_error *err, int code, int offset, const char *text);

static inline void ora_clear(ora_error *err) { err->code = 0, err->offset = 0, err->msg[0] = 0; }

#endif
