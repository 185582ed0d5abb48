#!/usr/bin/env bash
# Runs every test: installs what the tests need when it is missing (Debian's Chromium and a Chinese font for the
# browser tests; redis-server and nginx for the tests of several app nodes, which start their own on free ports and stop
# them: no service is left running), then `dotnet test` on SQLite; then the layers that touch the database again on
# PostgreSQL, on a throw-away server (scripts/postgres.sh; installed from Debian when missing). OR_SKIP_POSTGRES=1 skips
# the second run. Usage: ./test.sh [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")"

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qi "wenquanyi\|wqy" || need+=(fonts-wqy-microhei)
[ -x /usr/bin/redis-server ] || need+=(redis-server)
[ -x /usr/sbin/nginx ] || need+=(nginx)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing: ${need[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  # policy-rc.d: packages must not start their services (redis-server, nginx) here; the tests start their own.
  own_policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null && $SUDO chmod +x /usr/sbin/policy-rc.d
    own_policy=1
  fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
  [ -z "$own_policy" ] || $SUDO rm -f /usr/sbin/policy-rc.d
fi

export PLAYWRIGHT_CHROMIUM_EXECUTABLE="${PLAYWRIGHT_CHROMIUM_EXECUTABLE:-$(command -v chromium)}"
status=0
dotnet test OpinionResponse.sln "$@" || status=$?

# The same tests on PostgreSQL, except what touches no database (the domain, the similarity and grouping algorithms,
# the architecture rules, the components) and the browser tests (their pages read through the same queries); the
# similarity and grouping classes that run the app on a database are in.
run_on_postgres() {
  # shellcheck source=scripts/postgres.sh
  source scripts/postgres.sh
  trap postgres_stop EXIT
  postgres_start
  local args=() arg
  # A results file of its own beside the SQLite run's (CI sums every .trx it finds).
  for arg in "$@"; do args+=("${arg/LogFileName=/LogFileName=postgresql-}"); done
  local started=$SECONDS
  OR_TEST_DATABASE=PostgreSql dotnet test OpinionResponse.sln --no-build \
    --filter "(FullyQualifiedName!~.Browser.&FullyQualifiedName!~.Domain.&FullyQualifiedName!~.Similarity.&FullyQualifiedName!~.Grouping.&FullyQualifiedName!~.Architecture.&FullyQualifiedName!~.Components.)|FullyQualifiedName~.SameMatterStageTests.|FullyQualifiedName~.GroupingEvaluateCommandTests.|FullyQualifiedName~.NearDuplicateIntakeTests.|FullyQualifiedName~.FingerprintCacheTests." \
    "${args[@]}" || return $?
  echo "PostgreSQL run: $((SECONDS - started)) s"
}

if [ "${OR_SKIP_POSTGRES:-0}" != "1" ]; then
  run_on_postgres "$@" || status=$?
fi
exit "$status"
