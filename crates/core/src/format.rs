//! Formatting rules of Party documents (Hướng dẫn 36-HD/VPTW), as pure functions.
//! Depends on `constants` (the fixed facts), never the other way round.

use chrono::NaiveDate;

use crate::constants::{DocumentRef, REPORT_TYPE_CODE};
use crate::IssueDate;

impl DocumentRef {
    /// The full in-text reference: `Chỉ thị số 20-CT/TW, ngày 05/11/2012 của Bộ Chính trị`.
    ///
    /// ```
    /// assert_eq!(
    ///     baocao_core::CHI_THI_20.citation(),
    ///     "Chỉ thị số 20-CT/TW, ngày 05/11/2012 của Bộ Chính trị (khóa XI)"
    /// );
    /// ```
    pub fn citation(&self) -> String {
        format!("{} số {}, ngày {} của {}", self.kind, self.symbol, reference_date(self.date), self.issuer)
    }
}

/// Room left for a number written by hand ("Số       -BC/HU"): six spaces, the
/// width of three digits at the same size.
pub const NUMBER_BLANK: &str = "      ";

/// Room left for a day or month written by hand ("ngày     tháng"): four spaces,
/// the width of two digits.
pub const DAY_BLANK: &str = "    ";

/// Number and symbol: `Số 05-BC/HU`. Numbers under 10 get a leading zero; no
/// colon. Without a number (the office writes it at registration) the room for
/// it is left blank: `Số       -BC/HU`.
///
/// ```
/// use baocao_core::format::document_number;
/// assert_eq!(document_number(Some(5), "HU"), "Số 05-BC/HU");
/// assert_eq!(document_number(Some(125), "HU"), "Số 125-BC/HU");
/// assert_eq!(document_number(None, "HU"), "Số       -BC/HU");
/// ```
pub fn document_number(number: Option<i64>, organ_code: &str) -> String {
    format!("Số {}", document_symbol(number, organ_code))
}

/// The symbol alone: `125-BC/HU` (`      -BC/HU` without a number).
pub fn document_symbol(number: Option<i64>, organ_code: &str) -> String {
    match number {
        Some(n) => format!("{n:02}-{REPORT_TYPE_CODE}/{organ_code}"),
        None => format!("{NUMBER_BLANK}-{REPORT_TYPE_CODE}/{organ_code}"),
    }
}

fn day(d: u32) -> String {
    format!("{d:02}")
}

fn month(m: u32) -> String {
    if m <= 2 {
        format!("{m:02}")
    } else {
        m.to_string()
    }
}

/// The spelled-out header date: `ngày 05 tháng 02 năm 2022`, `ngày 03 tháng 4 năm 2018`.
/// Days 1–9 and months 1–2 get a leading zero.
///
/// ```
/// use baocao_core::format::header_date;
/// use chrono::NaiveDate;
/// let d = NaiveDate::from_ymd_opt(2018, 4, 3).unwrap();
/// assert_eq!(header_date(d), "ngày 03 tháng 4 năm 2018");
/// ```
pub fn header_date(date: NaiveDate) -> String {
    issue_header_date(date.into())
}

/// The header date of a date of issue, with room for what the office writes by
/// hand: `ngày 15 tháng 02 năm 2022`, `ngày     tháng 02 năm 2022`,
/// `ngày     tháng     năm 2022`.
///
/// ```
/// use baocao_core::{format::{issue_header_date, DAY_BLANK}, IssueDate};
/// let blank = format!("ngày {DAY_BLANK} tháng {DAY_BLANK} năm 2022");
/// assert_eq!(issue_header_date(IssueDate::year_only(2022)), blank);
/// ```
pub fn issue_header_date(date: IssueDate) -> String {
    let d = date.day().map_or_else(|| DAY_BLANK.to_string(), day);
    let m = date.month().map_or_else(|| DAY_BLANK.to_string(), month);
    format!("ngày {d} tháng {m} năm {}", date.year())
}

/// The place-and-date line: `Đầm Hà, ngày 15 tháng 02 năm 2022`.
pub fn place_and_date(place: &str, date: IssueDate) -> String {
    format!("{place}, {}", issue_header_date(date))
}

