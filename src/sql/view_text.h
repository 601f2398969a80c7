/*
 * view_text.h - the Oracle text of a view, kept inside SQLite's own.
 *
 * SQLite stores a view as the translated CREATE VIEW statement, upper-cased
 * and rewritten; DBA_VIEWS.TEXT must show the query as the user wrote it.
 * CREATE VIEW therefore writes the user's query, hex-encoded (so no text of
 * it can end a comment), as a comment before AS; the comment's text is
 * "ORA:" and the digits:
 *
 *     CREATE VIEW "SCOTT.V" <comment ORA:73656C656374...> AS SELECT ...
 *
 * SQLite keeps comments inside a statement's text, so the original travels
 * with the view through every rename and drop, with no table of its own to
 * keep in step.  Views made before this carry no comment: their text is the
 * translated query after AS.
 */
#ifndef WARDEN_VIEW_TEXT_H
#define WARDEN_VIEW_TEXT_H

#include <stddef.h>

#include "../common/buf.h"

/* Append the comment holding TEXT[0..LEN) to B. */
void view_text_comment(buf *b, const char *text, size_t len);

/*
 * Where the translated query of SQL (SQLite's CREATE VIEW text) starts, past
 * the view's name, the comment and a column list (*HAS_COLUMNS set to 1 when
 * there is one), or NULL when SQL is no CREATE VIEW text.
 */
const char *view_text_query(const char *sql, int *has_columns);

/*
 * The Oracle text of the view SQLite holds as SQL (its CREATE VIEW text) into
 * OUT (reset first): from the comment, else what follows AS.  0, or -1 when
 * SQL is no CREATE VIEW text.
 */
int view_text_read(const char *sql, buf *out);

#endif
