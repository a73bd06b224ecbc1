"""baocao: the 10-year report on Chỉ thị số 20-CT/TW as an official Party .docx.

Build a :class:`Report` from a dict (the shape of the JSON input, with
``datetime.date`` for dates) or from a JSON / YAML / TOML file or string, check it
with :meth:`Report.validate`, and write it with :meth:`Report.write` or get the
bytes with :meth:`Report.render`::

    import datetime, baocao

    report = baocao.Report.from_file("bao-cao.yaml")
    for problem in report.validate(today=datetime.date.today()):
        print(problem)
    report.write("bao-cao.docx")

A .docx, edited in Word or LibreOffice or typed by hand, comes back as data with
:func:`extract` (``extract(path).report``, and ``.problems`` for what could not be
placed); :func:`check` holds a .docx to the layout rules.

Messages are Vietnamese; pass ``lang="en"`` to any function for English (the
problems' ``code`` and ``path`` are the same in both).

Errors are exceptions: :class:`InputError` (unreadable input, a ``ValueError``),
:class:`FieldTypeError` (a value of the wrong type, a ``TypeError``),
:class:`ValidationError` (every problem, a ``ValueError``), ``FileExistsError``
when the target exists, ``OSError`` subclasses for I/O. All but the built-in
ones derive from :class:`BaocaoError`. Validation and rendering release the GIL,
so threads render in parallel.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from . import _baocao
from ._errors import BaocaoError, FieldTypeError, InputError, InternalError, PdfError, Problem, ValidationError
from ._check import Finding, check
from ._extract import Extracted, extract
from ._consolidate import Consolidation, consolidate
from ._files import read_at_most
from ._statistics import statistics_table

# `typing`, `datetime`, `json` and `pathlib` cost more to import than baocao
# itself: they are imported for type checkers only, or when first needed.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import datetime
    from typing import Any, Literal, Union

    Format = Literal["json", "yaml", "toml"]
    """An input format name."""

    Lang = Literal["vi", "en"]
    """The language of messages: Vietnamese (the default) or English."""

    LayoutValue = Union[int, str, bool]
    """A layout setting's value: sizes in half-points, lengths in twips, flags, names."""

    from typing import TypedDict

    class LayoutSettings(TypedDict, total=False):
        """The layout settings ``render`` and ``write`` take, by name: sizes in
        half-points (28 = 14 pt), lengths in twips (567 = 1 cm)."""

        page_width: int
        page_height: int
        margin_top: int
        margin_bottom: int
        margin_left: int
        margin_right: int
        header_distance: int
        footer_distance: int
        body_size: int
        first_line_indent: int
        paragraph_spacing: int
        line_spacing_exact: int
        line_spacing_multiple: int
        left_column_percent: int
        header_size: int
        party_heading_size: int
        title_size: int
        summary_size: int
        signature_blank_lines: int
        recipients_heading_size: int
        recipient_size: int
        page_number_size: int
        table_size: int
        landscape_above_years: int
        heading3_italic: bool
        position_bold: bool
        recipients_heading_underline: bool
        font: str
        language: str
        roman_style: Literal["dash", "dot"]


_INT_SETTINGS = ("page_width", "page_height", "margin_top", "margin_bottom", "margin_left", "margin_right", "header_distance", "footer_distance", "body_size", "first_line_indent", "paragraph_spacing", "line_spacing_exact", "line_spacing_multiple", "left_column_percent", "header_size", "party_heading_size", "title_size", "summary_size", "signature_blank_lines", "recipients_heading_size", "recipient_size", "page_number_size", "table_size", "landscape_above_years")
_BOOL_SETTINGS = ("heading3_italic", "position_bold", "recipients_heading_underline")


def __getattr__(name: str) -> object:
    """``baocao.Format``, ``baocao.Lang``, ``baocao.LayoutValue`` and
    ``baocao.LayoutSettings`` at run time, made when asked for."""
    if name == "Format":
        from typing import Literal

        return Literal["json", "yaml", "toml"]
    if name == "Lang":
        from typing import Literal

        return Literal["vi", "en"]
    if name == "LayoutValue":
        from typing import Union

        return Union[int, str, bool]
    if name == "LayoutSettings":
        from typing import Literal, TypedDict

        fields = {k: int for k in _INT_SETTINGS} | {k: bool for k in _BOOL_SETTINGS} | {"font": str, "language": str}
        return TypedDict("LayoutSettings", {**fields, "roman_style": Literal["dash", "dot"]}, total=False)  # type: ignore[operator]
    raise AttributeError(f"module 'baocao' has no attribute {name!r}")

__all__ = [
    "Report",
    "Problem",
    "BaocaoError",
    "InputError",
    "FieldTypeError",
    "ValidationError",
    "PdfError",
    "InternalError",
    "to_pdf",
    "consolidate",
    "Consolidation",
    "json_schema",
    "statistics_table",
    "check",
    "Finding",
    "extract",
    "Extracted",
    "__version__",
]

