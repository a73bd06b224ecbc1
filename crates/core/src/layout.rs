//! The layout profile: every size, margin, spacing and choice of the rendered
//! document in one plain struct, shared by the renderer (`baocao-docx`, which
//! re-exports it) and the checker (`baocao-check`): one source of truth, defaulting to the Party document rules
//! (Hướng dẫn số 36-HD/VPTW, ngày 03/4/2018; see `docs/layout.md` in the repository).
//!
//! Units: lengths in twips (1/20 pt; 1 mm = 56.7 twips), font sizes in half-points
//! (28 = 14 pt), as Word stores them.

use crate::lang::Message;

/// How level-1 headings are numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RomanStyle {
    /// "I- KẾT QUẢ …" (the default).
    Dash,
    /// "I. KẾT QUẢ …".
    Dot,
}

/// Line spacing of body text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineSpacing {
    /// Exactly this many twips (360 = 18 pt).
    Exact(u32),
    /// A multiple of single spacing in 240ths (240 = single, 360 = 1.5 lines).
    Multiple(u32),
}

/// Every layout choice. `Layout::default()` is the Party profile.
///
/// ```
/// use baocao_core::layout::{Layout, RomanStyle};
/// let mut layout = Layout::default();
/// layout.roman_style = RomanStyle::Dot; // "I." instead of "I-"
/// layout.body_size = 30;                // 15 pt body, also allowed
/// assert_eq!(layout.text_width(), 11906 - 1701 - 850);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// Page width: A4, 210 mm.
    pub page_width: u32,
    /// Page height: A4, 297 mm.
    pub page_height: u32,
    /// Top margin, default 20 mm.
    pub margin_top: u32,
    /// Bottom margin, default 20 mm.
    pub margin_bottom: u32,
    /// Left margin, default 30 mm.
    pub margin_left: u32,
    /// Right margin, default 15 mm.
    pub margin_right: u32,
    /// Distance of the page number from the top edge, about 10 mm.
    pub header_distance: u32,
    /// Distance of the footer from the bottom edge.
    pub footer_distance: u32,
    /// Font for every script slot (ascii, hAnsi, eastAsia, cs): Times New Roman.
    pub font: String,
    /// Language of the text, for Word's spelling and hyphenation: vi-VN.
    pub language: String,
    /// Body text size, 14 pt (14–15 allowed).
    pub body_size: u32,
    /// First-line indent of body paragraphs, default 10 mm.
    pub first_line_indent: u32,
    /// Space after each body paragraph, at least 6 pt.
    pub paragraph_spacing: u32,
    /// Body line spacing, default exactly 18 pt.
    pub line_spacing: LineSpacing,
    /// Share of the text width taken by the left column of the header block
    /// and of the signature block, in percent (about 45 %).
    pub left_column_percent: u32,
    /// Size of the header-block lines (organ, number, place-date), 14 pt.
    pub header_size: u32,
    /// Size of "ĐẢNG CỘNG SẢN VIỆT NAM", 15 pt.
    pub party_heading_size: u32,
    /// Size of "BÁO CÁO", default 16 pt (15–16 allowed).
    pub title_size: u32,
    /// Size of the summary line (trích yếu), 14 pt.
    pub summary_size: u32,
    /// Level-1 numbering: "I-" (default) or "I.".
    pub roman_style: RomanStyle,
    /// Level-3 headings are bold italic (default) rather than bold only.
    pub heading3_italic: bool,
    /// The signature position line ("PHÓ BÍ THƯ") is bold, default yes.
    pub position_bold: bool,
    /// Empty lines left for the signature and seal (3–5), default 4.
    pub signature_blank_lines: u32,
    /// "Nơi nhận:" is underlined, default yes.
    pub recipients_heading_underline: bool,
    /// Size of "Nơi nhận:", 14 pt.
    pub recipients_heading_size: u32,
    /// Size of each recipient line, 12 pt.
    pub recipient_size: u32,
    /// Size of the page number, 14 pt.
    pub page_number_size: u32,
    /// Size of text in tables (statistics appendices and tables in the body),
    /// 12–13 pt, default 12 pt.
    pub table_size: u32,
    /// A statistics table with more year columns than this goes on a landscape page.
    pub landscape_above_years: usize,
}

/// Body sizes the rules allow (half-points): 14–15 pt, 14 the default.
pub const ALLOWED_BODY_SIZES: std::ops::RangeInclusive<u32> = 28..=30;
/// Sizes of "BÁO CÁO" the rules allow (half-points): 15–16 pt, 16 the default.
pub const ALLOWED_TITLE_SIZES: std::ops::RangeInclusive<u32> = 30..=32;

