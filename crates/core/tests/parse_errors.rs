//! Parse errors name the key, its path and the position in every format.

use baocao_core::{parse, write, Format, Lang, Report};
use unicode_normalization::UnicodeNormalization;

const EXAMPLE: &str = include_str!("../../../examples/bao-cao-huyen-hoa-lam.yaml");

fn example() -> Report {
    parse(EXAMPLE, Format::Yaml).expect("example parses")
}

#[test]
fn unknown_key_names_key_and_path_in_every_format() {
    let r = example();
    for f in [Format::Json, Format::Yaml, Format::Toml] {
        let text = write(&r, f).expect("write");
        let bad = match f {
            Format::Json => text.replacen("\"organ_code\"", "\"organ_cod\"", 1),
            Format::Yaml => text.replacen("organ_code:", "organ_cod:", 1),
            Format::Toml => text.replacen("organ_code =", "organ_cod =", 1),
        };
        let e = parse(&bad, f).expect_err("unknown key");
        assert!(e.message(Lang::En).contains("unknown field `organ_cod`"), "{f:?}: {e}");
        assert_eq!(e.path.as_deref(), Some("frame.issuer.organ_cod"), "{f:?}: {e}");
        assert!(e.line.is_some(), "{f:?} has no line: {e}");
    }
}

#[test]
fn unknown_block_kind_is_named() {
    let bad = EXAMPLE.replacen("- list:", "- lists:", 1);
    let e = parse(&bad, Format::Yaml).expect_err("unknown block");
    assert!(e.message(Lang::En).contains("unknown field `lists`"), "{e}");
    assert_eq!(e.path.as_deref(), Some("dissemination.subsections[0].paragraphs[3]"));
}

#[test]
fn a_ninth_area_is_rejected() {
    let bad = EXAMPLE.replacen("  participation:", "  sports:\n    paragraphs: [x]\n  participation:", 1);
    let e = parse(&bad, Format::Yaml).expect_err("ninth area");
    assert!(e.message(Lang::En).contains("unknown field `sports`"), "{e}");
    assert_eq!(e.path.as_deref(), Some("results.sports"));
}

#[test]
fn a_missing_area_is_rejected() {
    let json = write(&example(), Format::Json).expect("json");
    let mut v: serde_json::Value = serde_json::from_str(&json).expect("json");
    v["results"].as_object_mut().expect("object").remove("legislation");
    let e = parse(&v.to_string(), Format::Json).expect_err("missing area");
    assert!(e.message(Lang::En).contains("missing field `legislation`"), "{e}");
    assert_eq!(e.path.as_deref(), Some("results"));
}

#[test]
fn syntax_errors_have_line_and_column() {
    let e = parse("{\n  \"frame\": {,\n}", Format::Json).expect_err("syntax");
    assert_eq!((e.line, e.column), (Some(2), Some(13)));
    let e = parse("frame:\n  issuer: [\n", Format::Yaml).expect_err("syntax");
    assert!(e.line.is_some(), "{e}");
    let e = parse("frame = {\nx = 1", Format::Toml).expect_err("syntax");
    assert!(e.line.is_some() && e.column.is_some(), "{e}");
}

#[test]
fn wrong_types_are_named() {
    let bad = EXAMPLE.replacen("number: 125", "number: \"một trăm\"", 1);
    let e = parse(&bad, Format::Yaml).expect_err("type");
    assert_eq!(e.path.as_deref(), Some("frame.number"));
    let bad = EXAMPLE.replacen("date: 2022-02-15", "date: 2022-02-30", 1);
    let e = parse(&bad, Format::Yaml).expect_err("date");
    assert_eq!(e.path.as_deref(), Some("frame.date"));
    assert!(e.message(Lang::En).contains("not a valid date"), "{e}");
    let bad = EXAMPLE.replacen("[3, 2, 4,", "[3, \"2,5\", 4,", 1);
    let e = parse(&bad, Format::Yaml).expect_err("value");
    assert!(e.message(Lang::En).contains("is not a number"), "{e}");
    assert_eq!(e.path.as_deref(), Some("statistics[0].groups[2].indicators[0].values[1]"));
}

#[test]
fn nfd_input_is_stored_as_nfc() {
    let nfd: String = EXAMPLE.nfd().collect();
    assert_ne!(nfd, EXAMPLE);
    let from_nfd = parse(&nfd, Format::Yaml).expect("nfd parses");
    assert_eq!(from_nfd, example());
    assert_eq!(from_nfd.frame.issuer.organ.as_str(), "HUYỆN ỦY HÒA LÂM");
}

#[test]
fn line_breaks_in_prose_are_kept() {
    let src =
        EXAMPLE.replacen("- \"Kết quả quán triệt trong giai đoạn 2012 - 2021:\"", "- \"Dòng một\\nDòng hai\\tcột\"", 1);
    let r = parse(&src, Format::Yaml).expect("parses");
    let baocao_core::Block::Paragraph(t) = &r.dissemination.subsections[0].paragraphs[2] else { panic!() };
    assert_eq!(t.as_str(), "Dòng một\nDòng hai\tcột");
}

#[test]
fn schema_describes_the_input() {
    let schema: serde_json::Value = serde_json::from_str(&baocao_core::json_schema()).expect("schema is JSON");
    assert_eq!(schema["additionalProperties"], serde_json::json!(false));
    let required: Vec<&str> =
        schema["required"].as_array().expect("required").iter().filter_map(|v| v.as_str()).collect();
    assert_eq!(required, ["frame", "dissemination", "results", "shortcomings", "outlook"]);
    assert!(schema["$defs"]["KeyTasks"]["required"].as_array().expect("areas").len() == 8);
}

#[test]
fn yaml_aliases_cannot_expand_past_the_input_limit() {
    // 1 MiB named 64 times: 64 MiB once expanded, from 1 MiB of input.
    let big = "x".repeat(1 << 20);
    let mut yaml = format!("frame: &a \"{big}\"\nother:\n");
    for _ in 0..64 {
        yaml.push_str("  - *a\n");
    }
    let started = std::time::Instant::now();
    let err = baocao_core::parse(&yaml, baocao_core::Format::Yaml).expect_err("refused");
    assert!(err.message(Lang::En).starts_with("input too large: with its aliases"), "{}", err.message(Lang::En));
    assert!(err.line.is_some());
    // Refused while measuring, long before 64 MiB of strings would be built.
    assert!(started.elapsed() < std::time::Duration::from_secs(30));
    // A few aliases of small nodes are fine (the usual error for the shape follows).
    let ok = "frame: &f {a: 1}\nx: *f\n";
    let err = baocao_core::parse(ok, baocao_core::Format::Yaml).expect_err("not a report");
    assert!(!err.message(Lang::En).contains("too large"), "{}", err.message(Lang::En));
}
