#!/usr/bin/env bash
# run.sh [RUNS] [SESSIONS] [HARNESS ARGS...] - what `make bench` runs.
#
# Installs what is missing, builds Warden and the harness, starts private
# Warden, PostgreSQL and MariaDB instances (free loopback ports, data in one
# temp dir, sized for SESSIONS+50 connections), runs build/bench/warden-bench
# against all three (results in build/bench/results.{txt,json}), then stops
# every server it started, by PID, and removes the temp dir - also when
# something fails or the run is interrupted.
#
# RUNS (default 200) and SESSIONS (default 500) may also come from the
# environment.  `run.sh --servers-only [SESSIONS]` only starts the servers,
# prints the targets and keeps them up until Enter, a signal, or one hour.
#
# Figure 12 holds MANY_SESSIONS sessions (default 5000; also the harness's
# `--many-sessions N`) on a second Warden, PostgreSQL and MariaDB sized for
# MANY_SESSIONS+50 connections, started only when figure 12 is to run (no
# --only, or --only naming 12), so that the other figures keep their servers.
# PostgreSQL's part is capped at PG_MANY_SESSIONS (default: MANY_SESSIONS).
set -euo pipefail

say() { printf 'bench: %s\n' "$*"; }
die() {
    say "error: $*" >&2
    exit 1
}

repo=$(cd "$(dirname "$0")/.." && pwd)
servers_only=0
if [[ ${1:-} == --servers-only ]]; then
    servers_only=1
    shift
fi
runs=${RUNS:-200}
sessions=${SESSIONS:-500}
if ((!servers_only)) && [[ ${1:-} =~ ^[0-9]+$ ]]; then
    runs=$1
    shift
fi
if [[ ${1:-} =~ ^[0-9]+$ ]]; then
    sessions=$1
    shift
fi
[[ $runs =~ ^[0-9]+$ && $sessions =~ ^[0-9]+$ ]] || die "RUNS and SESSIONS must be numbers"
max_conn=$((sessions + 50))

# Figure 12: how many sessions, and whether it runs (the harness's --only and --many-sessions).
many=${MANY_SESSIONS:-5000}
many_figure=1
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
    case ${args[i]} in
    --only) [[ ,${args[i + 1]:-}, == *,12,* ]] || many_figure=0 ;;
    --many-sessions) many=${args[i + 1]:-} ;;
    esac
done
pg_many=${PG_MANY_SESSIONS:-$many}
[[ $many =~ ^[0-9]+$ && $pg_many =~ ^[0-9]+$ ]] || die "MANY_SESSIONS must be a number"
((pg_many <= many)) || pg_many=$many
((servers_only)) && many_figure=0
root=0
[[ $(id -u) -eq 0 ]] && root=1

# --- 1. packages ----------------------------------------------------------
packages="postgresql libpq-dev mariadb-server mariadb-client libmariadb-dev procps pkg-config
          gcc make python3"
missing=""
for p in $packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
        missing="$missing $p"
done
if [[ -n $missing ]]; then
    say "installing$missing"
    sudo=""
    ((root)) || sudo=sudo
    $sudo apt-get update -qq
    # shellcheck disable=SC2086
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
fi

