"""The Python API as a data-entry script uses it."""

from __future__ import annotations

import copy
import datetime
import io
import json
import threading
import unicodedata
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import baocao

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "examples" / "bao-cao-huyen-hoa-lam.yaml"
TODAY = datetime.date(2022, 3, 1)


@pytest.fixture(scope="module")
def report() -> baocao.Report:
    return baocao.Report.from_file(EXAMPLE)


@pytest.fixture()
def data(report: baocao.Report) -> dict[str, Any]:
    return report.to_dict()


def document_xml(docx: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        return z.read("word/document.xml").decode("utf-8")


# -- building and round trips ---------------------------------------------------------


def test_dict_round_trip(report: baocao.Report, data: dict[str, Any]) -> None:
    assert data["frame"]["date"] == datetime.date(2022, 2, 15)
    assert data["frame"]["number"] == 125
    again = baocao.Report.from_dict(data)
    assert again == report
    assert again.to_dict() == data


def test_every_input_form_gives_the_same_report(report: baocao.Report, tmp_path: Path) -> None:
    for fmt in ("json", "yaml", "toml"):
        text = report.to_text(fmt)  # type: ignore[arg-type]
        assert baocao.Report.from_text(text, fmt) == report  # type: ignore[arg-type]
        path = tmp_path / f"bao-cao.{fmt}"
        path.write_text(text, encoding="utf-8")
        assert baocao.Report.from_file(path) == report
    assert baocao.Report.from_json(report.to_text("json")) == report
    assert baocao.Report.from_yaml(report.to_text("yaml")) == report
    assert baocao.Report.from_toml(report.to_text("toml")) == report
    (tmp_path / "bao-cao.txt").write_text(report.to_text("json"), encoding="utf-8")
    assert baocao.Report.from_file(tmp_path / "bao-cao.txt", format="json") == report


def test_spreadsheet_values_are_accepted(data: dict[str, Any]) -> None:
    data["frame"]["date"] = datetime.datetime(2022, 2, 15)  # a date cell read by openpyxl
    ind = data["statistics"][0]["groups"][0]["indicators"][0]
    ind["values"] = [Decimal("21245"), 21530.0, None, "-"] + ind["values"][4:]
    ind["values"] = tuple(ind["values"])
    r = baocao.Report.from_dict(data)
    back = r.to_dict()
    assert back["frame"]["date"] == datetime.date(2022, 2, 15)
    assert back["statistics"][0]["groups"][0]["indicators"][0]["values"][:4] == [21245, 21530, "-", "-"]


def test_nfd_input_is_stored_as_nfc(data: dict[str, Any]) -> None:
    nfd = json.loads(unicodedata.normalize("NFD", json.dumps(data, default=str, ensure_ascii=False)))
    nfd["frame"]["date"] = data["frame"]["date"]
    assert nfd["frame"]["issuer"]["organ"] != "HUYỆN ỦY HÒA LÂM"
    r = baocao.Report.from_dict(nfd)
    assert r.to_dict()["frame"]["issuer"]["organ"] == "HUYỆN ỦY HÒA LÂM"
    assert r == baocao.Report.from_dict(data)
    assert "HUYỆN ỦY HÒA LÂM" in document_xml(r.render())


# -- errors ----------------------------------------------------------------------------


def test_unknown_key_is_an_input_error_with_its_path(data: dict[str, Any]) -> None:
    data["frame"]["plase"] = "x"
    with pytest.raises(baocao.InputError) as e:
        baocao.Report.from_dict(data)
    assert e.value.path == "frame.plase"
    assert "không có trường “plase” ở đây; dùng một trong: issuer, number, place," in str(e.value)
    with pytest.raises(baocao.InputError) as en:
        baocao.Report.from_dict(data, lang="en")
    assert str(en.value).startswith("frame.plase: unknown field `plase`; use one of: issuer,"), str(en.value)
    assert isinstance(e.value, ValueError) and isinstance(e.value, baocao.BaocaoError)


def test_missing_area_is_an_input_error(data: dict[str, Any]) -> None:
    del data["results"]["legislation"]
    with pytest.raises(baocao.InputError) as e:
        baocao.Report.from_dict(data)
    assert e.value.path == "results"
    assert str(e.value) == "results: thiếu trường “legislation”"


def test_syntax_error_has_line_and_column() -> None:
    with pytest.raises(baocao.InputError) as e:
        baocao.Report.from_json('{\n  "frame": {,\n}')
    assert (e.value.line, e.value.column) == (2, 13)


@pytest.mark.parametrize(
    ("mutate", "path"),
    [
        (lambda d: d["frame"].__setitem__("number", [125]), "frame.number"),
        (lambda d: d["frame"].__setitem__("number", "125"), "frame.number"),
        (lambda d: d["frame"].__setitem__("date", {2022, 2}), "frame.date"),
        (lambda d: d["frame"].__setitem__("date", datetime.datetime(2022, 2, 15, 9, 30)), "frame.date"),
        (lambda d: d["frame"]["recipients"].__setitem__(1, 42), "frame.recipients[1]"),
        (lambda d: d["results"]["leadership"]["paragraphs"].__setitem__(0, object()), "results.leadership.paragraphs[0]"),
        (lambda d: d["frame"]["signature"].__setitem__("name", "Hoàng\ud800"), "frame.signature.name"),
        (lambda d: d["frame"].__setitem__(7, "x"), "frame"),
    ],
)
def test_wrong_python_types_are_type_errors_naming_the_field(data: dict[str, Any], mutate: Any, path: str) -> None:
    mutate(data)
    with pytest.raises(baocao.FieldTypeError) as e:
        baocao.Report.from_dict(data)
    assert e.value.path == path, str(e.value)
    assert isinstance(e.value, TypeError)
    assert str(e.value).startswith(path)


def test_a_file_that_is_not_utf8_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "bao-cao.yaml"
    path.write_bytes(b"frame:\n  place: H\xf2a L\xe2m\n")
    with pytest.raises(baocao.InputError) as e:
        baocao.Report.from_file(path)
    assert "không phải văn bản UTF-8 (byte 17)" in str(e.value)
    with pytest.raises(baocao.InputError) as en:
        baocao.Report.from_file(path, lang="en")
    assert "not UTF-8 text (byte 17)" in str(en.value)
    with pytest.raises(FileNotFoundError):
        baocao.Report.from_file(tmp_path / "khong-co.yaml")


def test_not_a_dict() -> None:
    with pytest.raises(TypeError):
        baocao.Report.from_dict([1, 2])  # type: ignore[arg-type]


def test_validation_problems_and_error(data: dict[str, Any]) -> None:
    data["frame"]["number"] = 0
    data["results"]["resources"] = {}
    data["statistics"][0]["groups"][0]["indicators"][2]["values"][1] = 184.0
    r = baocao.Report.from_dict(data)
    problems = r.validate(today=TODAY)
    assert [(p.path, p.code) for p in problems] == [
        ("frame.number", "number_not_positive"),
        ("results.resources", "area_empty"),
        ("statistics[0].groups[0].indicators[2].values[1]", "percent_out_of_range"),
    ]
    assert problems[0].message == "số văn bản phải là số dương, đang là 0"
    assert r.validate(today=TODAY, lang="en")[0].message == "the document number must be positive, got 0"
    with pytest.raises(baocao.ValidationError) as e:
        r.render()
    assert [p.code for p in e.value.problems] == ["number_not_positive", "area_empty", "percent_out_of_range"]
    assert isinstance(e.value, ValueError)
    with pytest.raises(baocao.ValidationError):
        r.check()


def test_date_in_the_future_needs_today(report: baocao.Report) -> None:
    assert report.validate() == []
    (p,) = report.validate(today=datetime.date(2022, 2, 1))
    assert (p.path, p.code) == ("frame.date", "date_in_future")
    with pytest.raises(baocao.ValidationError):
        report.render(today=datetime.date(2022, 2, 1))


def test_nan_is_missing_and_infinity_a_validation_problem(data: dict[str, Any]) -> None:
    # NaN is how pandas and numpy say "no figure": printed "-". An infinity is not a figure.
    values = data["statistics"][0]["groups"][1]["indicators"][0]["values"]
    values[0] = float("nan")
    values[1] = float("inf")
    report = baocao.Report.from_dict(data)
    assert [(p.path, p.code) for p in report.validate()] == [
        ("statistics[0].groups[1].indicators[0].values[1]", "not_finite"),
    ]
    assert report.to_dict()["statistics"][0]["groups"][1]["indicators"][0]["values"][0] == "-"


def test_layout_settings(report: baocao.Report) -> None:
    xml = document_xml(report.render(layout={"roman_style": "dot"}))
    assert "II. TÌNH HÌNH" in xml
    with pytest.raises(baocao.FieldTypeError) as e:
        report.render(layout={"roman_stile": "dot"})
    assert e.value.path == "layout.roman_stile"
    with pytest.raises(baocao.FieldTypeError):
        report.render(layout={"body_size": "big"})
    with pytest.raises(baocao.InputError) as bad:
        report.render(layout={"margin_left": 9000})
    assert bad.value.path == "layout.margin_left"
    assert "lề trái + lề phải để lại chưa tới 4500 twip" in str(bad.value)
    with pytest.raises(baocao.InputError) as bad:
        report.render(layout={"margin_left": 9000}, lang="en")
    assert "margins leave less than 4500 twips" in str(bad.value)
    # Numbers that would wrap when written are out of range, with the field named.
    with pytest.raises(baocao.InputError) as bad:
        report.render(layout={"header_distance": 4_000_000_000})
    assert bad.value.path == "layout.header_distance"
    assert "nằm ngoài khoảng cho phép" in str(bad.value)


# -- output ----------------------------------------------------------------------------


def test_bytes_equal_file(report: baocao.Report, tmp_path: Path) -> None:
    out = tmp_path / "bao-cao.docx"
    report.write(out)
    assert out.read_bytes() == report.render()
    xml = document_xml(out.read_bytes())
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in xml and "Số 125-BC/HU" in xml


def test_no_overwrite_without_the_flag(report: baocao.Report, tmp_path: Path) -> None:
    out = tmp_path / "bao-cao.docx"
    out.write_bytes(b"old report")
    with pytest.raises(FileExistsError) as e:
        report.write(out)
    assert e.value.filename == str(out)
    assert out.read_bytes() == b"old report"
    report.write(str(out), overwrite=True)
    assert out.read_bytes() == report.render()
    assert [p.name for p in tmp_path.iterdir()] == ["bao-cao.docx"], "no temporary file left"


def test_missing_folder_is_file_not_found(report: baocao.Report, tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        report.write(tmp_path / "khong-co" / "bao-cao.docx")


def test_author_and_created(report: baocao.Report) -> None:
    docx = report.render(author="Văn phòng Huyện ủy", created=datetime.datetime(2022, 2, 16, 8, 0))
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        core = z.read("docProps/core.xml").decode()
    assert "<dc:creator>Văn phòng Huyện ủy</dc:creator>" in core
    assert ">2022-02-16T08:00:00Z</dcterms:created>" in core


def test_eight_threads_render_the_same_bytes(report: baocao.Report) -> None:
    expected = report.render()
    results: list[bytes] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(3):
                results.append(report.render())
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(results) == 24
    assert all(r == expected for r in results)


def test_large_report(data: dict[str, Any]) -> None:
    big = copy.deepcopy(data)
    paragraphs = [f"Đoạn văn số {i}: cấp ủy, chính quyền các cấp đã quan tâm lãnh đạo, chỉ đạo **thực hiện** Chỉ thị." for i in range(1000)]
    big["results"]["leadership"]["paragraphs"] = paragraphs
    r = baocao.Report.from_dict(big)
    assert r.validate() == []
    xml = document_xml(r.render())
    assert xml.count("Đoạn văn số ") == 1000
    assert "Đoạn văn số 999:" in xml


def test_schema_and_version() -> None:
    schema = baocao.json_schema()
    assert schema["title"] == "Report"
    assert set(schema["required"]) == {"frame", "dissemination", "results", "shortcomings", "outlook"}
    assert baocao.__version__ == "0.1.0"


# -- what a committee's report carries (references, headings, sources, units, figures) --


def test_figures_from_python_rows_render_in_vietnamese_notation(data: dict[str, Any]) -> None:
    table = {
        "caption": "Bảng số liệu theo xã",
        "unit": "người",
        "header": ["Xã", "Số trẻ em", "Tỷ lệ (%)", "Ghi chú"],
        "rows": [["Hòa An", 1200, 95.5, None], ["Hòa Bình", 31850, Decimal("100"), "-"]],
        "decimals": [None, None, 1],
        "source": "Phòng Lao động - Thương binh và Xã hội huyện",
    }
    data["dissemination"]["paragraphs"].append({"table": table})
    report = baocao.Report.from_dict(data)
    assert report.validate() == []
    xml = document_xml(report.render())
    for text in ("1.200", "95,5", "31.850", "100,0", "Đơn vị tính: người", "Nguồn: Phòng Lao động"):
        assert text in xml, text
    assert "95.5" not in xml
    # to_dict round trip: an empty cell comes back as "-", which reads as empty again.
    again = report.to_dict()["dissemination"]["paragraphs"][-1]["table"]
    assert again["rows"][0] == ["Hòa An", 1200, 95.5, "-"]
    assert again["decimals"] == ["-", "-", 1]
    assert baocao.Report.from_dict(report.to_dict()) == report


def test_committee_references_headings_and_numbered_items(data: dict[str, Any]) -> None:
    data["frame"]["issuer"]["province"] = "Phú Yên"
    data["frame"]["references"] = ["Kế hoạch số 34-KH/ThU, ngày 10/01/2022 của Ban Thường vụ Thành ủy"]
    data["results"]["coordination"]["coordination_title"] = False
    data["results"]["leadership"]["title"] = "Lãnh đạo, chỉ đạo của cấp ủy"
    data["outlook"]["difficulties"]["paragraphs"].append({"numbered": ["Một.", "Hai."]})
    report = baocao.Report.from_dict(data)
    xml = document_xml(report.render())
    assert "của Ban Thường vụ Tỉnh ủy Phú Yên về việc" in xml
    assert "trong tình hình mới” và Kế hoạch số 34-KH/ThU, ngày 10/01/2022 của Ban Thường vụ Thành ủy, Ban" in xml
    assert "1. Lãnh đạo, chỉ đạo của cấp ủy" in xml
    assert "5.1. Công tác phối hợp" not in xml
    assert '<w:pStyle w:val="ListNumber"/></w:pPr><w:r><w:t xml:space="preserve">1.</w:t><w:tab />' in xml
    assert report.to_dict()["results"]["coordination"]["coordination_title"] is False


def test_non_finite_cell_is_a_problem_with_its_path(data: dict[str, Any]) -> None:
    table = {"header": ["Xã", "Số"], "rows": [["Hòa An", float("-inf")], ["Hòa Bình", float("inf")]]}
    data["dissemination"]["paragraphs"].append({"table": table})
    report = baocao.Report.from_dict(data)
    at = f"dissemination.paragraphs[{len(data['dissemination']['paragraphs']) - 1}].table.rows"
    assert [(p.code, p.path) for p in report.validate()] == [
        ("not_finite", f"{at}[0][1]"),
        ("not_finite", f"{at}[1][1]"),
    ]


def test_the_readme_python_snippet_runs_as_written_twice(tmp_path: Path) -> None:
    import re
    import shutil
    import subprocess
    import sys

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    snippet = re.search(r"```python\n(.*?)```", readme, re.S)
    assert snippet is not None
    # The snippet's own relative paths, from a copy of the repository's examples.
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    for _ in range(2):
        subprocess.run([sys.executable, "-c", snippet.group(1)], cwd=tmp_path, check=True, capture_output=True)
    assert (tmp_path / "bao-cao.docx").read_bytes()[:2] == b"PK"


def test_layout_keys_are_typed_and_an_unknown_one_lists_them(report: baocao.Report) -> None:
    keys = set(baocao.LayoutSettings.__annotations__)
    assert {"body_size", "roman_style", "font", "margin_left", "position_bold"} <= keys
    with pytest.raises(baocao.FieldTypeError) as e:
        report.render(layout={"roman_stile": "dot"})  # type: ignore[typeddict-unknown-key]
    message = str(e.value)
    assert "không có thiết lập trình bày \"roman_stile\": các thiết lập là page_width," in message
    # Every typed key is a setting the renderer knows, and the other way round.
    listed = set(message.split("các thiết lập là ")[1].replace(",", " ").split())
    assert listed == keys


def test_messages_are_vietnamese_by_default_and_english_on_request(data: dict[str, Any], tmp_path: Path) -> None:
    # A value of the wrong type: no Rust or binding type names in either language.
    data["frame"]["number"] = "một trăm"
    with pytest.raises(baocao.FieldTypeError) as vi:
        baocao.Report.from_dict(data)
    assert str(vi.value) == 'frame.number: cần một số nguyên, đang là văn bản "một trăm"'
    with pytest.raises(baocao.FieldTypeError) as en:
        baocao.Report.from_dict(data, lang="en")
    assert str(en.value) == 'frame.number: expected a whole number, found the text "một trăm"'
    data["frame"]["number"] = {1, 2}
    with pytest.raises(baocao.FieldTypeError) as vi:
        baocao.Report.from_dict(data)
    assert "giá trị kiểu set không dùng được trong báo cáo" in str(vi.value)
    # Files: the reason in words, never "(os error 2)".
    report = baocao.Report.from_file(ROOT / "examples" / "bao-cao-huyen-hoa-lam.yaml")
    with pytest.raises(FileNotFoundError) as missing:
        report.write(tmp_path / "khong-co" / "bao-cao.docx")
    assert missing.value.strerror == "không tìm thấy tệp hoặc thư mục"
    assert "os error" not in str(missing.value)
    with pytest.raises(FileNotFoundError) as missing:
        report.write(tmp_path / "khong-co" / "bao-cao.docx", lang="en")
    assert missing.value.strerror == "no such file or folder"
    with pytest.raises(FileNotFoundError) as missing:
        baocao.Report.from_file(tmp_path / "khong-co.yaml")
    assert missing.value.strerror == "không tìm thấy tệp hoặc thư mục"
    (tmp_path / "co.docx").write_bytes(b"")
    with pytest.raises(FileExistsError) as exists:
        report.write(tmp_path / "co.docx")
    assert exists.value.strerror == "tệp đã có (dùng overwrite=True để ghi đè)"
    # An unknown language is named.
    with pytest.raises(baocao.FieldTypeError) as bad:
        report.validate(lang="fr")  # type: ignore[arg-type]
    assert bad.value.path == "lang"
    # Arguments of the wrong type name the argument, not a binding type ('PyDate').
    with pytest.raises(baocao.FieldTypeError) as bad:
        report.validate(today="2022-03-01")  # type: ignore[arg-type]
    assert str(bad.value) == "today: cần một ngày (datetime.date) hoặc None, đang là str"
    with pytest.raises(baocao.FieldTypeError) as bad:
        report.render(created="hôm nay", lang="en")  # type: ignore[arg-type]
    assert bad.value.path == "created" and "Py" not in str(bad.value)
