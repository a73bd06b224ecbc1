"""Memory grows linearly with the input (measured in separate processes)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

RENDER = """
import sys, baocao
d = baocao.Report.from_file(sys.argv[2]).to_dict()
n = int(sys.argv[1])
if n:
    d["results"]["leadership"]["paragraphs"] = ["Đoạn %d: cấp ủy quan tâm lãnh đạo, chỉ đạo thực hiện Chỉ thị." % i for i in range(n)]
assert len(baocao.Report.from_dict(d).render()) > 0
# VmHWM belongs to this address space; ru_maxrss would include the forked parent.
print(next(l.split()[1] for l in open("/proc/self/status") if l.startswith("VmHWM:")))
"""


def peak_kib(paragraphs: int) -> int:
    """Peak resident memory (KiB) of a fresh process that renders the example with extra paragraphs."""
    example = str(ROOT / "examples" / "bao-cao-huyen-hoa-lam.yaml")
    out = subprocess.run([sys.executable, "-c", RENDER, str(paragraphs), example], check=True, capture_output=True, text=True)
    return int(out.stdout.strip())


def test_memory_grows_linearly() -> None:
    base = peak_kib(0)
    small = peak_kib(10_000) - base
    large = peak_kib(50_000) - base
    assert small > 0 and large > 0, (base, small, large)
    # Five times the paragraphs: about five times the memory (quadratic would be 25×).
    assert 3.5 * small < large < 7 * small, (base, small, large)


def test_import_loads_nothing_a_render_does_not_need() -> None:
    # Import time is measured in BENCHMARKS.md; what can be asserted is that the
    # modules that made it slow (typing, json, dataclasses, pathlib, datetime,
    # inspect) are not imported by `import baocao`.
    code = "import sys; before = set(sys.modules); import baocao; print(sorted(set(sys.modules) - before))"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    loaded = set(ast.literal_eval(out))  # a list literal printed by the child
    heavy = {"typing", "json", "dataclasses", "pathlib", "datetime", "inspect", "re"}
    assert not (loaded & heavy), sorted(loaded & heavy)
