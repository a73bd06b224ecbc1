"""The `baocao` command the package installs (and `python -m baocao`) is the same
program as the Rust binary: same commands, options, messages and exit codes."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
RUST = ROOT / "target" / "debug" / "baocao"
EXAMPLE = "examples/bao-cao-huyen-hoa-lam.yaml"
INVALID = "tests/inputs/invalid-every-rule.yaml"


def python_command() -> list[str]:
    installed = shutil.which("baocao", path=str(Path(sys.executable).parent))
    assert installed is not None, "the package installs a baocao command"
    return [installed]


@pytest.mark.skipif(not RUST.exists(), reason="the Rust binary is built by `cargo test` in scripts/test.sh")
@pytest.mark.parametrize(
    "args",
    [
        ["validate", EXAMPLE, "--today", "2022-03-01"],
        ["validate", INVALID, "--today", "2022-03-01"],
        ["validate", "khong-co.yaml"],
        ["validate", EXAMPLE, "--format", "xml"],
        ["render", EXAMPLE],
        ["render", EXAMPLE, "-o", EXAMPLE, "--today", "2022-03-01"],
        ["--version"],
        ["khong-co-lenh"],
    ],
)
def test_same_program_as_the_rust_binary(args: list[str]) -> None:
    rust = subprocess.run([str(RUST), *args], cwd=ROOT, capture_output=True, text=True)
    for command in (python_command(), [sys.executable, "-m", "baocao"]):
        ours = subprocess.run([*command, *args], cwd=ROOT, capture_output=True, text=True)
        assert (ours.returncode, ours.stdout, ours.stderr) == (rust.returncode, rust.stdout, rust.stderr), command


def test_the_command_renders(tmp_path: Path) -> None:
    out = tmp_path / "bao-cao.docx"
    done = subprocess.run(
        [*python_command(), "render", EXAMPLE, "-o", str(out), "--today", "2022-03-01"], cwd=ROOT, capture_output=True
    )
    assert done.returncode == 0, done.stderr
    assert out.read_bytes()[:2] == b"PK"


@pytest.mark.skipif(not RUST.exists(), reason="the Rust binary is built by `cargo test` in scripts/test.sh")
@pytest.mark.parametrize(("signal_name", "code"), [("INT", 130), ("TERM", 143)])
def test_the_command_handles_signals_as_the_rust_binary_does(signal_name: str, code: int) -> None:
    # The command waits on an open standard input, and is interrupted: it owns its
    # process, so Ctrl-C is not ignored and SIGTERM does not kill it before its
    # handler runs (which removes a temporary file while rendering).
    outcomes = []
    for command in ([str(RUST)], python_command(), [sys.executable, "-m", "baocao"]):
        child = subprocess.Popen(
            [*command, "validate", "-", "--format", "yaml"],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(1.5)
        child.send_signal(getattr(signal, f"SIG{signal_name}"))
        # Standard input stays open until the handler has ended the process.
        child.wait(timeout=60)
        _, err = child.communicate(timeout=60)
        outcomes.append((child.returncode, err.strip()))
    assert outcomes == [(code, "bị ngắt")] * 3, outcomes
