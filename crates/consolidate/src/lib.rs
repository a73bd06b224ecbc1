//! The province's figures and draft from its units' reports.
//!
//! Công văn 807-CV/TU asks every district and unit committee for this report; the
//! provincial standing committee writes its own from theirs. [`consolidate`]
//! matches the units' statistics indicators by name (NFC, case, spacing and
//! punctuation do not count; `units.yaml` may list other wordings) and unit of
//! measure, sums counts and money (money converted between đồng, nghìn, triệu and
//! tỷ đồng), never sums rates (a weighted mean where `units.yaml` names the base
//! indicator, otherwise the range and each unit's value), never takes an empty
//! figure for zero, and says from how many units each total is built. Nothing is
//! dropped: an indicator no other unit names is listed with its unit.
//!
//! [`Consolidation::to_xlsx`] writes a workbook whose totals are formulas over
//! each unit's figures, so the office can audit every total;
//! [`Consolidation::draft`] makes the provincial report's input (the province's
//! frame from `units.yaml`, the totals as its statistics, every section gathering
//! the units' text under each unit's name).
//!
//! ```
//! use baocao_consolidate::{consolidate, Unit, Units};
//! let report = baocao_core::parse(include_str!("../../../examples/bao-cao-huyen-hoa-lam.yaml"), baocao_core::Format::Yaml)?;
//! let units = vec![
//!     Unit { name: "Huyện ủy Hòa Lâm".into(), source: "hoa-lam.yaml".into(), report: report.clone() },
//!     Unit { name: "Huyện ủy Hòa Lâm (bản 2)".into(), source: "ban-2.yaml".into(), report },
//! ];
//! // Two reports of one unit are refused: its figures would count twice.
//! assert!(consolidate(&units, &Units::default()).is_err());
//! let mut other = units[1].report.clone();
//! other.frame.issuer.organ = baocao_core::Text::new("HUYỆN ỦY AN PHÚ");
//! let units = vec![units[0].clone(), Unit { name: "Huyện ủy An Phú".into(), source: "an-phu.yaml".into(), report: other }];
//! let c = consolidate(&units, &Units::default())?;
//! let row = &c.tables[0].groups[0].rows[0]; // Tổng số trẻ em dưới 16 tuổi
//! assert_eq!(row.totals[0].value, Some(2.0 * 21245.0));
//! assert_eq!(row.totals[0].units, 2);
//! let xlsx = c.to_xlsx()?;
//! assert!(xlsx.starts_with(b"PK"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::{BTreeMap, HashMap};

use baocao_core::{Format, Frame, ParseError, Report};
use serde::Deserialize;

mod draft;
pub mod names;
mod workbook;

pub use draft::DraftError;
use names::{key, measure, Measure};

/// The province's `units.yaml`: its frame (for the draft), the units it expects,
/// other wordings of indicators, and the base of each rate.
///
/// ```yaml
/// frame: { … }                   # the province's own, as in a report (for --draft)
/// units:                         # the units asked for the report
///   - organ: HUYỆN ỦY HÒA LÂM
///     name: Huyện ủy Hòa Lâm     # as written in the draft (default: the organ)
/// aliases:                       # an indicator's name: its other wordings
///   Tổng số trẻ em dưới 16 tuổi: [Số trẻ em dưới 16 tuổi, Trẻ em dưới 16 tuổi]
/// bases:                         # a rate: the indicator it is a share of
///   Tỷ lệ trẻ em có hoàn cảnh đặc biệt được trợ giúp: Trẻ em có hoàn cảnh đặc biệt
/// ```
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Units {
    /// The province's frame (issuer, number, date, signature, recipients) for the draft.
    #[serde(default)]
    pub frame: Option<Frame>,
    /// The units expected to report.
    #[serde(default)]
    pub units: Vec<UnitEntry>,
    /// An indicator's name → its other wordings.
    #[serde(default)]
    pub aliases: BTreeMap<String, Vec<String>>,
    /// A rate's name → the indicator it is a share of (its weight).
    #[serde(default)]
    pub bases: BTreeMap<String, String>,
}

/// A unit expected to report.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitEntry {
    /// The issuing organ as in its report's header ("HUYỆN ỦY HÒA LÂM").
    pub organ: String,
    /// The name written in the draft and the workbook ("Huyện ủy Hòa Lâm").
    #[serde(default)]
    pub name: Option<String>,
}

