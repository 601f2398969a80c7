/*
 * logon.c - the two authentication calls (O5LOGON with the 12c verifier).
 *
 * Phase one looks the user up and sends the challenge; an unknown user gets
 * a challenge made from a random verifier, so the reply does not reveal who
 * exists, and fails in phase two like a wrong password.  Phase two checks
 * the proof, the privilege (CREATE SESSION, or SYSDBA / SYSOPER for a logon
 * AS SYSDBA / AS SYSOPER, which becomes a session of SYS / PUBLIC) and the
 * session limit, takes an SGA session slot and opens the engine session.
 * A refused logon creates no session.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../common/alert.h"
#include "../engine/catalog.h"
#include "../net/ttc_msg.h"
#include "logon.h"

#include "../sga/sga.h"
#include "connect.h"
#include "interrupts.h"
#include "plsql_host.h"
#include "replies.h"
#include "session_state.h"

#define MAX_AUTH_PAIRS 256 /* an application context takes three per value */

typedef struct auth_request {
    char user[129];
    uint64_t mode;
    int npairs;
    char *keys[MAX_AUTH_PAIRS];
    char *values[MAX_AUTH_PAIRS];
} auth_request;

static void auth_request_free(auth_request *a)
{
    for (int i = 0; i < a->npairs; i++) {
        free(a->keys[i]);
        if (a->values[i]) memset(a->values[i], 0, strlen(a->values[i]));
        free(a->values[i]);
    }
}

static const char *auth_value(const auth_request *a, const char *key)
{
    for (int i = 0; i < a->npairs; i++)
        if (!strcmp(a->keys[i], key)) return a->values[i];
    return NULL;
}

/* Oracle folds an unquoted user name to upper case; "quoted" keeps its case. */
static void fold_user_name(const char *in, size_t n, char *out, size_t outsz)
{
    size_t k = 0;
    if (n >= 2 && in[0] == '"' && in[n - 1] == '"') {
        for (size_t i = 1; i + 1 < n && k + 1 < outsz; i++) out[k++] = in[i];
    } else {
        for (size_t i = 0; i < n && k + 1 < outsz; i++) out[k++] = (char)toupper((unsigned char)in[i]);
    }
    out[k] = 0;
}

static int read_auth_request(session *s, ttc_reader *r, buf *out, auth_request *a)
{
    memset(a, 0, sizeof *a);
    uint8_t has_user = ttc_u8(r);
    uint64_t ulen = ttc_ub(r);
    a->mode = ttc_ub(r);
    ttc_u8(r);
    uint64_t n = ttc_ub(r);
    ttc_u8(r), ttc_u8(r);
    buf k, v;
    buf_init(&k), buf_init(&v);
    if (has_user && ulen) {
        ttc_announced_str(r, s->conv_length, ulen, &v);
        fold_user_name((const char *)v.data, v.len, a->user, sizeof a->user);
    }
    if (n > MAX_AUTH_PAIRS) ttc_malformed(r);
    for (uint64_t i = 0; i < n && !ttc_failed(r); i++) {
        uint32_t flags;
        ttc_kv(r, &k, &v, &flags);
        a->keys[a->npairs] = xstrdup(buf_cstr(&k));
        a->values[a->npairs] = xstrdup(buf_cstr(&v));
        a->npairs++;
    }
    if (v.data) memset(v.data, 0, v.cap);
    buf_free(&k), buf_free(&v);
    return request_finish(s, r, out, 0, NULL); /* a request it cannot read is answered */
}

static void copy_pair(const auth_request *a, const char *key, char *dst, size_t size)
{
    const char *v = auth_value(a, key);
    if (v && *v) snprintf(dst, size, "%s", v);
}

/*
 * The administrative privilege a logon's MODE asks for: enum catalog_admin,
 * or -1 for SYSASM, SYSBACKUP, SYSDG, SYSKM, SYSRAC (nobody holds them in
 * Warden) and for more than one at once.
 */
static int requested_admin(uint64_t mode)
{
    const uint64_t others =
        TTC_AUTH_SYSASM | TTC_AUTH_SYSBACKUP | TTC_AUTH_SYSDG | TTC_AUTH_SYSKM | TTC_AUTH_SYSRAC;
    int sysdba = (mode & TTC_AUTH_SYSDBA) != 0, sysoper = (mode & TTC_AUTH_SYSOPER) != 0;
    if ((mode & others) || (sysdba && sysoper)) return -1;
    return sysdba ? ADMIN_SYSDBA : sysoper ? ADMIN_SYSOPER : ADMIN_NONE;
}

