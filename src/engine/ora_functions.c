/*
 * ora_functions.c - the registration table: every Oracle SQL function and
 * operator under its name and argument count, registered on a session's
 * SQLite connection (see ora_functions.h).  The functions themselves live in
 * ora_fn_*.c, one file per group (general, strings, regular expressions,
 * numbers, dates, conversion, operators, storage, supplied packages), over the
 * helpers in ora_fn_values.c and the format models in ora_date_format.c and
 * ora_number_format.c.
 */
#include "ora_functions.h"

#include "ora_functions_int.h"

#define DET (SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS)
#define VOLATILE (SQLITE_UTF8 | SQLITE_INNOCUOUS)

typedef void (*sql_fn)(sqlite3_context *, int, sqlite3_value **);

static const struct {
    const char *name;
    int nargs; /* -1: any */
    int flags;
    sql_fn fn;
} functions[] = {
    /* the clock, read once per statement with the argument 0 (ora_fn_dates.c), per call
     * without (a column's DEFAULT) */
    {"SYSDATE", 0, VOLATILE, fn_sysdate},
    {"SYSDATE", 1, VOLATILE, fn_sysdate},
    {"SYSTIMESTAMP", 0, VOLATILE, fn_systimestamp},
    {"SYSTIMESTAMP", 1, VOLATILE, fn_systimestamp},
    {"ORA_CURRENT_DATE", 0, VOLATILE, fn_current_date},
    {"ORA_CURRENT_DATE", 1, VOLATILE, fn_current_date},
    {"ORA_CURRENT_TIMESTAMP", 0, VOLATILE, fn_current_timestamp},
    {"ORA_CURRENT_TIMESTAMP", 1, VOLATILE, fn_current_timestamp},
    {"LOCALTIMESTAMP", 0, VOLATILE, fn_localtimestamp},
    {"LOCALTIMESTAMP", 1, VOLATILE, fn_localtimestamp},
    {"SESSIONTIMEZONE", 0, VOLATILE, fn_sessiontimezone},
    {"DBTIMEZONE", 0, DET, fn_dbtimezone},
    {"USER", 0, DET, fn_user},
    {"NVL", 2, DET, fn_nvl},
    {"NVL2", 3, DET, fn_nvl2},
    {"DECODE", -1, DET, fn_decode},
    {"ORA_DECODE_KEY", -1, DET, fn_decode_key},
    {"GREATEST", -1, DET, fn_greatest},
    {"LEAST", -1, DET, fn_least},
    {"CONCAT", -1, DET, fn_concat},
    {"SUBSTR", 2, DET, fn_substr},
    {"SUBSTR", 3, DET, fn_substr},
    {"INSTR", 2, DET, fn_instr},
    {"INSTR", 3, DET, fn_instr},
    {"INSTR", 4, DET, fn_instr},
    {"LPAD", 2, DET, fn_lpad},
    {"LPAD", 3, DET, fn_lpad},
    {"RPAD", 2, DET, fn_rpad},
    {"RPAD", 3, DET, fn_rpad},
    {"INITCAP", 1, DET, fn_initcap},
    {"REPLACE", 2, DET, fn_replace},
    {"REPLACE", 3, DET, fn_replace},
    {"LTRIM", 1, DET, fn_ltrim},
    {"LTRIM", 2, DET, fn_ltrim},
    {"RTRIM", 1, DET, fn_rtrim},
    {"RTRIM", 2, DET, fn_rtrim},
    {"ORA_TRIM", 2, DET, fn_ora_trim},
    {"ORA_TRIM", 3, DET, fn_ora_trim},
    {"CHR", 1, DET, fn_chr},
    {"ASCII", 1, DET, fn_ascii},
    {"MOD", 2, DET, fn_mod},
    {"POWER", 2, DET, fn_power},
    {"CEIL", 1, DET, fn_ceil},
    {"FLOOR", 1, DET, fn_floor},
    {"SIGN", 1, DET, fn_sign},
    {"BITAND", 2, DET, fn_bitand},
    {"TRUNC", 1, DET, fn_trunc},
    {"TRUNC", 2, DET, fn_trunc},
    {"ROUND", 1, DET, fn_round},
    {"ROUND", 2, DET, fn_round},
    {"ADD_MONTHS", 2, DET, fn_add_months},
    {"LAST_DAY", 1, DET, fn_last_day},
    {"MONTHS_BETWEEN", 2, DET, fn_months_between},
    {"ORA_EXTRACT", 2, DET, fn_ora_extract},
    {"TO_CHAR", 1, DET, fn_to_char},
    {"TO_CHAR", 2, DET, fn_to_char},
    {"TO_DATE", 1, DET, fn_to_date},
    {"TO_DATE", 2, DET, fn_to_date},
    {"TO_TIMESTAMP", 1, DET, fn_to_timestamp},
    {"TO_TIMESTAMP", 2, DET, fn_to_timestamp},
    {"TO_TIMESTAMP_TZ", 1, VOLATILE, fn_to_timestamp_tz},
    {"TO_TIMESTAMP_TZ", 2, VOLATILE, fn_to_timestamp_tz},
    {"FROM_TZ", 2, DET, fn_from_tz},
    {"ORA_AT_TIME_ZONE", 2, VOLATILE, fn_at_time_zone},
    {"ORA_INTERVAL", 2, DET, fn_ora_interval},
    {"TO_YMINTERVAL", 1, DET, fn_to_yminterval},
    {"TO_DSINTERVAL", 1, DET, fn_to_dsinterval},
    {"NUMTOYMINTERVAL", 2, DET, fn_numtoyminterval},
    {"NUMTODSINTERVAL", 2, DET, fn_numtodsinterval},
    {"SYS_EXTRACT_UTC", 1, VOLATILE, fn_sys_extract_utc},
    {"TZ_OFFSET", 1, VOLATILE, fn_tz_offset},
    {"LENGTHB", 1, DET, fn_lengthb},
    {"REGEXP_LIKE", 2, DET, fn_regexp_like},
    {"REGEXP_LIKE", 3, DET, fn_regexp_like},
    {"REGEXP_SUBSTR", 2, DET, fn_regexp_substr},
    {"REGEXP_SUBSTR", 3, DET, fn_regexp_substr},
    {"REGEXP_SUBSTR", 4, DET, fn_regexp_substr},
    {"REGEXP_SUBSTR", 5, DET, fn_regexp_substr},
    {"REGEXP_SUBSTR", 6, DET, fn_regexp_substr},
    {"REGEXP_INSTR", 2, DET, fn_regexp_instr},
    {"REGEXP_INSTR", 3, DET, fn_regexp_instr},
    {"REGEXP_INSTR", 4, DET, fn_regexp_instr},
    {"REGEXP_INSTR", 5, DET, fn_regexp_instr},
    {"REGEXP_INSTR", 6, DET, fn_regexp_instr},
    {"REGEXP_INSTR", 7, DET, fn_regexp_instr},
    {"REGEXP_REPLACE", 2, DET, fn_regexp_replace},
    {"REGEXP_REPLACE", 3, DET, fn_regexp_replace},
    {"REGEXP_REPLACE", 4, DET, fn_regexp_replace},
    {"REGEXP_REPLACE", 5, DET, fn_regexp_replace},
    {"REGEXP_REPLACE", 6, DET, fn_regexp_replace},
    {"REGEXP_COUNT", 2, DET, fn_regexp_count},
    {"REGEXP_COUNT", 3, DET, fn_regexp_count},
    {"REGEXP_COUNT", 4, DET, fn_regexp_count},
    {"ORA_IS_JSON", 2, DET, fn_is_json},
    {"ORA_JSON_EXISTS", 3, DET, fn_json_exists},
    {"ORA_JSON_VALUE", 3, DET, fn_json_value},
    {"ORA_JSON_QUERY", 3, DET, fn_json_query},
    {"ORA_JSON_FORMAT", 1, DET, fn_json_format},
    {"ORA_JSON_OBJECT", -1, DET, fn_json_object},
    {"ORA_JSON_ARRAY", -1, DET, fn_json_array},
    {"TO_NUMBER", 1, DET, fn_to_number},
    {"TO_NUMBER", 2, DET, fn_to_number},
    {"ORA_XNUMBER", 1, DET, fn_exact_number},
    {"ORA_XNUMBER", 2, DET, fn_exact_number},
    {"ORA_CAST", 2, DET, fn_ora_cast},
    {"ORA_CONFORM", 2, VOLATILE, fn_ora_conform},
    {"HEXTORAW", 1, DET, fn_hextoraw},
    {"ORA_ROWID_NUM", 1, DET, fn_rowid_num},
    {"ORA_CONNECT_BY_LOOP", 0, VOLATILE, fn_connect_by_loop}, /* ora_fn_connect.c */
    {"CHARTOROWID", 1, DET, fn_chartorowid},
    {"EMPTY_CLOB", 0, DET, fn_empty_clob},
    {"EMPTY_BLOB", 0, DET, fn_empty_blob},
    {"TO_CLOB", 1, DET, fn_to_clob},
    {"TO_NCLOB", 1, DET, fn_to_clob},
    {"TO_BLOB", 1, DET, fn_to_blob},
    {"DBMS_LOB_GETLENGTH", 1, DET, fn_dbms_lob_getlength},
    {"DBMS_LOB_SUBSTR", 1, DET, fn_dbms_lob_substr},
    {"DBMS_LOB_SUBSTR", 2, DET, fn_dbms_lob_substr},
    {"DBMS_LOB_SUBSTR", 3, DET, fn_dbms_lob_substr},
    {"DBMS_LOB_INSTR", 2, DET, fn_dbms_lob_instr},
    {"DBMS_LOB_INSTR", 3, DET, fn_dbms_lob_instr},
    {"DBMS_LOB_INSTR", 4, DET, fn_dbms_lob_instr},
    {"DBMS_LOB_COMPARE", 2, DET, fn_dbms_lob_compare},
    {"DBMS_LOB_COMPARE", 3, DET, fn_dbms_lob_compare},
    {"DBMS_LOB_COMPARE", 4, DET, fn_dbms_lob_compare},
    {"DBMS_LOB_COMPARE", 5, DET, fn_dbms_lob_compare},
    {"RAWTOHEX", 1, DET, fn_rawtohex},
    {"ORA_ADD", 2, DET, fn_add},
    {"ORA_SUB", 2, DET, fn_sub},
    {"ORA_MUL", 2, DET, fn_mul},
    {"ORA_DIV", 2, DET, fn_div},
    {"ORA_XADD", 2, DET, fn_xadd},
    {"ORA_XSUB", 2, DET, fn_xsub},
    {"ORA_XMUL", 2, DET, fn_xmul},
    {"ORA_XDIV", 2, DET, fn_xdiv},
    {"ORA_XNEG", 1, DET, fn_xneg},
    {"ORA_INTERVAL_CMP", 2, DET, fn_interval_cmp},
    {"ORA_DATETIME_CMP", 2, DET, fn_datetime_cmp},
    {"ORA_DATETIME_KEY", 1, DET, fn_datetime_key},
    {"ORA_INTERVAL_BETWEEN", 3, DET, fn_interval_between},
    {"ORA_DATETIME_BETWEEN", 3, DET, fn_datetime_between},
    {"ORA_INTERVAL_KEY", 1, DET, fn_interval_key},
    {"ORA_INTERVAL_GREATEST", -1, DET, fn_interval_greatest},
    {"ORA_INTERVAL_LEAST", -1, DET, fn_interval_least},
    {"ORA_DATETIME_GREATEST", -1, DET, fn_datetime_greatest},
    {"ORA_DATETIME_LEAST", -1, DET, fn_datetime_least},
    {"UNISTR", 1, DET, fn_unistr},
    {"ORA_UTL_RAW_CAST_TO_RAW", 1, DET, fn_utl_raw_cast_to_raw},
    {"ORA_UTL_RAW_CAST_TO_VARCHAR2", 1, DET, fn_utl_raw_cast_to_varchar2},
    {"ORA_UTL_RAW_LENGTH", 1, DET, fn_utl_raw_length},
    {"ORA_UTL_RAW_CAST_FROM_NUMBER", 1, DET, fn_utl_raw_cast_from_number},
    {"ORA_UTL_RAW_CAST_TO_NUMBER", 1, DET, fn_utl_raw_cast_to_number},
    {"ORA_UTL_RAW_CONCAT", -1, DET, fn_utl_raw_concat},
    {"ORA_UTL_RAW_SUBSTR", 2, DET, fn_utl_raw_substr},
    {"ORA_UTL_RAW_SUBSTR", 3, DET, fn_utl_raw_substr},
    {"ORA_DBMS_RANDOM_VALUE", 0, VOLATILE, fn_dbms_random_value},
    {"ORA_DBMS_RANDOM_VALUE", 2, VOLATILE, fn_dbms_random_value},
    {"ORA_DBMS_RANDOM_RANDOM", 0, VOLATILE, fn_dbms_random_random},
    {"ORA_DBMS_RANDOM_NORMAL", 0, VOLATILE, fn_dbms_random_normal},
    {"ORA_DBMS_RANDOM_STRING", 2, VOLATILE, fn_dbms_random_string},
    {"ORA_LONGOPS_NOHINT", 0, DET, fn_longops_nohint},
    {"ORA_FIT_NUMBER", 3, DET, fn_fit_number},
    {"ORA_FIT_DECIMAL", 3, DET, fn_fit_decimal},
    {"ORA_FIT_LENGTH", 4, DET, fn_fit_length},
};

