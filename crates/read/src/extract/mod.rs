//! `extract`: a report's .docx back to the typed [`Report`].
//!
//! The document is read once ([`crate::read_with`]), its parts found as
//! `check` finds them ([`crate::parts::find`]): the header block, the opening
//! sentence and the signature give the frame; the body's paragraphs become
//! the outline's items (headings by their literal numbering, prose with its
//! emphasis, dash and numbered items, tables with their caption, unit and
//! source lines) and [`baocao_core::outline::rebuild`] puts them back in the
//! report's structure; the appendices give the statistics. What has no place
//! is reported with its paragraph, never dropped in silence; the report is
//! then validated.
//!
//! ```
//! use baocao_core::{parse, Format, outline};
//! let report = parse(include_str!("../../../../examples/bao-cao-huyen-hoa-lam.yaml"), Format::Yaml)?;
//! let docx = baocao_docx::render(&report, &Default::default())?;
//! let back = baocao_read::extract(&docx)?;
//! assert!(back.problems.is_empty());
//! assert_eq!(back.report, outline::canonical(&report));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod body;
pub mod encoding;
mod frame;
mod statistics;

use baocao_core::outline::{self, Unplaced};
use baocao_core::{Context, Lang, Message, Report};
use chrono::NaiveDate;

use crate::parts::{self, normalized};
use crate::{read_with, Changes, Document, ReadError, ReadOptions};

/// How to extract.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExtractOptions {
    /// Tracked changes: `None` refuses a file that has any
    /// ([`ReadError::PendingChanges`]); `Some` reads it with them accepted or
    /// rejected.
    pub changes: Option<Changes>,
    /// Today, for validation's rule on dates in the future (`None` skips it).
    pub today: Option<NaiveDate>,
}

/// What kind of problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProblemKind {
    /// A paragraph (or table) with no place in the report's outline: kept where
    /// it stands as a paragraph, or left out (the message says which).
    Unplaced,
    /// A part of the frame not found (the field is left empty).
    Missing,
    /// Text typed in an old 8-bit encoding (TCVN3, VNI): read as it is stored,
    /// which is not Vietnamese.
    OldEncoding,
    /// The report read back does not validate (the code is validation's).
    Invalid(baocao_core::Code),
}

impl ProblemKind {
    /// A stable code: "unplaced", "missing", "old_encoding", or validation's
    /// code ("empty", "area_empty" …).
    pub fn code(self) -> &'static str {
        match self {
            ProblemKind::Unplaced => "unplaced",
            ProblemKind::Missing => "missing",
            ProblemKind::OldEncoding => "old_encoding",
            ProblemKind::Invalid(c) => c.as_str(),
        }
    }
}

/// One thing `extract` could not read into the report, or found wrong in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// What kind.
    pub kind: ProblemKind,
    /// The paragraph (1-based, counted over the whole document, table cells
    /// included, as `check` counts), when one is concerned.
    pub paragraph: Option<usize>,
    /// The paragraph's first words.
    pub words: String,
    /// The field of the report, when one is concerned (`frame.number`).
    pub path: Option<String>,
    /// What is wrong and what to do.
    pub message: Message,
}

impl Problem {
    /// `đoạn 57 (“Tổ chức các hoạt động …”), results.leadership.paragraphs[2]`.
    pub fn place(&self, lang: Lang) -> String {
        let mut parts: Vec<String> = Vec::new();
        if let Some(p) = self.paragraph {
            let words = if self.words.is_empty() { String::new() } else { format!(" (“{}”)", self.words) };
            parts.push(format!("{} {p}{words}", lang.pick("đoạn", "paragraph")));
        }
        if let Some(path) = &self.path {
            parts.push(path.clone());
        }
        parts.join(", ")
    }
}

impl Problem {
    /// The problem on one line: "unplaced đoạn 57 (“…”): message".
    pub fn line(&self, lang: Lang) -> String {
        let place = self.place(lang);
        let place = if place.is_empty() { String::new() } else { format!(" {place}") };
        format!("{}{place}: {}", self.kind.code(), baocao_core::text::escape_controls(self.message.get(lang)))
    }
}

