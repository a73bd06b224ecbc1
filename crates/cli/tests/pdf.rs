//! `baocao pdf` and `baocao render --pdf` as a user runs them, with LibreOffice
//! (installed by `scripts/setup-tools.sh`, which the test command runs first):
//! the PDF's pages, text, fonts and PDF/A markers read back with poppler-utils;
//! conversions at once; LibreOffice or the font missing; timeouts and Ctrl-C
//! leaving nothing behind.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

const EXAMPLE: &str = "examples/bao-cao-huyen-hoa-lam.yaml";

/// A fresh folder for one test; `TMPDIR` of the command points inside it, so
/// that what the conversion leaves in the temporary folder can be seen.
fn folder(name: &str) -> (PathBuf, PathBuf) {
    let d = std::env::temp_dir().join(format!("baocao-pdf-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    let tmp = d.join("tmp");
    std::fs::create_dir_all(&tmp).expect("folder");
    (d, tmp)
}

fn command(tmp: &Path, args: &[&str]) -> Command {
    assert!(
        Path::new("/usr/bin/soffice").exists() || which("soffice"),
        "these tests need LibreOffice: run scripts/setup-tools.sh (the test command does)"
    );
    let mut c = Command::new(env!("CARGO_BIN_EXE_baocao"));
    c.args(args).arg("--lang").arg("en").current_dir(root()).env("TMPDIR", tmp);
    c
}

fn which(name: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|p| std::env::split_paths(&p).any(|d| d.join(name).exists()))
}

fn run(tmp: &Path, args: &[&str]) -> Output {
    command(tmp, args).output().expect("runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn tool(name: &str, args: &[&str]) -> String {
    let o = Command::new(name).args(args).output().unwrap_or_else(|e| panic!("{name}: {e}"));
    assert!(o.status.success(), "{name} {args:?}: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn pages(pdf: &Path) -> usize {
    let info = tool("pdfinfo", &[pdf.to_str().expect("utf-8")]);
    info.lines().find_map(|l| l.strip_prefix("Pages:")).and_then(|n| n.trim().parse().ok()).expect("a page count")
}

/// What the temporary folder holds after a command: nothing of ours.
fn leftovers(tmp: &Path) -> Vec<String> {
    std::fs::read_dir(tmp).expect("tmp").flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect()
}

/// Processes whose command line names `needle` (a conversion's folder).
fn processes_naming(needle: &str) -> Vec<String> {
    let mut found = Vec::new();
    for e in std::fs::read_dir("/proc").expect("/proc").flatten() {
        if let Ok(cmd) = std::fs::read(e.path().join("cmdline")) {
            let cmd = String::from_utf8_lossy(&cmd).replace('\0', " ");
            if cmd.contains(needle) {
                found.push(cmd);
            }
        }
    }
    found
}

fn render_example(dir: &Path, tmp: &Path, extra: &[&str]) -> (Output, PathBuf) {
    let docx = dir.join("bao-cao.docx");
    let args = [&["render", EXAMPLE, "-o", docx.to_str().expect("utf-8"), "--today", "2022-03-01"][..], extra].concat();
    (run(tmp, &args), docx)
}

#[test]
fn render_pdf_writes_a_vietnamese_pdf_beside_the_docx_with_its_serif_font_embedded() {
    let (dir, tmp) = folder("render");
    let (o, docx) = render_example(&dir, &tmp, &["--pdf"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let pdf = dir.join("bao-cao.pdf");
    assert!(docx.exists() && pdf.exists());
    assert!(stderr(&o).contains("wrote") && stderr(&o).contains("bao-cao.pdf"), "{}", stderr(&o));
    // The example is 12 pages in LibreOffice (the Python tests compare with
    // Writer's own count of the .docx through UNO).
    assert_eq!(pages(&pdf), 12);
    let text = tool("pdftotext", &[pdf.to_str().expect("utf-8"), "-"]);
    for words in ["BÁO CÁO", "ĐẢNG CỘNG SẢN VIỆT NAM", "Chỉ thị số 20-CT/TW", "Hoàng Minh Đức", "Phụ lục 1"]
    {
        assert!(text.contains(words), "the PDF's text lacks {words:?}");
    }
    let fonts = tool("pdffonts", &[pdf.to_str().expect("utf-8")]);
    let serif: Vec<&str> = fonts
        .lines()
        .filter(|l| l.contains("LiberationSerif") || l.contains("TimesNewRoman") || l.contains("Tinos"))
        .collect();
    assert!(!serif.is_empty(), "no serif font in the PDF:\n{fonts}");
    // name, type, encoding, emb, sub, uni: every serif face embedded.
    assert!(serif.iter().all(|l| l.split_whitespace().rev().nth(4) == Some("yes")), "{fonts}");
    assert!(leftovers(&tmp).is_empty(), "left behind: {:?}", leftovers(&tmp));
    assert!(!std::fs::read(&pdf).expect("pdf").windows(6).any(|w| w == b"pdfaid"), "not PDF/A unless asked");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn pdfa_carries_the_pdfa_identification_output_intent_title_and_language() {
    let (dir, tmp) = folder("pdfa");
    let (o, docx) = render_example(&dir, &tmp, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let pdf = dir.join("luu-tru.pdf");
    let o = run(&tmp, &["pdf", docx.to_str().expect("utf-8"), "-o", pdf.to_str().expect("utf-8"), "--pdfa"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let bytes = std::fs::read(&pdf).expect("pdf");
    let has = |s: &str| bytes.windows(s.len()).any(|w| w == s.as_bytes());
    assert!(has("<pdfaid:part>2</pdfaid:part>") || has("pdfaid:part=\"2\""), "PDF/A-2 identification");
    assert!(has("<pdfaid:conformance>B</pdfaid:conformance>") || has("pdfaid:conformance=\"B\""), "level B");
    assert!(has("/OutputIntents") && has("/GTS_PDFA1"), "a PDF/A output intent");
    assert!(has("/Lang(vi-VN)"), "the document's language");
    let info = tool("pdfinfo", &[pdf.to_str().expect("utf-8")]);
    assert!(info.contains("Title:") && info.contains("Báo cáo số 125-BC/HU"), "{info}");
    assert_eq!(pages(&pdf), 12);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn four_conversions_at_once_all_succeed() {
    let (dir, tmp) = folder("four");
    let (o, docx) = render_example(&dir, &tmp, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let children: Vec<_> = (0..4)
        .map(|k| {
            let out = dir.join(format!("ban-{k}.pdf"));
            let child = command(&tmp, &["pdf", docx.to_str().expect("utf-8"), "-o", out.to_str().expect("utf-8")])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("starts");
            (out, child)
        })
        .collect();
    for (out, child) in children {
        let o = child.wait_with_output().expect("waits");
        assert!(o.status.success(), "{}: {}", out.display(), stderr(&o));
        assert_eq!(pages(&out), 12, "{}", out.display());
    }
    assert!(leftovers(&tmp).is_empty(), "left behind: {:?}", leftovers(&tmp));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn without_libreoffice_the_docx_is_written_and_the_message_names_the_package() {
    let (dir, tmp) = folder("no-office");
    let docx = dir.join("bao-cao.docx");
    let o = command(&tmp, &["render", EXAMPLE, "-o", docx.to_str().expect("utf-8"), "--today", "2022-03-01", "--pdf"])
        .env("PATH", dir.join("empty-path"))
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("libreoffice-writer-nogui"), "{}", stderr(&o));
    assert!(docx.exists(), "the .docx is still written");
    assert!(!dir.join("bao-cao.pdf").exists());
    // Vietnamese, the default.
    let o = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(["pdf", docx.to_str().expect("utf-8")])
        .env("PATH", dir.join("empty-path"))
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(3));
    assert!(stderr(&o).contains("không tìm thấy LibreOffice"), "{}", stderr(&o));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn without_the_serif_font_the_conversion_is_refused_with_its_package_named() {
    let (dir, tmp) = folder("no-font");
    let (o, docx) = render_example(&dir, &tmp, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    // fontconfig with no font folder: what a machine without fonts sees.
    let conf = dir.join("fonts.conf");
    std::fs::write(&conf, "<?xml version=\"1.0\"?>\n<fontconfig></fontconfig>\n").expect("conf");
    let o =
        command(&tmp, &["pdf", docx.to_str().expect("utf-8")]).env("FONTCONFIG_FILE", &conf).output().expect("runs");
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    let said = stderr(&o);
    assert!(said.contains("Times New Roman") && said.contains("fonts-liberation2"), "{said}");
    assert!(said.contains("--allow-font-fallback"), "{said}");
    assert!(!dir.join("bao-cao.pdf").exists());
    assert!(leftovers(&tmp).is_empty(), "left behind: {:?}", leftovers(&tmp));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn an_existing_pdf_is_kept_without_force_and_replaced_with_it() {
    let (dir, tmp) = folder("exists");
    let (o, docx) = render_example(&dir, &tmp, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let pdf = dir.join("bao-cao.pdf");
    std::fs::write(&pdf, b"signed copy").expect("write");
    let o = run(&tmp, &["pdf", docx.to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("exists"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&pdf).expect("pdf"), b"signed copy");
    // render --pdf refuses before writing anything: not even the .docx.
    std::fs::remove_file(&docx).expect("rm");
    let (o, _) = render_example(&dir, &tmp, &["--pdf"]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(!docx.exists());
    let (o, _) = render_example(&dir, &tmp, &["--pdf", "--force"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(std::fs::read(&pdf).expect("pdf").starts_with(b"%PDF-"));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_file_that_is_not_a_docx_is_refused_as_input() {
    let (dir, tmp) = folder("not-docx");
    let text = dir.join("ghi-chu.docx");
    std::fs::write(&text, "LibreOffice would make a PDF of this").expect("write");
    let o = run(&tmp, &["pdf", text.to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(!dir.join("ghi-chu.pdf").exists());
    let o = run(&tmp, &["pdf", "-"]);
    assert_eq!(o.status.code(), Some(2), "standard input needs --output: {}", stderr(&o));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_timeout_stops_libreoffice_and_leaves_nothing_behind() {
    let (dir, tmp) = folder("timeout");
    let (o, docx) = render_example(&dir, &tmp, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    // A first start of LibreOffice with a new profile takes seconds: 1 is too short.
    let o = run(&tmp, &["pdf", docx.to_str().expect("utf-8"), "--timeout", "1"]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("had not finished the PDF after 1 seconds"), "{}", stderr(&o));
    assert!(!dir.join("bao-cao.pdf").exists());
    assert!(leftovers(&tmp).is_empty(), "left behind: {:?}", leftovers(&tmp));
    assert!(processes_naming(tmp.to_str().expect("utf-8")).is_empty(), "LibreOffice still runs");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn ctrl_c_stops_libreoffice_and_leaves_nothing_behind() {
    let (dir, tmp) = folder("ctrl-c");
    let (o, docx) = render_example(&dir, &tmp, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let child = command(&tmp, &["pdf", docx.to_str().expect("utf-8")])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starts");
    // Wait until LibreOffice runs (its profile folder appears), then Ctrl-C.
    let start = Instant::now();
    while processes_naming(tmp.to_str().expect("utf-8")).is_empty() && start.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(!processes_naming(tmp.to_str().expect("utf-8")).is_empty(), "LibreOffice started");
    let sent = send_signal(child.id(), "INT");
    assert!(sent, "the signal was sent");
    let o = child.wait_with_output().expect("waits");
    assert_eq!(o.status.code(), Some(130), "{}", stderr(&o));
    assert!(!dir.join("bao-cao.pdf").exists());
    // The group is killed at once; give the kernel a moment to reap it.
    let start = Instant::now();
    while !processes_naming(tmp.to_str().expect("utf-8")).is_empty() && start.elapsed() < Duration::from_secs(5) {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(processes_naming(tmp.to_str().expect("utf-8")).is_empty(), "LibreOffice still runs");
    assert!(leftovers(&tmp).is_empty(), "left behind: {:?}", leftovers(&tmp));
    let _ = std::fs::remove_dir_all(dir);
}

/// Sends a signal with the `kill` command (the tests keep `unsafe` out).
fn send_signal(pid: u32, signal: &str) -> bool {
    Command::new("kill").arg(format!("-{signal}")).arg(pid.to_string()).status().is_ok_and(|s| s.success())
}
