//! How long `extract` takes: the example report and a 20-page report, read
//! alone and read back into a report (parts found, outline rebuilt, validated).

use criterion::{criterion_group, criterion_main, Criterion};

#[path = "../../docx/benches/common/mod.rs"]
mod common;

/// The example, rendered, with its dissemination paragraphs `times` over (46: 20 pages).
fn report(times: usize) -> Vec<u8> {
    baocao_docx::render(&common::more_dissemination(times), &Default::default()).expect("renders")
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
