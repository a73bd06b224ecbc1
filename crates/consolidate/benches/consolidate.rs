//! 15 units of the example's size consolidated from their .docx: each read back
//! (`extract`), matched and totalled, and the workbook written. Target ≤ 200 ms.
#![allow(missing_docs)]

use baocao_consolidate::{consolidate, Unit, Units};
use baocao_core::{parse, Format, Text};
use criterion::{criterion_group, criterion_main, Criterion};

fn files() -> Vec<Vec<u8>> {
    let example = parse(include_str!("../../../examples/bao-cao-huyen-hoa-lam.yaml"), Format::Yaml).expect("example");
    (0..15)
        .map(|i| {
            let mut r = example.clone();
            r.frame.issuer.organ = Text::new(format!("HUYỆN ỦY SỐ {}", i + 1));
            baocao_docx::render(&r, &baocao_docx::RenderOptions::default()).expect("renders")
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let files = files();
    let config = Units::default();
    let mut g = c.benchmark_group("consolidate");
    g.sample_size(20);
    g.bench_function("fifteen_units_from_docx", |b| {
        b.iter(|| {
            let units: Vec<Unit> = files
                .iter()
                .enumerate()
                .map(|(i, bytes)| {
                    let report = baocao_read::extract(bytes).expect("reads").report;
                    Unit { name: report.frame.issuer.organ.to_string(), source: i.to_string(), report }
                })
                .collect();
            consolidate(&units, &config).expect("distinct").to_xlsx().expect("xlsx")
        })
    });
    let units: Vec<Unit> = files
        .iter()
        .map(|bytes| {
            let report = baocao_read::extract(bytes).expect("reads").report;
            Unit { name: report.frame.issuer.organ.to_string(), source: String::new(), report }
        })
        .collect();
    g.bench_function("fifteen_units_totals_and_workbook", |b| {
        b.iter(|| consolidate(&units, &config).expect("distinct").to_xlsx().expect("xlsx"))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
