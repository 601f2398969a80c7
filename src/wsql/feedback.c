/*
 * feedback.c - statement verbs and objects to SQL*Plus confirmation texts.
 *
 * CREATE/ALTER/DROP name their object ("Index created.", "User altered.",
 * "Package body created."), DML counts rows ("1 row created.", "0 rows
 * deleted."), and a handful of statements have fixed texts.  A unit created
 * with compilation errors gets SQL*Plus's warning instead ("Warning:
 * Procedure created with compilation errors.").
 */
#include "wsql/feedback.h"

#include <ctype.h>
#include <string.h>

#include "wsql/text.h"

/* Up to MAX leading keywords of SQL, comments skipped, stopping at punctuation. */
static int leading_words(const char *sql, word *words, int max)
{
    int n = 0;
    word w;
    while (n < max && text_sql_word(&sql, &w) && w.len > 0)
        words[n++] = w;
    return n;
}

static int is(word w, const char *keyword)
{
    return text_is(w, keyword, strlen(keyword));
}

/* Words between the verb and the object that do not name the object. */
static int is_modifier(word w)
{
    static const char *const modifiers[] = {
        "OR",     "REPLACE",    "FORCE",      "NOFORCE", "EDITIONABLE", "NONEDITIONABLE",
        "GLOBAL", "PRIVATE",    "TEMPORARY",  "UNIQUE",  "BITMAP",      "PUBLIC",
        "SHARED", "EDITIONING", "MULTIVALUE", "NO"};
    for (size_t i = 0; i < sizeof modifiers / sizeof *modifiers; i++)
        if (is(w, modifiers[i])) return 1;
    return 0;
}

static const char *past_tense(word verb)
{
    if (is(verb, "CREATE")) return "created";
    if (is(verb, "ALTER")) return "altered";
    if (is(verb, "DROP")) return "dropped";
    if (is(verb, "TRUNCATE")) return "truncated";
    if (is(verb, "ANALYZE")) return "analyzed";
    if (is(verb, "PURGE")) return "purged";
    return NULL;
}

/*
 * "Table", "Package body", "Materialized view", "Database link" ...; TITLE
 * capitalizes every word ("Package Body"), as the compilation warning does.
 */
static void put_object(buf *out, const word *w, int n, int title)
{
    int words = 1;
    if (n > 1 && (is(w[0], "PACKAGE") || is(w[0], "TYPE")) && is(w[1], "BODY")) words = 2;
    if (n > 1 && is(w[0], "MATERIALIZED")) words = n > 2 && is(w[2], "LOG") ? 3 : 2;
    if (n > 1 && is(w[0], "DATABASE") && is(w[1], "LINK")) words = 2;
    for (int i = 0; i < words; i++) {
        if (i) buf_putc(out, ' ');
        for (size_t k = 0; k < w[i].len; k++) {
            int c = (unsigned char)w[i].p[k];
            buf_putc(out, (uint8_t)((i == 0 || title) && k == 0 ? toupper(c) : tolower(c)));
        }
    }
}

/*
 * CREATE/ALTER/DROP/TRUNCATE/ANALYZE/PURGE <object>: "<Object> <verb>ed.", or
 * with WARNING "Warning: <Object> <verb>ed with compilation errors."
 */
static int object_message(buf *out, const word *w, int n, int warning)
{
    const char *done = past_tense(w[0]);
    int i = 1;
    if (!done) return 0;
    while (i < n && is_modifier(w[i]))
        i++;
    if (i >= n) return 0;
    if (is(w[0], "PURGE") && is(w[i], "RECYCLEBIN")) {
        buf_puts(out, "Recyclebin purged.");
        return 1;
    }
    if (warning) buf_puts(out, "Warning: ");
    put_object(out, w + i, n - i, warning);
    buf_printf(out, " %s%s.", done, warning ? " with compilation errors" : "");
    return 1;
}