/// The problems as lines for a person: one per problem, but paragraphs in a
/// row left out for the same reason are one line ("đoạn 29–95 (“…”)").
pub fn problem_lines(problems: &[Problem], lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < problems.len() {
        let p = &problems[i];
        let mut j = i + 1;
        while let (Some(q), Some(last)) = (problems.get(j), problems[j - 1].paragraph) {
            let same = q.kind == p.kind && q.message == p.message && q.path.is_none() && p.path.is_none();
            if !same || q.paragraph.is_none_or(|n| n <= last) {
                break;
            }
            j += 1;
        }
        match (j - i, p.paragraph, problems[j - 1].paragraph) {
            (n, Some(first), Some(last)) if n >= 3 => {
                let words = if p.words.is_empty() { String::new() } else { format!(" (“{}” …)", p.words) };
                let place = format!("{} {first}–{last}{words}", lang.pick("các đoạn", "paragraphs"));
                out.push(format!(
                    "{} {place}: {}",
                    p.kind.code(),
                    baocao_core::text::escape_controls(p.message.get(lang))
                ));
            }
            _ => out.extend(problems[i..j].iter().map(|p| p.line(lang))),
        }
        i = j;
    }
    out
}

/// The report read back, and what could not be.
#[derive(Debug, Clone, PartialEq)]
pub struct Extracted {
    /// The report.
    pub report: Report,
    /// Everything not placed, not found, or not valid, in document order
    /// (validation's problems last).
    pub problems: Vec<Problem>,
    /// What was noticed and left out on purpose (comments, composed text).
    pub notices: Vec<Message>,
}

/// Extracts the report from a .docx (its bytes), refusing a file with tracked
/// changes.
pub fn extract(bytes: &[u8]) -> Result<Extracted, ReadError> {
    extract_with(bytes, &ExtractOptions::default())
}

/// Extracts with options.
pub fn extract_with(bytes: &[u8], options: &ExtractOptions) -> Result<Extracted, ReadError> {
    let doc = read_with(bytes, &ReadOptions { changes: options.changes.unwrap_or_default() })?;
    if options.changes.is_none() && doc.notes.revisions > 0 {
        return Err(ReadError::PendingChanges { revisions: doc.notes.revisions });
    }
    Ok(from_document(&doc, options.today))
}

/// Extracts from a document already read.
pub fn from_document(doc: &Document, today: Option<NaiveDate>) -> Extracted {
    let parts = parts::find(doc);
    let mut problems = Problems { doc, list: Vec::new(), used: vec![false; doc.len()], counts: Vec::new() };
    let (frame, opening) = frame::frame(doc, &parts, &mut problems);
    problems.use_range(parts.body_start..parts.body_end);
    let items = body::items(doc, &parts, opening, &mut problems);
    let body = outline::rebuild(items);
    for Unplaced { at, text, why } in body.unplaced {
        problems.unplaced(at, &text, why);
    }
    problems.count_more(ProblemKind::Unplaced, body.more_unplaced);
    let statistics = statistics::appendices(doc, &parts, &mut problems);
    problems.leftovers();
    old_encodings(doc, &mut problems);
    let report = Report {
        frame,
        purpose: body.purpose,
        dissemination: body.dissemination,
        results: body.results,
        shortcomings: body.shortcomings,
        outlook: body.outlook,
        statistics,
    };
    let mut list = problems.finish();
    let invalid = baocao_core::problems(&report, &Context { today });
    // The paragraph of each field, for the first problems (each is a search of
    // the document).
    let value = if invalid.is_empty() { None } else { baocao_core::to_value(&report).ok() };
    list.extend(invalid.into_iter().enumerate().map(|(k, p)| {
        let paragraph = value.as_ref().filter(|_| k < PLACED_PROBLEMS).and_then(|v| paragraph_of(doc, v, &p.path));
        Problem {
            kind: ProblemKind::Invalid(p.code),
            words: paragraph.map(|i| first_words(doc.para(i).text())).unwrap_or_default(),
            paragraph: paragraph.map(|i| i + 1),
            path: Some(p.path),
            message: p.text,
        }
    }));
    Extracted { report, problems: list, notices: notices(doc) }
}