# --- 2./3. build Warden and the harness -----------------------------------
say "building Warden"
make -s -C "$repo" build
out="$repo/build/bench"
bench="$out/warden-bench"
mkdir -p "$out"
if ((!servers_only)); then
    say "building the harness"
    # shellcheck disable=SC2046
    cc -O2 -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
        -Wno-unused-parameter -I"$repo/src" -I/usr/include/postgresql \
        $(pkg-config --cflags libmariadb) "$repo"/bench/*.c "$repo/build/release/lib/libwarden.a" \
        -lpq $(pkg-config --libs libmariadb) -lcrypto -lpthread -lm -o "$bench"
fi

# --- 4. temp dir, ports, password, limits ---------------------------------
tmp=$(mktemp -d /tmp/warden-bench-XXXXXX)
chmod 711 "$tmp" # the postgres and mysql users reach their own dirs below it
cd "$tmp"        # a directory every server user may enter
read -r wport pgport myport cport1 cport2 cport3 mwport mpgport mmyport < <(python3 -c '
import socket
ss = [socket.socket() for _ in range(9)]
for s in ss: s.bind(("127.0.0.1", 0))
print(*[s.getsockname()[1] for s in ss])')
pw=W$(od -An -tx1 -N12 /dev/urandom | tr -d ' \n')
ulimit -n 8192 2>/dev/null || ulimit -n "$(ulimit -Hn)"

# --- stopping: everything we started, by PID -------------------------------
hpid="" wpid="" pg_pid="" safe_pid="" my_pid="" cpids=""
mwpid="" mpg_pid="" msafe_pid="" mmy_pid="" # figure 12's servers
started="" # every server pid seen, and their children: checked at the end

# Is PID running (a zombie counts as gone)?
alive() {
    local st
    st=$(ps -o stat= -p "$1" 2>/dev/null) && [[ $st != Z* ]]
}

# Wait up to SECONDS for PID to end; 0 if it did.
wait_gone() {
    local i
    for ((i = 0; i < $2 * 10; i++)); do
        alive "$1" || return 0
        sleep 0.1
    done
    ! alive "$1"
}

# Send SIG to PID and wait up to SECONDS; then SIGKILL.
stop_pid() {
    local name=$1 pid=$2 sig=$3 secs=$4
    [[ -n $pid ]] && alive "$pid" || return 0
    started="$started $pid $(pgrep -P "$pid" | tr '\n' ' ')"
    kill "-$sig" "$pid" 2>/dev/null
    if ! wait_gone "$pid" "$secs"; then
        say "$name (pid $pid) did not stop within ${secs}s: SIGKILL"
        kill -KILL "$pid" 2>/dev/null
        wait_gone "$pid" 5
    fi
    wait "$pid" 2>/dev/null || true # reap it if it is our child
}

# The mysqld that mysqld_safe runs now in $tmp/NAME (after a kill -9 it is a new one).
mysqld_pid() { cat "$tmp/${1}run/maria.pid" 2>/dev/null || true; }

# stop_mariadb NAME SAFE_PID MYSQLD_PID
stop_mariadb() {
    # mysqld_safe ignores SIGTERM; end it first so it does not restart mysqld.
    stop_pid mysqld_safe "$2" KILL 5
    local pid
    pid=$(mysqld_pid "$1")
    stop_pid mysqld "${pid:-$3}" TERM 60
    [[ -z $pid || $pid == "$3" ]] || stop_pid mysqld "$3" TERM 60
}

cleanup() {
    local status=$?
    set +e
    trap '' INT TERM
    stop_pid harness "$hpid" TERM 10
    stop_pid Warden "$wpid" TERM 15
    stop_pid "Warden (figure 12)" "$mwpid" TERM 60
    local cpid
    for cpid in $cpids $(cat "$tmp"/cluster/wardend?.pid 2>/dev/null | cut -d' ' -f1); do
        stop_pid "Warden cluster" "$cpid" TERM 15
    done
    stop_pid PostgreSQL "$pg_pid" INT 30 # fast shutdown
    stop_pid "PostgreSQL (figure 12)" "$mpg_pid" INT 60
    stop_mariadb maria "$safe_pid" "$my_pid"
    stop_mariadb mariamany "$msafe_pid" "$mmy_pid"
    # Anything left: a server process we saw, or one naming our temp dir.
    local left="" pid
    for pid in $started $(pgrep -f -- "$tmp"); do
        alive "$pid" && left="$left $pid"
    done
    if [[ -n $left ]]; then
        say "still running after stop:$left (killing them)" >&2
        left=${left# }
        ps -o pid=,args= -p "${left// /,}" >&2 || true
        kill -KILL $left 2>/dev/null
        status=1
    fi
    cd /
    rm -rf "$tmp"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Poll CMD... every 0.1 s for at most SECONDS; 0 once it succeeds.
wait_for() {
    local secs=$1 i
    shift
    for ((i = 0; i < secs * 10; i++)); do
        "$@" >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    return 1
}

# --- 5a. Warden ------------------------------------------------------------
# start_warden NAME PORT MAX_CONN PID_VAR: data in $tmp/NAME, its pid into PID_VAR.
start_warden() {
    local bin="$repo/build/release/bin" dir="$tmp/$1" port=$2 conn=$3
    say "starting Warden on 127.0.0.1:$port ($conn processes)"
    WARDEN_PASSWORD=$pw "$bin/wardend" -D "$dir" --init -p "$port" >"$tmp/$1-init.out"
    grep -q '^processes' "$dir/warden.conf" || die "no processes line in $dir/warden.conf"
    sed -i "s/^processes *=.*/processes = $conn/" "$dir/warden.conf"
    "$bin/wardend" -D "$dir" >"$tmp/$1.out" 2>&1 &
    printf -v "$4" %s $!
    if ! wait_for 30 grep -q started "$tmp/$1.out"; then
        cat "$tmp/$1.out" >&2
        die "Warden did not start"
    fi
}

