/*
 * ora_nls.c - a session's NLS parameters: their values with Oracle's
 * defaults filled in (what NLS_SESSION_PARAMETERS, SYS_CONTEXT and the
 * conversion functions read) and ALTER SESSION SET of them with Oracle's
 * checks.
 *
 * NLS_TERRITORY brings its formats, numeric characters and currency, as
 * in Oracle: setting it resets the formats and numeric characters set
 * before.  Only the languages whose month and day names Warden has
 * (AMERICAN, ENGLISH) and the territories below are taken; Oracle's other
 * languages and territories answer ORA-03001, a name Oracle does not know
 * ORA-12705.
 */
#include "ora_nls.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "ora_functions_int.h"

#define NLS_INVALID 12705 /* Cannot access NLS data files or invalid environment specified */

static const struct territory {
    const char *name;
    const char *date_format, *timestamp_format, *timestamp_tz_format;
    const char *time_format, *time_tz_format;
    const char *numeric_chars, *currency, *dual_currency;
} territories[] = {
    {"AMERICA", "DD-MON-RR", "DD-MON-RR HH.MI.SSXFF AM", "DD-MON-RR HH.MI.SSXFF AM TZR",
     "HH.MI.SSXFF AM", "HH.MI.SSXFF AM TZR", ".,", "$", "$"},
    {"UNITED KINGDOM", "DD-MON-RR", "DD-MON-RR HH24.MI.SSXFF", "DD-MON-RR HH24.MI.SSXFF TZR",
     "HH24.MI.SSXFF", "HH24.MI.SSXFF TZR", ".,", "\u00a3", "\u20ac"},
    {"GERMANY", "DD.MM.RR", "DD.MM.RR HH24:MI:SSXFF", "DD.MM.RR HH24:MI:SSXFF TZR",
     "HH24:MI:SSXFF", "HH24:MI:SSXFF TZR", ",.", "\u20ac", "\u20ac"},
    {"FRANCE", "DD/MM/RR", "DD/MM/RR HH24:MI:SSXFF", "DD/MM/RR HH24:MI:SSXFF TZR",
     "HH24:MI:SSXFF", "HH24:MI:SSXFF TZR", ", ", "\u20ac", "\u20ac"},
};

/* Languages Warden has the month and day names of (English ones). */
static const struct language {
    const char *name;
    const char *lang; /* USERENV LANG */
} languages[] = {{"AMERICAN", "US"}, {"ENGLISH", "GB"}};

/* Oracle's other languages and territories: valid, but Warden has not their names/conventions. */
static const char *const other_languages[] = {
    "ARABIC", "BRAZILIAN PORTUGUESE", "BULGARIAN", "CANADIAN FRENCH", "CATALAN", "CROATIAN",
    "CZECH", "DANISH", "DUTCH", "EGYPTIAN", "ESTONIAN", "FINNISH", "FRENCH", "GERMAN",
    "GERMAN DIN", "GREEK", "HEBREW", "HUNGARIAN", "ICELANDIC", "INDONESIAN", "ITALIAN",
    "JAPANESE", "KOREAN", "LATIN AMERICAN SPANISH", "LATVIAN", "LITHUANIAN", "MEXICAN SPANISH",
    "NORWEGIAN", "POLISH", "PORTUGUESE", "ROMANIAN", "RUSSIAN", "SIMPLIFIED CHINESE", "SLOVAK",
    "SLOVENIAN", "SPANISH", "SWEDISH", "THAI", "TRADITIONAL CHINESE", "TURKISH", "UKRAINIAN",
    "VIETNAMESE", NULL};
static const char *const other_territories[] = {
    "ALGERIA", "ARGENTINA", "AUSTRALIA", "AUSTRIA", "BELGIUM", "BRAZIL", "BULGARIA", "CANADA",
    "CATALONIA", "CHILE", "CHINA", "COLOMBIA", "CROATIA", "CZECH REPUBLIC", "DENMARK", "EGYPT",
    "ESTONIA", "FINLAND", "GREECE", "HONG KONG", "HUNGARY", "ICELAND", "INDIA", "INDONESIA",
    "IRELAND", "ISRAEL", "ITALY", "JAPAN", "KOREA", "LATVIA", "LITHUANIA", "LUXEMBOURG",
    "MEXICO", "NETHERLANDS", "NEW ZEALAND", "NORWAY", "POLAND", "PORTUGAL", "ROMANIA", "RUSSIA",
    "SAUDI ARABIA", "SINGAPORE", "SLOVAKIA", "SLOVENIA", "SOUTH AFRICA", "SPAIN", "SWEDEN",
    "SWITZERLAND", "TAIWAN", "THAILAND", "TURKEY", "UKRAINE", "UNITED ARAB EMIRATES", "VIETNAM",
    NULL};

