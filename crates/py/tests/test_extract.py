"""``baocao.extract``: a rendered report, edited in python-docx or in
LibreOffice (through its UNO bridge, as a person edits in Writer) or round-tripped
through LibreOffice's own format, reads back with each edit in its place and
nothing else changed; a hand-typed report, a file with tracked changes, a
comment and a paragraph in the old TCVN3 encoding each give what a clerk needs
to know.

The LibreOffice tests need LibreOffice and the system Python's UNO bridge
(Debian's python3-uno), installed by ``scripts/setup-tools.sh``."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest

import baocao
from test_paper import EXAMPLE

HERE = Path(__file__).resolve().parent
SYSTEM_PYTHON = "/usr/bin/python3"


def _has_uno() -> bool:
    if shutil.which("soffice") is None or not Path(SYSTEM_PYTHON).exists():
        return False
    return subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True).returncode == 0


needs_office = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is installed by scripts/setup-tools.sh")
needs_uno = pytest.mark.skipif(not _has_uno(), reason="LibreOffice and python3-uno are installed by scripts/setup-tools.sh")


def vi(n: int) -> str:
    """An integer as the report prints it: 23.347."""
    return f"{n:,}".replace(",", ".")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("extract") / "bao-cao.docx"
    path.write_bytes(baocao.Report.from_file(EXAMPLE).render())
    return path


# -- picking what to edit, from the data alone ------------------------------------------


def paragraph_lists(d: Any) -> list[list[Any]]:
    """Every list of blocks in the data ("paragraphs" of a part, area, point)."""
    out: list[list[Any]] = []
    if isinstance(d, dict):
        for key, value in d.items():
            if key == "paragraphs" and isinstance(value, list):
                out.append(value)
            out.extend(paragraph_lists(value))
    elif isinstance(d, list):
        for value in d:
            out.extend(paragraph_lists(value))
    return out


def plain(block: Any) -> bool:
    return isinstance(block, str) and not any(c in block for c in "*\\:") and len(block) > 40


def tables(d: Any) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    if isinstance(d, dict):
        if "header" in d and "rows" in d:
            out.append(d)
        for value in d.values():
            out.extend(tables(value))
    elif isinstance(d, list):
        for value in d:
            out.extend(tables(value))
    return out


def plan(data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The edits (as both editors apply them) and the data they should give."""
    want = copy.deepcopy(data)
    lists = [lst for lst in paragraph_lists(want) if sum(plain(b) for b in lst) >= 2]
    assert len(lists) >= 3, "the example has enough plain paragraphs to edit"
    first, second, third = lists[0], lists[1], lists[2]
    old = next(b for b in first if plain(b))
    new = "Câu này đã được cán bộ văn phòng sửa lại trong Word cho sát với thực tế của huyện."
    first[first.index(old)] = new
    anchor = next(b for b in second if plain(b))
    added = "Đoạn văn mới thêm vào sau khi báo cáo đã được in ra và góp ý tại hội nghị."
    second.insert(second.index(anchor) + 1, added)
    deleted = [b for b in third if plain(b)][-1]
    third.remove(deleted)

    table = next(t for t in tables(want) if t["rows"] and all(isinstance(c, int) for r in t["rows"] for c in r[1:]))
    width = len(table["header"])
    row = ["Phòng, chống xâm hại trẻ em"] + [12 + k for k in range(width - 1)]
    table["rows"].append(row)

    printed = {vi(c) for t in tables(data) for r in t["rows"] for c in r if isinstance(c, int)}
    stats = want["statistics"][0]
    indicator, index = next(
        (ind, k)
        for g in stats["groups"]
        for ind in g["indicators"]
        for k, v in enumerate(ind["values"])
        if isinstance(v, int) and v >= 1000 and vi(v) not in printed
    )
    figure = indicator["values"][index]
    indicator["values"][index] = figure + 7
    edits = {
        "replace": [old, new],
        "insert_after": [anchor, added],
        "delete": deleted,
        "table_row": {"first": table["header"][0], "cells": [str(row[0])] + [vi(c) for c in row[1:]]},
        "cell": [vi(figure), vi(figure + 7)],
    }
    return edits, want


def edit_with_python_docx(src: Path, dst: Path, edits: dict[str, Any]) -> None:
    d = docx.Document(str(src))

    def find(text: str) -> Any:
        return next(p for p in d.paragraphs if p.text == text)

    find(edits["replace"][0]).text = edits["replace"][1]
    anchor = find(edits["insert_after"][0])
    copied = copy.deepcopy(anchor._p)
    anchor._p.addnext(copied)
    new_paragraph = next(p for p in d.paragraphs if p._p is copied)
    new_paragraph.text = edits["insert_after"][1]
    gone = find(edits["delete"])
    gone._p.getparent().remove(gone._p)
    table = next(t for t in d.tables if t.rows[0].cells[0].text == edits["table_row"]["first"])
    new_row = copy.deepcopy(table.rows[-1]._tr)
    table._tbl.append(new_row)
    for cell, value in zip(table.rows[-1].cells, edits["table_row"]["cells"]):
        cell.paragraphs[0].text = value
    old, new = edits["cell"]
    cell = next(c for t in d.tables for r in t.rows for c in r.cells if c.text == old)
    cell.paragraphs[0].text = new
    d.save(str(dst))