impl Units {
    /// Reads `units.yaml` (or JSON / TOML), with field paths in errors.
    pub fn parse(text: &str, format: Format) -> Result<Units, ParseError> {
        baocao_core::parse_as(text, format)
    }

    /// The name a unit goes by: its entry's, else the organ as written.
    pub fn name_of(&self, organ: &str) -> String {
        let k = key(organ);
        self.units
            .iter()
            .find(|e| key(&e.organ) == k)
            .map(|e| e.name.clone().unwrap_or_else(|| e.organ.clone()))
            .unwrap_or_else(|| organ.to_string())
    }
}

/// One unit's report, as read from its file.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    /// The name it goes by ([`Units::name_of`] of its organ).
    pub name: String,
    /// Where it was read from (a file name), for messages.
    pub source: String,
    /// The report.
    pub report: Report,
}

/// The consolidation: totals with each unit's figures, what was not matched, the
/// conversions made.
#[derive(Debug, Clone, PartialEq)]
pub struct Consolidation {
    /// The units consolidated, in the order given.
    pub units: Vec<String>,
    /// How many units were expected (`units.yaml`, else those given).
    pub expected: usize,
    /// Expected units with no report, by name.
    pub missing: Vec<String>,
    /// The totals, table by table (the units' appendices, matched by title).
    pub tables: Vec<TotalTable>,
    /// Indicators that only one unit names (or names twice), never summed into
    /// another: each with its unit and the likeliest other name.
    pub unmatched: Vec<Unmatched>,
    /// Money converted to the unit most units use.
    pub conversions: Vec<Conversion>,
    /// The province's frame, for the draft.
    pub frame: Option<Frame>,
    /// The units' reports' text, for the draft (name, report).
    reports: Vec<(String, Report)>,
}

/// A statistics appendix of the province.
#[derive(Debug, Clone, PartialEq)]
pub struct TotalTable {
    /// The title (the first unit's wording).
    pub title: String,
    /// The years any unit gave, in order.
    pub years: Vec<i32>,
    /// The groups, in the order first met.
    pub groups: Vec<TotalGroup>,
}

/// A group of indicators.
#[derive(Debug, Clone, PartialEq)]
pub struct TotalGroup {
    /// The heading row, if any.
    pub heading: Option<String>,
    /// The indicators.
    pub rows: Vec<TotalRow>,
}

/// One indicator: each unit's figures and the province's per year.
#[derive(Debug, Clone, PartialEq)]
pub struct TotalRow {
    /// The name (the alias's main wording, else the first unit's).
    pub name: String,
    /// The unit of measure of the totals.
    pub unit: Option<String>,
    /// Decimals to print (the first unit's choice; one for a weighted mean).
    pub decimals: Option<u8>,
    /// How the units' figures make the province's.
    pub kind: RowKind,
    /// One entry per unit of [`Consolidation::units`], in that order.
    pub figures: Vec<UnitFigures>,
    /// One per year of the table.
    pub totals: Vec<Total>,
}

/// How a row's total is made.
#[derive(Debug, Clone, PartialEq)]
pub enum RowKind {
    /// Counts and money: the sum of the units' figures (money converted).
    Sum,
    /// A rate weighted by its base indicator: Σ rate × base / Σ base, over the
    /// units that give both.
    WeightedMean {
        /// The base row: (table, group, row) in [`Consolidation::tables`].
        base: (usize, usize, usize),
    },
    /// A rate without a base: never summed; the lowest and highest unit.
    Range,
}

/// One unit's figures for a row, as it reported them.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitFigures {
    /// Whether the unit reports this indicator at all.
    pub present: bool,
    /// The name as the unit wrote it.
    pub wording: String,
    /// The unit of measure as the unit wrote it.
    pub unit: Option<String>,
    /// What one of its figures is in the row's unit (1, or a money conversion).
    pub factor: f64,
    /// Per year of the table: the figure as written, `None` when empty or when
    /// the unit's table has no such year.
    pub values: Vec<Option<f64>>,
}

/// The province's figure for one year.
#[derive(Debug, Clone, PartialEq)]
pub struct Total {
    /// The sum or the weighted mean; `None` for a range or when no unit gave one.
    pub value: Option<f64>,
    /// For a rate without base: the lowest and highest unit's figure.
    pub range: Option<(f64, f64)>,
    /// How many units' figures went into it.
    pub units: usize,
}

