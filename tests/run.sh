#!/usr/bin/env bash
# The one test command (README, CI): installs what the tests need beyond the .NET SDK, then runs every test.
# Arguments go to `dotnet test`, e.g. tests/run.sh --filter FullyQualifiedName~ChatRouter.Console.Tests
set -euo pipefail
cd "$(dirname "$0")/.."

# The console's browser tests drive Debian's headless Chromium through Playwright (never `playwright install`:
# nothing can be downloaded but packages). Installed once; a no-op when it is already there.
if ! command -v chromium >/dev/null 2>&1; then
  echo "run.sh: installing Debian's chromium and chromium-driver for the browser tests" >&2
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
fi

# The PostgreSQL store tests start a throwaway server of their own (initdb in a temp folder, pg_ctl on a free
# loopback port, as the postgres user when run as root): they need Debian's binaries under /usr/lib/postgresql/*/bin.
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "run.sh: installing Debian's postgresql for the PostgreSQL store tests" >&2
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi

# The Prometheus alert rules are checked and unit-tested with promtool (Debian's prometheus package has it);
# AlertRulesTests runs the same two commands and fails, naming this script, when promtool is missing.
if ! command -v promtool >/dev/null 2>&1; then
  echo "run.sh: installing Debian's prometheus for promtool (alert rule tests)" >&2
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends prometheus >/dev/null
fi
promtool check rules deploy/prometheus/alerts.yml
(cd deploy/prometheus && promtool test rules alerts.test.yml)

dotnet test ChatRouter.sln --nologo "$@"
