/*
 * pga_limit.c - measuring a dedicated server's heap and holding it to
 * session_pga_limit (see pga_limit.h).  The limit and the last measurement
 * are process-wide, as the heap is: one process serves one session.
 */
#include "pga_limit.h"

#include <malloc.h>

#include "../common/ora_error.h"
#include "../engine/engine.h"
#include "../sga/sga.h"

#define PGA_MEASURE_US 10000 /* a measurement of the whole heap serves for 10 ms */

#ifdef __SANITIZE_ADDRESS__
/* AddressSanitizer's allocator interface (its header is not always installed). */
size_t __sanitizer_get_current_allocated_bytes(void);
size_t __sanitizer_get_heap_size(void);
size_t __sanitizer_get_free_bytes(void);
#endif

static size_t limit_bytes;
static int64_t measured_at_us; /* monotonic time of last_used, 0 = never */
static int64_t last_used;

/*
 * malloc's default gives memory freed at the top of the heap back to the
 * kernel once 128 KiB are free there, and a call that needs a little more
 * takes it back: a brk that shrinks the heap flushes the TLBs of every CPU
 * the process ran on, and with several sessions committing that churn took a
 * third of the machine (2,800 -> 900 commits/s at 2 clients).  A session
 * keeps up to PGA_KEEP_FREE of freed heap instead (Oracle's PGA is not
 * returned after every call either), and grows it in steps of PGA_GROW.
 */
#define PGA_KEEP_FREE (4 << 20)
#define PGA_GROW (512 << 10)

void pga_heap_init(void)
{
    mallopt(M_TRIM_THRESHOLD, PGA_KEEP_FREE);
    mallopt(M_TOP_PAD, PGA_GROW);
    /* Setting those fixes malloc's threshold for mapping a block by itself at 128 KiB
     * (it would otherwise grow with use): a V$SESSION listing's reply was mapped, faulted in
     * and unmapped at every call (2.3 -> 5.4 ms).  Blocks up to PGA_KEEP_FREE come from the
     * heap. */
    mallopt(M_MMAP_THRESHOLD, PGA_KEEP_FREE);
}

void pga_limit_set(int megabytes)
{
    limit_bytes = megabytes > 0 ? (size_t)megabytes << 20 : 0;
    eng_set_heap_limit((int64_t)limit_bytes);
    measured_at_us = 0;
}

size_t pga_limit_bytes(void)
{
    return limit_bytes;
}

pga_memory pga_measure(void)
{
#ifdef __SANITIZE_ADDRESS__
    return (pga_memory){(int64_t)__sanitizer_get_current_allocated_bytes(),
                        (int64_t)__sanitizer_get_heap_size(), (int64_t)__sanitizer_get_free_bytes()};
#else
    struct mallinfo2 mi = mallinfo2();
    return (pga_memory){(int64_t)(mi.uordblks + mi.hblkhd), (int64_t)(mi.arena + mi.hblkhd),
                        (int64_t)mi.fordblks};
#endif
}

/* The heap in use, measured again when FRESH or when the last figure is older than 10 ms. */
static size_t recent_use(int fresh)
{
    int64_t now = sga_monotonic_us();
    if (fresh || !measured_at_us || now - measured_at_us >= PGA_MEASURE_US) {
        last_used = pga_measure().used;
        measured_at_us = now;
    }
    return (size_t)last_used;
}

int pga_would_exceed(size_t extra)
{
    if (!limit_bytes) return 0;
    if (extra > limit_bytes) return 1;
    size_t room = limit_bytes - extra;
    if ((size_t)eng_heap_used() <= room && recent_use(0) <= room) return 0;
    return recent_use(1) > room; /* a refusal is measured afresh: memory may be free now */
}

int pga_check(void)
{
    return pga_would_exceed(0) ? ORA_PGA_LIMIT : 0;
}