static void rows_message(buf *out, uint64_t rows, const char *done)
{
    buf_printf(out, "%llu row%s %s.", (unsigned long long)rows, rows == 1 ? "" : "s", done);
}

static const char *fixed_message(const word *w, int n)
{
    static const struct {
        const char *verb, *object, *text;
    } fixed[] = {
        {"COMMIT", NULL, "Commit complete."},
        {"ROLLBACK", NULL, "Rollback complete."},
        {"SAVEPOINT", NULL, "Savepoint created."},
        {"GRANT", NULL, "Grant succeeded."},
        {"REVOKE", NULL, "Revoke succeeded."},
        {"LOCK", NULL, "Table(s) Locked."},
        {"COMMENT", NULL, "Comment created."},
        {"RENAME", NULL, "Table renamed."},
        {"AUDIT", NULL, "Audit succeeded."},
        {"NOAUDIT", NULL, "Noaudit succeeded."},
        {"FLASHBACK", NULL, "Flashback complete."},
        {"EXPLAIN", NULL, "Explained."},
        {"CALL", NULL, "Call completed."},
        {"BEGIN", NULL, "PL/SQL procedure successfully completed."},
        {"DECLARE", NULL, "PL/SQL procedure successfully completed."},
        {"SET", "TRANSACTION", "Transaction set."},
        {"SET", "ROLE", "Role set."},
        {"SET", "CONSTRAINT", "Constraint set."},
        {"SET", "CONSTRAINTS", "Constraint set."},
    };
    for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++) {
        if (!is(w[0], fixed[i].verb)) continue;
        if (!fixed[i].object || (n > 1 && is(w[1], fixed[i].object))) return fixed[i].text;
    }
    return NULL;
}

void feedback_message(buf *out, const char *sql, uint64_t rows)
{
    word w[8];
    int n = leading_words(sql, w, 8);
    const char *text;
    if (n == 0) return;
    if (is(w[0], "INSERT"))
        rows_message(out, rows, "created");
    else if (is(w[0], "UPDATE"))
        rows_message(out, rows, "updated");
    else if (is(w[0], "DELETE"))
        rows_message(out, rows, "deleted");
    else if (is(w[0], "MERGE"))
        rows_message(out, rows, "merged");
    else if ((text = fixed_message(w, n)))
        buf_puts(out, text);
    else
        object_message(out, w, n, 0);
}

void feedback_warning_message(buf *out, const char *sql)
{
    word w[8];
    int n = leading_words(sql, w, 8);
    if (n > 0) object_message(out, w, n, 1);
}

int stmt_is_plsql(const char *sql)
{
    static const char *const units[] = {"PROCEDURE", "FUNCTION", "PACKAGE", "TRIGGER",
                                        "TYPE",      "LIBRARY",  "JAVA"};
    word w[8];
    int n = leading_words(sql, w, 8);
    if (n == 0) return 0;
    if (is(w[0], "BEGIN") || is(w[0], "DECLARE")) return 1;
    if (!is(w[0], "CREATE")) return 0;
    int i = 1;
    while (i < n && (is(w[i], "OR") || is(w[i], "REPLACE") || is(w[i], "EDITIONABLE") ||
                     is(w[i], "NONEDITIONABLE") || is(w[i], "AND") || is(w[i], "COMPILE")))
        i++;
    for (size_t k = 0; i < n && k < sizeof units / sizeof *units; k++)
        if (is(w[i], units[k])) return 1;
    return 0;
}

int stmt_changes_rows(const char *sql)
{
    static const char *const verbs[] = {"INSERT", "UPDATE",  "DELETE", "MERGE",
                                        "BEGIN",  "DECLARE", "CALL"};
    word w;
    if (leading_words(sql, &w, 1) == 0) return 0;
    for (size_t i = 0; i < sizeof verbs / sizeof *verbs; i++)
        if (is(w, verbs[i])) return 1;
    return 0;
}
