"""Typesetting rules of a Party office on paper (issue 19): each report is
rendered, converted to PDF by LibreOffice (one call for all) and read back with
``pdftotext -bbox``: where each word lands and on which page.

Needs LibreOffice and poppler (installed by ``scripts/setup-tools.sh``)."""

from __future__ import annotations

import copy
import subprocess
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

import baocao
from test_paper import EXAMPLE, Word, needs_office, page_of, to_pdf, words

YEARS = list(range(2012, 2022))

# Pieces of indicator names as districts write them: assembled into names of
# 60 to 90 characters.
NAME_PIECES = [
    "Tỷ lệ trẻ em dưới 6 tuổi được cấp thẻ bảo hiểm y tế",
    "Số trẻ em có hoàn cảnh đặc biệt được trợ giúp thường xuyên",
    "Tỷ lệ trẻ em 5 tuổi được đi học mẫu giáo",
    "Số trẻ em bị xâm hại được hỗ trợ, can thiệp kịp thời",
    "Tỷ lệ xã, thị trấn đạt tiêu chuẩn phù hợp với trẻ em",
    "Số điểm vui chơi, sinh hoạt văn hóa dành cho trẻ em",
]
PLACES = [
    "tại các xã vùng sâu, vùng xa",
    "ở các thôn, bản đặc biệt khó khăn",
    "trên địa bàn toàn huyện",
    "theo chuẩn của Bộ Y tế",
    "trong giai đoạn 2012 - 2021",
]


def indicator_names(n: int) -> list[str]:
    names = []
    for i in range(n):
        name = f"{NAME_PIECES[i % len(NAME_PIECES)]} {PLACES[(i * 2) % len(PLACES)]}"
        if len(name) < 60:
            name = f"{name} {PLACES[(i + 1) % len(PLACES)]}"
        names.append(name[:90].rstrip(", "))
    assert all(60 <= len(n) <= 90 for n in names), [len(n) for n in names]
    return names


def appendix(n: int) -> dict[str, Any]:
    names = indicator_names(n)
    indicators: list[dict[str, Any]] = [
        {"name": name, "unit": "người", "values": [100 + 7 * i + y - 2012 for y in YEARS]}
        for i, name in enumerate(names)
    ]
    indicators[2]["note"] = "Số liệu năm 2012 và 2013 do các xã ước tính"
    indicators[n - 4]["note"] = "Từ năm 2018 tính cả trẻ em được các dự án hỗ trợ"
    return {
        "title": "Một số chỉ tiêu về công tác trẻ em",
        "years": YEARS,
        "groups": [{"indicators": indicators}],
        "source": "Phòng Lao động - Thương binh và Xã hội huyện",
    }


@pytest.fixture()
def data() -> dict[str, Any]:
    return baocao.Report.from_file(EXAMPLE).to_dict()


def table_rows(ws: list[Word], first_page: int) -> dict[int, list[tuple[int, float, float]]]:
    """The rows of the appendix table by TT number: (page, top, next row's top or
    the source line), from the TT column's numbers."""
    start = next(w for w in ws if w.page >= first_page and w.text == "TT")
    tts = [
        w for w in ws if w.page >= first_page and w.text.isdigit() and len(w.text) <= 3 and start.x - 10 <= w.x < start.x + 15
    ]
    source = next(w for w in ws if w.page >= first_page and w.text == "Nguồn:")
    rows: dict[int, list[tuple[int, float, float]]] = defaultdict(list)
    for k, w in enumerate(tts):
        nxt = tts[k + 1] if k + 1 < len(tts) else None
        bottom = nxt.y if nxt is not None and nxt.page == w.page else (source.y if source.page == w.page else 10_000.0)
        rows[int(w.text)].append((w.page, w.y, bottom))
    return rows


