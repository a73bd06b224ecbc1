//! # baocao-read
//!
//! Reads any .docx a Party office meets (this library's output, the same after
//! Word, LibreOffice or python-docx saved it, a report typed by hand) into a
//! compact [`Document`]: paragraphs with their runs and resolved formatting,
//! tables with merged cells, sections and headers; and finds the parts of a
//! Party report in it ([`parts::find`]) by their content and position, not by
//! style names. The one reader of `baocao check` and `baocao extract`.
//!
//! Bounded on any file: the ZIP is read by hand in one pass with its entry
//! count checked first; the document part is inflated and parsed as a stream;
//! what the model holds is capped ([`limits`]); every pass is linear. A hostile
//! file is a [`ReadError`], never a panic, a hang or a full machine. Text is
//! NFC. docx-rs's own reader is not used: it panics and drops content on real
//! files (see ARCHITECTURE.md).
//!
//! ```
//! use baocao_core::{parse, Format};
//! let report = parse(include_str!("../../../examples/bao-cao-huyen-hoa-lam.yaml"), Format::Yaml)?;
//! let docx = baocao_docx::render(&report, &Default::default())?;
//! let doc = baocao_read::read(&docx)?;
//! let parts = baocao_read::parts::find(&doc);
//! assert_eq!(doc.para(parts.title.unwrap()).text(), "BÁO CÁO");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod document;
pub mod extract;
pub mod parts;
mod styles;
mod xml;
mod zip;

use std::collections::HashMap;
use std::fmt;

use baocao_core::{Lang, Message};

pub use document::{
    Cell, Changes, Document, Header, HeaderParagraph, Merge, Notes, Para, ReadOptions, Run, Section, Table,
};
pub use extract::{extract, extract_with, ExtractOptions, Extracted, Problem, ProblemKind};
pub use styles::{Align, Font, ParaProps, RunProps, Style, Styles};
pub use xml::MAX_DEPTH;
pub use zip::MAX_ENTRIES;

/// The bounds of what a file can make the reader hold.
pub mod limits {
    /// Largest .docx file read (the CLI and Python refuse a larger one before
    /// reading it whole).
    pub const FILE_BYTES: u64 = 128 << 20;
    /// Largest document part, inflated (read as a stream; the parser holds at
    /// most one piece of text of it at a time): above what this library's
    /// renderer writes within its input limits.
    pub const DOCUMENT_BYTES: u64 = 128 << 20;
    /// Largest other part read (styles, theme, relationships), inflated.
    pub const PART_BYTES: u64 = 64 << 20;
    /// Largest header part read, inflated (a page number needs a few hundred bytes).
    pub const HEADER_BYTES: u64 = 4 << 20;
    /// Most paragraphs read (table cells' paragraphs included).
    pub const PARAGRAPHS: usize = 1_000_000;
    /// Most runs with text read.
    pub const RUNS: usize = 4_000_000;
    /// Most table cells read.
    pub const CELLS: usize = 1_000_000;
    /// Most tables read.
    pub const TABLES: usize = 200_000;
    /// Most sections read.
    pub const SECTIONS: usize = 100_000;
    /// Most distinct sets of formatting (and style names) kept.
    pub const FORMATS: usize = 200_000;
    /// Most header parts read.
    pub const HEADER_PARTS: usize = 32;
    /// Most paragraphs kept of a header part.
    pub const HEADER_PARAGRAPHS: usize = 200;
}

/// What a limit counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// Paragraphs.
    Paragraphs,
    /// Runs.
    Runs,
    /// Table cells.
    Cells,
    /// Tables.
    Tables,
    /// Sections.
    Sections,
    /// Styles.
    Styles,
    /// Distinct formatting.
    Formats,
    /// Text.
    Text,
}

impl Limit {
    fn words(self) -> (&'static str, &'static str) {
        match self {
            Limit::Paragraphs => ("đoạn văn", "paragraphs"),
            Limit::Runs => ("đoạn chữ định dạng (run)", "runs"),
            Limit::Cells => ("ô bảng", "table cells"),
            Limit::Tables => ("bảng", "tables"),
            Limit::Sections => ("phần (section)", "sections"),
            Limit::Styles => ("kiểu (style)", "styles"),
            Limit::Formats => ("kiểu định dạng khác nhau", "distinct formats"),
            Limit::Text => ("byte chữ", "bytes of text"),
        }
    }
}

