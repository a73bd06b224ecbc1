//! One test per validation rule: each asserts the machine code and the field path.

use baocao_core::{parse, problems, Block, Code, Context, Format, IssueDate, Lang, Report, Text, Value};
use chrono::NaiveDate;

fn example() -> Report {
    parse(include_str!("../../../examples/bao-cao-huyen-hoa-lam.yaml"), Format::Yaml).expect("example parses")
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

/// The (code, path) pairs of a report's problems, with "today" = 2022-03-01.
fn found(r: &Report) -> Vec<(Code, String)> {
    let ctx = Context { today: Some(date(2022, 3, 1)) };
    problems(r, &ctx).into_iter().map(|p| (p.code, p.path)).collect()
}

fn assert_only(r: &Report, expected: &[(Code, &str)]) {
    let got = found(r);
    let want: Vec<(Code, String)> = expected.iter().map(|(c, p)| (*c, p.to_string())).collect();
    assert_eq!(got, want);
}

#[test]
fn example_has_no_problems() {
    assert_only(&example(), &[]);
}

#[test]
fn empty_required_texts() {
    let mut r = example();
    r.frame.issuer.organ = Text::new("  ");
    r.frame.signature.position = Text::new("");
    r.frame.signature.name = Text::new("");
    r.frame.place = Text::new("");
    assert_only(
        &r,
        &[
            (Code::Empty, "frame.issuer.organ"),
            (Code::Empty, "frame.place"),
            (Code::Empty, "frame.signature.position"),
            (Code::Empty, "frame.signature.name"),
        ],
    );
}

#[test]
fn empty_paragraph_is_reported_with_its_index() {
    let mut r = example();
    r.results.coordination.paragraphs.push(Block::Paragraph(Text::new("")));
    assert_only(&r, &[(Code::Empty, "results.coordination.paragraphs[2]")]);
}

#[test]
fn empty_sections() {
    let mut r = example();
    r.dissemination = Default::default();
    r.shortcomings.lessons = Default::default();
    r.results.coordination.disasters_epidemics = Default::default();
    assert_only(
        &r,
        &[
            (Code::SectionEmpty, "dissemination"),
            (Code::SectionEmpty, "results.coordination.disasters_epidemics"),
            (Code::SectionEmpty, "shortcomings.lessons"),
        ],
    );
}

#[test]
fn area_needs_content_or_nothing_to_report() {
    let mut r = example();
    r.results.resources = Default::default();
    r.results.leadership.nothing_to_report = Some(Text::new("Không có."));
    r.results.international.nothing_to_report = Some(Text::new(" "));
    assert_only(
        &r,
        &[
            (Code::AreaContradiction, "results.leadership.nothing_to_report"),
            (Code::AreaEmpty, "results.resources"),
            (Code::Empty, "results.international.nothing_to_report"),
        ],
    );
}

#[test]
fn dates() {
    let mut r = example();
    r.frame.date = date(2021, 12, 23).into();
    assert_only(&r, &[(Code::DateTooEarly, "frame.date")]);
    r.frame.date = date(2021, 12, 24).into();
    assert_only(&r, &[]);
    r.frame.date = date(2022, 3, 2).into();
    assert_only(&r, &[(Code::DateInFuture, "frame.date")]);
    // Without "today" the future rule is skipped: the library never reads the clock.
    assert!(problems(&r, &Context::default()).is_empty());
}

#[test]
fn a_date_the_office_completes_is_judged_by_what_is_given() {
    let mut r = example();
    // December 2021 may still be after 24/12/2021; the year 2021 too.
    r.frame.date = IssueDate::year_month(2021, 12).expect("month");
    assert_only(&r, &[]);
    r.frame.date = IssueDate::year_only(2021);
    assert_only(&r, &[]);
    r.frame.date = IssueDate::year_month(2021, 11).expect("month");
    assert_only(&r, &[(Code::DateTooEarly, "frame.date")]);
    let p = &problems(&r, &Context::default())[0];
    assert_eq!(
        p.message(Lang::Vi),
        "ngày ban hành tháng 11/2021 trước ngày của Công văn số 807-CV/TU (24/12/2021) yêu cầu báo cáo"
    );
    // "Today" is 01/03/2022 in these tests: March 2022 may be today; April cannot.
    r.frame.date = IssueDate::year_month(2022, 3).expect("month");
    assert_only(&r, &[]);
    r.frame.date = IssueDate::year_month(2022, 4).expect("month");
    assert_only(&r, &[(Code::DateInFuture, "frame.date")]);
    r.frame.date = IssueDate::year_only(2023);
    assert_only(&r, &[(Code::DateInFuture, "frame.date")]);
    let ctx = Context { today: Some(date(2022, 3, 1)) };
    assert_eq!(problems(&r, &ctx)[0].message(Lang::En), "date of issue 2023 is in the future (today is 01/3/2022)");
}

#[test]
fn the_number_may_be_left_for_the_office() {
    let mut r = example();
    r.frame.number = None;
    assert_only(&r, &[]);
}

#[test]
fn number_must_be_positive() {
    let mut r = example();
    r.frame.number = Some(0);
    assert_only(&r, &[(Code::NumberNotPositive, "frame.number")]);
    r.frame.number = Some(-3);
    assert_only(&r, &[(Code::NumberNotPositive, "frame.number")]);
}

#[test]
fn organ_code() {
    let mut r = example();
    r.frame.issuer.organ_code = Text::new("H/U");
    assert_only(&r, &[(Code::InvalidOrganCode, "frame.issuer.organ_code")]);
    r.frame.issuer.organ_code = Text::new("ĐU");
    assert_only(&r, &[]);
}

#[test]
fn recipients() {
    let mut r = example();
    r.frame.recipients.clear();
    assert_only(&r, &[(Code::NoRecipients, "frame.recipients")]);
    let mut r = example();
    r.frame.recipients.swap(0, 5);
    assert_only(&r, &[(Code::ArchiveNotLast, "frame.recipients[0]"), (Code::ArchiveNotLast, "frame.recipients[5]")]);
    let mut r = example();
    r.frame.recipients.pop();
    assert_only(&r, &[(Code::ArchiveNotLast, "frame.recipients[4]")]);
}

#[test]
fn authority_and_urgency() {
    let mut r = example();
    r.frame.signature.authority = Text::new("TM.");
    r.frame.urgency = Some(Text::new("GẤP"));
    assert_only(&r, &[(Code::InvalidAuthority, "frame.signature.authority"), (Code::InvalidUrgency, "frame.urgency")]);
    for a in ["T/M", "K/T", "T/L"] {
        r.frame.signature.authority = Text::new(a);
        r.frame.urgency = Some(Text::new("HỎA TỐC"));
        assert_only(&r, &[]);
    }
}

#[test]
fn xml_invalid_characters_name_the_field() {
    let mut r = example();
    r.frame.signature.name = Text::new("Hoàng\u{1}Đức");
    r.outlook.difficulties.paragraphs.push(Block::Paragraph(Text::new("x\u{FFFE}")));
    assert_only(
        &r,
        &[
            (Code::InvalidCharacter, "frame.signature.name"),
            (Code::InvalidCharacter, "outlook.difficulties.paragraphs[1]"),
        ],
    );
}

#[test]
fn unbalanced_emphasis() {
    let mut r = example();
    r.purpose = Some(baocao_core::Part {
        paragraphs: vec![Block::Paragraph(Text::new("đạt **100% kế hoạch"))],
        subsections: vec![],
    });
    assert_only(&r, &[(Code::UnbalancedEmphasis, "purpose.paragraphs[0]")]);
}

#[test]
fn tables() {
    let mut r = example();
    let Block::Table(t) = &mut r.results.programmes.paragraphs[2] else { panic!("table expected") };
    t.rows[0].pop();
    assert_only(&r, &[(Code::RaggedRow, "results.programmes.paragraphs[2].table.rows[0]")]);
    let Block::Table(t) = &mut r.results.programmes.paragraphs[2] else { panic!("table expected") };
    t.rows.clear();
    assert_only(&r, &[(Code::TableEmpty, "results.programmes.paragraphs[2].table.rows")]);
}

#[test]
fn statistics_rules() {
    let mut r = example();
    let t = &mut r.statistics[0];
    t.groups[0].indicators[0].values[1] = Value::Number(f64::NAN);
    t.groups[0].indicators[1].values[0] = Value::Number(f64::INFINITY);
    t.groups[0].indicators[2].values[2] = Value::Number(100.5);
    t.groups[1].indicators[0].values[0] = Value::Number(-1.0);
    t.groups[2].indicators[0].values.push(Value::Number(5.0));
    assert_only(
        &r,
        &[
            (Code::NotFinite, "statistics[0].groups[0].indicators[0].values[1]"),
            (Code::NotFinite, "statistics[0].groups[0].indicators[1].values[0]"),
            (Code::PercentOutOfRange, "statistics[0].groups[0].indicators[2].values[2]"),
            (Code::PercentOutOfRange, "statistics[0].groups[1].indicators[0].values[0]"),
            (Code::TooManyValues, "statistics[0].groups[2].indicators[0].values"),
        ],
    );
}

#[test]
fn statistics_years() {
    let mut r = example();
    r.statistics[0].years[0] = 2011;
    r.statistics[0].years[9] = 2023;
    assert_only(
        &r,
        &[(Code::YearOutOfRange, "statistics[0].years[0]"), (Code::YearOutOfRange, "statistics[0].years[9]")],
    );
    let mut r = example();
    r.statistics[0].years[3] = 2014;
    assert_only(&r, &[(Code::YearsNotIncreasing, "statistics[0].years[3]")]);
}

#[test]
fn every_problem_is_reported_at_once() {
    let mut r = example();
    r.frame.number = Some(0);
    r.frame.recipients.clear();
    r.results.participation = Default::default();
    r.statistics[0].years[0] = 1999;
    assert_eq!(found(&r).len(), 4);
    let err = baocao_core::validate(&r, &Context::default()).unwrap_err();
    let text = err.to_string();
    assert!(text.contains("frame.number: số văn bản phải là số dương, đang là 0 [number_not_positive]"), "{text}");
    assert_eq!(text.lines().count(), 4);
    let en = err.lines(baocao_core::Lang::En);
    assert!(en.contains("frame.number: the document number must be positive, got 0 [number_not_positive]"), "{en}");
    assert_eq!(en.lines().count(), 4);
}

#[test]
fn every_problem_has_a_vietnamese_and_an_english_message() {
    let mut r = example();
    r.frame.number = Some(0);
    r.frame.recipients.clear();
    r.frame.signature.authority = "X".into();
    r.results.participation = Default::default();
    r.statistics[0].years[0] = 1999;
    r.statistics[0].years[1] = 1999;
    for p in baocao_core::problems(&r, &Context::default()) {
        let (vi, en) = (p.message(baocao_core::Lang::Vi), p.message(baocao_core::Lang::En));
        assert_ne!(vi, en, "{}: one text for both languages", p.path);
        assert!(!vi.is_empty() && !en.is_empty());
    }
}

#[test]
fn references_titles_units_sources_numbered_and_cells_all_at_once() {
    use baocao_core::{Cell, Heading, Table};
    let mut r = example();
    r.frame.references = vec![Text::new("Kế hoạch số 34-KH/ThU"), Text::new(" "), Text::new("Kế hoạch\nsố 2")];
    r.frame.issuer.province = Some(Text::new("Phú\nYên"));
    r.results.leadership.title = Some(Text::new(""));
    r.results.communication.title = Some(Text::new("Công tác tuyên truyền\nvà vận động"));
    r.results.coordination.title = Some(Text::new(" "));
    r.results.coordination.coordination_title = Some(Heading::Text(Text::new("")));
    r.results.coordination.disasters_epidemics.title = Some(Text::new("Dòng một\r\nDòng hai"));
    r.results.resources.paragraphs.push(Block::Numbered(vec![]));
    r.results.resources.paragraphs.push(Block::Table(Box::new(Table {
        caption: None,
        unit: Some(Text::new("   ")),
        header: vec![Text::new("Xã"), Text::new("Số trẻ em")],
        rows: vec![vec![Cell::from("Hòa An"), Cell::Number(f64::NAN)], vec![Cell::Empty, Cell::Number(f64::INFINITY)]],
        decimals: vec![None, Some(1), Some(2)],
        source: Some(Text::new("  ")),
    })));
    r.statistics[0].source = Some(Text::new(" \t "));
    r.statistics[1].unit = None; // its indicators have no unit of their own
    assert_only(
        &r,
        &[
            (Code::LineBreak, "frame.issuer.province"),
            (Code::Empty, "frame.references[1]"),
            (Code::LineBreak, "frame.references[2]"),
            (Code::Empty, "results.leadership.title"),
            (Code::LineBreak, "results.communication.title"),
            (Code::Empty, "results.coordination.title"),
            (Code::Empty, "results.coordination.coordination_title"),
            (Code::LineBreak, "results.coordination.disasters_epidemics.title"),
            (Code::Empty, "results.resources.paragraphs[3].numbered"),
            (Code::Empty, "results.resources.paragraphs[4].table.unit"),
            (Code::Empty, "results.resources.paragraphs[4].table.source"),
            (Code::RaggedRow, "results.resources.paragraphs[4].table.decimals"),
            (Code::NotFinite, "results.resources.paragraphs[4].table.rows[0][1]"),
            (Code::NotFinite, "results.resources.paragraphs[4].table.rows[1][1]"),
            (Code::Empty, "statistics[0].source"),
            (Code::Empty, "statistics[1].groups[0].indicators[0].unit"),
            (Code::Empty, "statistics[1].groups[0].indicators[1].unit"),
            (Code::Empty, "statistics[1].groups[0].indicators[2].unit"),
            (Code::Empty, "statistics[1].groups[0].indicators[3].unit"),
        ],
    );
}

#[test]
fn a_table_unit_makes_percent_indicators_percentages() {
    let mut r = example();
    let t = &mut r.statistics[1];
    t.unit = Some(Text::new("%"));
    assert_only(
        &r,
        &[
            (Code::PercentOutOfRange, "statistics[1].groups[0].indicators[0].values[0]"),
            (Code::PercentOutOfRange, "statistics[1].groups[0].indicators[0].values[1]"),
            (Code::PercentOutOfRange, "statistics[1].groups[0].indicators[0].values[2]"),
            (Code::PercentOutOfRange, "statistics[1].groups[0].indicators[0].values[3]"),
            (Code::PercentOutOfRange, "statistics[1].groups[0].indicators[0].values[4]"),
            (Code::PercentOutOfRange, "statistics[1].groups[0].indicators[1].values[0]"),
            (Code::PercentOutOfRange, "statistics[1].groups[0].indicators[1].values[1]"),
            (Code::PercentOutOfRange, "statistics[1].groups[0].indicators[1].values[2]"),
            (Code::PercentOutOfRange, "statistics[1].groups[0].indicators[1].values[3]"),
            (Code::PercentOutOfRange, "statistics[1].groups[0].indicators[1].values[4]"),
            (Code::PercentOutOfRange, "statistics[1].groups[0].indicators[2].values[0]"),
            (Code::PercentOutOfRange, "statistics[1].groups[0].indicators[2].values[1]"),
            (Code::PercentOutOfRange, "statistics[1].groups[0].indicators[2].values[2]"),
            (Code::PercentOutOfRange, "statistics[1].groups[0].indicators[2].values[3]"),
            (Code::PercentOutOfRange, "statistics[1].groups[0].indicators[2].values[4]"),
            (Code::PercentOutOfRange, "statistics[1].groups[0].indicators[3].values[1]"),
            (Code::PercentOutOfRange, "statistics[1].groups[0].indicators[3].values[2]"),
            (Code::PercentOutOfRange, "statistics[1].groups[0].indicators[3].values[3]"),
            (Code::PercentOutOfRange, "statistics[1].groups[0].indicators[3].values[4]"),
        ],
    );
}

#[test]
fn new_input_shapes_parse_from_every_format() {
    use baocao_core::{Cell, Heading};
    let json = r#"[["Hòa An", 1200, 95.5, null, "-", "NaN"]]"#;
    let rows: Vec<Vec<Cell>> = serde_json::from_str(json).expect("cells");
    assert_eq!(
        rows[0][..5],
        [Cell::from("Hòa An"), Cell::Number(1200.0), Cell::Number(95.5), Cell::Empty, Cell::Empty]
    );
    assert!(matches!(rows[0][5], Cell::Number(n) if n.is_nan()), "NaN from Python reaches validation");
    let h: Heading = serde_json::from_str("false").expect("false");
    assert_eq!(h, Heading::Omitted);
    let err = serde_json::from_str::<Heading>("true").expect_err("true is not a heading");
    assert!(err.to_string().contains("false for no heading"), "{err}");
    // The example round-trips through every format, the new fields included.
    let r = example();
    for f in [Format::Json, Format::Yaml, Format::Toml] {
        let text = baocao_core::write(&r, f).expect("writes");
        assert_eq!(parse(&text, f).expect("parses back"), r, "{f:?}");
    }
}
