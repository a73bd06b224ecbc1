"""``baocao serve``: the server's safety (Host header, body size, overload,
malformed input) over raw HTTP, and the page in a real browser (Debian's
Chromium, headless, driven by selenium): a minimal report filled in from empty, a
problem shown beside its field and gone when fixed, the draft surviving a reload,
the .docx downloaded and held to ``check``, uploaded back, a Telex-style input
left as typed, and axe-core on the page. Screenshots go to target/test-output/.

Chromium, chromium-driver and axe-core are installed by ``scripts/setup-tools.sh``."""

from __future__ import annotations

import base64
import contextlib
import http.client
import json
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import baocao

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
AXE = ROOT / "tools" / "validator" / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = ROOT / "target" / "test-output"
EXAMPLE = ROOT / "examples" / "bao-cao-huyen-hoa-lam.yaml"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def serving(*extra: str) -> Iterator[int]:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "baocao", "serve", "--port", str(port), *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.strip() == f"http://127.0.0.1:{port}/", line
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def request(port: int, method: str, path: str, body: bytes | None = None, host: str | None = None) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Host": host or f"127.0.0.1:{port}"}
    if body is not None:
        headers["Content-Type"] = "application/json"
    conn.request(method, path, body=body, headers=headers)
    res = conn.getresponse()
    data = res.read()
    conn.close()
    return res.status, data


def test_the_api_answers_with_the_cli_messages_and_paths() -> None:
    with serving() as port:
        status, page = request(port, "GET", "/")
        assert status == 200 and "Báo cáo tổng kết" in page.decode()
        status, body = request(port, "POST", "/api/validate", b"{not json")
        assert status == 400 and "error" in json.loads(body)
        status, body = request(port, "POST", "/api/validate", json.dumps({"frame": {"number": "mười"}}).encode())
        got = json.loads(body)
        assert status == 400 and got["path"] == "frame.number" and "cần một số nguyên" in got["error"]
        status, body = request(port, "POST", "/api/validate?lang=en", json.dumps({"frame": {"number": "ten"}}).encode())
        assert "expected a whole number" in json.loads(body)["error"]
        data = baocao.Report.from_file(EXAMPLE).to_dict()
        data["frame"]["number"] = 0
        status, body = request(port, "POST", "/api/validate", json.dumps(data, default=str).encode())
        got = json.loads(body)
        assert status == 200 and not got["ok"]
        assert got["problems"][0] == {"path": "frame.number", "code": "number_not_positive", "message": "số văn bản phải là số dương, đang là 0"}
        data["frame"]["number"] = 125
        status, docx = request(port, "POST", "/api/render", json.dumps(data, default=str).encode())
        assert status == 200 and docx.startswith(b"PK")
        status, body = request(port, "POST", "/api/check", docx)
        assert status == 200 and json.loads(body)["findings"] == []
        status, body = request(port, "POST", "/api/extract", docx)
        assert status == 200 and json.loads(body)["report"]["frame"]["number"] == 125
        status, body = request(port, "POST", "/api/check", b"not a docx")
        assert status == 400
        assert request(port, "GET", "/api/render")[0] == 405
        assert request(port, "GET", "/nothing")[0] == 404


def test_a_host_the_server_does_not_serve_is_refused() -> None:
    with serving() as port:
        status, body = request(port, "GET", "/", host="evil.example")
        assert status == 403 and "evil.example" in json.loads(body)["error"]
        assert request(port, "GET", "/", host=f"localhost:{port}")[0] == 200


def test_a_body_declared_too_large_is_refused_before_it_is_sent() -> None:
    with serving() as port:
        s = socket.create_connection(("127.0.0.1", port), timeout=10)
        s.sendall(f"POST /api/validate HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 999999999\r\n\r\n".encode())
        answer = s.recv(4096).decode(errors="replace")
        s.close()
        assert answer.startswith("HTTP/1.1 413"), answer


def test_beyond_the_pool_and_its_queue_the_answer_is_503_at_once() -> None:
    with serving("--workers", "1") as port:  # one worker, a queue of two
        stuck = []
        for _ in range(3):
            s = socket.create_connection(("127.0.0.1", port), timeout=10)
            # A body that never finishes (larger than what the server buffers before handing
            # a request over): the worker waits on the first, two wait in the queue.
            s.sendall(f"POST /api/validate HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 100000\r\n\r\n{{".encode())
            stuck.append(s)
            time.sleep(0.2)
        started = time.monotonic()
        status, body = request(port, "GET", "/")
        assert status == 503 and "bận" in json.loads(body)["error"]
        assert time.monotonic() - started < 5
        for s in stuck:
            s.close()


# ---- the page in a browser ---------------------------------------------------

