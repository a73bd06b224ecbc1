"""The same report built with python-docx, for the comparison benchmark.

Written as a careful engineer would for an office: styles set up once, the header
block and signature as borderless tables, literal heading numbers, emphasis as runs,
the statistics appendix in a landscape section with merged header cells and
repeating header rows, table rows made at once and filled through `row.cells` (python-docx's fastest idiom; never
`table.cell()` in a loop).

    python benches/python_docx_report.py INPUT.json OUTPUT.docx
"""

from __future__ import annotations

import io
import json
import re
import sys
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, Twips

FONT = "Times New Roman"
AREA_TITLES = [
    "Công tác lãnh đạo, chỉ đạo, kiểm tra, giám sát của cấp ủy, chính quyền các cấp",
    "Công tác tuyên truyền, giáo dục và vận động",
    "Việc rà soát, sửa đổi, bổ sung, hoàn thiện hệ thống pháp luật, chính sách về trẻ em",
    "Xây dựng và thực hiện các chương trình, đề án, kế hoạch về trẻ em",
    "Công tác phối hợp liên ngành trong thực hiện quyền trẻ em; bảo đảm quyền trẻ em trong thiên tai, dịch bệnh, nhất là trước tác động của đại dịch Covid-19",
    "Việc ưu tiên bố trí nguồn lực cho công tác trẻ em",
    "Việc mở rộng, tăng cường hợp tác quốc tế trong thực hiện quyền trẻ em",
    "Sự tham gia của Mặt trận Tổ quốc Việt Nam, các tổ chức chính trị - xã hội, nhà trường, gia đình và cộng đồng",
]
AREA_KEYS = ["leadership", "communication", "legislation", "programmes", "coordination", "resources", "international", "participation"]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
DIRECTIVE = "Chỉ thị số 20-CT/TW, ngày 05/11/2012 của Bộ Chính trị (khóa XI) “về việc tăng cường sự lãnh đạo của Đảng đối với công tác chăm sóc, giáo dục và bảo vệ trẻ em trong tình hình mới”"
EMPHASIS = re.compile(r"(\*\*\*.+?\*\*\*|\*\*.+?\*\*|\*.+?\*)")


def set_font(style: Any, size: float, bold: bool = False, italic: bool = False) -> None:
    style.font.name = FONT
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = italic
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)
    color = style.font.color
    color.rgb = None


def setup_styles(doc: Any) -> None:
    styles = doc.styles
    set_font(styles["Normal"], 14)
    body = styles["Body Text"]
    set_font(body, 14)
    pf = body.paragraph_format
    pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    pf.first_line_indent = Mm(10)
    pf.space_before, pf.space_after = Pt(0), Pt(6)
    pf.line_spacing_rule, pf.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(18)
    for name, italic in (("Heading 1", False), ("Heading 2", False), ("Heading 3", True)):
        s = styles[name]
        set_font(s, 14, bold=True, italic=italic)
        s.paragraph_format.first_line_indent = Mm(10)
        s.paragraph_format.space_before, s.paragraph_format.space_after = Pt(0), Pt(6)
        s.paragraph_format.keep_with_next = True
    set_font(styles["List"], 14)
    styles["List"].paragraph_format.first_line_indent = Mm(10)
    styles["List"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


def add_text(paragraph: Any, text: str) -> None:
    for piece in EMPHASIS.split(text):
        if not piece:
            continue
        if piece.startswith("***"):
            r = paragraph.add_run(piece[3:-3])
            r.bold = r.italic = True
        elif piece.startswith("**"):
            paragraph.add_run(piece[2:-2]).bold = True
        elif piece.startswith("*"):
            paragraph.add_run(piece[1:-1]).italic = True
        else:
            paragraph.add_run(piece)


def centred(container: Any, text: str, size: float = 14, bold: bool = False, italic: bool = False, underline: bool = False) -> None:
    p = container.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(0)
    r = p.add_run(text)
    r.font.size, r.bold, r.italic, r.underline = Pt(size), bold, italic, underline


def blocks(doc: Any, items: list[Any]) -> None:
    for b in items:
        if isinstance(b, str):
            add_text(para(doc, "", "Body Text"), b)
        elif "list" in b:
            for item in b["list"]:
                add_text(para(doc, "", "List"), "- " + item)
        elif "points" in b:
            for i, p in enumerate(b["points"]):
                para(doc, f"{chr(97 + i)}) {p['heading']}", "Heading 3")
                blocks(doc, p.get("paragraphs", []))
        elif "table" in b:
            t = b["table"]
            if t.get("caption"):
                centred(doc, t["caption"], 12, bold=True)
            # python-docx's fastest idiom: every row made at once, cells filled through row.cells.
            table = doc.add_table(rows=1 + len(t["rows"]), cols=len(t["header"]))
            table.style = "Table Grid"
            rows = table.rows
            for cell, h in zip(rows[0].cells, t["header"]):
                cell.text = h
            for row, values in zip(rows[1:], t["rows"]):
                for cell, value in zip(row.cells, values):
                    cell.text = shown(value)


def part(doc: Any, p: dict[str, Any], level: int, number: str) -> None:
    blocks(doc, p.get("paragraphs", []))
    for i, s in enumerate(p.get("subsections", []), start=1):
        label = f"{i}." if level == 1 else f"{number}.{i}."
        para(doc, f"{label} {s['title']}", "Heading 2" if level == 1 else "Heading 3")
        blocks(doc, s["paragraphs"])


def shown(value: Any) -> str:
    """A body-table cell as printed: numbers in Vietnamese notation, "-" when empty."""
    if value is None or value == "-":
        return "-"
    if isinstance(value, (int, float)):
        return number_vn(value, None)
    return str(value)


def number_vn(x: float, decimals: int | None) -> str:
    s = f"{x:,.{decimals}f}" if decimals is not None else (f"{x:,.0f}" if float(x).is_integer() else f"{x:,}")
    return s.replace(",", "\0").replace(".", ",").replace("\0", ".")


def page_number_field(paragraph: Any) -> None:
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, None), ("end", None)):
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
        elif text:
            instr = OxmlElement("w:instrText")
            instr.text = text
            run._r.append(instr)