static const struct territory *territory_of(const struct ora_nls *n)
{
    for (size_t i = 0; i < sizeof territories / sizeof *territories; i++)
        if (!strcmp(territories[i].name, n->territory)) return &territories[i];
    return &territories[0];
}

static const char *or_default(const char *set, const char *dflt)
{
    return set[0] ? set : dflt;
}

const char *ora_nls_date_format(const struct ora_nls *n)
{
    return or_default(n->date_format, territory_of(n)->date_format);
}

const char *ora_nls_timestamp_format(const struct ora_nls *n)
{
    return or_default(n->timestamp_format, territory_of(n)->timestamp_format);
}

const char *ora_nls_timestamp_tz_format(const struct ora_nls *n)
{
    return or_default(n->timestamp_tz_format, territory_of(n)->timestamp_tz_format);
}

static const char *numeric_chars(const struct ora_nls *n)
{
    return or_default(n->numeric_chars, territory_of(n)->numeric_chars);
}

char ora_nls_decimal(const struct ora_nls *n) { return numeric_chars(n)[0]; }
char ora_nls_group(const struct ora_nls *n) { return numeric_chars(n)[1]; }

static const char *language(const struct ora_nls *n) { return or_default(n->language, "AMERICAN"); }
static const char *territory(const struct ora_nls *n) { return territory_of(n)->name; }

const char *ora_nls_lang(const struct ora_nls *n)
{
    for (size_t i = 0; i < sizeof languages / sizeof *languages; i++)
        if (!strcmp(languages[i].name, language(n))) return languages[i].lang;
    return "US";
}

void ora_nls_language_env(const struct ora_nls *n, char *out, size_t size)
{
    snprintf(out, size, "%s_%s.AL32UTF8", language(n), territory(n));
}

static const char *currency(const struct ora_nls *n) { return territory_of(n)->currency; }
static const char *dual_currency(const struct ora_nls *n) { return territory_of(n)->dual_currency; }
static const char *time_format(const struct ora_nls *n) { return territory_of(n)->time_format; }
static const char *time_tz_format(const struct ora_nls *n) { return territory_of(n)->time_tz_format; }
static const char *gregorian(const struct ora_nls *n) { return "GREGORIAN"; }
static const char *binary(const struct ora_nls *n) { return "BINARY"; }
static const char *length_semantics(const struct ora_nls *n)
{
    return n->char_semantics ? "CHAR" : "BYTE";
}
static const char *false_text(const struct ora_nls *n) { return "FALSE"; }

/* NLS_SESSION_PARAMETERS, in Oracle 19c's order. */
static const struct nls_param {
    const char *name;
    const char *(*value)(const struct ora_nls *n);
} nls_params[] = {
    {"NLS_LANGUAGE", language},
    {"NLS_TERRITORY", territory},
    {"NLS_CURRENCY", currency},
    {"NLS_ISO_CURRENCY", territory},
    {"NLS_NUMERIC_CHARACTERS", numeric_chars},
    {"NLS_CALENDAR", gregorian},
    {"NLS_DATE_FORMAT", ora_nls_date_format},
    {"NLS_DATE_LANGUAGE", language},
    {"NLS_SORT", binary},
    {"NLS_TIME_FORMAT", time_format},
    {"NLS_TIMESTAMP_FORMAT", ora_nls_timestamp_format},
    {"NLS_TIME_TZ_FORMAT", time_tz_format},
    {"NLS_TIMESTAMP_TZ_FORMAT", ora_nls_timestamp_tz_format},
    {"NLS_DUAL_CURRENCY", dual_currency},
    {"NLS_COMP", binary},
    {"NLS_LENGTH_SEMANTICS", length_semantics},
    {"NLS_NCHAR_CONV_EXCP", false_text},
};

const char *ora_nls_parameter(int i)
{
    return i >= 0 && i < (int)(sizeof nls_params / sizeof *nls_params) ? nls_params[i].name : NULL;
}

const char *ora_nls_value(const struct ora_nls *n, const char *name)
{
    for (size_t i = 0; i < sizeof nls_params / sizeof *nls_params; i++)
        if (!strcasecmp(nls_params[i].name, name)) return nls_params[i].value(n);
    return NULL;
}

/* ---- ALTER SESSION SET ---- */

static int set_format(char *dst, const char *value, int offset, ora_error *err)
{
    if (strlen(value) > ORA_NLS_FORMAT_MAX || !date_format_ok(value))
        return ora_set(err, 1821, offset);
    snprintf(dst, ORA_NLS_FORMAT_MAX + 1, "%s", value);
    return 0;
}