/// Largest page side: 22 inches, Word's limit.
const MAX_PAGE: u32 = 31_680;
/// Largest margin or header distance: 11 inches.
const MAX_MARGIN: u32 = 15_840;

/// What is wrong with a text written into the file outside the report (a font
/// name, an author): a character XML cannot carry, or more than `max` characters.
pub fn text_problem(text: &str, max: usize) -> Option<Message> {
    if let Some((i, c)) = crate::text::first_xml_invalid_char(text) {
        let c = c as u32;
        return Some(Message::new(
            format!("ký tự U+{c:04X} ở vị trí {i} không lưu được trong văn bản Word"),
            format!("character U+{c:04X} at position {i} cannot be stored in a document"),
        ));
    }
    let n = text.chars().count();
    (n > max).then(|| Message::new(format!("{n} ký tự; tối đa {max}"), format!("{n} characters; at most {max}")))
}

/// A BCP 47 language tag as Word writes it: "vi-VN", "en-US".
fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let first_ok =
        parts.next().is_some_and(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphabetic()));
    first_ok
        && tag.len() <= 35
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

impl Default for Layout {
    fn default() -> Self {
        Layout {
            page_width: 11906,
            page_height: 16838,
            margin_top: 1134,
            margin_bottom: 1134,
            margin_left: 1701,
            margin_right: 850,
            header_distance: 567,
            footer_distance: 567,
            font: "Times New Roman".to_string(),
            language: "vi-VN".to_string(),
            body_size: 28,
            first_line_indent: 567,
            paragraph_spacing: 120,
            line_spacing: LineSpacing::Exact(360),
            left_column_percent: 45,
            header_size: 28,
            party_heading_size: 30,
            title_size: 32,
            summary_size: 28,
            roman_style: RomanStyle::Dash,
            heading3_italic: true,
            position_bold: true,
            signature_blank_lines: 4,
            recipients_heading_underline: true,
            recipients_heading_size: 28,
            recipient_size: 24,
            page_number_size: 28,
            table_size: 24,
            landscape_above_years: 5,
        }
    }
}

impl Layout {
    /// Checks that the profile can lay out a page: every problem as
    /// `(field, message)`. `baocao_docx::render` refuses a profile with problems.
    ///
    /// ```
    /// let mut layout = baocao_core::layout::Layout::default();
    /// assert!(layout.problems().is_empty());
    /// layout.margin_left = 20_000;
    /// assert_eq!(layout.problems()[0].0, "margin_left");
    /// ```
    pub fn problems(&self) -> Vec<(&'static str, Message)> {
        let mut out = Vec::new();
        self.lengths(&mut out);
        // How the page adds up is checked once every length is in range: a length
        // out of range is the problem to fix first.
        if out.is_empty() {
            self.page_area(&mut out);
        }
        self.sizes_and_choices(&mut out);
        out
    }

