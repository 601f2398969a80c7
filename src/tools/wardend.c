/*
 * wardend.c - the Warden server:
 * `wardend -D DATADIR [-p PORT] [--instance N] [--init]`.
 *
 * Runs one instance in the foreground (the process becomes PMON).  A new
 * DATADIR is initialised on first start; --init only initialises it.  With
 * --instance N it is instance N of a cluster over DATADIR.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../server/datadir.h"
#include "../server/instance.h"
#include "../server/proctitle.h"
#include "../sga/cluster.h"

static void usage(void)
{
    fprintf(stderr, "usage: wardend -D DATADIR [-p PORT] [--instance N] [--init]\n"
                    "  -D DATADIR    data directory (created and initialised if new)\n"
                    "  -p PORT       listener port (overrides warden.conf)\n"
                    "  --instance N  run instance N (1-%d) of a cluster over DATADIR\n"
                    "  --init        initialise DATADIR and exit\n",
            CLUSTER_MAX_INSTANCES);
}

int main(int argc, char **argv)
{
    proctitle_init(argc, argv);
    umask(027); /* the database and logs are not for other users */
    const char *dir = getenv("WARDEN_DATA");
    int port = 0, init_only = 0, inst = 0;
    static const struct option longopts[] = {{"init", no_argument, NULL, 'i'},
                                             {"instance", required_argument, NULL, 'n'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "D:p:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'D': dir = optarg; break;
        case 'p': port = atoi(optarg); break;
        case 'i': init_only = 1; break;
        case 'n': inst = atoi(optarg); break;
        default: usage(); return c == 'h' ? 0 : 2;
        }
    }
    if (!dir || optind != argc || port < 0 || port > 65535 || inst < 0 ||
        inst > CLUSTER_MAX_INSTANCES) {
        usage();
        return 2;
    }
    if (init_only) {
        datadir d;
        datadir_paths(&d, dir);
        if (datadir_exists(&d)) {
            fprintf(stderr, "wardend: %s is already initialised\n", dir);
            return 1;
        }
        return datadir_create(&d, port) == 0 ? 0 : 1;
    }
    return instance_run(dir, port, inst);
}
