//! Finding the parts of a Party report by their content and position, not by
//! style names: the header block (everything before "BÁO CÁO"), the title and
//! summary, the body, the signature and recipients, the appendices.

use crate::model::{Doc, Para};

/// The kind of a body paragraph, from its literal numbering.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// "I- KẾT QUẢ …" / "I. …".
    Heading1,
    /// "1. …".
    Heading2,
    /// "1.1. …" / "a) …".
    Heading3,
    /// "- …", "+ …".
    ListItem,
    /// A body paragraph.
    Text,
    /// A table's caption, unit or source line ("Bảng 1. …", "Đơn vị tính: …",
    /// "Nguồn: …") next to the table: table furniture, not body text.
    TableNote,
}

/// An appendix: its "Phụ lục N" line, title and "(Kèm theo …)" line.
#[derive(Debug, Clone, Default)]
pub struct Appendix {
    pub heading: usize,
    pub title: Option<usize>,
    pub note: Option<usize>,
}

/// Where each part of the report is (paragraph indexes).
#[derive(Debug, Clone, Default)]
pub struct Parts {
    pub superior: Option<usize>,
    pub organ: Option<usize>,
    pub asterisk: Option<usize>,
    pub number: Option<usize>,
    pub party: Option<usize>,
    pub place_date: Option<usize>,
    pub title: Option<usize>,
    pub summary: Vec<usize>,
    pub separator: Option<usize>,
    /// Body paragraphs outside tables, with their kind.
    pub body: Vec<(usize, Kind)>,
    pub authority: Option<usize>,
    pub position: Option<usize>,
    pub name: Option<usize>,
    pub recipients_heading: Option<usize>,
    pub recipients: Vec<usize>,
    pub appendices: Vec<Appendix>,
    /// The end of the body (the first paragraph of the signature block).
    pub body_end: usize,
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

/// The signing authority at the start of a line ("T/M", "K/T", "T/L", or the
/// state profile's "TM." / "KT." / "TL.").
pub fn authority_prefix(text: &str) -> Option<&'static str> {
    let t = upper(text);
    ["T/M", "K/T", "T/L", "TM.", "KT.", "TL."].into_iter().find(|a| t.starts_with(a))
}

fn is_roman_heading(t: &str) -> bool {
    let head: String = t.chars().take_while(|c| "IVXLC".contains(*c)).collect();
    !head.is_empty() && {
        let rest = &t[head.len()..];
        (rest.starts_with('-') || rest.starts_with('.')) && rest[1..].starts_with(' ')
    }
}

/// The kind of a body paragraph from its text.
pub fn kind_of(text: &str) -> Kind {
    let t = normalized(text);
    // A numbered list item: its number then a tab ("1.\t…"), or a clause
    // ending in ";" or "," (a heading is a title, not a clause).
    let raw = text.trim_start();
    let numbered = raw.split_once('\t').is_some_and(|(n, _)| {
        !n.is_empty() && n.len() <= 6 && n.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ')')
    });
    if numbered || (t.ends_with(';') || t.ends_with(',')) && t.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return Kind::ListItem;
    }
    if is_roman_heading(&t) {
        return Kind::Heading1;
    }
    let digits: String = t.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
    if !digits.is_empty() && t[digits.len()..].starts_with(' ') && digits.ends_with('.') {
        let dots = digits.matches('.').count();
        let starts_with_digit = digits.starts_with(|c: char| c.is_ascii_digit());
        if starts_with_digit && dots == 1 {
            return Kind::Heading2;
        }
        if starts_with_digit && dots == 2 {
            return Kind::Heading3;
        }
    }
    let mut chars = t.chars();
    if let (Some(a), Some(')'), Some(' ')) = (chars.next(), chars.next(), chars.next()) {
        if a.is_lowercase() {
            return Kind::Heading3;
        }
    }
    if t.starts_with("- ") || t.starts_with("+ ") || t.starts_with("– ") || t.starts_with("• ") {
        return Kind::ListItem;
    }
    Kind::Text
}

fn non_empty(p: &Para) -> bool {
    !p.text.trim().is_empty()
}

