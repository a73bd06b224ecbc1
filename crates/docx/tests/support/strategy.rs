//! A proptest strategy for *valid* reports with unfriendly content: Vietnamese
//! with and without combining marks, emoji, right-to-left text, zero-width
//! characters, XML-looking text, emphasis, breaks and tabs; random structure
//! (lists, points, tables), random statistics. Used by the property test and by the
//! `generate_reports` example that feeds the oracles.
#![allow(dead_code)]

use baocao_core::*;
use chrono::NaiveDate;
use proptest::prelude::*;

/// Pieces of text, each valid on its own (no ';', so no entity-like text: docx-rs's
/// reader unescapes twice; no '*' or '\\': emphasis is added on purpose).
const PIECES: &[&str] = &[
    "trẻ em",
    "cấp ủy",
    "Huyện ủy",
    "chăm sóc",
    "giáo dục",
    "bảo vệ",
    "năm 2021",
    "100%",
    "1.234",
    "12,5",
    "thiên tai",
    "Covid-19",
    "ĐẢNG",
    "Ủy ban",
    "uỷ ban",
    "e\u{0302}\u{0301}",
    "👧🏽",
    "🎉",
    "مرحبا",
    "שלום",
    "zero\u{200b}width",
    "<w:p>",
    "]]>",
    "&",
    "\"x\"",
    "'y'",
    "a\u{0085}b",
    "-",
    "(b/c)",
    "…",
    "“trích”",
];

fn sentence() -> impl Strategy<Value = String> {
    (prop::collection::vec((prop::sample::select(PIECES), 0u8..10), 1..12)).prop_map(|words| {
        let mut s = String::new();
        for (i, (w, style)) in words.into_iter().enumerate() {
            if i > 0 {
                s.push(match style {
                    0 => '\n',
                    1 => '\t',
                    _ => ' ',
                });
            }
            match style {
                2 => s.push_str(&format!("**{w}**")),
                3 => s.push_str(&format!("*{w}*")),
                _ => s.push_str(w),
            }
        }
        format!("Nội dung {s}.")
    })
}

fn text() -> impl Strategy<Value = Text> {
    sentence().prop_map(Text::from)
}

fn plain() -> impl Strategy<Value = Text> {
    sentence().prop_map(|s| Text::from(s.replace(['*', '\n', '\t'], " ")))
}

fn cell() -> impl Strategy<Value = Cell> {
    prop_oneof![
        3 => plain().prop_map(Cell::Text),
        2 => (-1.0e9f64..1.0e12).prop_map(Cell::Number),
        2 => (0i64..100_000).prop_map(|v| Cell::Number(v as f64)),
        1 => Just(Cell::Empty),
    ]
}

fn block() -> impl Strategy<Value = Block> {
    let leaf = prop_oneof![
        6 => text().prop_map(Block::Paragraph),
        2 => prop::collection::vec(text(), 1..4).prop_map(Block::List),
        1 => prop::collection::vec(text(), 1..12).prop_map(Block::Numbered),
        1 => (1usize..5, 1usize..4).prop_flat_map(|(cols, rows)| {
            (
                prop::option::of(plain()),
                prop::option::of(plain()),
                prop::collection::vec(plain(), cols),
                prop::collection::vec(prop::collection::vec(cell(), cols), rows),
                prop::collection::vec(prop::option::of(0u8..3), 0..=cols),
                prop::option::of(plain()),
            )
                .prop_map(|(caption, unit, header, rows, decimals, source)| {
                    Block::Table(Box::new(Table { caption, unit, header, rows, decimals, source }))
                })
        }),
    ];
    leaf.prop_recursive(2, 6, 3, |inner| {
        prop::collection::vec((plain(), prop::collection::vec(inner, 0..3)), 1..3).prop_map(|v| {
            Block::Points(v.into_iter().map(|(heading, paragraphs)| Point { heading, paragraphs }).collect())
        })
    })
}

fn blocks(min: usize) -> impl Strategy<Value = Vec<Block>> {
    prop::collection::vec(block(), min..4)
}

fn part() -> impl Strategy<Value = Part> {
    (blocks(1), prop::collection::vec((plain(), blocks(1)), 0..3)).prop_map(|(paragraphs, subs)| Part {
        paragraphs,
        subsections: subs.into_iter().map(|(title, paragraphs)| Subsection { title, paragraphs }).collect(),
    })
}

