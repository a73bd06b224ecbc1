"""Values as spreadsheet libraries give them: numpy and pandas scalars, whole
floats for integers, NaN / NaT / NA for empty cells. Taken by protocol, so the
first tests use stand-ins and pass without numpy or pandas; the last ones use the
real libraries when they are installed."""

from __future__ import annotations

import datetime
import io
import math
import zipfile
from pathlib import Path
from typing import Any

import pytest

import baocao

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "examples" / "bao-cao-huyen-hoa-lam.yaml"


@pytest.fixture()
def data() -> dict[str, Any]:
    return baocao.Report.from_file(EXAMPLE).to_dict()


class Int64:
    """Like numpy.int64: not an int, but has __index__."""

    def __init__(self, v: int) -> None:
        self.v = v

    def __index__(self) -> int:
        return self.v

    def __float__(self) -> float:
        return float(self.v)


class Float64:
    """Like numpy.float64 (which is a float subclass; this one is not)."""

    def __init__(self, v: float) -> None:
        self.v = v

    def __float__(self) -> float:
        return self.v


class Timestamp:
    """Like pandas.Timestamp: has to_pydatetime()."""

    def __init__(self, d: datetime.datetime) -> None:
        self.d = d

    def to_pydatetime(self) -> datetime.datetime:
        return self.d


class NAType:
    """Like pandas.NA: neither equal nor unequal to anything."""

    def __bool__(self) -> bool:
        raise TypeError("boolean value of NA is ambiguous")


def test_protocols_stand_in_for_numpy_and_pandas(data: dict[str, Any]) -> None:
    data["frame"]["number"] = Int64(125)
    data["frame"]["date"] = Timestamp(datetime.datetime(2022, 2, 15))
    table = data["statistics"][0]
    table["years"] = [float(y) for y in table["years"]]  # 2012.0: a whole float is an integer
    ind = table["groups"][0]["indicators"]
    ind[0]["values"] = [Int64(21245), Float64(21530.0), float("nan"), NAType(), None] + ind[0]["values"][5:]
    ind[2]["decimals"] = 1.0
    report = baocao.Report.from_dict(data)
    assert report.validate() == []
    back = report.to_dict()
    assert back["frame"]["number"] == 125 and back["frame"]["date"] == datetime.date(2022, 2, 15)
    assert back["statistics"][0]["years"][0] == 2012
    assert back["statistics"][0]["groups"][0]["indicators"][0]["values"][:5] == [21245, 21530, "-", "-", "-"]
    with zipfile.ZipFile(io.BytesIO(report.render())) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    assert ">21.245<" in xml and ">21.530<" in xml, "numpy-like figures print in the Vietnamese way"


def test_missing_values_are_missing_where_allowed_and_errors_where_not(data: dict[str, Any]) -> None:
    data["dissemination"]["paragraphs"].append(
        {"table": {"header": ["Xã", "Số"], "rows": [["Hòa An", float("nan")], ["Hòa Bình", NAType()]]}}
    )
    report = baocao.Report.from_dict(data)
    assert report.validate() == []
    at = len(data["dissemination"]["paragraphs"]) - 1
    assert report.to_dict()["dissemination"]["paragraphs"][at]["table"]["rows"][0][1] == "-"
    # An infinity is still not a figure.
    data["dissemination"]["paragraphs"][at]["table"]["rows"][0][1] = float("inf")
    problems = [(p.code, p.path) for p in baocao.Report.from_dict(data).validate()]
    assert problems == [("not_finite", f"dissemination.paragraphs[{at}].table.rows[0][1]")]
    # Where a value is required, a missing one is an error naming the field.
    for field, value in (("date", NAType()), ("date", float("nan"))):
        bad = dict(data, frame=dict(data["frame"], **{field: value}))
        with pytest.raises(baocao.FieldTypeError) as e:
            baocao.Report.from_dict(bad)
        assert e.value.path == f"frame.{field}", str(e.value)
    # The number may be left for the office to write: an empty cell leaves it out.
    blank = baocao.Report.from_dict(dict(data, frame=dict(data["frame"], number=float("nan"))))
    assert "number" not in blank.to_dict()["frame"]
    frac = dict(data, frame=dict(data["frame"], number=125.5))
    with pytest.raises(baocao.FieldTypeError) as e:
        baocao.Report.from_dict(frac)
    assert e.value.path == "frame.number"


