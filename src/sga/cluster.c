/*
 * cluster.c - the cluster area: creating and mapping it, and the
 * membership table.
 */
#include "cluster.h"

#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "commit_log.h"
#include "locks.h"
#include "sequence_cache.h"
#include "sga.h"
#include "table_state.h"
#include "db_locks.h"

#define CLUSTER_MAGIC 0x57444e434c555354ull /* "WDNCLUST" */

struct cluster {
    uint64_t magic;  /* CLUSTER_MAGIC ^ sizeof(cluster): a mapping of this build */
    uint64_t size;   /* bytes mapped */
    uint64_t locks_at;
    uint64_t db_locks_at; /* the WAL index's locks (db_locks.h) */
    int instances;   /* the lock manager was sized for this many */
    uint64_t incarnation;
    uint32_t grants_version;
    sga_latch latch; /* membership changes */
    cluster_member members[CLUSTER_MAX_INSTANCES];
    commit_log commit_log;
    table_state tables;
    sequence_cache sequences;
};

cluster *the_cluster;
static int mapped_fd = -1;

static uint64_t magic_of_build(void) { return CLUSTER_MAGIC ^ (uint64_t)sizeof(cluster); }

/* CFG with its transactions and table locks scaled for INSTANCES instances. */
static warden_config scaled(const warden_config *cfg, int instances)
{
    warden_config c = *cfg;
    c.transactions = config_transactions(cfg) * instances;
    c.dml_locks = config_dml_locks(cfg) * instances;
    return c;
}

static size_t locks_offset(void) { return (sizeof(cluster) + 4095) & ~(size_t)4095; }

static size_t page_round(size_t n) { return (n + 4095) & ~(size_t)4095; }

/* Connections whose WAL-index locks the area keeps: each process of each instance may hold a
 * few (its session's, the catalog's, a long statement's side connection, logon's), and one of
 * its own for the -shm file's dead-man switch. */
static int wal_handles(const warden_config *cfg, int instances)
{
    return (cfg->processes + 16) * 5 * instances;
}

int cluster_create(const warden_config *cfg, int instances)
{
    warden_config c = scaled(cfg, instances);
    size_t wal_at = locks_offset() + page_round(lk_area_size(&c));
    int handles = wal_handles(cfg, instances);
    size_t size = wal_at + db_locks_size(handles);
    int fd = memfd_create("warden_cluster", MFD_CLOEXEC);
    if (fd < 0) return -1;
    /* A new memfd reads as zeros and takes memory only where written, like the SGA. */
    if (ftruncate(fd, (off_t)size) < 0) goto fail;
    char *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED) goto fail;
    cluster *cl = (cluster *)p;
    cl->size = size;
    cl->locks_at = locks_offset();
    cl->db_locks_at = wal_at;
    cl->instances = instances;
    sga_latch_init(&cl->latch);
    commit_log_init(&cl->commit_log);
    table_state_init(&cl->tables);
    sequence_cache_init(&cl->sequences);
    lk_area_init(p + cl->locks_at, &c);
    db_locks_init(p + cl->db_locks_at, handles);
    __atomic_store_n(&cl->magic, magic_of_build(), __ATOMIC_RELEASE);
    munmap(p, size);
    return fd;
fail:;
    int e = errno;
    close(fd);
    errno = e;
    return -1;
}

cluster *cluster_map(int fd)
{
    struct stat st;
    if (fstat(fd, &st) < 0 || (size_t)st.st_size < sizeof(cluster)) return NULL;
    char *p = mmap(NULL, (size_t)st.st_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED) return NULL;
    cluster *cl = (cluster *)p;
    if (__atomic_load_n(&cl->magic, __ATOMIC_ACQUIRE) != magic_of_build() ||
        cl->size != (uint64_t)st.st_size) {
        munmap(p, (size_t)st.st_size);
        return NULL;
    }
    the_commit_log = &cl->commit_log;
    the_table_state = &cl->tables;
    the_sequence_cache = &cl->sequences;
    the_locks = (lk_area *)(p + cl->locks_at);
    the_db_locks = (db_locks *)(p + cl->db_locks_at);
    the_cluster = cl;
    mapped_fd = fd;
    return cl;
}

int cluster_fd(const cluster *c)
{
    (void)c;
    return mapped_fd;
}

/* ---- membership ---- */

static cluster_member *member_at(cluster *c, int inst) { return &c->members[inst - 1]; }

static int valid_inst(int inst) { return inst >= 1 && inst <= CLUSTER_MAX_INSTANCES; }

uint64_t cluster_member_join(cluster *c, int inst, const cluster_member *m)
{
    if (!valid_inst(inst)) return 0;
    sga_latch_acquire(&c->latch);
    uint64_t inc = ++c->incarnation;
    cluster_member *row = member_at(c, inst);
    sga_write_begin(&row->seq);
    uint32_t seq = row->seq;
    *row = *m;
    row->seq = seq;
    row->state = CLUSTER_UP;
    row->incarnation = inc;
    sga_write_end(&row->seq);
    sga_latch_release(&c->latch);
    return inc;
}

uint64_t cluster_member_set_state(cluster *c, int inst, enum cluster_member_state state)
{
    if (!valid_inst(inst)) return 0;
    sga_latch_acquire(&c->latch);
    cluster_member *row = member_at(c, inst);
    if (row->state == CLUSTER_UP && state != CLUSTER_UP) c->incarnation++;
    sga_write_begin(&row->seq);
    row->state = state;
    sga_write_end(&row->seq);
    uint64_t inc = c->incarnation;
    sga_latch_release(&c->latch);
    return inc;
}

int cluster_member_claim(cluster *c, int inst, enum cluster_member_state from,
                         enum cluster_member_state to)
{
    if (!valid_inst(inst)) return 0;
    sga_latch_acquire(&c->latch);
    cluster_member *row = member_at(c, inst);
    int mine = row->state == (uint32_t)from;
    if (mine) {
        if (from == CLUSTER_UP) c->incarnation++;
        sga_write_begin(&row->seq);
        row->state = to;
        if (from == CLUSTER_UP && to == CLUSTER_RECOVERING) row->died = 1;
        sga_write_end(&row->seq);
    }
    sga_latch_release(&c->latch);
    return mine;
}

void cluster_member_set_load(cluster *c, int inst, uint32_t load)
{
    if (valid_inst(inst)) __atomic_store_n(&member_at(c, inst)->load, load, __ATOMIC_RELEASE);
}

void cluster_member_read(const cluster *c, int inst, cluster_member *out)
{
    memset(out, 0, sizeof *out);
    if (valid_inst(inst)) sga_seqlock_read(&c->members[inst - 1].seq, &c->members[inst - 1], out, sizeof *out);
}

uint64_t cluster_incarnation(const cluster *c)
{
    return __atomic_load_n(&c->incarnation, __ATOMIC_ACQUIRE);
}

/* ---- grants ---- */

void cluster_grants_changed(cluster *c) { __atomic_add_fetch(&c->grants_version, 1, __ATOMIC_RELEASE); }

uint32_t cluster_grants_version(const cluster *c)
{
    return __atomic_load_n(&c->grants_version, __ATOMIC_ACQUIRE);
}
