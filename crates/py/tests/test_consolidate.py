"""``baocao.consolidate`` on the example province (examples/tinh-son-ha): totals
equal a computation made here, the workbook's formulas, recomputed by LibreOffice
Calc (through its UNO bridge), give the same totals, the draft validates and
renders, a bad unit file is named (or left out with ``partial``), and the
command line does the same."""

from __future__ import annotations

import datetime
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import baocao

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
PROVINCE = ROOT / "examples" / "tinh-son-ha"
FILES = [PROVINCE / "huyen-hoa-lam.yaml", PROVINCE / "huyen-an-phu.yaml", PROVINCE / "thanh-uy-son-ha.yaml"]
UNITS = PROVINCE / "units.yaml"
TODAY = datetime.date(2022, 3, 25)
SYSTEM_PYTHON = "/usr/bin/python3"


def _has_calc() -> bool:
    if shutil.which("soffice") is None or not Path(SYSTEM_PYTHON).exists():
        return False
    return Path("/usr/lib/libreoffice/program/libsclo.so").exists()


needs_calc = pytest.mark.skipif(not _has_calc(), reason="LibreOffice Calc is installed by scripts/setup-tools.sh")


def figures(path: Path) -> dict[tuple[str, int], tuple[float, str]]:
    """(indicator, year) → (figure, unit) of the first appendix, read from the data."""
    data = baocao.Report.from_file(path).to_dict()
    table = data["statistics"][0]
    out = {}
    for group in table["groups"]:
        for ind in group["indicators"]:
            for year, v in zip(table["years"], ind["values"]):
                if isinstance(v, (int, float)):
                    out[(ind["name"], year)] = (float(v), ind.get("unit") or table.get("unit") or "")
    return out


def row(c: baocao.Consolidation, name: str) -> Any:
    return next(r for g in c.tables[0]["groups"] for r in g["rows"] if r["name"] == name)


def test_totals_equal_a_computation_made_here() -> None:
    c = baocao.consolidate(FILES, units=UNITS, today=TODAY)
    assert c.units == ["Huyện ủy Hòa Lâm", "Huyện ủy An Phú", "Thành ủy Sơn Hà"]
    assert c.expected == 4 and c.missing == ["Huyện ủy Đồng Xuân"]
    per_unit = [figures(f) for f in FILES]
    years = c.tables[0]["years"]
    children = row(c, "Tổng số trẻ em dưới 16 tuổi")
    money = row(c, "Kinh phí cho công tác trẻ em")
    assert money["unit"] == "triệu đồng"
    for k, year in enumerate(years):
        # The alias: An Phú writes "Số trẻ em dưới 16 tuổi".
        want = sum(
            f.get(("Tổng số trẻ em dưới 16 tuổi", year), f.get(("Số trẻ em dưới 16 tuổi", year), (0.0, "")))[0]
            for f in per_unit
        )
        assert children["totals"][k]["value"] == want
        # The Thành ủy gives no 2012.
        assert children["totals"][k]["units"] == (2 if year == 2012 else 3)
        # An Phú's money in nghìn đồng.
        total = 0.0
        for f in per_unit:
            if ("Kinh phí cho công tác trẻ em", year) in f:
                v, unit = f[("Kinh phí cho công tác trẻ em", year)]
                total += v / 1000 if unit == "nghìn đồng" else v
        assert money["totals"][k]["value"] == pytest.approx(total)
    rate = row(c, "Tỷ lệ trẻ em có hoàn cảnh đặc biệt được trợ giúp")
    assert rate["kind"] == "weighted_mean" and rate["base"] == "Trẻ em có hoàn cảnh đặc biệt"
    unbased = row(c, "Tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ")
    assert unbased["kind"] == "range" and all(t["value"] is None for t in unbased["totals"])
    assert {u["indicator"] for u in c.unmatched} >= {"Số điểm vui chơi, giải trí cho trẻ em"}
    assert c.conversions[0]["from"] == "nghìn đồng"


