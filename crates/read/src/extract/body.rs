//! The body read back as the outline's items ([`baocao_core::outline::Item`]):
//! headings by their literal numbering, prose with its emphasis from the runs,
//! dash and numbered items, and tables with their caption, unit and source
//! lines.

use std::borrow::Cow;

use baocao_core::numbering::{self, points_level, Label};
use baocao_core::outline::{self, Item};
use baocao_core::text::{write_emphasis, Span};
use baocao_core::wording;
use baocao_core::Table;

use super::Problems;
use crate::parts::{top_table, Kind, Parts};
use crate::{Document, Merge, Para};

/// A paragraph (with its kind) or a table of the body, in order.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Element {
    Para(usize, Kind),
    Table(usize),
}

/// The body's items, each with its paragraph (0-based), from after the
/// opening sentence to the signature block.
pub(super) fn items<'d>(
    doc: &'d Document,
    parts: &Parts,
    opening: Option<usize>,
    problems: &mut Problems,
) -> Vec<(Item<'d>, usize)> {
    let elements = elements(doc, parts, opening);
    // The notes of each table first: its caption and unit come before it.
    let mut used = vec![false; elements.len()];
    let mut notes: Vec<Notes> = (0..elements.len())
        .filter(|&k| matches!(elements[k], Element::Table(_)))
        .map(|k| table_notes(doc, &elements, k, &mut used))
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let mut out = Vec::with_capacity(elements.len());
    // The level of the last numbered heading (a letter under it is a point of the next).
    let mut level = 1;
    for (k, &e) in elements.iter().enumerate() {
        if used[k] {
            continue;
        }
        match e {
            Element::Table(t) => {
                // The tables' notes, in order (popped from the reversed list).
                let notes = notes.pop().unwrap_or_default();
                let first = doc.tables[t].paragraphs.start;
                let cells = cells(doc, t, problems);
                let (header, rows) = match cells.split_first() {
                    Some((h, rows)) => (h.clone(), rows.to_vec()),
                    None => continue,
                };
                let table: Table = outline::table_from_printed(notes.caption, notes.unit, header, rows, notes.source);
                out.push((Item::Table(Box::new(Cow::Owned(table))), first));
            }
            Element::Para(i, kind) => {
                let p = doc.para(i);
                let item = match kind {
                    Kind::Heading1 | Kind::Heading2 | Kind::Heading3 => heading(&p, &mut level),
                    Kind::ListItem => list_item(&p),
                    Kind::Text | Kind::TableNote => Item::Paragraph { text: prose(&p, 0), leads_in: false },
                };
                out.push((item, i));
            }
        }
    }
    out
}

fn elements(doc: &Document, parts: &Parts, opening: Option<usize>) -> Vec<Element> {
    let mut kinds = parts.body.iter().copied().peekable();
    let mut out = Vec::new();
    let mut i = parts.body_start;
    while i < parts.body_end {
        match doc.para(i).cell() {
            Some(c) => {
                let t = top_table(doc, c.table);
                out.push(Element::Table(t));
                i = doc.tables[t].paragraphs.end.max(i + 1);
            }
            None => {
                while kinds.peek().is_some_and(|&(j, _)| j < i) {
                    kinds.next();
                }
                if let Some(&(j, kind)) = kinds.peek() {
                    if j == i && Some(i) != opening {
                        out.push(Element::Para(i, kind));
                    }
                }
                i += 1;
            }
        }
    }
    out
}

/// A table's caption, unit and source, from the table notes right before and
/// after it (marked used).
#[derive(Default)]
struct Notes {
    caption: Option<String>,
    unit: Option<String>,
    source: Option<String>,
}

fn table_notes(doc: &Document, elements: &[Element], k: usize, used: &mut [bool]) -> Notes {
    let mut notes = Notes::default();
    let text = |i: usize| doc.para(i).text().to_string();
    // Up to two notes before (caption, then unit), not yet used by another table.
    for back in 1..=2 {
        let Some(j) = k.checked_sub(back) else { break };
        let Element::Para(i, Kind::TableNote) = elements[j] else { break };
        if used[j] {
            break;
        }
        let t = text(i);
        if let Some(u) = wording::unit_of_line(&t).filter(|_| notes.unit.is_none() && notes.caption.is_none()) {
            notes.unit = Some(u.to_string());
        } else if notes.caption.is_none() && wording::source_of_line(&t).is_none() {
            notes.caption = Some(t);
        } else {
            break;
        }
        used[j] = true;
    }
    if let Some(&Element::Para(i, Kind::TableNote)) = elements.get(k + 1) {
        if let Some(s) = wording::source_of_line(&text(i)) {
            notes.source = Some(s.to_string());
            used[k + 1] = true;
        }
    }
    notes
}