/// A file that cannot be read as a .docx at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// Not a ZIP package.
    NotZip,
    /// Password-protected (an encrypted package, or an encrypted entry).
    Encrypted,
    /// An old Word document (.doc), not a .docx.
    OldWordFile,
    /// A ZIP64 archive (never needed by a report; not read).
    Zip64,
    /// More entries than [`MAX_ENTRIES`].
    TooManyEntries {
        /// How many the package lists.
        count: usize,
    },
    /// No main document part.
    NoDocument,
    /// The main document part is not a WordprocessingML document.
    NotADocument {
        /// The part.
        part: String,
    },
    /// A part cannot be inflated (damaged, or an unsupported compression).
    Unreadable {
        /// The part.
        part: String,
    },
    /// A part is larger than its limit once inflated (a ZIP bomb?).
    TooLarge {
        /// The part.
        part: String,
        /// Its limit in bytes.
        limit: u64,
    },
    /// XML nested deeper than [`MAX_DEPTH`].
    TooDeep {
        /// The part.
        part: String,
    },
    /// XML that does not parse.
    Xml {
        /// The part.
        part: String,
        /// What is wrong, and where.
        message: Message,
    },
    /// More of something than the reader holds.
    TooMany {
        /// What.
        what: Limit,
        /// The limit.
        limit: usize,
    },
    /// Tracked changes not yet accepted or rejected, and no choice given of
    /// how to read them (`extract` does not guess).
    PendingChanges {
        /// How many changes.
        revisions: usize,
    },
}

/// A part's name as shown to a person: control characters escaped.
fn shown(part: &str) -> String {
    baocao_core::text::escape_controls(part)
}

impl ReadError {
    /// The error in one language.
    pub fn describe(&self, lang: Lang) -> String {
        let m = |vi: String, en: String| if lang == Lang::En { en } else { vi };
        match self {
            ReadError::NotZip => m("không phải tệp .docx (không phải gói ZIP)".into(), "not a .docx file (not a ZIP package)".into()),
            ReadError::Encrypted => m(
                "tệp .docx được đặt mật khẩu (mã hóa): hãy mở bằng Word, bỏ mật khẩu (Tệp > Thông tin > Bảo vệ tài liệu) rồi lưu lại".into(),
                "the .docx is password-protected (encrypted): open it in Word, remove the password (File > Info > Protect Document) and save it again".into(),
            ),
            ReadError::OldWordFile => m(
                "đây là tệp Word cũ (.doc), không phải .docx: hãy mở bằng Word và lưu lại dạng .docx".into(),
                "this is an old Word file (.doc), not a .docx: open it in Word and save it as .docx".into(),
            ),
            ReadError::Zip64 => m("gói ZIP64 không được hỗ trợ (tệp .docx của báo cáo không cần)".into(), "ZIP64 packages are not supported (a report's .docx never needs one)".into()),
            ReadError::TooManyEntries { count } => m(
                format!("gói có {count} mục, quá giới hạn {MAX_ENTRIES} mục"),
                format!("the package lists {count} entries, over the limit of {MAX_ENTRIES} entries"),
            ),
            ReadError::NoDocument => m("tệp .docx không có phần nội dung văn bản (word/document.xml)".into(), "the .docx has no document part (word/document.xml)".into()),
            ReadError::NotADocument { part } => {
                let part = shown(part);
                m(format!("phần {part} không phải nội dung văn bản Word"), format!("part {part} is not a Word document"))
            }
            ReadError::Unreadable { part } => {
                let part = shown(part);
                m(format!("không giải nén được phần {part} (tệp hỏng?)"), format!("part {part} cannot be inflated (a damaged file?)"))
            }
            ReadError::TooLarge { part, limit } => {
                let (part, mib) = (shown(part), limit >> 20);
                m(format!("phần {part} quá lớn khi giải nén (quá giới hạn {mib} MiB)"), format!("part {part} is too large once inflated (over {mib} MiB)"))
            }
            ReadError::TooDeep { part } => {
                let part = shown(part);
                m(format!("XML của phần {part} lồng nhau quá {MAX_DEPTH} cấp"), format!("the XML of part {part} nests more than {MAX_DEPTH} levels deep"))
            }
            ReadError::Xml { part, message } => {
                let part = shown(part);
                m(format!("XML của phần {part} bị lỗi: {}", message.vi), format!("the XML of part {part} does not parse: {}", message.en))
            }
            ReadError::TooMany { what, limit } => {
                let (vi, en) = what.words();
                m(format!("tệp có quá {limit} {vi}, quá giới hạn đọc"), format!("the file has more than {limit} {en}, over the reading limit"))
            }
            ReadError::PendingChanges { revisions } => m(
                format!("tệp còn {revisions} thay đổi được theo dõi (track changes) chưa chấp nhận hay từ chối: hãy xử lý trong Word (Xem lại > Chấp nhận / Từ chối), hoặc chọn cách đọc (--changes accept / reject)"),
                format!("the file has {revisions} tracked change(s) not yet accepted or rejected: settle them in Word (Review > Accept / Reject), or choose how to read them (--changes accept / reject)"),
            ),
        }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(Lang::Vi))
    }
}

impl std::error::Error for ReadError {}

/// One relationship of a part.
struct Relationship {
    id: String,
    kind: String,
    target: String,
}

