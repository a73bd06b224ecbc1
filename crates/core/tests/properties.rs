//! Properties: validation and parsing never panic; serialise → parse is the identity.

use baocao_core::*;
use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;

fn text() -> impl Strategy<Value = Text> {
    prop_oneof![
        3 => "[a-zA-Z0-9 àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ,.*\\-\n\t]{0,24}",
        1 => any::<String>(),
    ]
    .prop_map(Text::from)
}

fn cell() -> impl Strategy<Value = Cell> {
    prop_oneof![
        // A text cell spelled "-" or as a non-finite number ("NaN", "inf") is read
        // back as the empty cell or a number: generate the canonical forms only.
        2 => text()
            .prop_filter("a cell's text other than \"-\" and non-finite spellings", |t| {
                !["-", "NaN", "nan", "inf", "+inf", "-inf"].contains(&t.trim())
            })
            .prop_map(Cell::Text),
        1 => (-1.0e12f64..1.0e12).prop_map(Cell::Number),
        1 => Just(Cell::Empty),
    ]
}

fn heading() -> impl Strategy<Value = Option<Heading>> {
    prop_oneof![Just(None), Just(Some(Heading::Omitted)), text().prop_map(|t| Some(Heading::Text(t)))]
}

fn block() -> impl Strategy<Value = Block> {
    let leaf = prop_oneof![
        4 => text().prop_map(Block::Paragraph),
        1 => prop::collection::vec(text(), 0..3).prop_map(Block::List),
        1 => prop::collection::vec(text(), 0..3).prop_map(Block::Numbered),
        1 => (
            (prop::option::of(text()), prop::option::of(text()), prop::option::of(text())),
            prop::collection::vec(text(), 0..3),
            prop::collection::vec(prop::collection::vec(cell(), 0..4), 0..3),
            prop::collection::vec(prop::option::of(0u8..4), 0..4),
        )
            .prop_map(|((caption, unit, source), header, rows, decimals)| Block::Table(Box::new(Table {
                caption,
                unit,
                header,
                rows,
                decimals,
                source
            }))),
    ];
    leaf.prop_recursive(2, 8, 3, |inner| {
        prop::collection::vec((text(), prop::collection::vec(inner, 0..2)), 0..3).prop_map(|v| {
            Block::Points(v.into_iter().map(|(heading, paragraphs)| Point { heading, paragraphs }).collect())
        })
    })
}

fn blocks() -> impl Strategy<Value = Vec<Block>> {
    prop::collection::vec(block(), 0..3)
}

fn subsections() -> impl Strategy<Value = Vec<Subsection>> {
    prop::collection::vec((text(), blocks()).prop_map(|(title, paragraphs)| Subsection { title, paragraphs }), 0..2)
}

fn part() -> impl Strategy<Value = Part> {
    (blocks(), subsections()).prop_map(|(paragraphs, subsections)| Part { paragraphs, subsections })
}

fn area() -> impl Strategy<Value = Area> {
    (prop::option::of(text()), blocks(), subsections(), prop::option::of(text())).prop_map(
        |(title, paragraphs, subsections, nothing_to_report)| Area {
            title,
            paragraphs,
            subsections,
            nothing_to_report,
        },
    )
}

fn value(finite_only: bool) -> BoxedStrategy<Value> {
    if finite_only {
        prop_oneof![
            Just(Value::Missing),
            (-1.0e12f64..1.0e12).prop_map(Value::Number),
            (0i64..100_000).prop_map(|n| Value::Number(n as f64))
        ]
        .boxed()
    } else {
        prop_oneof![Just(Value::Missing), any::<f64>().prop_map(Value::Number)].boxed()
    }
}

fn statistics(finite_only: bool) -> impl Strategy<Value = StatisticsTable> {
    let indicator = (
        text(),
        prop::option::of(text()),
        prop::collection::vec(value(finite_only), 0..12),
        prop::option::of(0u8..4),
        prop::option::of(text()),
    )
        .prop_map(|(name, unit, values, decimals, note)| Indicator { name, unit, values, decimals, note });
    let group = (prop::option::of(text()), prop::collection::vec(indicator, 0..3))
        .prop_map(|(heading, indicators)| IndicatorGroup { heading, indicators });
    (
        text(),
        prop::collection::vec(2005i32..2030, 0..12),
        prop::collection::vec(group, 0..3),
        prop::option::of(text()),
        prop::option::of(text()),
    )
        .prop_map(|(title, years, groups, unit, source)| StatisticsTable { title, unit, years, groups, source })
}