/// The problems found while reading, and which paragraphs were read.
pub(crate) struct Problems<'d> {
    doc: &'d Document,
    list: Vec<Problem>,
    /// The paragraphs read into (or reported against) the report.
    used: Vec<bool>,
    /// How many problems of each kind were found (listed or not).
    counts: Vec<(ProblemKind, usize)>,
}

/// At most this many problems of one kind are listed (a hostile file may have
/// a million stray paragraphs); the rest are counted in one more problem.
pub const MAX_LISTED: usize = 2000;

impl Problems<'_> {
    fn push(&mut self, p: Problem) {
        if self.count_more(p.kind, 1) <= MAX_LISTED {
            self.list.push(p);
        }
    }

    /// Counts `n` more problems of a kind; returns the count so far.
    fn count_more(&mut self, kind: ProblemKind, n: usize) -> usize {
        let count = match self.counts.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, c)) => c,
            None => {
                self.counts.push((kind, 0));
                &mut self.counts.last_mut().expect("just pushed").1
            }
        };
        *count += n;
        *count
    }

    /// The problems in document order (those without a paragraph first), and
    /// for each kind past the limit one more counting the rest.
    fn finish(mut self) -> Vec<Problem> {
        self.list.sort_by_key(|p| p.paragraph.unwrap_or(0));
        for (kind, n) in self.counts.into_iter().filter(|&(_, n)| n > MAX_LISTED).map(|(k, n)| (k, n - MAX_LISTED)) {
            self.list.push(Problem {
                kind,
                paragraph: None,
                words: String::new(),
                path: None,
                message: Message::new(
                    format!("và {n} đoạn khác cùng loại (không liệt kê)"),
                    format!("and {n} more paragraph(s) of the same kind (not listed)"),
                ),
            });
        }
        self.list
    }

    /// Marks a paragraph read.
    fn use_at(&mut self, i: Option<usize>) {
        if let Some(u) = i.and_then(|i| self.used.get_mut(i)) {
            *u = true;
        }
    }

    fn use_range(&mut self, r: std::ops::Range<usize>) {
        let end = r.end.min(self.used.len());
        if let Some(s) = self.used.get_mut(r.start.min(end)..end) {
            s.fill(true);
        }
    }

    /// Every paragraph with text that no part of the report read: reported,
    /// never dropped in silence (a line typed above the header, under the
    /// signature, after an appendix).
    fn leftovers(&mut self) {
        let doc = self.doc;
        let mut i = 0;
        while i < self.used.len() {
            let p = doc.para(i);
            if self.used[i] || p.text().trim().is_empty() {
                i += 1;
                continue;
            }
            self.unplaced(
                i,
                p.text(),
                Message::new(
                    "đoạn này nằm ngoài các phần của báo cáo (phần đầu, nội dung, chữ ký, nơi nhận, phụ lục): không được đọc vào báo cáo",
                    "this paragraph is outside the report's parts (header, body, signature, recipients, appendices): not read into the report",
                ),
            );
            i += 1;
        }
    }

    fn unplaced(&mut self, at: usize, text: &str, why: Message) {
        self.use_at(Some(at));
        self.push(Problem {
            kind: ProblemKind::Unplaced,
            paragraph: Some(at + 1),
            words: first_words(text),
            path: None,
            message: why,
        });
    }

    fn missing(&mut self, path: &str, message: Message) {
        self.push(Problem {
            kind: ProblemKind::Missing,
            paragraph: None,
            words: String::new(),
            path: Some(path.into()),
            message,
        });
    }
}

