//! The `baocao` command as a user runs it: exit codes, messages, files.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The command with English messages (`--lang en`): most tests read them.
fn baocao(args: &[&str]) -> Output {
    baocao_vi(&[args, &["--lang", "en"][..]].concat())
}

/// The command as a clerk runs it: Vietnamese messages, the default.
fn baocao_vi(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_baocao")).args(args).current_dir(root()).output().expect("runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const EXAMPLE: &str = "examples/bao-cao-huyen-hoa-lam.yaml";

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("baocao-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

#[test]
fn validate_accepts_the_example() {
    let o = baocao(&["validate", EXAMPLE, "--today", "2022-03-01"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("valid"));
}

#[test]
fn validate_prints_every_problem_with_its_path() {
    let o = baocao(&["validate", "tests/inputs/invalid-every-rule.yaml", "--today", "2022-03-01"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    for (path, code) in [
        ("frame.number", "number_not_positive"),
        ("frame.date", "date_too_early"),
        ("frame.signature.authority", "invalid_authority"),
        ("frame.signature.position", "empty"),
        ("frame.signature.name", "empty"),
        ("frame.recipients[0]", "archive_not_last"),
        ("frame.recipients[6]", "archive_not_last"),
        ("dissemination.subsections[0].paragraphs[2]", "unbalanced_emphasis"),
        ("dissemination.subsections[0].paragraphs[3]", "invalid_character"),
        ("results.resources", "area_empty"),
        ("results.international.nothing_to_report", "area_contradiction"),
        ("statistics[0].years[0]", "year_out_of_range"),
        ("statistics[0].groups[0].indicators[0].values", "too_many_values"),
        ("statistics[0].groups[0].indicators[2].values[1]", "percent_out_of_range"),
        ("statistics[0].groups[2].indicators[2].values[2]", "not_finite"),
        ("statistics[0].groups[2].indicators[2].values[9]", "not_finite"),
    ] {
        let line = err
            .lines()
            .find(|l| l.starts_with(&format!("{path}: ")))
            .unwrap_or_else(|| panic!("no line for {path}:\n{err}"));
        assert!(line.ends_with(&format!("[{code}]")), "{line}");
    }
    assert!(err.contains("16 problems"), "{err}");
}

#[test]
fn a_date_in_the_future_is_caught() {
    let o = baocao(&["validate", EXAMPLE, "--today", "2022-02-14"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).starts_with("frame.date: date of issue 15/02/2022 is in the future"), "{}", stderr(&o));
}

#[test]
fn syntax_errors_exit_2_with_line_and_column() {
    let dir = temp_dir("syntax");
    let bad = dir.join("hong.json");
    std::fs::write(&bad, "{\n  \"frame\": {\n    \"number\": 12,,\n").expect("write");
    let o = baocao(&["validate", bad.to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("JSON line 3 column 18"), "{}", stderr(&o));

    let toml = dir.join("hong.toml");
    std::fs::write(&toml, "[frame]\nnumber = \n").expect("write");
    let o = baocao(&["validate", toml.to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("TOML line 2"), "{}", stderr(&o));
}

#[test]
fn unknown_keys_and_extensions_exit_2() {
    let dir = temp_dir("keys");
    let src = std::fs::read_to_string(root().join(EXAMPLE)).expect("example");
    let bad = dir.join("bao-cao.yml");
    std::fs::write(&bad, src.replacen("  place: Hòa Lâm", "  plase: Hòa Lâm", 1)).expect("write");
    let o = baocao(&["validate", bad.to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains(", frame.plase: unknown field `plase`; use one of: issuer,"), "{}", stderr(&o));

    let o = baocao(&["validate", "README.md"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot tell the format"), "{}", stderr(&o));
}

#[test]
fn schema_is_json() {
    let o = baocao(&["schema"]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON schema");
    assert_eq!(v["title"], "Report");
}

#[test]
fn render_writes_refuses_to_overwrite_and_forces() {
    let dir = temp_dir("render");
    let out = dir.join("bao-cao.docx");
    let out_s = out.to_str().expect("utf-8");
    let o = baocao(&["render", EXAMPLE, "-o", out_s, "--today", "2022-03-01"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let first = std::fs::read(&out).expect("written");
    assert_eq!(&first[..2], b"PK");

    std::fs::write(&out, b"old").expect("write");
    let o = baocao(&["render", EXAMPLE, "-o", out_s, "--today", "2022-03-01"]);
    assert_eq!(o.status.code(), Some(3));
    assert!(stderr(&o).contains("file exists"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&out).expect("read"), b"old");

    let o = baocao(&["render", EXAMPLE, "-o", out_s, "--force", "--today", "2022-03-01"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read(&out).expect("read"), first, "same input, same bytes");
}

#[test]
fn render_reports_validation_errors_like_validate() {
    let dir = temp_dir("render-invalid");
    let out = dir.join("x.docx");
    let args = ["tests/inputs/invalid-every-rule.yaml", "--today", "2022-03-01"];
    let v = baocao(&[&["validate"][..], &args].concat());
    let r = baocao(&[&["render"][..], &args, &["-o", out.to_str().expect("utf-8")]].concat());
    assert_eq!(r.status.code(), Some(1));
    assert_eq!(stderr(&r), stderr(&v));
    assert!(!out.exists());
}

#[test]
fn renders_from_json_and_toml_too() {
    let dir = temp_dir("formats");
    let yaml = std::fs::read_to_string(root().join(EXAMPLE)).expect("example");
    let report = baocao_core::parse(&yaml, baocao_core::Format::Yaml).expect("parses");
    let reference = baocao_docx::render(&report, &Default::default()).expect("renders");
    for f in [baocao_core::Format::Json, baocao_core::Format::Toml] {
        let input = dir.join(format!("bao-cao.{}", f.name()));
        std::fs::write(&input, baocao_core::write(&report, f).expect("write")).expect("write");
        let out = dir.join(format!("{}.docx", f.name()));
        let o = baocao(&[
            "render",
            input.to_str().expect("utf-8"),
            "-o",
            out.to_str().expect("utf-8"),
            "--today",
            "2022-03-01",
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert_eq!(std::fs::read(&out).expect("read"), reference, "{f:?}");
    }
}

/// Interrupting `baocao render` at any moment (SIGTERM, or SIGKILL that cannot be
/// caught) leaves the old file or the complete new one, never a partial file; after
/// SIGTERM no temporary file is left either.
#[cfg(unix)]
#[test]
fn interrupted_render_never_leaves_a_partial_file() {
    let dir = temp_dir("kill");
    let yaml = std::fs::read_to_string(root().join(EXAMPLE)).expect("example");
    let mut report = baocao_core::parse(&yaml, baocao_core::Format::Yaml).expect("parses");
    report.results.leadership.paragraphs = (0..60_000)
        .map(|i| baocao_core::Block::Paragraph(baocao_core::Text::new(format!("Đoạn {i}: cấp ủy quan tâm lãnh đạo."))))
        .collect();
    let input = dir.join("lon.json");
    std::fs::write(&input, baocao_core::write(&report, baocao_core::Format::Json).expect("json")).expect("write");
    let complete = baocao_docx::render(&report, &Default::default()).expect("renders");
    let out = dir.join("bao-cao.docx");
    let temporaries = || -> Vec<String> {
        std::fs::read_dir(&dir)
            .expect("dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect()
    };
    let mut outcomes = Vec::new();
    for (signal, delay_ms) in
        [("TERM", 5), ("TERM", 400), ("TERM", 1200), ("TERM", 2500), ("KILL", 800), ("KILL", 2000)]
    {
        std::fs::write(&out, b"old").expect("old file");
        let mut child = Command::new(env!("CARGO_BIN_EXE_baocao"))
            .args([
                "render",
                input.to_str().expect("utf-8"),
                "-o",
                out.to_str().expect("utf-8"),
                "--force",
                "--today",
                "2022-03-01",
            ])
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = Command::new("kill").arg(format!("-{signal}")).arg(child.id().to_string()).status();
        let status = child.wait().expect("wait");
        let now = std::fs::read(&out).expect("target still there");
        assert!(
            now == b"old" || now == complete,
            "SIGNAL {signal} after {delay_ms} ms left a partial file ({} bytes)",
            now.len()
        );
        if signal == "TERM" {
            assert!(temporaries().is_empty(), "SIGTERM after {delay_ms} ms left {:?}", temporaries());
            // Interrupted, it exits as a shell reports SIGTERM: 128 + 15.
            assert!(matches!(status.code(), Some(0 | 143)), "SIGTERM after {delay_ms} ms: {status:?}");
        }
        for t in temporaries() {
            let _ = std::fs::remove_file(dir.join(t));
        }
        outcomes.push((signal, delay_ms, status.code(), now == complete));
    }
    // At least one run was interrupted before it could finish (exit 130 or killed).
    assert!(outcomes.iter().any(|o| o.2 != Some(0)), "{outcomes:?}");
}

#[test]
fn input_that_is_not_utf8_exits_2() {
    let dir = temp_dir("latin1");
    let bad = dir.join("bao-cao.yaml");
    std::fs::write(&bad, b"frame:\n  place: H\xf2a L\xe2m\n").expect("write");
    let o = baocao(&["validate", bad.to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("valid UTF-8"), "{}", stderr(&o));
}

#[test]
fn missing_output_folder_exits_3() {
    let o = baocao(&["render", EXAMPLE, "-o", "/khong/co/thu/muc/bao-cao.docx", "--today", "2022-03-01"]);
    assert_eq!(o.status.code(), Some(3));
    assert!(stderr(&o).starts_with("/khong/co/thu/muc/bao-cao.docx: no such file or folder"), "{}", stderr(&o));
}

fn render_to(out: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["render", EXAMPLE, "-o", out.to_str().expect("utf-8"), "--today", "2022-03-01"];
    args.extend_from_slice(extra);
    baocao(&args)
}

fn entries(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn an_author_that_would_corrupt_the_file_is_refused() {
    let dir = temp_dir("author");
    let out = dir.join("bao-cao.docx");
    for author in ["A\u{1}", "x\u{fffe}"] {
        let o = render_to(&out, &["--author", author]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(stderr(&o).contains("author: character U+"), "{}", stderr(&o));
        assert!(entries(&dir).is_empty(), "nothing written: {:?}", entries(&dir));
    }
}

#[cfg(unix)]
#[test]
fn only_a_regular_file_is_ever_replaced() {
    let dir = temp_dir("special");
    // A FIFO, a symbolic link and a folder at the target: refused, forced or not.
    let fifo = dir.join("fifo.docx");
    assert!(Command::new("mkfifo").arg(&fifo).status().expect("mkfifo").success());
    let kept = dir.join("kept.docx");
    std::fs::write(&kept, b"old").expect("write");
    let link = dir.join("link.docx");
    std::os::unix::fs::symlink(&kept, &link).expect("symlink");
    let folder = dir.join("folder.docx");
    std::fs::create_dir(&folder).expect("dir");
    for target in [&fifo, &link, &folder] {
        let o = render_to(target, &["--force"]);
        assert_eq!(o.status.code(), Some(3), "{}: {}", target.display(), stderr(&o));
        assert!(stderr(&o).contains("not a regular file"), "{}", stderr(&o));
        let o = render_to(target, &[]);
        assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    }
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::symlink_metadata(&fifo).expect("fifo").file_type().is_fifo());
    assert!(std::fs::symlink_metadata(&link).expect("link").file_type().is_symlink());
    assert_eq!(std::fs::read(&kept).expect("kept"), b"old");
    assert!(entries(&dir).iter().all(|n| !n.ends_with(".tmp")), "{:?}", entries(&dir));
}

#[cfg(unix)]
#[test]
fn force_keeps_the_permission_bits() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir("mode");
    let out = dir.join("bao-cao.docx");
    std::fs::write(&out, b"old").expect("write");
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    let o = render_to(&out, &["--force"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let meta = std::fs::metadata(&out).expect("meta");
    assert_eq!(meta.permissions().mode() & 0o777, 0o600);
    assert_eq!(&std::fs::read(&out).expect("read")[..2], b"PK");
}

#[test]
fn a_long_file_name_fits_its_temporary_name() {
    let dir = temp_dir("long");
    for len in [246, 250, 255] {
        // Vietnamese letters are two or three bytes: the name is cut on a character boundary.
        let stem: String = "ủy".chars().cycle().take(len).collect();
        let mut name = String::new();
        for c in stem.chars() {
            if name.len() + c.len_utf8() + ".docx".len() > len {
                break;
            }
            name.push(c);
        }
        name.push_str(".docx");
        assert!(name.len() <= 255);
        let out = dir.join(&name);
        let o = render_to(&out, &[]);
        assert!(o.status.success(), "{} bytes: {}", name.len(), stderr(&o));
        assert!(out.exists());
    }
    assert!(entries(&dir).iter().all(|n| !n.ends_with(".tmp")));
}

#[cfg(target_os = "linux")]
#[test]
fn leftovers_of_killed_renders_are_removed_by_the_next_one() {
    let dir = temp_dir("leftovers");
    let out = dir.join("bao-cao.docx");
    // Process 4194305 is above Linux's largest pid: it cannot be running. Process 1 is.
    let dead = ".bao-cao.docx.4194305.0.tmp";
    let alive = ".bao-cao.docx.1.0.tmp";
    let other_target = ".khac.docx.4194305.0.tmp";
    let not_ours = ".bao-cao.docx.4194305.tmp";
    for n in [dead, alive, other_target, not_ours] {
        std::fs::write(dir.join(n), b"partial").expect("write");
    }
    let o = render_to(&out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(entries(&dir), [alive, not_ours, other_target, "bao-cao.docx"]);
}

#[test]
fn a_yaml_null_is_a_missing_value_not_text() {
    let dir = temp_dir("null");
    let yaml = std::fs::read_to_string(root().join(EXAMPLE)).expect("example");
    for (from, to, path) in [
        ("    name: Hoàng Minh Đức", "    name: ~", "frame.signature.name"),
        ("  place: Hòa Lâm", "  place: null", "frame.place"),
        ("  place: Hòa Lâm", "  place:", "frame.place"),
    ] {
        assert!(yaml.contains(from), "{from}");
        let input = dir.join("bao-cao.yaml");
        std::fs::write(&input, yaml.replace(from, to)).expect("write");
        let o = baocao(&["validate", input.to_str().expect("utf-8")]);
        assert_eq!(o.status.code(), Some(2), "{to}: {}", stderr(&o));
        assert!(stderr(&o).contains(&format!(", {path}: expected text (a missing value")), "{}", stderr(&o));
    }
    // An optional field set to null is absent.
    let input = dir.join("bao-cao.yaml");
    std::fs::write(&input, yaml.replace("    province: Sơn Hà", "    province: ~")).expect("write");
    let o = baocao(&["validate", input.to_str().expect("utf-8"), "--today", "2022-03-01"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

/// Input over the limit is refused as soon as the limit is passed, from a file,
/// a device, a pipe that never ends or standard input, without reading the rest.
#[cfg(unix)]
#[test]
fn oversized_input_is_refused_without_reading_it_all() {
    use std::io::Write;
    use std::process::Stdio;
    let dir = temp_dir("huge");
    // A sparse 2 GB file costs no disk.
    let huge = dir.join("lon.json");
    let f = std::fs::File::create(&huge).expect("create");
    f.set_len(2_000_000_000).expect("sparse file");
    for input in [huge.to_str().expect("utf-8"), "/dev/zero"] {
        let started = std::time::Instant::now();
        let o = baocao(&["validate", input, "--format", "json"]);
        assert_eq!(o.status.code(), Some(2), "{input}: {}", stderr(&o));
        assert!(stderr(&o).contains("input too large: more than 16777216 bytes"), "{}", stderr(&o));
        // Generous for a slow machine; reading 2 GB would take far longer.
        assert!(started.elapsed() < std::time::Duration::from_secs(20), "{input}");
    }
    // An endless pipe on standard input.
    let mut child = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(["validate", "-", "--format", "yaml", "--lang", "en"])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stdin = child.stdin.take().expect("stdin");
    let writer = std::thread::spawn(move || {
        let chunk = vec![b'a'; 1 << 16];
        // Stops when the reader is gone (broken pipe).
        while stdin.write_all(&chunk).is_ok() {}
    });
    let o = child.wait_with_output().expect("wait");
    writer.join().expect("writer");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("standard input: input too large"), "{}", stderr(&o));
}

#[test]
fn messages_are_vietnamese_unless_english_is_asked_for() {
    // Validation problems.
    let o = baocao_vi(&["validate", EXAMPLE, "--today", "2022-02-14"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.starts_with("frame.date: ngày ban hành 15/02/2022 là ngày trong tương lai (hôm nay là 14/02/2022)"),
        "{err}"
    );
    assert!(err.trim_end().ends_with(": 1 lỗi"), "{err}");
    // Input errors: the place, the field and what is wrong, in words.
    let dir = temp_dir("lang");
    let src = std::fs::read_to_string(root().join(EXAMPLE)).expect("example");
    let bad = dir.join("bao-cao.yaml");
    std::fs::write(&bad, src.replacen("number: 125", "number: mười", 1)).expect("write");
    let o = baocao_vi(&["validate", bad.to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("frame.number: cần một số nguyên, đang là văn bản \"mười\""), "{}", stderr(&o));
    let o = baocao(&["validate", bad.to_str().expect("utf-8")]);
    assert!(stderr(&o).contains("frame.number: expected a whole number, found the text \"mười\""), "{}", stderr(&o));
    // Files: no "(os error 2)".
    let o = baocao_vi(&["validate", "khong-co.yaml"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o).trim_end(), "khong-co.yaml: không tìm thấy tệp hoặc thư mục");
    let o = baocao_vi(&["validate", EXAMPLE, "--today", "2022-03-01"]);
    assert!(stderr(&o).ends_with(": hợp lệ\n"), "{}", stderr(&o));
    // An unknown language is a usage error.
    assert_eq!(baocao_vi(&["validate", EXAMPLE, "--lang", "fr"]).status.code(), Some(2));
}

#[test]
fn check_holds_a_docx_against_the_layout_rules() {
    let dir = temp_dir("check");
    let out = dir.join("bao-cao.docx");
    let out_s = out.to_str().expect("utf-8");
    assert!(baocao(&["render", EXAMPLE, "-o", out_s, "--today", "2022-03-01"]).status.success());
    // Our own output: no findings, exit 0.
    let o = baocao_vi(&["check", out_s]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    assert_eq!(stderr(&o).trim_end(), format!("{out_s}: 0 lỗi, 0 lưu ý"));
    // A broken copy: "Số: 125/BC-HU" in the header block, exit 1, the finding on stdout.
    let broken = dir.join("hong.docx");
    rewrite_document(&out, &broken, |xml| xml.replace(">Số 125-BC/HU<", ">Số: 125/BC-HU<"));
    let broken_s = broken.to_str().expect("utf-8");
    let o = baocao_vi(&["check", broken_s]);
    assert_eq!(o.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(
        stdout.starts_with("lỗi [header.number] đoạn 4 (phần đầu): “Số: 125/BC-HU”: viết “Số 125-BC/HU”: “Số”, số (dưới 10 thêm số 0), gạch ngang, BC, gạch chéo, ký hiệu cơ quan; không có dấu hai chấm"),
        "{stdout}"
    );
    assert_eq!(stderr(&o).trim_end(), format!("{broken_s}: 1 lỗi, 0 lưu ý"));
    // JSON, in English.
    let o = baocao(&["check", broken_s, "--json"]);
    assert_eq!(o.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(json[0]["rule"], "header.number");
    assert_eq!(json[0]["severity"], "error");
    assert_eq!(json[0]["paragraph"], 4);
    assert_eq!(
        json[0]["message"],
        "write \"Số 125-BC/HU\": \"Số\", the number (a leading zero under 10), a hyphen, BC, a slash, the organ code; no colon"
    );
    assert_eq!(json[0]["section"], serde_json::Value::Null);
    // The same file on standard input.
    let o = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(["check", "-", "--lang", "en"])
        .stdin(std::fs::File::open(&broken).expect("open"))
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o).trim_end(), "standard input: 1 error, 0 warnings");
    // Not a .docx: exit 2.
    let o = baocao(&["check", EXAMPLE]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).ends_with("not a .docx file (not a ZIP package)\n"), "{}", stderr(&o));
}

#[test]
fn a_link_loop_is_said_in_words() {
    let dir = temp_dir("loop");
    let (a, b) = (dir.join("a.docx"), dir.join("b.docx"));
    std::os::unix::fs::symlink(&b, &a).expect("link");
    std::os::unix::fs::symlink(&a, &b).expect("link");
    let o = baocao_vi(&["check", a.to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("đường dẫn có liên kết vòng"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("symbolic"), "{}", stderr(&o));
}

#[test]
fn an_interrupted_validate_or_check_mentions_no_output_file() {
    use std::process::Stdio;
    for args in [["validate", "-", "--format", "yaml"], ["check", "-", "--lang", "vi"]] {
        // Standard input stays open: the command waits, and is interrupted.
        let mut child = Command::new(env!("CARGO_BIN_EXE_baocao"))
            .args(args)
            .stdin(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("runs");
        let stdin = child.stdin.take();
        std::thread::sleep(std::time::Duration::from_millis(1500));
        let _ = Command::new("kill").arg("-INT").arg(child.id().to_string()).status();
        let o = child.wait_with_output().expect("ends");
        drop(stdin);
        assert_eq!(o.status.code(), Some(130), "{}", stderr(&o));
        assert_eq!(stderr(&o).trim_end(), "bị ngắt", "{args:?}");
    }
}

/// A copy of a .docx with its document part changed.
fn rewrite_document(src: &Path, dst: &Path, change: impl Fn(String) -> String) {
    use std::io::{Read, Write};
    let bytes = std::fs::read(src).expect("read");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).expect("entry");
        let name = f.name().to_string();
        let mut data = Vec::new();
        f.read_to_end(&mut data).expect("read");
        if name == "word/document.xml" {
            data = change(String::from_utf8(data).expect("utf-8")).into_bytes();
        }
        w.start_file(name, zip::write::SimpleFileOptions::default()).expect("start");
        w.write_all(&data).expect("write");
    }
    std::fs::write(dst, w.finish().expect("zip").into_inner()).expect("write");
}

#[test]
fn extract_reads_a_docx_back_to_data() {
    let dir = temp_dir("extract");
    let docx = dir.join("bao-cao.docx");
    let docx_s = docx.to_str().expect("utf-8");
    assert!(render_to(&docx, &[]).status.success());
    // To a YAML file: exit 0, and the data renders to the very same file.
    let yaml = dir.join("bao-cao.yaml");
    let yaml_s = yaml.to_str().expect("utf-8");
    let o = baocao_vi(&["extract", docx_s, "-o", yaml_s, "--today", "2022-03-01"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).ends_with(&format!("{docx_s}: đã đọc hết vào báo cáo\n")), "{}", stderr(&o));
    let again = dir.join("lai.docx");
    let o = baocao(&["render", yaml_s, "-o", again.to_str().expect("utf-8"), "--today", "2022-03-01"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read(&again).expect("read"), std::fs::read(&docx).expect("read"), "the same bytes");
    // An existing output is kept unless --force: exit 3, before any reading.
    let o = baocao(&["extract", docx_s, "-o", yaml_s]);
    assert_eq!(o.status.code(), Some(3));
    assert!(baocao(&["extract", docx_s, "-o", yaml_s, "--force"]).status.success());
    // JSON and TOML by extension; YAML (or --format) on standard output.
    for ext in ["json", "toml"] {
        let out = dir.join(format!("bao-cao.{ext}"));
        assert!(baocao(&["extract", docx_s, "-o", out.to_str().expect("utf-8")]).status.success());
        let o = baocao(&["validate", out.to_str().expect("utf-8"), "--today", "2022-03-01"]);
        assert!(o.status.success(), "{ext}: {}", stderr(&o));
    }
    let o = baocao(&["extract", docx_s]);
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("frame:\n  issuer:\n"));
    let o = baocao(&["extract", docx_s, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(json["frame"]["number"], 125);
    let o = baocao(&["extract", docx_s, "-o", dir.join("x.txt").to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(2));

    // A heading that fits nowhere: exit 1, the data written all the same, the
    // paragraph named with its first words.
    let stray = dir.join("stray.docx");
    rewrite_document(&docx, &stray, |xml| {
        xml.replacen("- KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ TRỌNG TÂM<", "- MỘT MỤC KHÔNG CÓ TRONG HƯỚNG DẪN<", 1)
    });
    let out = dir.join("stray.yaml");
    let o = baocao(&["extract", stray.to_str().expect("utf-8"), "-o", out.to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("unplaced paragraph "), "{err}");
    assert!(err.contains("(“MỘT MỤC KHÔNG CÓ TRONG HƯỚNG DẪN”)"), "{err}");
    assert!(err.contains("\nunplaced paragraphs 29–"), "paragraphs in a row on one line: {err}");
    assert!(err.contains("area_empty results.leadership"), "{err}");
    assert!(out.exists(), "the data is written all the same");

    // Tracked changes: refused (exit 2) unless a choice is given.
    let tracked = dir.join("tracked.docx");
    rewrite_document(&docx, &tracked, |xml| {
        xml.replacen("<w:r>", r#"<w:ins w:id="1" w:author="VP" w:date="2022-02-20T08:00:00Z"><w:r>"#, 1).replacen(
            "</w:r>",
            "</w:r></w:ins>",
            1,
        )
    });
    let tracked_s = tracked.to_str().expect("utf-8");
    let o = baocao(&["extract", tracked_s]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("1 tracked change(s) not yet accepted or rejected"), "{}", stderr(&o));
    // The inserted run is the superior organ's line: kept when accepted, gone when rejected.
    for (choice, superior) in [("accept", true), ("reject", false)] {
        let o = baocao(&["extract", tracked_s, "--changes", choice]);
        assert_eq!(o.status.code(), Some(0), "{choice}: {}", stderr(&o));
        assert!(stderr(&o).contains("1 tracked change(s) were read as chosen"), "{}", stderr(&o));
        let yaml = String::from_utf8_lossy(&o.stdout).into_owned();
        assert_eq!(yaml.contains("superior: ĐẢNG BỘ TỈNH SƠN HÀ"), superior, "{choice}");
    }
    // Not a .docx: exit 2.
    assert_eq!(baocao(&["extract", EXAMPLE]).status.code(), Some(2));
}

#[test]
fn consolidate_the_example_province() {
    let dir = temp_dir("consolidate");
    let book = dir.join("tong-hop.xlsx");
    let draft = dir.join("du-thao.yaml");
    let args = [
        "consolidate",
        "examples/tinh-son-ha/huyen-hoa-lam.yaml",
        "examples/tinh-son-ha/huyen-an-phu.yaml",
        "examples/tinh-son-ha/thanh-uy-son-ha.yaml",
        "--units",
        "examples/tinh-son-ha/units.yaml",
        "-o",
        book.to_str().expect("utf-8"),
        "--draft",
        draft.to_str().expect("utf-8"),
        "--today",
        "2022-03-25",
    ];
    let o = baocao_vi(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    let said = stderr(&o);
    assert!(said.contains("3/4 đơn vị") && said.contains("Huyện ủy Đồng Xuân"), "{said}");
    assert!(said.contains("Số điểm vui chơi, giải trí cho trẻ em"), "the unmatched indicator is named: {said}");
    assert!(std::fs::read(&book).expect("xlsx").starts_with(b"PK"));
    let o = baocao(&["validate", draft.to_str().expect("utf-8"), "--today", "2022-03-25"]);
    assert!(o.status.success(), "the draft validates: {}", stderr(&o));
    // Again without --force: refused, exit 3.
    assert_eq!(baocao_vi(&args).status.code(), Some(3));
    // A unit file that does not validate: named, nothing written, exit 1.
    let bad = dir.join("hong.yaml");
    std::fs::write(&bad, "frame: 1\n").expect("write");
    let out = dir.join("b.xlsx");
    let o = baocao(&["consolidate", EXAMPLE, bad.to_str().expect("utf-8"), "-o", out.to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("hong.yaml") && !out.exists());
    let o = baocao(&[
        "consolidate",
        EXAMPLE,
        bad.to_str().expect("utf-8"),
        "-o",
        out.to_str().expect("utf-8"),
        "--partial",
    ]);
    assert!(o.status.success() && out.exists(), "{}", stderr(&o));
    // Two reports of one unit: refused, its figures would count twice.
    let twice = dir.join("twice.xlsx");
    let o = baocao(&[
        "consolidate",
        EXAMPLE,
        "examples/tinh-son-ha/huyen-hoa-lam.yaml",
        "-o",
        twice.to_str().expect("utf-8"),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("would count twice") && !twice.exists(), "{}", stderr(&o));
    let _ = std::fs::remove_dir_all(dir);
}
