/*
 * datadir.c - initialising a new data directory.
 */
#include "datadir.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../engine/catalog.h"
#include "../net/o5logon.h"

void datadir_paths(datadir *d, const char *path)
{
    snprintf(d->path, sizeof d->path, "%s", path);
    snprintf(d->conf, sizeof d->conf, "%s/warden.conf", path);
    snprintf(d->db, sizeof d->db, "%s/warden.db", path);
    snprintf(d->pidfile, sizeof d->pidfile, "%s/wardend.pid", path);
    snprintf(d->password_file, sizeof d->password_file, "%s/initial_password", path);
}

int datadir_exists(const datadir *d) { return access(d->db, F_OK) == 0; }

/* 16 characters from an alphabet without look-alikes. */
static int generate_password(char *out, size_t size)
{
    static const char alphabet[] = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    uint8_t r[16];
    if (size < sizeof r + 1 || o5_random(r, sizeof r) < 0) return -1;
    for (size_t i = 0; i < sizeof r; i++) out[i] = alphabet[r[i] % (sizeof alphabet - 1)];
    out[sizeof r] = 0;
    return 0;
}

static int store_password(const char *path, const char *password)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0) return -1;
    size_t n = strlen(password);
    int ok = write(fd, password, n) == (ssize_t)n && write(fd, "\n", 1) == 1;
    return close(fd) == 0 && ok ? 0 : -1;
}

static int create_database(const char *path, const char *password)
{
    sqlite3 *db;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
        fprintf(stderr, "wardend: cannot create %s: %s\n", path, sqlite3_errmsg(db));
        sqlite3_close(db);
        return -1;
    }
    ora_error err;
    int rc = sqlite3_exec(db, "PRAGMA journal_mode=WAL", NULL, NULL, NULL) == SQLITE_OK &&
                     catalog_create(db, password, &err) == 0
                 ? 0
                 : -1;
    if (rc < 0) fprintf(stderr, "wardend: cannot initialise %s: %s\n", path, sqlite3_errmsg(db));
    sqlite3_close(db);
    return rc;
}

/* mkdir -p: the data directory and any missing parents. */
static int make_dirs(const char *path)
{
    char p[sizeof((datadir *)0)->path];
    snprintf(p, sizeof p, "%s", path);
    for (char *s = p + 1; *s; s++) {
        if (*s != '/') continue;
        *s = 0;
        if (mkdir(p, 0755) < 0 && errno != EEXIST) return -1;
        *s = '/';
    }
    return mkdir(p, 0700) < 0 && errno != EEXIST ? -1 : 0;
}

int datadir_create(datadir *d, int port)
{
    if (make_dirs(d->path) < 0) {
        fprintf(stderr, "wardend: cannot create %s: %s\n", d->path, strerror(errno));
        return -1;
    }
    warden_config cfg;
    config_defaults(&cfg);
    if (port > 0) cfg.listener_port = port;
    if (access(d->conf, F_OK) != 0 && config_write(&cfg, d->conf) < 0) {
        fprintf(stderr, "wardend: cannot write %s\n", d->conf);
        return -1;
    }
    char generated[32];
    const char *password = getenv("WARDEN_PASSWORD");
    if (!password || !*password) {
        if (generate_password(generated, sizeof generated) < 0 ||
            store_password(d->password_file, generated) < 0) {
            fprintf(stderr, "wardend: cannot store the initial password in %s\n",
                    d->password_file);
            return -1;
        }
        password = generated;
        printf("wardend: new data directory %s\n"
               "wardend: generated password for SYS and SYSTEM: %s\n"
               "wardend: (kept in %s, readable only by you)\n",
               d->path, generated, d->password_file);
    } else {
        printf("wardend: new data directory %s (SYS/SYSTEM password from WARDEN_PASSWORD)\n",
               d->path);
    }
    fflush(stdout);
    return create_database(d->db, password);
}
