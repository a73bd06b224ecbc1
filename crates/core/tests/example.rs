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
