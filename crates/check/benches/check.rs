//! How long a check takes: the example report and a 20-page report.

use criterion::{criterion_group, criterion_main, Criterion};

fn report(times: usize) -> Vec<u8> {
    let src = include_str!("../../../examples/bao-cao-huyen-hoa-lam.yaml");
    let mut report = baocao_core::parse(src, baocao_core::Format::Yaml).expect("example");
    // More prose: the dissemination paragraph 46 times makes 20 pages (LibreOffice).
    let extra = report.dissemination.paragraphs.clone();
    for _ in 1..times {
        report.dissemination.paragraphs.extend(extra.iter().cloned());
    }
    baocao_docx::render(&report, &Default::default()).expect("renders")
}

fn bench(c: &mut Criterion) {
    let layout = baocao_check::Layout::default();
    let example = report(1);
    c.bench_function("check/example", |b| b.iter(|| baocao_check::check(&example, &layout).expect("checks")));
    let twenty = report(46);
    c.bench_function("check/twenty_pages", |b| b.iter(|| baocao_check::check(&twenty, &layout).expect("checks")));
}

criterion_group!(benches, bench);
criterion_main!(benches);
