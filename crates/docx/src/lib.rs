//! # baocao-docx
//!
//! Renders a validated [`baocao_core::Report`] as a .docx in the official Party
//! document layout (Hướng dẫn số 36-HD/VPTW). One entry point, [`render`], plus
//! [`render_to_file`] that writes atomically; [`RenderOptions`] carries what is
//! not part of the report (author, created date, [`Layout`] profile); a
//! [`Renderer`] prepares what depends only on the options once, for many reports.
//!
//! The pipeline: **validate → compose → conform → package**, as a stream.
//! `compose` builds each body element with docx-rs; docx-rs serialises it;
//! `conform`, the single stage that corrects what docx-rs writes wrongly, fixes it;
//! `package` deflates it into the document part; then it is dropped, so the whole
//! document's model never exists at once. No docx-rs type appears in this crate's
//! public API, and nothing reads the clock or the environment: the same report
//! and options give the same bytes.
//!
//! ```
//! use baocao_core::{parse, Format};
//! use baocao_docx::{render, RenderOptions};
//! let report = parse(include_str!("../../../examples/bao-cao-huyen-hoa-lam.yaml"), Format::Yaml)?;
//! let bytes = render(&report, &RenderOptions::default())?;
//! assert_eq!(&bytes[..2], b"PK");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod columns;
mod compose;
mod conform;
mod package;
mod stream;
pub mod styles;
mod theme;
mod xml;

/// The fixed wording of the document (moved to `baocao_core::wording`, which the
/// checker reads too).
pub use baocao_core::wording;

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};

use arc_swap::ArcSwap;

use baocao_core::{format, validate, Context, Lang, Message, Report, ValidationErrors, CHI_THI_20};
use chrono::NaiveDateTime;

pub use baocao_core::layout::{Layout, LineSpacing, RomanStyle};
pub use package::DEFLATE_LEVEL;

/// What rendering needs besides the report.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RenderOptions {
    /// Author (creator) in the document properties; empty means the issuing organ.
    pub author: String,
    /// Created / modified date in the document properties; `None` means the date
    /// of issue at 00:00 UTC (its first possible day when the office fills in the
    /// day by hand), so the output depends on the input only.
    pub created: Option<NaiveDateTime>,
    /// Validation context ("today" for the date-in-the-future rule).
    pub context: Context,
    /// Every size, margin and choice of the layout.
    pub layout: Layout,
}

impl RenderOptions {
    /// Every problem of the options, as `(option, message)`: the author is checked
    /// like report text (it goes into the file), the layout by
    /// [`Layout::problems`]. [`render`] refuses options with problems.
    ///
    /// ```
    /// let options = baocao_docx::RenderOptions { author: "A\u{1}".into(), ..Default::default() };
    /// assert_eq!(options.problems()[0].0, "author");
    /// ```
    pub fn problems(&self) -> Vec<(String, Message)> {
        let mut out = Vec::new();
        if let Some(m) = baocao_core::layout::text_problem(&self.author, 255) {
            out.push(("author".to_string(), m));
        }
        out.extend(self.layout.problems().into_iter().map(|(f, m)| (format!("layout.{f}"), m)));
        out
    }
}

