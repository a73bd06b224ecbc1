//! # baocao-docx
//!
//! Renders a validated [`baocao_core::Report`] as a .docx in the official Party
//! document layout (Hướng dẫn số 36-HD/VPTW). One entry point, [`render`], plus
//! [`render_to_file`] that writes atomically; [`RenderOptions`] carries what is
//! not part of the report (author, created date, [`Layout`] profile).
//!
//! The pipeline: **validate → compose → conform → package**. `compose` builds the
//! document with docx-rs; `conform` is the single stage that corrects what docx-rs
//! writes wrongly; `package` deflates the parts into a deterministic ZIP. No
//! docx-rs type appears in this crate's public API, and nothing reads the clock or
//! the environment: the same report and options give the same bytes.
//!
//! ```
//! use baocao_core::{parse, Format};
//! use baocao_docx::{render, RenderOptions};
//! let report = parse(include_str!("../../../examples/bao-cao-huyen-hoa-lam.yaml"), Format::Yaml)?;
//! let bytes = render(&report, &RenderOptions::default())?;
//! assert_eq!(&bytes[..2], b"PK");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod compose;
mod conform;
mod layout;
mod package;
pub mod styles;
mod theme;
pub mod wording;

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use baocao_core::{format, validate, Context, Report, ValidationErrors, CHI_THI_20};
use chrono::NaiveDateTime;

pub use layout::{Layout, LineSpacing, RomanStyle};
pub use package::DEFLATE_LEVEL;

/// What rendering needs besides the report.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RenderOptions {
    /// Author (creator) in the document properties; empty means the issuing organ.
    pub author: String,
    /// Created / modified date in the document properties; `None` means the date
    /// of issue at 00:00 UTC, so the output depends on the input only.
    pub created: Option<NaiveDateTime>,
    /// Validation context ("today" for the date-in-the-future rule).
    pub context: Context,
    /// Every size, margin and choice of the layout.
    pub layout: Layout,
}

