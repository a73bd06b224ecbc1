//! Rendering speed: the example, its prose ×10 and ×100, the 18-page workload
//! (150 paragraphs of about 60 words and a 12 × 10 table); each with `render`
//! (which prepares the fixed parts every time) and with one prepared `Renderer`;
//! and the floor: docx-rs's own bare build of the same content, deflated at the
//! same level.
//!
//!     cargo bench -p baocao-docx --bench render

mod common;

use baocao_core::{validate, Block, Cell, Context, Report};
use baocao_docx::{render, RenderOptions, Renderer};
use criterion::{criterion_group, criterion_main, Criterion};
use docx_rs::{Docx, Paragraph, Run, Table, TableCell, TableRow};

fn workloads() -> Vec<(&'static str, Report)> {
    vec![
        ("example", common::example()),
        ("prose_x10", common::scaled(10)),
        ("prose_x100", common::scaled(100)),
        ("eighteen_pages", common::eighteen_pages()),
    ]
}

fn whole(c: &mut Criterion) {
    let options = RenderOptions::default();
    let renderer = Renderer::new(options.clone()).expect("options");
    let mut g = c.benchmark_group("render");
    for (name, report) in workloads() {
        g.bench_function(name, |b| b.iter(|| render(&report, &options).expect("renders")));
        g.bench_function(format!("{name}/prepared"), |b| b.iter(|| renderer.render(&report).expect("renders")));
    }
    g.bench_function("validate/example", |b| {
        let report = common::example();
        b.iter(|| validate(&report, &Context::default()).expect("valid"))
    });
    g.bench_function("prepare", |b| b.iter(|| Renderer::new(options.clone()).expect("options")));
    g.finish();
}

/// docx-rs alone: the same paragraphs and table, default styles, built with
/// `Docx::build` and every part deflated at level 1: the floor our pipeline is
/// measured against.
fn docx_rs_bare(report: &Report) -> usize {
    let mut docx = Docx::new();
    for b in &report.dissemination.paragraphs {
        match b {
            Block::Paragraph(t) => docx = docx.add_paragraph(Paragraph::new().add_run(Run::new().add_text(t.as_str()))),
            Block::Table(t) => {
                let row = |cells: Vec<String>| {
                    TableRow::new(
                        cells
                            .into_iter()
                            .map(|c| TableCell::new().add_paragraph(Paragraph::new().add_run(Run::new().add_text(c))))
                            .collect(),
                    )
                };
                let mut rows = vec![row(t.header.iter().map(|h| h.to_string()).collect())];
                for r in &t.rows {
                    rows.push(row(r
                        .iter()
                        .map(|c| match c {
                            Cell::Text(t) => t.to_string(),
                            Cell::Number(n) => baocao_core::format::number(*n, None),
                            Cell::Empty => "-".into(),
                        })
                        .collect()));
                }
                docx = docx.add_table(Table::new(rows));
            }
            _ => {}
        }
    }
    let x = docx.build();
    let mut out = 0;
    let mut deflater = flate2::Compress::new(flate2::Compression::new(baocao_docx::DEFLATE_LEVEL), false);
    for part in [&x.document, &x.styles, &x.settings, &x.font_table, &x.content_type, &x.rels, &x.document_rels] {
        deflater.reset();
        let mut compressed = Vec::with_capacity(part.len() / 2 + 64);
        deflater.compress_vec(part, &mut compressed, flate2::FlushCompress::Finish).expect("deflate");
        out += compressed.len();
    }
    out
}

fn floor(c: &mut Criterion) {
    let report = common::eighteen_pages();
    c.bench_function("floor/docx_rs_bare_build_and_deflate/eighteen_pages", |b| b.iter(|| docx_rs_bare(&report)));
}

criterion_group!(benches, whole, floor);
criterion_main!(benches);
