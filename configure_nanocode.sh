#!/usr/bin/env bash
# Sets up providers and keys for this checkout: a thin wrapper over `nanocode configure` (see docs/cli.md).
# It runs from the repository root, so `.env` lands there; all arguments pass through unchanged.
set -euo pipefail
cd -- "$(dirname -- "${BASH_SOURCE[0]}")"
exec npx --no-install nanocode configure "$@"