/// The in-text reference date: `05/11/2012`, `03/4/2018`.
///
/// ```
/// use baocao_core::format::reference_date;
/// use chrono::NaiveDate;
/// assert_eq!(reference_date(NaiveDate::from_ymd_opt(2012, 11, 5).unwrap()), "05/11/2012");
/// assert_eq!(reference_date(NaiveDate::from_ymd_opt(2018, 4, 3).unwrap()), "03/4/2018");
/// ```
pub fn reference_date(date: NaiveDate) -> String {
    issue_reference_date(date.into())
}

/// The in-text date of a date of issue, with room for what the office writes
/// by hand: `15/02/2022`, `    /02/2022`, `    /    /2022`.
pub fn issue_reference_date(date: IssueDate) -> String {
    let d = date.day().map_or_else(|| DAY_BLANK.to_string(), day);
    let m = date.month().map_or_else(|| DAY_BLANK.to_string(), month);
    format!("{d}/{m}/{}", date.year())
}

/// A date of issue in a message: "15/02/2022", "tháng 02/2022" / "02/2022",
/// "năm 2022" / "2022".
pub fn issue_date_words(date: IssueDate, lang: crate::Lang) -> String {
    match (date.month(), date.day()) {
        (Some(_), Some(_)) => issue_reference_date(date),
        (Some(m), None) => format!("{}{m:02}/{}", lang.pick("tháng ", ""), date.year()),
        _ => format!("{}{}", lang.pick("năm ", ""), date.year()),
    }
}

/// The number as written (the shortest decimal that reads back as the same
/// value: 95.55, not 95.549999…) rounded half away from zero to `d` decimals, as
/// Excel and LibreOffice round what they show: 95.55 → "95.6", 2.5 → "3",
/// 1.005 → "1.01", -0.25 → "-0.3". Plain notation with "." for decimals.
fn rounded(value: f64, d: u8) -> String {
    let written = format!("{}", value.abs());
    let (int, frac) = written.split_once('.').unwrap_or((&written, ""));
    let d = usize::from(d);
    let mut digits: Vec<u8> = int.bytes().chain(frac.bytes().chain(std::iter::repeat(b'0')).take(d)).collect();
    if frac.as_bytes().get(d).is_some_and(|&b| b >= b'5') {
        // Carry the one upwards.
        let mut i = digits.len();
        loop {
            if i == 0 {
                digits.insert(0, b'1');
                break;
            }
            i -= 1;
            if digits[i] == b'9' {
                digits[i] = b'0';
            } else {
                digits[i] += 1;
                break;
            }
        }
    }
    let split = digits.len() - d;
    let (i, f) = digits.split_at(split);
    let mut out = String::with_capacity(digits.len() + 2);
    if value < 0.0 && digits.iter().any(|&b| b != b'0') {
        out.push('-');
    }
    out.push_str(std::str::from_utf8(i).unwrap_or("0"));
    if d > 0 {
        out.push('.');
        out.push_str(std::str::from_utf8(f).unwrap_or("0"));
    }
    out
}

/// A number in Vietnamese notation: "." groups thousands, "," marks decimals.
/// `decimals` fixes the number of decimals; `None` prints the shortest form.
///
/// ```
/// use baocao_core::format::number;
/// assert_eq!(number(1234567.0, None), "1.234.567");
/// assert_eq!(number(12.5, None), "12,5");
/// assert_eq!(number(84.0, Some(1)), "84,0");
/// ```
pub fn number(value: f64, decimals: Option<u8>) -> String {
    if !value.is_finite() {
        return "-".to_string();
    }
    let plain = match decimals {
        Some(d) => rounded(value, d),
        None => format!("{value}"),
    };
    let (sign, digits) = match plain.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", plain.as_str()),
    };
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let mut out = String::with_capacity(plain.len() + int.len() / 3);
    // "-0" after rounding prints as "0".
    if !(sign == "-" && int.bytes().all(|b| b == b'0') && frac.is_none_or(|f| f.bytes().all(|b| b == b'0'))) {
        out.push_str(sign);
    }
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push(',');
        out.push_str(f);
    }
    out
}

