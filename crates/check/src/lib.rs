//! # baocao-check
//!
//! Holds any Party report (.docx) against the layout rules of Hướng dẫn số
//! 36-HD/VPTW, ngày 03/4/2018 (see `shared/spec/layout-party-document.md`): one
//! this library wrote, the same file after Word, LibreOffice or python-docx saved
//! it, or a report typed by hand. The rules are the renderer's own
//! [`Layout`] profile: one source of truth.
//!
//! The reading is bounded (inflated part sizes, XML depth, no DOCTYPE): a hostile
//! file is a [`CheckError`] or findings, never a panic or a full machine.
//! Formatting is resolved the way Word resolves it (document defaults, paragraph
//! style chain, character style chain, direct formatting); the parts of the report
//! (header block, title, body, signature, recipients, appendices) are found by
//! their content and position, not by style names.
//!
//! ```
//! use baocao_core::{parse, Format, Lang};
//! let report = parse(include_str!("../../../examples/bao-cao-huyen-hoa-lam.yaml"), Format::Yaml)?;
//! let docx = baocao_docx::render(&report, &Default::default())?;
//! let findings = baocao_check::check(&docx, &Default::default())?;
//! assert!(findings.iter().all(|f| f.severity != baocao_check::Severity::Error));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod model;
mod package;
mod parts;
mod rules;
mod xml;

use std::fmt;

pub use baocao_core::layout::Layout;
use baocao_core::{Lang, Message};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Severity {
    /// A rule the document must follow.
    Error,
    /// A default inside an allowed range (a margin, the line spacing), or a part the
    /// checker expected and did not find where a report may leave it out.
    Warning,
}

impl Severity {
    /// "error" or "warning".
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// Where a finding is.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Location {
    /// 1-based number of the paragraph in the document (table cells counted in
    /// reading order); `None` for the page or the whole document.
    pub paragraph: Option<usize>,
    /// The part of the report ("phần đầu", "nội dung" …; "header block", "body" …).
    pub part: Message,
    /// The first words of the paragraph.
    pub excerpt: String,
}

impl Location {
    /// "đoạn 12 (nội dung): “Thực hiện Công văn số …”" in one language.
    pub fn describe(&self, lang: Lang) -> String {
        let mut out = String::new();
        if let Some(n) = self.paragraph {
            out.push_str(&format!("{} {n}", lang.pick("đoạn", "paragraph")));
        }
        let part = self.part.get(lang);
        if !part.is_empty() {
            if out.is_empty() {
                out.push_str(part);
            } else {
                out.push_str(&format!(" ({part})"));
            }
        }
        if !self.excerpt.is_empty() {
            out.push_str(&format!(": “{}”", self.excerpt));
        }
        out
    }
}

/// One thing found: which rule, how serious, what was found against what the rule
/// asks, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The rule's stable id ("body.size", "header.number").
    pub rule: &'static str,
    /// Error or warning.
    pub severity: Severity,
    /// What was found and what the rule asks, in both languages.
    pub text: Message,
    /// Where.
    pub location: Location,
}

impl Finding {
    /// The message in one language ("cỡ chữ 13, quy định 14").
    pub fn message(&self, lang: Lang) -> &str {
        self.text.get(lang)
    }

    /// One line: "lỗi [body.size] đoạn 12 (nội dung): “…”: cỡ chữ 13, quy định 14".
    pub fn line(&self, lang: Lang) -> String {
        let severity = match (self.severity, lang) {
            (Severity::Error, Lang::Vi) => "lỗi",
            (Severity::Warning, Lang::Vi) => "lưu ý",
            (Severity::Error, Lang::En) => "error",
            (Severity::Warning, Lang::En) => "warning",
        };
        let at = self.location.describe(lang);
        if at.is_empty() {
            format!("{severity} [{}]: {}", self.rule, self.message(lang))
        } else {
            format!("{severity} [{}] {at}: {}", self.rule, self.message(lang))
        }
    }

    /// The finding as a JSON object (`rule`, `severity`, `message`, `location`,
    /// `paragraph`, `part`, `excerpt`).
    pub fn to_json(&self, lang: Lang) -> serde_json::Value {
        serde_json::json!({
            "rule": self.rule,
            "severity": self.severity.as_str(),
            "message": self.message(lang),
            "location": self.location.describe(lang),
            "paragraph": self.location.paragraph,
            "part": self.location.part.get(lang),
            "excerpt": self.location.excerpt,
        })
    }
}

/// A file that cannot be read as a .docx at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckError {
    /// Not a ZIP package.
    NotZip,
    /// No main document part.
    NoDocument,
    /// A part cannot be inflated (damaged, or an unsupported compression).
    Unreadable {
        /// The part.
        part: String,
    },
    /// A part is larger than the limits once inflated (a ZIP bomb?).
    TooLarge {
        /// The part.
        part: String,
    },
    /// XML nested deeper than the limit.
    TooDeep {
        /// The part.
        part: String,
    },
    /// XML that does not parse.
    Xml {
        /// The part.
        part: String,
        /// The parser's words.
        message: String,
    },
}

impl CheckError {
    /// The error in one language.
    pub fn describe(&self, lang: Lang) -> String {
        match (self, lang) {
            (CheckError::NotZip, Lang::Vi) => "không phải tệp .docx (không phải gói ZIP)".into(),
            (CheckError::NotZip, Lang::En) => "not a .docx file (not a ZIP package)".into(),
            (CheckError::NoDocument, Lang::Vi) => "tệp .docx không có phần nội dung văn bản (word/document.xml)".into(),
            (CheckError::NoDocument, Lang::En) => "the .docx has no document part (word/document.xml)".into(),
            (CheckError::Unreadable { part }, Lang::Vi) => format!("không giải nén được phần {part} (tệp hỏng?)"),
            (CheckError::Unreadable { part }, Lang::En) => format!("part {part} cannot be inflated (a damaged file?)"),
            (CheckError::TooLarge { part }, Lang::Vi) => {
                format!("phần {part} quá lớn khi giải nén (quá giới hạn {} MiB)", package::MAX_PART_BYTES >> 20)
            }
            (CheckError::TooLarge { part }, Lang::En) => {
                format!("part {part} is too large once inflated (over {} MiB)", package::MAX_PART_BYTES >> 20)
            }
            (CheckError::TooDeep { part }, Lang::Vi) => {
                format!("XML của phần {part} lồng nhau quá {} cấp", xml::MAX_DEPTH)
            }
            (CheckError::TooDeep { part }, Lang::En) => {
                format!("the XML of part {part} nests more than {} levels deep", xml::MAX_DEPTH)
            }
            (CheckError::Xml { part, message }, Lang::Vi) => format!("XML của phần {part} bị lỗi: {message}"),
            (CheckError::Xml { part, message }, Lang::En) => {
                format!("the XML of part {part} does not parse: {message}")
            }
        }
    }
}

impl fmt::Display for CheckError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(Lang::Vi))
    }
}

impl std::error::Error for CheckError {}

/// Largest .docx file read (the CLI and Python refuse a larger one before reading
/// it whole): reports with pictures stay far below.
pub const MAX_FILE_BYTES: u64 = 128 << 20;

/// Checks a .docx (its bytes) against a layout profile; every finding, in
/// document order within each rule group. No error-severity finding means the
/// layout follows the rules.
pub fn check(docx: &[u8], layout: &Layout) -> Result<Vec<Finding>, CheckError> {
    let doc = model::read(docx)?;
    let parts = parts::find(&doc);
    Ok(rules::run(&doc, &parts, layout))
}

/// Whether any finding is an error.
pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Error)
}
