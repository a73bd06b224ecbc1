"""``baocao.extract``: a report's .docx back to a :class:`Report`."""

from __future__ import annotations

import os

from . import _baocao
from ._errors import InputError, Problem
from ._files import read_at_most

TYPE_CHECKING = False
if TYPE_CHECKING:
    import datetime
    from typing import Literal

    from . import Report

__all__ = ["Extracted", "extract"]


class Extracted:
    """What :func:`extract` read: the ``report``, every ``problem`` (a paragraph
    with no place in the report's outline, a part of the frame not found, text
    in an old TCVN3 / VNI encoding, and the report's validation problems, each
    with its paragraph and first words where one is concerned), and the
    ``notices`` (comments ignored, decomposed text composed, tracked changes read
    as asked). ``ok`` is true when there is no problem.

    Immutable.
    """

    __slots__ = ("report", "problems", "notices")

    report: Report
    problems: list[Problem]
    notices: list[str]

    def __init__(self, report: Report, problems: list[Problem], notices: list[str]) -> None:
        object.__setattr__(self, "report", report)
        object.__setattr__(self, "problems", problems)
        object.__setattr__(self, "notices", notices)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Extracted is immutable: cannot set {name}")

    @property
    def ok(self) -> bool:
        """Everything was placed and the report validates."""
        return not self.problems

    def __repr__(self) -> str:
        return f"Extracted(report=..., problems={len(self.problems)}, notices={self.notices!r})"


def extract(
    docx: str | os.PathLike[str] | bytes,
    *,
    lang: Literal["vi", "en"] = "vi",
    changes: Literal["accept", "reject"] | None = None,
    today: datetime.date | None = None,
) -> Extracted:
    """Reads a report's .docx back into a :class:`Report`: one this library
    wrote, the same after Word, LibreOffice or python-docx edited it, or a
    report typed by hand. Sections are found by their numbering and the
    guideline's words, not by style names. ``docx`` is a path or the file's
    bytes.

    A file with tracked changes is refused (:class:`InputError`) unless
    ``changes`` says to read them as ``"accept"``-ed or ``"reject"``-ed.
    ``today`` enables validation's rule on dates in the future. Raises
    :class:`InputError` for a file that is not a readable .docx, ``OSError``
    when it cannot be opened, :class:`FieldTypeError` for an argument of the
    wrong type. The reading runs without the GIL.

    >>> import baocao
    >>> report = baocao.Report.from_file("examples/bao-cao-huyen-hoa-lam.yaml")
    >>> back = baocao.extract(report.render())
    >>> back.ok, back.report.to_dict()["frame"]["number"]
    (True, 125)
    """
    if isinstance(docx, (bytes, bytearray, memoryview)):
        data = bytes(docx)
        name = None
    else:
        limit = _baocao.MAX_DOCX_BYTES
        too_large = f"tệp quá lớn: hơn {limit >> 20} MiB" if lang != "en" else f"file too large: more than {limit >> 20} MiB"
        data = read_at_most(docx, limit, too_large, lang)
        name = os.fspath(docx)
    try:
        native, problems, notices = _baocao.extract(data, lang, changes, today)
    except InputError as e:
        if name is None:
            raise
        raise InputError(f"{name}: {e}", None, None, None, e.reason) from None
    from . import Report

    return Extracted(
        Report(native),
        [Problem(path or "", code, message, paragraph, words) for code, paragraph, words, path, message in problems],
        notices,
    )
