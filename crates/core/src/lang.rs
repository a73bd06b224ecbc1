//! Messages in two languages: Vietnamese, for the office staff who read them
//! (the default), and English on request.
//!
//! Every problem and input error carries a [`Message`] with both texts, made
//! where the problem is found; [`Lang`] picks one. Messages name fields by their
//! path and values as the author typed them, never by a Rust, serde or binding
//! type name ("expected i64" becomes "cần một số nguyên" / "expected a whole
//! number").

use std::fmt;

/// The language of a message.
///
/// ```
/// use baocao_core::Lang;
/// assert_eq!(Lang::from_name("EN"), Some(Lang::En));
/// assert_eq!(Lang::default(), Lang::Vi);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Vietnamese (the default).
    #[default]
    Vi,
    /// English.
    En,
}

impl Lang {
    /// Parses "vi" or "en" (any case).
    pub fn from_name(name: &str) -> Option<Lang> {
        match name.trim().to_ascii_lowercase().as_str() {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language's code: "vi" or "en".
    pub fn name(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// Picks the text for this language.
    pub fn pick<'a>(self, vi: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }
}

/// One message in both languages.
///
/// ```
/// use baocao_core::{Lang, Message};
/// let m = Message::new("không được để trống", "must not be empty");
/// assert_eq!(m.get(Lang::En), "must not be empty");
/// assert_eq!(m.to_string(), "không được để trống");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Message {
    /// The Vietnamese text.
    pub vi: String,
    /// The English text.
    pub en: String,
}

impl Message {
    /// A message from its two texts.
    pub fn new(vi: impl Into<String>, en: impl Into<String>) -> Message {
        Message { vi: vi.into(), en: en.into() }
    }

    /// The text in one language.
    pub fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.vi, &self.en)
    }

    /// Splits a text made by [`carry`]; other text becomes both languages' text.
    pub(crate) fn from_carried(text: &str) -> Message {
        match text.split_once(SEP) {
            Some((vi, en)) => Message::new(vi, en),
            None => Message::new(text, text),
        }
    }
}

/// The separator of the two texts inside one serde message (the ASCII unit
/// separator, which validation refuses in report text).
const SEP: char = '\u{1f}';

impl fmt::Display for Message {
    /// The Vietnamese text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.vi)
    }
}

/// An I/O error described in plain words, without the operating system's error
/// number ("(os error 2)").
///
/// ```
/// use std::io::{Error, ErrorKind};
/// let m = baocao_core::lang::io_error(&Error::from(ErrorKind::NotFound));
/// assert_eq!(m.vi, "không tìm thấy tệp hoặc thư mục");
/// assert_eq!(m.en, "no such file or folder");
/// ```
pub fn io_error(e: &std::io::Error) -> Message {
    use std::io::ErrorKind as K;
    let (vi, en) = match e.kind() {
        K::NotFound => ("không tìm thấy tệp hoặc thư mục", "no such file or folder"),
        K::PermissionDenied => ("không có quyền đọc hoặc ghi", "permission denied"),
        K::AlreadyExists => ("tệp đã có", "the file exists"),
        K::IsADirectory => ("đây là một thư mục, không phải một tệp", "this is a folder, not a file"),
        K::NotADirectory => ("một phần của đường dẫn không phải là thư mục", "a part of the path is not a folder"),
        K::StorageFull => ("ổ đĩa đã đầy", "the disk is full"),
        K::ReadOnlyFilesystem => ("ổ đĩa chỉ cho phép đọc", "the disk is read-only"),
        K::InvalidData => ("dữ liệu không đọc được", "the data cannot be read"),
        K::Interrupted => ("bị ngắt giữa chừng", "interrupted"),
        K::UnexpectedEof => ("tệp kết thúc đột ngột", "the file ends too early"),
        K::InvalidFilename => ("tên tệp không hợp lệ", "the file name is not valid"),
        K::Unsupported => ("thao tác không được hỗ trợ ở đây", "not supported here"),
        K::OutOfMemory => ("hết bộ nhớ", "out of memory"),
        K::FileTooLarge => ("tệp quá lớn", "the file is too large"),
        K::ResourceBusy => ("tệp đang bận", "the file is busy"),
        // ELOOP (Linux 40, macOS 62): a symbolic link loop.
        _ if matches!(e.raw_os_error(), Some(40 | 62)) => {
            ("đường dẫn có liên kết vòng (liên kết trỏ về chính nó)", "the path loops through links")
        }
        _ => {
            // The system's own words, without "(os error N)".
            let text = e.to_string();
            let text = match text.rfind(" (os error ") {
                Some(i) => text[..i].to_string(),
                None => text,
            };
            return Message::new(format!("lỗi đọc/ghi tệp: {text}"), format!("input/output error: {text}"));
        }
    };
    Message::new(vi, en)
}