/// An indicator not matched with any other unit's.
#[derive(Debug, Clone, PartialEq)]
pub struct Unmatched {
    /// The unit that names it.
    pub unit: String,
    /// The name as written.
    pub indicator: String,
    /// Its unit of measure as written.
    pub measure: Option<String>,
    /// The appendix it is in.
    pub table: String,
    /// Why: named by this unit alone, named twice by it, or another unit names it
    /// with another kind of unit of measure.
    pub reason: UnmatchedReason,
    /// The likeliest other unit's indicator it could be (add an alias if it is).
    pub likely: Option<String>,
}

/// Why an indicator is listed as unmatched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnmatchedReason {
    /// No other unit names it (with its unit of measure).
    OnlyHere,
    /// The unit names it twice: the second is kept apart.
    Twice,
}

/// A money figure converted.
#[derive(Debug, Clone, PartialEq)]
pub struct Conversion {
    /// The unit whose figures were converted.
    pub unit: String,
    /// The indicator.
    pub indicator: String,
    /// From ("nghìn đồng") …
    pub from: String,
    /// … to ("triệu đồng").
    pub to: String,
    /// Multiplied by (0.001).
    pub factor: f64,
}

impl Consolidation {
    /// "12/15 đơn vị" when fewer units than expected went into a total.
    pub fn coverage(&self, total: &Total) -> Option<String> {
        (total.units < self.expected).then(|| format!("{}/{} đơn vị", total.units, self.expected))
    }

    /// The workbook (see the crate's page).
    pub fn to_xlsx(&self) -> Result<Vec<u8>, String> {
        workbook::write(self)
    }

    /// The provincial report's input: the province's frame, the totals as its
    /// statistics, every section gathering the units' text under each unit's name.
    pub fn draft(&self) -> Result<Report, DraftError> {
        draft::draft(self)
    }
}

/// Where a row is, and who names it how.
struct Place {
    table: usize,
    group: usize,
    row: usize,
}

/// Why the units cannot be consolidated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConsolidateError {
    /// Two reports of one unit (the same organ): its figures would count twice.
    SameUnitTwice {
        /// The unit's name.
        unit: String,
        /// Where its reports came from.
        sources: Vec<String>,
    },
}

impl ConsolidateError {
    /// The message in the given language.
    pub fn describe(&self, lang: baocao_core::Lang) -> String {
        match self {
            ConsolidateError::SameUnitTwice { unit, sources } => match lang {
                baocao_core::Lang::Vi => format!(
                    "{unit} có {} báo cáo ({}): số liệu sẽ bị cộng hai lần; chỉ giữ một tệp của mỗi đơn vị",
                    sources.len(),
                    sources.join(", ")
                ),
                baocao_core::Lang::En => format!(
                    "{unit} has {} reports ({}): its figures would count twice; keep one file per unit",
                    sources.len(),
                    sources.join(", ")
                ),
            },
        }
    }
}

impl std::fmt::Display for ConsolidateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe(baocao_core::Lang::Vi))
    }
}

impl std::error::Error for ConsolidateError {}

/// Consolidates the units' reports (see the crate's page). Two reports of the same
/// unit (organ) are refused: its figures would count twice.
pub fn consolidate(units: &[Unit], config: &Units) -> Result<Consolidation, ConsolidateError> {
    let organs: Vec<String> = units.iter().map(|u| key(u.report.frame.issuer.organ.as_str())).collect();
    // The first unit whose organ comes again, with all its sources.
    if let Some(i) = (0..organs.len()).find(|&i| organs[i + 1..].contains(&organs[i])) {
        let sources =
            organs.iter().zip(units).filter(|(o, _)| **o == organs[i]).map(|(_, u)| u.source.clone()).collect();
        return Err(ConsolidateError::SameUnitTwice { unit: units[i].name.clone(), sources });
    }
    Ok(consolidate_distinct(units, config))
}

