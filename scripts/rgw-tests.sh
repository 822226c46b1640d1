#!/usr/bin/env bash
# Runs every S3 test (JUnit tag "s3") of the test servers, the runtime, the CLI, the test kit, the Spring Boot
# starter, the S3-only example and the reliability suite against a real S3 server, Ceph RGW on loopback
# (scripts/rgw.sh), with nothing in between. CI runs it after `./mvnw -B verify`; a developer runs the same with
# this one command (no root needed once the packages are in:
# apt-get install -y --no-install-recommends ceph-mon ceph-osd radosgw ceph-common curl).
#
#   scripts/rgw-tests.sh [extra Maven arguments]
#
# It starts RGW unless it already runs, and stops it again if it started it (deleting its data when the tests
# pass). It fails when a test fails, when a module runs no S3 test, and when nothing was written to RGW; the
# system property smartmigration.test.s3.required-endpoint makes any test that would use S3Proxy fail instead.
# The rgw.sh settings (SMARTMIGRATION_RGW_DIR, _PORT, _MON_PORT, _OSD_PORTS) apply.
set -euo pipefail
cd "$(dirname "$0")/.."

modules=(smartmigration-testing smartmigration-runtime smartmigration-cli smartmigration-test-kit
  smartmigration-spring-boot-starter examples/s3-only smartmigration-reliability)

started=false
if ! scripts/rgw.sh status >/dev/null; then
  started=true
fi
finish() {
  local status=$?
  if [ $status != 0 ]; then
    echo "rgw-tests.sh: failed (exit $status); RGW's logs: ${SMARTMIGRATION_RGW_DIR:-${TMPDIR:-/tmp}/smartmigration-rgw}/log" >&2
  fi
  if $started; then
    if [ $status = 0 ]; then scripts/rgw.sh stop --wipe; else scripts/rgw.sh stop; fi
  fi
  exit $status
}
trap finish EXIT
variables=$(scripts/rgw.sh start)
eval "$variables"

objects_before=$(scripts/rgw.sh objects)
for module in "${modules[@]}"; do
  rm -rf "$module/target/surefire-reports"
done

began=$SECONDS
# The sources and Javadoc jars are not what this stage tests (the full build makes them).
./mvnw -B verify -Dgroups=s3 -Dsmartmigration.test.s3.required-endpoint="$SMARTMIGRATION_TEST_S3_ENDPOINT" \
  -Dmaven.source.skip=true -Dmaven.javadoc.skip=true \
  -pl "$(IFS=,; echo "${modules[*]}")" -am "$@"

# Every module must really have run S3 tests, and RGW must hold what they wrote.
echo "S3 tests against $SMARTMIGRATION_TEST_S3_ENDPOINT ($((SECONDS - began)) s):"
attribute() { grep -o "$1=\"[0-9]*\"" "$2" | head -1 | tr -dc '0-9'; }
for module in "${modules[@]}"; do
  run=0 skipped=0
  for report in "$module"/target/surefire-reports/TEST-*.xml; do
    [ -f "$report" ] || continue
    run=$((run + $(attribute tests "$report")))
    skipped=$((skipped + $(attribute skipped "$report")))
    grep -o '<skipped message="[^"]*"' "$report" | sed "s|^<skipped message=|  skipped in $module: |" || true
  done
  echo "  $module: $((run - skipped)) run, $skipped skipped"
  if [ $((run - skipped)) -le 0 ]; then
    echo "rgw-tests.sh: $module ran no S3 test against RGW" >&2
    exit 1
  fi
done
objects_after=$(scripts/rgw.sh objects)
echo "  objects in the test bucket on RGW: $objects_before before, $objects_after after"
if [ "$objects_after" -le "$objects_before" ]; then
  echo "rgw-tests.sh: the tests wrote nothing to RGW" >&2
  exit 1
fi