/// Both texts of a message in one string, for serde's `custom` errors and
/// `expecting` texts: [`crate::parse`] splits them again.
pub(crate) fn carry(vi: &str, en: &str) -> String {
    format!("{vi}{SEP}{en}")
}

/// What kind of input error a serde message is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum InputErrorKind {
    /// The text is not well-formed JSON, YAML or TOML.
    Syntax,
    /// A key the report does not have.
    UnknownField,
    /// A required key is missing.
    MissingField,
    /// A value of the wrong kind (text where a number belongs, a list where text does).
    WrongType,
    /// A value of the right kind that is not allowed (a date that does not exist).
    InvalidValue,
    /// The input is larger than the limits allow.
    TooLarge,
}

impl InputErrorKind {
    /// The kind as a stable string ("wrong_type").
    pub fn as_str(self) -> &'static str {
        match self {
            InputErrorKind::Syntax => "syntax",
            InputErrorKind::UnknownField => "unknown_field",
            InputErrorKind::MissingField => "missing_field",
            InputErrorKind::WrongType => "wrong_type",
            InputErrorKind::InvalidValue => "invalid_value",
            InputErrorKind::TooLarge => "too_large",
        }
    }
}

/// Turns a serde error message (serde's own wording, or one of ours carried with
/// [`carry`]) into a kind and a message in both languages, with the Rust names
/// of what was expected ("i64", "struct Frame", "a sequence") said in words.
pub(crate) fn serde_message(msg: &str) -> (InputErrorKind, Message) {
    use InputErrorKind as K;
    let msg = msg.trim();
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            let (f, e) = (found_words(found), expected_words(expected));
            return (
                K::WrongType,
                Message::new(format!("cần {}, đang là {}", e.vi, f.vi), format!("expected {}, found {}", e.en, f.en)),
            );
        }
    }
    if let Some(rest) = msg.strip_prefix("invalid value: ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            let (f, e) = (found_words(found), expected_words(expected));
            return (
                K::InvalidValue,
                Message::new(
                    format!("giá trị không hợp lệ: {}; cần {}", f.vi, e.vi),
                    format!("not a valid value: {}; expected {}", f.en, e.en),
                ),
            );
        }
    }
    if let Some(rest) = msg.strip_prefix("invalid length ") {
        if let Some((n, expected)) = rest.split_once(", expected ") {
            let e = expected_words(expected);
            return (
                K::WrongType,
                Message::new(format!("có {n} phần tử, cần {}", e.vi), format!("{n} items, expected {}", e.en)),
            );
        }
    }
    for (prefix, what_vi, what_en) in
        [("unknown field `", "trường", "field"), ("unknown variant `", "giá trị", "value")]
    {
        if let Some(rest) = msg.strip_prefix(prefix) {
            let (name, tail) = rest.split_once('`').unwrap_or((rest, ""));
            let allowed = backticked(tail);
            let (vi, en) = if allowed.is_empty() {
                (
                    format!("không có {what_vi} “{name}” ở đây"),
                    format!("unknown {what_en} `{name}`: none is allowed here"),
                )
            } else {
                let list = allowed.join(", ");
                (
                    format!("không có {what_vi} “{name}” ở đây; dùng một trong: {list}"),
                    format!("unknown {what_en} `{name}`; use one of: {list}"),
                )
            };
            return (K::UnknownField, Message::new(vi, en));
        }
    }
    if let Some(rest) = msg.strip_prefix("missing field `") {
        let name = rest.trim_end_matches('`');
        return (K::MissingField, Message::new(format!("thiếu trường “{name}”"), format!("missing field `{name}`")));
    }
    if let Some(rest) = msg.strip_prefix("duplicate field `") {
        let name = rest.trim_end_matches('`');
        return (
            K::InvalidValue,
            Message::new(format!("trường “{name}” được ghi hai lần"), format!("field `{name}` is given twice")),
        );
    }
    if msg.contains(SEP) {
        return (K::InvalidValue, Message::from_carried(msg));
    }
    (K::Syntax, syntax_words(msg))
}

/// The names between backticks: the allowed fields of serde's "expected one of
/// `a`, `b`".
fn backticked(s: &str) -> Vec<&str> {
    s.split('`').skip(1).step_by(2).collect()
}

