"""Opens a workbook in LibreOffice Calc, recomputes every formula, and prints each
sheet's cells as JSON: run with the system Python (Debian's python3-uno)::

    /usr/bin/python3 office_calc.py BOOK.xlsx

Output: {sheet name: [[cell, ...], ...]} where a cell is null (empty), a number,
a string, or {"formula": text, "value": number, "text": shown text, "error": code}.
"""

from __future__ import annotations

import json
import os
import sys

from office_edit import prop, running_office


def cell_data(cell):  # type: ignore[no-untyped-def]
    kind = cell.getType().value
    if kind == "EMPTY":
        return None
    if kind == "VALUE":
        return cell.getValue()
    if kind == "TEXT":
        return cell.getString()
    return {"formula": cell.getFormula(), "value": cell.getValue(), "text": cell.getString(), "error": cell.getError()}


def main(path: str) -> None:
    with running_office() as desktop:
        import uno  # type: ignore[import-not-found]

        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(path)), "_blank", 0, (prop("Hidden", True),))
        doc.calculateAll()
        out = {}
        sheets = doc.Sheets
        for k in range(sheets.Count):
            sheet = sheets.getByIndex(k)
            cursor = sheet.createCursor()
            cursor.gotoEndOfUsedArea(False)
            rows, cols = cursor.RangeAddress.EndRow + 1, cursor.RangeAddress.EndColumn + 1
            out[sheet.Name] = [[cell_data(sheet.getCellByPosition(c, r)) for c in range(cols)] for r in range(rows)]
        doc.close(True)
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