/* May user NAME log on as ADMIN asks?  A logon AS SYSDBA/SYSOPER needs no CREATE SESSION. */
static int may_logon(sqlite3 *db, const char *name, int admin)
{
    if (admin < 0) return 0;
    if (admin != ADMIN_NONE) return catalog_has_admin(db, name, admin);
    return catalog_has_privilege(db, name, PRIV_CREATE_SESSION);
}

/*
 * Look the user up through the connection that becomes the session's when
 * the logon succeeds (s->auth_db: one connection a logon, not two; each
 * open and close of one costs a walk of every session's lock on the WAL
 * index's file).  *USER_ID is the session user's: SYS's for a logon AS
 * SYSDBA.
 */
static int find_user(session *s, const char *name, catalog_user *u, int *user_id)
{
    s->auth_may_logon = 0;
    if (!s->auth_db && eng_connect(s->db_path, &s->auth_db) != SQLITE_OK) {
        sqlite3_close_v2(s->auth_db);
        s->auth_db = NULL;
        return -1;
    }
    sqlite3 *db = s->auth_db;
    sqlite3_busy_timeout(db, 5000);
    int found = catalog_find_user(db, name, u);
    if (found == 1) {
        s->auth_may_logon = may_logon(db, name, s->auth_admin);
        catalog_user sys;
        *user_id = u->user_id;
        if (s->auth_admin == ADMIN_SYSDBA && catalog_find_user(db, "SYS", &sys) == 1)
            *user_id = sys.user_id;
        else if (s->auth_admin == ADMIN_SYSOPER)
            *user_id = 0; /* PUBLIC has no catalog row */
    }
    return found;
}

void logon_phase_one(session *s, ttc_reader *r, buf *out)
{
    auth_request a;
    if (read_auth_request(s, r, out, &a) < 0) {
        auth_request_free(&a);
        return;
    }
    snprintf(s->user, sizeof s->user, "%s", a.user);
    copy_pair(&a, "AUTH_TERMINAL", s->terminal, sizeof s->terminal);
    copy_pair(&a, "AUTH_PROGRAM_NM", s->program, sizeof s->program);
    copy_pair(&a, "AUTH_MACHINE", s->machine, sizeof s->machine);
    copy_pair(&a, "AUTH_PID", s->client_pid, sizeof s->client_pid);
    copy_pair(&a, "AUTH_SID", s->osuser, sizeof s->osuser);
    s->auth_admin = requested_admin(a.mode);
    auth_request_free(&a);

    catalog_user u;
    memset(&s->auth, 0, sizeof s->auth);
    s->auth_user_ok = find_user(s, s->user, &u, &s->user_id) == 1;
    if (s->auth_user_ok) {
        s->auth.ver = u.verifier;
    } else { /* a challenge indistinguishable from a real one */
        o5_random(s->auth.ver.salt, sizeof s->auth.ver.salt);
        o5_random(s->auth.ver.v, sizeof s->auth.ver.v);
        s->auth.ver.iterations = O5_VGEN_COUNT;
    }
    char sesskey[65], salt[2 * O5_SALT_LEN + 1], csk[2 * O5_CSK_SALT_LEN + 1], count[16];
    o5_server_phase1(&s->auth, 1, sesskey);
    o5_hex(s->auth.ver.salt, O5_SALT_LEN, salt);
    o5_hex(s->auth.csk_salt, O5_CSK_SALT_LEN, csk);
    snprintf(count, sizeof count, "%u", s->auth.ver.iterations);
    ttc_pair pairs[] = {
        {"AUTH_SESSKEY", sesskey, 1},
        {"AUTH_VFR_DATA", salt, O5_VERIFIER_TYPE},
        {"AUTH_PBKDF2_CSK_SALT", csk, 0},
        {"AUTH_PBKDF2_VGEN_COUNT", count, 0},
        {"AUTH_PBKDF2_SDER_COUNT", "3", 0},
    };
    ttc_write_parameter(out, pairs, 5);
    reply_end_call(s, out, 0, 0, NULL);
}