fn consolidate_distinct(units: &[Unit], config: &Units) -> Consolidation {
    let aliases = alias_map(config);
    let canonical = |name: &str| {
        let k = key(name);
        aliases.get(&k).cloned().unwrap_or(k)
    };
    let n = units.len();
    let mut tables: Vec<TotalTable> = Vec::new();
    let mut table_keys: Vec<String> = Vec::new();
    let mut group_keys: Vec<Vec<String>> = Vec::new();
    let mut rows: HashMap<(usize, String, String), Place> = HashMap::new();
    // Per row: per unit, year → value (filled below, spread over years at the end).
    let mut found: Vec<Vec<Vec<Vec<Option<Found>>>>> = Vec::new();
    let mut unmatched = Vec::new();

    for (u, unit) in units.iter().enumerate() {
        for table in &unit.report.statistics {
            let tk = key(table.title.as_str());
            let t = match table_keys.iter().position(|k| *k == tk) {
                Some(t) => t,
                None => {
                    table_keys.push(tk);
                    group_keys.push(Vec::new());
                    found.push(Vec::new());
                    tables.push(TotalTable { title: table.title.to_string(), years: Vec::new(), groups: Vec::new() });
                    tables.len() - 1
                }
            };
            for y in &table.years {
                if !tables[t].years.contains(y) {
                    tables[t].years.push(*y);
                }
            }
            for group in &table.groups {
                let gk = key(group.heading.as_ref().map_or("", |h| h.as_str()));
                let g = match group_keys[t].iter().position(|k| *k == gk) {
                    Some(g) => g,
                    None => {
                        group_keys[t].push(gk);
                        found[t].push(Vec::new());
                        tables[t].groups.push(TotalGroup {
                            heading: group.heading.as_ref().map(|h| h.to_string()),
                            rows: Vec::new(),
                        });
                        tables[t].groups.len() - 1
                    }
                };
                for indicator in &group.indicators {
                    let unit_text = table.unit_of(indicator).map(|t| t.to_string());
                    let m = measure(unit_text.as_deref());
                    let row_key = (t, canonical(indicator.name.as_str()), dimension(&m));
                    let place = rows.entry(row_key.clone()).or_insert_with(|| {
                        let rows_here = &mut tables[t].groups[g].rows;
                        let display = display_name(config, &row_key.1).unwrap_or_else(|| indicator.name.to_string());
                        rows_here.push(TotalRow {
                            name: display,
                            unit: unit_text.clone(),
                            decimals: indicator.decimals,
                            kind: if matches!(m, Measure::Rate(_)) { RowKind::Range } else { RowKind::Sum },
                            figures: Vec::new(),
                            totals: Vec::new(),
                        });
                        found[t][g].push((0..n).map(|_| None).collect());
                        Place { table: t, group: g, row: rows_here.len() - 1 }
                    });
                    let slot = &mut found[place.table][place.group][place.row][u];
                    if slot.is_some() {
                        unmatched.push(Unmatched {
                            unit: unit.name.clone(),
                            indicator: indicator.name.to_string(),
                            measure: unit_text.clone(),
                            table: table.title.to_string(),
                            reason: UnmatchedReason::Twice,
                            likely: None,
                        });
                        continue;
                    }
                    let values = table.years.iter().copied().zip(indicator.values.iter().map(|v| v.number())).collect();
                    *slot = Some(Found { wording: indicator.name.to_string(), unit: unit_text, measure: m, values });
                }
            }
        }
    }
    for t in &mut tables {
        t.years.sort_unstable();
    }
    let mut conversions = Vec::new();
    for (t, table) in tables.iter_mut().enumerate() {
        for (g, group) in table.groups.iter_mut().enumerate() {
            for (r, row) in group.rows.iter_mut().enumerate() {
                let per_unit = std::mem::take(&mut found[t][g][r]);
                fill_row(row, per_unit, &table.years, units, &mut conversions);
            }
        }
    }
    apply_bases(&mut tables, config, &canonical);
    for table in &mut tables {
        for group in &mut table.groups {
            for row in &mut group.rows {
                row.totals = totals_of(row);
            }
        }
    }
    // Weighted means: each year's rate weighted by the same year of the base.
    let snapshot = tables.clone();
    for table in &mut tables {
        let years = table.years.clone();
        for group in &mut table.groups {
            for row in &mut group.rows {
                if let RowKind::WeightedMean { base: (bt, bg, br) } = row.kind {
                    let base = &snapshot[bt];
                    let weights = base_by_year(&base.groups[bg].rows[br], &base.years, &years);
                    row.totals = weighted(row, &weights);
                }
            }
        }
    }
    if n >= 2 {
        list_unmatched(&tables, units, &mut unmatched);
    }
    let expected_keys: Vec<(String, String)> =
        config.units.iter().map(|e| (key(&e.organ), e.name.clone().unwrap_or_else(|| e.organ.clone()))).collect();
    let given: Vec<String> = units.iter().map(|u| key(u.report.frame.issuer.organ.as_str())).collect();
    let missing =
        expected_keys.iter().filter(|(k, _)| !given.contains(k)).map(|(_, name)| name.clone()).collect::<Vec<_>>();
    let expected = if config.units.is_empty() { n } else { config.units.len() + extra(&given, &expected_keys) };
    Consolidation {
        units: units.iter().map(|u| u.name.clone()).collect(),
        expected,
        missing,
        tables,
        unmatched,
        conversions,
        frame: config.frame.clone(),
        reports: units.iter().map(|u| (u.name.clone(), u.report.clone())).collect(),
    }
}