/// A part under a level-3 heading ("5.2."): its subsections are lettered, and
/// points in them would print at their own level (validation refuses them).
fn lettered_part() -> impl Strategy<Value = Part> {
    part().prop_map(|mut p| {
        for s in &mut p.subsections {
            s.paragraphs.retain(|b| !matches!(b, Block::Points(_)));
            if s.paragraphs.is_empty() {
                s.paragraphs.push(Block::Paragraph(Text::new("Nội dung của tiểu mục.")));
            }
        }
        p
    })
}

fn area() -> impl Strategy<Value = Area> {
    prop_oneof![
        4 => (prop::option::of(plain()), part()).prop_map(|(title, p)| Area { title, paragraphs: p.paragraphs, subsections: p.subsections, nothing_to_report: None }),
        1 => text().prop_map(|t| Area { nothing_to_report: Some(t), ..Area::default() }),
    ]
}

fn statistics() -> impl Strategy<Value = StatisticsTable> {
    (2012i32..2022, 1usize..11).prop_flat_map(|(first, len)| {
        let years: Vec<i32> = (first..(first + len as i32).min(2023)).collect();
        let n = years.len();
        let indicator = (plain(), prop::option::of(prop::sample::select(vec!["người", "%", "vụ", "triệu đồng"])), prop::option::of(0u8..3))
            .prop_flat_map(move |(name, unit, decimals)| {
                let value = if unit == Some("%") {
                    prop_oneof![1 => Just(Value::Missing), 6 => (0.0f64..=100.0).prop_map(Value::Number)].boxed()
                } else {
                    prop_oneof![1 => Just(Value::Missing), 6 => (-1.0e9f64..1.0e12).prop_map(Value::Number), 3 => (0i64..100_000).prop_map(|v| Value::Number(v as f64))].boxed()
                };
                (Just(name), Just(unit), Just(decimals), prop::collection::vec(value, 0..=n), prop::option::of(plain()))
            })
            .prop_map(|(name, unit, decimals, values, note)| Indicator { name, unit: unit.map(Text::new), values, decimals, note });
        let group = (prop::option::of(plain()), prop::collection::vec(indicator, 1..5)).prop_map(|(heading, mut indicators)| {
            // Names are unique within a group (duplicates are a validation problem).
            for (i, ind) in indicators.iter_mut().enumerate() {
                ind.name = Text::new(format!("{} {i}", ind.name));
            }
            IndicatorGroup { heading, indicators }
        });
        // A table unit for the indicators without one (never "%", so values stay in range).
        (plain(), Just(years), prop::collection::vec(group, 1..4), prop::option::of(plain()), prop::option::of(plain()))
            .prop_map(|(title, years, mut groups, unit, source)| {
                // A group without a heading only first (else its rows would print
                // as the group before's: a validation problem).
                for (i, g) in groups.iter_mut().enumerate().skip(1) {
                    if g.heading.is_none() {
                        g.heading = Some(Text::new(format!("Nhóm {i}")));
                    }
                }
                let needs_unit = groups.iter().flat_map(|g| &g.indicators).any(|i| i.unit.is_none());
                let unit = if needs_unit { Some(unit.unwrap_or_else(|| Text::new("người"))) } else { unit };
                StatisticsTable { title, unit, years, groups, source }
            })
    })
}

fn coordination_title() -> impl Strategy<Value = Option<Heading>> {
    prop_oneof![
        2 => Just(None),
        1 => Just(Some(Heading::Omitted)),
        1 => plain().prop_map(|t| Some(Heading::Text(t))),
    ]
}