def test_report_called_with_a_dict_names_from_dict(data: dict[str, Any]) -> None:
    with pytest.raises(TypeError) as e:
        baocao.Report(data)  # type: ignore[arg-type]
    assert "Report.from_dict" in str(e.value)


def test_file_errors_name_the_file_and_pathless_problems_have_no_colon(tmp_path: Path) -> None:
    bad = tmp_path / "bao-cao.yaml"
    bad.write_text("frame: [\n", encoding="utf-8")
    with pytest.raises(baocao.InputError) as e:
        baocao.Report.from_file(bad)
    assert str(e.value).startswith(f"{bad}: YAML dòng 1 cột 8, frame: cần một nhóm trường"), str(e.value)
    with pytest.raises(baocao.InputError) as en:
        baocao.Report.from_file(bad, lang="en")
    assert str(en.value).startswith(f"{bad}: YAML line 1 column 8, frame: expected a group of fields"), str(en.value)
    assert str(baocao.Problem("", "too_large", "quá lớn")) == "quá lớn [too_large]"


def test_real_numpy_and_pandas_values(data: dict[str, Any]) -> None:
    np = pytest.importorskip("numpy")
    pd = pytest.importorskip("pandas")
    data["frame"]["number"] = np.int64(125)
    data["frame"]["date"] = pd.Timestamp("2022-02-15")
    table = data["statistics"][0]
    table["years"] = list(np.arange(2012, 2022, dtype=np.int64))
    frame = pd.DataFrame({"2012": [1.0, np.nan], "2013": [pd.NA, 2]}, dtype=object)
    values = table["groups"][0]["indicators"][1]["values"]
    values[:4] = [np.float64(486.0), np.nan, pd.NA, pd.NaT]
    table["groups"][0]["indicators"][2]["decimals"] = np.int8(1)
    assert math.isnan(frame.iloc[1, 0])
    report = baocao.Report.from_dict(data)
    assert report.validate() == []
    back = report.to_dict()
    assert back["frame"]["number"] == 125
    assert back["statistics"][0]["groups"][0]["indicators"][1]["values"][:4] == [486, "-", "-", "-"]
    assert len(report.render()) > 0


# -- from rows of figures to a statistics appendix ---------------------------------------


def test_statistics_table_from_rows(data: dict[str, Any]) -> None:
    rows = [
        {"group": "Dân số", "name": "Tổng số trẻ em", "unit": "người", 2012: 21245, "2013": 21530.0},
        {"group": "Bảo vệ", "name": "Số vụ xâm hại", "unit": "vụ", 2012: 3, 2013.0: None, "note": "năm 2013 không có"},
        {"group": "Dân số", "name": "Tỷ lệ được trợ giúp", "unit": "%", "decimals": 1, 2012: 82.5, 2013: float("nan")},
        {"group": "Nguồn lực", "name": "Kinh phí", 2012: 420, 2013: ""},
    ]
    table = baocao.statistics_table(rows, title="Một số chỉ tiêu", unit="triệu đồng", source="Phòng Tài chính")
    assert table["years"] == [2012, 2013]
    assert [g.get("heading") for g in table["groups"]] == ["Dân số", "Bảo vệ", "Nguồn lực"]
    first = table["groups"][0]["indicators"]
    assert [i["name"] for i in first] == ["Tổng số trẻ em", "Tỷ lệ được trợ giúp"]
    assert first[0]["values"] == [21245, 21530.0] and first[1]["values"][1] is None
    assert table["groups"][1]["indicators"][0] == {
        "name": "Số vụ xâm hại",
        "values": [3, None],
        "unit": "vụ",
        "note": "năm 2013 không có",
    }
    assert "unit" not in table["groups"][2]["indicators"][0], "the table's unit stands for it"
    data["statistics"] = [table]
    report = baocao.Report.from_dict(data)
    assert report.validate() == []
    with zipfile.ZipFile(io.BytesIO(report.render())) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    assert "Đơn vị tính: triệu đồng" in xml and ">21.530<" in xml and ">82,5<" in xml


