"""The hostile-input corpus (tests/hostile/cases.json) through Python dicts, plus the
cases only Python can produce (lone surrogates, absurdly deep data)."""

from __future__ import annotations

import copy
import io
import os
import re
import json
import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest

import baocao

ROOT = Path(__file__).resolve().parents[3]
CASES: list[dict[str, Any]] = json.loads((ROOT / "tests" / "hostile" / "cases.json").read_text(encoding="utf-8"))
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def example() -> dict[str, Any]:
    return baocao.Report.from_file(ROOT / "examples" / "bao-cao-huyen-hoa-lam.yaml").to_dict()


@pytest.fixture()
def fresh(example: dict[str, Any]) -> dict[str, Any]:
    """A copy of the example that a test may change."""
    return copy.deepcopy(example)


def expand(v: Any) -> Any:
    if isinstance(v, dict) and len(v) == 1:
        ((k, arg),) = v.items()
        if k == "$repeat":
            return arg[0] * arg[1]
        if k == "$repeat_list":
            return [expand(arg[0]) for _ in range(arg[1])]
        if k == "$nest_points":
            block: Any = "Nội dung ở mức sâu nhất."
            for level in range(arg, 0, -1):
                block = {"points": [{"heading": f"mức {level}", "paragraphs": [block]}]}
            return block
        if k == "$recipients":
            return [f"Đơn vị {i}" for i in range(arg)] + ["Lưu Văn phòng Huyện ủy"]
    if isinstance(v, dict):
        return {k: expand(x) for k, x in v.items()}
    if isinstance(v, list):
        return [expand(x) for x in v]
    return v


def patch(root: Any, pointer: str, value: Any, delete: bool = False) -> None:
    *parents, last = pointer.split("/")[1:]
    node = root
    for p in parents:
        node = node[int(p)] if isinstance(node, list) else node[p]
    key: Any = int(last) if isinstance(node, list) else last
    if delete:
        del node[key]
    else:
        node[key] = value


