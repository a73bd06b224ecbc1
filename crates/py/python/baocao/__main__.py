"""``python -m baocao`` and the ``baocao`` command the package installs: the same
command line as the Rust binary (commands, options, messages, exit codes)."""

from __future__ import annotations

import sys

from . import _baocao


def main() -> None:
    """Runs ``baocao`` with this process's arguments and exits with its code. The
    command owns its process: Ctrl-C and SIGTERM are handled as the Rust binary
    handles them (the temporary file removed, exit 130 / 143)."""
    sys.stdout.flush()
    raise SystemExit(_baocao.cli(["baocao", *sys.argv[1:]], handle_signals=True))


if __name__ == "__main__":
    main()
