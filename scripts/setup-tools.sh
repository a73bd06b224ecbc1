#!/usr/bin/env bash
# Installs what the test command needs beyond Rust, idempotently:
#   - LibreOffice Writer and Calc (headless), Liberation fonts, poppler-utils, and
#     the system Python's UNO bridge (to edit files and recompute workbooks in
#     LibreOffice) (Debian packages)
#   - a Python virtual environment in .venv with the pinned test tools
#   - Microsoft's Open XML SDK validator and axe-core (npm) in tools/validator
#   - Chromium and chromium-driver (Debian) for the served page's browser tests
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v soffice >/dev/null || ! command -v pdftoppm >/dev/null || ! /usr/bin/python3 -c "import uno" 2>/dev/null \
    || [ ! -e /usr/lib/libreoffice/program/libsclo.so ] || ! command -v chromedriver >/dev/null; then
    echo "installing LibreOffice Writer and Calc, Liberation fonts, poppler-utils, python3-uno, Chromium and its driver (apt-get)"
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
        libreoffice-writer-nogui libreoffice-calc-nogui fonts-liberation2 poppler-utils python3-uno \
        chromium chromium-driver >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
if ! cmp -s tools/requirements-test.txt .venv/.requirements-installed 2>/dev/null; then
    .venv/bin/pip install -q --disable-pip-version-check -r tools/requirements-test.txt
    cp tools/requirements-test.txt .venv/.requirements-installed
fi

if [ ! -x tools/validator/node_modules/.bin/ooxml-validator ] || [ ! -e tools/validator/node_modules/axe-core/axe.min.js ]; then
    # `npm ci` rejects this lock file: it records only the platform package npm installed.
    (cd tools/validator && npm install --no-audit --no-fund --loglevel=error)
fi
