#!/usr/bin/env bash
# A real PostgreSQL on 127.0.0.1 for the PostgreSQL driver's tests (CI, or a developer's
# Debian machine; run as root). Installs Debian's `postgresql` when missing, creates or
# starts a cluster without systemd (pg_createcluster / pg_ctlcluster), creates a role and a
# database, and prints the connection URL on stdout (everything else goes to stderr):
#
#   export PARLEY_TEST_PG_URL="$(bash scripts/ci-postgres.sh)"
#
# Settings (environment): PARLEY_PG_CLUSTER (default main), PARLEY_PG_PORT (default: the
# cluster's port, 5432 for a new one), PARLEY_PG_USER / PARLEY_PG_PASSWORD / PARLEY_PG_DB
# (default parley / parley / parley_test). Running it again is harmless.
set -euo pipefail

say() { echo "ci-postgres: $*" >&2; }

if [ "$(id -u)" -ne 0 ]; then
  say "run me as root (I install packages and start the cluster as the postgres user)"
  exit 1
fi

CLUSTER="${PARLEY_PG_CLUSTER:-main}"
PG_USER="${PARLEY_PG_USER:-parley}"
PG_PASSWORD="${PARLEY_PG_PASSWORD:-parley}"
PG_DB="${PARLEY_PG_DB:-parley_test}"

if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  say "installing Debian's postgresql…"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi

VERSION="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
# No systemd, so nothing created the socket folder at boot.
install -d -o postgres -g postgres -m 2775 /var/run/postgresql

if ! pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" '$1 == v && $2 == c {found = 1} END {exit !found}'; then
  say "creating cluster $VERSION/$CLUSTER…"
  create_args=("$VERSION" "$CLUSTER")
  if [ -n "${PARLEY_PG_PORT:-}" ]; then create_args=(--port "$PARLEY_PG_PORT" "${create_args[@]}"); fi
  pg_createcluster "${create_args[@]}" -- --auth-local=peer --auth-host=scram-sha-256 >&2
fi

PORT="$(pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" '$1 == v && $2 == c {print $3}')"
STATUS="$(pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" '$1 == v && $2 == c {print $4}')"
# Loopback only, whatever the cluster's main configuration file says (conf.d is read last).
CONF_D="/etc/postgresql/$VERSION/$CLUSTER/conf.d"
install -d -o postgres -g postgres "$CONF_D"
printf "# Written by Parley's scripts/ci-postgres.sh\nlisten_addresses = '127.0.0.1'\n" >"$CONF_D/parley-loopback.conf"
if ! pg_isready -q -h 127.0.0.1 -p "$PORT"; then
  # Not answering on loopback: stopped, listening elsewhere, or killed without a shutdown
  # (as at the end of a session, before CI). Stop what may be left, clear a socket lock
  # that names a server that is gone (a new server refuses to start beside it), start.
  if [ "$STATUS" = "online" ]; then pg_ctlcluster "$VERSION" "$CLUSTER" stop -m fast >&2 || true; fi
  for lock in /var/run/postgresql/.s.PGSQL."$PORT".lock; do
    [ -e "$lock" ] || continue
    pid="$(head -n 1 "$lock")"
    # Gone: no such process, not a postgres, or a zombie nobody has reaped yet.
    state="$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null || true)"
    if [ -z "$state" ] || [ "$state" = Z ] || ! grep -qs postgres "/proc/$pid/comm"; then
      say "removing the stale socket lock of a server that is gone (PID $pid)"
      rm -f "$lock" "/var/run/postgresql/.s.PGSQL.$PORT"
    fi
  done
  say "starting cluster $VERSION/$CLUSTER on 127.0.0.1:$PORT…"
  pg_ctlcluster "$VERSION" "$CLUSTER" start >&2
fi

for _ in $(seq 1 60); do
  if pg_isready -q -h 127.0.0.1 -p "$PORT"; then break; fi
  sleep 0.5
done
pg_isready -h 127.0.0.1 -p "$PORT" >&2

psql_admin() { runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$PORT" "$@"; }

psql_admin -d postgres -v user="$PG_USER" -v password="$PG_PASSWORD" >&2 <<'SQL'
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'user', :'password')
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'user') \gexec
SELECT format('ALTER ROLE %I LOGIN PASSWORD %L', :'user', :'password') \gexec
SQL
psql_admin -d postgres -v user="$PG_USER" -v db="$PG_DB" >&2 <<'SQL'
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'user')
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SQL

URL="postgres://${PG_USER}:${PG_PASSWORD}@127.0.0.1:${PORT}/${PG_DB}"
# Prove the URL works before handing it out.
PGPASSWORD="$PG_PASSWORD" psql -X -q -h 127.0.0.1 -p "$PORT" -U "$PG_USER" -d "$PG_DB" -c 'SELECT 1' >/dev/null
say "ready: PostgreSQL $VERSION on 127.0.0.1:$PORT, database $PG_DB"
echo "$URL"