/// The relationships of a part, in the order written: (id, type's last
/// segment, target resolved against `base_dir`). External targets are left out.
fn relationships(xml: &[u8], part: &str, base_dir: &str) -> Result<Vec<Relationship>, ReadError> {
    let mut out = Vec::new();
    xml::walk(xml, part, |n| {
        if let xml::Node::Open(e, _) = n {
            if e.name == "Relationship" && e.attr("TargetMode").as_deref() != Some("External") {
                if let (Some(id), Some(kind), Some(target)) = (e.attr("Id"), e.attr("Type"), e.attr("Target")) {
                    if out.len() < 100_000 {
                        let kind = kind.rsplit('/').next().unwrap_or("").to_string();
                        out.push(Relationship { id: id.into_owned(), kind, target: resolve(base_dir, &target) });
                    }
                }
            }
        }
        Ok(())
    })?;
    Ok(out)
}

/// A relationship target relative to the folder of its source part.
fn resolve(base_dir: &str, target: &str) -> String {
    if let Some(abs) = target.strip_prefix('/') {
        return abs.to_string();
    }
    let mut parts: Vec<&str> = base_dir.split('/').filter(|s| !s.is_empty()).collect();
    for seg in target.split('/') {
        match seg {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// Reads a .docx (its bytes), tracked changes read as accepted.
pub fn read(bytes: &[u8]) -> Result<Document, ReadError> {
    read_with(bytes, &ReadOptions::default())
}

/// Reads a .docx (its bytes) with options.
pub fn read_with(bytes: &[u8], options: &ReadOptions) -> Result<Document, ReadError> {
    let pkg = zip::Package::open(bytes)?;
    // The main document: the first officeDocument relationship, as Word reads it.
    let root_rels = pkg.part("_rels/.rels", limits::PART_BYTES)?.ok_or(ReadError::NoDocument)?;
    let main = relationships(&root_rels, "_rels/.rels", "")?
        .into_iter()
        .find(|r| r.kind == "officeDocument")
        .map(|r| r.target)
        .ok_or(ReadError::NoDocument)?;
    let (dir, file) = main.rsplit_once('/').unwrap_or(("", main.as_str()));
    let rels_part = format!("{dir}/_rels/{file}.rels");
    let doc_rels = match pkg.part(&rels_part, limits::PART_BYTES)? {
        Some(x) => relationships(&x, &rels_part, dir)?,
        None => Vec::new(),
    };
    let first = |kind: &str| doc_rels.iter().find(|r| r.kind == kind).map(|r| r.target.clone());
    let mut styles = match first("styles") {
        Some(t) => match pkg.part(&t, limits::PART_BYTES)? {
            Some(x) => styles::read_styles(&x, &t)?,
            None => Styles::default(),
        },
        None => Styles::default(),
    };
    if let Some(t) = first("theme") {
        if let Some(x) = pkg.part(&t, limits::PART_BYTES)? {
            styles::read_theme(&x, &t, &mut styles)?;
        }
    }
    // Header parts, each once, in the order the relationships list them.
    let mut header_parts: Vec<String> = Vec::new();
    let mut header_ids: HashMap<String, usize> = HashMap::new();
    for r in doc_rels.iter().filter(|r| r.kind == "header") {
        let at = match header_parts.iter().position(|p| *p == r.target) {
            Some(at) => at,
            None if header_parts.len() < limits::HEADER_PARTS => {
                header_parts.push(r.target.clone());
                header_parts.len() - 1
            }
            None => continue,
        };
        header_ids.entry(r.id.clone()).or_insert(at);
    }
    let mut builder = document::Builder::new(styles, *options, &header_ids)?;
    let mut root: Option<String> = None;
    let reader = pkg.open_part(&main, limits::DOCUMENT_BYTES)?.ok_or(ReadError::NoDocument)?;
    let mut reader = reader;
    let walked = xml::walk(&mut reader, &main, |n| {
        if root.is_none() {
            if let xml::Node::Open(e, _) = &n {
                root = Some(e.name.to_string());
            }
        }
        builder.node(n)
    });
    match walked {
        // An inflating error shows as an unreadable part: say which.
        Err(ReadError::Unreadable { .. }) => return Err(reader.error(std::io::Error::other("inflate"))),
        Err(e) => return Err(e),
        Ok(()) => reader.finish()?,
    }
    if root.as_deref() != Some("document") {
        return Err(ReadError::NotADocument { part: main });
    }
    let mut doc = builder.finish();
    for part in header_parts {
        let header = match pkg.part(&part, limits::HEADER_BYTES)? {
            Some(x) => document::read_header(&x, &part, &doc.styles)?,
            None => Header { part, ..Header::default() },
        };
        doc.headers.push(header);
    }
    Ok(doc)
}

#[cfg(test)]
mod tests {
    #[test]
    fn targets_resolve_against_the_source_folder() {
        assert_eq!(super::resolve("word", "styles.xml"), "word/styles.xml");
        assert_eq!(super::resolve("", "word/document.xml"), "word/document.xml");
        assert_eq!(super::resolve("word", "../customXml/item1.xml"), "customXml/item1.xml");
        assert_eq!(super::resolve("word", "/word/header1.xml"), "word/header1.xml");
    }
}
