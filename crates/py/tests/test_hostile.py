"""The hostile-input corpus (tests/hostile/cases.json) through Python dicts, plus the
cases only Python can produce (lone surrogates, absurdly deep data)."""

from __future__ import annotations

import copy
import io
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


def build(case: dict[str, Any], example: dict[str, Any]) -> baocao.Report:
    raw = case.get("raw")
    if raw is not None:
        base = baocao.Report.from_dict(example)
        if "text" in raw:
            text = raw["text"]
        elif "insert_after_brace" in raw:
            text = "{" + raw["insert_after_brace"] + base.to_text("json")[1:]
        else:
            text = raw.get("prefix", "") + base.to_text(raw["format"])
        return baocao.Report.from_text(text, raw["format"])
    data = copy.deepcopy(example)
    for pointer, value in case.get("set", {}).items():
        patch(data, pointer, expand(value))
    for pointer in case.get("delete", []):
        patch(data, pointer, None, delete=True)
    return baocao.Report.from_dict(data)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_hostile_case(case: dict[str, Any], example: dict[str, Any]) -> None:
    expect = case["expect"]
    if "input_error" in expect:
        want = {**expect["input_error"], **expect["input_error"].get("python", {})}
        error = baocao.FieldTypeError if want["kind"] == "type" else baocao.InputError
        with pytest.raises(error) as e:
            build(case, example)
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
    if "count" in expect:
        text, n = expect["count"]
        assert sum(1 for t in texts if t == text) == n


def test_lone_surrogate_names_the_field(example: dict[str, Any]) -> None:
    example["outlook"]["difficulties"]["paragraphs"][0] = "Khó khăn \udc80 lớn"
    with pytest.raises(baocao.FieldTypeError) as e:
        baocao.Report.from_dict(example)
    assert e.value.path == "outlook.difficulties.paragraphs[0]"
    assert "surrogate" in str(e.value)


def test_lone_surrogate_in_a_key(example: dict[str, Any]) -> None:
    example["frame"]["\ud800"] = 1
    with pytest.raises(baocao.FieldTypeError) as e:
        baocao.Report.from_dict(example)
    assert e.value.path == "frame"


def test_absurdly_deep_data_is_refused_not_a_crash(example: dict[str, Any]) -> None:
    deep: Any = "x"
    for _ in range(100_000):
        deep = [deep]
    example["dissemination"]["paragraphs"] = deep
    with pytest.raises(baocao.FieldTypeError) as e:
        baocao.Report.from_dict(example)
    assert "nested more than 64 levels deep" in str(e.value)
    assert e.value.path.startswith("dissemination.paragraphs[0][0]")


def test_oversized_text_input_is_refused() -> None:
    with pytest.raises(baocao.InputError) as e:
        baocao.Report.from_json(" " * (16 * 1024 * 1024 + 1))
    assert "largest accepted is 16777216 bytes (16 MiB)" in str(e.value)


def test_a_cyclic_dict_is_refused(example: dict[str, Any]) -> None:
    cyclic: dict[str, Any] = {}
    cyclic["self"] = cyclic
    example["purpose"] = cyclic
    with pytest.raises(baocao.FieldTypeError):
        baocao.Report.from_dict(example)