@needs_calc
def test_the_workbook_computes_the_same_totals_in_libreoffice(tmp_path: Path) -> None:
    c = baocao.consolidate(FILES, units=UNITS, today=TODAY)
    book = tmp_path / "tong-hop.xlsx"
    book.write_bytes(c.to_xlsx())
    out = subprocess.run(
        [SYSTEM_PYTHON, str(HERE / "office_calc.py"), str(book)],
        check=True, capture_output=True, text=True, timeout=300, cwd=HERE,
    ).stdout
    sheets = json.loads(out)
    totals = sheets["PL1 Tổng hợp"]
    header = totals[2]
    years = c.tables[0]["years"]
    assert header[3 : 3 + len(years)] == [float(y) for y in years]
    checked = 0
    for line in totals[3:]:
        name = line[1]
        rows = [r for g in c.tables[0]["groups"] for r in g["rows"] if r["name"] == name]
        if not rows:
            continue  # a group heading
        for k, total in enumerate(rows[0]["totals"]):
            cell = line[3 + k]
            if total["value"] is None:
                assert not isinstance(cell, dict), f"{name} {years[k]}: no formula without figures"
                continue
            assert isinstance(cell, dict), f"{name} {years[k]}: a formula"
            assert cell["error"] == 0
            assert cell["value"] == pytest.approx(total["value"]), f"{name} {years[k]}"
            checked += 1
    assert checked > 100


def test_the_draft_validates_and_renders() -> None:
    c = baocao.consolidate(FILES, units=UNITS, today=TODAY)
    draft = c.draft()
    draft.check(TODAY)
    data = draft.to_dict()
    assert data["frame"]["issuer"]["organ"] == "TỈNH ỦY SƠN HÀ"
    assert [s["title"] for s in data["dissemination"]["subsections"]] == c.units
    assert draft.render(today=TODAY).startswith(b"PK")
    with pytest.raises(baocao.InputError, match="frame"):
        baocao.consolidate(FILES, today=TODAY).draft(lang="en")


def test_a_bad_unit_file_is_named_or_left_out_with_partial(tmp_path: Path) -> None:
    bad = tmp_path / "hong.yaml"
    bad.write_text(PROVINCE.joinpath("huyen-an-phu.yaml").read_text(encoding="utf-8").replace("number: 98", "number: 0"), encoding="utf-8")
    with pytest.raises(baocao.ValidationError, match="hong.yaml"):
        baocao.consolidate([FILES[0], bad], units=UNITS, today=TODAY)
    c = baocao.consolidate([FILES[0], bad], units=UNITS, today=TODAY, partial=True)
    assert c.units == ["Huyện ủy Hòa Lâm"] and c.skipped[0][0] == str(bad)
    # A .docx in the list reads back through extract.
    docx = tmp_path / "an-phu.docx"
    baocao.Report.from_file(FILES[1]).write(docx, today=TODAY)
    c = baocao.consolidate([FILES[0], docx], units=UNITS, today=TODAY)
    assert c.units == ["Huyện ủy Hòa Lâm", "Huyện ủy An Phú"]
    # The same unit twice (its .docx and its data): refused, naming both.
    with pytest.raises(baocao.InputError, match="cộng hai lần") as caught:
        baocao.consolidate([FILES[1], docx], units=UNITS, today=TODAY)
    assert str(docx) in str(caught.value) and str(FILES[1]) in str(caught.value)