/* Two different characters, neither a digit nor + - < > (Oracle's rule). */
static int set_numeric_chars(struct ora_nls *n, const char *value, int offset, ora_error *err)
{
    if (strlen(value) != 2 || value[0] == value[1]) return ora_set(err, NLS_INVALID, offset);
    for (int i = 0; i < 2; i++)
        if (isdigit((unsigned char)value[i]) || strchr("+-<>", value[i]) || (value[i] & 0x80))
            return ora_set(err, NLS_INVALID, offset);
    snprintf(n->numeric_chars, sizeof n->numeric_chars, "%s", value);
    return 0;
}

/* VALUE upper-cased into OUT. */
static void upper(const char *value, char *out, size_t size)
{
    size_t i = 0;
    for (; value[i] && i + 1 < size; i++)
        out[i] = (char)toupper((unsigned char)value[i]);
    out[i] = 0;
}

static int in_list(const char *const *list, const char *name)
{
    for (int i = 0; list[i]; i++)
        if (!strcmp(list[i], name)) return 1;
    return 0;
}

static int set_language(struct ora_nls *n, const char *value, int offset, ora_error *err)
{
    char name[64];
    upper(value, name, sizeof name);
    for (size_t i = 0; i < sizeof languages / sizeof *languages; i++)
        if (!strcmp(languages[i].name, name)) {
            snprintf(n->language, sizeof n->language, "%s", name);
            return 0;
        }
    return ora_set(err, in_list(other_languages, name) ? ORA_UNIMPLEMENTED : NLS_INVALID, offset);
}

/* NLS_TERRITORY: the formats and numeric characters become the territory's. */
static int set_territory(struct ora_nls *n, const char *value, int offset, ora_error *err)
{
    char name[64];
    upper(value, name, sizeof name);
    for (size_t i = 0; i < sizeof territories / sizeof *territories; i++)
        if (!strcmp(territories[i].name, name)) {
            snprintf(n->territory, sizeof n->territory, "%s", name);
            n->date_format[0] = n->timestamp_format[0] = n->timestamp_tz_format[0] = 0;
            n->numeric_chars[0] = 0;
            return 0;
        }
    return ora_set(err, in_list(other_territories, name) ? ORA_UNIMPLEMENTED : NLS_INVALID,
                   offset);
}

/* TIME_ZONE = '[+|-]hh:mm' | 'region' | LOCAL | DBTIMEZONE (the parser upper-cases words). */
static int set_time_zone(struct ora_nls *n, const char *value, int offset, ora_error *err)
{
    if (!strcmp(value, "LOCAL")) {
        snprintf(n->time_zone, sizeof n->time_zone, "%s", n->local_time_zone);
        return 0;
    }
    if (!strcmp(value, "DBTIMEZONE")) value = ORA_DB_TIME_ZONE;
    char tz[sizeof n->time_zone];
    int code = ora_tz_parse(value, tz, sizeof tz);
    if (code) return ora_set(err, code, offset);
    snprintf(n->time_zone, sizeof n->time_zone, "%s", tz);
    return 0;
}

/* NLS_LENGTH_SEMANTICS: BYTE or CHAR, what a length without either means in later DDL. */
static int set_length_semantics(struct ora_nls *n, const char *value, int offset, ora_error *err)
{
    if (strcasecmp(value, "BYTE") && strcasecmp(value, "CHAR")) return ora_set(err, NLS_INVALID, offset);
    n->char_semantics = !strcasecmp(value, "CHAR");
    return 0;
}

int ora_nls_set(struct ora_nls *n, const char *name, const char *value, int offset,
                ora_error *err)
{
    if (!strcmp(name, "NLS_DATE_FORMAT")) return set_format(n->date_format, value, offset, err);
    if (!strcmp(name, "NLS_TIMESTAMP_FORMAT"))
        return set_format(n->timestamp_format, value, offset, err);
    if (!strcmp(name, "NLS_TIMESTAMP_TZ_FORMAT"))
        return set_format(n->timestamp_tz_format, value, offset, err);
    if (!strcmp(name, "NLS_NUMERIC_CHARACTERS")) return set_numeric_chars(n, value, offset, err);
    if (!strcmp(name, "NLS_LANGUAGE")) return set_language(n, value, offset, err);
    if (!strcmp(name, "NLS_TERRITORY")) return set_territory(n, value, offset, err);
    if (!strcmp(name, "TIME_ZONE")) return set_time_zone(n, value, offset, err);
    if (!strcmp(name, "NLS_LENGTH_SEMANTICS")) return set_length_semantics(n, value, offset, err);
    return 1;
}
