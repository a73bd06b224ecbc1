//! Reading and writing a report as JSON, YAML or TOML: the same shape in all three.
//!
//! Errors name where the input went wrong: the field path (`frame.signature.name`)
//! and, where the parser knows it, the line and column.

use std::fmt;
use std::path::Path;

use crate::lang::{serde_message, InputErrorKind, Lang, Message};
use crate::Report;

/// An input format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// JSON.
    Json,
    /// YAML.
    Yaml,
    /// TOML.
    Toml,
}

impl Format {
    /// The format a file name's extension stands for (`.json`, `.yaml` / `.yml`, `.toml`).
    ///
    /// ```
    /// use baocao_core::Format;
    /// assert_eq!(Format::from_path("bao-cao.yml"), Some(Format::Yaml));
    /// assert_eq!(Format::from_path("bao-cao.txt"), None);
    /// ```
    pub fn from_path(path: impl AsRef<Path>) -> Option<Format> {
        let ext = path.as_ref().extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "json" => Some(Format::Json),
            "yaml" | "yml" => Some(Format::Yaml),
            "toml" => Some(Format::Toml),
            _ => None,
        }
    }

    /// The format's name ("json", "yaml", "toml").
    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Yaml => "yaml",
            Format::Toml => "toml",
        }
    }

    /// Parses a format name, as the CLI and Python accept it.
    pub fn from_name(name: &str) -> Option<Format> {
        match name.to_ascii_lowercase().as_str() {
            "json" => Some(Format::Json),
            "yaml" | "yml" => Some(Format::Yaml),
            "toml" => Some(Format::Toml),
            _ => None,
        }
    }
}

/// Input that could not be read into a [`Report`]: a syntax error, an unknown or
/// missing key, or a value of the wrong type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// The input format; `None` for an in-memory value ([`from_value`]).
    pub format: Option<Format>,
    /// Field path where it went wrong (`frame.signature`), `None` at the top level.
    pub path: Option<String>,
    /// 1-based line, when the parser knows it.
    pub line: Option<usize>,
    /// 1-based column, when the parser knows it.
    pub column: Option<usize>,
    /// What kind of error.
    pub kind: InputErrorKind,
    /// What is wrong, in Vietnamese and English.
    pub text: Message,
}

impl ParseError {
    /// What is wrong, in one language (without the position).
    pub fn message(&self, lang: Lang) -> &str {
        self.text.get(lang)
    }

    /// The whole error in one language: "YAML dòng 3 cột 9, frame.number: …".
    /// `Display` gives the Vietnamese text.
    ///
    /// ```
    /// use baocao_core::{parse, Format, Lang};
    /// let err = parse("{\"frame\": 1}", Format::Json).unwrap_err();
    /// assert_eq!(err.describe(Lang::En), "JSON line 1 column 11, frame: expected a group of fields (name: value), found the number 1");
    /// assert_eq!(err.describe(Lang::Vi), "JSON dòng 1 cột 11, frame: cần một nhóm trường (tên: giá trị), đang là số 1");
    /// ```
    pub fn describe(&self, lang: Lang) -> String {
        let mut out = String::new();
        if let Some(f) = self.format {
            out.push_str(&f.name().to_ascii_uppercase());
        }
        if let (Some(l), Some(c)) = (self.line, self.column) {
            out.push_str(&match lang {
                Lang::Vi => format!(" dòng {l} cột {c}"),
                Lang::En => format!(" line {l} column {c}"),
            });
        }
        if let Some(p) = &self.path {
            if !out.is_empty() {
                out.push(',');
            }
            out.push(' ');
            out.push_str(p);
        }
        let out = out.trim_start();
        if out.is_empty() {
            self.message(lang).to_string()
        } else {
            format!("{out}: {}", self.message(lang))
        }
    }

    fn new(
        format: Option<Format>,
        path: Option<String>,
        line: Option<usize>,
        column: Option<usize>,
        serde: &str,
    ) -> Self {
        let (kind, text) = serde_message(serde);
        ParseError { format, path, line, column, kind, text }
    }

    fn too_large(format: Format, line: Option<usize>, column: Option<usize>, text: Message) -> Self {
        ParseError { format: Some(format), path: None, line, column, kind: InputErrorKind::TooLarge, text }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(Lang::Vi))
    }
}

impl std::error::Error for ParseError {}

fn path_of(p: &serde_path_to_error::Path) -> Option<String> {
    let s = p.to_string();
    // An unknown segment ("?", e.g. a map key that is not a string) says nothing.
    let s = s.trim_end_matches(".?").trim_end_matches('?');
    (s != "." && !s.is_empty()).then(|| s.to_string())
}

