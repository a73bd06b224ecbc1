//! The statistics appendices read back: "Phụ lục N", its title, the table
//! (columns found by their headings and the years, groups from the rows that
//! span the table, figures from Vietnamese notation), the unit and source lines.

use baocao_core::outline::figures_from_printed;
use baocao_core::{wording, Indicator, IndicatorGroup, StatisticsTable, Text};

use super::body::cells;
use super::Problems;
use crate::parts::{normalized, top_table, Parts};
use crate::Document;

/// The statistics appendices, in order; an appendix without a table of
/// figures is reported.
pub(super) fn appendices(doc: &Document, parts: &Parts, problems: &mut Problems) -> Vec<StatisticsTable> {
    let mut out = Vec::new();
    for (k, a) in parts.appendices.iter().enumerate() {
        let end = parts.appendices.get(k + 1).map_or(doc.len(), |next| next.heading);
        let after = a.note.or(a.title).unwrap_or(a.heading) + 1;
        let table = (after..end).find_map(|i| doc.para(i).cell().map(|c| top_table(doc, c.table)));
        let Some(t) = table else {
            problems.unplaced(a.heading, doc.para(a.heading).text(), super::appendix_without_table());
            problems.use_at(a.title);
            problems.use_at(a.note);
            continue;
        };
        let range = doc.tables[t].paragraphs.clone();
        let line = |i: usize| doc.para(i).text().to_string();
        let unit_at = (after..range.start).find(|&i| wording::unit_of_line(&line(i)).is_some());
        let unit = unit_at.and_then(|i| wording::unit_of_line(&line(i)).map(str::to_string));
        let source_at = (range.end..end)
            .find(|&i| !doc.para(i).text().trim().is_empty())
            .filter(|&i| wording::source_of_line(&line(i)).is_some());
        let source = source_at.and_then(|i| wording::source_of_line(&line(i)).map(str::to_string));
        for i in [Some(a.heading), a.title, a.note, unit_at, source_at] {
            problems.use_at(i);
        }
        problems.use_range(range.clone());
        let printed_title = a.title.map(line).unwrap_or_default();
        let number = normalized(doc.para(a.heading).text());
        let title = original_title(doc.tables[t].caption.as_deref(), &number, &printed_title);
        let rows = cells(doc, t, problems);
        let spans = spans(doc, t);
        let (table, not_figures) = statistics_table(title, unit, &rows, &spans, source);
        for (row, text) in not_figures {
            let at = range.clone().find(|&i| doc.para(i).cell().is_some_and(|c| c.table == t && c.row == row));
            let message = baocao_core::Message::new(
                format!("“{text}” không phải số liệu (viết như 1.234 hoặc 12,5; “-” khi không có): để trống"),
                format!("“{text}” is not a figure (write 1.234 or 12,5; “-” for none): left missing"),
            );
            problems.unplaced(at.unwrap_or(range.start), &text, message);
        }
        out.push(table);
    }
    out
}

/// The title as typed: the printed text (in capitals by its style), or, for
/// a file whose title was typed in capitals, the table's caption ("Phụ lục 1.
/// Một số chỉ tiêu …") when the title is its capitals.
fn original_title(caption: Option<&str>, number: &str, printed: &str) -> Text {
    let own = caption.and_then(|c| c.strip_prefix(number)).and_then(|c| c.strip_prefix(". "));
    match own {
        Some(t) if t != printed && t.to_uppercase() == printed => Text::new(t),
        _ => Text::new(printed),
    }
}

/// Each row's cells as (grid column, span), in the order of [`cells`].
fn spans(doc: &Document, t: usize) -> Vec<Vec<(usize, usize)>> {
    let table = &doc.tables[t];
    let mut rows: Vec<Vec<(usize, usize)>> = vec![Vec::new(); table.rows];
    for c in doc.cells[table.cells.clone()].iter().filter(|c| c.table == t) {
        if let Some(r) = rows.get_mut(c.row) {
            r.push((c.column, c.span));
        }
    }
    rows.retain(|r| !r.is_empty());
    rows
}

/// Which grid column holds what.
#[derive(Debug, Default)]
struct Columns {
    name: Option<usize>,
    unit: Option<usize>,
    note: Option<usize>,
    /// (column, year), left to right.
    years: Vec<(usize, i32)>,
    /// Rows of headings.
    header_rows: usize,
}

