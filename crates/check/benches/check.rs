//! How long a check takes: the example report, a 20-page report, and hostile
//! shapes at growing sizes (time linear in the number of runs and sections).

use std::io::{Cursor, Write};

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};

#[path = "../../docx/benches/common/mod.rs"]
mod common;

/// The example, rendered, with its dissemination paragraphs `times` over (46: 20 pages).
fn report(times: usize) -> Vec<u8> {
    baocao_docx::render(&common::more_dissemination(times), &Default::default()).expect("renders")
}

/// A package whose body is `open`, `item` n times, then `close`.
fn hostile(open: &str, item: &str, n: usize, close: &str) -> Vec<u8> {
    let rels = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
    let body = format!(r#"<w:document xmlns:w="w"><w:body>{open}{}{close}</w:body></w:document>"#, item.repeat(n));
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in [("_rels/.rels", rels.as_bytes()), ("word/document.xml", body.as_bytes())] {
        w.start_file(name, options).expect("start");
        w.write_all(bytes).expect("write");
    }
    w.finish().expect("zip").into_inner()
}

fn bench(c: &mut Criterion) {
    let layout = baocao_check::Layout::default();
    let example = report(1);
    c.bench_function("check/example", |b| b.iter(|| baocao_check::check(&example, &layout).expect("checks")));
    let twenty = report(46);
    c.bench_function("check/twenty_pages", |b| b.iter(|| baocao_check::check(&twenty, &layout).expect("checks")));

    // Hostile shapes: twice the size, twice the time.
    let mut g = c.benchmark_group("check/linear");
    g.sample_size(10);
    for n in [25_000, 50_000, 100_000] {
        let breaks = hostile("<w:p>", r#"<w:r><w:br w:type="page"/><w:t>a</w:t></w:r>"#, n, "</w:p>");
        g.bench_with_input(BenchmarkId::new("page_break_runs", n), &breaks, |b, d| {
            b.iter(|| baocao_check::check(d, &layout))
        });
        let sections = hostile(
            "",
            r#"<w:p><w:pPr><w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:pPr></w:p>"#,
            n / 2,
            "",
        );
        g.bench_with_input(BenchmarkId::new("sections", n / 2), &sections, |b, d| {
            b.iter(|| baocao_check::check(d, &layout))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
