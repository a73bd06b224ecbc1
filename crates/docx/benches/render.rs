//! Rendering speed: the example, its prose ×10 and ×100, the 18-page workload
//! (150 paragraphs of about 60 words and a 12 × 10 table, inside the example's
//! outline; and with the rest of the outline cut to a sentence a part); each with `render`
//! (which prepares the fixed parts every time) and with one prepared `Renderer`;
//! and the floor: docx-rs's own bare build of the same content, deflated at the
//! same level.
//!
//!     cargo bench -p baocao-docx --bench render

mod common;

use baocao_core::{validate, Context, Report};
use baocao_docx::{render, RenderOptions, Renderer};
use criterion::{criterion_group, criterion_main, Criterion};
use docx_rs::{Docx, Paragraph, Run, Table, TableCell, TableRow};

fn workloads() -> Vec<(&'static str, Report)> {
    vec![
        ("example", common::example()),
        ("prose_x10", common::scaled(10)),
        ("prose_x100", common::scaled(100)),
        ("eighteen_pages", common::eighteen_pages()),
        ("eighteen_pages_minimal", common::eighteen_pages_minimal()),
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

/// A body element of a rendered report, as plain content: a paragraph's runs
/// (their texts) or a table's rows of cells (their paragraphs).
enum Item {
    Paragraph(Vec<String>),
    Table(Vec<Vec<Vec<Vec<String>>>>),
}

/// The content of the document part our renderer wrote for `report`: every
/// paragraph with its runs' texts, every table with its rows, cells and their
/// paragraphs (nested tables read as their cells' paragraphs). The floor builds
/// exactly this with docx-rs, so both write the same paragraphs, runs and cells.
fn content(report: &Report) -> Vec<Item> {
    use quick_xml::events::Event;
    use std::io::Read;
    let bytes = render(report, &RenderOptions::default()).expect("renders");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml").expect("document part").read_to_string(&mut xml).expect("read");
    let mut reader = quick_xml::Reader::from_str(&xml);
    let (mut items, mut depth_tbl) = (Vec::new(), 0usize);
    let mut rows: Vec<Vec<Vec<Vec<String>>>> = Vec::new();
    let mut runs: Vec<String> = Vec::new();
    let mut in_text = false;
    loop {
        match reader.read_event().expect("xml") {
            Event::Start(e) => match e.name().as_ref() {
                b"w:tbl" => depth_tbl += 1,
                b"w:tr" if depth_tbl == 1 => rows.push(Vec::new()),
                b"w:tc" if depth_tbl == 1 => rows.last_mut().expect("row").push(Vec::new()),
                b"w:p" => runs.clear(),
                b"w:r" => runs.push(String::new()),
                b"w:t" => in_text = true,
                _ => {}
            },
            Event::Text(t) if in_text => {
                runs.last_mut().expect("run").push_str(&t.decode().expect("utf-8"));
            }
            Event::GeneralRef(r) if in_text => {
                let name = r.decode().expect("utf-8");
                let c = match name.as_ref() {
                    "amp" => '&',
                    "lt" => '<',
                    "gt" => '>',
                    "quot" => '"',
                    _ => '\'',
                };
                runs.last_mut().expect("run").push(c);
            }
            Event::End(e) => match e.name().as_ref() {
                b"w:t" => in_text = false,
                b"w:p" if depth_tbl == 0 => items.push(Item::Paragraph(std::mem::take(&mut runs))),
                b"w:p" => rows.last_mut().and_then(|r| r.last_mut()).expect("cell").push(std::mem::take(&mut runs)),
                b"w:tbl" => {
                    depth_tbl -= 1;
                    if depth_tbl == 0 {
                        items.push(Item::Table(std::mem::take(&mut rows)));
                    }
                }
                _ => {}
            },
            Event::Empty(e) if e.name().as_ref() == b"w:p" && depth_tbl == 0 => items.push(Item::Paragraph(Vec::new())),
            Event::Eof => break,
            _ => {}
        }
    }
    items
}

fn bare_paragraph(runs: &[String]) -> Paragraph {
    runs.iter().fold(Paragraph::new(), |p, t| p.add_run(Run::new().add_text(t.as_str())))
}

/// docx-rs alone: the same paragraphs, runs and tables as our document part
/// (see [`content`]), default styles, built with `Docx::build` and every part
/// deflated at level 1: the floor our pipeline is measured against.
fn docx_rs_bare(items: &[Item]) -> usize {
    let mut docx = Docx::new();
    for item in items {
        match item {
            Item::Paragraph(runs) => docx = docx.add_paragraph(bare_paragraph(runs)),
            Item::Table(rows) => {
                let rows = rows
                    .iter()
                    .map(|cells| {
                        TableRow::new(
                            cells
                                .iter()
                                .map(|ps| ps.iter().fold(TableCell::new(), |c, p| c.add_paragraph(bare_paragraph(p))))
                                .collect(),
                        )
                    })
                    .collect();
                docx = docx.add_table(Table::new(rows));
            }
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
    for (name, report) in [
        ("example", common::example()),
        ("eighteen_pages", common::eighteen_pages()),
        ("eighteen_pages_minimal", common::eighteen_pages_minimal()),
    ] {
        let items = content(&report);
        let paragraphs: usize = items
            .iter()
            .map(|i| match i {
                Item::Paragraph(_) => 1,
                Item::Table(rows) => rows.iter().flatten().map(Vec::len).sum(),
            })
            .sum();
        eprintln!("floor/{name}: {} body elements, {paragraphs} paragraphs", items.len());
        c.bench_function(&format!("floor/docx_rs_bare_build_and_deflate/{name}"), |b| b.iter(|| docx_rs_bare(&items)));
    }
}

criterion_group!(benches, whole, floor);
criterion_main!(benches);
