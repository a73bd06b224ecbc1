//! The parts of a Party report found by their content and position, not by
//! style names: the header block (everything before "BÁO CÁO"), the title and
//! summary, the body with each paragraph's kind (from its literal numbering,
//! [`baocao_core::numbering`]), table captions, unit and source lines (by their
//! place next to a table and their style or words), the signature and
//! recipients, the appendices. One pass over the paragraphs for each part;
//! linear in the document.

use baocao_core::numbering::{self, Label};
use baocao_core::wording;

use crate::{Align, Document, Para};

/// The kind of a body paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// "I- KẾT QUẢ …" / "I. …".
    Heading1,
    /// "1. …".
    Heading2,
    /// "1.1. …" / "a) …".
    Heading3,
    /// "- …", "+ …", a numbered item ("1.\t…", "(1) …", a clause ending in ";"),
    /// a paragraph in a list style or with Word's bullets.
    ListItem,
    /// A body paragraph.
    Text,
    /// A table's caption, unit or source line next to the table: table
    /// furniture, not body text.
    TableNote,
}

/// An appendix: its "Phụ lục N" line, title and "(Kèm theo …)" line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Appendix {
    /// The "Phụ lục N" paragraph.
    pub heading: usize,
    /// The title under it.
    pub title: Option<usize>,
    /// The "(Kèm theo Báo cáo số …)" line.
    pub note: Option<usize>,
}

/// Where each part of the report is (paragraph indexes).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parts {
    /// Draft mark ("Dự thảo").
    pub draft: Option<usize>,
    /// Urgency mark ("HỎA TỐC").
    pub urgency: Option<usize>,
    /// The superior organ line.
    pub superior: Option<usize>,
    /// The issuing organ.
    pub organ: Option<usize>,
    /// The asterisk under it.
    pub asterisk: Option<usize>,
    /// "Số …".
    pub number: Option<usize>,
    /// "ĐẢNG CỘNG SẢN VIỆT NAM".
    pub party: Option<usize>,
    /// Place and date.
    pub place_date: Option<usize>,
    /// "BÁO CÁO".
    pub title: Option<usize>,
    /// The summary lines.
    pub summary: Vec<usize>,
    /// The "-----" separator.
    pub separator: Option<usize>,
    /// Body paragraphs outside tables, with their kind, in order.
    pub body: Vec<(usize, Kind)>,
    /// The first paragraph of the body.
    pub body_start: usize,
    /// The end of the body (the first paragraph of the signature block).
    pub body_end: usize,
    /// The signing authority (T/M …).
    pub authority: Option<usize>,
    /// The position line.
    pub position: Option<usize>,
    /// The signer's name.
    pub name: Option<usize>,
    /// "Nơi nhận:".
    pub recipients_heading: Option<usize>,
    /// The recipient lines.
    pub recipients: Vec<usize>,
    /// The appendices.
    pub appendices: Vec<Appendix>,
}

/// Text with runs of white space (no-break spaces too) as one space, trimmed.
pub fn normalized(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split(|c: char| c.is_whitespace() || c == '\u{a0}') {
        if !w.is_empty() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(w);
        }
    }
    out
}

fn upper(s: &str) -> String {
    normalized(s).to_uppercase()
}

/// The signing authority at the start of a line: the Party's "T/M", "K/T",
/// "T/L" or the state profile's "TM.", "KT.", "TL." (as written).
pub fn authority_prefix(text: &str) -> Option<&'static str> {
    let t = upper(text);
    wording::AUTHORITY_SPELLINGS.iter().flat_map(|(party, state)| [*party, *state]).find(|a| t.starts_with(a))
}

/// "Đầm Hà, ngày 15 tháng 02 năm 2022" (the header's place and date line).
pub fn is_place_date(text: &str) -> bool {
    let t = normalized(text).to_lowercase();
    t.contains(", ngày ") && t.contains(" tháng ") && t.contains(" năm ") && t.len() < 120
}

/// The kind of a body paragraph from its text alone (no place, no formatting).
pub fn kind_of(text: &str) -> Kind {
    let t = normalized(text);
    let raw = text.trim_start();
    let clause = t.ends_with(';') || t.ends_with(',');
    match numbering::parse(raw) {
        Some((Label::Roman { .. }, _)) => Kind::Heading1,
        // A number then a tab is a numbered item, as the renderer writes them.
        Some((Label::Number(_), _)) if raw.split_once('\t').is_some_and(|(n, _)| n.len() <= 6) => Kind::ListItem,
        Some((Label::Number(_) | Label::Nested(..), _)) if clause => Kind::ListItem,
        Some((Label::Number(_), _)) => Kind::Heading2,
        Some((Label::Nested(..), _)) => Kind::Heading3,
        Some((Label::Letter(_), _)) => Kind::Heading3,
        Some((Label::Item(_) | Label::Dash, _)) => Kind::ListItem,
        None => Kind::Text,
    }
}