/// What a table cell prints, and whether it is a figure (right-aligned): a
/// number in Vietnamese notation with the column's decimals, "-" for an empty
/// cell, text as written (a figure if it looks like one: "12.450", "82,5%").
///
/// ```
/// use baocao_core::{format::cell_text, Cell};
/// assert_eq!(cell_text(Some(&Cell::Number(2.74)), Some(1)), ("2,7".to_string(), true));
/// assert_eq!(cell_text(Some(&Cell::Empty), None), ("-".to_string(), true));
/// assert_eq!(cell_text(Some(&Cell::from("Bảo vệ")), None), ("Bảo vệ".to_string(), false));
/// ```
pub fn cell_text(cell: Option<&crate::Cell>, decimals: Option<u8>) -> (String, bool) {
    match cell {
        Some(crate::Cell::Text(text)) => (text.to_string(), looks_numeric(text)),
        Some(crate::Cell::Number(x)) => (number(*x, decimals), true),
        Some(crate::Cell::Empty) => ("-".to_string(), true),
        None => (String::new(), false),
    }
}

/// Whether a text looks like a figure ("12.450", "82,5%", "-"): digits with
/// separators, signs and percent signs only.
pub fn looks_numeric(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty()
        && s.chars().any(|c| c.is_ascii_digit())
        && s.chars().all(|c| c.is_ascii_digit() || ".,%-+ ".contains(c))
}

/// A number read back from Vietnamese notation, with the decimals it shows:
/// "1.234.567" → (1234567, 0), "12,5" → (12.5, 1), "-1.234,25" → (-1234.25, 2).
/// `None` for anything else ("12.45", "82,5%", "1,2,3").
///
/// ```
/// use baocao_core::format::parse_number;
/// assert_eq!(parse_number("1.234,5"), Some((1234.5, 1)));
/// assert_eq!(parse_number("23.347"), Some((23347.0, 0)));
/// assert_eq!(parse_number("12.45"), None);
/// ```
pub fn parse_number(s: &str) -> Option<(f64, usize)> {
    let t = s.trim();
    let (negative, t) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t),
    };
    let (int, frac) = match t.split_once(',') {
        Some((i, f)) => (i, Some(f)),
        None => (t, None),
    };
    let groups: Vec<&str> = int.split('.').collect();
    let grouped = groups.iter().enumerate().all(|(k, g)| {
        !g.is_empty()
            && g.bytes().all(|b| b.is_ascii_digit())
            && (if k == 0 { g.len() <= 3 || groups.len() == 1 } else { g.len() == 3 })
    });
    if !grouped || frac.is_some_and(|f| f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let plain: String = groups.concat();
    let text = match frac {
        Some(f) => format!("{plain}.{f}"),
        None => plain,
    };
    let value: f64 = text.parse().ok()?;
    Some((if negative { -value } else { value }, frac.map_or(0, str::len)))
}

/// A recipient line as printed: `- Ban Thường vụ Tỉnh ủy (b/c),` or, for the last,
/// `- Lưu Văn phòng Huyện ủy.`. A leading "-" and trailing punctuation in the input
/// are replaced, so authors may type them or not.
///
/// ```
/// use baocao_core::format::recipient_line;
/// assert_eq!(recipient_line("Ban Thường vụ Tỉnh ủy (b/c)", false), "- Ban Thường vụ Tỉnh ủy (b/c),");
/// assert_eq!(recipient_line("- Lưu Văn phòng Huyện ủy;", true), "- Lưu Văn phòng Huyện ủy.");
/// ```
pub fn recipient_line(recipient: &str, last: bool) -> String {
    let core = recipient_core(recipient);
    format!("- {core}{}", if last { "." } else { "," })
}

