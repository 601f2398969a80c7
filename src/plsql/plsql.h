/*
 * plsql.h - the PL/SQL subset: anonymous blocks run by an interpreter that
 * asks its host (the dedicated server) for everything outside itself:
 * running SQL, sleeping, safe points, session attributes, output lines.
 *
 * Supported (docs/sql.md, PL/SQL): [DECLARE decls] BEGIN stmts [EXCEPTION
 * handlers] END; with NULL, variables (NUMBER, VARCHAR2(n), DATE, BOOLEAN,
 * PLS_INTEGER, %TYPE-free), assignments, IF/ELSIF/ELSE, LOOP / EXIT [WHEN],
 * WHILE, numeric FOR, cursor FOR loops over a SELECT, SELECT ... INTO,
 * INSERT/UPDATE/DELETE/COMMIT/ROLLBACK, EXECUTE IMMEDIATE, RAISE /
 * RAISE_APPLICATION_ERROR, nested blocks, and the built-ins
 * DBMS_LOCK.SLEEP, DBMS_SESSION.SLEEP, DBMS_APPLICATION_INFO.SET_MODULE /
 * SET_ACTION / SET_CLIENT_INFO, DBMS_SESSION.SET_IDENTIFIER,
 * DBMS_OUTPUT.PUT_LINE / PUT / NEW_LINE / ENABLE / DISABLE.
 */
#ifndef WARDEN_PLSQL_H
#define WARDEN_PLSQL_H

#include <stdint.h>

#include "../common/ora_error.h"

/*
 * A scalar value: NULL, a number (decimal text), text, or a date (storage
 * text); or a client's array bind (PLSQL_ARRAY), which PL/SQL takes as an
 * index-by table with elements 1..NELEMS, each NULL or of kind DECLARED.
 */
typedef struct plsql_value {
    int kind; /* PLSQL_NULL, PLSQL_NUMBER, PLSQL_TEXT, PLSQL_DATE, PLSQL_BOOLEAN ... */
    char *text; /* owned; numbers as decimal text, booleans "1"/"0" */
    int declared; /* a client's bind: the kind its type gives values (also when NULL); 0: unknown */
    struct plsql_value *elems; /* PLSQL_ARRAY: NELEMS elements (owned) */
    int nelems;
    int max_elems; /* PLSQL_ARRAY: the most the client takes back (more is ORA-06513) */
} plsql_value;
enum {
    PLSQL_NULL,
    PLSQL_NUMBER,
    PLSQL_TEXT,
    PLSQL_DATE,
    PLSQL_BOOLEAN,
    PLSQL_CURSOR,
    PLSQL_RAW,
    PLSQL_ARRAY
};
/* PLSQL_CURSOR: an open REF CURSOR, TEXT its id with the host (cursor_open);
 * PLSQL_RAW: bytes (RAW, BLOB), TEXT their hex digits in upper case */

/* Rows a query returned to the interpreter (owned by the host until plsql_rows_free). */
typedef struct plsql_rows {
    int ncols, nrows;
    char **names;        /* ncols column names, upper case */
    plsql_value *values; /* nrows * ncols */
} plsql_rows;
void plsql_rows_free(plsql_rows *r);
/* Free the texts of N values (not the array); each becomes a NULL. */
void plsql_values_free(plsql_value *v, int n);

enum plsql_app_attr { PLSQL_MODULE, PLSQL_ACTION, PLSQL_CLIENT_INFO, PLSQL_CLIENT_IDENTIFIER };

/* A long operation's progress, as SET_SESSION_LONGOPS reports it (texts "" for NULL). */
typedef struct plsql_longop {
    const char *opname, *target_desc, *units;
    int64_t target, context; /* TARGET: an object number, 0 for none */
    double sofar, totalwork;
} plsql_longop;

/* A stored procedure, function or package as its host keeps it (strings malloc'ed:
 * plsql_unit_free). */
typedef struct plsql_unit {
    char *owner, *name; /* upper case */
    char *text;         /* from PROCEDURE / FUNCTION / PACKAGE on, as CREATE gave it */
    char *body;         /* a package: its body's text (from PACKAGE BODY on), NULL if none */
} plsql_unit;
void plsql_unit_free(plsql_unit *u);
/* Is TEXT (a stored unit's) a package specification or body? */
int plsql_is_package(const char *text);

/* What a stored unit is (in the order of the SQL side's sql_unit_type). */
enum { PLSQL_PROCEDURE, PLSQL_FUNCTION, PLSQL_PACKAGE, PLSQL_PACKAGE_BODY };

/*
 * The packages a session has used: each one's variables keep their values
 * from one call to the next, as long as the session lasts, the package is
 * not replaced (the next use then fails with ORA-04068 and starts afresh)
 * and DBMS_SESSION.RESET_PACKAGE does not clear them.
 */
typedef struct plsql_packages plsql_packages;
plsql_packages *plsql_packages_new(void);
void plsql_packages_free(plsql_packages *pk);

