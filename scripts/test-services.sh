#!/usr/bin/env bash
# Starts PostgreSQL, Redis and coturn from Debian's packages on loopback, for the tests that
# run mockloop on PostgreSQL and as several nodes, and the call's test through a TURN relay.
# Installs them first when missing; safe to run again. Needs root (apt-get, and starting
# the services).
#
#   TEST_DATABASE_URL=postgres://mockloop:mockloop@127.0.0.1:5432/mockloop
#   TEST_REDIS_URL=redis://127.0.0.1:6379
#   TEST_TURN_URL=turn:127.0.0.1:3478  TEST_TURN_SECRET=mockloop-test-turn-secret
# are what the tests use when those variables are not set.
set -euo pipefail

if ! command -v pg_lsclusters > /dev/null || ! command -v redis-server > /dev/null ||
  ! command -v turnserver > /dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq postgresql redis-server coturn > /dev/null
fi

# PostgreSQL: Debian's package creates a cluster; start it if it is down.
read -r version cluster port status _ < <(pg_lsclusters --no-header | head -n 1)
if [ "$status" != "online" ]; then
  pg_ctlcluster "$version" "$cluster" start
fi
su postgres -c "psql -v ON_ERROR_STOP=1 -q -p $port" <<'SQL'
SELECT 'CREATE ROLE mockloop LOGIN PASSWORD ''mockloop'''
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'mockloop')\gexec
SELECT 'CREATE DATABASE mockloop OWNER mockloop'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'mockloop')\gexec
SQL

# Redis: loopback only, no persistence needed for tests.
if ! redis-cli -h 127.0.0.1 -p 6379 ping > /dev/null 2>&1; then
  redis-server --bind 127.0.0.1 --port 6379 --daemonize yes --save '' --appendonly no > /dev/null
  for _ in $(seq 1 50); do
    redis-cli -h 127.0.0.1 -p 6379 ping > /dev/null 2>&1 && break
    sleep 0.1
  done
fi
# coturn: a TURN relay on loopback checking the TURN REST API credentials the server makes
# (use-auth-secret), as docs/deploy.md configures it, but relaying to loopback peers too.
if ! pgrep -x turnserver > /dev/null; then
  turnserver --daemon --no-cli --no-tls --no-dtls --fingerprint \
    --listening-ip=127.0.0.1 --relay-ip=127.0.0.1 --listening-port=3478 \
    --min-port=49160 --max-port=49200 --allow-loopback-peers \
    --use-auth-secret --static-auth-secret=mockloop-test-turn-secret --realm=mockloop.test \
    --pidfile=/tmp/mockloop-turnserver.pid --log-file=/tmp/mockloop-turnserver.log --simple-log
fi
echo "PostgreSQL $version on port $port, Redis on 6379 and coturn on 3478 are up."
