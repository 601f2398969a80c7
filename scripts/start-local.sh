#!/bin/sh
# start-local.sh BINDIR - start an instance on ./data (or $WARDEN_DATA) and
# say how to connect to it.
set -eu
bin=$1
here=$(cd "$(dirname "$0")/.." && pwd)
data=${WARDEN_DATA:-$here/data}
"$bin/wardenctl" -D "$data" start
port=$(sed -n 's/^listener_port *= *//p' "$data/warden.conf")
addr=$(sed -n 's/^listener_address *= *//p' "$data/warden.conf")
svc=$(sed -n 's/^service_names *= *//p' "$data/warden.conf")
if [ -f "$data/initial_password" ]; then pw=$(cat "$data/initial_password"); else pw='<your WARDEN_PASSWORD>'; fi
cat <<MSG

Warden is running (data directory $data).
Connect with:
  $bin/wsql system/$pw@$addr:$port/$svc
  node-oracledb:   oracledb.getConnection({user: 'system', password: '$pw', connectString: '$addr:$port/$svc'})
  python-oracledb: oracledb.connect(user='system', password='$pw', dsn='$addr:$port/$svc')
Stop it with:
  $bin/wardenctl -D $data stop
MSG