/// The first words of a text, for a person to find it (at most 8 words, 60 characters).
pub fn first_words(text: &str) -> String {
    let t = normalized(text);
    let mut out = String::new();
    for (k, w) in t.split(' ').enumerate() {
        if k == 8 || out.chars().count() + w.chars().count() > 60 {
            out.push('…');
            break;
        }
        if k > 0 {
            out.push(' ');
        }
        out.push_str(w);
    }
    baocao_core::text::escape_controls(&out)
}

fn nested_table_message() -> Message {
    Message::new(
        "bảng lồng trong một ô bảng: không đọc được, hãy đưa ra ngoài",
        "a table nested in a table cell: not read, move it out",
    )
}

fn appendix_without_table() -> Message {
    Message::new(
        "phụ lục không có bảng số liệu: không đọc được vào statistics",
        "an appendix without a table of figures: not read into statistics",
    )
}

/// Each paragraph typed in an old encoding, reported once per run of such
/// paragraphs' first.
fn old_encodings(doc: &Document, problems: &mut Problems<'_>) {
    for p in doc.paragraphs() {
        if let Some(e) = encoding::of_paragraph(&p) {
            let name = e.name();
            problems.push(Problem {
                kind: ProblemKind::OldEncoding,
                paragraph: Some(p.index() + 1),
                words: first_words(p.text()),
                path: None,
                message: Message::new(
                    format!("đoạn gõ bằng bảng mã cũ {name}: chữ đọc ra không phải tiếng Việt; hãy chuyển sang Unicode (Unikey: Công cụ chuyển mã) rồi trích xuất lại"),
                    format!("a paragraph typed in the old {name} encoding: its letters do not read as Vietnamese; convert it to Unicode (Unikey's converter) and extract again"),
                ),
            });
        }
    }
}

/// What was left out on purpose.
fn notices(doc: &Document) -> Vec<Message> {
    let mut out = Vec::new();
    let n = doc.notes.comments;
    if n > 0 {
        out.push(Message::new(
            format!("{n} nhận xét (comment) trong tệp không được đọc vào báo cáo"),
            format!("{n} comment(s) in the file are not read into the report"),
        ));
    }
    let d = doc.notes.decomposed;
    if d > 0 {
        out.push(Message::new(
            format!("{d} đoạn gõ bằng Unicode tổ hợp đã được chuyển sang Unicode dựng sẵn (NFC)"),
            format!("{d} paragraph(s) typed in decomposed Unicode were composed (NFC)"),
        ));
    }
    let r = doc.notes.revisions;
    if r > 0 {
        out.push(Message::new(
            format!("{r} thay đổi được theo dõi (track changes) đã được đọc theo lựa chọn chấp nhận / từ chối"),
            format!("{r} tracked change(s) were read as chosen (accepted / rejected)"),
        ));
    }
    out
}

/// How many validation problems get the paragraph of their field.
const PLACED_PROBLEMS: usize = 200;

/// The paragraph a field's text is in: the first paragraph holding the first
/// words of the field's value (the first text under it, for a list or a part).
fn paragraph_of(doc: &Document, value: &serde_json::Value, path: &str) -> Option<usize> {
    let mut v = value;
    for step in path.split('.') {
        let (name, indexes) = step.split_once('[').map_or((step, ""), |(n, rest)| (n, rest));
        v = v.get(name)?;
        for index in indexes.split('[').filter(|s| !s.is_empty()) {
            v = v.get(index.trim_end_matches(']').parse::<usize>().ok()?)?;
        }
    }
    let needle = first_text(v)?;
    let needle: String = normalized(&needle).chars().filter(|&c| c != '*' && c != '\\').take(40).collect();
    if needle.chars().count() < 3 {
        return None;
    }
    doc.paragraphs().position(|p| normalized(p.text()).contains(&needle))
}

fn first_text(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        serde_json::Value::Array(a) => a.iter().find_map(first_text),
        serde_json::Value::Object(o) => o.values().find_map(first_text),
        _ => None,
    }
}