/// What serde says was found ("integer `5`", "string \"x\"", "sequence"), in words.
fn found_words(found: &str) -> Message {
    let quoted = |prefix: &str| found.strip_prefix(prefix).map(|v| v.trim_matches('`'));
    if let Some(v) = quoted("integer ").or_else(|| quoted("floating point ")) {
        return Message::new(format!("số {v}"), format!("the number {v}"));
    }
    if let Some(v) = quoted("boolean ") {
        return Message::new(format!("giá trị {v}"), format!("the value {v}"));
    }
    if let Some(v) = found.strip_prefix("string ").or_else(|| found.strip_prefix("character ")) {
        let v = v.trim_matches('`');
        let shown: String = v.chars().take(60).collect();
        let more = if v.chars().count() > 60 { "…" } else { "" };
        return Message::new(format!("văn bản {shown}{more}"), format!("the text {shown}{more}"));
    }
    let (vi, en) = match found {
        "null" | "unit value" | "unit" => ("null (để trống)", "null (nothing)"),
        "sequence" => ("một danh sách", "a list"),
        "map" => ("một nhóm trường", "a group of fields"),
        "byte array" | "bytes" => ("dữ liệu nhị phân", "binary data"),
        "enum" | "unit variant" | "newtype variant" | "tuple variant" | "struct variant" => {
            ("một giá trị có thẻ (!…)", "a tagged value (!…)")
        }
        "Option value" | "newtype struct" => ("một giá trị", "a value"),
        // TOML's dates and times.
        f if f.contains("datetime") || f.contains("date") || f.contains("time") => ("một ngày giờ", "a date or time"),
        f => return Message::new(f, f),
    };
    Message::new(vi, en)
}

/// What serde says was expected, in words: the names of Rust types become what
/// an author writes.
fn expected_words(expected: &str) -> Message {
    let e = expected.trim();
    if e.contains(SEP) {
        return Message::from_carried(e);
    }
    let (vi, en) = match e {
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" => ("một số nguyên", "a whole number"),
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" => ("một số nguyên không âm", "a whole number, 0 or more"),
        "f32" | "f64" => ("một số", "a number"),
        "a string" | "a borrowed string" | "string" | "a character" | "char" => ("văn bản", "text"),
        "a boolean" | "bool" => ("true hoặc false", "true or false"),
        "unit" => ("null", "null"),
        "a sequence" | "a list" | "sequence" => ("một danh sách", "a list"),
        "a map" | "map" => ("một nhóm trường (tên: giá trị)", "a group of fields (name: value)"),
        e if e.starts_with("struct ") => ("một nhóm trường (tên: giá trị)", "a group of fields (name: value)"),
        e if e.starts_with("tuple") || e.starts_with("a tuple") => ("một danh sách", "a list"),
        e if e.starts_with("enum ") || e.contains("variant") => {
            ("một trong các giá trị được phép", "one of the allowed values")
        }
        e if e.contains("identifier") => ("tên một trường", "a field name"),
        e => return Message::new(e, e),
    };
    Message::new(vi, en)
}