# --- 5a'. a Warden cluster of three instances (figure 11) -------------------
# The shell command that starts instance $1 of it in the background (the harness restarts
# instance 2 after killing its PMON).
cluster_cmd() {
    local port
    case $1 in 1) port=$cport1 ;; 2) port=$cport2 ;; *) port=$cport3 ;; esac
    printf '"%s/build/release/bin/wardend" -D "%s/cluster" --instance %s -p %s >>"%s/cluster.out" 2>&1 &' \
        "$repo" "$tmp" "$1" "$port" "$tmp"
}

start_cluster() {
    local bin="$repo/build/release/bin" dir="$tmp/cluster" i
    say "starting a Warden cluster on 127.0.0.1:$cport1,$cport2,$cport3"
    WARDEN_PASSWORD=$pw "$bin/wardend" -D "$dir" --init >"$tmp/cluster-init.out"
    sed -i "s/^processes *=.*/processes = $max_conn/" "$dir/warden.conf"
    for i in 1 2 3; do
        eval "$(cluster_cmd $i)"
        cpids="$cpids $!"
        wait_for 30 test -s "$dir/wardend$i.pid" || die "cluster instance $i did not start"
        wait_for 30 grep -q "WARDEN$i started" "$tmp/cluster.out" || die "cluster instance $i did not start"
    done
}

# --- 5b. PostgreSQL (run as the postgres user when we are root) -------------
as_pg() {
    if ((root)); then runuser -u postgres -- "$@"; else "$@"; fi
}

# start_postgres NAME PORT MAX_CONN PID_VAR: data in $tmp/NAME, its socket in $tmp/NAMErun.
start_postgres() {
    local ver bin data="$tmp/$1" run="$tmp/${1}run" pgport=$2 conn=$3
    ver=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
    bin=/usr/lib/postgresql/$ver/bin
    [[ -x $bin/initdb ]] || die "no PostgreSQL server in /usr/lib/postgresql"
    say "starting PostgreSQL $ver on 127.0.0.1:$pgport (max_connections $conn)"
    mkdir -m 700 "$data" "$run"
    printf '%s\n' "$pw" >"$run/pw"
    ((root)) && chown -R postgres: "$data" "$run"
    as_pg "$bin/initdb" -D "$data" -U bench --pwfile="$run/pw" --auth-local=trust \
        --auth-host=scram-sha-256 -E UTF8 --locale=C >"$tmp/initdb.out" 2>&1 ||
        die "initdb failed: $(tail -n 5 "$tmp/initdb.out")"
    rm -f "$run/pw"
    cat >>"$data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $pgport
unix_socket_directories = '$run'
max_connections = $conn
EOF
    as_pg "$bin/pg_ctl" -D "$data" -l "$run/pg.log" -w -t 60 start >/dev/null ||
        die "PostgreSQL did not start: $(tail -n 5 "$run/pg.log")"
    printf -v "$4" %s "$(head -n 1 "$data/postmaster.pid")"
    as_pg "$bin/createdb" -h "$run" -p "$pgport" -U bench bench
}

# --- 5c. MariaDB (mysqld_safe restarts mysqld after a kill -9) --------------
# maria NAME ARGS...: the client, as root over the socket of the MariaDB in $tmp/NAME.
maria() {
    local name=$1
    shift
    mariadb --no-defaults -S "$tmp/${name}run/maria.sock" -u root "$@"
}