/// A paragraph in a frame outside any table (the draft mark floats so).
fn framed(p: &Para<'_>) -> bool {
    p.cell().is_none() && p.props().framed == Some(true) && non_empty(p)
}

fn non_empty(p: &Para<'_>) -> bool {
    !p.text().trim().is_empty()
}

/// A style whose name says it is a list ("List Number", "List Paragraph").
fn list_style(p: &Para<'_>) -> bool {
    let name = p.style_name().or(p.style()).unwrap_or("").to_lowercase();
    name.starts_with("list") || name.contains("danh sách")
}

/// A style whose name says it belongs to a table (a caption, unit or source line).
fn note_style(p: &Para<'_>) -> bool {
    let name = p.style_name().or(p.style()).unwrap_or("").to_lowercase();
    ["caption", "chú thích", "đơn vị tính", "nguồn", "table unit", "table source", "tableunit", "tablesource"]
        .iter()
        .any(|w| name.contains(w))
}

/// Words a caption, unit or source line starts with.
fn note_words(text: &str) -> bool {
    let t = normalized(text);
    let t = t.trim_start_matches('(');
    let lower = t.to_lowercase();
    wording::CAPTION_LEADS.iter().any(|w| t.starts_with(&format!("{w} ")))
        || wording::UNIT_LABELS
            .iter()
            .any(|w| lower.starts_with(&w.to_lowercase()) && lower[w.len()..].trim_start().starts_with(':'))
        || wording::SOURCE_LABELS.iter().any(|w| lower.starts_with(&w.to_lowercase()))
        || lower.starts_with("ghi chú")
}

/// Finds the parts.
pub fn find(doc: &Document) -> Parts {
    let n = doc.len();
    let mut parts = Parts { body_end: n, ..Parts::default() };
    let text = |i: usize| upper(doc.para(i).text());

    parts.title = (0..n).find(|&i| text(i) == wording::DOCUMENT_TYPE);
    let header_end = parts.title.unwrap_or_else(|| {
        // Without a title, the header block ends after the place and date line.
        (0..n.min(40)).find(|&i| is_place_date(doc.para(i).text())).map_or(0, |i| i + 1)
    });
    header_block(doc, &mut parts, header_end);
    title_block(doc, &mut parts);
    let body_start = parts.separator.or(parts.summary.last().copied()).or(parts.title).map_or(header_end, |i| i + 1);
    parts.body_start = body_start;
    signature_block(doc, &mut parts, body_start);
    body(doc, &mut parts, body_start);
    appendices(doc, &mut parts);
    parts
}

fn header_block(doc: &Document, parts: &mut Parts, header_end: usize) {
    let text = |i: usize| upper(doc.para(i).text());
    let marks: Vec<String> =
        baocao_core::constants::URGENCY_MARKS.iter().map(|m| m.to_string()).chain(["HOẢ TỐC".to_string()]).collect();
    let draft = wording::DRAFT_MARK.to_uppercase();
    for i in 0..header_end {
        let t = text(i);
        if t == wording::PARTY_HEADING && parts.party.is_none() {
            parts.party = Some(i);
        } else if t == "*" && parts.asterisk.is_none() {
            parts.asterisk = Some(i);
        } else if (t.starts_with("SỐ ") || t.starts_with("SỐ:")) && parts.number.is_none() {
            parts.number = Some(i);
        } else if is_place_date(doc.para(i).text()) && parts.place_date.is_none() {
            parts.place_date = Some(i);
        } else if marks.contains(&t) && parts.urgency.is_none() {
            parts.urgency = Some(i);
        } else if (t.starts_with(&draft) || framed(&doc.para(i))) && parts.draft.is_none() {
            parts.draft = Some(i);
        }
    }
    let organ_end = parts.asterisk.or(parts.number).unwrap_or(header_end);
    let column = parts.number.or(parts.asterisk).and_then(|i| doc.para(i).cell()).map(|c| (c.table, c.index));
    let organs: Vec<usize> = (0..organ_end)
        .filter(|&i| non_empty(&doc.para(i)))
        .filter(|&i| ![parts.party, parts.place_date, parts.urgency, parts.draft].contains(&Some(i)))
        .filter(|&i| column.is_none() || doc.para(i).cell().map(|c| (c.table, c.index)) == column)
        .collect();
    parts.organ = organs.last().copied();
    if organs.len() >= 2 {
        parts.superior = organs.first().copied();
    }
}

