/*
 * supplied_packages.c - the functions of Oracle's supplied packages that SQL
 * and PL/SQL expressions may call (UTL_RAW, DBMS_RANDOM, DBMS_LOB's
 * functions), and the SQLite functions that compute them
 * (src/engine/ora_fn_packages.c, ora_fn_lobs.c).  A package
 * may be written with its owner, SYS.
 */
#include <string.h>

#include "translate.h"

static const sql_package_function functions[] = {
    {"DBMS_LOB", "GETLENGTH", "DBMS_LOB_GETLENGTH", 1, 1},
    {"DBMS_LOB", "SUBSTR", "DBMS_LOB_SUBSTR", 1, 3},
    {"DBMS_LOB", "INSTR", "DBMS_LOB_INSTR", 2, 4},
    {"DBMS_LOB", "COMPARE", "DBMS_LOB_COMPARE", 2, 5},
    {"UTL_RAW", "CAST_TO_RAW", "ORA_UTL_RAW_CAST_TO_RAW", 1, 1},
    {"UTL_RAW", "CAST_TO_VARCHAR2", "ORA_UTL_RAW_CAST_TO_VARCHAR2", 1, 1},
    {"UTL_RAW", "LENGTH", "ORA_UTL_RAW_LENGTH", 1, 1},
    {"UTL_RAW", "CAST_FROM_NUMBER", "ORA_UTL_RAW_CAST_FROM_NUMBER", 1, 1},
    {"UTL_RAW", "CAST_TO_NUMBER", "ORA_UTL_RAW_CAST_TO_NUMBER", 1, 1},
    {"UTL_RAW", "CONCAT", "ORA_UTL_RAW_CONCAT", 1, 12},
    {"UTL_RAW", "SUBSTR", "ORA_UTL_RAW_SUBSTR", 2, 3},
    {"DBMS_RANDOM", "VALUE", "ORA_DBMS_RANDOM_VALUE", 0, 2},
    {"DBMS_RANDOM", "RANDOM", "ORA_DBMS_RANDOM_RANDOM", 0, 0},
    {"DBMS_RANDOM", "NORMAL", "ORA_DBMS_RANDOM_NORMAL", 0, 0},
    {"DBMS_RANDOM", "STRING", "ORA_DBMS_RANDOM_STRING", 2, 2},
    {"DBMS_APPLICATION_INFO", "SET_SESSION_LONGOPS_NOHINT", "ORA_LONGOPS_NOHINT", 0, 0},
};

const sql_package_function *sql_package_function_find(const char *package, const char *member)
{
    for (size_t i = 0; i < sizeof functions / sizeof *functions; i++)
        if (!strcmp(functions[i].package, package) && !strcmp(functions[i].member, member))
            return &functions[i];
    return NULL;
}