/// serde_yaml starts its messages with its own path ("frame: unknown field …");
/// the path is reported apart, so drop it.
fn strip_yaml_path(msg: &str, path: Option<&str>) -> String {
    match msg.split_once(": ") {
        Some((head, rest)) if head == "." || path.is_some_and(|p| p.starts_with(head)) => rest.to_string(),
        _ => msg.to_string(),
    }
}

/// Parses a report from text in the given format.
///
/// ```
/// use baocao_core::{parse, Format};
/// let err = parse("{\"frame\": 1}", Format::Json).unwrap_err();
/// assert_eq!(err.path.as_deref(), Some("frame"));
/// assert_eq!(err.kind, baocao_core::InputErrorKind::WrongType);
/// assert_eq!((err.line, err.column), (Some(1), Some(11)));
/// ```
pub fn parse(input: &str, format: Format) -> Result<Report, ParseError> {
    parse_as(input, format)
}

/// Parses any data of this library's (a report, a province's `units.yaml`) from
/// text, with the limits, positions and field paths of [`parse`].
pub fn parse_as<T: serde::de::DeserializeOwned>(input: &str, format: Format) -> Result<T, ParseError> {
    let (limit, vi, en) = match format {
        Format::Json => (crate::limits::MAX_INPUT_BYTES, "16 MiB", "16 MiB"),
        Format::Yaml | Format::Toml => (
            crate::limits::MAX_YAML_TOML_BYTES,
            "4 MiB với YAML và TOML; JSON được tới 16 MiB",
            "4 MiB for YAML and TOML; JSON may be 16 MiB",
        ),
    };
    if input.len() > limit {
        let n = input.len();
        return Err(ParseError::too_large(
            format,
            None,
            None,
            Message::new(
                format!("dữ liệu quá lớn: {n} byte, tối đa {limit} byte ({vi})"),
                format!("input too large: {n} bytes; the largest accepted is {limit} bytes ({en})"),
            ),
        ));
    }
    // A byte-order mark (Windows Notepad writes one) is not part of the text.
    let input = input.strip_prefix('\u{feff}').unwrap_or(input);
    match format {
        Format::Json => {
            let json_err = |path, e: serde_json::Error| {
                ParseError::new(
                    Some(format),
                    path,
                    Some(e.line()).filter(|&l| l > 0),
                    Some(e.column()).filter(|&c| c > 0),
                    &strip_position(&e.to_string()),
                )
            };
            let mut de = serde_json::Deserializer::from_str(input);
            let value: T = serde_path_to_error::deserialize(&mut de).map_err(|e| {
                let path = path_of(e.path());
                json_err(path, e.into_inner())
            })?;
            de.end().map_err(|e| json_err(None, e))?;
            Ok(value)
        }
        Format::Yaml => {
            if let Err(LimitExceeded { line, column }) = measure_yaml(input) {
                let limit = crate::limits::MAX_YAML_TOML_BYTES;
                return Err(ParseError::too_large(
                    format,
                    line,
                    column,
                    Message::new(
                        format!("dữ liệu quá lớn: khi thay các tham chiếu (*tên) bằng nội dung, YAML có hơn {limit} byte (4 MiB), mức tối đa"),
                        format!("input too large: with its aliases (*name) expanded, the YAML holds more than {limit} bytes (4 MiB), the largest accepted"),
                    ),
                ));
            }
            let de = serde_yaml_ng::Deserializer::from_str(input);
            serde_path_to_error::deserialize(de).map_err(|e| {
                let path = path_of(e.path());
                let inner = e.into_inner();
                let loc = inner.location();
                let message = strip_yaml_path(&strip_position(&inner.to_string()), path.as_deref());
                ParseError::new(
                    Some(format),
                    path,
                    loc.as_ref().map(|l| l.line()),
                    loc.as_ref().map(|l| l.column()),
                    &message,
                )
            })
        }
        Format::Toml => {
            let de = toml::Deserializer::parse(input).map_err(|e| toml_error(input, None, &e))?;
            serde_path_to_error::deserialize(de).map_err(|e| {
                let path = path_of(e.path());
                toml_error(input, path, e.inner())
            })
        }
    }
}

/// YAML whose aliases expand past the input limit.
struct LimitExceeded {
    line: Option<usize>,
    column: Option<usize>,
}

