//! Rendering speed: the example, the example with its prose ×10 and ×100, each
//! pipeline stage alone, and the floor (deflating the same XML into a ZIP).
//!
//!     cargo bench -p baocao-docx --bench render

mod common;

use std::io::Write;

use baocao_core::{validate, Context};
use baocao_docx::{render, stages, RenderOptions};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};

fn whole(c: &mut Criterion) {
    let options = RenderOptions::default();
    let mut g = c.benchmark_group("render");
    for (name, k) in [("example", 1), ("prose_x10", 10), ("prose_x100", 100)] {
        let report = common::scaled(k);
        let xml = stages::conform(&report, &options, stages::compose(&report, &options)).expect("parts").total_bytes();
        g.throughput(Throughput::Bytes(xml as u64));
        g.bench_function(name, |b| b.iter(|| render(&report, &options).expect("renders")));
    }
    g.finish();
}

fn stages_alone(c: &mut Criterion) {
    let options = RenderOptions::default();
    let report = common::example();
    let mut g = c.benchmark_group("stage");
    g.bench_function("validate", |b| b.iter(|| validate(&report, &Context::default()).expect("valid")));
    g.bench_function("compose", |b| b.iter(|| stages::compose(&report, &options)));
    g.bench_function("conform", |b| {
        b.iter_batched(
            || stages::compose(&report, &options),
            |c| stages::conform(&report, &options, c).expect("parts"),
            BatchSize::SmallInput,
        )
    });
    g.bench_function("package", |b| {
        b.iter_batched(
            || stages::conform(&report, &options, stages::compose(&report, &options)).expect("parts"),
            |p| stages::package(p).expect("zip"),
            BatchSize::SmallInput,
        )
    });
    g.finish();
}

/// The physical floor: the final XML text already exists; copy it out (as a
/// serialiser would) and deflate it (one compressor, same level), with ZIP framing.
fn floor(c: &mut Criterion) {
    let options = RenderOptions::default();
    let report = common::example();
    let parts = stages::conform(&report, &options, stages::compose(&report, &options)).expect("parts");
    let parts: Vec<(String, Vec<u8>)> = parts.iter().map(|(n, b)| (n.to_string(), b.to_vec())).collect();
    c.bench_function("floor/serialise_and_deflate", |b| {
        let mut deflater = flate2::Compress::new(flate2::Compression::new(baocao_docx::DEFLATE_LEVEL), false);
        b.iter(|| {
            let mut out = Vec::with_capacity(32 * 1024);
            for (name, bytes) in &parts {
                let text: Vec<u8> = bytes.clone(); // "serialising": producing the bytes
                deflater.reset();
                let mut compressed = Vec::with_capacity(text.len() / 2 + 64);
                deflater.compress_vec(&text, &mut compressed, flate2::FlushCompress::Finish).expect("deflate");
                out.write_all(name.as_bytes()).expect("write");
                out.extend_from_slice(&compressed);
            }
            out
        })
    });
}

criterion_group!(benches, whole, stages_alone, floor);
criterion_main!(benches);