/// Why rendering or writing failed. `Display` gives the Vietnamese text;
/// [`Error::describe`] either language.
#[derive(Debug)]
pub enum Error {
    /// The report did not validate; every problem is listed.
    Invalid(ValidationErrors),
    /// The output file exists and overwriting was not asked for.
    Exists(PathBuf),
    /// Reading or writing a file failed.
    Io {
        /// The file concerned.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The output exists and is not a regular file (a device, FIFO, folder or
    /// link): it is never replaced, forced or not.
    NotRegular(PathBuf),
    /// An option cannot be used (the author, a layout setting); each problem names
    /// its option: `author`, `layout.margin_left` …
    Options(Vec<(String, Message)>),
    /// An internal error building the package (a bug: please report it).
    Internal(String),
}

impl Error {
    /// The error in one language.
    ///
    /// ```
    /// use baocao_core::Lang;
    /// let e = baocao_docx::Error::Exists("bao-cao.docx".into());
    /// assert_eq!(e.describe(Lang::Vi), "bao-cao.docx: tệp đã có (dùng overwrite / --force để ghi đè)");
    /// assert_eq!(e.describe(Lang::En), "bao-cao.docx: file exists (pass overwrite / --force to replace it)");
    /// ```
    pub fn describe(&self, lang: Lang) -> String {
        let en = lang == Lang::En;
        match self {
            Error::Invalid(v) => {
                let lead = if en { "the report is not valid:" } else { "báo cáo chưa hợp lệ:" };
                format!("{lead}\n{}", v.lines(lang))
            }
            Error::Exists(p) => {
                let why = lang.pick(
                    "tệp đã có (dùng overwrite / --force để ghi đè)",
                    "file exists (pass overwrite / --force to replace it)",
                );
                format!("{}: {why}", p.display())
            }
            Error::NotRegular(p) => {
                let why = lang.pick(
                    "không phải là một tệp thông thường (thiết bị, FIFO, thư mục hoặc liên kết): không bao giờ bị ghi đè",
                    "not a regular file (a device, FIFO, folder or link): it is never replaced",
                );
                format!("{}: {why}", p.display())
            }
            Error::Io { path, source } => {
                format!("{}: {}", path.display(), baocao_core::lang::io_error(source).get(lang))
            }
            Error::Options(problems) => {
                let lead = if en { "the options are not usable: " } else { "tùy chọn không dùng được: " };
                let list: Vec<String> = problems.iter().map(|(f, m)| format!("{f}: {}", m.get(lang))).collect();
                format!("{lead}{}", list.join("; "))
            }
            Error::Internal(m) => {
                let lead = lang.pick(
                    "lỗi nội bộ khi tạo văn bản (xin báo lỗi này cho người phát triển)",
                    "internal error while building the document (please report it)",
                );
                format!("{lead}: {m}")
            }
        }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe(Lang::Vi))
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            Error::Invalid(v) => Some(v),
            _ => None,
        }
    }
}

/// Renders a report to the bytes of a .docx file, validating it first.
///
/// The parts that depend only on the layout (styles, settings, theme, the page
/// header, relationships, content types) are prepared once per layout and kept
/// for later calls (a few layouts at most, shared by every thread): a plain
/// `render` costs what a prepared [`Renderer`] does, and gives the same bytes.
pub fn render(report: &Report, options: &RenderOptions) -> Result<Vec<u8>, Error> {
    validate(report, &options.context).map_err(Error::Invalid)?;
    let problems = options.problems();
    if !problems.is_empty() {
        return Err(Error::Options(problems));
    }
    let prepared = prepared(&options.layout)?;
    render_valid(report, options, &prepared)
}

/// The parts of the package that depend only on the layout, conformed and
/// deflated, and the start of the document part.
#[derive(Debug)]
struct Prepared {
    /// The fixed parts, deflated.
    fixed: Vec<package::Deflated>,
    /// The start of word/document.xml, up to and with `<w:body>`.
    prologue: Vec<u8>,
}

/// How many layouts' prepared parts are kept (a process uses one or two).
pub const CACHED_LAYOUTS: usize = 8;

type Cache = Vec<(Layout, Arc<Prepared>)>;

/// The prepared parts of recent layouts, most recent first. Read without a lock
/// (an atomic load of the current list); a new layout replaces the list. Only a
/// memo of a pure function of the layout: it never changes the bytes.
static PREPARED: LazyLock<ArcSwap<Cache>> = LazyLock::new(|| ArcSwap::from_pointee(Vec::new()));

/// The prepared parts for a layout, from the cache or made and kept.
fn prepared(layout: &Layout) -> Result<Arc<Prepared>, Error> {
    if let Some((_, p)) = PREPARED.load().iter().find(|(l, _)| l == layout) {
        return Ok(Arc::clone(p));
    }
    let made = Arc::new(Prepared::new(layout)?);
    PREPARED.rcu(|cache| {
        let mut next: Cache = Vec::with_capacity(CACHED_LAYOUTS);
        next.push((layout.clone(), Arc::clone(&made)));
        next.extend(cache.iter().filter(|(l, _)| l != layout).take(CACHED_LAYOUTS - 1).cloned());
        next
    });
    Ok(made)
}

