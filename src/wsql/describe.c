/*
 * describe.c - the DESCRIBE table: name, NOT NULL, type, in SQL*Plus's
 * fixed 41/8/28 column layout with a leading blank, then a blank line.
 */
#include "wsql/describe.h"

#include <string.h>

#include "wsql/text.h"

enum { NAME_WIDTH = 41, NULL_WIDTH = 8, TYPE_WIDTH = 28 };

static void describe_number(buf *out, const wdn_column *c)
{
    if (c->scale == -127 && c->precision > 0)
        buf_printf(out, "FLOAT(%d)", c->precision);
    else if (c->precision == 0 && (c->scale == -127 || c->scale == 0))
        buf_puts(out, "NUMBER");
    else if (c->scale == 0 || c->scale == -127)
        buf_printf(out, "NUMBER(%d)", c->precision);
    else
        buf_printf(out, "NUMBER(%d,%d)", c->precision ? c->precision : 38, c->scale);
}

void describe_type(buf *out, const wdn_column *c)
{
    switch (c->type) {
    case WDN_NUMBER:
        describe_number(out, c);
        break;
    case WDN_VARCHAR:
        buf_printf(out, "VARCHAR2(%d)", c->size);
        break;
    case WDN_CHAR:
        buf_printf(out, "CHAR(%d)", c->size);
        break;
    case WDN_RAW:
        buf_printf(out, "RAW(%d)", c->size);
        break;
    case WDN_DATE:
        buf_puts(out, "DATE");
        break;
    case WDN_CLOB:
        buf_puts(out, "CLOB");
        break;
    case WDN_BLOB:
        buf_puts(out, "BLOB");
        break;
    case WDN_LONG:
        buf_puts(out, "LONG");
        break;
    case WDN_LONG_RAW:
        buf_puts(out, "LONG RAW");
        break;
    case WDN_BINARY_DOUBLE:
        buf_puts(out, "BINARY_DOUBLE");
        break;
    case WDN_TIMESTAMP:
    case WDN_TIMESTAMP_TZ:
    case WDN_TIMESTAMP_LTZ:
        buf_printf(out, "TIMESTAMP(%d)%s", c->scale >= 0 && c->scale <= 9 ? c->scale : 6,
                   c->type == WDN_TIMESTAMP_TZ    ? " WITH TIME ZONE"
                   : c->type == WDN_TIMESTAMP_LTZ ? " WITH LOCAL TIME ZONE"
                                                  : "");
        break;
    case WDN_INTERVAL_YM:
        buf_printf(out, "INTERVAL YEAR(%d) TO MONTH", c->precision);
        break;
    case WDN_INTERVAL_DS:
        buf_printf(out, "INTERVAL DAY(%d) TO SECOND(%d)", c->precision, c->scale);
        break;
    default:
        buf_printf(out, "UNDEFINED(%d)", c->type);
        break;
    }
}

static void put_padded(buf *b, const char *s, int width)
{
    int n = (int)text_utf8_len(s, strlen(s));
    buf_puts(b, s);
    for (; n < width; n++)
        buf_putc(b, ' ');
}

static void put_dashes(buf *b, int width)
{
    for (int i = 0; i < width; i++)
        buf_putc(b, '-');
}

void describe_print(FILE *out, const wdn_column *cols, int ncols)
{
    buf line;
    buf_init(&line);
    fprintf(out, " %-*s %-*s %s\n", NAME_WIDTH, "Name", NULL_WIDTH, "Null?", "Type");
    buf_putc(&line, ' ');
    put_dashes(&line, NAME_WIDTH), buf_putc(&line, ' ');
    put_dashes(&line, NULL_WIDTH), buf_putc(&line, ' ');
    put_dashes(&line, TYPE_WIDTH);
    fprintf(out, "%s\n", buf_cstr(&line));
    for (int i = 0; i < ncols; i++) {
        buf_reset(&line);
        buf_putc(&line, ' ');
        put_padded(&line, cols[i].name, NAME_WIDTH), buf_putc(&line, ' ');
        put_padded(&line, cols[i].nullable ? "" : "NOT NULL", NULL_WIDTH), buf_putc(&line, ' ');
        describe_type(&line, &cols[i]);
        fprintf(out, "%s\n", buf_cstr(&line));
    }
    fputc('\n', out);
    buf_free(&line);
}
