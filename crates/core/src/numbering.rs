//! The numbering of Party documents, written and read in one place: Roman
//! numerals for level-1 headings ("I-" or "I."), Arabic for level 2 ("1."),
//! nested for level 3 ("1.1."), points lettered in the Vietnamese order ("a)",
//! "đ)"), numbered items ("1." with a tab, "(1)", "1)") and dash lists ("- ").
//! The renderer writes labels with [`subsection_label`], [`point_label`] and
//! [`crate::layout::Layout::roman_number`]; the checker and the reader find them
//! with [`parse`]; a label an author typed before a title is taken off with
//! [`strip`], so it is never printed twice.

/// The letters of points in Vietnamese legal and Party texts, in order: the
/// Vietnamese alphabet without ă, â, ê, ô, ơ, ư (and without f, j, w, z), with đ
/// after d. A list longer than this is not a list of points.
pub const POINT_LETTERS: [&str; 23] =
    ["a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y"];

/// The letter of the n-th point (0 → "a", 4 → "đ"), or `None` past the 23rd
/// ("y"): validation refuses a longer list.
///
/// ```
/// use baocao_core::numbering::point_letter;
/// assert_eq!(point_letter(3), Some("d"));
/// assert_eq!(point_letter(4), Some("đ"));
/// assert_eq!(point_letter(22), Some("y"));
/// assert_eq!(point_letter(23), None);
/// ```
pub fn point_letter(index: usize) -> Option<&'static str> {
    POINT_LETTERS.get(index).copied()
}

/// The label of the n-th point: "đ)". Past the 23rd (a list validation refuses)
/// the point is numbered "24)", never given a letter outside the alphabet.
pub fn point_label(index: usize) -> String {
    match point_letter(index) {
        Some(l) => format!("{l})"),
        None => format!("{})", index + 1),
    }
}

/// The position of a point's letter in the Vietnamese order ("đ" → 4), or
/// `None` for a letter that is not used (f, j, w, z, ă …).
pub fn letter_index(letter: char) -> Option<usize> {
    let mut buf = [0u8; 4];
    let s: &str = letter.encode_utf8(&mut buf);
    POINT_LETTERS.iter().position(|l| *l == s)
}

/// Roman numerals for level-1 headings and appendix groups (1 → "I").
///
/// ```
/// assert_eq!(baocao_core::numbering::roman(14), "XIV");
/// ```
pub fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// The value of a Roman numeral written as [`roman`] writes it ("XIV" → 14);
/// `None` for any other spelling ("IIII", "VX").
pub fn roman_value(s: &str) -> Option<u32> {
    let values: Vec<i64> = s
        .bytes()
        .map(|b| match b {
            b'I' => Some(1),
            b'V' => Some(5),
            b'X' => Some(10),
            b'L' => Some(50),
            b'C' => Some(100),
            b'D' => Some(500),
            b'M' => Some(1000),
            _ => None,
        })
        .collect::<Option<_>>()?;
    let total: i64 = values
        .iter()
        .enumerate()
        .map(|(i, &v)| if values.get(i + 1).is_some_and(|&next| next > v) { -v } else { v })
        .sum();
    let total = u32::try_from(total).ok().filter(|&t| t > 0 && t < 4000)?;
    (roman(total) == s).then_some(total)
}

/// The label of the subsection `index` (0-based) under a heading of level
/// `parent_level` numbered `parent_number`, and the subsection's own level:
/// "1." (level 2) under a level-1 heading, "1.2." (level 3) under "1.", and a
/// lettered point "b)" (level 4) under "1.2.".
///
/// ```
/// use baocao_core::numbering::subsection_label;
/// assert_eq!(subsection_label(1, "", 0), ("1.".to_string(), 2));
/// assert_eq!(subsection_label(2, "5", 1), ("5.2.".to_string(), 3));
/// assert_eq!(subsection_label(3, "2.1", 4), ("đ)".to_string(), 4));
/// ```
pub fn subsection_label(parent_level: u32, parent_number: &str, index: usize) -> (String, u32) {
    match parent_level {
        0 | 1 => (format!("{}.", index + 1), 2),
        2 => (format!("{parent_number}.{}.", index + 1), 3),
        _ => (point_label(index), 4),
    }
}