impl Prepared {
    fn new(layout: &Layout) -> Result<Prepared, Error> {
        let skeleton = styles::add_styles(docx_rs::Docx::new(), layout).header(compose::page_header()).build();
        let body = skeleton.document.windows(8).position(|w| w == b"<w:body>").map(|i| i + 8);
        let prologue =
            skeleton.document[..body.ok_or_else(|| Error::Internal("docx-rs wrote no <w:body>".into()))?].to_vec();
        let mut parts = fixed_parts(layout, skeleton).map_err(Error::Internal)?;
        // Placeholders, so that the walk of the relationships keeps them.
        parts.insert(CORE.into(), Vec::new());
        parts.insert(DOCUMENT.into(), Vec::new());
        let (keep, content_types) = package::reachable(&parts).map_err(Error::Internal)?;
        parts.insert("[Content_Types].xml".into(), content_types);
        let mut fixed = Vec::with_capacity(keep.len());
        let mut deflater = package::Deflater::default();
        for name in keep.iter().filter(|n| *n != CORE && *n != DOCUMENT) {
            let bytes = parts.get(name).ok_or_else(|| Error::Internal(format!("missing part {name}")))?;
            fixed.push(deflater.deflate(name, bytes).map_err(Error::Internal)?);
        }
        Ok(Prepared { fixed, prologue })
    }
}

/// How many layouts have their parts prepared in the cache now (for tests).
#[doc(hidden)]
pub fn cached_layouts() -> usize {
    PREPARED.load().len()
}

/// Renders reports with one set of options. The parts of the package that
/// depend only on the options (styles, settings, theme, the page header,
/// relationships, content types) are conformed and deflated once, when the
/// renderer is made; each render then writes the document part as a stream and
/// the document properties. Immutable, so one renderer serves any number of
/// threads; it keeps its own parts, apart from [`render`]'s cache.
///
/// ```
/// use baocao_core::{parse, Format};
/// use baocao_docx::{Renderer, RenderOptions};
/// let report = parse(include_str!("../../../examples/bao-cao-huyen-hoa-lam.yaml"), Format::Yaml)?;
/// let renderer = Renderer::new(RenderOptions::default())?;
/// let bytes = renderer.render(&report)?;
/// assert_eq!(bytes, baocao_docx::render(&report, &RenderOptions::default())?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Renderer {
    options: RenderOptions,
    prepared: Arc<Prepared>,
}

/// The parts made per report.
const CORE: &str = "docProps/core.xml";
const DOCUMENT: &str = "word/document.xml";

impl Renderer {
    /// Prepares a renderer; refuses unusable options ([`Error::Options`]). Its
    /// parts are made anew, not taken from [`render`]'s cache: a renderer is a
    /// service's explicit choice, owned by it.
    pub fn new(options: RenderOptions) -> Result<Renderer, Error> {
        let problems = options.problems();
        if !problems.is_empty() {
            return Err(Error::Options(problems));
        }
        let prepared = Arc::new(Prepared::new(&options.layout)?);
        Ok(Renderer { options, prepared })
    }

    /// The options this renderer applies.
    pub fn options(&self) -> &RenderOptions {
        &self.options
    }

    /// Validates and renders a report to the bytes of a .docx file.
    pub fn render(&self, report: &Report) -> Result<Vec<u8>, Error> {
        validate(report, &self.options.context).map_err(Error::Invalid)?;
        self.render_valid(report)
    }

    /// Validates, renders and writes atomically (see [`render_to_file`]).
    pub fn render_to_file(&self, report: &Report, path: &Path, overwrite: bool) -> Result<(), Error> {
        let bytes = self.render(report)?;
        write_atomically(&bytes, path, overwrite)
    }

    fn render_valid(&self, report: &Report) -> Result<Vec<u8>, Error> {
        render_valid(report, &self.options, &self.prepared)
    }
}