/// A recipient without its leading dashes and its trailing punctuation.
///
/// Every leading dash goes, not just one, and en and em dashes with it (what
/// Word's autocorrect makes of a typed "-"): a line printed from the result
/// reads back as the same recipient, however many dashes were typed.
///
/// ```
/// use baocao_core::format::recipient_core;
/// assert_eq!(recipient_core("– - Lưu VP;"), "Lưu VP");
/// assert_eq!(recipient_core("--"), "");
/// ```
pub fn recipient_core(recipient: &str) -> &str {
    recipient
        .trim_start_matches(|c: char| matches!(c, '-' | '–' | '—') || c.is_whitespace())
        .trim_end_matches(|c: char| matches!(c, ',' | '.' | ';') || c.is_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).expect("valid")
    }

    #[test]
    fn numbers_and_symbols() {
        assert_eq!(document_number(Some(5), "HU"), "Số 05-BC/HU");
        assert_eq!(document_number(Some(10), "QU"), "Số 10-BC/QU");
        assert_eq!(document_number(Some(125), "HU"), "Số 125-BC/HU");
        assert_eq!(document_symbol(Some(7), "ĐU"), "07-BC/ĐU");
        assert_eq!(document_symbol(None, "HU"), "      -BC/HU");
    }

    #[test]
    fn header_dates_follow_the_padding_rule() {
        assert_eq!(header_date(d(2022, 2, 5)), "ngày 05 tháng 02 năm 2022");
        assert_eq!(header_date(d(2018, 4, 3)), "ngày 03 tháng 4 năm 2018");
        assert_eq!(header_date(d(2018, 2, 20)), "ngày 20 tháng 02 năm 2018");
        assert_eq!(header_date(d(2022, 1, 15)), "ngày 15 tháng 01 năm 2022");
        assert_eq!(header_date(d(2022, 12, 31)), "ngày 31 tháng 12 năm 2022");
        assert_eq!(place_and_date("Đầm Hà", d(2022, 2, 15).into()), "Đầm Hà, ngày 15 tháng 02 năm 2022");
        let month = IssueDate::year_month(2022, 2).expect("month");
        assert_eq!(place_and_date("Nậm San", month), "Nậm San, ngày      tháng 02 năm 2022");
        assert_eq!(place_and_date("Nậm San", IssueDate::year_only(2022)), "Nậm San, ngày      tháng      năm 2022");
        assert_eq!(issue_reference_date(month), "    /02/2022");
        assert_eq!(issue_reference_date(IssueDate::year_only(2022)), "    /    /2022");
    }

    #[test]
    fn reference_dates() {
        assert_eq!(reference_date(d(2012, 11, 5)), "05/11/2012");
        assert_eq!(reference_date(d(2018, 4, 3)), "03/4/2018");
        assert_eq!(reference_date(d(2021, 12, 24)), "24/12/2021");
        assert_eq!(reference_date(d(2022, 2, 15)), "15/02/2022");
    }

    #[test]
    fn vietnamese_numbers() {
        assert_eq!(number(1234567.0, None), "1.234.567");
        assert_eq!(number(12.5, None), "12,5");
        assert_eq!(number(100.0, None), "100");
        assert_eq!(number(999.0, None), "999");
        assert_eq!(number(1000.0, None), "1.000");
        assert_eq!(number(21245.0, None), "21.245");
        assert_eq!(number(-1234.25, None), "-1.234,25");
        assert_eq!(number(84.0, Some(1)), "84,0");
        assert_eq!(number(1234.567, Some(2)), "1.234,57");
        assert_eq!(number(-0.01, Some(1)), "0,0");
        assert_eq!(number(f64::NAN, None), "-");
    }

    #[test]
    fn figures_round_as_offices_round_them() {
        // Half away from zero on the value as written, as Excel and LibreOffice show it.
        for (value, decimals, shown) in [
            (95.55, 1, "95,6"),
            (2.5, 0, "3"),
            (1.005, 2, "1,01"),
            (0.25, 1, "0,3"),
            (-0.25, 1, "-0,3"),
            (-2.5, 0, "-3"),
            (0.249, 1, "0,2"),
            (99.95, 1, "100,0"),
            (999.5, 0, "1.000"),
            (1234.567, 2, "1.234,57"),
            (84.0, 1, "84,0"),
            (0.0001, 2, "0,00"),
            (1e-7, 3, "0,000"),
            (123456789.125, 2, "123.456.789,13"),
        ] {
            assert_eq!(number(value, Some(decimals)), shown, "{value} with {decimals} decimals");
        }
    }

    #[test]
    fn recipients() {
        assert_eq!(recipient_line("Ban Thường vụ Tỉnh ủy (b/c)", false), "- Ban Thường vụ Tỉnh ủy (b/c),");
        assert_eq!(recipient_line("- Lưu Văn phòng Huyện ủy.", true), "- Lưu Văn phòng Huyện ủy.");
        assert_eq!(recipient_core("  -  Các đồng chí Ủy viên, "), "Các đồng chí Ủy viên");
        // A printed line reads back as its recipient, whatever was typed.
        for typed in ["--", "- - Đảng ủy", "—Ban Tuyên giáo", "-", "– ,", "Lưu VP -"] {
            let core = recipient_core(typed);
            assert_eq!(recipient_core(&recipient_line(typed, false)), core, "{typed:?}");
            assert_eq!(recipient_core(&recipient_line(typed, true)), core, "{typed:?}");
        }
    }
}