typedef struct plsql_host {
    void *arg;
    /*
     * Run one SQL statement (Oracle dialect; placeholders :1..:n or :name in
     * order of appearance, one value per occurrence).  A query fills *ROWS
     * (all rows, or at most MAX_ROWS when > 0); anything else sets
     * *ROWS_AFFECTED.  0, or -1 with ERR.
     */
    int (*exec_sql)(void *arg, const char *sql, const plsql_value *binds, int nbinds,
                    int max_rows, plsql_rows *rows, uint64_t *rows_affected, ora_error *err);
    /* Sleep SECONDS, ending early with an error (ORA-01013, ORA-00028 ...) when interrupted. */
    int (*sleep)(void *arg, double seconds, ora_error *err);
    /*
     * A safe point (each statement and loop iteration): 0, or -1 with the
     * error the call is being ended with.  Once a call is interrupted, every
     * later safe point must say so again.
     */
    int (*safe_point)(void *arg, ora_error *err);
    void (*set_app_info)(void *arg, enum plsql_app_attr which, const char *value);
    /*
     * DBMS_APPLICATION_INFO.SET_SESSION_LONGOPS: OP's progress as a row of
     * V$SESSION_LONGOPS.  *RINDEX and *SLNO name the row to update (-1: a
     * new one) and get the row's back.
     */
    void (*set_longops)(void *arg, const plsql_longop *op, int *rindex, int *slno);
    void (*put_line)(void *arg, const char *line); /* DBMS_OUTPUT, when enabled */
    /*
     * DBMS_OUTPUT's buffer, the session's: ENABLE / DISABLE it (ON); its next
     * line (GET_LINE): 1 with *LINE malloc'ed, 0 when it has none.  May be NULL:
     * the lines go to put_line as they are completed, ENABLE / DISABLE count
     * within the block only, GET_LINE finds none.
     */
    void (*output_enable)(void *arg, int on);
    int (*output_next)(void *arg, char **line);
    /*
     * The stored procedure or function NAME (upper case) of schema OWNER
     * (NULL: as the session resolves an unqualified name) that the session
     * may run: 1 with *UNIT filled, 0 when there is none, -1 with ERR.  May
     * be NULL: no stored units.  A unit that does not compile is -1 with
     * UNIT->owner set (the caller's PLS-00905 names it).
     */
    int (*find_unit)(void *arg, const char *owner, const char *name, plsql_unit *unit,
                     ora_error *err);
    /*
     * REF CURSORs (OPEN cv FOR query): open query SQL with BINDS as a cursor
     * of the session that its client may fetch from too (0 with *ID, or -1
     * with ERR); fetch its next row into *ROW (1, or 0 at its end: ROW
     * empty; -1 with ERR); close it.  May be NULL: ORA-03001.
     */
    int (*cursor_open)(void *arg, const char *sql, const plsql_value *binds, int nbinds,
                       int64_t *id, ora_error *err);
    int (*cursor_fetch)(void *arg, int64_t id, plsql_rows *row, ora_error *err);
    void (*cursor_close)(void *arg, int64_t id);
    /* DBMS_SQL.RETURN_RESULT: cursor ID goes to the client as an implicit result when the
     * call ends. 0, or -1 with ERR.  May be NULL: ORA-03001. */
    int (*return_result)(void *arg, int64_t id, ora_error *err);
    /* SQL trace on (WAITS, BINDS: what it writes too) or off, for the session itself (SID 0:
     * DBMS_SESSION) or for session SID, SERIAL (DBMS_MONITOR).  0, or -1 with ERR.  May be
     * NULL: ORA-03001. */
    int (*session_trace)(void *arg, int sid, uint32_t serial, int on, int waits, int binds,
                         ora_error *err);
    /* The session's package state.  May be NULL: a package's variables then cannot be used
     * (ORA-03001) - nor its subprograms, which might use them. */
    plsql_packages *packages;
    /*
     * Definer's rights: a stored unit of OWNER (AUTHID DEFINER, the default)
     * is about to be compiled and run - its SQL must resolve names and check
     * privileges as OWNER until as_caller(SAVED) undoes it.  0 with *SAVED,
     * or -1 with ERR.  May be NULL: units run with the caller's rights.
     */
    int (*as_owner)(void *arg, const char *owner, void **saved, ora_error *err);
    void (*as_caller)(void *arg, void *saved);
} plsql_host;

/*
 * Run the anonymous block TEXT.  Returns 0, or -1 with ERR: a compile error
 * (ORA-06550 "line L, column C:\nPLS-nnnnn: ...") or a run-time error that
 * no handler caught (the ORA- error; with ORA-06512 context lines where
 * Oracle would print them, e.g. "ORA-01476: divisor is equal to zero\n
 * ORA-06512: at line 3").  ERR->offset is a compile error's place in TEXT (in characters),
 * else 0.
 */
int plsql_run(const char *text, const plsql_host *host, ora_error *err);