# start_mariadb NAME PORT MAX_CONN SAFE_PID_VAR MYSQLD_PID_VAR: data in $tmp/NAME.
start_mariadb() {
    local name=$1 data="$tmp/$1" run="$tmp/${1}run" myport=$2 conn=$3 user=()
    say "starting MariaDB $(mariadbd --version | awk '{print $3}') on 127.0.0.1:$myport" \
        "(max_connections $conn)"
    mkdir -m 700 "$data" "$run"
    if ((root)); then
        chown mysql: "$data" "$run"
        user=(--user=mysql)
    fi
    mariadb-install-db --no-defaults --datadir="$data" "${user[@]}" --skip-test-db \
        --auth-root-authentication-method=normal >"$tmp/mariadb-install.out" 2>&1 ||
        die "mariadb-install-db failed: $(tail -n 5 "$tmp/mariadb-install.out")"
    mysqld_safe --no-defaults --datadir="$data" --port="$myport" --bind-address=127.0.0.1 \
        --socket="$run/maria.sock" --pid-file="$run/maria.pid" --log-error="$run/maria.err" \
        --max-connections="$conn" --skip-name-resolve "${user[@]}" \
        >"$tmp/$name-mysqld_safe.out" 2>&1 &
    printf -v "$4" %s $!
    if ! wait_for 60 maria "$name" -e 'select 1'; then
        tail -n 20 "$run/maria.err" >&2
        die "MariaDB did not start"
    fi
    printf -v "$5" %s "$(mysqld_pid "$name")"
    maria "$name" -e "create user bench@'127.0.0.1' identified by '$pw';
              grant all privileges on *.* to bench@'127.0.0.1';
              create database bench;"
}

start_warden warden "$wport" "$max_conn" wpid
start_cluster
start_postgres pg "$pgport" "$max_conn" pg_pid
start_mariadb maria "$myport" "$max_conn" safe_pid my_pid

targets=("warden=127.0.0.1:$wport:system:$pw:WARDEN"
    "postgres=127.0.0.1:$pgport:bench:$pw:bench"
    "mariadb=127.0.0.1:$myport:bench:$pw:bench")

if ((servers_only)); then
    printf '%s\n' "${targets[@]}"
    say "servers up (Warden $wpid, PostgreSQL $pg_pid, mysqld_safe $safe_pid, mysqld $my_pid);" \
        "Enter or a signal stops them"
    read -r -t 3600 || true
    exit 0
fi

# --- 5d. figure 12's servers, sized for MANY_SESSIONS (+50) ----------------
# The other servers keep the limits they started with; these and the harness
# (one socket per session) get the hard limits on open files and processes.
many_args=()
if ((many_figure)); then
    ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
    ulimit -u "$(ulimit -Hu)" 2>/dev/null || true
    [[ $(ulimit -n) == unlimited ]] || (($(ulimit -n) > many + 200)) ||
        die "figure 12 needs $((many + 200)) open files; the limit is $(ulimit -n)"
    start_warden wardenmany "$mwport" $((many + 50)) mwpid
    start_postgres pgmany "$mpgport" $((pg_many + 50)) mpg_pid
    start_mariadb mariamany "$mmyport" $((many + 50)) msafe_pid mmy_pid
    many_args=(--many-sessions "$many"
        --many "warden=127.0.0.1:$mwport:system:$pw:WARDEN"
        --many "postgres=127.0.0.1:$mpgport:bench:$pw:bench"
        --many "mariadb=127.0.0.1:$mmyport:bench:$pw:bench")
fi

# --- 6. the harness (in the background, so a signal to us stops it at once) --
say "running the harness: $runs runs, $sessions sessions$( ((many_figure)) && echo ", $many in figure 12")"
"$bench" --runs "$runs" --sessions "$sessions" --json "$out/results.json" \
    --cluster "$cport1,$cport2,$cport3" --cluster-restart "$(cluster_cmd 2)" \
    "${many_args[@]}" "${targets[@]}" "$@" \
    > >(tee "$out/results.txt") &
hpid=$!
wait "$hpid"
hpid=""
say "results in $out/results.txt and $out/results.json"
