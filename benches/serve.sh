#!/usr/bin/env bash
# Load on `baocao serve` (a benchmark, not a test): 50 clients render the example for
# 30 s through the JSON API; prints throughput, median and 99th-percentile latency,
# 503s, and the server's peak resident memory (VmHWM).
#   benches/serve.sh [CLIENTS] [SECONDS] [WORKERS]
set -euo pipefail
cd "$(dirname "$0")/.."
clients=${1:-50}; seconds=${2:-30}; workers=${3:-4}
cargo build --locked --release -q -p baocao-cli
cargo build --locked --release -q -p baocao-serve --example load
mkdir -p target/bench
report=target/bench/example-report.json
# The example as JSON, through the CLI itself: rendered, then read back.
target/release/baocao render examples/bao-cao-huyen-hoa-lam.yaml -o target/bench/serve-example.docx --force --today 2022-03-01 2>/dev/null
target/release/baocao extract target/bench/serve-example.docx -o "$report" --force --today 2022-03-01 2>/dev/null
port=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])")
target/release/baocao serve --port "$port" --workers "$workers" > /dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
sleep 0.5
target/release/examples/load "$port" "$report" "$clients" "$seconds"
echo "server peak resident memory: $(grep VmHWM /proc/$server/status | awk '{print $2/1024 " MiB"}')"
