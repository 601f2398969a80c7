/*
 * keywords.c - which words are keywords: Oracle's reserved words (never a
 * name or an alias without quotes), the clause words the rewriter must not
 * take for an alias, and SQLite's keywords (names that need quotes there).
 */
#include "xlat.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Oracle SQL reserved words (V$RESERVED_WORDS, RESERVED = 'Y') and the clause
 * words that end a table reference or select item.  Sorted for bsearch. */
static const char *const reserved_words[] = {
    "ACCESS",     "ADD",        "ALL",       "ALTER",     "AND",      "ANY",        "APPLY",
    "AS",         "ASC",        "AUDIT",     "BETWEEN",   "BY",       "CHAR",       "CHECK",
    "CLUSTER",    "COLUMN",     "COMMENT",   "COMPRESS",  "CONNECT",  "CREATE",     "CROSS",
    "CURRENT",    "DATE",       "DECIMAL",   "DEFAULT",   "DELETE",   "DESC",       "DISTINCT",
    "DROP",       "ELSE",       "EXCEPT",    "EXCLUSIVE", "EXISTS",   "FETCH",      "FILE",
    "FLOAT",      "FOR",        "FROM",      "FULL",      "GRANT",    "GROUP",      "HAVING",
    "IDENTIFIED", "IMMEDIATE",  "IN",        "INCREMENT", "INDEX",    "INITIAL",    "INNER",
    "INSERT",     "INTEGER",    "INTERSECT", "INTO",      "IS",       "JOIN",       "LEFT",
    "LEVEL",      "LIKE",       "LOCK",      "LONG",     "MAXEXTENTS", "MINUS",
    "MLSLABEL",   "MODE",       "MODEL",     "MODIFY",    "NATURAL",  "NOAUDIT",    "NOCOMPRESS",
    "NOT",        "NOWAIT",     "NULL",      "NUMBER",    "OF",       "OFFLINE",    "OFFSET",
    "ON",         "ONLINE",     "OPTION",    "OR",        "ORDER",    "OUTER",      "PARTITION",
    "PCTFREE",    "PIVOT",      "PRIOR",     "PUBLIC",    "RAW",      "RENAME",     "RESOURCE",
    "RETURNING",  "REVOKE",     "RIGHT",     "ROW",       "ROWID",    "ROWNUM",     "ROWS",
    "SAMPLE",     "SELECT",     "SESSION",   "SET",       "SHARE",    "SIZE",       "SMALLINT",
    "START",      "SUCCESSFUL", "SYNONYM",   "SYSDATE",   "TABLE",    "THEN",       "TO",
    "TRIGGER",    "UID",        "UNION",     "UNIQUE",    "UNPIVOT",  "UPDATE",     "USER",
    "USING",      "VALIDATE",   "VALUES",    "VARCHAR",   "VARCHAR2", "VIEW",       "WHENEVER",
    "WHERE",      "WINDOW",     "WITH",
};

static int cmp_word(const void *key, const void *elem)
{
    return strcasecmp((const char *)key, *(const char *const *)elem);
}

int sql_word_is_reserved(const char *word)
{
    return bsearch(word, reserved_words, sizeof reserved_words / sizeof reserved_words[0],
                   sizeof reserved_words[0], cmp_word) != NULL;
}

/* Words of the list above that Oracle does not reserve: clause words (FETCH, JOIN ...). */
static const char *const clause_words[] = {
    "APPLY",  "CROSS",     "EXCEPT", "FETCH",     "FULL",   "INNER",  "JOIN",
    "LEFT",   "MODEL",     "NATURAL", "OFFSET",   "OUTER",  "PARTITION", "PIVOT",
    "RETURNING", "RIGHT",  "SAMPLE", "UNPIVOT",   "USING",  "WINDOW",
};

int sql_word_is_oracle_reserved(const char *word)
{
    if (!sql_word_is_reserved(word)) return 0;
    for (size_t i = 0; i < sizeof clause_words / sizeof *clause_words; i++)
        if (!strcasecmp(word, clause_words[i])) return 0;
    return 1;
}

int word_is_reserved(const xlat *x, const sql_token *t)
{
    char word[SQL_IDENT_MAX + 1];
    if (t->type != TK_WORD || t->len > 20) return 0;
    tok_name(x->sql, t, word, sizeof word);
    return sql_word_is_reserved(word);
}

int sql_is_sqlite_keyword(const char *name)
{
    return sqlite3_keyword_check(name, (int)strlen(name));
}