def test_statistics_table_reports_every_shape_problem_at_once() -> None:
    rows = [{"name": "Một", 2020: 1}, "không phải một dòng", {"ten": "Hai", 2020: 2}, {"name": " ", 2020: 3}]
    with pytest.raises(baocao.InputError) as e:
        baocao.statistics_table(rows, title="Số liệu")  # type: ignore[list-item]
    message = str(e.value)
    assert message.startswith("4 lỗi trong các dòng số liệu:"), message
    for part in ("rows[1]: cần một dòng", "rows[2]: không có cột 'ten'", "rows[2].name:", "rows[3].name:"):
        assert part in message, part
    with pytest.raises(baocao.InputError) as en:
        baocao.statistics_table(rows, title="Số liệu", lang="en")  # type: ignore[list-item]
    message = str(en.value)
    assert message.startswith("4 problems in the rows of figures:"), message
    for part in ("rows[1]: expected a row", "rows[2]: unknown column 'ten'", "rows[2].name:", "rows[3].name:"):
        assert part in message, part


def test_statistics_table_refuses_what_would_print_wrong(data: dict[str, Any]) -> None:
    # A year written with a superscript, a year given twice, a row without a group
    # among grouped rows: each named with its row, none silently kept or dropped.
    rows = [
        {"group": "A", "name": "Một", 2020: 1, "2021¹": 2},
        {"group": "A", "name": "Hai", 2021: 5, "2021": 7},
        {"name": "Ba", 2021: 3},
    ]
    with pytest.raises(baocao.InputError) as e:
        baocao.statistics_table(rows, title="Số liệu", lang="en")
    message = str(e.value)
    assert message.startswith("3 problems in the rows of figures:"), message
    for part in ("rows[0]: unknown column '2021¹'", "rows[1]: the year 2021 has two columns (2021 and '2021')", "rows[2].group:"):
        assert part in message, message
    # The same table given to the report: its validation says so too.
    data["statistics"][0]["groups"].append({"indicators": [{"name": "Ba", "unit": "người", "values": [1]}]})
    problems = [(p.code, p.path) for p in baocao.Report.from_dict(data).validate()]
    assert problems == [("group_without_heading", "statistics[0].groups[4].heading")]


def test_statistics_table_reads_numpy_and_pandas_gaps(data: dict[str, Any]) -> None:
    np = pytest.importorskip("numpy")
    pd = pytest.importorskip("pandas")
    # A group cell that is numpy's NaN is no group (not a heading "nan").
    rows = [{"group": np.float32("nan"), "name": "Một", "unit": "người", 2020: 1}]
    table = baocao.statistics_table(rows, title="Số liệu")
    assert table["groups"] == [{"indicators": [{"name": "Một", "values": [1], "unit": "người"}]}]
    # A Series is not a table.
    with pytest.raises(baocao.InputError) as e:
        baocao.statistics_table(pd.Series({"name": "Một", 2020: 1}), title="Số liệu", lang="en")
    assert "a pandas Series is one column or one row" in str(e.value)
    # Values as a numpy array are a list.
    indicator = data["statistics"][0]["groups"][0]["indicators"][0]
    indicator["values"] = np.array(indicator["values"], dtype=np.int64)
    assert baocao.Report.from_dict(data).validate() == []
    indicator["values"] = np.array(["x"] * 3)
    with pytest.raises(baocao.InputError) as err:
        baocao.Report.from_dict(data)
    assert err.value.path == "statistics[0].groups[0].indicators[0].values[0]", str(err.value)


def test_statistics_table_from_a_dataframe(data: dict[str, Any]) -> None:
    np = pytest.importorskip("numpy")
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(
        {"name": ["Trẻ em", "Điểm vui chơi"], "unit": ["người", "điểm"], np.int64(2020): [100, np.nan], 2021: [110, 62]}
    )
    table = baocao.statistics_table(frame, title="Số liệu")
    assert table["years"] == [2020, 2021]
    assert table["groups"][0]["indicators"][1]["values"] == [None, 62]
    data["statistics"] = [table]
    assert baocao.Report.from_dict(data).validate() == []


def test_statistics_table_docstring_example() -> None:
    import doctest

    from baocao import _statistics

    assert doctest.testmod(_statistics).failed == 0


def test_the_excel_example_script(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    import subprocess
    import sys

    out = tmp_path / "bao-cao.docx"
    done = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "so_lieu_tu_excel.py"), str(out)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(out) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    # The workbook's figures, in the Vietnamese notation, and its notes.
    for text in (">21.245<", ">96,2<", "Năm 2020 không phát hiện vụ việc", "Nguồn: Phòng Lao động"):
        assert text in xml, text
