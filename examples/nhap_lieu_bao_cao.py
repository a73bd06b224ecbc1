"""Nhập liệu báo cáo tổng kết 10 năm thực hiện Chỉ thị 20-CT/TW.

An office data-entry script: the district's yearly figures come from a spreadsheet
exported as CSV (du-lieu/so-lieu.csv, Vietnamese decimal commas), the prose from a
folder of text files that staff edit (du-lieu/noi-dung/*.txt). The script builds
the report, prints every problem, and writes the .docx.

    python examples/nhap_lieu_bao_cao.py bao-cao.docx [--ghi-de]

Text files: paragraphs are separated by a blank line; a line starting "- " is a
dash-list item; a line starting "## " starts a titled subsection; a file whose text
starts "KHÔNG CÓ NỘI DUNG:" reports an area with nothing to report.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import sys
from pathlib import Path
from typing import Any

import baocao

DATA = Path(__file__).parent / "du-lieu"

# The document frame: what changes from one report to the next.
FRAME: dict[str, Any] = {
    "issuer": {
        "superior": "ĐẢNG BỘ TỈNH SƠN HÀ",
        "organ": "HUYỆN ỦY HÒA LÂM",
        "organ_code": "HU",
        "standing_committee": "Ban Thường vụ Huyện ủy",
    },
    "number": 125,
    "place": "Hòa Lâm",
    "date": datetime.date(2022, 2, 15),
    "signature": {
        "authority": "T/M",
        "on_behalf_of": "BAN THƯỜNG VỤ",
        "position": "PHÓ BÍ THƯ",
        "name": "Hoàng Minh Đức",
    },
    "recipients": [
        "Ban Thường vụ Tỉnh ủy (b/c)",
        "Ban Dân vận Tỉnh ủy",
        "Sở Lao động - Thương binh và Xã hội tỉnh",
        "Các đồng chí Ủy viên Ban Thường vụ Huyện ủy",
        "Các đảng bộ, chi bộ cơ sở",
        "Lưu Văn phòng Huyện ủy",
    ],
}

NOTHING = "KHÔNG CÓ NỘI DUNG:"


def blocks(text: str) -> list[Any]:
    """Paragraphs and dash lists of a piece of prose."""
    out: list[Any] = []
    for chunk in text.strip().split("\n\n"):
        lines = [line.strip() for line in chunk.strip().splitlines() if line.strip()]
        if not lines:
            continue
        if all(line.startswith("- ") for line in lines):
            out.append({"list": [line[2:] for line in lines]})
        else:
            out.append(" ".join(lines))
    return out


def part(name: str) -> dict[str, Any]:
    """A section from its text file: leading prose, then "## " subsections."""
    text = (DATA / "noi-dung" / name).read_text(encoding="utf-8")
    if text.startswith(NOTHING):
        return {"nothing_to_report": text[len(NOTHING) :].strip()}
    head, *subs = ("\n" + text).split("\n## ")
    result: dict[str, Any] = {}
    if head.strip():
        result["paragraphs"] = blocks(head)
    if subs:
        result["subsections"] = [
            {"title": s.split("\n", 1)[0].strip(), "paragraphs": blocks(s.split("\n", 1)[1] if "\n" in s else "")}
            for s in subs
        ]
    return result


def number(cell: str) -> float | int | None:
    """A spreadsheet cell in Vietnamese notation: "1.234" → 1234, "82,5" → 82.5, "" → missing."""
    cell = cell.strip()
    if cell in ("", "-"):
        return None
    value = float(cell.replace(".", "").replace(",", "."))
    return int(value) if value.is_integer() and "," not in cell else value


def statistics() -> dict[str, Any]:
    """The statistics appendix from the CSV export."""
    with open(DATA / "so-lieu.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    fieldnames = list(rows[0].keys())
    years = [int(c) for c in fieldnames if c.isdigit()]
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        indicator: dict[str, Any] = {
            "name": row["chi_tieu"],
            "unit": row["don_vi"],
            "values": [number(row[str(y)]) for y in years],
        }
        if row["so_le"]:
            indicator["decimals"] = int(row["so_le"])
        if row["ghi_chu"]:
            indicator["note"] = row["ghi_chu"]
        groups.setdefault(row["nhom"], []).append(indicator)
    return {
        "title": f"Một số chỉ tiêu về công tác trẻ em giai đoạn {years[0]} - {years[-1]}",
        "years": years,
        "groups": [{"heading": h, "indicators": inds} for h, inds in groups.items()],
    }


def build() -> dict[str, Any]:
    """The whole report as a dict of baocao's input shape."""
    areas = ["lanh-dao", "tuyen-truyen", "phap-luat", "chuong-trinh", "phoi-hop", "nguon-luc", "hop-tac-quoc-te", "su-tham-gia"]
    keys = ["leadership", "communication", "legislation", "programmes", "coordination", "resources", "international", "participation"]
    results: dict[str, Any] = {"paragraphs": blocks((DATA / "noi-dung" / "2-ket-qua-mo-dau.txt").read_text(encoding="utf-8"))}
    for i, (key, name) in enumerate(zip(keys, areas), start=1):
        results[key] = part(f"2.{i}-{name}.txt")
    results["coordination"]["disasters_epidemics"] = part("2.5b-thien-tai-dich-benh.txt")
    return {
        "frame": FRAME,
        "dissemination": part("1-pho-bien-quan-triet.txt"),
        "results": results,
        "shortcomings": {
            "limitations": part("3.1-han-che.txt"),
            "objective_causes": part("3.2-nguyen-nhan-khach-quan.txt"),
            "subjective_causes": part("3.3-nguyen-nhan-chu-quan.txt"),
            "lessons": part("3.4-bai-hoc-kinh-nghiem.txt"),
        },
        "outlook": {
            "difficulties": part("4.1-kho-khan-thach-thuc.txt"),
            "directions": part("4.2-phuong-huong-giai-phap.txt"),
            "recommendations": part("4.3-kien-nghi-de-xuat.txt"),
        },
        "statistics": [statistics()],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("output", type=Path, help="tệp .docx cần ghi")
    parser.add_argument("--ghi-de", action="store_true", help="ghi đè nếu tệp đã có")
    args = parser.parse_args(argv)

    try:
        report = baocao.Report.from_dict(build())
    except (baocao.InputError, baocao.FieldTypeError) as e:
        print(f"Dữ liệu không đọc được: {e}", file=sys.stderr)
        return 2
    problems = report.validate(today=datetime.date.today())
    if problems:
        print(f"Báo cáo còn {len(problems)} lỗi:", file=sys.stderr)
        for p in problems:
            print(f"  {p.path}: {p.message}", file=sys.stderr)
        return 1
    try:
        report.write(args.output, overwrite=args.ghi_de)
    except FileExistsError:
        print(f"{args.output} đã có; dùng --ghi-de để ghi đè.", file=sys.stderr)
        return 3
    print(f"Đã ghi {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
