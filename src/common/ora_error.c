/*
 * ora_error.c - the one table of Oracle error texts Warden reports.
 *
 * Texts are Oracle's own wording (facts, reproduced so clients and DBAs see
 * what they expect).  Placeholders are %s only; ora_set() fills them in order.
 */
#include "ora_error.h"

#include <stdio.h>
#include <string.h>

struct ora_text_entry {
    int code;
    const char *text;
};

static const struct ora_text_entry ora_texts[] = {
    {1, "unique constraint (%s) violated"},
    {18, "maximum number of sessions exceeded"},
    {20, "maximum number of processes (%s) exceeded"},
    {26, "missing or invalid session ID"},
    {27, "cannot kill current session"},
    {28, "your session has been killed"},
    {29, "session is not a user session"},
    {30, "User session ID does not exist."},
    {31, "session marked for kill"},
    {34, "cannot %s in current PL/SQL session"},
    {36, "maximum number of recursive SQL levels (%s) exceeded"},
    {51, "timeout occurred while waiting for a resource"},
    {52, "maximum number of enqueue resources (%s) exceeded"},
    {54, "resource busy and acquire with NOWAIT specified or timeout expired"},
    {55, "maximum number of DML locks exceeded"},
    {60, "deadlock detected while waiting for resource"},
    {68, "invalid value %s for parameter %s, must be between %s and %s"},
    {96, "invalid value %s for parameter %s, must be from among %s"},
    {600, "internal error code, arguments: [%s]"},
    {900, "invalid SQL statement"},
    {901, "invalid CREATE command"},
    {902, "invalid datatype"},
    {903, "invalid table name"},
    {904, "%s: invalid identifier"},
    {905, "missing keyword"},
    {906, "missing left parenthesis"},
    {907, "missing right parenthesis"},
    {908, "missing NULL keyword"},
    {909, "invalid number of arguments"},
    {911, "invalid character"},
    {913, "too many values"},
    {917, "missing comma"},
    {918, "column ambiguously defined"},
    {920, "invalid relational operator"},
    {921, "unexpected end of SQL command"},
    {922, "missing or invalid option"},
    {923, "FROM keyword not found where expected"},
    {924, "missing BY keyword"},
    {925, "missing INTO keyword"},
    {926, "missing VALUES keyword"},
    {927, "missing equal sign"},
    {928, "missing SELECT keyword"},
    {932, "inconsistent datatypes: expected %s got %s"},
    {933, "SQL command not properly ended"},
    {934, "group function is not allowed here"},
    {936, "missing expression"},
    {937, "not a single-group group function"},
    {938, "not enough arguments for function"},
    {940, "invalid ALTER command"},
    {942, "table or view does not exist"},
    {947, "not enough values"},
    {950, "invalid DROP option"},
    {955, "name is already used by an existing object"},
    {957, "duplicate column name"},
    {969, "missing ON keyword"},
    {971, "missing SET keyword"},
    {972, "identifier is too long"},
    {975, "date + date not allowed"},
    {979, "not a GROUP BY expression"},
    {987, "missing or invalid username(s)"},
    {988, "missing or invalid password(s)"},
    {990, "missing or invalid privilege"},
    {993, "missing GRANT keyword"},
    {998, "must name this expression with a column alias"},
    {1000, "maximum open cursors exceeded"},
    {1001, "invalid cursor"},
    {1002, "fetch out of sequence"},
    {1008, "not all variables bound"},
    {1012, "not logged on"},
    {1013, "user requested cancel of current operation"},
    {1017, "invalid username/password; logon denied"},
    {1031, "insufficient privileges"},
    {1036, "illegal variable name/number"},
    {1045, "user %s lacks CREATE SESSION privilege; logon denied"},
    {1086, "savepoint '%s' never established in this session or is invalid"},
    {1115, "IO error reading block from file %s (block # %s)"},
    {1400, "cannot insert NULL into (%s)"},
    {1403, "no data found"},
    {1410, "invalid ROWID"},
    {1416, "two tables cannot be outer-joined to each other"},
    {1417, "a table may be outer joined to at most one other table"},
    {1418, "specified index does not exist"},
    {1422, "exact fetch returns more than requested number of rows"},
    {1424, "missing or illegal character following the escape character"},
    {1425, "escape character must be character string of length 1"},
    {1426, "numeric overflow"},
    {1428, "argument '%s' is out of range"},
    {1430, "column being added already exists in table"},
    {1435, "user does not exist"},
    {1436, "CONNECT BY loop in user data"},
    {1438, "value larger than specified precision allowed for this column"},
    {1465, "invalid hex number"},
    {1468, "a predicate may reference only one outer-joined table"},
    {1476, "divisor is equal to zero"},
    {1481, "invalid number format model"},
    {1489, "result of string concatenation is too long"},
    {1574, "maximum number of concurrent transactions exceeded"},
    {1704, "string literal too long"},
    {1719, "outer join operator (+) not allowed in operand of OR or IN"},
    {1720, "grant option does not exist for '%s'"},
    {1722, "invalid number"},
    {1737, "valid modes: [ROW] SHARE, [[SHARE] ROW] EXCLUSIVE, SHARE UPDATE"},
    {1740, "missing double quote in identifier"},
    {1741, "illegal zero-length identifier"},
    {1742, "comment not properly terminated"},
    {1745, "invalid host/bind variable name"},
    {1749, "you may not GRANT/REVOKE privileges to/from yourself"},
    {1756, "quoted string not properly terminated"},
    {1758, "table must be empty to add mandatory (NOT NULL) column"},
    {1760, "illegal argument for function"},
    {1765, "specifying owner's name of the table is not allowed"},
    {1780, "string literal required"},
    {1788, "CONNECT BY clause required in this query block"},
    {1789, "query block has incorrect number of result columns"},
    {1821, "date format not recognized"},
    {1830, "date format picture ends before converting entire input string"},
    {1839, "date not valid for month specified"},
    {1840, "input value not long enough for date format"},
    {1841, "(full) year must be between -4713 and +9999, and not be 0"},
    {1843, "not a valid month"},
    {1846, "not a valid day of the week"},
    {1847, "day of month must be between 1 and last day of month"},
    {1849, "hour must be between 1 and 12"},
    {1850, "hour must be between 0 and 23"},
    {1851, "minutes must be between 0 and 59"},
    {1852, "seconds must be between 0 and 59"},
    {1853, "seconds in day must be between 0 and 86399"},
    {1855, "AM/A.M. or PM/P.M. required"},
    {1857, "not a valid time zone"},
    {1858, "a non-numeric character was found where a numeric was expected"},
    {1861, "literal does not match format string"},
    {1867, "the interval is invalid"},
    {1873, "the leading precision of the interval is too small"},
    {1874, "time zone hour must be between -15 and 15"},
    {1875, "time zone minute must be between -59 and 59"},
    {1882, "timezone region not found"},
    {1917, "user or role '%s' does not exist"},
    {1918, "user '%s' does not exist"},
    {1919, "role '%s' does not exist"},
    {1920, "user name '%s' conflicts with another user or role name"},
    {1922, "CASCADE must be specified to drop '%s'"},
    {1926, "cannot GRANT to a role WITH GRANT OPTION"},
    {1927, "cannot REVOKE privileges you did not grant"},
    {1935, "missing user or role name"},
    {1938, "IDENTIFIED BY must be specified for CREATE USER"},
    {1940, "cannot drop a user that is currently connected"},
    {1950, "no privileges on tablespace '%s'"},
    {1998, "REVOKE failed: user SYS always has SYSOPER and SYSDBA"},
    {2000, "missing %s keyword"},
    {2003, "invalid USERENV parameter"},
    {2017, "integer value required"},
    {2030, "can only select from fixed tables/views"},
    {2065, "illegal option for ALTER SYSTEM"},
    {2091, "transaction rolled back"},
    {2204, "ALTER, INDEX and EXECUTE not allowed for views"},
    {2205, "only SELECT and ALTER privileges are valid for sequences"},
    {2224, "EXECUTE privilege not allowed for tables"},
    {2225, "only EXECUTE and DEBUG privileges are valid for procedures"},
    {2248, "invalid option for ALTER SESSION"},
    {2260, "table can have only one primary key"},
    {2263, "need to specify the datatype for this column"},
    {2278, "duplicate or conflicting MAXVALUE specifications"},
    {2279, "duplicate or conflicting MINVALUE specifications"},
    {2280, "duplicate or conflicting CYCLE specifications"},
    {2281, "duplicate or conflicting CACHE specifications"},
    {2282, "duplicate or conflicting ORDER specifications"},
    {2283, "cannot alter starting sequence number"},
    {2284, "duplicate INCREMENT BY specifications"},
    {2285, "duplicate START WITH specifications"},
    {2286, "no options specified for ALTER SEQUENCE"},
    {2287, "sequence number not allowed here"},
    {2289, "sequence does not exist"},
    {2290, "check constraint (%s) violated"},
    {2291, "integrity constraint (%s) violated - parent key not found"},
    {2292, "integrity constraint (%s) violated - child record found"},
    {2376, "invalid or redundant resource"},
    {2379, "profile %s already exists"},
    {2380, "profile %s does not exist"},
    {2381, "cannot drop %s profile"},
    {2382, "profile %s has users assigned, cannot drop without CASCADE"},
    {3001, "unimplemented feature"},
    {3113, "end-of-file on communication channel"},
    {3114, "not connected to ORACLE"},
    {3115, "unsupported network datatype or representation"},
    {3135, "connection lost contact"},
    {3136, "inbound connection timed out"},
    {4002, "INCREMENT must be a non-zero integer"},
    {4004, "MINVALUE must be less than MAXVALUE"},
    {4005, "INCREMENT must be less than MAXVALUE minus MINVALUE"},
    {4006, "START WITH cannot be less than MINVALUE"},
    {4007, "MINVALUE cannot be made to exceed the current value"},
    {4008, "START WITH cannot be more than MAXVALUE"},
    {4009, "MAXVALUE cannot be made to be less than the current value"},
    {4010, "the number of values to CACHE must be greater than 1"},
    {4013, "number to CACHE must be less than one cycle"},
    {4014, "descending sequences that CYCLE must specify MINVALUE"},
    {4015, "ascending sequences that CYCLE must specify MAXVALUE"},
    {4030, "out of process memory when trying to allocate %s bytes (%s,%s)"},
    {4036, "PGA memory used by the instance or PDB exceeds PGA_AGGREGATE_LIMIT"},
    {4042, "procedure, function, package, or package body does not exist"},
    {4043, "object %s does not exist"},
    {4061, "existing state of %s has been invalidated"},
    {4063, "%s has errors"},
    {4065, "not executed, altered or dropped %s"},
    {4067, "not executed, %s does not exist"},
    {4068, "existing state of packages%s%s%s has been discarded"},
    {6500, "PL/SQL: storage error"},
    {6501, "PL/SQL: program error"},
    {6502, "PL/SQL: numeric or value error%s"},
    {6503, "PL/SQL: Function returned without value"},
    {6504, "PL/SQL: Return types of Result Set variables or query do not match"},
    {6508, "PL/SQL: could not find program unit being called: %s"},
    {6510, "PL/SQL: unhandled user-defined exception"},
    {6511, "PL/SQL: cursor already open"},
    {6512, "at line %s"},
    {6513, "PL/SQL: index for PL/SQL table out of range for host language array"},
    {6530, "Reference to uninitialized composite"},
    {6531, "Reference to uninitialized collection"},
    {6532, "Subscript outside of limit"},
    {6533, "Subscript beyond count"},
    {6535, "statement string in %s is NULL or 0 length"},
    {6550, "line %s, column %s:\n%s"},
    {6553, "PLS-%s: %s"},
    {6572, "Function %s has out arguments"},
    {6575, "Package or function %s is in an invalid state"},
    {6592, "CASE not found while executing CASE statement"},
    {8002, "sequence %s.CURRVAL is not yet defined in this session"},
    {8004, "sequence %s.NEXTVAL %s and cannot be instantiated"},
    {12514, "TNS:listener does not currently know of service requested in connect descriptor"},
    {12520, "TNS:listener could not find available handler for requested type of server"},
    {12521, "TNS:listener does not currently know of instance requested in connect descriptor"},
    {12541, "TNS:no listener"},
    {12545, "Connect failed because target host or object does not exist"},
    {12705, "Cannot access NLS data files or invalid environment specified"},
    {12722, "regular expression internal error"},
    {12725, "unmatched parentheses in regular expression"},
    {12726, "unmatched bracket in regular expression"},
    {12727, "invalid back reference in regular expression"},
    {12728, "invalid range in regular expression"},
    {12729, "invalid character class in regular expression"},
    {12731, "invalid collation class in regular expression"},
    {12732, "invalid interval value in regular expression"},
    {12733, "regular expression too long"},
    {12850, "Could not allocate slaves on all specified instances: %s needed, %s allocated"},
    {12899, "value too large for column %s (actual: %s, maximum: %s)"},
    {14047, "ALTER TABLE|INDEX RENAME may not be combined with other operations"},
    {14551, "cannot perform a DML operation inside a query"},
    {14552, "cannot perform a DDL, commit or rollback inside a query or DML"},
    {16000, "database or pluggable database open for read-only access"},
    {21000, "error number argument to raise_application_error of %s%s is out of range"},
    {21560, "argument %s is null, invalid, or out of range"},
    {22275, "invalid LOB locator specified"},
    {22289, "cannot perform %s operation on an unopened file or LOB"},
    {22293, "LOB already opened in the same transaction"},
    {22902, "CURSOR expression not allowed"},
    {22920, "row containing the LOB value is not locked"},
    {22922, "nonexistent LOB value"},
    {22925, "operation would exceed maximum size allowed for a LOB value"},
    {22926, "specified trim length is greater than current LOB value's length"},
    {25137, "Data value out of range"},
    {25156, "old style outer join (+) cannot be used with ANSI joins"},
    {28009, "connection as SYS should be as SYSDBA or SYSOPER"},
    {30001, "trim set should have only one character"},
    {30005, "missing or invalid WAIT interval"},
    {30006, "resource busy; acquire with WAIT timeout expired"},
    {30076, "invalid extract field for extract source"},
    {30081, "invalid data type for datetime/interval arithmetic"},
    {30088, "datetime/interval precision is out of range"},
    {30186, "'\\' must be followed by four hexadecimal characters or another '\\'"},
    {30563, "outer join operator (+) is not allowed here"},
    {30669, "table can have only one identity column"},
    {30926, "unable to get a stable set of rows in the source tables"},
    {30929, "ORDER SIBLINGS BY clause not allowed here"},
    {30930, "NOCYCLE keyword is required with CONNECT_BY_ISCYCLE pseudocolumn"},
    {32794, "cannot drop a system-generated sequence"},
    {32795, "cannot insert into a generated always identity column"},
    {32796, "cannot update a generated always identity column"},
    {38104, "Columns referenced in the ON Clause cannot be updated: %s"},
    {38802, "edition does not exist"},
    {40441, "JSON syntax error"},
    {40442, "JSON path expression syntax error"},
    {40456, "JSON_VALUE evaluated to non-scalar value"},
    {40462, "JSON_VALUE evaluated to no value"},
    {40470, "JSON_VALUE evaluated to multiple values"},
    {40480, "result cannot be returned without array wrapper"},
    {56902, "expect aggregate function inside pivot operation"},
    {65011, "Pluggable database %s does not exist."},
};