/// A table's rows of cell texts (a cell's paragraphs joined by line breaks;
/// a cell continuing a vertical merge is empty). Nested tables are not read
/// (reported).
pub(super) fn cells(doc: &Document, t: usize, problems: &mut Problems) -> Vec<Vec<String>> {
    let table = &doc.tables[t];
    let mut rows: Vec<Vec<String>> = vec![Vec::new(); table.rows];
    let mut current: Option<usize> = None;
    let mut nested_reported = false;
    for i in table.paragraphs.clone() {
        let p = doc.para(i);
        let Some(ci) = p.cell_index() else { continue };
        let cell = &doc.cells[ci];
        if cell.table != t {
            if !nested_reported && !p.text().trim().is_empty() {
                nested_reported = true;
                problems.unplaced(i, p.text(), super::nested_table_message());
            }
            continue;
        }
        let Some(row) = rows.get_mut(cell.row) else { continue };
        let text = if cell.merge == Merge::Continue { "" } else { p.text() };
        if current == Some(ci) {
            if let Some(last) = row.last_mut() {
                last.push('\n');
                last.push_str(text);
            }
        } else {
            current = Some(ci);
            row.push(text.to_string());
        }
    }
    rows.retain(|r| !r.is_empty());
    rows
}

/// A heading's item: its level from the label (a letter is a point under the
/// last numbered heading).
fn heading<'d>(p: &Para<'d>, level: &mut u32) -> Item<'d> {
    let text = p.text();
    let Some((label, title)) = numbering::parse(text) else {
        return Item::Paragraph { text: prose(p, 0), leads_in: false };
    };
    // A letter's level: the outline level its paragraph has (Word's heading 3
    // or 4, kept by every editor), else a point under the last numbered heading.
    let l = match label {
        Label::Roman { .. } => 1,
        Label::Number(_) => 2,
        Label::Nested(..) => 3,
        _ => match p.props().outline {
            Some(o @ 2..=3) => u32::from(o) + 1,
            _ => points_level(*level),
        },
    };
    if matches!(label, Label::Roman { .. } | Label::Number(_) | Label::Nested(..)) {
        *level = l;
    }
    Item::Heading { level: l, label, title: Cow::Borrowed(title.trim_end()) }
}

/// A list item: "- …" (or a bullet of Word's) is a dash item, "1.\t…" or
/// "(1) …" a numbered one.
fn list_item<'d>(p: &Para<'d>) -> Item<'d> {
    let text = p.text();
    match numbering::parse(text) {
        Some((Label::Dash, rest)) => Item::Dash(prose(p, text.len() - rest.len())),
        Some((Label::Number(n) | Label::Item(n), rest)) => {
            Item::Numbered { n: n as usize, text: prose(p, text.len() - rest.len()) }
        }
        Some(_) => Item::Paragraph { text: prose(p, 0), leads_in: false },
        None => Item::Dash(prose(p, 0)),
    }
}

/// A paragraph's text from byte `from` on, with its bold and italic runs as
/// the `**` / `*` markers (literal asterisks escaped); borrowed from the
/// document when there is nothing to mark.
pub(super) fn prose<'d>(p: &Para<'d>, from: usize) -> Cow<'d, str> {
    let text = p.text();
    let plain = p.runs().all(|r| r.props().bold != Some(true) && r.props().italic != Some(true));
    if plain && !text.contains(['*', '\\']) {
        return Cow::Borrowed(text.get(from..).unwrap_or(""));
    }
    let mut spans: Vec<Span> = Vec::new();
    let mut at = 0;
    for run in p.runs() {
        let t = run.text();
        let start = at;
        at += t.len();
        if at <= from {
            continue;
        }
        let piece = &t[from.saturating_sub(start).min(t.len())..];
        let props = run.props();
        let (bold, italic) = (props.bold == Some(true), props.italic == Some(true));
        match spans.last_mut() {
            Some(last) if (last.bold, last.italic) == (bold, italic) => last.text.push_str(piece),
            _ => spans.push(Span { text: piece.to_string(), bold, italic }),
        }
    }
    Cow::Owned(write_emphasis(&spans))
}
