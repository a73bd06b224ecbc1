//! What a file can make the checker and `extract` hold, and how long they take:
//! the worst shapes a small hostile .docx can take, each under a fixed bound of heap
//! (counted by a global allocator: deterministic, unlike timings) and each a
//! linear pass (guarded by a generous time limit against a hang, not a speed
//! assertion). One test function, so nothing else allocates while it measures;
//! release builds only (`scripts/test.sh` runs it that way).

use std::io::{Cursor, Write};
use std::time::{Duration, Instant};

use baocao_check::{check, CheckError, Layout};
use baocao_read::{limits, Limit};
use peak_alloc::PeakAlloc;

#[global_allocator]
static HEAP: PeakAlloc = PeakAlloc;

const MIB: usize = 1024 * 1024;
/// The bound for any file (the worst shape measured takes about 120 MiB to
/// check, about 205 MiB to extract: a million table cells).
const WORST: usize = 256 * MIB;
/// A hang guard: a linear pass over any of these takes seconds.
const HANG: Duration = Duration::from_secs(60);

const RELS: &str = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
const DOC_RELS_HEAD: &str =
    r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#;

/// A deflated package of (name, bytes) parts.
fn package(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts {
        w.start_file(name.as_str(), options).expect("start");
        w.write_all(bytes).expect("write");
    }
    w.finish().expect("finish").into_inner()
}

/// A package whose document body is `body` repeated `n` times (and `tail`).
fn document(body: &str, n: usize, tail: &str, extra: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut xml = String::with_capacity(body.len() * n + 200);
    xml.push_str(
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="r"><w:body>"#,
    );
    for _ in 0..n {
        xml.push_str(body);
    }
    xml.push_str(tail);
    xml.push_str("</w:body></w:document>");
    let mut parts = vec![
        ("_rels/.rels".to_string(), RELS.as_bytes().to_vec()),
        ("word/document.xml".to_string(), xml.into_bytes()),
    ];
    parts.extend(extra.iter().cloned());
    package(&parts)
}

/// Checks `docx`: its peak heap, its time, and the verdict.
fn measure(docx: &[u8]) -> (Result<usize, CheckError>, usize, Duration) {
    let base = HEAP.current_usage();
    HEAP.reset_peak_usage();
    let start = Instant::now();
    let r = check(docx, &Layout::default()).map(|f| f.len());
    let took = start.elapsed();
    (r, HEAP.peak_usage().saturating_sub(base), took)
}

/// Extracts `docx` (the same reader, then the report rebuilt): its peak heap,
/// its time, and how many problems (or the error).
fn measure_extract(docx: &[u8]) -> (Result<usize, CheckError>, usize, Duration) {
    let base = HEAP.current_usage();
    HEAP.reset_peak_usage();
    let start = Instant::now();
    let r = baocao_read::extract(docx).map(|e| e.problems.len());
    let took = start.elapsed();
    (r, HEAP.peak_usage().saturating_sub(base), took)
}