@needs_office
def test_long_indicator_names_take_two_lines_at_most_and_no_row_is_left_alone(
    data: dict[str, Any], tmp_path: Path
) -> None:
    # 18 indicators (the appendix), and more, so that in some variant the
    # table ends just after a page break.
    variants = {}
    for n in range(16, 23):
        d = copy.deepcopy(data)
        d["statistics"] = [appendix(n)]
        variants[f"n{n}"] = baocao.Report.from_dict(d)
    pdfs = to_pdf(variants, tmp_path)
    split = False
    for name, pdf in pdfs.items():
        n = int(name[1:])
        ws = words(pdf)
        first = page_of(ws, "MỘT SỐ CHỈ TIÊU VỀ CÔNG TÁC TRẺ EM")
        rows = table_rows(ws, first)
        assert sorted(rows) == list(range(1, n + 1)), f"{name}: rows {sorted(rows)}"
        # The name column: right of TT, left of the units ("người", centred in theirs).
        tt_x = next(w for w in ws if w.page >= first and w.text == "TT").x + 15
        unit_x = min(w.x for w in ws if w.page >= first and w.text == "người")
        for tt, [(page, top, bottom)] in rows.items():
            lines = {round(w.y) for w in ws if w.page == page and top - 1 <= w.y < bottom - 1 and tt_x <= w.x < unit_x}
            assert 1 <= len(lines) <= 2, f"{name}: indicator {tt} takes {len(lines)} lines"
        last_page = rows[n][0][0]
        on_last = [tt for tt, [(page, _, _)] in rows.items() if page == last_page]
        assert len(on_last) >= 3 or rows[1][0][0] == last_page, f"{name}: the last page holds rows {on_last}"
        source = next(w for w in ws if w.page >= first and w.text == "Nguồn:")
        assert source.page == last_page, f"{name}: the source line is on page {source.page}"
        split |= rows[1][0][0] != last_page
    assert split, "some variant must break the table across pages"


@needs_office
def test_points_lettered_in_order_and_a_lead_in_on_the_page_of_its_list(
    data: dict[str, Any], tmp_path: Path
) -> None:
    # A lead-in and its list after a growing number of one-line paragraphs: in
    # some variant the lead-in meets the foot of a page.
    variants = {}
    for k in range(18):
        d = copy.deepcopy(data)
        d["purpose"]["paragraphs"] = d["purpose"]["paragraphs"] + [f"Đoạn ngắn số {i}." for i in range(k)] + [
            "Các kết quả chủ yếu như sau:",
            {"list": ["ý thứ nhất của danh sách;", "ý thứ hai của danh sách."]},
        ]
        variants[f"k{k}"] = baocao.Report.from_dict(d)
    pdfs = to_pdf(variants, tmp_path)
    pages = set()
    for name, pdf in pdfs.items():
        ws = words(pdf)
        lead = page_of(ws, "Các kết quả chủ yếu như sau:")
        pages.add(lead)
        assert page_of(ws, "- ý thứ nhất của danh sách;") == lead, f"{name}: the lead-in is left behind"
    assert len(pages) > 1, "the variants must move the lead-in across a page end"
    # On paper, "đ)" comes after "d)" and before "e)"-less lists' end.
    ws = words(next(iter(pdfs.values())))
    order = [w.text for w in ws if w.text in {"a)", "b)", "c)", "d)", "đ)", "e)"}]
    assert order[:5] == ["a)", "b)", "c)", "d)", "đ)"], order


@needs_office
def test_a_number_and_day_left_for_the_office_on_paper(data: dict[str, Any], tmp_path: Path) -> None:
    d = copy.deepcopy(data)
    del d["frame"]["number"]
    d["frame"]["date"] = 2022
    report = baocao.Report.from_dict(d)
    assert report.to_dict()["frame"]["date"] == 2022
    pdf = to_pdf({"blank": report}, tmp_path)["blank"]
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    assert "Số       -BC/HU" in text or "Số -BC/HU" in " ".join(text.split()), text[:600]
    assert "Hòa Lâm, ngày tháng năm 2022" in " ".join(text.split())
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert "Báo cáo số -BC/HU tổng kết" in " ".join(info.split()), info
    # The checker passes it with one warning.
    findings = baocao.check(pdf.with_suffix(".docx"))
    assert [(f.rule, f.severity) for f in findings] == [("header.unfilled", "warning")], findings
