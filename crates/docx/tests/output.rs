//! Determinism, concurrency, atomic writing, and golden copies of the XML parts.

mod support;

use std::path::PathBuf;

use baocao_docx::{render_to_file, Error, RenderOptions};
use support::*;

#[test]
fn same_input_same_bytes() {
    let r = example();
    let a = render(&r);
    let b = render(&r);
    assert_eq!(a, b);
}

#[test]
fn same_bytes_from_concurrent_threads() {
    let r = example();
    let single = render(&r);
    let outputs: Vec<Vec<u8>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..4).map(|_| s.spawn(|| render(&r))).collect();
        handles.into_iter().map(|h| h.join().expect("thread")).collect()
    });
    for o in outputs {
        assert_eq!(o, single);
    }
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("baocao-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

fn leftovers(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect()
}

#[test]
fn writes_a_file_and_never_overwrites_without_asking() {
    let dir = temp_dir("write");
    let path = dir.join("bao-cao.docx");
    let r = example();
    render_to_file(&r, &RenderOptions::default(), &path, false).expect("first write");
    assert_eq!(std::fs::read(&path).expect("read"), render(&r));

    std::fs::write(&path, b"the old report").expect("old file");
    match render_to_file(&r, &RenderOptions::default(), &path, false) {
        Err(Error::Exists(p)) => assert_eq!(p, path),
        other => panic!("expected Exists, got {other:?}"),
    }
    assert_eq!(std::fs::read(&path).expect("read"), b"the old report", "old file intact");

    render_to_file(&r, &RenderOptions::default(), &path, true).expect("overwrite when asked");
    assert_eq!(std::fs::read(&path).expect("read"), render(&r));
    assert!(leftovers(&dir).is_empty(), "{:?}", leftovers(&dir));
}

#[test]
fn invalid_report_touches_no_file() {
    let dir = temp_dir("invalid");
    let path = dir.join("bao-cao.docx");
    std::fs::write(&path, b"the old report").expect("old file");
    let mut r = example();
    r.frame.recipients.clear();
    assert!(matches!(render_to_file(&r, &RenderOptions::default(), &path, true), Err(Error::Invalid(_))));
    assert_eq!(std::fs::read(&path).expect("read"), b"the old report");
    assert!(leftovers(&dir).is_empty());
}

#[test]
fn missing_folder_is_a_clear_io_error() {
    let dir = temp_dir("missing");
    let path = dir.join("khong-co").join("bao-cao.docx");
    match render_to_file(&example(), &RenderOptions::default(), &path, false) {
        Err(e @ Error::Io { .. }) => assert!(e.to_string().contains("khong-co"), "{e}"),
        other => panic!("expected an I/O error, got {other:?}"),
    }
}

/// Golden copies of the XML parts of the example's rendering. After an intended
/// change to the output, refresh them with
/// `BAOCAO_BLESS=1 cargo test -p baocao-docx --test output golden` and review the diff.
#[test]
fn golden_parts() {
    let golden = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let parts = parts(&render(&example()));
    let bless = std::env::var_os("BAOCAO_BLESS").is_some();
    let mut failures = Vec::new();
    for (name, text) in &parts {
        let file = golden.join(name.replace('/', "__"));
        // One element per line keeps the diffs of golden files readable.
        let pretty = text.replace("><", ">\n<");
        if bless {
            std::fs::create_dir_all(&golden).expect("golden dir");
            std::fs::write(&file, &pretty).expect("write golden");
            continue;
        }
        match std::fs::read_to_string(&file) {
            Ok(want) if want == pretty => {}
            Ok(want) => {
                let line = want.lines().zip(pretty.lines()).position(|(a, b)| a != b).unwrap_or(0);
                failures.push(format!(
                    "{name} differs at line {}:\n  golden: {}\n  now:    {}",
                    line + 1,
                    want.lines().nth(line).unwrap_or("<end>"),
                    pretty.lines().nth(line).unwrap_or("<end>")
                ));
            }
            Err(_) => failures.push(format!("{name}: no golden copy at {}", file.display())),
        }
    }
    // The package holds exactly the parts that have golden copies.
    let names: Vec<String> = parts.keys().map(|n| n.replace('/', "__")).collect();
    for entry in std::fs::read_dir(&golden).expect("golden dir") {
        let file = entry.expect("entry").file_name().to_string_lossy().into_owned();
        if !names.contains(&file) {
            if bless {
                std::fs::remove_file(golden.join(&file)).expect("remove a stale golden copy");
            } else {
                failures.push(format!("{file}: a golden copy of a part the package no longer has"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n(after an intended change: BAOCAO_BLESS=1 cargo test -p baocao-docx --test output golden)",
        failures.join("\n")
    );
}

#[test]
fn an_interrupted_write_leaves_the_old_file_and_no_temporary() {
    let dir = temp_dir("interrupted");
    let path = dir.join("bao-cao.docx");
    std::fs::write(&path, b"the old report").expect("old file");
    {
        // A failure between the first bytes and the commit: the pending file is
        // dropped, as on an error or a panic.
        let mut pending = baocao_docx::PendingFile::create(&path, true).expect("pending");
        pending.write_all(&render(&example())[..1000]).expect("half the bytes");
        assert!(pending.temp_path().exists());
    }
    assert_eq!(std::fs::read(&path).expect("read"), b"the old report");
    assert!(leftovers(&dir).is_empty(), "{:?}", leftovers(&dir));
}

#[test]
fn a_file_created_meanwhile_is_not_replaced() {
    let dir = temp_dir("race");
    let path = dir.join("bao-cao.docx");
    let mut pending = baocao_docx::PendingFile::create(&path, false).expect("pending");
    pending.write_all(b"new").expect("write");
    std::fs::write(&path, b"written by someone else meanwhile").expect("other writer");
    assert!(matches!(pending.commit(), Err(Error::Exists(_))));
    assert_eq!(std::fs::read(&path).expect("read"), b"written by someone else meanwhile");
    assert!(leftovers(&dir).is_empty(), "{:?}", leftovers(&dir));
}

#[test]
fn an_unwritable_folder_is_a_clear_io_error() {
    // /proc refuses new files even to root (chmod would not stop root).
    match render_to_file(&example(), &RenderOptions::default(), std::path::Path::new("/proc/bao-cao.docx"), false) {
        Err(e @ Error::Io { .. }) => assert!(e.to_string().starts_with("/proc/bao-cao.docx: "), "{e}"),
        other => panic!("expected an I/O error, got {other:?}"),
    }
}

#[test]
fn sixteen_threads_rendering_different_reports() {
    let reports: Vec<_> = (1..=16)
        .map(|n| {
            let mut r = example();
            r.frame.number = Some(n);
            r
        })
        .collect();
    let single: Vec<Vec<u8>> = reports.iter().map(render).collect();
    let concurrent: Vec<Vec<u8>> = std::thread::scope(|s| {
        let handles: Vec<_> = reports.iter().map(|r| s.spawn(move || render(r))).collect();
        handles.into_iter().map(|h| h.join().expect("thread")).collect()
    });
    assert_eq!(concurrent, single);
    assert_ne!(single[0], single[1], "different reports, different bytes");
}

/// A layout that differs from the default in what the fixed parts hold (the
/// styles' sizes, the theme's font, the settings' language).
fn other_layout(k: u32) -> baocao_docx::Layout {
    baocao_docx::Layout {
        body_size: 28 + 2 * (k % 2),
        table_size: 24 + k % 3,
        font: if k.is_multiple_of(2) { "Times New Roman".into() } else { "Liberation Serif".into() },
        ..Default::default()
    }
}

#[test]
fn plain_render_with_different_options_at_once_gives_each_its_own_bytes() {
    let r = example();
    let options: Vec<RenderOptions> =
        (0..4).map(|k| RenderOptions { layout: other_layout(k), ..Default::default() }).collect();
    // What each set of options gives, from renderers made apart from the cache.
    let want: Vec<Vec<u8>> = options
        .iter()
        .map(|o| baocao_docx::Renderer::new(o.clone()).expect("options").render(&r).expect("renders"))
        .collect();
    assert!(want.windows(2).all(|w| w[0] != w[1]), "the layouts give different files");
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..8)
            .map(|t| {
                let (r, options, want) = (&r, &options, &want);
                s.spawn(move || {
                    for i in 0..12 {
                        let k = (t + i) % options.len();
                        assert_eq!(
                            baocao_docx::render(r, &options[k]).expect("renders"),
                            want[k],
                            "thread {t}, options {k}"
                        );
                    }
                })
            })
            .collect();
        for h in handles {
            h.join().expect("thread");
        }
    });
}

#[test]
fn the_prepared_parts_of_a_few_layouts_are_kept() {
    let r = example();
    for k in 0..3 * baocao_docx::CACHED_LAYOUTS as u32 {
        let o = RenderOptions { layout: other_layout(k + 100), ..Default::default() };
        let mut layout = o.layout.clone();
        layout.margin_top += k; // each its own layout
        let o = RenderOptions { layout, ..o };
        let bytes = baocao_docx::render(&r, &o).expect("renders");
        assert_eq!(bytes, baocao_docx::Renderer::new(o).expect("options").render(&r).expect("renders"));
        let kept = baocao_docx::cached_layouts();
        assert!((1..=baocao_docx::CACHED_LAYOUTS).contains(&kept), "{kept} layouts kept");
    }
}