/// Renders a valid report with its options and the parts prepared for its layout.
fn render_valid(report: &Report, options: &RenderOptions, prepared: &Prepared) -> Result<Vec<u8>, Error> {
    let layout = &options.layout;
    let rules = rules(layout);
    let mut body = stream::Body::new(&rules, &prepared.prologue);
    let last_section = compose::compose(report, layout, &mut body);
    let (document, mut deflater) = body.finish(last_section).map_err(Error::Internal)?;
    let core = deflater.deflate(CORE, &core_properties(report, options)).map_err(Error::Internal)?;
    let mut entries: Vec<&package::Deflated> = prepared.fixed.iter().collect();
    entries.push(&core);
    entries.push(&document);
    package::zip(entries).map_err(Error::Internal)
}

/// What the conform stage needs to know.
fn rules(layout: &Layout) -> conform::Rules<'_> {
    conform::Rules { language: layout.language.as_str() }
}

/// docProps/core.xml: title, subject, creator, created date.
fn core_properties(report: &Report, options: &RenderOptions) -> Vec<u8> {
    let f = &report.frame;
    let creator = if options.author.trim().is_empty() { f.issuer.organ.to_string() } else { options.author.clone() };
    let created = options
        .created
        .unwrap_or_else(|| f.date.earliest().and_hms_opt(0, 0, 0).unwrap_or_default())
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    // The number as printed ("125-BC/HU"); it is also the PDF's title.
    let title = format!(
        "Báo cáo số {} tổng kết 10 năm thực hiện Chỉ thị số {}",
        format::document_symbol(f.number, &f.issuer.organ_code),
        CHI_THI_20.symbol
    );
    let subject = format!("{} “{}”", CHI_THI_20.citation(), CHI_THI_20.title);
    package::core_properties(&title, &subject, &creator, &created)
}

/// The XML parts that depend only on the options, conformed, by part name.
fn fixed_parts(layout: &Layout, x: docx_rs::XMLDocx) -> Result<BTreeMap<String, Vec<u8>>, String> {
    let rules = rules(layout);
    let mut parts = BTreeMap::new();
    parts.insert(
        "[Content_Types].xml".to_string(),
        package::add_override(&x.content_type, &format!("/{}", theme::PART), theme::CONTENT_TYPE)?,
    );
    // docx-rs links an empty custom-properties part and an empty comments part
    // (commentsExtended) in every document: unlinked, the package leaves them out.
    const CUSTOM: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties";
    const COMMENTS_EX: &str = "http://schemas.microsoft.com/office/2011/relationships/commentsExtended";
    const COMMENTS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
    parts.insert("_rels/.rels".into(), package::without_relationships(&x.rels, &[CUSTOM])?.0);
    parts.insert("docProps/app.xml".into(), x.doc_props.app);
    let (document_rels, _) = package::without_relationships(&x.document_rels, &[COMMENTS_EX, COMMENTS])?;
    parts.insert(
        "word/_rels/document.xml.rels".into(),
        package::add_relationship(&document_rels, "rIdTheme1", theme::REL_TYPE, "theme/theme1.xml")?,
    );
    parts.insert(theme::PART.into(), theme::theme_xml(&layout.font));
    parts.insert("word/styles.xml".into(), conform::conform_part(&x.styles, &rules)?);
    parts.insert("word/settings.xml".into(), package::settings(rules.language));
    parts.insert("word/fontTable.xml".into(), x.font_table);
    parts.insert("word/numbering.xml".into(), conform::conform_part(&x.numberings, &rules)?);
    parts.insert("word/footnotes.xml".into(), conform::conform_part(&x.footnotes, &rules)?);
    for (i, h) in x.headers.iter().enumerate() {
        parts.insert(format!("word/header{}.xml", i + 1), conform::conform_part(h, &rules)?);
    }
    // A relationships part with no relationship is left out.
    for (i, r) in x.header_rels.into_iter().enumerate() {
        if package::without_relationships(&r, &[])?.1 {
            parts.insert(format!("word/_rels/header{}.xml.rels", i + 1), r);
        }
    }
    for (i, h) in x.footers.iter().enumerate() {
        parts.insert(format!("word/footer{}.xml", i + 1), conform::conform_part(h, &rules)?);
    }
    for (i, r) in x.footer_rels.into_iter().enumerate() {
        if package::without_relationships(&r, &[])?.1 {
            parts.insert(format!("word/_rels/footer{}.xml.rels", i + 1), r);
        }
    }
    Ok(parts)
}