fn report(finite_only: bool) -> impl Strategy<Value = Report> {
    let issuer = (prop::option::of(text()), text(), text(), text(), prop::option::of(text())).prop_map(
        |(superior, organ, organ_code, standing_committee, province)| Issuer {
            superior,
            organ,
            organ_code,
            standing_committee,
            province,
        },
    );
    let signature = (text(), text(), text(), text()).prop_map(|(authority, on_behalf_of, position, name)| Signature {
        authority,
        on_behalf_of,
        position,
        name,
    });
    let frame = (
        issuer,
        prop::option::of(any::<i64>()),
        text(),
        (0i64..5000, 0u8..3),
        signature,
        prop::collection::vec(text(), 0..4),
        (prop::option::of(text()), prop::option::of(text()), prop::collection::vec(text(), 0..3)),
    )
        .prop_map(|(issuer, number, place, days, signature, recipients, (urgency, draft, references))| Frame {
            issuer,
            number,
            place,
            date: {
                let d = NaiveDate::from_ymd_opt(2015, 1, 1).expect("date") + chrono::Days::new(days.0 as u64);
                // A whole date, or the year and month, or the year (the office fills in the rest).
                match days.1 {
                    0 => d.into(),
                    1 => IssueDate::year_month(d.year(), d.month()).expect("month"),
                    _ => IssueDate::year_only(d.year()),
                }
            },
            signature,
            recipients,
            urgency,
            draft,
            references,
        });
    let results = (
        blocks(),
        area(),
        area(),
        area(),
        area(),
        (blocks(), subsections(), part(), (heading(), prop::option::of(text()), prop::option::of(text()))),
        area(),
        area(),
        area(),
    )
        .prop_map(
            |(
                paragraphs,
                leadership,
                communication,
                legislation,
                programmes,
                (cp, cs, de, (coordination_title, title, de_title)),
                resources,
                international,
                participation,
            )| KeyTasks {
                paragraphs,
                leadership,
                communication,
                legislation,
                programmes,
                coordination: CoordinationArea {
                    title,
                    coordination_title,
                    paragraphs: cp,
                    subsections: cs,
                    disasters_epidemics: TitledPart {
                        title: de_title,
                        paragraphs: de.paragraphs,
                        subsections: de.subsections,
                    },
                },
                resources,
                international,
                participation,
            },
        );
    (
        frame,
        prop::option::of(part()),
        part(),
        results,
        (part(), part(), part(), part()),
        (part(), part(), part()),
        prop::collection::vec(statistics(finite_only), 0..2),
    )
        .prop_map(|(frame, purpose, dissemination, results, (l, o, s, le), (d, di, re), statistics)| Report {
            frame,
            purpose,
            dissemination,
            results,
            shortcomings: Shortcomings { limitations: l, objective_causes: o, subjective_causes: s, lessons: le },
            outlook: Outlook { difficulties: d, directions: di, recommendations: re },
            statistics,
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn validation_never_panics(r in report(false), today in prop::option::of(0i64..8000)) {
        let today = today.map(|d| NaiveDate::from_ymd_opt(2012, 1, 1).expect("date") + chrono::Days::new(d as u64));
        let found = problems(&r, &Context { today });
        prop_assert_eq!(validate(&r, &Context { today }).is_ok(), found.is_empty());
    }

    #[test]
    fn serialise_then_parse_is_identity(r in report(true)) {
        for f in [Format::Json, Format::Yaml, Format::Toml] {
            let text = write(&r, f).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let back = parse(&text, f).map_err(|e| TestCaseError::fail(format!("{f:?}: {e}\n{text}")))?;
            prop_assert_eq!(&back, &r, "{:?}", f);
        }
    }

    #[test]
    fn parsing_arbitrary_text_never_panics(s in any::<String>()) {
        for f in [Format::Json, Format::Yaml, Format::Toml] {
            let _ = parse(&s, f);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// A report as read back is read back as itself: the rules of
    /// `outline::canonical` are a fixed point (what `extract` gives back from
    /// its own rendering, it gives back again).
    #[test]
    fn reading_back_is_a_fixed_point(r in report(false)) {
        let once = baocao_core::outline::canonical(&r);
        let twice = baocao_core::outline::canonical(&once);
        prop_assert_eq!(&twice, &once);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// A figure as printed is read back as the same figure: parse_number is
    /// the inverse of format::number, decimals included.
    #[test]
    fn printed_figures_read_back(x in -1.0e12f64..1.0e12, decimals in prop::option::of(0u8..4)) {
        let shown = format::number(x, decimals);
        let (value, shown_decimals) = format::parse_number(&shown).expect("a printed figure parses");
        prop_assert_eq!(format::number(value, decimals), shown.clone());
        prop_assert_eq!(shown_decimals, shown.split(',').nth(1).map_or(0, str::len));
    }
}