/// Finds the parts.
pub fn find(doc: &Doc) -> Parts {
    let ps = &doc.paragraphs;
    let mut parts = Parts { body_end: ps.len(), ..Parts::default() };
    let text = |i: usize| upper(&ps[i].text);

    parts.title = (0..ps.len()).find(|&i| text(i) == "BÁO CÁO");
    let header_end = parts.title.unwrap_or_else(|| {
        // Without a title, the header block ends after the place and date line.
        (0..ps.len().min(40)).find(|&i| is_place_date(&ps[i].text)).map_or(0, |i| i + 1)
    });

    // The header block.
    for (i, p) in ps.iter().enumerate().take(header_end) {
        let t = upper(&p.text);
        if t == "ĐẢNG CỘNG SẢN VIỆT NAM" && parts.party.is_none() {
            parts.party = Some(i);
        } else if t == "*" && parts.asterisk.is_none() {
            parts.asterisk = Some(i);
        } else if (t.starts_with("SỐ ") || t.starts_with("SỐ:")) && parts.number.is_none() {
            parts.number = Some(i);
        } else if is_place_date(&p.text) && parts.place_date.is_none() {
            parts.place_date = Some(i);
        }
    }
    let organ_end = parts.asterisk.or(parts.number).unwrap_or(header_end);
    let column = parts.number.or(parts.asterisk).and_then(|i| ps[i].cell).map(|c| (c.0, c.2));
    let marks = ["KHẨN", "THƯỢNG KHẨN", "HỎA TỐC", "HOẢ TỐC"];
    let organs: Vec<usize> = (0..organ_end)
        .filter(|&i| non_empty(&ps[i]))
        .filter(|&i| Some(i) != parts.party && Some(i) != parts.place_date)
        .filter(|&i| !marks.contains(&text(i).as_str()) && !text(i).starts_with("DỰ THẢO"))
        .filter(|&i| column.is_none() || ps[i].cell.map(|c| (c.0, c.2)) == column)
        .collect();
    parts.organ = organs.last().copied();
    if organs.len() >= 2 {
        parts.superior = organs.first().copied();
    }

    // Title, summary, separator.
    if let Some(t) = parts.title {
        let mut i = t + 1;
        while i < ps.len() && i <= t + 6 {
            let s = normalized(&ps[i].text);
            if !s.is_empty() && s.chars().all(|c| c == '-' || c == '–' || c == '—' || c == ' ') && s.len() >= 3 {
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
    let body_start = parts.separator.or(parts.summary.last().copied()).or(parts.title).map_or(header_end, |i| i + 1);

    // Signature and recipients.
    let after = |from: usize| from..ps.len();
    parts.authority = after(body_start).find(|&i| authority_prefix(&ps[i].text).is_some() && ps[i].text.len() < 120);
    parts.recipients_heading = after(body_start).find(|&i| text(i).starts_with("NƠI NHẬN"));
    let first = [parts.authority, parts.recipients_heading].into_iter().flatten().min();
    if let Some(f) = first {
        // The whole table the block sits in.
        parts.body_end = match ps[f].cell {
            Some((table, _, _)) => (0..=f).find(|&i| ps[i].cell.is_some_and(|c| c.0 == table)).unwrap_or(f),
            None => f,
        };
    }
    if let Some(a) = parts.authority {
        let same_place = |i: usize| match (ps[a].cell, ps[i].cell) {
            (Some(x), Some(y)) => x == y,
            (None, None) => true,
            _ => false,
        };
        let block: Vec<usize> = after(a + 1)
            .take_while(|&i| same_place(i))
            .take_while(|&i| {
                let t = text(i);
                !t.starts_with("NƠI NHẬN") && !t.starts_with("PHỤ LỤC") && !ps[i].ends_section || i == a + 1
            })
            .filter(|&i| non_empty(&ps[i]))
            .take(8)
            .collect();
        parts.position = block.first().copied();
        if block.len() >= 2 {
            parts.name = block.last().copied();
        }
    }
    if let Some(r) = parts.recipients_heading {
        let mut i = r + 1;
        while i < ps.len() && i < r + 40 {
            let s = normalized(&ps[i].text);
            let same = ps[i].cell == ps[r].cell;
            if !same || !(s.is_empty() || s.starts_with('-') || s.starts_with('–') || s.starts_with('+')) {
                break;
            }
            if !s.is_empty() {
                parts.recipients.push(i);
            }
            i += 1;
        }
    }

    // The body.
    let near_table = |i: usize| {
        let lo = i.saturating_sub(2);
        (lo..(i + 3).min(ps.len())).any(|j| ps[j].cell.is_some())
    };
    for (i, p) in ps.iter().enumerate().take(parts.body_end).skip(body_start) {
        if p.cell.is_none() && non_empty(p) {
            let t = normalized(&p.text);
            let note =
                ["Bảng ", "Biểu ", "Đơn vị tính", "Nguồn:", "(Nguồn", "Ghi chú:"].iter().any(|n| t.starts_with(n));
            let kind = if note && near_table(i) { Kind::TableNote } else { kind_of(&p.text) };
            parts.body.push((i, kind));
        }
    }

    // Appendices.
    let last_block = [parts.name, parts.recipients.last().copied(), parts.authority].into_iter().flatten().max();
    let from = last_block.map_or(parts.body_end, |i| i + 1);
    for i in from..ps.len() {
        let t = text(i);
        if ps[i].cell.is_none() && t.starts_with("PHỤ LỤC") && t.split(' ').count() <= 3 {
            let next =
                |from: usize| (from..ps.len().min(from + 4)).find(|&j| non_empty(&ps[j]) && ps[j].cell.is_none());
            let title = next(i + 1);
            let note = title.and_then(|t| next(t + 1)).filter(|&j| text(j).starts_with("(KÈM THEO"));
            parts.appendices.push(Appendix { heading: i, title, note });
        }
    }
    parts
}

/// "Đầm Hà, ngày 15 tháng 02 năm 2022" (the header's place and date line).
pub fn is_place_date(text: &str) -> bool {
    let t = normalized(text).to_lowercase();
    t.contains(", ngày ") && t.contains(" tháng ") && t.contains(" năm ") && t.len() < 120
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
        assert_eq!(kind_of("Ikan. chữ"), Kind::Text);
        assert_eq!(kind_of("2012 là năm"), Kind::Text);
        assert_eq!(kind_of("Việc tổng kết"), Kind::Text);
    }

    #[test]
    fn the_place_and_date_line_is_recognised() {
        assert!(is_place_date("Hòa Lâm, ngày 15 tháng 02 năm 2022"));
        assert!(!is_place_date("Thực hiện Công văn số 807-CV/TU, ngày 24/12/2021"));
    }
}
