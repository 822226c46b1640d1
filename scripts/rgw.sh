#!/usr/bin/env bash
# A real S3 server for the tests: a single-node Ceph (one monitor, one OSD) with the RADOS Gateway, from Debian's
# packages, on 127.0.0.1 only. No root needed once the packages are installed:
#
#   apt-get install -y --no-install-recommends ceph-mon ceph-osd radosgw ceph-common curl
#
#   eval "$(scripts/rgw.sh start)"   # starts it (or restarts it over kept data), prints the variables to export
#   scripts/rgw.sh env               # prints them again
#   scripts/rgw.sh status            # says which daemons run
#   scripts/rgw.sh objects           # prints how many objects the test bucket holds, as RGW counts them
#   scripts/rgw.sh stop [--wipe]     # stops the daemons by their recorded PIDs; --wipe also deletes the data
#
# The printed variables (SMARTMIGRATION_TEST_S3_ENDPOINT, SMARTMIGRATION_TEST_S3_BUCKET, AWS_ACCESS_KEY_ID,
# AWS_SECRET_ACCESS_KEY, AWS_REGION) point the project's S3 tests at this server. Settings, from the environment:
#   SMARTMIGRATION_RGW_DIR       data, logs and PIDs        (default ${TMPDIR:-/tmp}/smartmigration-rgw)
#   SMARTMIGRATION_RGW_PORT      the S3 endpoint's port      (default 17480)
#   SMARTMIGRATION_RGW_MON_PORT  the monitor's port          (default 16789)
#   SMARTMIGRATION_RGW_OSD_PORTS first of 100 ports the OSD may bind (default 16800)
# Ports differ from Ceph's defaults so that this never meets a Ceph the machine already runs.
set -euo pipefail

dir=${SMARTMIGRATION_RGW_DIR:-${TMPDIR:-/tmp}/smartmigration-rgw}
rgw_port=${SMARTMIGRATION_RGW_PORT:-17480}
mon_port=${SMARTMIGRATION_RGW_MON_PORT:-16789}
osd_ports=${SMARTMIGRATION_RGW_OSD_PORTS:-16800}
bucket=smartmigration-test
access_key=smartmigration-rgw
secret_key=smartmigration-rgw-secret-key-for-tests
conf=$dir/ceph.conf
endpoint=http://127.0.0.1:$rgw_port

say() { echo "rgw.sh: $*" >&2; }
fail() { say "$*"; exit 1; }

# The process recorded under a name is alive (whatever it runs; right after the fork it is still this shell).
alive() {
  [ -f "$dir/pids/$1" ] && kill -0 "$(cat "$dir/pids/$1")" 2>/dev/null
}

# A daemon is ours and alive when its recorded PID runs the program we started under it.
running() {
  local pidfile=$dir/pids/$1 program=$2 pid
  [ -f "$pidfile" ] || return 1
  pid=$(cat "$pidfile")
  [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "^[^ ]*$program "
}

# Waits up to $1 seconds for the command after it to succeed.
await() {
  local seconds=$1; shift
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.3
  done
}

ceph_cli() { timeout 20 ceph --conf "$conf" "$@"; }

write_conf() {
  cat >"$conf" <<EOF
# Written by scripts/rgw.sh: one monitor, one OSD, one gateway, all on loopback, no authentication between them.
[global]
fsid = $(cat /proc/sys/kernel/random/uuid)
mon host = v1:127.0.0.1:$mon_port
public addr = 127.0.0.1
cluster addr = 127.0.0.1
ms bind msgr2 = false
ms bind port min = $osd_ports
ms bind port max = $((osd_ports + 99))
auth cluster required = none
auth service required = none
auth client required = none
keyring = /dev/null
run dir = $dir/run
admin socket = $dir/run/\$name.asok
log file = $dir/log/\$name.log
pid file = $dir/run/\$name.pid
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
osd crush chooseleaf type = 0
mon allow pool size one = true
mon warn on pool no redundancy = false
mon max pg per osd = 1000
mon data avail warn = 1
mon data avail crit = 0
[mon]
mon data = $dir/mon/\$id
[osd]
osd data = $dir/osd/\$id
osd objectstore = bluestore
bluestore block create = true
bluestore block size = 8589934592
bluestore fsck on mkfs = false
osd memory target = 939524096
osd max object name len = 460
osd max object namespace len = 64
[client.rgw.tests]
# tcp_nodelay: without it a GET on a kept-alive connection waits ~40 ms (Nagle's algorithm meets delayed ACKs).
rgw frontends = beast endpoint=127.0.0.1:$rgw_port tcp_nodelay=1
rgw data = $dir/rgw
rgw enable usage log = false
rgw thread pool size = 64
EOF
}

start_mon() {
  if [ ! -f "$dir/mon/a/.created" ]; then
    rm -rf "$dir/mon/a" && mkdir -p "$dir/mon/a"
    monmaptool --create --clobber --fsid "$(ceph-conf --conf "$conf" --lookup fsid)" \
      --addv a "[v1:127.0.0.1:$mon_port]" "$dir/monmap" >/dev/null
    ceph-mon --conf "$conf" --mkfs --id a --monmap "$dir/monmap" --keyring /dev/null
    touch "$dir/mon/a/.created"
  fi
  if ! running mon ceph-mon; then
    ceph-mon --conf "$conf" --id a --foreground >>"$dir/log/mon.out" 2>&1 &
    echo $! >"$dir/pids/mon"
  fi
  await 60 ceph_cli mon stat || fail "the monitor did not answer on 127.0.0.1:$mon_port; see $dir/log"
}

start_osd() {
  if [ ! -f "$dir/osd/0/.created" ]; then
    rm -rf "$dir/osd/0" && mkdir -p "$dir/osd/0"
    local uuid id
    uuid=$(cat /proc/sys/kernel/random/uuid)
    id=$(ceph_cli osd new "$uuid")
    [ "$id" = 0 ] || fail "the monitor gave the new OSD id $id, expected 0; delete $dir and start again"
    ceph-osd --conf "$conf" --id 0 --mkfs --osd-uuid "$uuid" >>"$dir/log/osd-mkfs.out" 2>&1 \
      || fail "creating the OSD failed; see $dir/log/osd-mkfs.out"
    touch "$dir/osd/0/.created"
  fi
  # A new OSD's first request to a new monitor is now and then refused ("wrong fsid") and the OSD exits: start it
  # again, up to three times.
  local attempt
  for attempt in 1 2 3; do
    if ! running osd ceph-osd; then
      ceph-osd --conf "$conf" --id 0 --foreground >>"$dir/log/osd.out" 2>&1 &
      echo $! >"$dir/pids/osd"
    fi
    osd_up_or_gone() { ! alive osd || ceph_cli osd stat | grep -q ' 1 up'; }
    await 90 osd_up_or_gone || break
    alive osd && return 0
    say "the OSD exited while starting (attempt $attempt); see $dir/log/osd.0.log"
  done
  fail "the OSD did not come up; see $dir/log"
}

start_rgw() {
  if ! running rgw radosgw; then
    radosgw --conf "$conf" --name client.rgw.tests --foreground >>"$dir/log/rgw.out" 2>&1 &
    echo $! >"$dir/pids/rgw"
  fi
  await 120 curl -sf -o /dev/null "$endpoint/" || fail "radosgw did not answer on $endpoint; see $dir/log"
}

# The S3 user and the bucket the tests share; both survive restarts.
provision() {
  if ! radosgw-admin --conf "$conf" user info --uid=smartmigration >/dev/null 2>&1; then
    radosgw-admin --conf "$conf" user create --uid=smartmigration --display-name="smartmigration tests" \
      --access-key="$access_key" --secret-key="$secret_key" >/dev/null
  fi
  local status
  # A SigV4-signed CreateBucket; radosgw wants the payload hash header, here that of the empty body.
  status=$(curl -s -o "$dir/log/create-bucket.out" -w '%{http_code}' -X PUT "$endpoint/$bucket" \
    --aws-sigv4 "aws:amz:us-east-1:s3" --user "$access_key:$secret_key" \
    -H "x-amz-content-sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
  case $status in
    200) ;;
    409) grep -q BucketAlreadyOwnedByYou "$dir/log/create-bucket.out" \
           || fail "creating bucket $bucket: $(cat "$dir/log/create-bucket.out")" ;;
    *) fail "creating bucket $bucket answered $status: $(cat "$dir/log/create-bucket.out")" ;;
  esac
}

