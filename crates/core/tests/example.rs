//! The shipped example parses, validates, and survives JSON / YAML / TOML round trips.

use baocao_core::{parse, validate, write, AreaKey, Block, Context, Format};
use chrono::NaiveDate;

const EXAMPLE: &str = include_str!("../../../examples/bao-cao-huyen-hoa-lam.yaml");

#[test]
fn example_validates() {
    let r = parse(EXAMPLE, Format::Yaml).expect("parses");
    let today = NaiveDate::from_ymd_opt(2022, 2, 15);
    if let Err(e) = validate(&r, &Context { today }) {
        panic!("example does not validate:\n{e}");
    }
    assert_eq!(r.frame.number, Some(125));
    assert_eq!(r.statistics[0].groups.iter().map(|g| g.indicators.len()).sum::<usize>(), 16);
    assert!(r.results.international.nothing_to_report.is_some());
    assert_eq!(AreaKey::ALL.len(), 8);
}

#[test]
fn round_trips_in_every_format() {
    let r = parse(EXAMPLE, Format::Yaml).expect("parses");
    for f in [Format::Json, Format::Yaml, Format::Toml] {
        let text = write(&r, f).unwrap_or_else(|e| panic!("{f:?}: {e}"));
        let back = parse(&text, f).unwrap_or_else(|e| panic!("{f:?}: {e}\n{text}"));
        assert_eq!(back, r, "{f:?} round trip changed the report");
    }
}

#[test]
fn toml_native_dates_are_accepted() {
    let r = parse(EXAMPLE, Format::Yaml).expect("parses");
    let text = write(&r, Format::Toml).expect("toml");
    let native = text.replace("date = \"2022-02-15\"", "date = 2022-02-15");
    assert_ne!(native, text, "the TOML output should carry the date as a string");
    assert_eq!(parse(&native, Format::Toml).expect("native date").frame.date, r.frame.date);
}

#[test]
fn paragraphs_are_strings_and_blocks_are_one_key_maps() {
    let r = parse(EXAMPLE, Format::Yaml).expect("parses");
    let json: serde_json::Value = serde_json::from_str(&write(&r, Format::Json).expect("json")).expect("json");
    assert!(json["dissemination"]["paragraphs"][0].is_string());
    let list = &json["dissemination"]["subsections"][0]["paragraphs"][3];
    assert!(list["list"].is_array(), "{list}");
    assert!(matches!(r.dissemination.subsections[0].paragraphs[3], Block::List(_)));
}

/// A level-2 heading the guideline does not have, under sections III and IV, is
/// reported as written (not as the lower-cased copy it was compared by), and read
/// into no part.
#[test]
fn unknown_headings_are_reported_as_written() {
    use baocao_core::numbering::Label;
    use baocao_core::outline::{rebuild, walk, Item};
    use std::borrow::Cow;
    let report =
        baocao_core::parse(include_str!("../../../examples/bao-cao-huyen-hoa-lam.yaml"), baocao_core::Format::Yaml)
            .expect("example");
    let mut items = Vec::new();
    walk(&report, &mut |item| items.push(item));
    let odd = |title: &'static str| Item::Heading { level: 2, label: Label::Number(9), title: Cow::Borrowed(title) };
    // Before the last two level-1 headings: the ends of III (shortcomings) and IV (outlook).
    let level1: Vec<usize> =
        items.iter().enumerate().filter(|(_, i)| matches!(i, Item::Heading { level: 1, .. })).map(|(k, _)| k).collect();
    let (iv, v) = (level1[level1.len() - 2], level1[level1.len() - 1]);
    items.insert(v, odd("Những Điều Cần Lưu Ý Thêm"));
    items.insert(iv, odd("Về Một Số Việc Khác"));
    let body = rebuild(items.into_iter().enumerate().map(|(at, i)| (i, at)).collect());
    let texts: Vec<&str> = body.unplaced.iter().map(|u| u.text.as_str()).collect();
    assert!(texts.contains(&"Về Một Số Việc Khác"), "{texts:?}");
    assert!(texts.contains(&"Những Điều Cần Lưu Ý Thêm"), "{texts:?}");
}
