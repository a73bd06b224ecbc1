"""Side-by-side comparison: the same report built by baocao (Rust, Python bindings,
CLI) and by python-docx and docx (npm), in one run, alternating, medians of at least
20 runs each; ratios printed. Run through scripts/bench.sh, which installs what it needs.

    python benches/compare.py [--workload eighteen_pages|example] [--rounds R] [--per-round K]

Each peer in its fastest idiom, warmed up: baocao with `render` (which keeps the
parts prepared for a layout) and with one prepared `Renderer`; python-docx with
paragraph styles set by id on the element (no walk over every style per
paragraph) and its tables' rows made at once and filled through `row.cells`;
docx (npm) in one long-lived worker process, warmed by 30 untimed builds (the
JIT compiled). The default workload is the 18-page report of the Rust benchmarks (150
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


_NODE: subprocess.Popen[str] | None = None


def node_worker(k: int) -> list[float]:
    """k timed builds in the one long-lived, warmed docx (npm) process."""
    global _NODE
    if _NODE is None:
        _NODE = subprocess.Popen(
            ["node", str(NODE_SCRIPT), str(EXAMPLE_JSON), "--worker"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )
    assert _NODE.stdin is not None and _NODE.stdout is not None
    _NODE.stdin.write(f"{k}\n")
    _NODE.stdin.flush()
    return [float(t) for t in _NODE.stdout.readline().split()]


def spread(values: list[float]) -> str:
    """Median and the 10th–90th percentile range."""
    q = statistics.quantiles(values, n=10)
    return f"{statistics.median(values):8.2f} ms  ({q[0]:.2f}–{q[-1]:.2f})"


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
        "docx (npm)": lambda: node_worker(k),
    }
    samples: dict[str, list[float]] = {name: [] for name in engines}
    # Each round's median per engine: a ratio is taken round by round, so that
    # it holds while the machine's speed drifts.
    by_round: dict[str, list[float]] = {name: [] for name in engines}
    for name, run in engines.items():  # warm-up (caches, JIT, first imports)
        run()
    for r in range(args.rounds):
        order = list(engines.items())
        if r % 2:
            order.reverse()
        for name, run in order:
            times = run()
            samples[name].extend(times)
            by_round[name].append(statistics.median(times))

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
    print(f"Per report, in process (median and 10th–90th percentiles of {len(samples['python-docx'])} runs each, alternating):")
    for name, v in samples.items():
        print(f"  {name:42s} {spread(v)}")
    print("Whole process, read + render + write (median and 10th–90th percentiles of %d runs each):" % len(whole["baocao CLI"]))
    for name, v in whole.items():
        print(f"  {name:42s} {spread(v)}")
    def ratio(a: str, b: str) -> tuple[float, float, float]:
        """b / a round by round: median, lowest, highest."""
        per = [y / x for x, y in zip(by_round[a], by_round[b])]
        return statistics.median(per), min(per), max(per)

    R, P, PY = "baocao (Rust)", "baocao (Rust, prepared Renderer)", "baocao (Python bindings, dict → bytes)"
    ratios = {
        "Rust render / prepared Renderer (cost of plain render)": ratio(P, R),
        "Python bindings / Rust render (cost of the binding)": ratio(R, PY),
        "python-docx / Rust render": ratio(R, "python-docx"),
        "docx (npm) / Rust render": ratio(R, "docx (npm)"),
        "python-docx / prepared Renderer": ratio(P, "python-docx"),
        "docx (npm) / prepared Renderer": ratio(P, "docx (npm)"),
        "python-docx / Python bindings": ratio(PY, "python-docx"),
    }
    whole_ratios = {
        "python-docx script / CLI (whole process)": wmed["python-docx script"] / wmed["baocao CLI"],
        "docx (npm) script / CLI (whole process)": wmed["docx (npm) script"] / wmed["baocao CLI"],
    }
    print(f"Ratios, round by round over {args.rounds} rounds (median, lowest–highest):")
    for name, (m, lo, hi) in ratios.items():
        print(f"  {name:55s} {m:6.2f}x  ({lo:.2f}–{hi:.2f})")
    for name, v in whole_ratios.items():
        print(f"  {name:55s} {v:6.2f}x")
    sizes = {p.name: p.stat().st_size for p in (OUT / "cli.docx", OUT / "python-docx.docx", OUT / "docx-npm.docx")}
    print("Output sizes:", ", ".join(f"{k} {v} bytes" for k, v in sizes.items()))
    if _NODE is not None:
        _NODE.terminate()
    (OUT / "compare.json").write_text(json.dumps({"median_ms": med, "whole_process_ms": wmed, "ratios": ratios, "whole_ratios": whole_ratios, "sizes": sizes}, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
