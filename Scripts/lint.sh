#!/usr/bin/env bash
# Lints Sources and Tests with the toolchain's swift-format and the committed .swift-format.
# Usage: Scripts/lint.sh [--strict]     (--strict: any warning fails the run)
# Extra arguments are passed to `swift format lint`.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! swift format --version >/dev/null 2>&1; then
    echo "lint.sh: 'swift format' is not available in this toolchain (Swift 6 ships it)" >&2
    exit 2
fi

mapfile -t files < <(git ls-files 'Sources/*.swift' 'Tests/*.swift' 'Plugins/*.swift')
exec swift format lint --configuration .swift-format --parallel "$@" "${files[@]}"
