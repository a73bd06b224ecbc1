//! The provincial draft: the province's frame, the totals as statistics, and in
//! every section the units' text, each under its unit's name: the material the
//! provincial writer condenses.

use baocao_core::{
    Area, Block, CoordinationArea, Indicator, IndicatorGroup, KeyTasks, Outlook, Part, Report, Shortcomings,
    StatisticsTable, Subsection, Text, TitledPart, Value,
};

use crate::{Consolidation, RowKind};

/// Why no draft could be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DraftError {
    /// `units.yaml` has no `frame` (the province's issuer, number, date, signature).
    NoFrame,
}

impl DraftError {
    /// The message in the given language.
    pub fn describe(&self, lang: baocao_core::Lang) -> String {
        match self {
            DraftError::NoFrame => lang
                .pick(
                    "units.yaml chưa có frame (cấp ủy tỉnh, số, ngày, người ký, nơi nhận): bản dự thảo cần frame",
                    "units.yaml has no frame (the province's issuer, number, date, signature, recipients): the draft needs one",
                )
                .to_string(),
        }
    }
}

impl std::fmt::Display for DraftError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe(baocao_core::Lang::Vi))
    }
}

impl std::error::Error for DraftError {}

pub(crate) fn draft(c: &Consolidation) -> Result<Report, DraftError> {
    let mut frame = c.frame.clone().ok_or(DraftError::NoFrame)?;
    if frame.draft.is_none() {
        frame.draft = Some(Text::new("Dự thảo"));
    }
    let units: Vec<(&str, &Report)> = c.reports.iter().map(|(n, r)| (n.as_str(), r)).collect();
    let part = |pick: &dyn Fn(&Report) -> &Part| {
        gather(units.iter().map(|(n, r)| (*n, pick(r).paragraphs.as_slice(), pick(r).subsections.as_slice())))
    };
    let purposes: Vec<(&str, &Part)> = units.iter().filter_map(|(n, r)| r.purpose.as_ref().map(|p| (*n, p))).collect();
    let purpose = (!purposes.is_empty())
        .then(|| gather(purposes.iter().map(|(n, p)| (*n, p.paragraphs.as_slice(), p.subsections.as_slice()))));
    let area = |pick: &dyn Fn(&KeyTasks) -> &Area| gather_area(units.iter().map(|(n, r)| (*n, pick(&r.results))));
    let results = KeyTasks {
        paragraphs: opening(units.iter().map(|(n, r)| (*n, r.results.paragraphs.as_slice()))),
        leadership: area(&|k| &k.leadership),
        communication: area(&|k| &k.communication),
        legislation: area(&|k| &k.legislation),
        programmes: area(&|k| &k.programmes),
        coordination: coordination(&units),
        resources: area(&|k| &k.resources),
        international: area(&|k| &k.international),
        participation: area(&|k| &k.participation),
    };
    Ok(Report {
        frame,
        purpose,
        dissemination: part(&|r| &r.dissemination),
        results,
        shortcomings: Shortcomings {
            limitations: part(&|r| &r.shortcomings.limitations),
            objective_causes: part(&|r| &r.shortcomings.objective_causes),
            subjective_causes: part(&|r| &r.shortcomings.subjective_causes),
            lessons: part(&|r| &r.shortcomings.lessons),
        },
        outlook: Outlook {
            difficulties: part(&|r| &r.outlook.difficulties),
            directions: part(&|r| &r.outlook.directions),
            recommendations: part(&|r| &r.outlook.recommendations),
        },
        statistics: statistics(c),
    })
}

/// A unit's subsections as blocks: each title a bold paragraph, then its blocks.
fn flatten(blocks: &[Block], subsections: &[Subsection]) -> Vec<Block> {
    let mut out = blocks.to_vec();
    for s in subsections {
        out.push(Block::Paragraph(Text::new(format!("**{}**", s.title))));
        out.extend(s.paragraphs.iter().cloned());
    }
    out
}

/// One subsection per unit with text, titled with the unit's name.
fn gather<'a>(units: impl Iterator<Item = (&'a str, &'a [Block], &'a [Subsection])>) -> Part {
    Part {
        paragraphs: Vec::new(),
        subsections: units
            .filter(|(_, b, s)| !b.is_empty() || !s.is_empty())
            .map(|(name, b, s)| Subsection { title: Text::new(name), paragraphs: flatten(b, s) })
            .collect(),
    }
}