/// A syntax error of the JSON, YAML or TOML parser: the common ones in words,
/// the rest with the parser's own (English) words after a Vietnamese lead.
fn syntax_words(msg: &str) -> Message {
    const KNOWN: &[(&str, &str, &str)] = &[
        (
            "EOF while parsing",
            "văn bản kết thúc giữa chừng (thiếu dấu đóng ngoặc hoặc dấu ngoặc kép)",
            "the text ends too early (a closing bracket or quote is missing)",
        ),
        ("trailing comma", "thừa dấu phẩy trước dấu đóng ngoặc", "a comma before a closing bracket"),
        ("trailing characters", "còn chữ sau khi báo cáo đã kết thúc", "text after the end of the report"),
        ("expected `,` or `}`", "thiếu dấu phẩy hoặc dấu }", "expected a comma or }"),
        ("expected `,` or `]`", "thiếu dấu phẩy hoặc dấu ]", "expected a comma or ]"),
        ("expected `:`", "thiếu dấu hai chấm sau tên trường", "expected a colon after the field name"),
        ("expected value", "thiếu giá trị, hoặc giá trị viết sai", "a value is missing or misspelt"),
        ("expected ident", "giá trị viết sai (true, false hoặc null?)", "a misspelt value (true, false or null?)"),
        ("key must be a string", "tên trường phải đặt trong dấu ngoặc kép", "a field name must be in double quotes"),
        (
            "control character",
            "có ký tự điều khiển trong chuỗi: hãy dùng \\n",
            "a control character inside a string: write \\n",
        ),
        ("invalid escape", "ký tự thoát (\\) viết sai", "a misspelt escape (\\)"),
        ("invalid number", "số viết sai", "a misspelt number"),
        ("number out of range", "số quá lớn", "a number too large"),
        ("invalid unicode code point", "mã ký tự Unicode viết sai", "an invalid Unicode escape"),
        (
            "lone leading surrogate",
            "mã ký tự Unicode viết sai (nửa cặp surrogate)",
            "an invalid Unicode escape (half a surrogate pair)",
        ),
        ("recursion limit exceeded", "lồng nhau quá sâu", "nested too deeply"),
        (
            "did not find expected key",
            "thụt đầu dòng không khớp: thiếu một khóa ở đây",
            "indentation does not match: a key was expected here",
        ),
        (
            "mapping values are not allowed",
            "dấu hai chấm không đúng chỗ (văn bản có dấu hai chấm cần đặt trong dấu ngoặc kép)",
            "a colon out of place (text with a colon needs quotes)",
        ),
        (
            "found character that cannot start any token",
            "ký tự không thể bắt đầu một giá trị (dấu tab?)",
            "a character that cannot start a value (a tab?)",
        ),
        ("could not find expected ':'", "thiếu dấu hai chấm sau khóa", "a colon is missing after the key"),
        ("found unexpected end of stream", "văn bản kết thúc giữa chừng", "the text ends too early"),
        ("did not find expected node content", "thiếu giá trị ở đây", "a value is missing here"),
        (
            "block sequence entries are not allowed",
            "dấu gạch đầu dòng (-) không đúng chỗ",
            "a list dash (-) out of place",
        ),
        ("unknown anchor", "tên tham chiếu (*tên) chưa được định nghĩa", "an alias (*name) that is not defined"),
        ("duplicate entry", "một khóa được ghi hai lần", "a key is given twice"),
        ("duplicate key", "một khóa được ghi hai lần", "a key is given twice"),
        ("more than one document", "có nhiều hơn một tài liệu YAML (---)", "more than one YAML document (---)"),
        ("repetition limit exceeded", "tham chiếu (*tên) lặp lại quá nhiều lần", "aliases (*name) repeat too often"),
        ("invalid table header", "tiêu đề bảng [..] viết sai", "a misspelt table header [..]"),
        ("unclosed table", "tiêu đề bảng [..] thiếu dấu ] đóng", "a table header [..] without its closing ]"),
        ("unclosed array", "danh sách thiếu dấu ] đóng", "a list without its closing ]"),
        ("unclosed inline table", "nhóm { } thiếu dấu } đóng", "an inline table without its closing }"),
        ("string values must be quoted", "văn bản phải đặt trong dấu ngoặc kép", "text must be in quotes"),
        ("expected `=`", "thiếu dấu = sau khóa", "expected = after the key"),
        (
            "invalid unquoted key",
            "khóa viết sai (chỉ chữ, số, - và _; còn lại đặt trong ngoặc kép)",
            "a misspelt key (letters, digits, - and _; quote the rest)",
        ),
        ("invalid string", "chuỗi viết sai (thiếu dấu ngoặc kép?)", "a misspelt string (a missing quote?)"),
        ("expected newline", "cần xuống dòng ở đây", "expected a new line here"),
        ("invalid key", "khóa viết sai", "a misspelt key"),
    ];
    for (needle, vi, en) in KNOWN {
        if msg.contains(needle) {
            return Message::new(format!("lỗi cú pháp: {vi}"), format!("syntax error: {en}"));
        }
    }
    let first = msg.lines().next().unwrap_or(msg);
    Message::new(format!("lỗi cú pháp: {first}"), format!("syntax error: {first}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_wording_becomes_words_in_both_languages() {
        let (kind, m) = serde_message("invalid type: string \"abc\", expected i64");
        assert_eq!(kind, InputErrorKind::WrongType);
        assert_eq!(m.vi, "cần một số nguyên, đang là văn bản \"abc\"");
        assert_eq!(m.en, "expected a whole number, found the text \"abc\"");
        let (_, m) = serde_message("invalid type: sequence, expected struct Frame");
        assert_eq!(m.en, "expected a group of fields (name: value), found a list");
        let (kind, m) = serde_message("unknown field `plase`, expected one of `issuer`, `number`, `place`");
        assert_eq!(kind, InputErrorKind::UnknownField);
        assert_eq!(m.vi, "không có trường “plase” ở đây; dùng một trong: issuer, number, place");
        let (kind, m) = serde_message("missing field `legislation`");
        assert_eq!((kind, m.vi.as_str()), (InputErrorKind::MissingField, "thiếu trường “legislation”"));
        let (kind, m) = serde_message(&carry("ngày sai", "a wrong date"));
        assert_eq!((kind, m.en.as_str()), (InputErrorKind::InvalidValue, "a wrong date"));
        let (kind, m) = serde_message("EOF while parsing an object");
        assert_eq!(kind, InputErrorKind::Syntax);
        assert!(m.vi.starts_with("lỗi cú pháp: văn bản kết thúc giữa chừng"), "{}", m.vi);
        let (_, m) = serde_message("unclosed table, expected `]`");
        assert_eq!(m.en, "syntax error: a table header [..] without its closing ]");
    }
}
