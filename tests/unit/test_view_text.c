/*
 * test_view_text.c - the Oracle text of a view kept in SQLite's CREATE VIEW
 * text (src/sql/view_text.c): written and read back whatever it holds, the
 * translated query found past a comment and a column list, views made before
 * the comment existed, and text that is no CREATE VIEW.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "sql/view_text.h"

/* SQLite's text for a view named NAME with COLUMNS (or "") whose Oracle text is ORIGINAL. */
static void sqlite_text(buf *b, const char *original, const char *columns)
{
    buf_reset(b);
    buf_puts(b, "CREATE VIEW \"SCOTT.V \"\"q\"\"\" ");
    view_text_comment(b, original, strlen(original));
    buf_puts(b, columns);
    buf_puts(b, " AS SELECT 1 A FROM DUAL");
}

static void test_round_trip(void **state)
{
    const char *texts[] = {"select 1 a from dual", "select '*/' x, \"A\"\n  from t /* c */",
                           "select 'ünï' from dual with read only"};
    buf b, out;
    buf_init(&b);
    buf_init(&out);
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        sqlite_text(&b, texts[i], i == 1 ? " (X, \"Y)\")" : "");
        assert_int_equal(view_text_read(buf_cstr(&b), &out), 0);
        assert_string_equal(buf_cstr(&out), texts[i]);
        int has_columns;
        const char *query = view_text_query(buf_cstr(&b), &has_columns);
        assert_non_null(query);
        assert_string_equal(query, "SELECT 1 A FROM DUAL");
        assert_int_equal(has_columns, i == 1);
    }
    buf_free(&b);
    buf_free(&out);
}

static void test_view_without_comment(void **state)
{
    buf out;
    buf_init(&out);
    assert_int_equal(view_text_read("CREATE VIEW \"SCOTT.V\" AS SELECT ENAME FROM \"SCOTT.EMP\"",
                                    &out),
                     0);
    assert_string_equal(buf_cstr(&out), "SELECT ENAME FROM \"SCOTT.EMP\"");
    int has_columns;
    assert_non_null(view_text_query("CREATE VIEW \"SCOTT.V\" (A) AS SELECT 1 FROM DUAL",
                                     &has_columns));
    assert_int_equal(has_columns, 1);
    buf_free(&out);
}

static void test_not_a_view(void **state)
{
    buf out;
    buf_init(&out);
    int has_columns;
    assert_int_equal(view_text_read("CREATE TABLE \"SCOTT.T\" (A)", &out), -1);
    assert_null(view_text_query("CREATE VIEW \"SCOTT.V", &has_columns));
    assert_null(view_text_query("CREATE VIEW \"SCOTT.V\" (A", &has_columns));
    assert_null(view_text_query("CREATE VIEW \"SCOTT.V\" ASK", &has_columns));
    /* digits that are no hex: the translated query stands in */
    assert_int_equal(view_text_read("CREATE VIEW \"S.V\" /*ORA:XY*/ AS SELECT 2 FROM DUAL", &out), 0);
    assert_string_equal(buf_cstr(&out), "SELECT 2 FROM DUAL");
    buf_free(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_view_without_comment),
        cmocka_unit_test(test_not_a_view),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
