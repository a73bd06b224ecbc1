//! Inputs shared by the benchmarks.
#![allow(dead_code)]

use baocao_core::{parse, Block, Cell, Format, Report, Subsection, Table, Text};

pub fn example() -> Report {
    parse(include_str!("../../../../examples/bao-cao-huyen-hoa-lam.yaml"), Format::Yaml).expect("example")
}

fn scale_blocks(blocks: &mut Vec<Block>, k: usize) {
    let copy = blocks.clone();
    for _ in 1..k {
        blocks.extend(copy.iter().cloned());
    }
}

/// One part of the outline after the dissemination section: its blocks, its
/// subsections and, for an area of the key tasks, its nothing-to-report sentence.
struct Content<'a> {
    paragraphs: &'a mut Vec<Block>,
    subsections: &'a mut Vec<Subsection>,
    nothing_to_report: Option<&'a mut Option<Text>>,
}

/// Every part of the outline after the dissemination section: the eight areas,
/// area 5's disaster and epidemic part, the shortcomings and the outlook.
fn outline_parts(r: &mut Report) -> Vec<Content<'_>> {
    let res = &mut r.results;
    let mut parts: Vec<Content<'_>> = [
        &mut res.leadership,
        &mut res.communication,
        &mut res.legislation,
        &mut res.programmes,
        &mut res.resources,
        &mut res.international,
        &mut res.participation,
    ]
    .into_iter()
    .map(|a| Content {
        paragraphs: &mut a.paragraphs,
        subsections: &mut a.subsections,
        nothing_to_report: Some(&mut a.nothing_to_report),
    })
    .collect();
    let c = &mut res.coordination;
    parts.push(Content { paragraphs: &mut c.paragraphs, subsections: &mut c.subsections, nothing_to_report: None });
    let d = &mut c.disasters_epidemics;
    parts.push(Content { paragraphs: &mut d.paragraphs, subsections: &mut d.subsections, nothing_to_report: None });
    let (s, o) = (&mut r.shortcomings, &mut r.outlook);
    for p in [
        &mut s.limitations,
        &mut s.objective_causes,
        &mut s.subjective_causes,
        &mut s.lessons,
        &mut o.difficulties,
        &mut o.directions,
        &mut o.recommendations,
    ] {
        parts.push(Content { paragraphs: &mut p.paragraphs, subsections: &mut p.subsections, nothing_to_report: None });
    }
    parts
}

fn scale_part(paragraphs: &mut Vec<Block>, subsections: &mut [Subsection], k: usize) {
    scale_blocks(paragraphs, k);
    for s in subsections {
        scale_blocks(&mut s.paragraphs, k);
    }
}

/// The example with every section's prose repeated `k` times.
pub fn scaled(k: usize) -> Report {
    let mut r = example();
    if let Some(p) = r.purpose.as_mut() {
        scale_part(&mut p.paragraphs, &mut p.subsections, k);
    }
    let d = &mut r.dissemination;
    scale_part(&mut d.paragraphs, &mut d.subsections, k);
    for c in outline_parts(&mut r) {
        scale_part(c.paragraphs, c.subsections, k);
    }
    r
}

/// The example as reported by district `i` of a province.
pub fn district(i: usize) -> Report {
    district_from(&example(), i)
}

/// `base` as reported by district `i`.
pub fn district_from(base: &Report, i: usize) -> Report {
    let mut r = base.clone();
    r.frame.number = Some(100 + i as i64);
    r.frame.issuer.organ = Text::new(format!("HUYỆN ỦY SỐ {i}"));
    r.frame.place = Text::new(format!("Huyện {i}"));
    r.frame.signature.name = Text::new(format!("Nguyễn Văn {i}"));
    r
}

/// Words for the 18-page workload's prose.
const WORDS: &[&str] = &[
    "công", "tác", "chăm", "sóc", "giáo", "dục", "và", "bảo", "vệ", "trẻ", "em", "trên", "địa", "bàn", "huyện", "được",
    "cấp", "ủy", "chính", "quyền", "quan", "tâm", "lãnh", "đạo", "chỉ", "thực", "hiện", "có", "hiệu", "quả",
];

/// The 18-page workload: the example's frame, 150 justified paragraphs of about
/// 60 Vietnamese words, and a 12 × 10 table of figures.
pub fn eighteen_pages() -> Report {
    let mut r = example();
    r.purpose = None;
    r.statistics.clear();
    let paragraph = |i: usize| {
        let words: Vec<&str> = (0..60).map(|j| WORDS[(i * 7 + j * 3) % WORDS.len()]).collect();
        Block::Paragraph(Text::new(format!("{} {i}.", words.join(" "))))
    };
    r.dissemination.paragraphs = (0..150).map(paragraph).collect();
    r.dissemination.subsections.clear();
    let header: Vec<Text> =
        (0..10).map(|c| Text::new(if c == 0 { "Xã".to_string() } else { format!("Năm {}", 2011 + c) })).collect();
    let rows = (0..12)
        .map(|row| {
            (0..10)
                .map(|c| {
                    if c == 0 {
                        Cell::from(format!("Xã số {row}").as_str())
                    } else {
                        Cell::Number((row * 1000 + c * 37) as f64)
                    }
                })
                .collect()
        })
        .collect();
    r.dissemination.paragraphs.push(Block::Table(Box::new(Table {
        caption: Some(Text::new("Bảng số liệu")),
        unit: None,
        header,
        rows,
        decimals: vec![],
        source: None,
    })));
    r
}

/// The 18-page workload in the shape the issue measured: the 150 paragraphs and
/// the table, and every other part of the outline cut to the one sentence
/// validation asks for (20 pages in LibreOffice; `eighteen_pages` keeps the
/// example's other parts and is 24).
pub fn eighteen_pages_minimal() -> Report {
    let mut r = eighteen_pages();
    let one = || vec![Block::Paragraph(Text::new("Đã thực hiện theo kế hoạch."))];
    r.results.paragraphs = one();
    for c in outline_parts(&mut r) {
        *c.paragraphs = one();
        c.subsections.clear();
        if let Some(n) = c.nothing_to_report {
            *n = None;
        }
    }
    r
}

/// The example with its dissemination paragraphs repeated `times` over (46: 20
/// pages in LibreOffice): the document the reader's and checker's benches time.
pub fn more_dissemination(times: usize) -> Report {
    let mut report = example();
    scale_blocks(&mut report.dissemination.paragraphs, times);
    report
}