/* Aggregates of one argument; those with an inverse step are window functions too (their final
 * function is their value). */
static const struct {
    const char *name;
    sql_fn step;
    void (*final)(sqlite3_context *);
    sql_fn inverse;
} aggregates[] = {
    {"ORA_INTERVAL_MAX", fn_interval_max_step, fn_extreme_final, NULL},
    {"ORA_INTERVAL_MIN", fn_interval_min_step, fn_extreme_final, NULL},
    {"ORA_DATETIME_MAX", fn_datetime_max_step, fn_extreme_final, NULL},
    {"ORA_DATETIME_MIN", fn_datetime_min_step, fn_extreme_final, NULL},
    {"ORA_SUM", fn_sum_step, fn_sum_final, fn_sum_inverse},
    {"ORA_XSUM", fn_sum_step, fn_xsum_final, fn_sum_inverse},
    {"ORA_AVG", fn_sum_step, fn_avg_final, fn_sum_inverse},
    {"ORA_XAVG", fn_sum_step, fn_xavg_final, fn_sum_inverse},
};

int ora_functions_register(sqlite3 *db, const struct ora_fn_ctx *ctx)
{
    for (size_t i = 0; i < sizeof functions / sizeof functions[0]; i++) {
        int rc = sqlite3_create_function_v2(db, functions[i].name, functions[i].nargs,
                                            functions[i].flags, (void *)ctx, functions[i].fn, NULL,
                                            NULL, NULL);
        if (rc != SQLITE_OK) return rc;
    }
    for (size_t i = 0; i < sizeof aggregates / sizeof aggregates[0]; i++) {
        int rc = aggregates[i].inverse
                     ? sqlite3_create_window_function(db, aggregates[i].name, 1, DET, (void *)ctx,
                                                      aggregates[i].step, aggregates[i].final,
                                                      aggregates[i].final, aggregates[i].inverse,
                                                      NULL)
                     : sqlite3_create_function_v2(db, aggregates[i].name, 1, DET, (void *)ctx, NULL,
                                                  aggregates[i].step, aggregates[i].final, NULL);
        if (rc != SQLITE_OK) return rc;
    }
    int rc = sqlite3_create_collation_v2(db, "ORA_NUMBER", SQLITE_UTF8, NULL, number_text_collate,
                                         NULL);
    if (rc != SQLITE_OK) return rc;
    return sqlite3_exec(db, "PRAGMA case_sensitive_like = ON", NULL, NULL, NULL);
}
