#!/usr/bin/env bash
# The one test command (README, CI): installs what the tests need beyond the .NET SDK, then runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet test ChatRouter.sln --nologo "$@"