print_env() {
  cat <<EOF
export SMARTMIGRATION_TEST_S3_ENDPOINT=$endpoint
export SMARTMIGRATION_TEST_S3_BUCKET=$bucket
export AWS_ACCESS_KEY_ID=$access_key
export AWS_SECRET_ACCESS_KEY=$secret_key
export AWS_REGION=us-east-1
EOF
}

start() {
  for program in ceph-mon ceph-osd radosgw radosgw-admin monmaptool ceph-conf ceph curl; do
    command -v "$program" >/dev/null || fail "$program is missing; install the packages: apt-get install -y \
--no-install-recommends ceph-mon ceph-osd radosgw ceph-common curl"
  done
  local began=$SECONDS
  mkdir -p "$dir"/{pids,run,log,mon,osd,rgw}
  [ -f "$conf" ] || write_conf
  start_mon
  start_osd
  start_rgw
  provision
  say "radosgw $(radosgw --version | awk '{print $3}') answers on $endpoint (bucket $bucket), ready in \
$((SECONDS - began)) s; data and logs in $dir"
  print_env
}

stop() {
  local name program pid
  for name in rgw osd mon; do
    case $name in rgw) program=radosgw ;; osd) program=ceph-osd ;; mon) program=ceph-mon ;; esac
    if running "$name" "$program"; then
      pid=$(cat "$dir/pids/$name")
      kill -TERM "$pid"
      local deadline=$((SECONDS + 15))
      while kill -0 "$pid" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
      kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
      say "stopped $program ($pid)"
    fi
    rm -f "$dir/pids/$name"
  done
  if [ "${1:-}" = --wipe ]; then
    rm -rf "$dir"
    say "deleted $dir"
  fi
}

status() {
  local name program up=0
  for name in mon osd rgw; do
    case $name in rgw) program=radosgw ;; osd) program=ceph-osd ;; mon) program=ceph-mon ;; esac
    if running "$name" "$program"; then
      echo "$program: running (pid $(cat "$dir/pids/$name"))"
      up=$((up + 1))
    else
      echo "$program: stopped"
    fi
  done
  [ $up = 3 ]
}

# The object count RGW keeps in the bucket's index, read with the admin tool rather than through S3.
# An empty bucket's stats carry no count at all.
objects() {
  local stats count
  stats=$(radosgw-admin --conf "$conf" bucket stats --bucket="$bucket")
  count=$(echo "$stats" | grep -o '"num_objects": [0-9]*' | head -1 || true)
  echo "${count##* }" | sed 's/^$/0/'
}

case ${1:-} in
  start) start ;;
  objects) objects ;;
  stop) stop "${2:-}" ;;
  env) print_env ;;
  status) status ;;
  *) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
