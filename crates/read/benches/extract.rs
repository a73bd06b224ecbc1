//! How long `extract` takes: the example report and a 20-page report, read
//! alone and read back into a report (parts found, outline rebuilt, validated).

use criterion::{criterion_group, criterion_main, Criterion};

fn report(times: usize) -> Vec<u8> {
    let src = include_str!("../../../examples/bao-cao-huyen-hoa-lam.yaml");
    let mut report = baocao_core::parse(src, baocao_core::Format::Yaml).expect("example");
    // More prose: the dissemination paragraphs 46 times over make 20 pages (LibreOffice).
    let extra = report.dissemination.paragraphs.clone();
    for _ in 1..times {
        report.dissemination.paragraphs.extend(extra.iter().cloned());
    }
    baocao_docx::render(&report, &Default::default()).expect("renders")
}

fn bench(c: &mut Criterion) {
    let example = report(1);
    c.bench_function("extract/example", |b| b.iter(|| baocao_read::extract(&example).expect("reads")));
    let twenty = report(46);
    c.bench_function("read/twenty_pages", |b| b.iter(|| baocao_read::read(&twenty).expect("reads")));
    c.bench_function("extract/twenty_pages", |b| b.iter(|| baocao_read::extract(&twenty).expect("reads")));
}

criterion_group!(benches, bench);
criterion_main!(benches);