    /// Every length in range for an A4 page and for the file format's own limits
    /// (Word's largest page is 22 inches, 31,680 twips), so no value wraps when
    /// it is written as a signed number; the line spacing in range.
    fn lengths(&self, out: &mut Vec<(&'static str, Message)>) {
        for (field, value, most) in [
            ("page_width", self.page_width, MAX_PAGE),
            ("page_height", self.page_height, MAX_PAGE),
            ("margin_top", self.margin_top, MAX_MARGIN),
            ("margin_bottom", self.margin_bottom, MAX_MARGIN),
            ("margin_left", self.margin_left, MAX_MARGIN),
            ("margin_right", self.margin_right, MAX_MARGIN),
            ("header_distance", self.header_distance, MAX_MARGIN),
            ("footer_distance", self.footer_distance, MAX_MARGIN),
            ("first_line_indent", self.first_line_indent, 2835),
            ("paragraph_spacing", self.paragraph_spacing, 1440),
        ] {
            if value > most {
                let mm = most * 10 / 567;
                out.push((
                    field,
                    Message::new(
                        format!("{value} twip nằm ngoài khoảng cho phép: tối đa {most} ({mm} mm)"),
                        format!("{value} twips is out of range: at most {most} ({mm} mm)"),
                    ),
                ));
            }
        }
        match self.line_spacing {
            LineSpacing::Exact(t) if !(120..=1440).contains(&t) => out.push((
                "line_spacing",
                Message::new(
                    format!("giãn dòng đúng {t} twip nằm ngoài khoảng 120–1440 (6–72 pt; 18 pt là 360)"),
                    format!("exactly {t} twips is out of range: 120–1440 (6–72 pt; 18 pt is 360)"),
                ),
            )),
            LineSpacing::Multiple(m) if !(120..=720).contains(&m) => out.push((
                "line_spacing",
                Message::new(
                    format!("giãn dòng {m}/240 nằm ngoài khoảng 120–720 (nửa dòng đến ba dòng; dòng đơn là 240)"),
                    format!("{m}/240 lines is out of range: 120–720 (half a line to three lines; single is 240)"),
                ),
            )),
            _ => {}
        }
    }

    /// The page leaves room for text: a text area wide enough for the statistics
    /// table's fixed columns, and some height.
    fn page_area(&self, out: &mut Vec<(&'static str, Message)>) {
        // Narrowest text area that still holds the statistics table's fixed columns.
        const MIN_TEXT: u32 = 4500;
        let margins = self.margin_left.saturating_add(self.margin_right);
        if self.page_width < 2 * MIN_TEXT || self.page_height < 2 * MIN_TEXT {
            out.push((
                "page_width",
                Message::new(
                    format!("trang phải rộng và cao ít nhất {} × {} twip", 2 * MIN_TEXT, 2 * MIN_TEXT),
                    format!("the page must be at least {} × {} twips", 2 * MIN_TEXT, 2 * MIN_TEXT),
                ),
            ));
        } else if self.page_width.saturating_sub(margins) < MIN_TEXT {
            out.push((
                "margin_left",
                Message::new(
                    format!("lề trái + lề phải để lại chưa tới {MIN_TEXT} twip (8 cm) bề rộng cho chữ"),
                    format!("left + right margins leave less than {MIN_TEXT} twips (8 cm) of text width"),
                ),
            ));
        }
        if self.margin_top.saturating_add(self.margin_bottom) >= self.page_height.saturating_sub(MIN_TEXT) {
            out.push((
                "margin_top",
                Message::new("lề trên + lề dưới không còn chỗ cho chữ", "top + bottom margins leave no room for text"),
            ));
        }
    }

    /// Font sizes usable, the columns and signature room sensible, the font and
    /// language names usable.
    fn sizes_and_choices(&self, out: &mut Vec<(&'static str, Message)>) {
        for (field, size) in [
            ("body_size", self.body_size),
            ("header_size", self.header_size),
            ("party_heading_size", self.party_heading_size),
            ("title_size", self.title_size),
            ("summary_size", self.summary_size),
            ("recipients_heading_size", self.recipients_heading_size),
            ("recipient_size", self.recipient_size),
            ("page_number_size", self.page_number_size),
            ("table_size", self.table_size),
        ] {
            if !(8..=144).contains(&size) {
                out.push((
                    field,
                    Message::new(
                        format!("cỡ chữ {size} nửa điểm không dùng được (8–144, tức 4–72 pt)"),
                        format!("{size} half-points is not a usable size (8–144, i.e. 4–72 pt)"),
                    ),
                ));
            }
        }
        if !(20..=80).contains(&self.left_column_percent) {
            out.push((
                "left_column_percent",
                Message::new(
                    format!("{} % làm một cột quá hẹp (20–80)", self.left_column_percent),
                    format!("{} % leaves a column too narrow (20–80)", self.left_column_percent),
                ),
            ));
        }
        if self.signature_blank_lines > 20 {
            out.push((
                "signature_blank_lines",
                Message::new("hơn 20 dòng trống để ký", "more than 20 empty lines for a signature"),
            ));
        }
        if self.font.trim().is_empty() {
            out.push(("font", Message::new("chưa có tên phông chữ", "no font name")));
        } else if let Some(m) = text_problem(&self.font, 64) {
            out.push(("font", m));
        }
        if !is_language_tag(&self.language) {
            out.push((
                "language",
                Message::new(
                    format!(
                        "“{}” không phải là mã ngôn ngữ như vi-VN (chữ và số, các phần nối bằng dấu -)",
                        self.language
                    ),
                    format!(
                        "{:?} is not a language tag such as vi-VN (letters and digits in parts joined by -)",
                        self.language
                    ),
                ),
            ));
        }
    }

    /// Width of the text area of a portrait page.
    pub fn text_width(&self) -> u32 {
        self.page_width - self.margin_left - self.margin_right
    }

    /// Width of the text area of a landscape page.
    pub fn landscape_text_width(&self) -> u32 {
        self.page_height - self.margin_left - self.margin_right
    }

    /// Widths of the two columns of the header and signature blocks.
    pub fn column_widths(&self) -> (u32, u32) {
        let left = self.text_width() * self.left_column_percent.min(100) / 100;
        (left, self.text_width() - left)
    }

    /// "I-" or "I." for the n-th level-1 heading (1-based).
    pub fn roman_number(&self, n: u32) -> String {
        let sep = match self.roman_style {
            RomanStyle::Dash => "-",
            RomanStyle::Dot => ".",
        };
        format!("{}{sep}", crate::numbering::roman(n))
    }
}
