"""``baocao.check``: hold a .docx against the Party layout rules."""

from __future__ import annotations

import os

from . import _baocao
from ._errors import InputError
from ._files import read_at_most

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Literal

__all__ = ["Finding", "check"]


class Finding:
    """One finding of :func:`check`: which ``rule`` ("body.size"), its
    ``severity`` ("error" where the rule is a must, "warning" where it is a
    default inside an allowed range), the ``message`` (what was found and what the
    rule asks), the ``location`` (paragraph number, the part and section of the
    report, the first words) and the
    1-based ``paragraph`` number (``None`` for the page or the whole document).

    Immutable, compared and hashed by value.
    """

    __slots__ = ("rule", "severity", "message", "location", "paragraph")

    rule: str
    severity: Literal["error", "warning"]
    message: str
    location: str
    paragraph: int | None

    def __init__(self, rule: str, severity: str, message: str, location: str, paragraph: int | None) -> None:
        for name, value in zip(self.__slots__, (rule, severity, message, location, paragraph)):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Finding is immutable: cannot set {name}")

    def _key(self) -> tuple[str, str, str, str, int | None]:
        return (self.rule, self.severity, self.message, self.location, self.paragraph)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Finding):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (
            f"Finding(rule={self.rule!r}, severity={self.severity!r}, message={self.message!r}, "
            f"location={self.location!r})"
        )

    def __str__(self) -> str:
        where = f" {self.location}" if self.location else ""
        return f"{self.severity} [{self.rule}]{where}: {self.message}"


def check(docx: str | os.PathLike[str] | bytes, *, lang: Literal["vi", "en"] = "vi") -> list[Finding]:
    """Checks a .docx against the Party layout rules (Hướng dẫn 36-HD/VPTW), the
    same rules :meth:`Report.render` follows: one this library wrote, the same
    file after Word, LibreOffice or python-docx saved it, or a report typed by
    hand. ``docx`` is a path or the file's bytes. Returns every finding, each with
    its place (an empty list: the layout follows the rules); raises
    :class:`InputError` for a file that is not a readable .docx, ``OSError`` when
    it cannot be opened, :class:`FieldTypeError` (a ``TypeError``) for anything
    but a path or bytes. The reading and checking run without the GIL.

    >>> import baocao
    >>> report = baocao.Report.from_file("examples/bao-cao-huyen-hoa-lam.yaml")
    >>> baocao.check(report.render())
    []
    """
    if isinstance(docx, (bytes, bytearray, memoryview)):
        data = bytes(docx)
    else:
        limit = _baocao.MAX_DOCX_BYTES
        too_large = f"tệp quá lớn: hơn {limit >> 20} MiB" if lang != "en" else f"file too large: more than {limit >> 20} MiB"
        data = read_at_most(docx, limit, too_large, lang)
        try:
            return [Finding(*f) for f in _baocao.check(data, lang)]
        except InputError as e:
            raise InputError(f"{os.fspath(docx)}: {e}", None, None, None, e.reason) from None
    return [Finding(*f) for f in _baocao.check(data, lang)]
