"""The report on paper and under editing, as staff meet it.

On paper: each variant is rendered, converted to PDF by LibreOffice (one call for
all of them) and read back with ``pdftotext -bbox``: where each word lands, on
which page. Under editing: the produced file is changed with python-docx the way
a script writer would, and the result is checked to be a correct body paragraph.

Needs LibreOffice (``soffice``) and poppler (``pdftotext``, ``pdfinfo``), which
``scripts/setup-tools.sh`` installs; without them the paper tests are skipped.
"""

from __future__ import annotations

import copy
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import baocao

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "examples" / "bao-cao-huyen-hoa-lam.yaml"

needs_office = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice and poppler-utils are installed by scripts/setup-tools.sh",
)


@dataclass(frozen=True)
class Word:
    page: int
    x: float
    y: float
    text: str


def to_pdf(docs: dict[str, baocao.Report], folder: Path) -> dict[str, Path]:
    """Renders each report and converts them all to PDF in one LibreOffice call."""
    paths = []
    for name, report in docs.items():
        path = folder / f"{name}.docx"
        path.write_bytes(report.render())
        paths.append(str(path))
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder), *paths],
        check=True,
        capture_output=True,
        timeout=600,
    )
    out = {name: folder / f"{name}.pdf" for name in docs}
    for name, pdf in out.items():
        assert pdf.exists(), f"LibreOffice did not convert {name}"
    return out


def words(pdf: Path) -> list[Word]:
    """Every word of the PDF with its page (1-based) and top-left position in points."""
    xhtml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    root = ET.fromstring(xhtml)
    out = []
    for number, page in enumerate(root.iter("{http://www.w3.org/1999/xhtml}page"), start=1):
        for w in page.iter("{http://www.w3.org/1999/xhtml}word"):
            out.append(Word(number, float(w.attrib["xMin"]), float(w.attrib["yMin"]), w.text or ""))
    return out


def page_of(ws: list[Word], phrase: str) -> int:
    """The page where a phrase (consecutive words) starts."""
    parts = phrase.split()
    for i in range(len(ws) - len(parts) + 1):
        if [w.text for w in ws[i : i + len(parts)]] == parts:
            return ws[i].page
    raise AssertionError(f"{phrase!r} is not in the PDF")


@pytest.fixture()
def data() -> dict[str, Any]:
    return baocao.Report.from_file(EXAMPLE).to_dict()


@needs_office
def test_draft_mark_keeps_the_two_header_columns_level(data: dict[str, Any], tmp_path: Path) -> None:
    marked = copy.deepcopy(data)
    marked["frame"]["draft"] = "Dự thảo lần 2"
    pdfs = to_pdf(
        {"plain": baocao.Report.from_dict(data), "draft": baocao.Report.from_dict(marked)},
        tmp_path,
    )
    for name, pdf in pdfs.items():
        page1 = [w for w in words(pdf) if w.page == 1]
        party = [w for w in page1 if w.text == "ĐẢNG"]
        left, right = min(party, key=lambda w: w.x), max(party, key=lambda w: w.x)
        # "ĐẢNG BỘ TỈNH SƠN HÀ" and "ĐẢNG CỘNG SẢN VIỆT NAM" start on one line.
        assert abs(left.y - right.y) < 1.5, f"{name}: {left} vs {right}"
        if name == "draft":
            mark = next(w for w in page1 if w.text == "thảo")
            assert mark.y < right.y and mark.x > right.x, f"the mark is above, at the right: {mark}"
    title = {name: next(w.y for w in words(pdf) if w.text == "BÁO") for name, pdf in pdfs.items()}
    assert abs(title["plain"] - title["draft"]) < 0.5, f"the mark pushes nothing down: {title}"


@needs_office
def test_pdf_title_carries_the_number_as_printed(data: dict[str, Any], tmp_path: Path) -> None:
    pdf = to_pdf({"r": baocao.Report.from_dict(data)}, tmp_path)["r"]
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    title = next(line for line in info.splitlines() if line.startswith("Title:"))
    assert "Báo cáo số 125-BC/HU tổng kết 10 năm" in title, title