/// Renders a report and writes it to `path` atomically: the bytes go to a
/// temporary file in the same folder, which is then moved into place. An existing
/// file is replaced only when `overwrite` is true; a failure leaves neither a
/// half-written file nor a damaged old one.
///
/// ```no_run
/// # use baocao_core::{parse, Format};
/// # let report = parse(include_str!("../../../examples/bao-cao-huyen-hoa-lam.yaml"), Format::Yaml).unwrap();
/// baocao_docx::render_to_file(&report, &Default::default(), "bao-cao.docx".as_ref(), false)?;
/// # Ok::<(), baocao_docx::Error>(())
/// ```
pub fn render_to_file(report: &Report, options: &RenderOptions, path: &Path, overwrite: bool) -> Result<(), Error> {
    let bytes = render(report, options)?;
    write_atomically(&bytes, path, overwrite)
}

/// Writes bytes to `path` through a temporary file in the same folder.
pub fn write_atomically(bytes: &[u8], path: &Path, overwrite: bool) -> Result<(), Error> {
    let mut pending = PendingFile::create(path, overwrite)?;
    pending.write_all(bytes)?;
    pending.commit()
}

/// A file being written: the bytes go to a hidden temporary file beside the
/// target (`.NAME.PID.N.tmp`, NAME shortened so the whole name fits the file
/// system's 255-byte limit); [`PendingFile::commit`] moves it into place.
/// Dropped without a commit (an error, a panic), it removes the temporary file.
///
/// Only a regular file is ever replaced: a device, a FIFO, a folder or a
/// symbolic link at the target is refused, with or without `overwrite`. A
/// replaced file keeps its permission bits (and its owner and group, where the
/// process may set them); the target name then holds a new file, so other hard
/// links to the old file keep the old content. Temporary files of this naming
/// pattern for the same target, left by processes that no longer exist (killed
/// with SIGKILL, a power cut), are removed when the next one is created.
#[derive(Debug)]
pub struct PendingFile {
    target: PathBuf,
    temp: PathBuf,
    overwrite: bool,
    file: Option<File>,
    committed: bool,
}

/// Longest part of the target's name kept in a temporary name: with the dots,
/// a process id and a counter, the name stays under 255 bytes.
const TEMP_NAME_KEEP: usize = 200;

/// `.NAME.` as temporary names of a target start, NAME shortened on a character
/// boundary.
fn temp_prefix(target: &Path) -> String {
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "output".into());
    let mut end = name.len().min(TEMP_NAME_KEEP);
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    format!(".{}.", &name[..end])
}