/// Why rendering or writing failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The report did not validate; every problem is listed.
    #[error("the report is not valid:\n{0}")]
    Invalid(ValidationErrors),
    /// The output file exists and overwriting was not asked for.
    #[error("{0}: file exists (pass overwrite / --force to replace it)")]
    Exists(PathBuf),
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file concerned.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The layout profile cannot lay out a page; each problem names its field.
    #[error("the layout profile is not usable: {}", .0.iter().map(|(f, m)| format!("{f}: {m}")).collect::<Vec<_>>().join("; "))]
    Layout(Vec<(&'static str, String)>),
    /// An internal error building the package (a bug: please report it).
    #[error("internal error while building the document: {0}")]
    Internal(String),
}

/// Renders a report to the bytes of a .docx file, validating it first.
pub fn render(report: &Report, options: &RenderOptions) -> Result<Vec<u8>, Error> {
    validate(report, &options.context).map_err(Error::Invalid)?;
    let layout_problems = options.layout.problems();
    if !layout_problems.is_empty() {
        return Err(Error::Layout(layout_problems));
    }
    let composed = stages::compose(report, options);
    let parts = stages::conform(report, options, composed)?;
    stages::package(parts)
}

/// The pipeline stages one by one, for benchmarks and tools: `render` is
/// `validate` → [`stages::compose`] → [`stages::conform`] → [`stages::package`].
/// No docx-rs type is exposed: the composed document is opaque.
pub mod stages {
    use super::*;

    /// A composed document (docx-rs's XML parts, before conforming).
    pub struct Composed(pub(crate) docx_rs::XMLDocx);

    /// The conformed XML parts of a package, by part name.
    pub struct Parts(pub(crate) BTreeMap<String, Vec<u8>>);

    impl Parts {
        /// Part names and bytes, in name order.
        pub fn iter(&self) -> impl Iterator<Item = (&str, &[u8])> {
            self.0.iter().map(|(k, v)| (k.as_str(), v.as_slice()))
        }

        /// Total size of all parts, uncompressed.
        pub fn total_bytes(&self) -> usize {
            self.0.values().map(Vec::len).sum()
        }
    }

    /// Composes the document with docx-rs and builds its XML parts. Does not validate.
    pub fn compose(report: &Report, options: &RenderOptions) -> Composed {
        Composed(compose::compose(report, &options.layout).build())
    }

    #[doc(hidden)]
    pub fn probe_compose_only(report: &Report, options: &RenderOptions) -> usize {
        let d = compose::compose(report, &options.layout);
        std::mem::size_of_val(&d)
    }

    /// Corrects docx-rs's output and adds what it cannot write.
    pub fn conform(report: &Report, options: &RenderOptions, composed: Composed) -> Result<Parts, Error> {
        conform_parts(report, options, composed.0).map(Parts)
    }

    /// Packs the parts into the .docx ZIP archive.
    pub fn package(parts: Parts) -> Result<Vec<u8>, Error> {
        package::pack(parts.0).map_err(Error::Internal)
    }
}

/// The XML parts after the conform stage, by part name.
fn conform_parts(
    report: &Report,
    options: &RenderOptions,
    x: docx_rs::XMLDocx,
) -> Result<BTreeMap<String, Vec<u8>>, Error> {
    let rules = conform::Rules {
        heading_style: styles::id::TABLE_HEADING,
        section_break_style: styles::id::SECTION_BREAK,
        language: options.layout.language.as_str(),
    };
    let f = &report.frame;
    let creator = if options.author.trim().is_empty() { f.issuer.organ.to_string() } else { options.author.clone() };
    let created = options
        .created
        .unwrap_or_else(|| f.date.and_hms_opt(0, 0, 0).unwrap_or_default())
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    let title = format!(
        "Báo cáo {} tổng kết 10 năm thực hiện Chỉ thị số {}",
        format::document_number(f.number, &f.issuer.organ_code).to_lowercase(),
        CHI_THI_20.symbol
    );
    let subject = format!("{} “{}”", CHI_THI_20.citation(), CHI_THI_20.title);
    let e = Error::Internal;
    let mut parts = BTreeMap::new();
    parts.insert(
        "[Content_Types].xml".to_string(),
        conform::add_override(&x.content_type, &format!("/{}", theme::PART), theme::CONTENT_TYPE).map_err(e)?,
    );
    parts.insert("_rels/.rels".into(), x.rels);
    parts.insert("docProps/app.xml".into(), x.doc_props.app);
    parts.insert("docProps/core.xml".into(), conform::core_properties(&title, &subject, &creator, &created));
    parts.insert("docProps/custom.xml".into(), x.doc_props.custom);
    parts.insert(
        "word/_rels/document.xml.rels".into(),
        conform::add_relationship(&x.document_rels, "rIdTheme1", theme::REL_TYPE, "theme/theme1.xml").map_err(e)?,
    );
    parts.insert(theme::PART.into(), theme::theme_xml(&options.layout.font));
    parts.insert("word/document.xml".into(), conform::conform_part(&x.document, &rules).map_err(e)?);
    parts.insert("word/styles.xml".into(), conform::conform_part(&x.styles, &rules).map_err(e)?);
    parts.insert("word/settings.xml".into(), conform::settings(rules.language));
    parts.insert("word/fontTable.xml".into(), x.font_table);
    parts.insert("word/numbering.xml".into(), conform::conform_part(&x.numberings, &rules).map_err(e)?);
    parts.insert("word/comments.xml".into(), x.comments);
    parts.insert("word/commentsExtended.xml".into(), x.comments_extended);
    parts.insert("word/footnotes.xml".into(), conform::conform_part(&x.footnotes, &rules).map_err(e)?);
    for (i, h) in x.headers.iter().enumerate() {
        parts.insert(format!("word/header{}.xml", i + 1), conform::conform_part(h, &rules).map_err(e)?);
    }
    for (i, r) in x.header_rels.into_iter().enumerate() {
        parts.insert(format!("word/_rels/header{}.xml.rels", i + 1), r);
    }
    for (i, h) in x.footers.iter().enumerate() {
        parts.insert(format!("word/footer{}.xml", i + 1), conform::conform_part(h, &rules).map_err(e)?);
    }
    for (i, r) in x.footer_rels.into_iter().enumerate() {
        parts.insert(format!("word/_rels/footer{}.xml.rels", i + 1), r);
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
/// target (`.NAME.PID.N.tmp`); [`PendingFile::commit`] moves it into place.
/// Dropped without a commit (an error, a panic), it removes the temporary file.
/// A program that wants to clean up on a signal can read [`PendingFile::temp_path`].
#[derive(Debug)]
pub struct PendingFile {
    target: PathBuf,
    temp: PathBuf,
    overwrite: bool,
    file: Option<File>,
    committed: bool,
}

impl PendingFile {
    /// Creates the temporary file. Fails with [`Error::Exists`] if the target exists
    /// and `overwrite` is false, and with [`Error::Io`] if the folder is missing or
    /// not writable.
    pub fn create(target: &Path, overwrite: bool) -> Result<PendingFile, Error> {
        if !overwrite && target.exists() {
            return Err(Error::Exists(target.to_path_buf()));
        }
        let dir = match target.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "output".into());
        // The first free name: no shared counter, so no global state.
        for n in 0u32.. {
            let temp = dir.join(format!(".{name}.{}.{n}.tmp", std::process::id()));
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

impl Drop for PendingFile {
    fn drop(&mut self) {
        if !self.committed {
            self.file = None;
            let _ = fs::remove_file(&self.temp);
        }
    }
}