int ora_table_unsorted(void)
{
    for (size_t i = 1; i < sizeof ora_texts / sizeof ora_texts[0]; i++)
        if (ora_texts[i].code <= ora_texts[i - 1].code) return ora_texts[i].code;
    return 0;
}

const char *ora_text(int code)
{
    size_t lo = 0, hi = sizeof ora_texts / sizeof ora_texts[0];
    while (lo < hi) { /* the table is sorted by code */
        size_t mid = (lo + hi) / 2;
        if (ora_texts[mid].code == code) return ora_texts[mid].text;
        if (ora_texts[mid].code < code) lo = mid + 1;
        else hi = mid;
    }
    return NULL;
}

/* Expand TEXT's %s placeholders from AP into OUT (only %s is supported). */
static void fill_placeholders(char *out, size_t outsz, const char *text, va_list ap)
{
    size_t n = 0;
    for (const char *p = text; *p && n + 1 < outsz; p++) {
        if (p[0] == '%' && p[1] == 's') {
            const char *arg = va_arg(ap, const char *);
            if (!arg) arg = "";
            while (*arg && n + 1 < outsz) out[n++] = *arg++;
            p++;
        } else {
            out[n++] = *p;
        }
    }
    out[n] = 0;
}

int ora_vset(ora_error *err, int code, int offset, va_list ap)
{
    char body[ORA_MSG_MAX - 16];
    const char *text = ora_text(code);
    if (text && !strchr(text, '%')) return ora_set_text(err, code, offset, text);
    if (text) fill_placeholders(body, sizeof body, text, ap);
    else snprintf(body, sizeof body, "Message %d not found", code);
    return ora_set_text(err, code, offset, body);
}

int ora_set(ora_error *err, int code, int offset, ...)
{
    va_list ap;
    va_start(ap, offset);
    ora_vset(err, code, offset, ap);
    va_end(ap);
    return -1;
}

int ora_set_text(ora_error *err, int code, int offset, const char *text)
{
    err->code = code;
    err->offset = offset < 0 ? 0 : offset;
    /* "ORA-%05d: %s" without printf: ORA-01403 ends every result set. */
    char digits[12];
    int nd = 0;
    for (unsigned v = code < 0 ? 0u : (unsigned)code; v || nd < 5; v /= 10)
        digits[nd++] = (char)('0' + v % 10);
    size_t n = 4;
    memcpy(err->msg, "ORA-", n);
    while (nd > 0) err->msg[n++] = digits[--nd];
    err->msg[n++] = ':';
    err->msg[n++] = ' ';
    size_t len = strnlen(text, sizeof err->msg - n - 1);
    memcpy(err->msg + n, text, len);
    err->msg[n + len] = '\0';
    return -1;
}
