"""Edits a .docx in LibreOffice, as a person would in Writer, and saves it as
.docx: run with the system Python, which has LibreOffice's UNO bridge
(Debian's python3-uno)::

    /usr/bin/python3 office_edit.py IN.docx OUT.docx EDITS.json
    /usr/bin/python3 office_edit.py --pages IN.docx    # prints Writer's page count

EDITS is the same description ``test_extract.py`` applies with python-docx:
``replace`` [old, new] a paragraph's text; ``insert_after`` [anchor, text] a new
paragraph; ``delete`` a paragraph (by its text); ``table_row`` {"first": the
first header cell, "cells": [...]} a row appended to that table; ``cell`` [old,
new] the text of the first table cell that reads ``old``.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.text.ControlCharacter import PARAGRAPH_BREAK  # type: ignore[import-not-found]


def prop(name: str, value: object) -> PropertyValue:
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def paragraphs(doc):  # type: ignore[no-untyped-def]
    """The body's paragraphs (tables left out), in order."""
    e = doc.Text.createEnumeration()
    while e.hasMoreElements():
        p = e.nextElement()
        if p.supportsService("com.sun.star.text.Paragraph"):
            yield p


def find(doc, text: str):  # type: ignore[no-untyped-def]
    for p in paragraphs(doc):
        if p.String == text:
            return p
    raise SystemExit(f"no paragraph reads {text!r}")


def edit(doc, edits: dict) -> None:  # type: ignore[no-untyped-def,type-arg]
    text = doc.Text
    if "replace" in edits:
        old, new = edits["replace"]
        find(doc, old).setString(new)
    if "insert_after" in edits:
        anchor, new = edits["insert_after"]
        cursor = text.createTextCursorByRange(find(doc, anchor).End)
        text.insertControlCharacter(cursor, PARAGRAPH_BREAK, False)
        text.insertString(cursor, new, False)
    if "delete" in edits:
        p = find(doc, edits["delete"])
        cursor = text.createTextCursorByRange(p.Start)
        cursor.gotoEndOfParagraph(True)
        cursor.goRight(1, True)  # the paragraph mark too
        cursor.setString("")
    if "table_row" in edits:
        first, cells = edits["table_row"]["first"], edits["table_row"]["cells"]
        tables = doc.TextTables
        for k in range(tables.Count):
            t = tables.getByIndex(k)
            if t.getCellByName("A1").String == first:
                rows = t.Rows.Count
                t.Rows.insertByIndex(rows, 1)
                for c, value in enumerate(cells):
                    t.getCellByName(f"{chr(ord('A') + c)}{rows + 1}").setString(value)
                break
        else:
            raise SystemExit(f"no table starts {first!r}")
    if "cell" in edits:
        old, new = edits["cell"]
        tables = doc.TextTables
        for k in range(tables.Count):
            t = tables.getByIndex(k)
            for name in t.CellNames:
                if t.getCellByName(name).String == old:
                    t.getCellByName(name).setString(new)
                    return
        raise SystemExit(f"no cell reads {old!r}")


@contextlib.contextmanager
def running_office():  # type: ignore[no-untyped-def]
    """LibreOffice headless with a profile of its own; yields its desktop."""
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    pipe = f"baocao-uno-{os.getpid()}"
    office = subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
         f"-env:UserInstallation={uno.systemPathToFileUrl(profile)}", f"--accept=pipe,name={pipe};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        for _ in range(300):
            try:
                remote = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:  # noqa: BLE001 - not listening yet
                time.sleep(0.1)
        else:
            raise SystemExit("LibreOffice did not start")
        desktop = remote.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", remote)
        yield desktop
        try:
            desktop.terminate()
        except Exception:  # noqa: BLE001 - the bridge closes as it quits
            pass
        office.wait(timeout=60)
    finally:
        if office.poll() is None:
            office.kill()
        shutil.rmtree(profile, ignore_errors=True)


def main(src: str, dst: str | None, edits_path: str | None) -> None:
    """Applies the edits and saves to ``dst``; without ``dst``, prints the number of
    pages Writer lays the document out on."""
    edits = {}
    if edits_path is not None:
        with open(edits_path, encoding="utf-8") as f:
            edits = json.load(f)
    with running_office() as desktop:
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(src)), "_blank", 0, (prop("Hidden", True),))
        if dst is None:
            print(doc.CurrentController.PageCount)
        else:
            edit(doc, edits)
            doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(dst)), (prop("FilterName", "MS Word 2007 XML"),))
        doc.close(True)


if __name__ == "__main__":
    if sys.argv[1] == "--pages":
        main(sys.argv[2], None, None)
    else:
        main(*sys.argv[1:4])
