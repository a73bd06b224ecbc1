"""``baocao.check``: this library's output, the same after LibreOffice, and a
report typed by hand with python-docx hold the rules; one broken variant per rule
reports that rule and no other error."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import baocao

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "examples" / "bao-cao-huyen-hoa-lam.yaml"

sys.path.insert(0, str(Path(__file__).parent))


def errors(findings: list[baocao.Finding]) -> set[str]:
    return {f.rule for f in findings if f.severity == "error"}


def test_our_output_holds_every_rule(tmp_path: Path) -> None:
    report = baocao.Report.from_file(EXAMPLE)
    assert baocao.check(report.render()) == []
    path = tmp_path / "bao-cao.docx"
    report.write(path)
    assert baocao.check(path) == []
    assert baocao.check(str(path), lang="en") == []


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice (scripts/setup-tools.sh)")
@pytest.mark.parametrize("made_by", ["baocao", "python-docx"])
def test_after_a_libreoffice_round_trip_there_are_no_errors(tmp_path: Path, made_by: str) -> None:
    source = tmp_path / "goc" / "bao-cao.docx"
    source.parent.mkdir()
    if made_by == "baocao":
        baocao.Report.from_file(EXAMPLE).write(source)
    else:
        pytest.importorskip("docx")
        import clerk_report

        clerk_report.build(source)
    out = tmp_path / "lo"
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(source)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    saved = out / "bao-cao.docx"
    assert saved.read_bytes() != source.read_bytes()
    findings = baocao.check(saved)
    assert errors(findings) == set(), "\n".join(map(str, findings))


def test_a_report_typed_by_hand_with_python_docx_holds_the_rules(tmp_path: Path) -> None:
    pytest.importorskip("docx")
    import clerk_report

    findings = baocao.check(clerk_report.build(tmp_path / "tay.docx"))
    assert findings == [], "\n".join(map(str, findings))


@pytest.mark.parametrize(
    ("broken", "rule"),
    [
        ({"body_size": 13}, "body.size"),
        ({"body_size": 12}, "body.size"),
        ({"number": "Số: 125/BC-HU"}, "header.number"),
        ({"number": "Số 5-BC/HU"}, "header.number"),
        ({"date": "Hòa Lâm, ngày 15 tháng 2 năm 2022"}, "header.date"),
        ({"date": "Hòa Lâm, ngày 5 tháng 02 năm 2022"}, "header.date"),
        ({"asterisk": False}, "header.asterisk"),
        ({"title_bold": False}, "title.type"),
        ({"page_one_number": True}, "page.number"),
        ({"areas": 7}, "outline.areas"),
        ({"archive": False}, "recipients.archive"),
        ({"language": None}, "language"),
        ({"language": "en-US"}, "language"),
        ({"auto_numbering": True}, "heading.numbering"),
    ],
)
def test_each_broken_rule_is_reported_alone(tmp_path: Path, broken: dict[str, object], rule: str) -> None:
    pytest.importorskip("docx")
    import clerk_report

    findings = baocao.check(clerk_report.build(tmp_path / "tay.docx", **broken))  # type: ignore[arg-type]
    assert errors(findings) == {rule}, "\n".join(map(str, findings))


def test_a_margin_off_is_a_warning(tmp_path: Path) -> None:
    pytest.importorskip("docx")
    import clerk_report

    findings = baocao.check(clerk_report.build(tmp_path / "tay.docx", left_margin_mm=25), lang="en")
    assert [(f.rule, f.severity, f.message) for f in findings] == [
        ("page.margins", "warning", "left margin 25 mm; the default is 30 mm")
    ]


def test_findings_are_typed_values_with_a_location(tmp_path: Path) -> None:
    pytest.importorskip("docx")
    import clerk_report

    [f] = baocao.check(clerk_report.build(tmp_path / "tay.docx", number="Số: 125/BC-HU"))
    assert f.rule == "header.number" and f.severity == "error"
    assert f.message == (
        "viết “Số 125-BC/HU”: “Số”, số (dưới 10 thêm số 0), gạch ngang, BC, gạch chéo, ký hiệu cơ quan; "
        "không có dấu hai chấm"
    )
    assert f.location == "đoạn 4 (phần đầu): “Số: 125/BC-HU”" and f.paragraph == 4
    assert str(f) == f"error [header.number] {f.location}: {f.message}"
    with pytest.raises(AttributeError):
        f.rule = "x"  # type: ignore[misc]
    assert {f} == {baocao.Finding(f.rule, f.severity, f.message, f.location, f.paragraph)}


def test_what_is_not_a_docx_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(baocao.InputError) as e:
        baocao.check(b"PK\x03\x04 not really")
    assert str(e.value) == "không phải tệp .docx (không phải gói ZIP)"
    text = tmp_path / "bao-cao.docx"
    text.write_text("xin chào", encoding="utf-8")
    with pytest.raises(baocao.InputError) as e:
        baocao.check(text, lang="en")
    assert str(e.value) == f"{text}: not a .docx file (not a ZIP package)"
    with pytest.raises(FileNotFoundError) as missing:
        baocao.check(tmp_path / "khong-co.docx")
    assert missing.value.strerror == "không tìm thấy tệp hoặc thư mục"


def test_the_command_checks_too(tmp_path: Path) -> None:
    path = tmp_path / "bao-cao.docx"
    baocao.Report.from_file(EXAMPLE).write(path)
    ok = subprocess.run([sys.executable, "-m", "baocao", "check", str(path)], capture_output=True, text=True)
    assert ok.returncode == 0 and ok.stdout == "" and ok.stderr.strip() == f"{path}: 0 lỗi, 0 lưu ý"
    bad = subprocess.run([sys.executable, "-m", "baocao", "check", str(EXAMPLE)], capture_output=True, text=True)
    assert bad.returncode == 2


def test_our_output_saved_again_by_python_docx_holds_the_rules(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    source = tmp_path / "bao-cao.docx"
    baocao.Report.from_file(EXAMPLE).write(source)
    document = docx.Document(str(source))
    # A script writer's edit: one more body paragraph after the opening sentence.
    opening = next(p for p in document.paragraphs if p.text.startswith("Thực hiện Công văn"))
    added = opening.insert_paragraph_before("Báo cáo này được xây dựng trên cơ sở báo cáo của các xã, thị trấn.")
    added.style = opening.style
    saved = tmp_path / "sua.docx"
    document.save(str(saved))
    findings = baocao.check(saved)
    assert findings == [], "\n".join(map(str, findings))


@pytest.mark.parametrize("value", [0, 1, True, False, 3.5, None])
def test_anything_but_a_path_or_bytes_is_a_type_error(value: object) -> None:
    with pytest.raises(TypeError) as e:
        baocao.check(value)  # type: ignore[arg-type]
    assert "cần một đường dẫn" in str(e.value)
    with pytest.raises(TypeError) as e:
        baocao.check(value, lang="en")  # type: ignore[arg-type]
    assert "expected a path" in str(e.value)


def test_a_hand_typed_report_with_the_habits_of_an_office_checks_clean(tmp_path: Path) -> None:
    # A unit line in brackets with a tab, "I." headings, text typed decomposed
    # (Unikey's "Unicode tổ hợp"): warnings for the choices, no error.
    pytest.importorskip("docx")
    import clerk_report

    path = clerk_report.build(tmp_path / "tay.docx", roman=".", decomposed=True)
    findings = baocao.check(path)
    assert errors(findings) == set(), "\n".join(map(str, findings))
    warned = {f.rule for f in findings}
    assert warned == {"heading.numbering", "text.nfc"}, "\n".join(map(str, findings))
    nfc = next(f for f in findings if f.rule == "text.nfc")
    assert "Unikey" in nfc.message and nfc.message.split(" ")[0].isdigit()
    # The command line agrees: exit 0.
    done = subprocess.run([sys.executable, "-m", "baocao", "check", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
