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
    if isinstance(key, str) and key.strip().isascii() and key.strip().isdigit():
        return int(key.strip())
    return None


def _blank(v: object) -> bool:
    """An empty cell: None, "", NaN of any number type (Python's, numpy's), or
    pandas' NA and NaT."""
    if v is None or (isinstance(v, str) and not v.strip()):
        return True
    if type(v).__name__ in ("NAType", "NaTType"):
        return True
    if isinstance(v, (str, bytes, bool)) or not hasattr(v, "__float__"):
        return False
    try:
        f = float(v)  # a number of numpy's or the like (checked: it has __float__)
    except (TypeError, ValueError):
        return False
    return f != f


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
    vi = lang != "en"
    if hasattr(rows, "to_dict") and not isinstance(rows, Mapping):
        if not hasattr(rows, "columns"):
            # A pandas Series is one column or one row, not a table.
            text = (
                "rows: một pandas Series là một cột hoặc một dòng, không phải bảng: truyền cả DataFrame, hoặc một danh sách các dòng"
                if vi
                else "rows: a pandas Series is one column or one row, not a table: pass the DataFrame, or a list of rows"
            )
            raise InputError(text, "rows", None, None, text)
        rows = rows.to_dict("records")  # a pandas DataFrame
    problems: list[str] = []
    records: list[Mapping[Any, Any]] = []
    places: list[int] = []  # each record's place among the rows
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
        places.append(i)
        years_here: dict[int, object] = {}
        for key in row:
            y = _year_of(key)
            if y is not None and y in years_here:
                problems.append(
                    f"rows[{i}]: năm {y} có hai cột ({years_here[y]!r} và {key!r}): chỉ giữ một"
                    if vi
                    else f"rows[{i}]: the year {y} has two columns ({years_here[y]!r} and {key!r}): keep one"
                )
            if y is not None:
                years_here[y] = key
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
    # Rows without a group after rows with one would print under the group
    # before them: every row of a grouped table names its group.
    grouped = [not _blank(r.get("group")) for r in records]
    if any(grouped) and not all(grouped):
        for i, has in zip(places, grouped):
            if not has:
                problems.append(
                    f"rows[{i}].group: các dòng khác có nhóm, dòng này thì không (nó sẽ in lẫn vào nhóm đứng trước): ghi nhóm cho mọi dòng"
                    if vi
                    else f"rows[{i}].group: the other rows have a group and this one has none (it would print under the group before it): give every row its group"
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
