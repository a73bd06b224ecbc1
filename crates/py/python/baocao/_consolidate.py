"""``baocao.consolidate``: the province's totals, workbook and draft from its
units' reports."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence

from . import _baocao
from ._errors import InputError

TYPE_CHECKING = False
if TYPE_CHECKING:
    import datetime
    from typing import Any, Literal, TypedDict

    from . import Report

    class Total(TypedDict):
        value: float | None
        """The sum or weighted mean; ``None`` for a rate without base or when no unit gave a figure."""
        range: list[float] | None
        """For a rate without base: [lowest, highest] of the units."""
        units: int
        """How many units' figures went into it."""

    class UnitFigures(TypedDict):
        unit: str
        present: bool
        wording: str
        measure: str | None
        factor: float
        values: list[float | None]

    class Row(TypedDict):
        name: str
        unit: str | None
        decimals: int | None
        kind: Literal["sum", "weighted_mean", "range"]
        base: str | None
        totals: list[Total]
        figures: list[UnitFigures]

    class Group(TypedDict):
        heading: str | None
        rows: list[Row]

    class Table(TypedDict):
        title: str
        years: list[int]
        groups: list[Group]

    class Unmatched(TypedDict):
        unit: str
        indicator: str
        measure: str | None
        table: str
        reason: Literal["only_here", "twice"]
        likely: str | None

    # "from" is a keyword: the functional form.
    Conversion = TypedDict("Conversion", {"unit": str, "indicator": str, "from": str, "to": str, "factor": float})

__all__ = ["Consolidation", "consolidate"]

_DATA = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".toml": "toml"}


class Consolidation:
    """What :func:`consolidate` made: ``units`` (names, in order), ``expected``,
    ``missing`` (expected units with no report), ``tables`` (per appendix, per
    group, each row's ``totals`` per year and each unit's ``figures``),
    ``unmatched`` indicators (named by one unit alone: never summed into another),
    ``conversions`` (money converted), and ``skipped`` (with ``partial=True``, the
    inputs left out and why)."""

    __slots__ = ("_native", "units", "expected", "missing", "tables", "unmatched", "conversions", "skipped")

    units: list[str]
    expected: int
    missing: list[str]
    tables: list[Table]
    unmatched: list[Unmatched]
    conversions: list[Conversion]
    skipped: list[tuple[str, str]]

    def __init__(self, native: _baocao.Consolidation, skipped: list[tuple[str, str]]) -> None:
        summary = native.summary()
        self._native = native
        self.units = summary["units"]
        self.expected = summary["expected"]
        self.missing = summary["missing"]
        self.tables = summary["tables"]
        self.unmatched = summary["unmatched"]
        self.conversions = summary["conversions"]
        self.skipped = skipped

    def to_xlsx(self) -> bytes:
        """The workbook: per appendix the province's totals as formulas over a
        sheet of each unit's figures, and a sheet of notes (missing units,
        unmatched indicators, conversions)."""
        return self._native.to_xlsx()

    def draft(self, *, lang: Literal["vi", "en"] = "vi") -> Report:
        """The provincial report's input (the province's ``frame`` from the units
        description, the totals as statistics, the units' text under their names).
        Raises :class:`InputError` without a frame."""
        from . import Report

        return Report(self._native.draft(lang))

    def __repr__(self) -> str:
        return f"<baocao.Consolidation {len(self.units)}/{self.expected} đơn vị, {len(self.unmatched)} chưa khớp>"


def _read(item: object, today: datetime.date | None, lang: str) -> Report:
    from . import Report
    from ._extract import extract

    path = os.fsdecode(item) if isinstance(item, (str, os.PathLike)) else None
    docx: str | bytes | None = bytes(item) if isinstance(item, (bytes, bytearray)) else None
    if path is not None and path.lower().endswith(".docx"):
        docx = path
    if isinstance(item, Report):
        report = item
    elif docx is not None:
        got = extract(docx, today=today, lang=lang)  # type: ignore[arg-type]
        # Its problems include validation's: nothing to check again.
        if not got.ok:
            raise InputError("\n".join(str(p) for p in got.problems), None, None, None, "extract")
        return got.report
    elif path is not None:
        report = Report.from_file(path, lang=lang)  # type: ignore[arg-type]
    else:
        kind = type(item).__name__
        raise InputError(f"expected a Report, a path or a .docx's bytes, got {kind}", None, None, None, kind)
    report.check(today, lang=lang)  # type: ignore[arg-type]
    return report


def consolidate(
    reports: Sequence[Report | str | os.PathLike[str] | bytes],
    *,
    units: Mapping[str, Any] | str | os.PathLike[str] | None = None,
    partial: bool = False,
    today: datetime.date | None = None,
    lang: Literal["vi", "en"] = "vi",
) -> Consolidation:
    """Consolidates the units' reports: each a :class:`Report`, a path (.docx read
    as :func:`extract` reads it; .yaml / .json / .toml data) or a .docx's bytes.
    ``units`` is the province's units description (a dict, or the path of its
    units.yaml): ``frame``, the ``units`` expected, ``aliases`` (an indicator's
    other wordings), ``bases`` (the indicator a rate is a share of).

    Counts and money are summed (money converted to the unit most units use);
    rates are never summed: a weighted mean where ``bases`` names their base,
    otherwise the range. An empty figure is not zero. A report that does not
    read or validate raises (:class:`InputError`, :class:`ValidationError`,
    naming it) unless ``partial``: then it is left out and listed in
    ``skipped``. Two reports of one unit raise :class:`InputError` (its figures
    would count twice). The computation runs without the GIL.

    >>> import baocao
    >>> c = baocao.consolidate(["examples/tinh-son-ha/huyen-hoa-lam.yaml",
    ...                         "examples/tinh-son-ha/huyen-an-phu.yaml"],
    ...                        units="examples/tinh-son-ha/units.yaml")
    >>> c.units, c.missing
    (['Huyện ủy Hòa Lâm', 'Huyện ủy An Phú'], ['Thành ủy Sơn Hà', 'Huyện ủy Đồng Xuân'])
    """
    read: list[Report] = []
    sources: list[str] = []
    skipped: list[tuple[str, str]] = []
    for i, item in enumerate(reports):
        where = os.fspath(item) if isinstance(item, (str, os.PathLike)) else f"reports[{i}]"
        try:
            read.append(_read(item, today, lang))
            sources.append(where)
        except (InputError, ValueError) as e:
            if not partial:
                e.args = (f"{where}: {e}",) + e.args[1:]
                raise
            skipped.append((where, str(e)))
    natives = [r._native for r in read]
    if units is None or isinstance(units, Mapping):
        native = _baocao.consolidate(natives, dict(units) if units is not None else None, None, lang, sources)
    else:
        path = os.fspath(units)
        ext = os.path.splitext(path)[1].lower()
        with open(path, encoding="utf-8") as f:
            text = f.read()
        native = _baocao.consolidate(natives, None, (text, _DATA.get(ext, "yaml")), lang, sources)
    return Consolidation(native, skipped)