fn folder_of(target: &Path) -> PathBuf {
    match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// The process id of a temporary file of `target` (`.NAME.PID.N.tmp`), if the
/// file name has exactly that pattern.
fn temp_owner(file_name: &str, prefix: &str) -> Option<u32> {
    let rest = file_name.strip_prefix(prefix)?.strip_suffix(".tmp")?;
    let (pid, n) = rest.split_once('.')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (digits(pid) && digits(n)).then(|| pid.parse().ok()).flatten()
}

/// Removes the temporary files of `target` whose owner `remove` accepts (regular
/// files of the exact naming pattern only).
fn remove_temporaries(target: &Path, remove: impl Fn(u32) -> bool) {
    let prefix = temp_prefix(target);
    let Ok(entries) = fs::read_dir(folder_of(target)) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(|n| temp_owner(n, &prefix)) else { continue };
        if remove(pid) && fs::symlink_metadata(entry.path()).is_ok_and(|m| m.file_type().is_file()) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Removes this process's temporary files for `target`: what a signal handler
/// calls before the process exits, whatever step the writing had reached.
pub fn remove_own_temporaries(target: &Path) {
    let own = std::process::id();
    remove_temporaries(target, |pid| pid == own);
}

/// Removes temporary files for `target` left by processes that no longer exist.
/// Liveness is read from /proc; where there is none, nothing is removed.
fn remove_stale_temporaries(target: &Path) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let own = std::process::id();
    remove_temporaries(target, |pid| pid != own && !Path::new(&format!("/proc/{pid}")).exists());
}

/// The error for a target that is not a regular file.
fn not_regular(target: &Path) -> Error {
    Error::NotRegular(target.to_path_buf())
}

impl PendingFile {
    /// Creates the temporary file. Fails with [`Error::Exists`] if the target exists
    /// and `overwrite` is false, and with [`Error::Io`] if the target is not a
    /// regular file, or the folder is missing or not writable.
    pub fn create(target: &Path, overwrite: bool) -> Result<PendingFile, Error> {
        if let Ok(meta) = fs::symlink_metadata(target) {
            if !overwrite {
                return Err(Error::Exists(target.to_path_buf()));
            }
            if !meta.file_type().is_file() {
                return Err(not_regular(target));
            }
        }
        remove_stale_temporaries(target);
        let dir = folder_of(target);
        let prefix = temp_prefix(target);
        // The first free name: no shared counter, so no global state.
        for n in 0u32.. {
            let temp = dir.join(format!("{prefix}{}.{n}.tmp", std::process::id()));
            match File::options().write(true).create_new(true).open(&temp) {
                Ok(file) => {
                    return Ok(PendingFile {
                        target: target.to_path_buf(),
                        temp,
                        overwrite,
                        file: Some(file),
                        committed: false,
                    })
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 10_000 => continue,
                Err(source) => return Err(Error::Io { path: target.to_path_buf(), source }),
            }
        }
        unreachable!("the loop returns")
    }

    /// The temporary file's path.
    pub fn temp_path(&self) -> &Path {
        &self.temp
    }

    /// Writes bytes to the temporary file.
    pub fn write_all(&mut self, bytes: &[u8]) -> Result<(), Error> {
        let io = |source| Error::Io { path: self.target.clone(), source };
        match self.file.as_mut() {
            Some(f) => f.write_all(bytes).map_err(io),
            None => Err(io(std::io::Error::other("the file is already closed"))),
        }
    }

    /// Flushes to disk and moves the file into place. Without `overwrite`, a target
    /// that appeared meanwhile is not replaced ([`Error::Exists`]).
    pub fn commit(mut self) -> Result<(), Error> {
        let target = self.target.clone();
        let io = |source| Error::Io { path: target.clone(), source };
        if let Some(f) = self.file.take() {
            f.sync_all().map_err(io)?;
        }
        let result = if self.overwrite {
            // Checked again just before the rename: only a regular file is replaced,
            // and it keeps its permissions and, where allowed, its owner.
            match fs::symlink_metadata(&self.target) {
                Ok(meta) if !meta.file_type().is_file() => return Err(not_regular(&self.target)),
                Ok(meta) => keep_access(&self.temp, &meta),
                Err(_) => {}
            }
            fs::rename(&self.temp, &self.target)
        } else {
            // A hard link fails if the target exists, so a file created meanwhile is
            // never replaced; then the temporary name is removed.
            match fs::hard_link(&self.temp, &self.target) {
                // The target is complete; a leftover temporary name is removed on drop.
                Ok(()) => Ok(()),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(e),
                // File systems without hard links: a checked rename.
                Err(_) if !self.target.exists() => fs::rename(&self.temp, &self.target),
                Err(e) => Err(e),
            }
        };
        match result {
            Ok(()) => {
                // After a rename the temporary name is gone; after a link it is removed here.
                self.committed = !self.temp.exists();
                Ok(())
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(Error::Exists(self.target.clone())),
            Err(e) => Err(io(e)),
        }
    }
}

/// Gives the new file the permission bits, owner and group of the file it replaces.
fn keep_access(temp: &Path, old: &fs::Metadata) {
    let _ = fs::set_permissions(temp, old.permissions());
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let Ok(new) = fs::metadata(temp) {
            if (new.uid(), new.gid()) != (old.uid(), old.gid()) {
                // Only root (or the owner, for its own groups) may: otherwise the new
                // file stays the writer's.
                let _ = std::os::unix::fs::chown(temp, Some(old.uid()), Some(old.gid()));
            }
        }
    }
}

impl Drop for PendingFile {
    fn drop(&mut self) {
        if !self.committed {
            self.file = None;
            let _ = fs::remove_file(&self.temp);
        }
    }
}
