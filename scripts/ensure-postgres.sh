#!/usr/bin/env bash
# Make sure a PostgreSQL answers on 127.0.0.1:5432 (user postgres, trust, database test) for
# the test suite: start an installed but stopped cluster; in CI, install one if there is none.
set -u
answers() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }
wait_for_it() {
  for _ in $(seq 1 30); do answers && return 0; sleep 0.5; done
  return 1
}

answers && exit 0

if ! command -v pg_ctlcluster >/dev/null 2>&1 && [ -n "${CI:-}" ] && [ "$(id -u)" = 0 ]; then
  echo "Installing PostgreSQL for the tests"
  apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  hba=/etc/postgresql/$version/main/pg_hba.conf
  # A throwaway test server: local TCP connections as postgres need no password.
  sed -i '1i host all postgres 127.0.0.1/32 trust' "$hba"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null || true
  wait_for_it && su postgres -c "createdb test" 2>/dev/null
fi

if ! answers && command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  echo "Starting PostgreSQL $version for the tests"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null \
    || pg_ctlcluster "$version" main start 2>/dev/null || true
  wait_for_it
fi

answers || echo "PostgreSQL is not answering on 127.0.0.1:5432"
exit 0
