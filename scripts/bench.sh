#!/usr/bin/env bash
# Runs every benchmark: criterion (render, stages, floor; check; extract), the batch, and the
# side-by-side comparison with python-docx and docx (npm). Installs what it needs.
# Benchmarks are not tests: nothing here asserts a timing.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-tools.sh
.venv/bin/pip install -q --disable-pip-version-check -r benches/requirements.txt
(cd benches/js && npm install --no-audit --no-fund --loglevel=error)
cargo build --locked --release -p baocao-cli -p baocao-docx --example time_render
.venv/bin/pip install -q --disable-pip-version-check --force-reinstall --no-deps ./crates/py
cargo bench --locked -p baocao-docx --bench render
cargo bench --locked -p baocao-docx --bench batch
cargo bench --locked -p baocao-check --bench check
cargo bench --locked -p baocao-read --bench extract
cargo bench --locked -p baocao-consolidate --bench consolidate
.venv/bin/python benches/compare.py "$@"