def paragraph_texts(docx: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        root = ElementTree.fromstring(z.read("word/document.xml"))
    texts = []
    for p in root.iter(f"{W}p"):
        parts = []
        for el in p.iter():
            if el.tag == f"{W}t":
                parts.append(el.text or "")
            elif el.tag == f"{W}br":
                parts.append("\n")
            elif el.tag == f"{W}tab":
                parts.append("\t")
        texts.append("".join(parts))
    return texts


def build(case: dict[str, Any], example: dict[str, Any], lang: baocao.Lang = "vi") -> baocao.Report:
    raw = case.get("raw")
    if raw is not None:
        base = baocao.Report.from_dict(example)
        if "text" in raw:
            text = raw["text"]
        elif "insert_after_brace" in raw:
            text = "{" + raw["insert_after_brace"] + base.to_text("json")[1:]
        else:
            text = raw.get("prefix", "") + base.to_text(raw["format"])
        return baocao.Report.from_text(text, raw["format"], lang=lang)
    data = copy.deepcopy(example)
    for pointer, value in case.get("set", {}).items():
        patch(data, pointer, expand(value))
    for pointer in case.get("delete", []):
        patch(data, pointer, None, delete=True)
    return baocao.Report.from_dict(data, lang=lang)


# Words of Rust, serde and the bindings that a message must never show a clerk
# (the same list as crates/docx/tests/hostile.rs).
TYPE_NAMES = re.compile(
    r"(?<![\w])(i8|i16|i32|i64|i128|isize|u8|u16|u32|u64|u128|usize|f32|f64|struct|enum|Option|Vec|String|&str"
    r"|newtype|unit value|sequence|serde|os error|PyDate|PyAny|PyString|Bound|identifier|borrowed|NaiveDate"
    r"|invalid type:|json at)(?![\w])"
)
VIETNAMESE = re.compile("[ăâđêôơưĂÂĐÊÔƠƯàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ\u1ea0-\u1ef9]")


def assert_readable(vi: str, en: str) -> None:
    """Neither message shows a type name; the Vietnamese one is Vietnamese."""
    for m in (vi, en):
        assert not TYPE_NAMES.search(m), f"type name in {m!r}"
    assert VIETNAMESE.search(vi), f"not Vietnamese: {vi!r}"


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_hostile_case(case: dict[str, Any], example: dict[str, Any]) -> None:
    expect = case["expect"]
    if "input_error" in expect:
        want = {**expect["input_error"], **expect["input_error"].get("python", {})}
        error = baocao.FieldTypeError if want["kind"] == "type" else baocao.InputError
        with pytest.raises(error) as e:
            build(case, example, "en")
        with pytest.raises(error) as vi:
            build(case, example)
        assert_readable(str(vi.value), str(e.value))
        path = e.value.path or None
        if "path_prefix" in want and "python" not in expect["input_error"]:
            assert path is not None and path.startswith(want["path_prefix"]), str(e.value)
        elif "python" in expect["input_error"]:
            assert path is not None and path.startswith("results.leadership.paragraphs[1]"), str(e.value)
        else:
            assert path == want["path"], str(e.value)
        assert want["contains"] in str(e.value)
        return
    report = build(case, example)
    for p_vi, p_en in zip(report.validate(), report.validate(lang="en")):
        assert_readable(str(p_vi), str(p_en))
    problems = [[p.code, p.path] for p in report.validate()]
    if "problems" in expect:
        assert problems == expect["problems"]
        with pytest.raises(baocao.ValidationError):
            report.render()
        return
    assert problems == []
    texts = paragraph_texts(report.render())
    for want in expect.get("renders", []):
        text = expand(want)
        assert any(text in t for t in texts), f"no paragraph contains {text[:80]!r}"
    for gone in expect.get("absent", []):
        assert not any(gone in t for t in texts), f"a paragraph contains {gone!r}"
    if "count" in expect:
        text, n = expect["count"]
        assert sum(1 for t in texts if t == text) == n


def test_lone_surrogate_names_the_field(fresh: dict[str, Any]) -> None:
    fresh["outlook"]["difficulties"]["paragraphs"][0] = "Khó khăn \udc80 lớn"
    with pytest.raises(baocao.FieldTypeError) as e:
        baocao.Report.from_dict(fresh)
    assert e.value.path == "outlook.difficulties.paragraphs[0]"
    assert "surrogate" in str(e.value)


def test_lone_surrogate_in_a_key(fresh: dict[str, Any]) -> None:
    fresh["frame"]["\ud800"] = 1
    with pytest.raises(baocao.FieldTypeError) as e:
        baocao.Report.from_dict(fresh)
    assert e.value.path == "frame"


def test_absurdly_deep_data_is_refused_not_a_crash(fresh: dict[str, Any]) -> None:
    deep: Any = "x"
    for _ in range(100_000):
        deep = [deep]
    fresh["dissemination"]["paragraphs"] = deep
    with pytest.raises(baocao.FieldTypeError) as e:
        baocao.Report.from_dict(fresh)
    assert "dữ liệu lồng nhau quá 64 cấp" in str(e.value)
    assert e.value.path.startswith("dissemination.paragraphs[0][0]")


def test_oversized_text_input_is_refused() -> None:
    with pytest.raises(baocao.InputError) as e:
        baocao.Report.from_json(" " * (16 * 1024 * 1024 + 1))
    assert "tối đa 16777216 byte (16 MiB)" in str(e.value)
    with pytest.raises(baocao.InputError) as e:
        baocao.Report.from_yaml(" " * (4 * 1024 * 1024 + 1))
    assert "tối đa 4194304 byte (4 MiB với YAML và TOML" in str(e.value)


def test_a_cyclic_dict_is_refused(fresh: dict[str, Any]) -> None:
    cyclic: dict[str, Any] = {}
    cyclic["self"] = cyclic
    fresh["purpose"] = cyclic
    with pytest.raises(baocao.FieldTypeError):
        baocao.Report.from_dict(fresh)


# -- values whose own code misbehaves, text that cannot be encoded, options -------------


def test_signaling_nan_decimal_names_the_field(fresh: dict[str, Any]) -> None:
    from decimal import Decimal

    fresh["statistics"][0]["groups"][0]["indicators"][0]["values"][0] = Decimal("sNaN")
    with pytest.raises(baocao.FieldTypeError) as e:
        baocao.Report.from_dict(fresh)
    assert e.value.path == "statistics[0].groups[0].indicators[0].values[0]"
    assert "sNaN" in str(e.value)


def test_a_date_whose_isoformat_is_not_text_names_the_field(fresh: dict[str, Any]) -> None:
    import datetime

    class OddDate(datetime.date):
        def isoformat(self) -> Any:  # type: ignore[override]
            return 20220215

    class BrokenDate(datetime.date):
        def isoformat(self) -> str:
            raise RuntimeError("broken")

    for cls in (OddDate, BrokenDate):
        fresh["frame"]["date"] = cls(2022, 2, 15)
        with pytest.raises(baocao.FieldTypeError) as e:
            baocao.Report.from_dict(fresh)
        assert e.value.path == "frame.date", cls
        assert "không cho ra một ngày" in str(e.value)


def test_a_lone_surrogate_in_text_or_author(fresh: dict[str, Any]) -> None:
    report = baocao.Report.from_dict(fresh)
    text = report.to_text("yaml").replace("Hòa Lâm", "Hòa \udc80Lâm", 1)
    with pytest.raises(baocao.InputError) as e:
        baocao.Report.from_text(text, "yaml")
    line = next(i for i, l in enumerate(text.split("\n"), start=1) if "\udc80" in l)
    assert (e.value.line, e.value.column) == (line, text.split("\n")[line - 1].index("\udc80") + 1)
    assert "surrogate" in str(e.value)
    with pytest.raises(baocao.FieldTypeError) as f:
        report.render(author="Văn phòng \ud800")
    assert f.value.path == "author"


@pytest.mark.parametrize(
    ("kwargs", "error", "path"),
    [
        ({"author": "x\ufffe"}, baocao.InputError, "author"),
        ({"author": "A\x01"}, baocao.InputError, "author"),
        ({"author": 5}, baocao.FieldTypeError, "author"),
        ({"layout": {"font": "T\x01"}}, baocao.InputError, "layout.font"),
        ({"layout": {"language": "vi\x00"}}, baocao.InputError, "layout.language"),
        ({"layout": {"font": "Times \udc80"}}, baocao.FieldTypeError, "layout.font"),
        ({"layout": {1: 2}}, baocao.FieldTypeError, "layout"),
        ({"layout": {"header_distance": 4_000_000_000}}, baocao.InputError, "layout.header_distance"),
        ({"layout": {"first_line_indent": 4_000_000_000}}, baocao.InputError, "layout.first_line_indent"),
        ({"layout": {"page_width": 4_000_000_000}}, baocao.InputError, "layout.page_width"),
        ({"layout": {"page_height": 4_000_000_000}}, baocao.InputError, "layout.page_height"),
        ({"layout": {"line_spacing_exact": 0}}, baocao.InputError, "layout.line_spacing"),
    ],
)
def test_options_that_would_corrupt_the_file(
    fresh: dict[str, Any], kwargs: dict[str, Any], error: type[Exception], path: str
) -> None:
    report = baocao.Report.from_dict(fresh)
    with pytest.raises(error) as e:
        report.render(**kwargs)
    assert getattr(e.value, "path") == path, str(e.value)


def test_a_yaml_null_is_missing_not_text(fresh: dict[str, Any]) -> None:
    text = baocao.Report.from_dict(fresh).to_text("yaml")
    assert "name: Hoàng Minh Đức" in text
    with pytest.raises(baocao.InputError) as e:
        baocao.Report.from_text(text.replace("name: Hoàng Minh Đức", "name: ~"), "yaml")
    assert e.value.path == "frame.signature.name"
    assert "null" in str(e.value)
    fresh["frame"]["place"] = None
    with pytest.raises(baocao.FieldTypeError) as f:
        baocao.Report.from_dict(fresh)
    assert f.value.path == "frame.place"


def test_overwrite_keeps_permissions_and_refuses_special_files(fresh: dict[str, Any], tmp_path: Any) -> None:
    import os
    import stat

    report = baocao.Report.from_dict(fresh)
    target = tmp_path / "bao-cao.docx"
    target.write_bytes(b"old")
    os.chmod(target, 0o600)
    report.write(target, overwrite=True, today=None)
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    fifo = tmp_path / "fifo.docx"
    os.mkfifo(fifo)
    with pytest.raises(OSError) as e:
        report.write(fifo, overwrite=True)
    assert "không phải là một tệp thông thường" in str(e.value)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".tmp")]


