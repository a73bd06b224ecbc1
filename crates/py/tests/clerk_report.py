"""A report typed the way a clerk builds it in Word, scripted with python-docx.

The header block is a borderless two-column table, every run carries direct
formatting (font, size, bold, italic), paragraphs carry their own alignment,
indent and spacing; the page is set up by hand (A4, margins, a different first
page, a PAGE field centred in the header). Nothing comes from baocao. The keyword
arguments break one rule each, for the tests of ``baocao.check``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import unicodedata

import docx
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

AREAS = [
    "Công tác lãnh đạo, chỉ đạo, kiểm tra, giám sát của cấp ủy, chính quyền các cấp",
    "Công tác tuyên truyền, giáo dục và vận động",
    "Việc rà soát, sửa đổi, bổ sung, hoàn thiện hệ thống pháp luật, chính sách về trẻ em",
    "Xây dựng và thực hiện các chương trình, đề án, kế hoạch về trẻ em",
    "Công tác phối hợp liên ngành trong thực hiện quyền trẻ em; bảo đảm quyền trẻ em trong thiên tai, dịch bệnh",
    "Việc ưu tiên bố trí nguồn lực cho công tác trẻ em",
    "Việc mở rộng, tăng cường hợp tác quốc tế trong thực hiện quyền trẻ em",
    "Sự tham gia của Mặt trận Tổ quốc Việt Nam, các tổ chức chính trị - xã hội, nhà trường, gia đình và cộng đồng",
]

PROSE = (
    "Ban Thường vụ Huyện ủy đã lãnh đạo, chỉ đạo các cấp ủy, chính quyền, Mặt trận Tổ quốc và các đoàn thể "
    "triển khai thực hiện nghiêm túc Chỉ thị, đưa công tác chăm sóc, giáo dục và bảo vệ trẻ em vào nghị quyết, "
    "kế hoạch hằng năm; kết quả được đánh giá cụ thể qua từng năm."
)


def _run(paragraph: Any, text: str, size: float = 14, bold: bool = False, italic: bool = False,
         underline: bool = False, font: str = "Times New Roman") -> Any:
    run = paragraph.add_run(text)
    run.font.name = font
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    run.font.underline = underline
    return run


def _centred(cell_or_doc: Any, text: str, **kw: Any) -> Any:
    p = cell_or_doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(0)
    _run(p, text, **kw)
    return p


def _no_borders(table: Any) -> None:
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        e = OxmlElement(f"w:{side}")
        e.set(qn("w:val"), "nil")
        borders.append(e)
    table._tbl.tblPr.append(borders)


def build(path: Path, *, body_size: float = 14, number: str = "Số 125-BC/HU",
          language: str | None = "vi-VN", page_one_number: bool = False, left_margin_mm: float = 30,
          title_bold: bool = True, date: str = "Hòa Lâm, ngày 15 tháng 02 năm 2022",
          asterisk: bool = True, archive: bool = True, areas: int = 8, auto_numbering: bool = False,
          roman: str = "-", decomposed: bool = False, lessons: bool = True) -> Path:
    d = docx.Document()
    if language is not None:
        lang = d.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
        lang.set(qn("w:val"), language)
        lang.set(qn("w:eastAsia"), language)
    else:
        rpr = d.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
        rpr.remove(rpr.find(qn("w:lang")))

    s = d.sections[0]
    s.page_width, s.page_height = Mm(210), Mm(297)
    s.top_margin, s.bottom_margin = Mm(20), Mm(20)
    s.left_margin, s.right_margin = Mm(left_margin_mm), Mm(15)
    s.header_distance = Mm(10)
    s.different_first_page_header_footer = not page_one_number
    hp = s.header.paragraphs[0]
    hp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    r = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    fonts = OxmlElement("w:rFonts")
    fonts.set(qn("w:ascii"), "Times New Roman")
    fonts.set(qn("w:hAnsi"), "Times New Roman")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "28")
    rpr.extend([fonts, size])
    t = OxmlElement("w:t")
    t.text = "2"
    r.extend([rpr, t])
    field.append(r)
    hp._p.append(field)

    # The header block: a borderless two-column table, 45 % / 55 %.
    table = d.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(table)
    left, right = table.rows[0].cells
    left.width, right.width = Mm(74), Mm(91)
    left.paragraphs[0]._p.getparent().remove(left.paragraphs[0]._p)
    right.paragraphs[0]._p.getparent().remove(right.paragraphs[0]._p)
    _centred(left, "ĐẢNG BỘ TỈNH SƠN HÀ")
    _centred(left, "HUYỆN ỦY HÒA LÂM", bold=True)
    if asterisk:
        _centred(left, "*")
    _centred(left, number)
    _centred(right, "ĐẢNG CỘNG SẢN VIỆT NAM", size=15, bold=True, underline=True)
    _centred(right, "")
    _centred(right, date, italic=True)

    _centred(d, "")
    _centred(d, "BÁO CÁO", size=16, bold=title_bold)
    _centred(d, "tổng kết 10 năm thực hiện Chỉ thị số 20-CT/TW, ngày 05/11/2012 của Bộ Chính trị", bold=True)
    _centred(d, "-----")

    def body(text: str, bold: bool = False, italic: bool = False) -> None:
        numeral = text.split("-", 1)[0]
        if roman != "-" and numeral and set(numeral) <= set("IVX") and text[len(numeral):].startswith("- "):
            text = numeral + roman + text[len(numeral) + 1 :]
        if decomposed:
            # Unikey's "Unicode tổ hợp": letters and marks typed apart (NFD).
            text = unicodedata.normalize("NFD", text)
        p = d.add_paragraph()
        if auto_numbering and bold and text[:1].isdigit() and text.split(" ")[0].count(".") == 1:
            # A level-2 heading numbered by Word ("List Number" carries w:numPr).
            p.style = d.styles["List Number"]
            text = text.split(" ", 1)[1]
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        f = p.paragraph_format
        f.first_line_indent = Mm(10)
        f.space_before, f.space_after = Pt(0), Pt(6)
        f.line_spacing = Pt(18)
        _run(p, text, size=body_size, bold=bold, italic=italic)

    body("Thực hiện Công văn số 807-CV/TU, ngày 24/12/2021 của Ban Thường vụ Tỉnh ủy về việc tổng kết 10 năm "
         "thực hiện Chỉ thị số 20-CT/TW, Ban Thường vụ Huyện ủy Hòa Lâm báo cáo kết quả như sau:")
    body("I- TÌNH HÌNH PHỔ BIẾN, QUÁN TRIỆT, LÃNH ĐẠO, CHỈ ĐẠO THỰC HIỆN CHỈ THỊ", bold=True)
    body(PROSE)
    body("II- KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ TRỌNG TÂM", bold=True)
    for n, area in enumerate(AREAS[:areas], start=1):
        body(f"{n}. {area}", bold=True)
        if n == 5:
            body("5.1. Công tác phối hợp liên ngành", bold=True, italic=True)
            body(PROSE)
            body("5.2. Bảo đảm quyền trẻ em trong thiên tai, dịch bệnh, đại dịch Covid-19", bold=True, italic=True)
        body(PROSE)
    body("III- HẠN CHẾ, TỒN TẠI, NGUYÊN NHÂN VÀ BÀI HỌC KINH NGHIỆM", bold=True)
    body("1. Hạn chế, tồn tại", bold=True)
    body(PROSE)
    # A table of figures typed by hand: its caption in the clerk's own words,
    # the unit line in brackets with a tab to a right stop, the source under it.
    cap = d.add_paragraph()
    cap.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(cap, "Kết quả kiểm tra, giám sát giai đoạn 2012 - 2021", size=13, bold=True)
    unit = d.add_paragraph()
    unit.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _run(unit, "\t(Đơn vị tính: cuộc)", size=13, italic=True)
    checks = d.add_table(rows=2, cols=2)
    checks.style = d.styles["Table Grid"]
    for row, values in zip(checks.rows, [("Năm", "Số cuộc"), ("2021", "18")]):
        for cell, value in zip(row.cells, values):
            _run(cell.paragraphs[0], value, size=13)
    src = d.add_paragraph()
    _run(src, "Nguồn: Ủy ban Kiểm tra Huyện ủy", size=13, italic=True)
    body("2. Nguyên nhân", bold=True)
    body(PROSE)
    if lessons:
        body("3. Bài học kinh nghiệm", bold=True)
        body(PROSE)
    body("IV- PHƯƠNG HƯỚNG, NHIỆM VỤ, GIẢI PHÁP VÀ KIẾN NGHỊ", bold=True)
    body(PROSE)

    # Signature and recipients: a borderless two-column table.
    sig = d.add_table(rows=1, cols=2)
    _no_borders(sig)
    rec, sign = sig.rows[0].cells
    for cell in (rec, sign):
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    p = rec.add_paragraph()
    p.paragraph_format.space_after = Pt(0)
    _run(p, "Nơi nhận:", underline=True)
    lines = ["- Ban Thường vụ Tỉnh ủy (b/c),", "- Các đồng chí Ủy viên Ban Thường vụ Huyện ủy,"]
    lines.append("- Lưu Văn phòng Huyện ủy." if archive else "- Các chi bộ cơ sở.")
    for line in lines:
        p = rec.add_paragraph()
        p.paragraph_format.space_after = Pt(0)
        _run(p, line, size=12)
    _centred(sign, "T/M BAN THƯỜNG VỤ", bold=True)
    _centred(sign, "PHÓ BÍ THƯ", bold=True)
    for _ in range(4):
        _centred(sign, "")
    _centred(sign, "Hoàng Minh Đức", bold=True)

    # An appendix on a new page.
    d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _centred(d, "Phụ lục 1", bold=True)
    _centred(d, "MỘT SỐ CHỈ TIÊU VỀ CÔNG TÁC TRẺ EM", bold=True)
    _centred(d, "(Kèm theo Báo cáo số 125-BC/HU, ngày 15/02/2022 của Ban Thường vụ Huyện ủy)", italic=True)
    figures = d.add_table(rows=2, cols=3)
    figures.style = d.styles["Table Grid"]
    for row, values in zip(figures.rows, [("TT", "Chỉ tiêu", "2021"), ("1", "Số trẻ em dưới 16 tuổi", "23.347")]):
        for cell, value in zip(row.cells, values):
            _run(cell.paragraphs[0], value, size=12)
    _ = WD_SECTION  # sections are set on the one section python-docx starts with
    d.save(str(path))
    return path
