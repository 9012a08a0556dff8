#!/usr/bin/env bash
# Installs what MotCua needs to build, test and bench on Debian 12. Idempotent: when every
# package is already installed it only checks (dpkg-query) and returns in well under a second.
# Run as root (or with sudo available). Usage: scripts/bootstrap.sh
set -euo pipefail
cd "$(dirname "$0")/.."

export DEBIAN_FRONTEND=noninteractive

# C++ toolchain, libraries, test/bench tools (see DESIGN.md "Dependencies").
PACKAGES=(
  build-essential g++ cmake ninja-build pkg-config
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev sqlite3 libpq-dev postgresql  # postgresql-15: the test cluster, pgbench (make bench)
  libsodium-dev libssl-dev libcurl4-openssl-dev libgoogle-perftools-dev
  zlib1g-dev  # gzip for API answers on slow networks (src/http/compress.h)
  libxml2-dev  # SOAP answers of the national population database (integrations/dancu)
  libspdlog-dev libfmt-dev libcli11-dev
  libgtest-dev libgmock-dev libbenchmark-dev wrk python3 python3-yaml curl
  libutf8proc-dev libcairo2-dev libpango1.0-dev fonts-noto-core
  libqrencode-dev libxlsxwriter-dev poppler-utils zbar-tools
  python3-lunardate  # a Chinese (UTC+8) lunar calendar: tests/api/test_calendar_years.py compares Tết
  python3-aiosmtpd    # a real SMTP server on loopback for the notification tests
  dovecot-imapd       # a real IMAP server on loopback for the feedback mailbox tests (scripts/imap_test_server.sh)
  python3-cryptography python3-jwt  # simulators sign and check what the real platforms sign (JWT, RSA)
)

# >>> WEB PACKAGES: the web app (web/, Vite + React, Playwright on Debian's Chromium) will need
# these; uncomment or set BOOTSTRAP_WEB=1 when web/ lands. Never run a browser download step.
# Node.js may come from elsewhere (a nodesource build bundles npm and conflicts with Debian's
# npm package): install Debian's nodejs/npm only when the commands are missing.
if [[ "${BOOTSTRAP_WEB:-0}" == 1 || -f web/package.json ]]; then
  PACKAGES+=(chromium)
  command -v node >/dev/null || PACKAGES+=(nodejs)
  command -v npm >/dev/null || PACKAGES+=(npm)
fi
# <<< WEB PACKAGES

SUDO=()
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null; then SUDO=(sudo); else
    echo "bootstrap: not root and no sudo; cannot install packages" >&2; fi
fi

missing=()
for p in "${PACKAGES[@]}"; do
  st=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [[ "$st" == installed ]] || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "bootstrap: installing ${#missing[@]} package(s): ${missing[*]}"
  "${SUDO[@]}" apt-get update -qq
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
  echo "bootstrap: packages installed"
else
  echo "bootstrap: all ${#PACKAGES[@]} Debian packages present"
fi

# Web app dependencies: only when a lock file exists (npm ci is reproducible; skip otherwise).
if [[ -f web/package-lock.json ]]; then
  if [[ ! -d web/node_modules || web/package-lock.json -nt web/node_modules/.package-lock.json ]]; then
    echo "bootstrap: npm ci in web/"
    (cd web && npm ci --no-audit --no-fund)
  else
    echo "bootstrap: web/node_modules up to date"
  fi
fi

# The simulated VNeID provider (tools/sim/vneid: panva's oidc-provider), from its own lock file.
if [[ -f tools/sim/vneid/package-lock.json ]]; then
  if [[ ! -d tools/sim/vneid/node_modules ||
        tools/sim/vneid/package-lock.json -nt tools/sim/vneid/node_modules/.package-lock.json ]]; then
    echo "bootstrap: npm ci in tools/sim/vneid/"
    (cd tools/sim/vneid && npm ci --no-audit --no-fund)
  else
    echo "bootstrap: tools/sim/vneid/node_modules up to date"
  fi
fi