def edit_with_libreoffice(src: Path, dst: Path, edits: dict[str, Any]) -> None:
    spec = dst.with_suffix(".json")
    spec.write_text(json.dumps(edits, ensure_ascii=False), encoding="utf-8")
    subprocess.run(
        [SYSTEM_PYTHON, str(HERE / "office_edit.py"), str(src), str(dst), str(spec)], check=True, timeout=300
    )


# -- the tests ------------------------------------------------------------------------


def test_a_rendered_report_reads_back_whole(rendered: Path) -> None:
    back = baocao.extract(rendered)
    assert back.ok, back.problems
    assert back.notices == []
    # What it reads renders to what it reads again: a fixed point.
    again = baocao.extract(back.report.render())
    assert again.report == back.report
    frame = back.report.to_dict()["frame"]
    assert (frame["number"], frame["issuer"]["organ_code"], frame["signature"]["name"]) == (125, "HU", "Hoàng Minh Đức")
    assert back.report.to_dict()["statistics"][0]["title"] == baocao.Report.from_file(EXAMPLE).to_dict()["statistics"][0]["title"]


def test_edits_in_python_docx_come_back_in_their_place(rendered: Path, tmp_path: Path) -> None:
    base = baocao.extract(rendered).report.to_dict()
    edits, want = plan(base)
    edited = tmp_path / "edited.docx"
    edit_with_python_docx(rendered, edited, edits)
    back = baocao.extract(edited)
    assert back.ok, back.problems
    assert back.report.to_dict() == want


@needs_uno
def test_edits_in_libreoffice_come_back_in_their_place(rendered: Path, tmp_path: Path) -> None:
    base = baocao.extract(rendered).report.to_dict()
    edits, want = plan(base)
    edited = tmp_path / "edited.docx"
    edit_with_libreoffice(rendered, edited, edits)
    back = baocao.extract(edited)
    assert back.ok, back.problems
    assert back.report.to_dict() == want
    # LibreOffice wrote the file itself: no trace of this library's package is left.
    with zipfile.ZipFile(edited) as z:
        assert "LibreOffice" in z.read("docProps/app.xml").decode()


