#!/usr/bin/env bash
# Installs what the test suite needs on a bare Debian machine: node modules, Debian's
# PostgreSQL server binaries (the "real server" database tests) and Chromium (browser tests).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

need_apt=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
# Thumbnails of uploaded PDFs (first page) and videos (a frame); without them there is none.
command -v pdftoppm >/dev/null 2>&1 || need_apt+=(poppler-utils)
command -v ffmpeg >/dev/null 2>&1 || need_apt+=(ffmpeg)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing Debian packages: ${need_apt[*]}. Run: sudo apt-get install -y ${need_apt[*]}" >&2
    exit 1
  fi
  echo "Installing Debian packages: ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need_apt[@]}" fonts-dejavu-core >/dev/null
fi