/// A year heading: "2012", "Năm 2012".
fn year(text: &str) -> Option<i32> {
    let t = normalized(text);
    let t = t.strip_prefix("Năm ").or_else(|| t.strip_prefix("năm ")).unwrap_or(&t);
    (t.len() == 4).then(|| t.parse::<i32>().ok()).flatten().filter(|y| (1900..=2100).contains(y))
}

fn columns(rows: &[Vec<String>], spans: &[Vec<(usize, usize)>]) -> Columns {
    let mut c = Columns::default();
    for (r, row) in rows.iter().enumerate().take(3) {
        let mut found = Columns::default();
        // A heading row after the first holds headings and years only.
        let mut only_headings = true;
        for (text, &(col, _)) in row.iter().zip(&spans[r]) {
            let lower = normalized(text).to_lowercase();
            if let Some(y) = year(text) {
                found.years.push((col, y));
            } else if lower == wording::COL_INDICATOR.to_lowercase() || lower == "nội dung" || lower == "tên chỉ tiêu"
            {
                found.name = Some(col);
            } else if lower == wording::COL_UNIT.to_lowercase() || lower == "đvt" || lower == "đơn vị" {
                found.unit = Some(col);
            } else if lower == wording::COL_NOTE.to_lowercase() {
                found.note = Some(col);
            } else if !lower.is_empty()
                && ![wording::COL_NUMBER.to_lowercase(), "stt".into(), wording::COL_YEARS.to_lowercase()]
                    .contains(&lower)
            {
                only_headings = false;
            }
        }
        if r > 0 && !only_headings {
            break;
        }
        c.header_rows = r + 1;
        c.name = c.name.or(found.name);
        c.unit = c.unit.or(found.unit);
        c.note = c.note.or(found.note);
        c.years.extend(found.years);
    }
    c.years.sort_by_key(|&(col, _)| col);
    if c.name.is_none() {
        c.name = Some(1);
    }
    c
}

fn statistics_table(
    title: Text,
    unit: Option<String>,
    rows: &[Vec<String>],
    spans: &[Vec<(usize, usize)>],
    source: Option<String>,
) -> (StatisticsTable, Vec<(usize, String)>) {
    let cols = columns(rows, spans);
    let mut groups: Vec<IndicatorGroup> = Vec::new();
    let mut not_figures: Vec<(usize, String)> = Vec::new();
    for (r, row) in rows.iter().enumerate().skip(cols.header_rows) {
        let at = |col: Option<usize>| {
            col.and_then(|c| spans[r].iter().position(|&(start, span)| (start..start + span).contains(&c)))
                .and_then(|k| row.get(k))
                .map(|s| s.trim().to_string())
        };
        // A row whose one cell spans the indicator's column and the figures: a group heading.
        let name_col = cols.name.unwrap_or(1);
        let spanning = spans[r].iter().position(|&(start, span)| start <= name_col && span >= 2);
        if let Some(k) = spanning {
            groups.push(IndicatorGroup { heading: Some(Text::new(row[k].trim())), indicators: Vec::new() });
            continue;
        }
        let figures: Vec<String> = cols.years.iter().map(|&(c, _)| at(Some(c)).unwrap_or_default()).collect();
        for f in &figures {
            if !(f.is_empty() || f == "-" || baocao_core::format::parse_number(f).is_some()) {
                not_figures.push((r, f.clone()));
            }
        }
        let (values, decimals) = figures_from_printed(&figures);
        let keep = |s: Option<String>| s.filter(|s| !s.is_empty()).map(Text::new);
        let indicator = Indicator {
            name: Text::new(at(cols.name).unwrap_or_default()),
            unit: keep(at(cols.unit)),
            values,
            decimals,
            note: keep(at(cols.note)),
        };
        match groups.last_mut() {
            Some(g) => g.indicators.push(indicator),
            None => groups.push(IndicatorGroup { heading: None, indicators: vec![indicator] }),
        }
    }
    let keep = |s: Option<String>| s.map(|s| Text::new(s.trim())).filter(|t| !t.is_empty());
    let table = StatisticsTable {
        title,
        unit: keep(unit),
        years: cols.years.iter().map(|&(_, y)| y).collect(),
        groups,
        source: keep(source),
    };
    (table, not_figures)
}
