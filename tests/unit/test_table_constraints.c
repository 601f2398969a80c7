/*
 * test_table_constraints.c - reading a table's constraints back from its
 * CREATE TABLE text (src/engine/table_constraints.c): column and table
 * constraints, names as written, conditions, foreign keys and their rules,
 * defaults and collations that are no constraints, and text it cannot read.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "engine/table_constraints.h"

static void test_column_constraints(void **state)
{
    table_constraints c;
    assert_int_equal(
        table_constraints_read(
            "CREATE TABLE \"SCOTT.EMP\" (EMPNO NUMBER TEXT(4) COLLATE ORA_NUMBER CONSTRAINT "
            "PK_EMP PRIMARY KEY, ENAME VARCHAR2(10) NOT NULL CHECK (ENAME = UPPER(ENAME)), "
            "HIRED DATE DEFAULT ORA_SYSDATE(0), SAL NUMBER DEFAULT (0) CONSTRAINT CK_SAL CHECK "
            "(SAL > 0 AND (SAL < 1e6)), DEPTNO NUMBER CONSTRAINT FK_D REFERENCES \"SCOTT.DEPT\" "
            "ON DELETE CASCADE, MGR NUMBER REFERENCES \"SCOTT.EMP\" (EMPNO))",
            &c),
        0);
    assert_int_equal(c.n, 6);
    assert_int_equal(c.v[0].type, 'P');
    assert_string_equal(c.v[0].name, "PK_EMP");
    assert_string_equal(c.v[0].columns[0], "EMPNO");
    assert_int_equal(c.v[1].type, 'C');
    assert_true(c.v[1].not_null);
    assert_string_equal(c.v[1].condition, "\"ENAME\" IS NOT NULL");
    assert_string_equal(c.v[2].condition, "ENAME = UPPER(ENAME)");
    assert_string_equal(c.v[2].name, "");
    assert_string_equal(c.v[3].name, "CK_SAL");
    assert_string_equal(c.v[3].condition, "SAL > 0 AND (SAL < 1e6)");
    assert_int_equal(c.v[4].type, 'R');
    assert_string_equal(c.v[4].ref_table, "SCOTT.DEPT");
    assert_int_equal(c.v[4].nref_columns, 0);
    assert_string_equal(c.v[4].delete_rule, "CASCADE");
    assert_string_equal(c.v[5].ref_columns[0], "EMPNO");
    assert_string_equal(c.v[5].delete_rule, "NO ACTION");
    table_constraints_free(&c);
}

static void test_table_constraints(void **state)
{
    table_constraints c;
    assert_int_equal(
        table_constraints_read(
            "CREATE TABLE \"SCOTT.T\" (A NUMBER, B NUMBER, C VARCHAR2(3), CONSTRAINT PK_T PRIMARY "
            "KEY (A, B), UNIQUE (C), CONSTRAINT FK_T FOREIGN KEY (A, B) REFERENCES \"SCOTT.U\" "
            "(X, Y) ON DELETE SET NULL, CHECK (A < B))",
            &c),
        0);
    assert_int_equal(c.n, 4);
    assert_int_equal(c.v[0].type, 'P');
    assert_int_equal(c.v[0].ncolumns, 2);
    assert_string_equal(c.v[0].columns[1], "B");
    assert_int_equal(c.v[1].type, 'U');
    assert_string_equal(c.v[1].name, "");
    assert_string_equal(c.v[2].name, "FK_T");
    assert_int_equal(c.v[2].nref_columns, 2);
    assert_string_equal(c.v[2].ref_columns[1], "Y");
    assert_string_equal(c.v[2].delete_rule, "SET NULL");
    assert_string_equal(c.v[3].condition, "A < B");
    table_constraints_free(&c);
}

static void test_unreadable_text(void **state)
{
    table_constraints c;
    assert_int_equal(table_constraints_read("CREATE TABLE T", &c), -1);
    assert_int_equal(table_constraints_read("CREATE TABLE T (A NUMBER", &c), -1);
    assert_int_equal(table_constraints_read("CREATE TABLE T (A NUMBER)", &c), 0);
    assert_int_equal(c.n, 0);
    table_constraints_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_column_constraints),
        cmocka_unit_test(test_table_constraints),
        cmocka_unit_test(test_unreadable_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