fn title_block(doc: &Document, parts: &mut Parts) {
    let Some(t) = parts.title else { return };
    let mut i = t + 1;
    while i < doc.len() && i <= t + 6 {
        let s = normalized(doc.para(i).text());
        if !s.is_empty() && s.chars().all(|c| matches!(c, '-' | '–' | '—' | '_' | ' ')) && s.chars().count() >= 3 {
            parts.separator = Some(i);
            break;
        }
        if !s.is_empty() && kind_of(&s) != Kind::Text && !parts.summary.is_empty() {
            break;
        }
        if !s.is_empty() {
            if parts.summary.len() == 3 {
                break;
            }
            parts.summary.push(i);
        }
        i += 1;
    }
    if parts.separator.is_none() {
        parts.summary.truncate(1);
    }
}

/// "NƠI NHẬN" (the recipients heading, colon aside) and "PHỤ LỤC", as compared.
fn recipients_word() -> String {
    wording::RECIPIENTS_HEADING.trim_end_matches(':').to_uppercase()
}

fn appendix_word() -> String {
    wording::APPENDIX.to_uppercase()
}

fn signature_block(doc: &Document, parts: &mut Parts, body_start: usize) {
    let n = doc.len();
    let text = |i: usize| upper(doc.para(i).text());
    let (recipients, appendix) = (recipients_word(), appendix_word());
    parts.authority =
        (body_start..n).find(|&i| authority_prefix(doc.para(i).text()).is_some() && doc.para(i).text().len() < 120);
    parts.recipients_heading = (body_start..n).find(|&i| text(i).starts_with(&recipients));
    let first = [parts.authority, parts.recipients_heading].into_iter().flatten().min();
    if let Some(f) = first {
        // The whole table the block sits in.
        parts.body_end = match doc.para(f).cell() {
            Some(c) => doc.tables[top_table(doc, c.table)].paragraphs.start.min(f),
            None => f,
        };
    }
    if let Some(a) = parts.authority {
        let place = |i: usize| doc.para(i).cell_index();
        let block: Vec<usize> = (a + 1..n)
            .take_while(|&i| place(i) == place(a))
            .take_while(|&i| {
                let t = text(i);
                !t.starts_with(&recipients) && !t.starts_with(&appendix) && !doc.para(i).ends_section() || i == a + 1
            })
            .filter(|&i| non_empty(&doc.para(i)))
            .take(8)
            .collect();
        parts.position = block.first().copied();
        if block.len() >= 2 {
            parts.name = block.last().copied();
        }
    }
    if let Some(r) = parts.recipients_heading {
        let mut i = r + 1;
        while i < n && i < r + 200 {
            let s = normalized(doc.para(i).text());
            let same = doc.para(i).cell_index() == doc.para(r).cell_index();
            if !same || !(s.is_empty() || s.starts_with('-') || s.starts_with('–') || s.starts_with('+')) {
                break;
            }
            if !s.is_empty() {
                parts.recipients.push(i);
            }
            i += 1;
        }
    }
}

/// The outermost table a table is nested in.
pub(crate) fn top_table(doc: &Document, mut table: usize) -> usize {
    let mut guard = 0;
    while let Some(parent) = doc.tables[table].parent {
        table = doc.cells[parent].table;
        guard += 1;
        if guard > 64 {
            break;
        }
    }
    table
}

fn body(doc: &Document, parts: &mut Parts, body_start: usize) {
    let end = parts.body_end;
    // Paragraphs next to a table: the two non-empty ones before it and the one
    // after it (outside tables), by index.
    let mut next_to_table = vec![false; end.saturating_sub(body_start)];
    let mut mark = |i: usize| {
        if (body_start..end).contains(&i) {
            next_to_table[i - body_start] = true;
        }
    };
    let mut i = body_start;
    while i < end {
        if doc.para(i).cell().is_none() {
            i += 1;
            continue;
        }
        let table = top_table(doc, doc.para(i).cell().map_or(0, |c| c.table));
        let range = doc.tables[table].paragraphs.clone();
        let before = (body_start..range.start).rev().filter(|&j| non_empty(&doc.para(j))).take(2);
        before.for_each(&mut mark);
        if let Some(j) = (range.end..end).find(|&j| non_empty(&doc.para(j))) {
            mark(j);
        }
        i = range.end.max(i + 1);
    }
    // Kinds, with the numbering read in sequence: a "1." that restarts the
    // count under a level-2 heading, not bold, begins a numbered list.
    let mut last_heading2: Option<u32> = None;
    let mut in_items = false;
    for i in body_start..end {
        let p = doc.para(i);
        if p.cell().is_some() || !non_empty(&p) {
            continue;
        }
        let mut kind = kind_of(p.text());
        if next_to_table[i - body_start]
            && kind != Kind::Heading1
            && (note_style(&p) || note_words(p.text()) || looks_like_note(&p))
        {
            kind = Kind::TableNote;
        } else if matches!(kind, Kind::Heading2 | Kind::Heading3 | Kind::Text)
            && (list_style(&p) || p.props().auto_numbered == Some(true))
            && !bold(&p)
        {
            // A list in a list style or with Word's numbering; a bold one is a
            // heading numbered by Word (the checker says so).
            kind = Kind::ListItem;
        }
        if kind == Kind::Heading2 {
            let n = match numbering::parse(p.text()) {
                Some((Label::Number(n), _)) => n,
                _ => 0,
            };
            let restart = n == 1 && last_heading2.is_some_and(|k| k >= 1);
            if (restart || in_items) && !bold(&p) {
                kind = Kind::ListItem;
                in_items = true;
            } else {
                last_heading2 = Some(n);
                in_items = false;
            }
        } else if kind == Kind::Heading1 {
            last_heading2 = None;
            in_items = false;
        } else if kind != Kind::ListItem {
            in_items = false;
        }
        parts.body.push((i, kind));
    }
}