def repeat_header(row: Any) -> None:
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    trpr.append(el)


# The paragraph styles' ids, looked up once per document. python-docx's fastest
# idiom sets a paragraph's style id on its XML element (`paragraph._p.style`):
# given a name it walks every style to find it, and given a style object it still
# walks every style to find the default one, for each paragraph (59 % of the
# build's time). The document is the same either way (tested by the comparison).
S: dict[str, str] = {}


def para(doc: Any, text: str, style: str) -> Any:
    """A paragraph in a style (by its name in S), the fastest way python-docx has."""
    p = doc.add_paragraph(text)
    p._p.style = S[style]
    return p


def build(data: dict[str, Any]) -> bytes:
    doc = Document()
    setup_styles(doc)
    S.clear()
    S.update({name: doc.styles[name].style_id for name in ("Body Text", "List", "Heading 1", "Heading 2", "Heading 3")})
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin = Mm(20), Mm(20), Mm(30), Mm(15)
    sec.different_first_page_header_footer = True
    hp = sec.header.paragraphs[0]
    hp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    page_number_field(hp)

    f = data["frame"]
    y, m, d = (int(x) for x in f["date"].split("-"))
    head = doc.add_table(rows=1, cols=2)
    left, right = head.rows[0].cells
    left.width, right.width = Twips(4209), Twips(5146)
    left.paragraphs[0].text = f["issuer"].get("superior", "")
    left.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    centred(left, f["issuer"]["organ"], bold=True)
    centred(left, "*")
    centred(left, f"Số {f['number']:02d}-BC/{f['issuer']['organ_code']}")
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = right.paragraphs[0].add_run("ĐẢNG CỘNG SẢN VIỆT NAM")
    r.bold, r.underline, r.font.size = True, True, Pt(15)
    month = f"{m:02d}" if m <= 2 else str(m)
    centred(right, f"{f['place']}, ngày {d:02d} tháng {month} năm {y}", italic=True)

    centred(doc, "BÁO CÁO", 16, bold=True)
    centred(doc, "tổng kết 10 năm thực hiện " + DIRECTIVE, bold=True)
    centred(doc, "-----")
    para(doc, "Thực hiện Công văn số 807-CV/TU, ngày 24/12/2021 của Ban Thường vụ Tỉnh ủy về việc tổng kết 10 năm thực hiện "
        + DIRECTIVE + ", " + f["issuer"]["standing_committee"] + " báo cáo kết quả như sau:", "Body Text")
    n = 0

    def level1(title: str) -> None:
        nonlocal n
        para(doc, f"{ROMAN[n]}- {title}", "Heading 1")
        n += 1

    if data.get("purpose"):
        level1("MỤC ĐÍCH, YÊU CẦU")
        part(doc, data["purpose"], 1, "")
    level1("TÌNH HÌNH PHỔ BIẾN, QUÁN TRIỆT, LÃNH ĐẠO, CHỈ ĐẠO, TỔ CHỨC THỰC HIỆN CHỈ THỊ")
    part(doc, data["dissemination"], 1, "")
    level1("KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ TRỌNG TÂM")
    res = data["results"]
    blocks(doc, res.get("paragraphs", []))
    for i, (key, title) in enumerate(zip(AREA_KEYS, AREA_TITLES), start=1):
        para(doc, f"{i}. {title}", "Heading 2")
        area = res[key]
        if key == "coordination":
            para(doc, f"{i}.1. Công tác phối hợp liên ngành trong thực hiện quyền trẻ em", "Heading 3")
            part(doc, area, 3, f"{i}.1")
            para(doc, f"{i}.2. Bảo đảm quyền trẻ em trong thiên tai, dịch bệnh, nhất là trước tác động của đại dịch Covid-19", "Heading 3")
            part(doc, area["disasters_epidemics"], 3, f"{i}.2")
        elif "nothing_to_report" in area:
            para(doc, area["nothing_to_report"], "Body Text")
        else:
            part(doc, area, 2, str(i))
    s = data["shortcomings"]
    level1("HẠN CHẾ, TỒN TẠI, NGUYÊN NHÂN VÀ BÀI HỌC KINH NGHIỆM")
    para(doc, "1. Hạn chế, tồn tại", "Heading 2")
    part(doc, s["limitations"], 2, "1")
    para(doc, "2. Nguyên nhân", "Heading 2")
    para(doc, "2.1. Nguyên nhân khách quan", "Heading 3")
    part(doc, s["objective_causes"], 3, "2.1")
    para(doc, "2.2. Nguyên nhân chủ quan", "Heading 3")
    part(doc, s["subjective_causes"], 3, "2.2")
    para(doc, "3. Bài học kinh nghiệm", "Heading 2")
    part(doc, s["lessons"], 2, "3")
    o = data["outlook"]
    level1("KHÓ KHĂN, THÁCH THỨC VÀ PHƯƠNG HƯỚNG, NHIỆM VỤ, GIẢI PHÁP")
    para(doc, "1. Khó khăn, thách thức", "Heading 2")
    part(doc, o["difficulties"], 2, "1")
    para(doc, "2. Phương hướng, nhiệm vụ, giải pháp trong thời gian tới", "Heading 2")
    part(doc, o["directions"], 2, "2")
    level1("KIẾN NGHỊ, ĐỀ XUẤT")
    part(doc, o["recommendations"], 1, "")

    sig = doc.add_table(rows=1, cols=2)
    left, right = sig.rows[0].cells
    p = left.paragraphs[0]
    p.add_run("Nơi nhận:").underline = True
    recipients = f["recipients"]
    for i, rec in enumerate(recipients):
        rp = left.add_paragraph()
        rp.paragraph_format.space_after = Pt(0)
        rp.add_run(f"- {rec}{'.' if i == len(recipients) - 1 else ','}").font.size = Pt(12)
    sg = f["signature"]
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    right.paragraphs[0].add_run(f"{sg['authority']} {sg['on_behalf_of']}").bold = True
    centred(right, sg["position"], bold=True)
    for _ in range(4):
        centred(right, "")
    centred(right, sg["name"], bold=True)

    for k, t in enumerate(data.get("statistics", []), start=1):
        new = doc.add_section()
        new.orientation = WD_ORIENT.LANDSCAPE
        new.page_width, new.page_height = Mm(297), Mm(210)
        centred(doc, f"Phụ lục {k}", bold=True)
        centred(doc, t["title"].upper(), bold=True)
        centred(doc, f"(Kèm theo Báo cáo số {f['number']:02d}-BC/{f['issuer']['organ_code']}, ngày {d:02d}/{month}/{y} của {f['issuer']['standing_committee']})", italic=True)
        years = t["years"]
        cols = 4 + len(years)
        # Every row made at once (python-docx's fastest idiom), filled in order.
        body_rows = sum(len(g["indicators"]) + (1 if g.get("heading") else 0) for g in t["groups"])
        table = doc.add_table(rows=2 + body_rows, cols=cols)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        all_rows = table.rows
        next_row = iter(all_rows[2:])
        h1, h2 = all_rows[0].cells, all_rows[1].cells
        for i, title in ((0, "TT"), (1, "Chỉ tiêu"), (2, "Đơn vị tính"), (cols - 1, "Ghi chú")):
            h1[i].merge(h2[i]).text = title
        h1[3].merge(h1[cols - 2]).text = "Năm"
        for i, year in enumerate(years):
            h2[3 + i].text = str(year)
        repeat_header(all_rows[0])
        repeat_header(all_rows[1])
        counter = 0
        for g, group in enumerate(t["groups"]):
            if group.get("heading"):
                cells = next(next_row).cells
                cells[0].text = ROMAN[g]
                cells[1].merge(cells[cols - 1]).text = group["heading"]
            for ind in group["indicators"]:
                counter += 1
                cells = next(next_row).cells
                cells[0].text, cells[1].text, cells[2].text = str(counter), ind["name"], ind["unit"]
                for i in range(len(years)):
                    v = ind["values"][i] if i < len(ind["values"]) else "-"
                    cell = cells[3 + i]
                    cell.text = "-" if v in ("-", None) else number_vn(v, ind.get("decimals"))
                    cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
                cells[cols - 1].text = ind.get("note", "")

    props = doc.core_properties
    props.title = f"Báo cáo số {f['number']}-BC/{f['issuer']['organ_code']}"
    props.author = f["issuer"]["organ"]
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def main() -> None:
    data = json.load(open(sys.argv[1], encoding="utf-8"))
    with open(sys.argv[2], "wb") as f:
        f.write(build(data))


if __name__ == "__main__":
    main()