__version__: str = _baocao.__version__

def to_pdf(
    docx: bytes,
    *,
    pdfa: bool = False,
    allow_font_fallback: bool = False,
    timeout: float = 120.0,
    lang: Lang = "vi",
) -> bytes:
    """Converts a .docx (its bytes) to PDF through LibreOffice headless, so the pages
    break where the office suite breaks the .docx; returns the PDF's bytes.

    Each call runs LibreOffice as a process of its own with a profile folder of its
    own (calls may run at once from several threads), stopped after ``timeout``
    seconds; every temporary file is removed. ``pdfa`` asks for PDF/A-2b (archival),
    with the document's title and language. Raises :class:`InputError` if the bytes
    are not a .docx and :class:`PdfError` (``kind``) when LibreOffice or the serif
    font is missing, on a timeout or a failed conversion. Ctrl-C stops LibreOffice
    and raises ``KeyboardInterrupt``.
    """
    return _baocao.to_pdf(bytes(docx), pdfa, allow_font_fallback, float(timeout), None, lang)


_EXTENSIONS: dict[str, Format] = {".json": "json", ".yaml": "yaml", ".yml": "yaml", ".toml": "toml"}


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the input, as a dict."""
    import json  # imported when needed: it costs more than the rest of `import baocao`

    schema: dict[str, Any] = json.loads(_baocao.json_schema())
    return schema


class Report:
    """A parsed report. Immutable; build a new one to change it (``to_dict`` → edit → ``from_dict``)."""

    __slots__ = ("_native",)

    def __init__(self, native: _baocao.Report) -> None:
        """Internal: use :meth:`from_dict`, :meth:`from_file` or :meth:`from_text`."""
        if not isinstance(native, _baocao.Report):
            raise TypeError(
                f"baocao.Report() is not built from a {type(native).__name__}: use baocao.Report.from_dict(data), "
                "Report.from_file(path) or Report.from_text(text, format)"
            )
        self._native = native

    # -- building ------------------------------------------------------------------

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, lang: Lang = "vi") -> Report:
        """Builds a report from a dict of the input's shape.

        Values may be dict, list, tuple, str, int, float, None, ``datetime.date``
        (a ``datetime.datetime`` at midnight is taken as its date) and
        ``decimal.Decimal``. Raises :class:`FieldTypeError` for a value of the wrong
        type and :class:`InputError` for a missing or unknown key, both naming the
        field path. Messages are in ``lang`` ("vi" or "en").
        """
        if not isinstance(data, Mapping):
            t = type(data).__name__
            reason = f"cần một dict, đang là {t}" if lang == "vi" else f"expected a dict, got {t}"
            raise FieldTypeError(reason, "", reason)
        return cls(_baocao.Report.from_data(dict(data), lang))

    @classmethod
    def from_text(cls, text: str, format: Format, *, lang: Lang = "vi") -> Report:
        """Parses JSON, YAML or TOML text. Raises :class:`InputError` with the
        field path and the line and column."""
        return cls(_baocao.Report.from_text(text, format, lang))

    @classmethod
    def from_json(cls, text: str, *, lang: Lang = "vi") -> Report:
        """Parses JSON text."""
        return cls.from_text(text, "json", lang=lang)

    @classmethod
    def from_yaml(cls, text: str, *, lang: Lang = "vi") -> Report:
        """Parses YAML text."""
        return cls.from_text(text, "yaml", lang=lang)

    @classmethod
    def from_toml(cls, text: str, *, lang: Lang = "vi") -> Report:
        """Parses TOML text."""
        return cls.from_text(text, "toml", lang=lang)

    @classmethod
    def from_file(cls, path: str | os.PathLike[str] | bytes, format: Format | None = None, *, lang: Lang = "vi") -> Report:
        """Reads a report file; the format comes from the extension (.json, .yaml,
        .yml, .toml) unless given. Errors name the file. ``path`` is a str, a
        path-like or bytes; anything else is a :class:`FieldTypeError`."""
        from pathlib import Path  # imported when needed, like json

        vi = lang != "en"
        if isinstance(path, bytes):
            path = os.fsdecode(path)
        if isinstance(path, (int, bool)) or not isinstance(path, (str, os.PathLike)):
            kind = type(path).__name__
            text = f"cần một đường dẫn (str hoặc pathlib.Path), đang là {kind}" if vi else f"expected a path (str or pathlib.Path), got {kind}"
            raise FieldTypeError(text, "path", text)
        p = Path(path)
        fmt = format or _EXTENSIONS.get(p.suffix.lower())
        if fmt is None:
            reason = (
                "không nhận ra định dạng từ đuôi tệp: dùng .json, .yaml, .yml hoặc .toml, hoặc truyền format="
                if vi
                else "cannot tell the format from the extension: use .json, .yaml, .yml or .toml, or pass format="
            )
            raise InputError(f"{p}: {reason}", None, None, None, reason)
        limit = _baocao.MAX_INPUT_BYTES
        too_large = (
            f"dữ liệu quá lớn: hơn {limit} byte (16 MiB), mức tối đa"
            if vi
            else f"input too large: more than {limit} bytes (16 MiB), the largest accepted"
        )
        data = read_at_most(p, limit, too_large, lang)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as e:
            reason = (
                f"không phải văn bản UTF-8 (byte {e.start}): hãy lưu tệp dạng UTF-8"
                if vi
                else f"not UTF-8 text (byte {e.start}): save the file as UTF-8"
            )
            raise InputError(f"{p}: {reason}", None, None, None, reason) from e
        try:
            return cls.from_text(text, fmt, lang=lang)
        except InputError as e:
            # The same error, naming the file it is in.
            raise InputError(f"{p}: {e}", e.path, e.line, e.column, e.reason) from None

    # -- reading back ----------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """The report as a dict of the input's shape (``frame.date`` a ``datetime.date``,
        or, when the office fills in the day by hand, the year as an int (2022) or
        "YYYY-MM"; ``frame.number`` absent when the office writes it)."""
        return self._native.to_data()

    def to_text(self, format: Format, *, lang: Lang = "vi") -> str:
        """The report as JSON, YAML or TOML text."""
        return self._native.to_text(format, lang)

    # -- checking --------------------------------------------------------------------

    def validate(self, today: datetime.date | None = None, *, lang: Lang = "vi") -> list[Problem]:
        """Every validation problem (empty when the report is valid). ``today``
        enables the "date of issue in the future" rule; messages are in ``lang``."""
        return [Problem(*p) for p in self._native.problems(today, lang)]

    def check(self, today: datetime.date | None = None, *, lang: Lang = "vi") -> None:
        """Raises :class:`ValidationError` with every problem unless the report is valid."""
        problems = self._native.problems(today, lang)
        if problems:
            text = "\n".join(str(Problem(*p)) for p in problems)
            raise ValidationError(text, problems)

    # -- rendering -------------------------------------------------------------------

    def render(
        self,
        *,
        author: str | None = None,
        created: datetime.datetime | None = None,
        today: datetime.date | None = None,
        layout: LayoutSettings | None = None,
        lang: Lang = "vi",
    ) -> bytes:
        """Validates and renders; returns the bytes of the .docx.

        ``author`` and ``created`` go into the document properties (defaults: the
        issuing organ, and the date of issue at midnight, so output depends on the
        input only). ``layout`` overrides layout settings by name, e.g.
        ``{"roman_style": "dot", "body_size": 30}`` (sizes in half-points).
        Raises :class:`ValidationError`; messages are in ``lang``.
        """
        return self._native.render(author, created, today, dict(layout) if layout is not None else None, lang)

    def render_pdf(
        self,
        *,
        author: str | None = None,
        created: datetime.datetime | None = None,
        today: datetime.date | None = None,
        layout: LayoutSettings | None = None,
        pdfa: bool = False,
        allow_font_fallback: bool = False,
        timeout: float = 120.0,
        lang: Lang = "vi",
    ) -> bytes:
        """Renders (as :meth:`render`) and converts the .docx to PDF through
        LibreOffice (as :func:`to_pdf`, the font checked being the layout's);
        returns the PDF's bytes. Raises :class:`ValidationError` and
        :class:`PdfError`."""
        settings = dict(layout) if layout is not None else None
        docx = self._native.render(author, created, today, settings, lang)
        font = layout.get("font") if layout is not None else None
        return _baocao.to_pdf(docx, pdfa, allow_font_fallback, float(timeout), font, lang)

    def write(
        self,
        path: str | os.PathLike[str],
        *,
        overwrite: bool = False,
        author: str | None = None,
        created: datetime.datetime | None = None,
        today: datetime.date | None = None,
        layout: LayoutSettings | None = None,
        lang: Lang = "vi",
    ) -> None:
        """Validates, renders and writes the .docx to ``path`` atomically (a
        temporary file in the same folder, then a rename): a failure never leaves a
        half-written file. Raises ``FileExistsError`` if ``path`` exists and
        ``overwrite`` is false, and :class:`ValidationError` / ``OSError``."""
        self._native.write(
            os.fspath(path), overwrite, author, created, today, dict(layout) if layout is not None else None, lang
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Report):
            return NotImplemented
        return self._native == other._native

    def __repr__(self) -> str:
        frame = self.to_dict()["frame"]
        number = frame.get("number", "…")
        return f"<baocao.Report {frame['issuer']['organ']} số {number} {frame['date']}>"
