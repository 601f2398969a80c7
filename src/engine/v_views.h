/*
 * v_views.h - the dynamic performance views Warden provides, each defined
 * in the file named after what it shows.
 */
#ifndef WARDEN_V_VIEWS_H
#define WARDEN_V_VIEWS_H

#include "vtab.h"

/* v_sessions.c; and V$SESSION's ROW_WAIT_OBJ# .. ROW_WAIT_ROW# of a session (V$WAIT_CHAINS) */
extern const vview v_session, v_process, v_temporary_lobs;
struct sga_session;
void row_wait_columns(vrows *r, const struct sga_session *s);
/* v_sql.c */
extern const vview v_sql, v_sqlarea, v_sqltext, v_sqltext_with_newlines, v_open_cursor;
/* v_locks.c (DBA_BLOCKERS and DBA_WAITERS are in dictionary_views) */
extern const vview v_transaction, v_lock, v_locked_object, dba_blockers, dba_waiters;
/* ... and this instance's transactions as V$TRANSACTION lists them (*OUT malloc'ed), and the
 * undo segments their XIDUSNs number (1 .. instance_undo_segments()) */
typedef struct instance_txn {
    int sid;
    uint32_t usn, slot, sqn;
    time_t start;
    uint64_t used_urec;
    int64_t used_ublk;
} instance_txn;
int instance_transactions(instance_txn **out);
int instance_undo_segments(void);
/* v_undo.c (DBA_ROLLBACK_SEGS is in dictionary_views) */
extern const vview v_rollname, v_rollstat, dba_rollback_segs;
/* v_kill_history.c */
extern const vview v_session_kill_history;
/* v_longops.c */
extern const vview v_session_longops;
/* v_waits.c; and the wait columns V$SESSION shows after its others (SEQ#, P1TEXT .. P3RAW,
 * WAIT_CLASS_ID, WAIT_CLASS#, WAIT_TIME, TIME_REMAINING_MICRO, TIME_SINCE_LAST_WAIT_MICRO) */
extern const vview v_session_wait, v_session_event, v_system_event, v_event_name,
    v_wait_chains;
struct sga_session;
void wait_session_columns(vrows *r, const struct sga_session *s, int64_t now);
#define WAIT_SESSION_COLUMNS                                                                       \
    "\"SEQ#\" NUMBER, P1TEXT VARCHAR2(64), P1 NUMBER, P1RAW RAW(8), P2TEXT VARCHAR2(64), "         \
    "P2 NUMBER, P2RAW RAW(8), P3TEXT VARCHAR2(64), P3 NUMBER, P3RAW RAW(8), "                     \
    "WAIT_CLASS_ID NUMBER, \"WAIT_CLASS#\" NUMBER, WAIT_TIME NUMBER, "                              \
    "TIME_REMAINING_MICRO NUMBER, TIME_SINCE_LAST_WAIT_MICRO NUMBER"
/* v_instance.c */
extern const vview v_instance, v_database, v_parameter, v_statname, v_sesstat, v_mystat,
    v_sysstat, v_diag_info, v_sess_io, v_sga;

/* Every view, NULL-terminated, for vviews_register. */
extern const vview *const warden_views[];

/*
 * v_dictionary.c: the dictionary views over the catalog and the session's
 * privileges (for vviews_register_dictionary), V$PWFILE_USERS (for
 * vviews_register), and who may read which: VIEW_PUBLIC, VIEW_PRIVILEGED
 * (SELECT ANY DICTIONARY) or VIEW_NONE for a name that is none of them.
 */
extern const vview *const dictionary_views[];
/* v_objects.c: DBA_, ALL_ and USER_OBJECTS (in dictionary_views). */
extern const vview dba_objects, all_objects, user_objects;
/* v_source.c: DBA_, ALL_ and USER_SOURCE, _ERRORS, _PROCEDURES and _ARGUMENTS (in
 * dictionary_views). */
extern const vview dba_source, all_source, user_source, dba_errors, all_errors, user_errors;
extern const vview dba_procedures, all_procedures, user_procedures;
extern const vview dba_arguments, all_arguments, user_arguments;
/* v_comments.c: DBA_, ALL_ and USER_TAB_COMMENTS and _COL_COMMENTS (in dictionary_views). */
extern const vview dba_tab_comments, all_tab_comments, user_tab_comments, dba_col_comments,
    all_col_comments, user_col_comments;
/* v_sequences.c: DBA_, ALL_ and USER_SEQUENCES (in dictionary_views). */
extern const vview dba_sequences, all_sequences, user_sequences;
/* v_view_texts.c: DBA_, ALL_ and USER_VIEWS (in dictionary_views). */
extern const vview dba_views, all_views, user_views;
/* v_identities.c: DBA_, ALL_ and USER_TAB_IDENTITY_COLS (in dictionary_views). */
extern const vview dba_tab_identity_cols, all_tab_identity_cols, user_tab_identity_cols;
/* v_tab_privs.c: DBA_, ALL_ and USER_TAB_PRIVS, USER_ and ALL_TAB_PRIVS_MADE / _RECD (in
 * dictionary_views). */
extern const vview dba_tab_privs, all_tab_privs, user_tab_privs, user_tab_privs_made,
    user_tab_privs_recd, all_tab_privs_made, all_tab_privs_recd;
/* v_nls.c: NLS_SESSION_PARAMETERS, NLS_DATABASE_PARAMETERS, NLS_INSTANCE_PARAMETERS (in
 * dictionary_views). */
extern const vview nls_session_parameters, nls_database_parameters, nls_instance_parameters;
/* v_tables.c: DBA_, ALL_ and USER_TABLES and _TAB_COLUMNS (in dictionary_views). */
extern const vview dba_tables, all_tables, user_tables, dba_tab_columns, all_tab_columns,
    user_tab_columns, dba_indexes, all_indexes, user_indexes, dba_ind_columns, all_ind_columns,
    user_ind_columns;
/* v_constraints.c: DBA_, ALL_ and USER_CONSTRAINTS and _CONS_COLUMNS (in dictionary_views). */
extern const vview dba_constraints, all_constraints, user_constraints, dba_cons_columns,
    all_cons_columns, user_cons_columns;
/* v_storage.c: DBA_TABLESPACES, DBA_DATA_FILES, DBA_SEGMENTS, USER_SEGMENTS (in
 * dictionary_views). */
extern const vview dba_tablespaces, dba_data_files, dba_segments, user_segments;
extern const vview *const password_file_views[];
int dictionary_view_access(const char *name);

#endif
