"""Side-by-side comparison: the same report built by baocao (Rust, Python bindings,
CLI) and by python-docx and docx (npm), in one run, alternating, medians of at least
20 runs each; ratios printed. Run through scripts/bench.sh, which installs what it needs.

    python benches/compare.py [--workload eighteen_pages|example] [--rounds R] [--per-round K]

Each peer in its fastest idiom, warmed up: baocao with `render` and with one
prepared `Renderer`; python-docx with its tables' rows made at once and filled
through `row.cells`; docx (npm) after untimed builds in the same process (the JIT
warm). The default workload is the 18-page report of the Rust benchmarks (150
paragraphs of about 60 words, a 12 × 10 table), written out by `time_render`.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benches"))

import baocao  # noqa: E402
import python_docx_report  # noqa: E402

OUT = ROOT / "target" / "bench"
EXAMPLE_JSON = OUT / "example.json"
RUST_TIMER = ROOT / "target" / "release" / "examples" / "time_render"
CLI = ROOT / "target" / "release" / "baocao"
NODE_SCRIPT = ROOT / "benches" / "js" / "docx-report.mjs"


def in_process(fn: Callable[[], object], k: int) -> list[float]:
    times = []
    for _ in range(k):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return times


def external(cmd: list[str]) -> list[float]:
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return [float(line) for line in out.split()]


def whole_process(cmd: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    return (time.perf_counter() - t) * 1000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--per-round", type=int, default=5)
    ap.add_argument("--workload", choices=["eighteen_pages", "example"], default="eighteen_pages")
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    if args.workload == "example":
        example = baocao.Report.from_file(ROOT / "examples" / "bao-cao-huyen-hoa-lam.yaml")
        EXAMPLE_JSON.write_text(example.to_text("json"), encoding="utf-8")
    else:
        subprocess.run([str(RUST_TIMER), "--write-eighteen-pages", str(EXAMPLE_JSON)], check=True)
    report = baocao.Report.from_file(EXAMPLE_JSON)
    data = json.loads(EXAMPLE_JSON.read_text(encoding="utf-8"))
    print(f"Workload: {args.workload}")
    py_data = report.to_dict()
    k = args.per_round

    # Per report, in process: each engine timed in its own runtime, blocks alternating.
    engines: dict[str, Callable[[], list[float]]] = {
        "baocao (Rust)": lambda: external([str(RUST_TIMER), str(EXAMPLE_JSON), str(k), "--warmup", "3"]),
        "baocao (Rust, prepared Renderer)": lambda: external(
            [str(RUST_TIMER), str(EXAMPLE_JSON), str(k), "--warmup", "3", "--prepared"]
        ),
        "baocao (Python bindings, dict → bytes)": lambda: in_process(lambda: baocao.Report.from_dict(py_data).render(), k),
        "python-docx": lambda: in_process(lambda: python_docx_report.build(data), k),
        "docx (npm)": lambda: external(
            ["node", str(NODE_SCRIPT), str(EXAMPLE_JSON), "--times", str(k), "--warmup", "10"]
        ),
    }
    samples: dict[str, list[float]] = {name: [] for name in engines}
    for name, run in engines.items():  # warm-up (caches, JIT, first imports)
        run()
    for r in range(args.rounds):
        order = list(engines.items())
        if r % 2:
            order.reverse()
        for name, run in order:
            samples[name].extend(run())

    # Whole process: read the example, render, write the file.
    processes = {
        "baocao CLI": [str(CLI), "render", str(EXAMPLE_JSON), "-o", str(OUT / "cli.docx"), "--force", "--today", "2022-03-01"],
        "python-docx script": [sys.executable, str(ROOT / "benches" / "python_docx_report.py"), str(EXAMPLE_JSON), str(OUT / "python-docx.docx")],
        "docx (npm) script": ["node", str(NODE_SCRIPT), str(EXAMPLE_JSON), str(OUT / "docx-npm.docx")],
    }
    whole: dict[str, list[float]] = {name: [] for name in processes}
    for r in range(max(20, args.rounds * k)):
        for name, cmd in processes.items() if r % 2 == 0 else reversed(list(processes.items())):
            whole[name].append(whole_process(cmd))

    med = {name: statistics.median(v) for name, v in samples.items()}
    wmed = {name: statistics.median(v) for name, v in whole.items()}
    rust, py = med["baocao (Rust)"], med["baocao (Python bindings, dict → bytes)"]
    print(f"Per report, in process (median of {len(samples['python-docx'])} runs each, alternating):")
    for name, m in med.items():
        print(f"  {name:42s} {m:9.2f} ms")
    print("Whole process, read + render + write (median of %d runs each):" % len(whole["baocao CLI"]))
    for name, m in wmed.items():
        print(f"  {name:42s} {m:9.2f} ms")
    prepared = med["baocao (Rust, prepared Renderer)"]
    ratios = {
        "Rust vs python-docx": med["python-docx"] / rust,
        "Rust vs docx (npm)": med["docx (npm)"] / rust,
        "Rust (prepared) vs python-docx": med["python-docx"] / prepared,
        "Rust (prepared) vs docx (npm)": med["docx (npm)"] / prepared,
        "Python bindings vs python-docx": med["python-docx"] / py,
        "CLI vs python-docx script (whole process)": wmed["python-docx script"] / wmed["baocao CLI"],
        "CLI vs docx (npm) script (whole process)": wmed["docx (npm) script"] / wmed["baocao CLI"],
    }
    print("Ratios (how many times faster baocao is):")
    for name, ratio in ratios.items():
        print(f"  {name:42s} {ratio:9.1f}x")
    sizes = {p.name: p.stat().st_size for p in (OUT / "cli.docx", OUT / "python-docx.docx", OUT / "docx-npm.docx")}
    print("Output sizes:", ", ".join(f"{k} {v} bytes" for k, v in sizes.items()))
    (OUT / "compare.json").write_text(json.dumps({"median_ms": med, "whole_process_ms": wmed, "ratios": ratios, "sizes": sizes}, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