fn gather_area<'a>(units: impl Iterator<Item = (&'a str, &'a Area)>) -> Area {
    let units: Vec<(&str, &Area)> = units.collect();
    let with_text = units.iter().any(|(_, a)| !a.paragraphs.is_empty() || !a.subsections.is_empty());
    if !with_text {
        // No unit has anything: the reasons, each with its unit.
        let reasons: Vec<String> = units
            .iter()
            .filter_map(|(n, a)| {
                a.nothing_to_report.as_ref().map(|r| format!("{n}: {}", r.as_str().trim_end_matches('.')))
            })
            .collect();
        let sentence = format!("Các đơn vị không có nội dung báo cáo ở nhiệm vụ này ({}).", reasons.join("; "));
        return Area { nothing_to_report: Some(Text::new(sentence)), ..Area::default() };
    }
    let subsections = units
        .iter()
        .filter_map(|(name, a)| {
            let blocks = match &a.nothing_to_report {
                Some(reason) if a.paragraphs.is_empty() && a.subsections.is_empty() => {
                    vec![Block::Paragraph(Text::new(format!("Không có nội dung báo cáo: {}", reason.as_str())))]
                }
                _ => flatten(&a.paragraphs, &a.subsections),
            };
            (!blocks.is_empty()).then(|| Subsection { title: Text::new(*name), paragraphs: blocks })
        })
        .collect();
    Area { title: None, paragraphs: Vec::new(), subsections, nothing_to_report: None }
}

fn coordination(units: &[(&str, &Report)]) -> CoordinationArea {
    let mut subsections = Vec::new();
    for (name, r) in units {
        let c = &r.results.coordination;
        let mut blocks = Vec::new();
        if let Some(baocao_core::Heading::Text(t)) = &c.coordination_title {
            blocks.push(Block::Paragraph(Text::new(format!("**{}**", t.as_str()))));
        }
        blocks.extend(flatten(&c.paragraphs, &c.subsections));
        if !blocks.is_empty() {
            subsections.push(Subsection { title: Text::new(*name), paragraphs: blocks });
        }
    }
    let d = gather(units.iter().map(|(n, r)| {
        let d = &r.results.coordination.disasters_epidemics;
        (*n, d.paragraphs.as_slice(), d.subsections.as_slice())
    }));
    CoordinationArea {
        title: None,
        coordination_title: None,
        paragraphs: Vec::new(),
        subsections,
        disasters_epidemics: TitledPart { title: None, paragraphs: d.paragraphs, subsections: d.subsections },
    }
}

/// The opening prose before area 1: each unit's under its name in bold.
fn opening<'a>(units: impl Iterator<Item = (&'a str, &'a [Block])>) -> Vec<Block> {
    let mut out = Vec::new();
    for (name, blocks) in units.filter(|(_, b)| !b.is_empty()) {
        out.push(Block::Paragraph(Text::new(format!("**{name}:**"))));
        out.extend(blocks.iter().cloned());
    }
    out
}

/// The totals as the draft's appendices.
fn statistics(c: &Consolidation) -> Vec<StatisticsTable> {
    c.tables
        .iter()
        .map(|t| StatisticsTable {
            title: Text::new(&t.title),
            unit: None,
            years: t.years.clone(),
            groups: t
                .groups
                .iter()
                .map(|g| IndicatorGroup {
                    heading: g.heading.as_deref().map(Text::new),
                    indicators: g
                        .rows
                        .iter()
                        .map(|r| {
                            let values = r
                                .totals
                                .iter()
                                .map(|total| total.value.map_or(Value::Missing, |v| Value::Number(tidy(v))))
                                .collect();
                            let mut notes = Vec::new();
                            if matches!(r.kind, RowKind::Range) {
                                notes.push("tỷ lệ của từng đơn vị, không cộng: xem bảng tổng hợp".to_string());
                            }
                            let counts: Vec<usize> = r.totals.iter().map(|t| t.units).filter(|k| *k > 0).collect();
                            if let (Some(lo), Some(hi)) = (counts.iter().min(), counts.iter().max()) {
                                if *lo < c.expected {
                                    let span = if lo == hi { lo.to_string() } else { format!("{lo}–{hi}") };
                                    notes.push(format!("tổng hợp từ {span}/{} đơn vị", c.expected));
                                }
                            }
                            let note = notes.join("; ");
                            Indicator {
                                name: Text::new(&r.name),
                                unit: Some(Text::new(r.unit.as_deref().unwrap_or("-"))),
                                values,
                                decimals: r.decimals,
                                note: (!note.is_empty()).then(|| Text::new(capitalise(&note))),
                            }
                        })
                        .collect(),
                })
                .collect(),
            source: Some(Text::new(format!("Tổng hợp từ báo cáo của {}/{} đơn vị", c.units.len(), c.expected))),
        })
        .collect()
}

/// A sum without floating-point dust (0.1 + 0.2 is 0.3).
fn tidy(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}
