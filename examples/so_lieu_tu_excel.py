"""Phụ lục số liệu từ bảng tính Excel: the figures of the report's appendix, read
from a workbook as an office keeps them, then validated and written.

    python examples/so_lieu_tu_excel.py bao-cao.docx [--so-lieu du-lieu/so-lieu.xlsx] [--ghi-de]

The first sheet has a header row: "Nhóm" (group), "Chỉ tiêu" (indicator), "Đơn vị
tính" (unit), "Số lẻ" (decimals), one column per year (2012 …), "Ghi chú" (note).
The rest of the report is the shipped example. openpyxl reads the workbook;
pandas would do as well (``pandas.read_excel(path)`` then the same helper, which
reads a DataFrame's records).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

import baocao

HERE = Path(__file__).parent

# The workbook's Vietnamese headings → the helper's column names.
COLUMNS = {"Nhóm": "group", "Chỉ tiêu": "name", "Đơn vị tính": "unit", "Số lẻ": "decimals", "Ghi chú": "note"}


def rows_of(path: Path) -> list[dict[Any, Any]]:
    """The first sheet as rows of named cells (years stay numbers)."""
    sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
    lines = sheet.iter_rows(values_only=True)
    header = [COLUMNS.get(str(h), h) for h in next(lines)]
    return [dict(zip(header, line)) for line in lines if any(v is not None for v in line)]


def main() -> int:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("output", type=Path)
    args.add_argument("--so-lieu", type=Path, default=HERE / "du-lieu" / "so-lieu.xlsx")
    args.add_argument("--ghi-de", action="store_true", help="replace the output file if it exists")
    a = args.parse_args()

    data = baocao.Report.from_file(HERE / "bao-cao-huyen-hoa-lam.yaml").to_dict()
    try:
        table = baocao.statistics_table(
            rows_of(a.so_lieu),
            title="Một số chỉ tiêu về công tác trẻ em giai đoạn 2012 - 2021",
            source="Phòng Lao động - Thương binh và Xã hội huyện Hòa Lâm",
        )
    except baocao.InputError as e:
        print(e, file=sys.stderr)
        return 2
    data["statistics"] = [table]
    report = baocao.Report.from_dict(data)
    problems = report.validate()
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        return 1
    report.write(a.output, overwrite=a.ghi_de)
    print(f"đã ghi {a.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