def test_from_file_refuses_oversized_input_without_reading_it(tmp_path: Any) -> None:
    huge = tmp_path / "lon.json"
    with open(huge, "wb") as f:
        f.truncate(2_000_000_000)  # sparse: no disk used
    for path in (huge, "/dev/zero"):
        with pytest.raises(baocao.InputError) as e:
            baocao.Report.from_file(path, format="json")
        assert "dữ liệu quá lớn" in str(e.value)


def test_lang_none_is_the_default_and_a_wrong_lang_is_named(fresh: dict[str, Any], tmp_path: Path) -> None:
    report = baocao.Report.from_dict(fresh, lang=None)  # type: ignore[arg-type]
    assert report.validate(lang=None) == []  # type: ignore[arg-type]
    with pytest.raises(baocao.FieldTypeError) as e:
        baocao.Report.from_dict(fresh, lang=1)  # type: ignore[arg-type]
    assert e.value.path == "lang" and "PyString" not in str(e.value), str(e.value)
    assert "int" in str(e.value)
    # A path given as bytes is a path.
    out = tmp_path / "bao-cao.docx"
    report.write(os.fsencode(out))  # type: ignore[arg-type]
    assert out.read_bytes()[:2] == b"PK"
    assert baocao.Report.from_file(os.fsencode(ROOT / "examples" / "bao-cao-huyen-hoa-lam.yaml")) == baocao.Report.from_file(ROOT / "examples" / "bao-cao-huyen-hoa-lam.yaml")  # type: ignore[arg-type]
    with pytest.raises(TypeError) as t:
        report.write(3)  # type: ignore[arg-type]
    assert "PyString" not in str(t.value) and "int" in str(t.value)