/// Units given that `units.yaml` does not list (still consolidated).
fn extra(given: &[String], expected: &[(String, String)]) -> usize {
    given.iter().filter(|g| !expected.iter().any(|(k, _)| k == *g)).count()
}

/// What one unit gave for a row.
struct Found {
    wording: String,
    unit: Option<String>,
    measure: Measure,
    values: Vec<(i32, Option<f64>)>,
}

/// The kind of unit of measure a row is keyed by: all money is one.
fn dimension(m: &Measure) -> String {
    match m {
        Measure::Money(_) => "\u{1}money".into(),
        Measure::Rate(symbol) => symbol.clone(),
        Measure::Count(name) => name.clone(),
    }
}

/// Other wording (compared) → the main wording (compared).
fn alias_map(config: &Units) -> HashMap<String, String> {
    let mut map = HashMap::new();
    for (main, others) in &config.aliases {
        for other in others {
            map.insert(key(other), key(main));
        }
    }
    map
}

/// The main wording as written in `units.yaml`, when a row's key is one.
fn display_name(config: &Units, k: &str) -> Option<String> {
    config.aliases.keys().find(|main| key(main) == k).cloned()
}

/// Spreads each unit's figures over the table's years and converts money to the
/// unit most units use (ties: the larger unit).
fn fill_row(
    row: &mut TotalRow,
    per_unit: Vec<Option<Found>>,
    years: &[i32],
    units: &[Unit],
    conversions: &mut Vec<Conversion>,
) {
    let mut votes: Vec<(f64, usize)> = Vec::new();
    for f in per_unit.iter().flatten() {
        if let Measure::Money(factor) = f.measure {
            match votes.iter_mut().find(|(v, _)| *v == factor) {
                Some((_, c)) => *c += 1,
                None => votes.push((factor, 1)),
            }
        }
    }
    let target = votes.iter().max_by(|a, b| a.1.cmp(&b.1).then(a.0.total_cmp(&b.0))).map(|(f, _)| *f);
    if let Some(t) = target {
        row.unit = Some(names::money_name(t).to_string());
    }
    row.figures = per_unit
        .into_iter()
        .enumerate()
        .map(|(u, f)| match f {
            None => UnitFigures {
                present: false,
                wording: String::new(),
                unit: None,
                factor: 1.0,
                values: vec![None; years.len()],
            },
            Some(f) => {
                let factor = match (&f.measure, target) {
                    (Measure::Money(from), Some(to)) if *from != to => {
                        conversions.push(Conversion {
                            unit: units[u].name.clone(),
                            indicator: f.wording.clone(),
                            from: f.unit.clone().unwrap_or_default(),
                            to: names::money_name(to).to_string(),
                            factor: from / to,
                        });
                        from / to
                    }
                    _ => 1.0,
                };
                let values =
                    years.iter().map(|y| f.values.iter().find(|(year, _)| year == y).and_then(|(_, v)| *v)).collect();
                UnitFigures { present: true, wording: f.wording, unit: f.unit, factor, values }
            }
        })
        .collect();
}