/// The level of lettered points under a heading of level `under`: level 3
/// under a section or a level-2 heading ("1."), level 4 under "1.1.".
pub fn points_level(under: u32) -> u32 {
    if under >= 3 {
        4
    } else {
        3
    }
}

/// A label at the start of a paragraph, as typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    /// "I-" / "IV." (`dash`: written with "-").
    Roman {
        /// The value.
        n: u32,
        /// Written "I-" rather than "I.".
        dash: bool,
    },
    /// "1." (a level-2 heading, or a numbered item followed by a tab).
    Number(u32),
    /// "1.2." (a level-3 heading); deeper ones ("1.2.3.") keep their first two.
    Nested(u32, u32),
    /// "a)", "đ)": a point; the letter as typed (lower case).
    Letter(char),
    /// "(1)" or "1)": a numbered item.
    Item(u32),
    /// "- ", "+ ", "– ", "• ": a list item.
    Dash,
}

impl Label {
    /// The label as printed: "I-" (or "I." without `dash`), "1.", "1.2.", "a)",
    /// "3)" (a numbered item "(3)" is printed "3)").
    ///
    /// ```
    /// use baocao_core::numbering::Label;
    /// assert_eq!(Label::Roman { n: 3, dash: true }.written(), "III-");
    /// assert_eq!(Label::Nested(5, 2).written(), "5.2.");
    /// assert_eq!(Label::Letter('đ').written(), "đ)");
    /// ```
    pub fn written(self) -> String {
        match self {
            Label::Roman { n, dash } => format!("{}{}", roman(n), if dash { "-" } else { "." }),
            Label::Number(n) => format!("{n}."),
            Label::Nested(a, b) => format!("{a}.{b}."),
            Label::Letter(c) => format!("{c})"),
            Label::Item(n) => format!("{n})"),
            Label::Dash => "-".to_string(),
        }
    }

    /// The heading level the label stands for (1–3), or `None` for points,
    /// items and dashes, whose level depends on where they are.
    pub fn heading_level(self) -> Option<u32> {
        match self {
            Label::Roman { .. } => Some(1),
            Label::Number(_) => Some(2),
            Label::Nested(..) => Some(3),
            _ => None,
        }
    }
}

/// The label a paragraph starts with and the text after it (and the space or
/// tab after it), or `None` when it starts with none. A label must be followed
/// by white space ("1.000 trẻ em" and "2012 là năm" are not labelled).
///
/// ```
/// use baocao_core::numbering::{parse, Label};
/// assert_eq!(parse("I- KẾT QUẢ"), Some((Label::Roman { n: 1, dash: true }, "KẾT QUẢ")));
/// assert_eq!(parse("5.1. Phối hợp"), Some((Label::Nested(5, 1), "Phối hợp")));
/// assert_eq!(parse("đ) Chương trình"), Some((Label::Letter('đ'), "Chương trình")));
/// assert_eq!(parse("(2) Tăng cường"), Some((Label::Item(2), "Tăng cường")));
/// assert_eq!(parse("1.000 trẻ em"), None);
/// ```
pub fn parse(text: &str) -> Option<(Label, &str)> {
    let t = text.trim_start_matches([' ', '\u{a0}']);
    let (label, rest) = head(t)?;
    // The label ends at white space (or the end: a heading with no title yet).
    let after = rest.trim_start_matches([' ', '\t', '\u{a0}']);
    (after.len() < rest.len() || rest.is_empty()).then_some((label, after))
}

