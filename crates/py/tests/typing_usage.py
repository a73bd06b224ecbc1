"""Type-checked with `mypy --strict` by the test command: the public API and the
stubs of the native module must agree with how a script uses them."""

from __future__ import annotations

import datetime
from pathlib import Path

import baocao
from baocao import _baocao


def render_folder(folder: Path, today: datetime.date) -> dict[str, list[baocao.Problem] | int]:
    """Renders every report of a folder; returns problems or the size written."""
    results: dict[str, list[baocao.Problem] | int] = {}
    for path in sorted(folder.glob("*.yaml")):
        report: baocao.Report = baocao.Report.from_file(path)
        problems: list[baocao.Problem] = report.validate(today=today)
        if problems:
            results[path.name] = problems
            continue
        data: bytes = report.render(author="Văn phòng", created=datetime.datetime(2022, 2, 15), layout={"roman_style": "dot", "body_size": 28})
        report.write(path.with_suffix(".docx"), overwrite=True)
        results[path.name] = len(data)
    return results


def native_round_trip(text: str) -> str:
    native: _baocao.Report = _baocao.Report.from_text(text, "yaml")
    triples: list[tuple[str, str, str]] = native.problems(None)
    assert isinstance(triples, list)
    schema: str = _baocao.json_schema()
    return native.to_text("json") + schema[:0]


def errors(report: baocao.Report) -> str:
    try:
        report.check(today=datetime.date(2022, 3, 1))
    except baocao.ValidationError as e:
        return "\n".join(f"{p.path} {p.code} {p.message}" for p in e.problems)
    except baocao.InputError as e:
        return f"{e.path} {e.line} {e.column}"
    return ""


def checked_folder(folder: Path) -> dict[str, list[str]]:
    """Every error of every .docx in a folder, in English."""
    out: dict[str, list[str]] = {}
    for path in sorted(folder.glob("*.docx")):
        findings: list[baocao.Finding] = baocao.check(path, lang="en")
        out[path.name] = [f"{f.rule}: {f.message} ({f.location})" for f in findings if f.severity == "error"]
        paragraph: int | None = findings[0].paragraph if findings else None
        del paragraph
    return out


def messages_in_english(report: baocao.Report) -> list[str]:
    lang: baocao.Lang = "en"
    return [p.message for p in report.validate(lang=lang)]


def province_totals(files: list[Path], units: Path) -> list[float | None]:
    """The first row's totals of the province's first appendix."""
    c: baocao.Consolidation = baocao.consolidate(files, units=units, partial=True)
    row = c.tables[0]["groups"][0]["rows"][0]
    kind: str = row["kind"]
    del kind
    skipped: list[tuple[str, str]] = c.skipped
    del skipped
    book: bytes = c.to_xlsx()
    del book
    draft: baocao.Report = c.draft(lang="en")
    del draft
    return [t["value"] for t in row["totals"]]


def archived(report: baocao.Report) -> bytes:
    """The report as PDF/A, or the reason it could not be made."""
    try:
        return report.render_pdf(pdfa=True, timeout=60.0)
    except baocao.PdfError as e:
        reason: str = e.kind
        return reason.encode()


def converted(docx: bytes) -> bytes:
    return baocao.to_pdf(docx, allow_font_fallback=True, lang="en")