/// Rates with a base indicator in `units.yaml` become weighted means.
fn apply_bases(tables: &mut [TotalTable], config: &Units, canonical: &dyn Fn(&str) -> String) {
    let bases: HashMap<String, String> = config.bases.iter().map(|(r, b)| (canonical(r), canonical(b))).collect();
    let mut places: Vec<(String, (usize, usize, usize), bool)> = Vec::new();
    for (t, table) in tables.iter().enumerate() {
        for (g, group) in table.groups.iter().enumerate() {
            for (r, row) in group.rows.iter().enumerate() {
                places.push((canonical(&row.name), (t, g, r), matches!(row.kind, RowKind::Range)));
            }
        }
    }
    for (name, (t, g, r), is_rate) in &places {
        let Some(base) = bases.get(name).filter(|_| *is_rate) else { continue };
        // The base: a row of that name that is not itself a rate.
        let same_table = places.iter().find(|(n, at, rate)| n == base && !rate && at.0 == *t);
        if let Some((_, at, _)) = same_table.or_else(|| places.iter().find(|(n, _, rate)| n == base && !rate)) {
            tables[*t].groups[*g].rows[*r].kind = RowKind::WeightedMean { base: *at };
            if tables[*t].groups[*g].rows[*r].decimals.is_none() {
                tables[*t].groups[*g].rows[*r].decimals = Some(1);
            }
        }
    }
}

/// The province's figure for each year of a row.
fn totals_of(row: &TotalRow) -> Vec<Total> {
    let years = row.figures.first().map_or(0, |f| f.values.len());
    (0..years)
        .map(|y| match &row.kind {
            RowKind::Sum => {
                let got: Vec<f64> = row.figures.iter().filter_map(|f| f.values[y].map(|v| v * f.factor)).collect();
                Total { value: (!got.is_empty()).then(|| got.iter().sum()), range: None, units: got.len() }
            }
            RowKind::Range | RowKind::WeightedMean { .. } => {
                let got: Vec<f64> = row.figures.iter().filter_map(|f| f.values[y]).collect();
                let range = got.iter().copied().fold(None, |acc: Option<(f64, f64)>, v| {
                    Some(acc.map_or((v, v), |(lo, hi)| (lo.min(v), hi.max(v))))
                });
                Total { value: None, range, units: got.len() }
            }
        })
        .collect()
}

/// The base row's weights (figure × factor) per unit, for each of `years`.
fn base_by_year(base: &TotalRow, base_years: &[i32], years: &[i32]) -> Vec<Vec<Option<f64>>> {
    base.figures
        .iter()
        .map(|f| {
            years
                .iter()
                .map(|y| base_years.iter().position(|b| b == y).and_then(|i| f.values[i]).map(|v| v * f.factor))
                .collect()
        })
        .collect()
}

/// A rate's weighted mean per year: Σ rate × weight / Σ weight over the units
/// that give both.
fn weighted(row: &TotalRow, weights: &[Vec<Option<f64>>]) -> Vec<Total> {
    let years = row.figures.first().map_or(0, |f| f.values.len());
    (0..years)
        .map(|y| {
            let (mut num, mut den, mut k) = (0.0, 0.0, 0);
            for (f, w) in row.figures.iter().zip(weights) {
                if let (Some(rate), Some(weight)) = (f.values[y], w[y]) {
                    num += rate * weight;
                    den += weight;
                    k += 1;
                }
            }
            Total { value: (den > 0.0).then(|| num / den), range: None, units: k }
        })
        .collect()
}

/// Indicators that one unit alone names, each with the likeliest other name.
fn list_unmatched(tables: &[TotalTable], units: &[Unit], out: &mut Vec<Unmatched>) {
    for table in tables {
        let all: Vec<(&TotalRow, String)> =
            table.groups.iter().flat_map(|g| &g.rows).map(|r| (r, key(&r.name))).collect();
        for (row, k) in &all {
            let present: Vec<usize> =
                row.figures.iter().enumerate().filter(|(_, f)| f.present).map(|(u, _)| u).collect();
            let [u] = present[..] else { continue };
            let likely = all
                .iter()
                .filter(|(other, _)| !std::ptr::eq(*other, *row) && !other.figures[u].present)
                .map(|(other, ok)| (other, names::likeness(k, ok)))
                .filter(|(_, l)| *l >= 0.4)
                .max_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(other, _)| other.name.clone());
            out.push(Unmatched {
                unit: units[u].name.clone(),
                indicator: row.figures[u].wording.clone(),
                measure: row.figures[u].unit.clone(),
                table: table.title.clone(),
                reason: UnmatchedReason::OnlyHere,
                likely,
            });
        }
    }
}