/// A valid report.
pub fn report() -> impl Strategy<Value = Report> {
    let frame = (
        prop::option::of(1i64..100_000),
        (0u64..370, 0u8..4),
        prop::collection::vec(plain(), 0..5),
        prop::option::of(prop::sample::select(vec!["KHẨN", "HỎA TỐC"])),
        prop::sample::select(vec!["T/M", "K/T", "T/L"]),
        prop::collection::vec(plain(), 0..3),
        prop::option::of(plain()),
        (
            prop::option::of(prop::sample::select(vec!["Dự thảo", "Dự thảo lần 2"])),
            any::<bool>(),
            prop::sample::select(vec!["Ban Thường vụ Huyện ủy", "Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh"]),
        ),
    )
        .prop_map(
            |(number, days, mut recipients, urgency, authority, references, province, (draft, superior, committee))| {
                recipients.push(Text::new("Lưu Văn phòng Huyện ủy"));
                Frame {
                    issuer: Issuer {
                        superior: superior.then(|| Text::new("ĐẢNG BỘ TỈNH SƠN HÀ")),
                        organ: Text::new("HUYỆN ỦY HÒA LÂM"),
                        organ_code: Text::new("HU"),
                        standing_committee: Text::new(committee),
                        province,
                    },
                    number,
                    place: Text::new("Hòa Lâm"),
                    date: {
                        use chrono::Datelike;
                        let d = NaiveDate::from_ymd_opt(2021, 12, 24).expect("date") + chrono::Days::new(days.0);
                        // Mostly whole dates; sometimes the day, or day and month, left to the office.
                        match days.1 {
                            0 => IssueDate::year_month(d.year(), d.month()).expect("month"),
                            1 if d.year() > 2021 => IssueDate::year_only(d.year()),
                            _ => d.into(),
                        }
                    },
                    signature: Signature {
                        authority: Text::new(authority),
                        on_behalf_of: Text::new("BAN THƯỜNG VỤ"),
                        position: Text::new("BÍ THƯ"),
                        name: Text::new("Nguyễn Văn An"),
                    },
                    recipients,
                    urgency: urgency.map(Text::new),
                    draft: draft.map(Text::new),
                    references,
                }
            },
        );
    let results = (
        blocks(0),
        area(),
        area(),
        area(),
        area(),
        // The committee's own title of area 5's second part names it (as `check`
        // knows the part by its words).
        (
            blocks(1),
            coordination_title(),
            prop::option::of(plain().prop_map(|t| Text::new(format!("{t} trong thiên tai, dịch bệnh")))),
            lettered_part(),
        ),
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
                (cp, coordination_title, de_title, de),
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
                    title: None,
                    coordination_title,
                    paragraphs: cp,
                    subsections: vec![],
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
        (part(), lettered_part(), lettered_part(), part()),
        (part(), part(), part()),
        prop::collection::vec(statistics(), 0..3),
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

/// The plain text of every prose paragraph of a report (emphasis markers removed),
/// in document order within each section.
pub fn prose_texts(r: &Report) -> Vec<String> {
    fn blocks(bs: &[Block], out: &mut Vec<String>) {
        for b in bs {
            match b {
                Block::Paragraph(t) => out.push(plain_text(t)),
                Block::List(items) => out.extend(items.iter().map(|t| format!("- {}", plain_text(t)))),
                Block::Points(ps) => ps.iter().for_each(|p| blocks(&p.paragraphs, out)),
                Block::Numbered(items) => {
                    out.extend(items.iter().enumerate().map(|(i, t)| format!("{}.\t{}", i + 1, plain_text(t))))
                }
                Block::Table(_) => {}
            }
        }
    }
    fn part(p: &Part, out: &mut Vec<String>) {
        blocks(&p.paragraphs, out);
        p.subsections.iter().for_each(|s| blocks(&s.paragraphs, out));
    }
    let mut out = Vec::new();
    if let Some(p) = &r.purpose {
        part(p, &mut out);
    }
    part(&r.dissemination, &mut out);
    part(&r.outlook.recommendations, &mut out);
    out
}

fn plain_text(t: &Text) -> String {
    baocao_core::text::parse_emphasis(t).expect("balanced").into_iter().map(|s| s.text).collect()
}

/// The repository's own valid inputs (examples/ and fuzz/seeds/, top level), each
/// with its path: the fixed cases beside the random ones.
pub fn repository_inputs() -> Vec<(std::path::PathBuf, Report)> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let mut out = Vec::new();
    for dir in ["examples", "fuzz/seeds"] {
        for entry in std::fs::read_dir(format!("{root}/{dir}")).expect("folder").flatten() {
            let path = entry.path();
            let Some(format) = Format::from_path(&path) else { continue };
            let Ok(report) = parse(&std::fs::read_to_string(&path).expect("text"), format) else { continue };
            if validate(&report, &Default::default()).is_ok() {
                out.push((path, report));
            }
        }
    }
    out
}