/*
 * plsql_run with host bind variables (:name or :1 in the block, e.g. from a
 * driver's execute of "BEGIN DBMS_LOCK.SLEEP(:secs); END;").  As Oracle
 * binds PL/SQL blocks, BINDS holds one value per distinct name, in order of
 * first appearance (a name used twice is one bind).  They are IN OUT: an
 * assignment (:x := 5, SELECT ... INTO :x) replaces binds[i] (its text
 * freed with free(), the new one malloc'ed).  NBINDS must match the block:
 * ORA-01008 (not all variables bound) / ORA-01036 (illegal variable
 * name/number) otherwise.
 *
 * Notes for hosts: exec_sql must allocate *ROWS with malloc (plsql_rows_free
 * releases it); set_app_info gets "" for NULL; an error from safe_point ends
 * the block at once whatever its code (no handler sees it, no ORA-06512 is
 * added).  When sleep or exec_sql fails, safe_point is asked whether the
 * call is being interrupted: if so its error ends the block the same way;
 * otherwise the failure is a PL/SQL exception.  The interpreter keeps no
 * list of interrupting errors: the host alone knows what interrupts it.
 */
int plsql_run_binds(const char *text, plsql_value *binds, int nbinds, const plsql_host *host,
                    ora_error *err);

/*
 * How the block TEXT uses its host binds, one entry per distinct name in
 * order of first appearance: READ when its value is used, WRITTEN when it is
 * assigned (:x := ..., SELECT ... INTO :x).  A driver learns the bind
 * directions from these (IN, OUT, IN OUT).  Returns the number of binds
 * (at most MAX of them stored in MODES), or -1 with ERR for a block that
 * does not compile.
 */
enum { PLSQL_BIND_READ = 1, PLSQL_BIND_WRITTEN = 2 };
int plsql_bind_modes(const char *text, const plsql_host *host, uint8_t *modes, int max,
                     ora_error *err);

/*
 * CREATE PROCEDURE / FUNCTION / PACKAGE / PACKAGE BODY: TEXT from PROCEDURE,
 * FUNCTION or PACKAGE on.  Its name into NAME (upper case, SIZE bytes; the
 * schema it names, if any, into OWNER, else "") and what it is into *TYPE
 * (PLSQL_PROCEDURE ...): 0 when TEXT compiles, 1 when it has a compile
 * error (ERR: ORA-06550 "line L, column C:\nPLS-...", its place in TEXT),
 * -1 when not even its name can be read (ERR).  HOST finds the units it
 * calls (find_unit), and a package body's specification.
 */
int plsql_compile_unit(const char *text, const plsql_host *host, char *owner, char *name,
                       size_t size, int *type, ora_error *err);

/*
 * What a stored unit declares, for the dictionary (USER_PROCEDURES): FN is
 * called once for the unit itself (NAME NULL) and, for a package, once per
 * procedure or function its specification declares, in order (OVERLOAD: its
 * number among those of its name, 0 when the name has one).  Reads the
 * headers only: nothing is looked up.  0, or -1 when TEXT does not compile
 * (FN then had the unit's call alone).
 */
typedef struct plsql_argument_info {
    const char *name;      /* NULL: a function's RETURN value (POSITION 0) */
    int position;          /* 1, 2 ... in the parameter list */
    const char *in_out;    /* "IN", "OUT", "IN/OUT" */
    const char *data_type; /* Oracle's DATA_TYPE: "NUMBER", "VARCHAR2", "PL/SQL BOOLEAN" ... */
    int defaulted;         /* it has a DEFAULT */
} plsql_argument_info;
typedef struct plsql_subprogram_info {
    const char *name; /* NULL: the unit itself (ARGS: a standalone one's) */
    int overload;
    int is_function, deterministic, invoker_rights;
    const plsql_argument_info *args; /* a function's RETURN value first */
    int nargs;
} plsql_subprogram_info;
int plsql_describe_unit(const char *text, void (*fn)(void *arg, const plsql_subprogram_info *),
                        void *arg);

/*
 * A stored function called from a SQL statement: NAME (upper case, the
 * session's schema) with ARGS[0..NARGS-1] by position, the rest their
 * defaults.  0 with *RESULT (its text malloc'ed: pl_host_value_free), or -1
 * with ERR: ORA-00904 when there is no such function (a procedure neither),
 * ORA-06553 PLS-306 for a wrong number of arguments, ORA-06572 for a
 * function with OUT parameters, ORA-06575 for one that does not compile,
 * or what it raised (with its ORA-06512 backtrace).
 */
int plsql_call_function(const char *name, const plsql_value *args, int nargs,
                        const plsql_host *host, plsql_value *result, ora_error *err);

/*
 * The package a function name SQL calls may be of: "PACKAGE.FUNCTION" or
 * "SCHEMA.PACKAGE.FUNCTION" - its schema ("" when not named) and package
 * into OWNER and PACKAGE (SIZE bytes each), and 1; 0 for a name without a dot.
 */
int plsql_package_of(const char *name, char *owner, char *package, size_t size);

#endif
