//! Text as it enters the model: always Unicode NFC, with simple inline emphasis.
//!
//! Every string of a report is a [`Text`]. Constructing one (from Rust or through
//! serde) normalises it to NFC, so the rest of the pipeline never sees NFD input.
//! Characters that XML 1.0 cannot carry are *kept* here and reported by validation
//! with the field they are in, because a parse error would stop at the first one.

use std::borrow::Cow;
use std::fmt;
use std::ops::Deref;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// A string of the report, normalised to Unicode NFC on construction.
///
/// ```
/// use baocao_core::Text;
/// // "ủy" typed with combining marks (NFD) is stored composed (NFC).
/// let t = Text::new("u\u{0309}y");
/// assert_eq!(t.as_str(), "ủy");
/// ```
#[derive(Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Text(String);

impl Text {
    /// Builds a text, normalising it to NFC.
    pub fn new(s: impl AsRef<str>) -> Self {
        Text(nfc(s.as_ref()).into_owned())
    }

    /// The text as a string slice.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// True when the text prints nothing: empty, or only white space and invisible
    /// characters (zero-width space, joiners, word joiner, byte-order mark, soft
    /// hyphen, direction marks).
    ///
    /// ```
    /// use baocao_core::Text;
    /// assert!(Text::new(" \u{200b}\u{feff}\u{ad} ").is_blank());
    /// assert!(!Text::new("a\u{200b}").is_blank());
    /// ```
    pub fn is_blank(&self) -> bool {
        self.0.chars().all(is_invisible)
    }

    /// True when the text has a letter or a digit: a name, a title or a recipient
    /// made only of punctuation ("-", ",") says nothing.
    pub fn has_words(&self) -> bool {
        self.0.chars().any(char::is_alphanumeric)
    }
}

/// White space, and the format characters that print nothing.
fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{034F}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{FEFF}'
        )
}

/// Normalises to NFC, borrowing when the input is already NFC (the common case).
pub(crate) fn nfc(s: &str) -> Cow<'_, str> {
    if s.chars().all(plainly_nfc) {
        return Cow::Borrowed(s);
    }
    match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => Cow::Borrowed(s),
        _ => Cow::Owned(s.nfc().collect()),
    }
}

/// A character that is NFC whatever surrounds it (combining class 0, never
/// composed with what precedes it): ASCII, Latin-1 and Latin Extended-A and -B
/// (below U+0300), and Latin Extended Additional (U+1E00–U+1EFF, Vietnamese's
/// precomposed letters). Vietnamese text is made of these alone, so the quick
/// check's tables are consulted only for text that has anything else.
fn plainly_nfc(c: char) -> bool {
    c < '\u{300}' || ('\u{1E00}'..='\u{1EFF}').contains(&c)
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Text::new(s)
    }
}

impl From<String> for Text {
    fn from(s: String) -> Self {
        match nfc(&s) {
            Cow::Borrowed(_) => Text(s),
            Cow::Owned(o) => Text(o),
        }
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Text {
    /// A string. A null (JSON `null`, YAML `~` / `null` / nothing, Python `None`) is
    /// a missing value, never the text "~" or "null": an error here, and absent
    /// for an optional field (which serde reads as `None` before reaching this).
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(&crate::lang::carry("văn bản", "text"))
            }
            fn visit_none<E: serde::de::Error>(self) -> Result<Text, E> {
                Err(E::custom(format!(
                    "invalid type: null, expected {}",
                    crate::lang::carry(
                        "văn bản (chỗ này bắt buộc phải có chữ, không để trống)",
                        "text (a missing value where text is required)"
                    )
                )))
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<Text, E> {
                self.visit_none()
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Text, D::Error> {
                String::deserialize(d).map(Text::from)
            }
        }
        d.deserialize_option(V)
    }
}

impl schemars::JsonSchema for Text {
    fn schema_name() -> Cow<'static, str> {
        "Text".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "Text, normalised to Unicode NFC. In prose, **bold**, *italic* and ***both*** mark emphasis; \\* is a literal asterisk; line breaks and tabs are kept."
        })
    }
}

/// The first character XML 1.0 cannot carry, if any: C0 controls other than tab, LF
/// and CR, U+FFFE and U+FFFF. (Lone surrogates cannot occur in a Rust string.)
pub fn first_xml_invalid_char(s: &str) -> Option<(usize, char)> {
    // Bytes first: a control character is one byte under 0x20, U+FFFE / U+FFFF
    // start with 0xEF; text without those is valid, and most text has neither.
    // Checked a block at a time without an early exit inside, so the check runs
    // on vectors.
    let suspicious = |b: u8| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) | (b == 0xEF);
    if !s.as_bytes().chunks(64).any(|block| block.iter().fold(false, |any, &b| any | suspicious(b))) {
        return None;
    }
    s.chars().enumerate().find(|&(_, c)| !is_xml_char(c))
}