needs_browser = pytest.mark.skipif(
    shutil.which("chromedriver") is None or not AXE.exists(),
    reason="Chromium, chromium-driver and axe-core are installed by scripts/setup-tools.sh",
)


def field_id(path: str) -> str:
    return "f-" + "".join(c if c.isalnum() or c == "_" else "_" for c in path)


@pytest.fixture()
def browser(tmp_path: Path) -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1600", "--lang=vi"):
        options.add_argument(arg)
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    options.add_experimental_option("prefs", {"download.default_directory": str(tmp_path), "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(tmp_path)})
    driver.download_dir = tmp_path
    try:
        yield driver
    finally:
        driver.quit()


def wait(condition: Any, timeout: float = 15.0) -> Any:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        got = condition()
        if got:
            return got
        time.sleep(0.1)
    raise AssertionError("timed out")


def type_into(driver: Any, path: str, text: str) -> None:
    from selenium.webdriver.common.by import By

    e = driver.find_element(By.ID, field_id(path))
    e.clear()
    e.send_keys(text)


def add_paragraph(driver: Any, blocks_path: str, text: str) -> None:
    from selenium.webdriver.common.by import By

    button = driver.find_element(By.CSS_SELECTOR, f'button[data-add-block="{blocks_path}"][data-kind="paragraph"]')
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()
    wait(lambda: driver.find_elements(By.ID, field_id(blocks_path + "[0]")))
    type_into(driver, blocks_path + "[0]", text)


def value(driver: Any, path: str) -> str | None:
    """A field's value, read in the page (the form may be rebuilt meanwhile)."""
    got = driver.execute_script("const e = document.getElementById(arguments[0]); return e ? e.value : null;", field_id(path))
    return None if got is None else str(got)


def problem_beside(driver: Any, path: str) -> str:
    return str(driver.execute_script(
        "const f = document.getElementById(arguments[0]); const n = f && f.nextElementSibling;"
        "return n && n.classList.contains('problem') ? n.textContent : '';", field_id(path)))


def axe_violations(driver: Any) -> list[dict[str, Any]]:
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    result = driver.execute_async_script("const done = arguments[0]; axe.run(document).then(r => done(r.violations));")
    return [v for v in result if v["impact"] in ("serious", "critical")]


SENTENCE = "Các cấp ủy, chính quyền đã quan tâm lãnh đạo, chỉ đạo công tác trẻ em trên địa bàn huyện."


@needs_browser
def test_the_page_from_empty_to_a_checked_docx_and_back(browser: Any) -> None:
    from selenium.webdriver.common.by import By

    SHOTS.mkdir(parents=True, exist_ok=True)
    with serving() as port:
        d = browser
        d.get(f"http://127.0.0.1:{port}/")
        wait(lambda: "lỗi" in d.find_element(By.ID, "summary-text").text)
        d.save_screenshot(str(SHOTS / "serve-empty.png"))
        assert not axe_violations(d), "axe-core: the empty page"

        for path, text in [
            ("frame.issuer.superior", "ĐẢNG BỘ TỈNH SƠN HÀ"), ("frame.issuer.organ", "HUYỆN ỦY HÒA LÂM"),
            ("frame.issuer.organ_code", "HU"), ("frame.issuer.standing_committee", "Ban Thường vụ Huyện ủy"),
            ("frame.number", "0"), ("frame.place", "Hòa Lâm"),
            ("frame.signature.position", "PHÓ BÍ THƯ"), ("frame.signature.name", "Hoàng Minh Đức"),
            ("frame.recipients", "Ban Thường vụ Tỉnh ủy (b/c)\nLưu Văn phòng Huyện ủy"),
        ]:
            type_into(d, path, text)
        # The date field's text format follows the browser's locale: set it as a picker would.
        d.execute_script(
            "const e = document.getElementById(arguments[0]); e.value = '2022-02-15';"
            "e.dispatchEvent(new Event('input', {bubbles: true}));", field_id("frame.date"))
        for blocks in ["dissemination.paragraphs", *[f"results.{k}.paragraphs" for k in (
            "leadership", "communication", "legislation", "programmes", "coordination", "resources", "international", "participation")],
            "results.coordination.disasters_epidemics.paragraphs",
            *[f"shortcomings.{k}.paragraphs" for k in ("limitations", "objective_causes", "subjective_causes", "lessons")],
            *[f"outlook.{k}.paragraphs" for k in ("difficulties", "directions", "recommendations")]]:
            add_paragraph(d, blocks, SENTENCE)

        # A problem beside its field, in Vietnamese, gone when fixed.
        assert wait(lambda: "số văn bản phải là số dương" in problem_beside(d, "frame.number"))
        number = d.find_element(By.ID, field_id("frame.number"))
        assert number.get_attribute("aria-invalid") == "true"
        d.execute_script("window.scrollTo(0, 0)")
        d.save_screenshot(str(SHOTS / "serve-problem.png"))
        assert not axe_violations(d), "axe-core: the page with a problem shown"
        type_into(d, "frame.number", "125")
        wait(lambda: problem_beside(d, "frame.number") == "")
        wait(lambda: d.find_element(By.ID, "summary-text").text.startswith("Báo cáo hợp lệ"))

        # A Telex-style sequence: the keys as typed, composition events around them;
        # after the check has run, the field holds exactly what was composed.
        place = d.find_element(By.ID, field_id("frame.place"))
        place.clear()
        d.execute_script(
            "const e = arguments[0]; e.focus(); e.dispatchEvent(new CompositionEvent('compositionstart'));"
            "for (const v of ['H', 'Ho', 'Hoa', 'Hoaf', 'Hoà', 'Hòa']) {"
            "  e.value = v; e.dispatchEvent(new InputEvent('input', {bubbles: true, isComposing: true, data: v}));"
            "}"
            "e.dispatchEvent(new CompositionEvent('compositionend', {data: 'Hòa'}));", place)
        place.send_keys(" Lâm")
        time.sleep(1.2)  # past the check's debounce and its answer
        assert place.get_attribute("value") == "Hòa Lâm"
        assert d.execute_script("return document.activeElement.id") == field_id("frame.place")

        # The draft survives a reload.
        d.refresh()
        wait(lambda: value(d, "frame.issuer.organ") == "HUYỆN ỦY HÒA LÂM")
        assert value(d, "dissemination.paragraphs[0]") == SENTENCE
        wait(lambda: d.find_element(By.ID, "summary-text").text.startswith("Báo cáo hợp lệ"))
        d.execute_script("window.scrollTo(0, 0)")
        d.save_screenshot(str(SHOTS / "serve-filled.png"))

        # The .docx: downloaded, held to check.
        d.find_element(By.ID, "download").click()
        docx = wait(lambda: next(iter(Path(d.download_dir).glob("*.docx")), None))
        assert docx.name == "bao-cao-125-BC-HU.docx"
        wait(lambda: not list(Path(d.download_dir).glob("*.crdownload")))
        findings = baocao.check(docx.read_bytes())
        assert findings == [], findings

        # From empty again, the .docx opened: the form filled.
        d.execute_script("localStorage.clear()")
        d.refresh()
        wait(lambda: value(d, "frame.issuer.organ") == "")
        d.find_element(By.ID, "open").send_keys(str(docx))
        wait(lambda: value(d, "frame.issuer.organ") == "HUYỆN ỦY HÒA LÂM")
        assert value(d, "frame.signature.name") == "Hoàng Minh Đức"
        assert value(d, "results.leadership.paragraphs[0]") == SENTENCE
        wait(lambda: d.find_element(By.ID, "summary-text").text.startswith("Báo cáo hợp lệ"))


def _pruned(v: Any) -> Any:
    """Data without its empty parts (the form leaves out what is empty)."""
    if isinstance(v, dict):
        out = {k: _pruned(x) for k, x in v.items()}
        return {k: x for k, x in out.items() if x not in (None, "", [], {})}
    if isinstance(v, list):
        return [_pruned(x) for x in v]
    return v


@needs_browser
@pytest.mark.parametrize("name", ["bao-cao-huyen-hoa-lam.yaml", "tinh-son-ha/huyen-an-phu.yaml", "tinh-son-ha/thanh-uy-son-ha.yaml"])
def test_a_report_opened_in_the_page_comes_back_unchanged(browser: Any, tmp_path: Path, name: str) -> None:
    """Opened from its .docx and from its YAML, a report is read back from the form's
    fields exactly: no custom heading, decimals or table inside a point is lost."""
    from selenium.webdriver.common.by import By

    source = ROOT / "examples" / name
    report = baocao.Report.from_file(source)
    docx = tmp_path / "bao-cao.docx"
    report.write(docx)
    with serving() as port:
        d = browser
        for opened, want in [(docx, baocao.extract(docx).report), (source, report)]:
            d.get(f"http://127.0.0.1:{port}/")
            d.execute_script("localStorage.clear()")
            d.refresh()
            d.find_element(By.ID, "open").send_keys(str(opened))
            wait(lambda: "Đã mở" in d.find_element(By.ID, "status").text)
            got = d.execute_script("return collect()")
            expected = json.loads(json.dumps(want.to_dict(), default=str))
            assert _pruned(got) == _pruned(expected), opened.name
            wait(lambda: d.find_element(By.ID, "summary-text").text.startswith("Báo cáo hợp lệ"))