static void refuse(session *s, buf *out, int code, const char *why)
{
    ora_error e;
    if (code == ORA_NO_CREATE_SESSION) ora_set(&e, code, 0, s->user);
    else ora_set(&e, code, 0);
    reply_end_call(s, out, 0, 0, &e);
    alert_log("Logon refused: user %s from %s (program %s): %s", s->user[0] ? s->user : "?",
              s->machine, s->program, why);
}

/*
 * The privilege checks after the password proved right, in Oracle's order:
 * AS SYSDBA/SYSOPER needs that administrative privilege (ORA-01031), SYS
 * logs on only so (ORA-28009), anyone else needs CREATE SESSION (ORA-01045).
 * The error to refuse the logon with, or 0.
 */
static int logon_refusal(const session *s)
{
    if (s->auth_admin != ADMIN_NONE && !s->auth_may_logon) return ORA_INSUFFICIENT_PRIVS;
    if (s->auth_admin == ADMIN_NONE && !strcmp(s->user, "SYS")) return ORA_SYS_NEEDS_SYSDBA;
    if (!s->auth_may_logon) return ORA_NO_CREATE_SESSION;
    return 0;
}

/* As in Oracle, a logon AS SYSDBA is a session of SYS, AS SYSOPER of PUBLIC. */
static void become_session_user(session *s)
{
    if (s->auth_admin == ADMIN_SYSDBA) snprintf(s->user, sizeof s->user, "SYS");
    if (s->auth_admin == ADMIN_SYSOPER) snprintf(s->user, sizeof s->user, "PUBLIC");
}

static void write_logon_reply(session *s, buf *out, const char *svr_response)
{
    char sid[16], serial[16], pid[16], inst[16];
    snprintf(sid, sizeof sid, "%d", s->sid);
    snprintf(serial, sizeof serial, "%u", s->serial);
    snprintf(pid, sizeof pid, "%d", (int)getpid());
    snprintf(inst, sizeof inst, "%d", s->cfg->instance_number);
    char host[65] = "localhost";
    gethostname(host, sizeof host - 1);
    ttc_pair pairs[] = {
        {"AUTH_VERSION_STRING", "- Warden", 0},
        {"AUTH_VERSION_SQL", "19", 0},
        {"AUTH_XACTION_TRAITS", "3", 0},
        {"AUTH_VERSION_NO", "318767104", 0},
        {"AUTH_VERSION_STATUS", "0", 0},
        {"AUTH_DBNAME", s->cfg->db_name, 0},
        {"AUTH_SESSION_ID", sid, 0},
        {"AUTH_SERIAL_NUM", serial, 0},
        {"AUTH_INSTANCE_NO", inst, 0},
        {"AUTH_SERVER_PID", pid, 0},
        {"AUTH_SC_SERVER_HOST", host, 0},
        {"AUTH_SC_DBUNIQUE_NAME", s->cfg->db_name, 0},
        {"AUTH_SC_INSTANCE_NAME", s->cfg->instance_name, 0},
        {"AUTH_SC_INSTANCE_ID", inst, 0},
        {"AUTH_SC_SERVICE_NAME", s->cfg->service_names, 0},
        {"AUTH_SC_DB_DOMAIN", "", 0},
        {"AUTH_INSTANCENAME", s->cfg->instance_name, 0},
        {"AUTH_NLS_LXLAN", "AMERICAN", 0},
        {"AUTH_MAX_OPEN_CURSORS", "300", 0},
        {"AUTH_MAX_IDEN_LENGTH", "128", 0},
        {"AUTH_SVR_RESPONSE", svr_response, 0},
    };
    ttc_write_parameter(out, pairs, (int)(sizeof pairs / sizeof pairs[0]));
    reply_end_call(s, out, 0, 0, NULL);
}

/* What V$SESSION and V$PROCESS show about this session from its logon. */
static void publish_session(session *s)
{
    sga_session *g = sga_session_at(the_sga, s->sid);
    sga_write_begin(&g->seq);
    snprintf(g->username, sizeof g->username, "%s", s->user);
    snprintf(g->schemaname, sizeof g->schemaname, "%s", s->user);
    snprintf(g->osuser, sizeof g->osuser, "%s", s->osuser);
    snprintf(g->machine, sizeof g->machine, "%s", s->machine);
    snprintf(g->terminal, sizeof g->terminal, "%s", s->terminal);
    snprintf(g->program, sizeof g->program, "%s", s->program);
    snprintf(g->process, sizeof g->process, "%s", s->client_pid);
    snprintf(g->service_name, sizeof g->service_name, "%s", s->service);
    g->user_id = s->user_id;
    g->port = s->client_port;
    sga_write_end(&g->seq);
    sga_process *p = sga_process_at(the_sga, s->pid);
    sga_write_begin(&p->seq);
    snprintf(p->username, sizeof p->username, "%s", s->osuser);
    snprintf(p->terminal, sizeof p->terminal, "%s", s->terminal);
    sga_write_end(&p->seq);
}