/// Text safe to show on a terminal: control characters (C0 but tab, C1, DEL)
/// and the bidirectional overrides written as `\u{1b}`, so a document cannot
/// set a terminal's title or clear its screen through a message.
///
/// ```
/// assert_eq!(baocao_core::text::escape_controls("a\u{1b}]0;x\u{7}b"), "a\\u{1b}]0;x\\u{7}b");
/// assert_eq!(baocao_core::text::escape_controls("Đảng"), "Đảng");
/// ```
pub fn escape_controls(s: &str) -> String {
    let unsafe_char =
        |c: char| (c.is_control() && c != '\t') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    if !s.chars().any(unsafe_char) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if unsafe_char(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether the text has emphasis markers or escapes to read (`*`, `\`): most
/// prose has none, and is then one plain span.
pub fn has_markup(s: &str) -> bool {
    memchr::memchr2(b'*', b'\\', s.as_bytes()).is_some()
}

/// Whether XML 1.0 can carry the character.
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// A piece of prose with its emphasis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// The text, with markers and escapes removed.
    pub text: String,
    /// Bold (`**…**`).
    pub bold: bool,
    /// Italic (`*…*`).
    pub italic: bool,
}

/// Why inline emphasis could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmphasisError {
    /// Character offset of the marker that was not closed.
    pub at: usize,
    /// What is wrong.
    pub message: crate::lang::Message,
}

/// Splits prose into spans by its emphasis markers.
///
/// `**bold**`, `*italic*`, `***bold italic***`; `\*` is a literal asterisk and `\\`
/// a literal backslash. A marker left open is an error, so a stray asterisk never
/// silently turns half a paragraph italic.
///
/// ```
/// use baocao_core::text::parse_emphasis;
/// let spans = parse_emphasis("đạt **100%** kế hoạch").unwrap();
/// assert_eq!(spans.len(), 3);
/// assert!(spans[1].bold && spans[1].text == "100%");
/// ```
pub fn parse_emphasis(s: &str) -> Result<Vec<Span>, EmphasisError> {
    // Most prose has no markers: one plain span, without walking it character by character.
    if !has_markup(s) {
        return Ok(if s.is_empty() {
            Vec::new()
        } else {
            vec![Span { text: s.to_string(), bold: false, italic: false }]
        });
    }
    let mut spans = Vec::new();
    let mut cur = String::new();
    let (mut bold, mut italic) = (false, false);
    let (mut bold_at, mut italic_at) = (0, 0);
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    let flush = |cur: &mut String, spans: &mut Vec<Span>, bold: bool, italic: bool| {
        if !cur.is_empty() {
            spans.push(Span { text: std::mem::take(cur), bold, italic });
        }
    };
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' && matches!(chars.get(i + 1), Some('*') | Some('\\')) {
            cur.push(chars[i + 1]);
            i += 2;
            continue;
        }
        if c != '*' {
            cur.push(c);
            i += 1;
            continue;
        }
        let run = chars[i..].iter().take_while(|&&c| c == '*').count();
        flush(&mut cur, &mut spans, bold, italic);
        match run {
            1 => {
                italic = !italic;
                italic_at = i;
            }
            2 => {
                bold = !bold;
                bold_at = i;
            }
            3 => {
                bold = !bold;
                italic = !italic;
                bold_at = i;
                italic_at = i;
            }
            _ => {
                return Err(EmphasisError {
                    at: i,
                    message: crate::lang::Message::new(
                        format!("{run} dấu sao liền nhau ở ký tự thứ {i}: muốn in dấu sao thì viết \\*"),
                        format!("{run} asterisks in a row at character {i}: write \\* for a literal asterisk"),
                    ),
                })
            }
        }
        i += run;
    }
    flush(&mut cur, &mut spans, bold, italic);
    if bold || italic {
        let at = if bold { bold_at } else { italic_at };
        let (vi, en) = if bold { ("chữ đậm (**)", "bold (**)") } else { ("chữ nghiêng (*)", "italic (*)") };
        return Err(EmphasisError {
            at,
            message: crate::lang::Message::new(
                format!("{vi} mở ở ký tự thứ {at} nhưng không đóng: hãy đóng lại, hoặc viết \\* để in dấu sao"),
                format!("{en} opened at character {at} is never closed: close it, or write \\* for a literal asterisk"),
            ),
        });
    }
    Ok(spans)
}

/// Writes spans back as marked-up text (the inverse of [`parse_emphasis`]):
/// one marker at each change of emphasis ("**", "*", or "***" when both change),
/// so that any sequence of spans reads back as itself; adjacent spans with the
/// same emphasis are written as one.
///
/// ```
/// use baocao_core::text::{parse_emphasis, write_emphasis};
/// let spans = parse_emphasis("**đậm *và nghiêng***").unwrap();
/// assert_eq!(write_emphasis(&spans), "**đậm *và nghiêng***");
/// assert_eq!(parse_emphasis(&write_emphasis(&spans)).unwrap(), spans);
/// ```
pub fn write_emphasis(spans: &[Span]) -> String {
    let mut out = String::new();
    let (mut bold, mut italic) = (false, false);
    let marker = |b: bool, i: bool| match (b, i) {
        (true, true) => "***",
        (true, false) => "**",
        (false, true) => "*",
        (false, false) => "",
    };
    for s in spans.iter().filter(|s| !s.text.is_empty()) {
        out.push_str(marker(s.bold != bold, s.italic != italic));
        (bold, italic) = (s.bold, s.italic);
        for c in s.text.chars() {
            if c == '*' || c == '\\' {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out.push_str(marker(bold, italic));
    out
}

/// Prose with its emphasis written the one way [`write_emphasis`] writes it
/// (what a .docx read back gives); text whose markers do not parse is returned
/// as it is.
///
/// ```
/// use baocao_core::text::canonical_emphasis;
/// assert_eq!(canonical_emphasis("**đậm** và *nghiêng*"), "**đậm** và *nghiêng*");
/// assert_eq!(canonical_emphasis("***cả hai*** rồi *nghiêng*"), "***cả hai*** rồi *nghiêng*");
/// ```
pub fn canonical_emphasis(s: &str) -> String {
    if !has_markup(s) {
        return s.to_string();
    }
    match parse_emphasis(s) {
        Ok(spans) => write_emphasis(&spans),
        Err(_) => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfd_becomes_nfc() {
        let nfd: String = "Huyện ủy Đầm Hà".nfd().collect();
        assert_ne!(nfd, "Huyện ủy Đầm Hà");
        assert_eq!(Text::new(&nfd).as_str(), "Huyện ủy Đầm Hà");
        assert_eq!(Text::from(nfd).as_str(), "Huyện ủy Đầm Hà");
    }

    #[test]
    fn tone_mark_style_is_kept() {
        // "uỷ" and "ủy" are different NFC strings; normalisation keeps the author's choice.
        assert_eq!(Text::new("uỷ").as_str(), "uỷ");
        assert_eq!(Text::new("ủy").as_str(), "ủy");
    }

    #[test]
    fn xml_invalid_chars() {
        assert_eq!(first_xml_invalid_char("a\tb\nc\r"), None);
        assert_eq!(first_xml_invalid_char("ab\u{1}"), Some((2, '\u{1}')));
        assert_eq!(first_xml_invalid_char("\u{FFFE}"), Some((0, '\u{FFFE}')));
        assert_eq!(first_xml_invalid_char("\u{FFFF}"), Some((0, '\u{FFFF}')));
        assert_eq!(first_xml_invalid_char("😀 \u{85}"), None);
    }

    #[test]
    fn emphasis() {
        let s = parse_emphasis("a **b** *c* ***d*** \\*e\\\\").unwrap();
        let flags: Vec<_> = s.iter().map(|s| (s.text.as_str(), s.bold, s.italic)).collect();
        assert_eq!(
            flags,
            vec![
                ("a ", false, false),
                ("b", true, false),
                (" ", false, false),
                ("c", false, true),
                (" ", false, false),
                ("d", true, true),
                (" *e\\", false, false)
            ]
        );
        assert_eq!(write_emphasis(&s), "a **b** *c* ***d*** \\*e\\\\");
        let nested = parse_emphasis("**đậm *nghiêng* đậm**").unwrap();
        assert_eq!(nested[1].text, "nghiêng");
        assert!(nested[1].bold && nested[1].italic);
    }

    #[test]
    fn emphasis_errors() {
        assert!(parse_emphasis("giá 5 * 3").unwrap_err().message.en.contains("never closed"));
        assert!(parse_emphasis("**x").unwrap_err().message.en.contains("bold"));
        assert!(parse_emphasis("a ****").is_err());
    }
}

#[cfg(test)]
mod plainly_nfc_tests {
    use super::*;
    use unicode_normalization::char::canonical_combining_class;

    /// Every character the fast path lets through is one the full check passes
    /// in any company: combining class 0, and NFC alone and after any base letter.
    #[test]
    fn the_fast_path_agrees_with_the_full_check() {
        let all = (0u32..0x300).chain(0x1E00..=0x1EFF).filter_map(char::from_u32);
        for c in all {
            assert!(plainly_nfc(c));
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            for before in ['a', 'e', 'o', 'u', 'A', '\u{0103}', '\u{01A1}', '\u{1EA1}'] {
                let s: String = [before, c].iter().collect();
                assert_eq!(is_nfc_quick(s.chars()), IsNormalized::Yes, "{s:?}");
            }
        }
        assert!(!plainly_nfc('\u{0301}'));
        assert_eq!(nfc("Vie\u{0302}\u{0323}t"), "Việt");
    }
}