/// Whether every run with text is bold.
fn bold(p: &Para<'_>) -> bool {
    let mut runs = p.runs().filter(|r| !r.text().trim().is_empty()).peekable();
    runs.peek().is_some() && runs.all(|r| r.props().bold == Some(true))
}

/// A short line set apart like a caption (centred and bold) or a unit or source
/// line (italic, not justified).
fn looks_like_note(p: &Para<'_>) -> bool {
    let t = normalized(p.text());
    if t.chars().count() > 200 || t.ends_with(':') {
        return false;
    }
    let align = p.props().align.unwrap_or(Align::Left);
    let runs: Vec<_> = p.runs().filter(|r| !r.text().trim().is_empty()).collect();
    let all = |f: &dyn Fn(&crate::RunProps) -> bool| !runs.is_empty() && runs.iter().all(|r| f(r.props()));
    (align == Align::Center && all(&|r| r.bold == Some(true)))
        || (align != Align::Both && all(&|r| r.italic == Some(true)))
}

fn appendices(doc: &Document, parts: &mut Parts) {
    let last_block = [parts.name, parts.recipients.last().copied(), parts.authority].into_iter().flatten().max();
    let from = last_block.map_or(parts.body_end, |i| i + 1);
    let n = doc.len();
    let lead = wording::APPENDIX_NOTE_LEAD.to_uppercase();
    let appendix = appendix_word();
    for i in from..n {
        let p = doc.para(i);
        let t = upper(p.text());
        if p.cell().is_none() && t.starts_with(&appendix) && t.split(' ').count() <= 3 {
            let next = |from: usize| {
                (from..n.min(from + 4)).find(|&j| non_empty(&doc.para(j)) && doc.para(j).cell().is_none())
            };
            let title = next(i + 1);
            let note = title.and_then(|t| next(t + 1)).filter(|&j| upper(doc.para(j).text()).starts_with(&lead));
            parts.appendices.push(Appendix { heading: i, title, note });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_gives_the_kind() {
        assert_eq!(kind_of("I- KẾT QUẢ"), Kind::Heading1);
        assert_eq!(kind_of("IV. HẠN CHẾ"), Kind::Heading1);
        assert_eq!(kind_of("1. Công tác"), Kind::Heading2);
        assert_eq!(kind_of("5.2. Bảo đảm"), Kind::Heading3);
        assert_eq!(kind_of("a) Chương trình"), Kind::Heading3);
        assert_eq!(kind_of("đ) Chương trình"), Kind::Heading3);
        assert_eq!(kind_of("- 19/19 xã"), Kind::ListItem);
        assert_eq!(kind_of("1.\tTăng cường sự lãnh đạo;"), Kind::ListItem);
        assert_eq!(kind_of("2. Đổi mới nội dung;"), Kind::ListItem);
        assert_eq!(kind_of("(1) Tăng cường"), Kind::ListItem);
        assert_eq!(kind_of("Ikan. chữ"), Kind::Text);
        assert_eq!(kind_of("2012 là năm"), Kind::Text);
        assert_eq!(kind_of("Việc tổng kết"), Kind::Text);
    }

    #[test]
    fn the_place_and_date_line_is_recognised() {
        assert!(is_place_date("Hòa Lâm, ngày 15 tháng 02 năm 2022"));
        assert!(is_place_date("Hòa Lâm, ngày      tháng      năm 2022"));
        assert!(!is_place_date("Thực hiện Công văn số 807-CV/TU, ngày 24/12/2021"));
        assert!(note_words("(Đơn vị tính: triệu đồng)"));
        assert!(note_words("ĐVT: người"));
        assert!(note_words("Đvt: người"));
        assert!(!note_words("Đơn vị cấp trên đã chỉ đạo"));
    }
}