/* The client's application context: AUTH_APPCTX_NSPACE, _ATTR, _VALUE, in threes. */
static void keep_app_context(session *s, const auth_request *a)
{
    for (int i = 0; i + 2 < a->npairs; i++) {
        if (strcmp(a->keys[i], "AUTH_APPCTX_NSPACE") || strcmp(a->keys[i + 1], "AUTH_APPCTX_ATTR") ||
            strcmp(a->keys[i + 2], "AUTH_APPCTX_VALUE"))
            continue;
        s->app_context = xrealloc(s->app_context, sizeof *s->app_context * (size_t)(3 * s->napp_context + 3));
        for (int k = 0; k < 3; k++) s->app_context[3 * s->napp_context + k] = xstrdup(a->values[i + k]);
        s->napp_context++;
        i += 2;
    }
}

/* ... handed to the engine once the session has one. */
static void apply_app_context(session *s)
{
    for (int i = 0; i < s->napp_context; i++)
        eng_set_app_context(s->eng, s->app_context[3 * i], s->app_context[3 * i + 1],
                            s->app_context[3 * i + 2]);
    for (int i = 0; i < 3 * s->napp_context; i++) free(s->app_context[i]);
    free(s->app_context);
    s->app_context = NULL;
    s->napp_context = 0;
}

void logon_phase_two(session *s, ttc_reader *r, buf *out)
{
    auth_request a;
    if (read_auth_request(s, r, out, &a) < 0) {
        auth_request_free(&a);
        return;
    }
    const char *sk = auth_value(&a, "AUTH_SESSKEY"), *speedy = auth_value(&a, "AUTH_PBKDF2_SPEEDY_KEY"),
               *pw = auth_value(&a, "AUTH_PASSWORD");
    char response[97];
    int proof_ok = s->auth_user_ok && sk && speedy && pw && !strcmp(a.user, s->user) &&
                   o5_server_phase2(&s->auth, sk, speedy, pw, response) == 0;
    if (proof_ok) keep_app_context(s, &a);
    auth_request_free(&a);
    if (!proof_ok) return refuse(s, out, ORA_INVALID_LOGON, "ORA-01017");
    int refusal = logon_refusal(s);
    if (refusal) {
        char why[16];
        snprintf(why, sizeof why, "ORA-%05d", refusal);
        return refuse(s, out, refusal, why);
    }
    become_session_user(s);
    s->sid = sga_session_alloc(the_sga, SGA_USER, s->pid, getpid(), &s->serial);
    if (s->sid) __atomic_add_fetch(&the_sga->sys_stats[STAT_LOGONS_CUMULATIVE], 1, __ATOMIC_RELAXED);
    if (!s->sid) return refuse(s, out, ORA_MAX_SESSIONS, "ORA-00018");
    publish_session(s);
    ora_error e;
    s->eng = s->auth_db ? eng_open_on(s->auth_db, s->user, s->auth_admin, &e)
                        : eng_open_as(s->db_path, s->user, s->auth_admin, &e);
    s->auth_db = NULL; /* the engine's now */
    if (!s->eng) {
        sga_session_free(the_sga, s->sid);
        s->sid = 0;
        return refuse(s, out, e.code, e.msg);
    }
    eng_set_interrupt(s->eng, interrupts_safe_point, s);
    plsql_host_functions(s);
    apply_app_context(s);
    eng_set_sid(s->eng, s->sid);
    if (s->cfg->row_locking &&
        eng_set_row_locking(s->eng, s->cfg->instance_number, s->sid, s->serial, &e) < 0) {
        eng_close(s->eng);
        s->eng = NULL;
        sga_session_free(the_sga, s->sid);
        s->sid = 0;
        return refuse(s, out, e.code, e.msg);
    }
    session_state_attach(s);
    connect_logged_on(s);
    write_logon_reply(s, out, response);
}