@needs_office
def test_group_heading_rows_stay_with_their_first_indicator(data: dict[str, Any], tmp_path: Path) -> None:
    # A long appendix; the first group grows one row per variant, so that every
    # later group heading row meets the foot of a page in some variant.
    years = list(range(2012, 2022))
    groups = []
    for g in range(8):
        indicators = [
            {
                "name": f"Chỉ tiêu nhóm {g + 1} số {i + 1} về chăm sóc và bảo vệ trẻ em",
                "unit": "người",
                "values": [100 * g + i + y - 2000 for y in years],
            }
            for i in range(5)
        ]
        groups.append({"heading": f"Nhóm chỉ tiêu thứ {g + 1}", "indicators": indicators})
    variants = {}
    for extra in range(8):
        d = copy.deepcopy(data)
        table = copy.deepcopy(groups)
        for i in range(extra):
            table[0]["indicators"].append(
                {"name": f"Chỉ tiêu thêm số {i + 1}", "unit": "người", "values": [1] * len(years)}
            )
        d["statistics"] = [{"title": "Số liệu dài", "years": years, "groups": table}]
        variants[f"extra{extra}"] = baocao.Report.from_dict(d)
    pdfs = to_pdf(variants, tmp_path)
    split_somewhere = False
    for name, pdf in pdfs.items():
        ws = words(pdf)
        start = page_of(ws, "SỐ LIỆU DÀI")
        for g in range(1, 8):
            heading = page_of(ws, f"Nhóm chỉ tiêu thứ {g + 1}")
            first = page_of(ws, f"Chỉ tiêu nhóm {g + 1} số 1 về")
            assert heading == first, f"{name}: group {g + 1} heading on page {heading}, first indicator on {first}"
            split_somewhere |= heading > start and page_of(ws, f"Chỉ tiêu nhóm {g} số 5 về") < heading
    assert split_somewhere, "some variant must put a group heading at the top of a new page"


@needs_office
def test_a_short_table_is_not_split(data: dict[str, Any], tmp_path: Path) -> None:
    # A caption, a unit line and a three-row table after a growing number of
    # paragraphs: in some variant it would meet the foot of the page.
    table = {
        "table": {
            "caption": "Bảng kiểm tra trang",
            "unit": "người",
            "header": ["Xã", "Số trẻ em", "Ghi chú"],
            "rows": [["Hòa An", 1200, "-"], ["Hòa Bình", 980, "-"], ["Hòa Cuối", 1410, "dòng cuối"]],
        }
    }
    # One line per filler paragraph: fine steps, so some variant puts the page end
    # between two rows (without the keep rules, LibreOffice splits it there).
    variants = {}
    for k in range(16):
        d = copy.deepcopy(data)
        d["purpose"]["paragraphs"] = d["purpose"]["paragraphs"] + [f"Đoạn ngắn số {i}." for i in range(k)] + [table]
        variants[f"k{k}"] = baocao.Report.from_dict(d)
    pdfs = to_pdf(variants, tmp_path)
    pages_seen = set()
    for name, pdf in pdfs.items():
        ws = words(pdf)
        caption = page_of(ws, "Bảng kiểm tra trang")
        pages_seen.add(caption)
        for phrase in ("Đơn vị tính: người", "Hòa An", "Hòa Bình", "Hòa Cuối", "dòng cuối"):
            assert page_of(ws, phrase) == caption, f"{name}: {phrase!r} not on page {caption}"
    assert len(pages_seen) > 1, "the variants must move the table across a page end"


# -- editing with python-docx -----------------------------------------------------------


def test_a_script_editing_the_file_gets_correct_body_paragraphs(data: dict[str, Any], tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt, Twips

    path = tmp_path / "bao-cao.docx"
    baocao.Report.from_dict(data).write(path)
    doc = docx.Document(str(path))
    added = doc.add_paragraph("Đoạn thêm bằng python-docx theo tên kiểu.", style="Body Text")
    target = next(p for p in doc.paragraphs if p.text.startswith("Việc tổng kết nhằm"))
    target.style = doc.styles["Normal"]
    edited = tmp_path / "da-sua.docx"
    doc.save(str(edited))

    doc = docx.Document(str(edited))
    defaults = doc.styles.element.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}docDefaults"
    )
    assert defaults is not None
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    fonts = defaults.find(f"{w}rPrDefault/{w}rPr/{w}rFonts")
    size = defaults.find(f"{w}rPrDefault/{w}rPr/{w}sz")
    assert fonts is not None and fonts.get(f"{w}ascii") == "Times New Roman"
    assert size is not None and size.get(f"{w}val") == "28"

    def resolved(paragraph: Any, attribute: str) -> Any:
        value = getattr(paragraph.paragraph_format, attribute)
        style = paragraph.style
        while value is None and style is not None:
            value = getattr(style.paragraph_format, attribute)
            style = style.base_style
        return value

    for text in ("Đoạn thêm bằng python-docx", "Việc tổng kết nhằm"):
        p = next(p for p in doc.paragraphs if p.text.startswith(text))
        assert resolved(p, "alignment") == WD_ALIGN_PARAGRAPH.JUSTIFY, text
        assert resolved(p, "first_line_indent") == Twips(567), text
        assert resolved(p, "space_after") == Pt(6), text
        assert resolved(p, "line_spacing") == Pt(18), text
        assert resolved(p, "line_spacing_rule") == WD_LINE_SPACING.EXACTLY, text
        assert all(r.font.name is None and r.font.size is None for r in p.runs), "no direct formatting"
    assert added.style is not None
    assert doc.paragraphs[-1].style.name == "Body Text"