/// The label and what follows it, not yet checked for the white space after it.
fn head(t: &str) -> Option<(Label, &str)> {
    let mut chars = t.chars();
    let first = chars.next()?;
    // Dashes and bullets.
    if matches!(first, '-' | '+' | '–' | '•') {
        return Some((Label::Dash, chars.as_str()));
    }
    // "(1)".
    if first == '(' {
        let digits = chars.as_str().bytes().take_while(u8::is_ascii_digit).count();
        let rest = &chars.as_str()[digits..];
        let n = chars.as_str()[..digits].parse().ok()?;
        return rest.strip_prefix(')').map(|r| (Label::Item(n), r));
    }
    // Roman numerals: "I-", "IV.".
    let roman_len = t.bytes().take_while(|b| b"IVXLC".contains(b)).count();
    if roman_len > 0 {
        if let (Some(n), Some(sep)) = (roman_value(&t[..roman_len]), t[roman_len..].chars().next()) {
            if sep == '-' || sep == '.' {
                return Some((Label::Roman { n, dash: sep == '-' }, &t[roman_len + 1..]));
            }
        }
    }
    // Arabic: "1.", "1.2.", "1.2.3.", "1)".
    if first.is_ascii_digit() {
        let mut numbers = Vec::new();
        let mut rest = t;
        loop {
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 || digits > 3 {
                return None;
            }
            numbers.push(rest[..digits].parse::<u32>().ok()?);
            rest = &rest[digits..];
            match rest.as_bytes().first() {
                Some(b'.') => {
                    rest = &rest[1..];
                    if !rest.starts_with(|c: char| c.is_ascii_digit()) {
                        break;
                    }
                }
                Some(b')') if numbers.len() == 1 => return Some((Label::Item(numbers[0]), &rest[1..])),
                _ => return None,
            }
        }
        return Some(match numbers.as_slice() {
            [n] => (Label::Number(*n), rest),
            [a, b, ..] => (Label::Nested(*a, *b), rest),
            [] => return None,
        });
    }
    // Points: a letter and ")".
    if first.is_lowercase() && first.is_alphabetic() {
        return chars.as_str().strip_prefix(')').map(|r| (Label::Letter(first), r));
    }
    None
}

/// A title without a label its author typed before it ("1. Công tác …" →
/// "Công tác …", "a) Chương trình …" → "Chương trình …"), so the renderer's own
/// number is not printed twice. Dashes are kept (a title does not start with one
/// by mistake).
///
/// ```
/// use baocao_core::numbering::strip;
/// assert_eq!(strip("5.1. Phối hợp liên ngành"), "Phối hợp liên ngành");
/// assert_eq!(strip("(1) Tăng cường"), "Tăng cường");
/// assert_eq!(strip("2012 là năm"), "2012 là năm");
/// ```
pub fn strip(text: &str) -> &str {
    match parse(text) {
        Some((Label::Dash, _)) | None => text.trim(),
        Some((_, rest)) => rest.trim(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_and_numerals() {
        let letters: Vec<&str> = (0..23).filter_map(point_letter).collect();
        assert_eq!(letters.join(""), "abcdđeghiklmnopqrstuvxy");
        assert_eq!(point_label(4), "đ)");
        assert_eq!(point_label(23), "24)");
        assert_eq!(letter_index('đ'), Some(4));
        assert_eq!(letter_index('f'), None);
        for n in 1..40 {
            assert_eq!(roman_value(&roman(n)), Some(n), "{n}");
        }
        assert_eq!(roman_value("IIII"), None);
        assert_eq!(roman_value("VX"), None);
    }

    #[test]
    fn labels_are_read_as_typed() {
        assert_eq!(parse("IV. HẠN CHẾ"), Some((Label::Roman { n: 4, dash: false }, "HẠN CHẾ")));
        assert_eq!(parse("1. Công tác"), Some((Label::Number(1), "Công tác")));
        assert_eq!(parse("1.\tTăng cường"), Some((Label::Number(1), "Tăng cường")));
        assert_eq!(parse("12) mục"), Some((Label::Item(12), "mục")));
        assert_eq!(parse("2.1.3. sâu"), Some((Label::Nested(2, 1), "sâu")));
        assert_eq!(parse("- 19/19 xã"), Some((Label::Dash, "19/19 xã")));
        assert_eq!(parse("Ikan. chữ"), None);
        assert_eq!(parse("I.Không cách"), None);
        assert_eq!(parse("2012 là năm"), None);
        assert_eq!(parse("Việc tổng kết"), None);
        assert_eq!(parse("e) "), Some((Label::Letter('e'), "")));
        assert_eq!(Label::Nested(1, 2).heading_level(), Some(3));
    }
}
