//! Inputs shared by the benchmarks.
#![allow(dead_code)]

use baocao_core::{parse, Block, Format, Part, Report, Text};

pub fn example() -> Report {
    parse(include_str!("../../../../examples/bao-cao-huyen-hoa-lam.yaml"), Format::Yaml).expect("example")
}

fn scale_blocks(blocks: &mut Vec<Block>, k: usize) {
    let copy = blocks.clone();
    for _ in 1..k {
        blocks.extend(copy.iter().cloned());
    }
}

fn scale_part(p: &mut Part, k: usize) {
    scale_blocks(&mut p.paragraphs, k);
    for s in &mut p.subsections {
        scale_blocks(&mut s.paragraphs, k);
    }
}

/// The example with every section's prose repeated `k` times.
pub fn scaled(k: usize) -> Report {
    let mut r = example();
    if let Some(p) = r.purpose.as_mut() {
        scale_part(p, k);
    }
    scale_part(&mut r.dissemination, k);
    let res = &mut r.results;
    for a in [
        &mut res.leadership,
        &mut res.communication,
        &mut res.legislation,
        &mut res.programmes,
        &mut res.resources,
        &mut res.participation,
    ] {
        scale_blocks(&mut a.paragraphs, k);
        for s in &mut a.subsections {
            scale_blocks(&mut s.paragraphs, k);
        }
    }
    scale_blocks(&mut res.coordination.paragraphs, k);
    let d = &mut res.coordination.disasters_epidemics;
    scale_blocks(&mut d.paragraphs, k);
    for s in &mut d.subsections {
        scale_blocks(&mut s.paragraphs, k);
    }
    let s = &mut r.shortcomings;
    for p in [&mut s.limitations, &mut s.objective_causes, &mut s.subjective_causes, &mut s.lessons] {
        scale_part(p, k);
    }
    let o = &mut r.outlook;
    for p in [&mut o.difficulties, &mut o.directions, &mut o.recommendations] {
        scale_part(p, k);
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
    r.frame.number = 100 + i as i64;
    r.frame.issuer.organ = Text::new(format!("HUYỆN ỦY SỐ {i}"));
    r.frame.place = Text::new(format!("Huyện {i}"));
    r.frame.signature.name = Text::new(format!("Nguyễn Văn {i}"));
    r
}