#[cfg_attr(debug_assertions, ignore = "builds files of millions of elements: run in release (scripts/test.sh)")]
#[test]
fn checking_any_file_is_bounded_in_memory_and_linear_in_time() {
    let mut seen: Vec<String> = Vec::new();
    let mut run = |what: &str, docx: Vec<u8>, bound: usize, refused: Option<Limit>| {
        let (r, peak, took) = measure(&docx);
        let (e, extract_peak, extract_took) = measure_extract(&docx);
        seen.push(format!(
            "{what} ({} KiB file): check {:.1} MiB in {:.2} s, extract {:.1} MiB in {:.2} s",
            docx.len() / 1024,
            peak as f64 / MIB as f64,
            took.as_secs_f64(),
            extract_peak as f64 / MIB as f64,
            extract_took.as_secs_f64()
        ));
        // The same file is as readable to extract as to check.
        assert_eq!(r.is_ok(), e.is_ok(), "{what}: {e:?}");
        assert!(extract_peak <= bound && extract_took < HANG, "{}", seen.join("\n"));
        match (refused, &r) {
            (Some(limit), Err(CheckError::TooMany { what, .. })) => assert_eq!(*what, limit, "{}", seen.join("\n")),
            (None, Ok(_)) => {}
            _ => panic!("{what}: {r:?}\n{}", seen.join("\n")),
        }
        assert!(peak <= bound, "{}", seen.join("\n"));
        assert!(took < HANG, "{}", seen.join("\n"));
    };

    // Empty paragraphs, up to the limit and past it.
    run("empty paragraphs at the limit", document("<w:p/>", limits::PARAGRAPHS - 10, "", &[]), WORST, None);
    run(
        "empty paragraphs past the limit",
        document("<w:p/>", 3 * limits::PARAGRAPHS, "", &[]),
        WORST,
        Some(Limit::Paragraphs),
    );
    // Headings with text and a style (each resolved, each a body paragraph).
    let heading =
        r#"<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>I- MỤC</w:t></w:r></w:p>"#;
    run("headings at the limit", document(heading, limits::PARAGRAPHS - 10, "", &[]), WORST, None);
    // Runs: one paragraph of runs up to the limit; 250,000 page-break runs (each
    // break once looked back over the earlier runs).
    run(
        "runs at the limit",
        document("<w:r><w:t>a</w:t></w:r>", limits::RUNS - 10, "", &[]).replacen_body(),
        WORST,
        None,
    );
    run(
        "250,000 page breaks in one paragraph",
        document(r#"<w:r><w:br w:type="page"/></w:r>"#, 250_000, "", &[]).replacen_body(),
        WORST,
        None,
    );
    // Sections: each once searched every paragraph.
    let section = r#"<w:p><w:pPr><w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:bottom="1134" w:left="1701" w:right="850"/></w:sectPr></w:pPr></w:p>"#;
    run("sections at the limit", document(section, limits::SECTIONS - 10, "", &[]), WORST, None);
    run("700,000 section breaks", document(section, 700_000, "", &[]), WORST, Some(Limit::Sections));
    // Table cells, each its own paragraph.
    let row = "<w:tr>".to_string() + &"<w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>".repeat(10) + "</w:tr>";
    let cells = document(&row, limits::CELLS / 10 - 10, "</w:tbl>", &[]);
    run("table cells at the limit", cells.replacen_table(), WORST, None);
    // Distinct formats: every run its own size.
    let mut formats = String::new();
    for i in 0..limits::FORMATS - 100 {
        formats.push_str(&format!(r#"<w:r><w:rPr><w:sz w:val="{i}"/></w:rPr><w:t>a</w:t></w:r>"#));
    }
    run("distinct formats at the limit", document("", 0, &format!("<w:p>{formats}</w:p>"), &[]), WORST, None);
    // Header parts: 32 of the largest allowed, each full of paragraphs, all referenced.
    let header = format!(
        r#"<w:hdr xmlns:w="w">{}</w:hdr>"#,
        "<w:p><w:r><w:t>a</w:t></w:r></w:p>".repeat((limits::HEADER_BYTES as usize - 100) / 34)
    );
    let mut extra = Vec::new();
    let mut rels = DOC_RELS_HEAD.to_string();
    let mut refs = String::new();
    for i in 0..40 {
        extra.push((format!("word/header{i}.xml"), header.clone().into_bytes()));
        rels.push_str(&format!(r#"<Relationship Id="h{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header{i}.xml"/>"#));
        refs.push_str(&format!(r#"<w:headerReference w:type="default" r:id="h{i}"/>"#));
    }
    rels.push_str("</Relationships>");
    extra.push(("word/_rels/document.xml.rels".to_string(), rels.into_bytes()));
    let tail = format!("<w:sectPr>{refs}</w:sectPr>");
    run("40 header parts of 4 MiB", document("<w:p/>", 10, &tail, &extra), WORST, None);
    // A ZIP made of repeated end-of-directory records (each once tried from the end).
    let mut end = vec![0x50, 0x4b, 0x05, 0x06];
    end.extend_from_slice(&[0; 18]);
    let records: Vec<u8> = end.iter().copied().cycle().take(22 * 200_000).collect();
    let (r, peak, took) = measure(&records);
    seen.push(format!(
        "4 MB of end records: {r:?}, {:.1} MiB in {:.2} s",
        peak as f64 / MIB as f64,
        took.as_secs_f64()
    ));
    assert!(r.is_err() && peak < 16 * MIB && took < HANG, "{}", seen.join("\n"));

    eprintln!("{}", seen.join("\n"));
}

/// Builders of body shapes that need one wrapping element.
trait Wrap {
    /// The repeated runs inside one paragraph.
    fn replacen_body(self) -> Vec<u8>;
    /// The repeated rows inside one table.
    fn replacen_table(self) -> Vec<u8>;
}

impl Wrap for Vec<u8> {
    fn replacen_body(self) -> Vec<u8> {
        rewrap(&self, "<w:p>", "</w:p>")
    }
    fn replacen_table(self) -> Vec<u8> {
        rewrap(&self, "<w:tbl>", "")
    }
}

/// The document part of a package with `open` after `<w:body>` and `close`
/// before `</w:body>`.
fn rewrap(docx: &[u8], open: &str, close: &str) -> Vec<u8> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(Cursor::new(docx)).expect("zip");
    let mut parts = Vec::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).expect("entry");
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).expect("read");
        if f.name() == "word/document.xml" {
            let text = String::from_utf8(bytes).expect("utf-8");
            bytes = text
                .replacen("<w:body>", &format!("<w:body>{open}"), 1)
                .replacen("</w:body>", &format!("{close}</w:body>"), 1)
                .into_bytes();
        }
        parts.push((f.name().to_string(), bytes));
    }
    package(&parts)
}