/// Walks YAML as serde reads it, aliases expanded, adding up the bytes of its
/// scalars and a few bytes per node, without building anything. An 8 MiB
/// string named a thousand times is 8 GB once expanded: refused here, before the
/// report is built. Other errors are left to the real parse, which says where.
fn measure_yaml(input: &str) -> Result<(), LimitExceeded> {
    use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

    const OVER: &str = "baocao: YAML over the limit";
    /// What a node costs besides its text: a report needs more than this per item.
    const NODE: usize = 2;

    struct Measure {
        left: usize,
    }
    impl Measure {
        fn take<E: serde::de::Error>(&mut self, n: usize) -> Result<(), E> {
            self.left = self.left.checked_sub(n + NODE).ok_or_else(|| E::custom(OVER))?;
            Ok(())
        }
    }
    impl<'de> DeserializeSeed<'de> for &mut Measure {
        type Value = ();
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_any(self)
        }
    }
    impl<'de> Visitor<'de> for &mut Measure {
        type Value = ();
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("any YAML")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<(), E> {
            self.take(v.len())
        }
        fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<(), E> {
            self.take(v.len())
        }
        fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<(), E> {
            self.take(0)
        }
        fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<(), E> {
            self.take(0)
        }
        fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<(), E> {
            self.take(0)
        }
        fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<(), E> {
            self.take(0)
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<(), E> {
            self.take(0)
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<(), E> {
            self.take(0)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_any(self)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            self.take(0)?;
            while seq.next_element_seed(&mut *self)?.is_some() {}
            Ok(())
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            self.take(0)?;
            while map.next_key_seed(&mut *self)?.is_some() {
                map.next_value_seed(&mut *self)?;
            }
            Ok(())
        }
        fn visit_enum<A: serde::de::EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
            use serde::de::VariantAccess;
            let ((), variant) = data.variant_seed(&mut *self)?;
            variant.newtype_variant_seed(&mut *self)
        }
    }

    let mut m = Measure { left: crate::limits::MAX_YAML_TOML_BYTES };
    match (&mut m).deserialize(serde_yaml_ng::Deserializer::from_str(input)) {
        Err(e) if e.to_string().contains(OVER) => {
            let loc = e.location();
            Err(LimitExceeded { line: loc.as_ref().map(|l| l.line()), column: loc.as_ref().map(|l| l.column()) })
        }
        _ => Ok(()),
    }
}

/// Reads a report from an in-memory JSON value (how the Python bindings pass a dict).
/// Errors have a path but no line or column.
pub fn from_value(value: serde_json::Value) -> Result<Report, ParseError> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = path_of(e.path());
        ParseError::new(None, path, None, None, &e.into_inner().to_string())
    })
}

/// The report as a JSON value (the shape of the input).
pub fn to_value(report: &Report) -> Result<serde_json::Value, WriteError> {
    serde_json::to_value(report).map_err(|e| WriteError { format: Format::Json, message: e.to_string() })
}

fn toml_error(input: &str, path: Option<String>, e: &toml::de::Error) -> ParseError {
    let (line, column) = match e.span() {
        Some(span) => {
            let (l, c) = line_col(input, span.start);
            (Some(l), Some(c))
        }
        None => (None, None),
    };
    ParseError::new(Some(Format::Toml), path, line, column, e.message())
}

/// 1-based line and column (in characters) of a byte offset.
fn line_col(input: &str, offset: usize) -> (usize, usize) {
    let before = &input[..offset.min(input.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// serde_json and serde_yaml append " at line X column Y"; we report those apart.
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

/// A report that could not be written out (TOML cannot carry every value, such as
/// a NaN that validation would reject anyway).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{format:?}: {message}")]
pub struct WriteError {
    /// The output format.
    pub format: Format,
    /// What is wrong.
    pub message: String,
}

/// Writes a report as text in the given format (pretty JSON, YAML, TOML).
pub fn write(report: &Report, format: Format) -> Result<String, WriteError> {
    let err = |m: String| WriteError { format, message: m };
    match format {
        Format::Json => serde_json::to_string_pretty(report).map_err(|e| err(e.to_string())),
        Format::Yaml => serde_yaml_ng::to_string(report).map_err(|e| err(e.to_string())),
        Format::Toml => toml::to_string(report).map_err(|e| err(e.to_string())),
    }
}

/// The JSON Schema of the input, as pretty JSON.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(Report);
    serde_json::to_string_pretty(&schema).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters() {
        assert_eq!(line_col("ab\nđầm x", 9), (2, 4));
        assert_eq!(line_col("x", 0), (1, 1));
    }
}