def test_the_command_line(tmp_path: Path) -> None:
    book, draft = tmp_path / "tong-hop.xlsx", tmp_path / "du-thao.yaml"
    cmd = [sys.executable, "-m", "baocao", "consolidate", *map(str, FILES), "--units", str(UNITS),
           "-o", str(book), "--draft", str(draft), "--today", "2022-03-25"]
    done = subprocess.run(cmd, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "3/4 đơn vị" in done.stderr and "Huyện ủy Đồng Xuân" in done.stderr
    assert book.read_bytes() == baocao.consolidate(FILES, units=UNITS, today=TODAY).to_xlsx()
    baocao.Report.from_file(draft).check(TODAY)
    again = subprocess.run(cmd, capture_output=True, text=True)
    assert again.returncode == 3, "no overwrite without --force"
    bad = tmp_path / "hong.yaml"
    bad.write_text("frame: 1\n", encoding="utf-8")
    cmd_bad = [sys.executable, "-m", "baocao", "consolidate", str(FILES[0]), str(bad), "-o", str(tmp_path / "b.xlsx"), "--today", "2022-03-25"]
    done = subprocess.run(cmd_bad, capture_output=True, text=True)
    assert done.returncode == 1 and "hong.yaml" in done.stderr and not (tmp_path / "b.xlsx").exists()
    done = subprocess.run([*cmd_bad, "--partial"], capture_output=True, text=True)
    assert done.returncode == 0 and (tmp_path / "b.xlsx").exists(), done.stderr


def _unit(i: int) -> dict[str, Any]:
    """Unit i of a generated province: the example's figures scaled, names and
    units varied (the Rust test's province, written as files here)."""
    data = baocao.Report.from_file(ROOT / "examples" / "bao-cao-huyen-hoa-lam.yaml").to_dict()
    data["frame"]["issuer"]["organ"] = f"HUYỆN ỦY SỐ {i + 1}"
    data["frame"]["number"] = 100 + i
    k = 0.5 + i * 0.1
    for table in data["statistics"]:
        for group in table["groups"]:
            for ind in group["indicators"]:
                rate = ind.get("unit") == "%"
                ind["values"] = [
                    v if not isinstance(v, (int, float)) else (min(100.0, max(0.0, v - i * 0.5)) if rate else round(v * k))
                    for v in ind["values"]
                ]
                if ind["name"] == "Tổng số trẻ em dưới 16 tuổi" and i in (2, 5):
                    ind["name"] = "Số trẻ em dưới 16 tuổi"
                if ind["name"] == "Số điểm vui chơi cho trẻ em" and i == 4:
                    ind["name"] = "Số điểm vui chơi, giải trí cho trẻ em"
                if ind["name"] == "Kinh phí cho công tác trẻ em" and i == 6:
                    ind["unit"] = "nghìn đồng"
                    ind["values"] = [v * 1000 if isinstance(v, (int, float)) else v for v in ind["values"]]
    if i == 7:
        t = data["statistics"][0]
        t["years"] = t["years"][1:]
        for group in t["groups"]:
            for ind in group["indicators"]:
                ind["values"] = ind["values"][1:]
    return data


@needs_calc
def test_fifteen_generated_units_from_files_the_workbook_computes_an_independent_total(tmp_path: Path) -> None:
    import yaml

    files: list[Path] = []
    for i in range(13):  # 15 expected, two missing
        report = baocao.Report.from_dict(_unit(i))
        if i % 2:
            path = tmp_path / f"don-vi-{i + 1}.docx"
            report.write(path, today=TODAY)
        else:
            path = tmp_path / f"don-vi-{i + 1}.yaml"
            path.write_text(report.to_text("yaml"), encoding="utf-8")
        files.append(path)
    units = {
        "units": [{"organ": f"HUYỆN ỦY SỐ {i + 1}", "name": f"Đơn vị {i + 1}"} for i in range(15)],
        "aliases": {"Tổng số trẻ em dưới 16 tuổi": ["Số trẻ em dưới 16 tuổi"]},
        "bases": {"Tỷ lệ trẻ em có hoàn cảnh đặc biệt được trợ giúp": "Trẻ em có hoàn cảnh đặc biệt"},
    }
    units_file = tmp_path / "units.yaml"
    units_file.write_text(yaml.safe_dump(units, allow_unicode=True), encoding="utf-8")
    c = baocao.consolidate(files, units=units_file, today=TODAY)
    assert c.missing == ["Đơn vị 14", "Đơn vị 15"] and c.expected == 15
    assert [u["indicator"] for u in c.unmatched] == ["Số điểm vui chơi, giải trí cho trẻ em"]

    # The independent computation, from the generated data.
    years = c.tables[0]["years"]
    data = [_unit(i) for i in range(13)]

    def total(names: tuple[str, ...], year: int, convert: bool = False) -> float | None:
        got = []
        for d in data:
            t = d["statistics"][0]
            if year not in t["years"]:
                continue
            for g in t["groups"]:
                for ind in g["indicators"]:
                    v = ind["values"][t["years"].index(year)]
                    if ind["name"] in names and isinstance(v, (int, float)):
                        got.append(v / 1000 if convert and ind.get("unit") == "nghìn đồng" else v)
        return sum(got) if got else None

    book = tmp_path / "tong-hop.xlsx"
    book.write_bytes(c.to_xlsx())
    sheets = json.loads(subprocess.run(
        [SYSTEM_PYTHON, str(HERE / "office_calc.py"), str(book)], check=True, capture_output=True, text=True, timeout=300, cwd=HERE,
    ).stdout)
    rows = {line[1]: line for line in sheets["PL1 Tổng hợp"][3:] if isinstance(line[1], str)}
    for k, year in enumerate(years):
        for name, names, convert in [
            ("Tổng số trẻ em dưới 16 tuổi", ("Tổng số trẻ em dưới 16 tuổi", "Số trẻ em dưới 16 tuổi"), False),
            ("Kinh phí cho công tác trẻ em", ("Kinh phí cho công tác trẻ em",), True),
            ("Số trẻ em bị tai nạn thương tích", ("Số trẻ em bị tai nạn thương tích",), False),
        ]:
            want = total(names, year, convert)
            assert row(c, name)["totals"][k]["value"] == pytest.approx(want), f"{name} {year}"
            computed = rows[name][3 + k]
            assert isinstance(computed, dict) and computed["error"] == 0
            assert computed["value"] == pytest.approx(want), f"LibreOffice: {name} {year}"
