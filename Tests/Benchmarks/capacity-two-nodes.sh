#!/usr/bin/env bash
# The capacity benchmark (docs/benchmarks-capacity.md) against app nodes running as processes of their own, as deployed
# on several nodes (docs/deploy.md, "Several nodes"): a throw-away PostgreSQL (scripts/postgres.sh) and redis-server (no
# persistence) on free local ports, one or two nodes of the Release build on them, an intake API key made with the app's
# own command, then `capacity --nodes …`. Everything it started is stopped on the way out, also when something fails.
#
#   Tests/Benchmarks/capacity-two-nodes.sh [--nodes 1|2] [--cores 0,1] [--circuits 0,250,500,1000] [--seconds 20]
#                                          [--no-build] [-- more options of `capacity`]
#
# --cores pins node A to the first core listed and node B to the second (`taskset -c`); without it the nodes float.
# The benchmark's clients, Chromium, PostgreSQL and Redis are never pinned: on a small machine they share the nodes' cores.
# The table goes to stdout (the last line is the benchmark's JSON); progress and the nodes' warnings to stderr.
set -euo pipefail

cd "$(dirname "$0")/../.."
root="$PWD"

node_count=2
cores=""
circuits="0,250,500,1000"
seconds=20
build=1
more=()
while [ $# -gt 0 ]; do
  case "$1" in
    --nodes) node_count="$2"; shift 2 ;;
    --cores) cores="$2"; shift 2 ;;
    --circuits) circuits="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    --) shift; more=("$@"); break ;;
    *) echo "Unknown option: $1 (see the head of $0)" >&2; exit 2 ;;
  esac
done
case "$node_count" in 1|2) ;; *) echo "--nodes is 1 or 2" >&2; exit 2 ;; esac
IFS=',' read -r -a core_list <<<"$cores"
if [ -n "$cores" ] && [ "${#core_list[@]}" -lt "$node_count" ]; then
  echo "--cores needs one core per node" >&2
  exit 2
fi

say() { echo "[capacity-two-nodes] $*" >&2; }

work="$(mktemp -d /tmp/or-capacity.XXXXXX)"
started=()
redis_pid=""
# shellcheck source=../../scripts/postgres.sh
source scripts/postgres.sh

cleanup() {
  local code=$?
  for pid in "${started[@]}" $redis_pid; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${started[@]}" $redis_pid; do
    # A node that does not stop within 15 s of SIGTERM is killed.
    for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
  done
  postgres_stop
  if [ "$code" -ne 0 ]; then
    for log in "$work"/node-*.log; do
      [ -f "$log" ] && { say "last lines of $log:"; tail -20 "$log" >&2; }
    done
  fi
  rm -rf "$work"
  exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  local port
  for port in $(seq "$1" $(($1 + 200))); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return 0; }
  done
  return 1
}

if [ "$build" -eq 1 ]; then
  say "Building Release (the benchmark builds the app it references)"
  dotnet build -c Release Tests/Benchmarks -v q
fi
app_dir="$root/App/bin/Release/net10.0"
[ -f "$app_dir/OpinionResponse.App.dll" ] || { echo "No Release build in $app_dir" >&2; exit 1; }

postgres_start >&2
# The demo desk's published password (Development only), from the seed itself.
password="$(sed -n 's/.*const string Password = "\(.*\)";.*/\1/p' Infrastructure/Seed/DemoAccounts.cs)"

redis_port="$(free_port 56379)"
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize no --protected-mode yes \
  >"$work/redis.log" 2>&1 &
redis_pid=$!
for _ in $(seq 100); do
  [ "$(redis-cli -p "$redis_port" ping 2>/dev/null)" = "PONG" ] && break
  sleep 0.2
done
[ "$(redis-cli -p "$redis_port" ping 2>/dev/null)" = "PONG" ] || { echo "redis-server did not answer" >&2; exit 1; }
say "redis-server on 127.0.0.1:$redis_port"

mkdir -p "$work/keys"
# What every node and the preparing command share: the database, Redis, the cookie keys; and the benchmark's limits
# (every light client uses one signed-in session: up to 1200 circuits per user on a node; items at the benchmark's rate).
settings=(
  ASPNETCORE_ENVIRONMENT=Development
  DOTNET_ENVIRONMENT=Development
  Database__Provider=PostgreSql
  "ConnectionStrings__Default=$OR_TEST_POSTGRES"
  Live__Provider=Redis
  "Live__Redis=127.0.0.1:$redis_port"
  "DataProtection__KeysDirectory=$work/keys"
  Security__MaxCircuitsPerUser=1200
  Intake__RateLimitPerMinute=100000
  Backup__Enabled=false
  Feeds__Enabled=false
  Logging__LogLevel__Default=Warning
  Logging__LogLevel__Microsoft.Hosting.Lifetime=Warning
)

# Migrates, seeds the demo desk once (before any node serves) and prints the key as its last line of stdout.
say "Preparing the database and an intake API key"
api_key="$(cd "$app_dir" && env "${settings[@]}" Demo__Seed=true dotnet OpinionResponse.App.dll apikey create capacity-bench \
  2>"$work/prepare.log" | tail -1 | tr -d '[:space:]')"
[ -n "$api_key" ] || { cat "$work/prepare.log" >&2; echo "No API key was made" >&2; exit 1; }

urls=()
pids=()
names=(a b)
port=5081
for i in $(seq 0 $((node_count - 1))); do
  port="$(free_port "$port")"
  url="http://127.0.0.1:$port"
  pin=()
  [ -n "$cores" ] && pin=(taskset -c "${core_list[$i]}")
  # The subshell execs into the node: $! is the node's own process (its CPU time is what the benchmark reads).
  (cd "$app_dir" && exec env "${settings[@]}" Demo__Seed=false "ASPNETCORE_URLS=$url" "Live__Node=node-${names[$i]}" \
    "${pin[@]}" dotnet OpinionResponse.App.dll) >"$work/node-${names[$i]}.log" 2>&1 &
  started+=($!)
  pids+=($!)
  urls+=("$url")
  say "node ${names[$i]}: pid $! on $url${cores:+, core ${core_list[$i]}}"
  port=$((port + 1))
done

for i in "${!urls[@]}"; do
  ready=0
  for _ in $(seq 300); do
    kill -0 "${pids[$i]}" 2>/dev/null || { echo "node ${names[$i]} exited" >&2; exit 1; }
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "${urls[$i]}/health/ready")" = "200" ]; then ready=1; break; fi
    sleep 0.3
  done
  [ "$ready" -eq 1 ] || { echo "node ${names[$i]} was not ready within 90 s" >&2; exit 1; }
done
say "nodes ready; load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"

join() { local IFS=','; echo "$*"; }
dotnet run -c Release --no-build --project Tests/Benchmarks -- capacity \
  --nodes "$(join "${urls[@]}")" --api-key "$api_key" --node-pids "$(join "${pids[@]}")" \
  --user duty --password "$password" --circuits "$circuits" --seconds "$seconds" --time-limit-min 20 "${more[@]}"
