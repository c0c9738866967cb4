#!/bin/sh
# `npm start`: build only when the sources changed since the last build (scripts/build.js), then
# become the api process (exec: signals and the exit status are the server's own). Arguments go to
# the server: `npm start -- --demo` loads the demo data set first.
set -e
node scripts/build.js --if-stale
# With the embedded PostgreSQL (no DATABASE_URL) the process is one small machine's whole server: a
# 2 MiB young generation keeps idle memory down (RSS ~20 MiB lower, bench/embedded-start.js) at a cost
# in garbage collections that only a loaded server would notice, and a loaded server uses PostgreSQL.
if [ -z "${DATABASE_URL:-}" ]; then
  exec node --max-semi-space-size=2 dist/apps/api/src/main.js "$@"
fi
exec node dist/apps/api/src/main.js "$@"
