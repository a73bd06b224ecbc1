//! A province of 15 generated units (13 report, two are missing): some read back
//! from their .docx, some from data; indicators worded differently with and
//! without aliases, a unit without 2012, a unit in nghìn đồng, rates with and
//! without a base. Totals are checked against a computation made here, apart from
//! the crate's; nothing unmatched is lost; the workbook is deterministic; the
//! draft validates and renders.

use baocao_consolidate::{consolidate, RowKind, Unit, Units, UnmatchedReason};
use baocao_core::{parse, Format, Report, Text, Value};

const UNITS: usize = 15;
const GIVEN: usize = 13;

fn example() -> Report {
    parse(include_str!("../../../examples/bao-cao-huyen-hoa-lam.yaml"), Format::Yaml).expect("example")
}

/// The organ of unit `i`.
fn organ(i: usize) -> String {
    format!("HUYỆN ỦY SỐ {}", i + 1)
}

/// How much bigger unit `i` is than the example.
fn size(i: usize) -> f64 {
    0.5 + i as f64 * 0.1
}

/// What unit `i` reports (the example's figures scaled; names and units varied).
fn unit_report(i: usize) -> Report {
    let mut r = example();
    r.frame.issuer.organ = Text::new(organ(i));
    r.frame.number = Some(100 + i as i64);
    let k = size(i);
    for table in &mut r.statistics {
        for group in &mut table.groups {
            for ind in &mut group.indicators {
                let rate = ind.unit.as_ref().is_some_and(|u| u.as_str() == "%");
                for v in &mut ind.values {
                    if let Value::Number(x) = v {
                        *x = if rate { (*x - i as f64 * 0.5).clamp(0.0, 100.0) } else { (*x * k).round() };
                    }
                }
                match (ind.name.as_str(), i) {
                    // Worded differently; an alias covers it.
                    ("Tổng số trẻ em dưới 16 tuổi", 2 | 5) => ind.name = Text::new("Số trẻ em dưới 16 tuổi"),
                    // Spacing, case and punctuation do not count.
                    ("Số trẻ em bị đuối nước", 3) => ind.name = Text::new("SỐ TRẺ EM  BỊ ĐUỐI NƯỚC."),
                    // Worded differently, no alias: never summed into the other.
                    ("Số điểm vui chơi cho trẻ em", 4) => {
                        ind.name = Text::new("Số điểm vui chơi, giải trí cho trẻ em")
                    }
                    // Money in nghìn đồng: converted.
                    ("Kinh phí cho công tác trẻ em", 6) => {
                        ind.unit = Some(Text::new("nghìn đồng"));
                        for v in &mut ind.values {
                            if let Value::Number(x) = v {
                                *x *= 1000.0;
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    // A unit without figures for 2012.
    if i == 7 {
        let t = &mut r.statistics[0];
        t.years.remove(0);
        for g in &mut t.groups {
            for ind in &mut g.indicators {
                ind.values.remove(0);
            }
        }
    }
    r
}

fn units_config() -> Units {
    let text = format!(
        "units:\n{}aliases:\n  Tổng số trẻ em dưới 16 tuổi: [Số trẻ em dưới 16 tuổi]\nbases:\n  Tỷ lệ trẻ em có hoàn cảnh đặc biệt được trợ giúp: Trẻ em có hoàn cảnh đặc biệt\n",
        (0..UNITS).map(|i| format!("  - organ: {}\n    name: Đơn vị {}\n", organ(i), i + 1)).collect::<String>()
    );
    Units::parse(&text, Format::Yaml).expect("units.yaml")
}

/// The units as the command reads them: odd ones from their rendered .docx.
fn given() -> Vec<Unit> {
    let config = units_config();
    (0..GIVEN)
        .map(|i| {
            let report = unit_report(i);
            let report = if i % 2 == 1 {
                let bytes = baocao_docx::render(&report, &baocao_docx::RenderOptions::default()).expect("renders");
                let back = baocao_read::extract(&bytes).expect("reads");
                assert!(back.problems.is_empty(), "unit {i}: {:?}", back.problems);
                back.report
            } else {
                report
            };
            Unit { name: config.name_of(report.frame.issuer.organ.as_str()), source: format!("{i}"), report }
        })
        .collect()
}

/// The figure of `name` for `year` in unit `i`'s own report, as generated.
fn figure(i: usize, table: usize, name: &str, year: i32) -> Option<(f64, Option<String>)> {
    let r = unit_report(i);
    let t = &r.statistics[table];
    let y = t.years.iter().position(|x| *x == year)?;
    t.groups
        .iter()
        .flat_map(|g| &g.indicators)
        .find(|ind| ind.name.as_str() == name)
        .and_then(|ind| ind.values[y].number().map(|v| (v, t.unit_of(ind).map(|u| u.to_string()))))
}

fn row<'a>(c: &'a baocao_consolidate::Consolidation, table: usize, name: &str) -> &'a baocao_consolidate::TotalRow {
    c.tables[table]
        .groups
        .iter()
        .flat_map(|g| &g.rows)
        .find(|r| r.name == name)
        .unwrap_or_else(|| panic!("no row {name}"))
}

#[test]
fn totals_equal_a_computation_made_apart() {
    let c = consolidate(&given(), &units_config()).expect("distinct units");
    assert_eq!(c.expected, UNITS);
    assert_eq!(c.missing, ["Đơn vị 14", "Đơn vị 15"]);
    let years = &c.tables[0].years;
    assert_eq!(years.first(), Some(&2012));
    for (k, year) in years.iter().enumerate() {
        // A count, two units wording it otherwise (alias).
        let expected: f64 = (0..GIVEN)
            .filter_map(|i| {
                figure(i, 0, "Tổng số trẻ em dưới 16 tuổi", *year)
                    .or_else(|| figure(i, 0, "Số trẻ em dưới 16 tuổi", *year))
            })
            .map(|(v, _)| v)
            .sum();
        let total = &row(&c, 0, "Tổng số trẻ em dưới 16 tuổi").totals[k];
        assert_eq!(total.value, Some(expected), "{year}");
        // Unit 8 has no 2012: 12 units that year, all 13 after.
        assert_eq!(total.units, if *year == 2012 { GIVEN - 1 } else { GIVEN }, "{year}");
        assert_eq!(c.coverage(total).as_deref(), Some(format!("{}/15 đơn vị", total.units).as_str()));

        // Money: unit 7 in nghìn đồng, converted to triệu đồng.
        let money: f64 = (0..GIVEN)
            .filter_map(|i| figure(i, 0, "Kinh phí cho công tác trẻ em", *year))
            .map(|(v, unit)| if unit.as_deref() == Some("nghìn đồng") { v / 1000.0 } else { v })
            .sum();
        let got = row(&c, 0, "Kinh phí cho công tác trẻ em").totals[k].value.expect("money");
        assert!((got - money).abs() < 1e-6, "{year}: {got} against {money}");

        // A rate with a base: Σ rate × base / Σ base.
        let (mut num, mut den) = (0.0, 0.0);
        for i in 0..GIVEN {
            if let (Some((rate, _)), Some((base, _))) = (
                figure(i, 0, "Tỷ lệ trẻ em có hoàn cảnh đặc biệt được trợ giúp", *year),
                figure(i, 0, "Trẻ em có hoàn cảnh đặc biệt", *year),
            ) {
                num += rate * base;
                den += base;
            }
        }
        let rate = row(&c, 0, "Tỷ lệ trẻ em có hoàn cảnh đặc biệt được trợ giúp");
        assert!(matches!(rate.kind, RowKind::WeightedMean { .. }));
        let got = rate.totals[k].value.expect("a weighted mean");
        assert!((got - num / den).abs() < 1e-9, "{year}");

        // A rate without a base: never summed, the range.
        let unbased = row(&c, 0, "Tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ");
        assert_eq!(unbased.kind, RowKind::Range);
        assert_eq!(unbased.totals[k].value, None);
        let values: Vec<f64> = (0..GIVEN)
            .filter_map(|i| figure(i, 0, "Tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ", *year))
            .map(|(v, _)| v)
            .collect();
        let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        assert_eq!(unbased.totals[k].range, Some((lo, hi)));
    }
    // An empty figure is not zero: 2020 of "Số vụ xâm hại trẻ em" is "-" everywhere.
    let k2020 = years.iter().position(|y| *y == 2020).expect("2020");
    let abuse = row(&c, 0, "Số vụ xâm hại trẻ em");
    assert_eq!(abuse.totals[k2020].value, None);
    assert_eq!(abuse.totals[k2020].units, 0);
    // Spacing, case and punctuation did not count: unit 4's wording is summed in.
    let drowned = row(&c, 0, "Số trẻ em bị đuối nước");
    assert_eq!(drowned.totals[k2020 + 1].units, GIVEN);
}

#[test]
fn nothing_unmatched_is_lost_or_summed_into_another() {
    let c = consolidate(&given(), &units_config()).expect("distinct units");
    let odd: Vec<_> = c.unmatched.iter().filter(|u| u.indicator == "Số điểm vui chơi, giải trí cho trẻ em").collect();
    assert_eq!(odd.len(), 1);
    assert_eq!(odd[0].unit, "Đơn vị 5");
    assert_eq!(odd[0].reason, UnmatchedReason::OnlyHere);
    assert_eq!(odd[0].likely.as_deref(), Some("Số điểm vui chơi cho trẻ em"));
    // Its figures are kept on their own row, not added to the other.
    let own = row(&c, 0, "Số điểm vui chơi, giải trí cho trẻ em");
    assert_eq!(own.totals[0].units, 1);
    let other = row(&c, 0, "Số điểm vui chơi cho trẻ em");
    assert_eq!(other.totals[1].units, GIVEN - 1); // 2013: unit 8 has no 2012
    assert!(!other.figures[4].present);
    // Conversions are listed.
    assert_eq!(c.conversions.len(), 1);
    assert_eq!((c.conversions[0].from.as_str(), c.conversions[0].to.as_str()), ("nghìn đồng", "triệu đồng"));
    // Every figure of every unit is somewhere in the consolidation.
    for (i, unit) in given().iter().enumerate() {
        let reported: usize = unit.report.statistics.iter().flat_map(|t| &t.groups).map(|g| g.indicators.len()).sum();
        let placed: usize =
            c.tables.iter().flat_map(|t| &t.groups).flat_map(|g| &g.rows).filter(|r| r.figures[i].present).count();
        assert_eq!(placed, reported, "unit {i}");
    }
}

#[test]
fn the_workbook_is_deterministic_and_holds_formulas_over_the_units_sheet() {
    let c = consolidate(&given(), &units_config()).expect("distinct units");
    let a = c.to_xlsx().expect("xlsx");
    let b = consolidate(&given(), &units_config()).expect("distinct units").to_xlsx().expect("xlsx");
    assert_eq!(a, b, "same input, same bytes");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&a)).expect("a zip");
    let mut sheet = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("xl/worksheets/sheet1.xml").expect("totals sheet"), &mut sheet)
        .expect("utf-8");
    assert!(sheet.contains("SUMPRODUCT('PL1 Từng đơn vị'!"), "sums are formulas over the units' sheet");
    assert!(sheet.contains("&lt;&gt;\"\""), "weighted means skip empty figures");
    assert!(sheet.contains("<pane"), "header rows frozen");
    let mut book = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("xl/workbook.xml").expect("workbook"), &mut book).expect("utf-8");
    for name in ["PL1 Từng đơn vị", "PL1 Tổng hợp", "PL2 Tổng hợp", "Ghi chú"] {
        assert!(book.contains(name), "{name}");
    }
}

#[test]
fn the_draft_validates_and_renders() {
    let mut config = units_config();
    config.frame = Some(example().frame);
    let c = consolidate(&given(), &config).expect("distinct units");
    let draft = c.draft().expect("a frame");
    baocao_core::validate(&draft, &baocao_core::Context { today: Some(chrono_today()) }).expect("validates");
    assert_eq!(draft.frame.draft.as_ref().map(|t| t.as_str()), Some("Dự thảo"));
    // Each unit's text under its name.
    let titles: Vec<&str> = draft.dissemination.subsections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(titles.len(), GIVEN);
    assert_eq!(titles[0], "Đơn vị 1");
    // The totals are its statistics.
    let first = &draft.statistics[0].groups[0].indicators[0];
    assert_eq!(first.values[1].number(), row(&c, 0, "Tổng số trẻ em dưới 16 tuổi").totals[1].value);
    let bytes = baocao_docx::render(&draft, &baocao_docx::RenderOptions::default()).expect("renders");
    assert!(bytes.starts_with(b"PK"));
    // No frame, no draft.
    assert!(consolidate(&given(), &units_config()).expect("distinct units").draft().is_err());
}

#[test]
fn two_reports_of_one_unit_are_refused() {
    let mut units = given();
    let again = Unit { name: units[3].name.clone(), source: "lan-2.docx".into(), report: units[3].report.clone() };
    units.push(again);
    let err = consolidate(&units, &units_config()).expect_err("the same unit twice");
    assert_eq!(
        err,
        baocao_consolidate::ConsolidateError::SameUnitTwice {
            unit: "Đơn vị 4".into(),
            sources: vec!["3".into(), "lan-2.docx".into()]
        }
    );
    assert!(err.describe(baocao_core::Lang::Vi).contains("cộng hai lần"));
}

fn chrono_today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2022, 3, 1).expect("date")
}
