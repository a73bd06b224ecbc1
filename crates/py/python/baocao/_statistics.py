"""From rows of figures, as a spreadsheet or a DataFrame gives them, to a
statistics appendix of the report's input shape."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ._errors import InputError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_KNOWN = {"name", "unit", "note", "group", "decimals"}


def _year_of(key: object) -> int | None:
    """A column name that is a year: 2012, "2012", 2012.0."""
    if isinstance(key, bool):
        return None
    if isinstance(key, int):
        return key
    if hasattr(key, "__index__"):  # numpy.int64 column names
        import operator

        return operator.index(key)
    if isinstance(key, float) and key.is_integer():
        return int(key)
    if isinstance(key, str) and key.strip().isdigit():
        return int(key.strip())
    return None


def _blank(v: object) -> bool:
    """An empty cell: None, "", or NaN (what pandas gives for one)."""
    return v is None or (isinstance(v, str) and not v.strip()) or (isinstance(v, float) and v != v)


def statistics_table(
    rows: Iterable[Mapping[Any, Any]] | Any,
    *,
    title: str,
    years: Iterable[int] | None = None,
    unit: str | None = None,
    source: str | None = None,
    lang: str = "vi",
) -> dict[str, Any]:
    """A statistics appendix (one entry of ``statistics``) from rows of figures.

    Each row is a mapping (a dict, or a DataFrame: its records are read) with
    ``name``, one value per year under the year as key (``2012``, ``"2012"`` or
    ``2012.0``), and optionally ``unit`` (else the table's ``unit``), ``note``,
    ``decimals`` and ``group`` (the heading of the indicator's group; groups keep
    the order in which they first appear). ``years`` defaults to every year
    column seen, in order. A year missing from a row, or an empty cell (None,
    "", NaN), is a missing figure.

    Problems of shape (a row that is not a mapping, no name, an unknown column)
    are raised together as one :class:`InputError` listing each with its place
    (``rows[3].name``), in ``lang`` ("vi" or "en"); problems of content are
    :meth:`Report.validate`'s.

    >>> t = statistics_table([{"name": "Số điểm vui chơi", "unit": "điểm", 2020: 57, 2021: 62}],
    ...                      title="Một số chỉ tiêu")
    >>> t["years"], t["groups"][0]["indicators"][0]["values"]
    ([2020, 2021], [57, 62])
    """
    if hasattr(rows, "to_dict") and not isinstance(rows, Mapping):
        rows = rows.to_dict("records")  # a pandas DataFrame
    vi = lang != "en"
    problems: list[str] = []
    records: list[Mapping[Any, Any]] = []
    seen_years: list[int] = []
    for i, row in enumerate(rows):
        if not isinstance(row, Mapping):
            t = type(row).__name__
            problems.append(
                f"rows[{i}]: cần một dòng gồm các ô có tên (một dict), đang là {t}"
                if vi
                else f"rows[{i}]: expected a row of named cells (a dict), got {t}"
            )
            continue
        records.append(row)
        for key in row:
            y = _year_of(key)
            if y is None:
                if str(key) not in _KNOWN:
                    problems.append(
                        f"rows[{i}]: không có cột {key!r}: dùng name, unit, note, group, decimals và các năm"
                        if vi
                        else f"rows[{i}]: unknown column {key!r}: use name, unit, note, group, decimals and the years"
                    )
            elif y not in seen_years:
                seen_years.append(y)
        if _blank(row.get("name")):
            problems.append(
                f"rows[{i}].name: dòng nào cũng cần tên chỉ tiêu"
                if vi
                else f"rows[{i}].name: every row needs the indicator's name"
            )
    year_list = list(years) if years is not None else sorted(seen_years)
    if not year_list:
        problems.append(
            "years: các dòng không có cột năm nào, và years cũng không được truyền"
            if vi
            else "years: no year column in the rows, and none given"
        )
    if problems:
        n = len(problems)
        lead = f"{n} lỗi trong các dòng số liệu" if vi else f"{n} problem{'s' if n > 1 else ''} in the rows of figures"
        raise InputError(
            f"{lead}:\n" + "\n".join(problems),
            None,
            None,
            None,
            problems[0],
        )
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in records:
        values_by_year = {_year_of(k): v for k, v in row.items() if _year_of(k) is not None}
        indicator: dict[str, Any] = {
            "name": row["name"],
            "values": [None if _blank(values_by_year.get(y)) else values_by_year[y] for y in year_list],
        }
        for key in ("unit", "note", "decimals"):
            if not _blank(row.get(key)):
                indicator[key] = row[key]
        group = row.get("group")
        groups.setdefault("" if _blank(group) else str(group), []).append(indicator)
    table: dict[str, Any] = {
        "title": title,
        "years": year_list,
        "groups": [
            ({"heading": heading} if heading else {}) | {"indicators": indicators}
            for heading, indicators in groups.items()
        ],
    }
    if unit is not None:
        table["unit"] = unit
    if source is not None:
        table["source"] = source
    return table