@needs_office
def test_a_round_trip_through_libreoffice_reads_the_same(rendered: Path, tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    run = ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to"]
    subprocess.run([*run, "odt", "--outdir", str(tmp_path / "odt"), str(rendered)], check=True, capture_output=True, timeout=300)
    odt = tmp_path / "odt" / "bao-cao.odt"
    subprocess.run(
        [*run, "docx:MS Word 2007 XML", "--outdir", str(tmp_path / "back"), str(odt)], check=True, capture_output=True, timeout=300
    )
    back = baocao.extract(tmp_path / "back" / "bao-cao.docx")
    assert back.ok, back.problems
    assert back.report == baocao.extract(rendered).report


def test_a_hand_typed_report_lists_what_it_could_not_place(tmp_path: Path) -> None:
    import clerk_report

    back = baocao.extract(clerk_report.build(tmp_path / "tay.docx"))
    d = back.report.to_dict()
    # What the clerk typed came back to its fields.
    assert d["frame"]["number"] == 125 and d["frame"]["issuer"]["organ"] == "HUYỆN ỦY HÒA LÂM"
    assert d["frame"]["issuer"]["standing_committee"] == "Ban Thường vụ Huyện ủy Hòa Lâm"
    assert d["frame"]["signature"] == {
        "authority": "T/M", "on_behalf_of": "BAN THƯỜNG VỤ", "position": "PHÓ BÍ THƯ", "name": "Hoàng Minh Đức"
    }
    assert d["frame"]["recipients"][-1] == "Lưu Văn phòng Huyện ủy"
    table = d["shortcomings"]["limitations"]["paragraphs"][1]["table"]
    assert table == {
        "caption": "Kết quả kiểm tra, giám sát giai đoạn 2012 - 2021",
        "unit": "cuộc",
        "header": ["Năm", "Số cuộc"],
        "rows": [["2021", 18]],
        "source": "Ủy ban Kiểm tra Huyện ủy",
    }
    assert d["statistics"][0]["groups"][0]["indicators"][0]["values"] == [23347]
    # What it could not place, with the paragraph and its first words.
    unplaced = [p for p in back.problems if p.code == "unplaced"]
    assert unplaced and all(p.paragraph and p.words.startswith("Ban Thường vụ") for p in unplaced)
    assert "không được đọc vào báo cáo" in unplaced[0].message
    # The sections it lacks are named by their paths.
    paths = {p.path for p in back.problems if p.code == "section_empty"}
    assert {"shortcomings.objective_causes", "outlook.directions"} <= paths


def _rewrite(src: Path, dst: Path, part: str, change: Any) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == part:
                data = change(data.decode()).encode()
            zout.writestr(item, data)


def test_tracked_changes_are_refused_or_read_as_asked(rendered: Path, tmp_path: Path) -> None:
    base = baocao.extract(rendered).report.to_dict()
    sentence = next(b for lst in paragraph_lists(base) for b in lst if plain(b))
    pending = tmp_path / "pending.docx"

    def track(xml: str) -> str:
        # The sentence's run becomes a tracked deletion followed by a tracked insertion.
        run_start = xml.index(sentence.split(" ")[0] + " " + sentence.split(" ")[1])
        r = xml.rindex("<w:r>", 0, run_start)
        end = xml.index("</w:r>", run_start) + len("</w:r>")
        run = xml[r:end]
        deleted = run.replace("<w:t ", "<w:delText ").replace("</w:t>", "</w:delText>")
        inserted = run.replace(sentence, "Câu đã sửa khi theo dõi thay đổi.")
        who = 'w:author="Văn phòng" w:date="2022-02-20T08:00:00Z"'
        return xml[:r] + f'<w:del w:id="901" {who}>{deleted}</w:del><w:ins w:id="902" {who}>{inserted}</w:ins>' + xml[end:]

    _rewrite(rendered, pending, "word/document.xml", track)
    with pytest.raises(baocao.InputError, match="thay đổi được theo dõi"):
        baocao.extract(pending)
    with pytest.raises(baocao.InputError, match="tracked change"):
        baocao.extract(pending, lang="en")
    accepted = baocao.extract(pending, changes="accept")
    rejected = baocao.extract(pending, changes="reject")
    assert rejected.report == baocao.extract(rendered).report
    assert "Câu đã sửa khi theo dõi thay đổi." in json.dumps(accepted.report.to_dict(), ensure_ascii=False, default=str)
    assert sentence not in json.dumps(accepted.report.to_dict(), ensure_ascii=False, default=str)
    assert any("thay đổi" in n for n in accepted.notices)
    with pytest.raises(TypeError, match="changes"):
        baocao.extract(pending, changes="yes")  # type: ignore[arg-type]


def test_comments_are_ignored_and_counted(rendered: Path, tmp_path: Path) -> None:
    commented = tmp_path / "commented.docx"

    def comment(xml: str) -> str:
        at = xml.index("<w:r>", xml.index("Ban Thường vụ Huyện ủy"))
        return xml[:at] + '<w:commentRangeStart w:id="7"/>' + xml[at:]

    _rewrite(rendered, commented, "word/document.xml", comment)
    back = baocao.extract(commented)
    assert back.ok and back.report == baocao.extract(rendered).report
    assert back.notices == ["1 nhận xét (comment) trong tệp không được đọc vào báo cáo"]


def test_a_paragraph_in_tcvn3_is_reported_with_its_place(rendered: Path, tmp_path: Path) -> None:
    old = tmp_path / "tcvn3.docx"
    base = baocao.extract(rendered).report.to_dict()
    sentence = next(b for lst in paragraph_lists(base) for b in lst if plain(b))
    # "Đảng bộ huyện đã lãnh đạo thực hiện tốt" typed with Unikey in TCVN3, in .VnTime.
    tcvn3 = "§¶ng bé huyÖn ®· l·nh ®¹o thùc hiÖn tèt"
    d = docx.Document(str(rendered))
    p = next(p for p in d.paragraphs if p.text == sentence)
    p.text = tcvn3
    p.runs[0].font.name = ".VnTime"
    d.save(str(old))
    back = baocao.extract(old)
    [problem] = [q for q in back.problems if q.code == "old_encoding"]
    assert problem.paragraph is not None and problem.words.startswith("§¶ng")
    assert "TCVN3" in problem.message
    # The same letters without the font name are found too.
    p.runs[0].font.name = "Times New Roman"
    d.save(str(old))
    assert [q.code for q in baocao.extract(old).problems] == ["old_encoding"]


def test_unreadable_files_name_themselves(tmp_path: Path) -> None:
    bad = tmp_path / "bao-cao.docx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(baocao.InputError, match="bao-cao.docx: không phải tệp .docx"):
        baocao.extract(bad)
    with pytest.raises(FileNotFoundError):
        baocao.extract(tmp_path / "missing.docx")
    with pytest.raises(TypeError):
        baocao.extract(12)  # type: ignore[arg-type]


def test_the_docstring_examples_run(monkeypatch: pytest.MonkeyPatch) -> None:
    import doctest

    from baocao import _check, _extract

    monkeypatch.chdir(HERE.parents[2])  # the examples are named from the repository's root
    assert doctest.testmod(_extract).attempted > 0 and doctest.testmod(_extract).failed == 0
    assert doctest.testmod(_check).failed == 0
