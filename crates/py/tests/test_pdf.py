"""``baocao.to_pdf`` and ``Report.render_pdf``: the PDF LibreOffice makes has as
many pages as Writer lays the .docx out on (counted through its UNO bridge), reads
in Vietnamese, and is PDF/A when asked; conversions run at once from threads; a
missing LibreOffice or a file that is not a .docx raise their exceptions.

Needs LibreOffice, poppler-utils and the system Python's UNO bridge, installed by
``scripts/setup-tools.sh`` (the test command runs it first)."""

from __future__ import annotations

import datetime
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import baocao
from test_paper import EXAMPLE

HERE = Path(__file__).resolve().parent
SYSTEM_PYTHON = "/usr/bin/python3"
TODAY = datetime.date(2022, 3, 1)


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[1] for line in info.splitlines() if line.startswith("Pages:")))


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout


def writer_pages(docx: Path) -> int:
    """The number of pages Writer lays the .docx out on."""
    out = subprocess.run(
        [SYSTEM_PYTHON, str(HERE / "office_edit.py"), "--pages", str(docx)],
        check=True, capture_output=True, text=True, timeout=300,
    ).stdout
    return int(out.split()[-1])


def test_the_pdf_has_the_pages_writer_counts_for_the_docx_and_reads_in_vietnamese(tmp_path: Path) -> None:
    report = baocao.Report.from_file(EXAMPLE)
    docx = tmp_path / "bao-cao.docx"
    report.write(docx, today=TODAY)
    pdf = tmp_path / "bao-cao.pdf"
    pdf.write_bytes(baocao.to_pdf(docx.read_bytes()))
    assert pdf_pages(pdf) == writer_pages(docx) == 12
    text = pdf_text(pdf)
    for words in ("BÁO CÁO", "Chỉ thị số 20-CT/TW", "T/M BAN THƯỜNG VỤ", "Hoàng Minh Đức"):
        assert words in text


def test_render_pdf_as_pdfa_with_a_layout_of_its_own(tmp_path: Path) -> None:
    report = baocao.Report.from_file(EXAMPLE)
    pdf = report.render_pdf(today=TODAY, pdfa=True, layout={"font": "Liberation Serif"})
    assert pdf.startswith(b"%PDF-")
    assert b"<pdfaid:part>2</pdfaid:part>" in pdf and b"/GTS_PDFA1" in pdf and b"/Lang(vi-VN)" in pdf
    path = tmp_path / "luu-tru.pdf"
    path.write_bytes(pdf)
    assert pdf_pages(path) == 12


def test_four_conversions_from_threads_at_once(tmp_path: Path) -> None:
    docx = baocao.Report.from_file(EXAMPLE).render(today=TODAY)
    with ThreadPoolExecutor(4) as pool:
        pdfs = list(pool.map(lambda _: baocao.to_pdf(docx), range(4)))
    for k, pdf in enumerate(pdfs):
        path = tmp_path / f"ban-{k}.pdf"
        path.write_bytes(pdf)
        assert pdf_pages(path) == 12


def test_without_libreoffice_a_pdf_error_names_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    docx = baocao.Report.from_file(EXAMPLE).render(today=TODAY)
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(baocao.PdfError) as caught:
        baocao.to_pdf(docx, lang="en")
    assert caught.value.kind == "no_office"
    assert "libreoffice-writer-nogui" in str(caught.value)
    with pytest.raises(baocao.PdfError, match="không tìm thấy LibreOffice"):
        baocao.Report.from_file(EXAMPLE).render_pdf(today=TODAY)


def test_a_file_that_is_not_a_docx_and_a_bad_timeout_are_refused() -> None:
    with pytest.raises(baocao.InputError):
        baocao.to_pdf(b"%PDF-1.7 not a docx")
    docx = baocao.Report.from_file(EXAMPLE).render(today=TODAY)
    with pytest.raises(ValueError, match="timeout"):
        baocao.to_pdf(docx, timeout=0)
    with pytest.raises(baocao.PdfError) as caught:
        baocao.to_pdf(docx, timeout=0.2, lang="en")
    assert caught.value.kind == "timeout"
