//! A PDF of a .docx, made by LibreOffice headless, so that it breaks pages exactly
//! where the office suite breaks the .docx that is signed.
//!
//! Each conversion runs `soffice --convert-to pdf` as a separate process, in a
//! process group of its own, with a LibreOffice profile folder of its own (two
//! conversions sharing a profile lose output), under a timeout; the output is
//! checked (a PDF, with pages) and every temporary file and the profile folder are
//! removed whatever happens. Before converting, the serif font the document needs
//! (Times New Roman, or a face with the same metrics: Liberation Serif, Tinos) is
//! looked for: without it the pages would break differently from the .docx, so the
//! conversion is refused unless [`PdfOptions::allow_font_fallback`] is set.
//!
//! The library crates do not depend on this one, nor on LibreOffice: the command
//! line (`baocao pdf`, `baocao render --pdf`) and the Python bindings
//! (`baocao.to_pdf`, `Report.render_pdf`) do.
//!
//! ```no_run
//! use baocao_pdf::{to_pdf, PdfOptions};
//! let docx = std::fs::read("bao-cao.docx")?;
//! let pdf = to_pdf(&docx, &PdfOptions { pdfa: true, ..PdfOptions::default() })?;
//! assert!(pdf.starts_with(b"%PDF-"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use baocao_core::Lang;

/// The Debian / Ubuntu package that brings LibreOffice's text documents, headless.
pub const OFFICE_PACKAGE: &str = "libreoffice-writer-nogui";
/// The Debian / Ubuntu package that brings Liberation Serif (Times New Roman's metrics).
pub const FONT_PACKAGE: &str = "fonts-liberation2";

/// How a conversion is made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfOptions {
    /// PDF/A-2b (archival), with the document's title and language.
    pub pdfa: bool,
    /// Convert even when neither the font nor a face with its metrics is installed
    /// (the pages may then break differently from the .docx).
    pub allow_font_fallback: bool,
    /// How long LibreOffice may take; then it is killed.
    pub timeout: Duration,
    /// The document's font (by default the layout's, Times New Roman).
    pub font: String,
}

impl Default for PdfOptions {
    fn default() -> PdfOptions {
        PdfOptions {
            pdfa: false,
            allow_font_fallback: false,
            timeout: Duration::from_secs(120),
            // The layout's font: what the renderer writes unless told otherwise.
            font: baocao_core::layout::Layout::default().font,
        }
    }
}

/// Why no PDF was made. `Display` gives the Vietnamese text; [`PdfError::describe`]
/// either language.
#[derive(Debug)]
pub enum PdfError {
    /// No `soffice` (or `libreoffice`) on the PATH.
    NoOffice,
    /// Neither the font nor a face with its metrics is installed.
    FontMissing {
        /// The font the document asks for.
        font: String,
    },
    /// LibreOffice took longer than the timeout and was stopped.
    Timeout(Duration),
    /// LibreOffice ended without a usable PDF.
    Failed {
        /// Its exit code (none when a signal ended it).
        status: Option<i32>,
        /// The end of what it printed, or what is wrong with its output.
        detail: String,
    },
    /// The caller asked to stop (Ctrl-C in Python); LibreOffice was stopped.
    Cancelled,
    /// A temporary file could not be written or read.
    Io(std::io::Error),
}

impl PdfError {
    /// The message in the given language.
    pub fn describe(&self, lang: Lang) -> String {
        match (self, lang) {
            (PdfError::NoOffice, Lang::Vi) => format!(
                "không tìm thấy LibreOffice (lệnh soffice) để làm tệp PDF: cài gói {OFFICE_PACKAGE} \
                 (Debian, Ubuntu: apt install {OFFICE_PACKAGE} {FONT_PACKAGE}) hoặc LibreOffice từ libreoffice.org"
            ),
            (PdfError::NoOffice, Lang::En) => format!(
                "LibreOffice (the soffice command) was not found, so no PDF can be made: install the package \
                 {OFFICE_PACKAGE} (Debian, Ubuntu: apt install {OFFICE_PACKAGE} {FONT_PACKAGE}) or LibreOffice \
                 from libreoffice.org"
            ),
            (PdfError::FontMissing { font }, Lang::Vi) => format!(
                "chưa cài phông {font}{}: trang PDF sẽ ngắt khác tệp .docx; cài gói \
                 {FONT_PACKAGE} (Debian, Ubuntu) hoặc phông {font}, hay dùng --allow-font-fallback để vẫn làm",
                others(font, " hay phông cùng số đo")
            ),
            (PdfError::FontMissing { font }, Lang::En) => format!(
                "neither {font} nor a font with its metrics{} is installed: the PDF's pages would break \
                 differently from the .docx; install the package {FONT_PACKAGE} (Debian, Ubuntu) or {font}, or \
                 pass --allow-font-fallback to convert all the same",
                others(font, "")
            ),
            (PdfError::Timeout(t), Lang::Vi) => {
                format!("LibreOffice chưa làm xong tệp PDF sau {} giây: đã dừng", seconds(*t).replace('.', ","))
            }
            (PdfError::Timeout(t), Lang::En) => {
                format!("LibreOffice had not finished the PDF after {} seconds: stopped", seconds(*t))
            }
            (PdfError::Failed { status, detail }, lang) => {
                let code = status.map_or_else(|| lang.pick("bị dừng", "killed").to_string(), |c| c.to_string());
                let head = lang.pick("LibreOffice không làm được tệp PDF", "LibreOffice did not make the PDF");
                format!("{head} ({} {code}): {detail}", lang.pick("mã", "exit"))
            }
            (PdfError::Cancelled, lang) => lang.pick("đã dừng làm tệp PDF", "PDF conversion cancelled").to_string(),
            (PdfError::Io(e), lang) => format!(
                "{}: {}",
                lang.pick("không ghi được tệp tạm để làm PDF", "could not write the temporary files for the PDF"),
                baocao_core::lang::io_error(e).get(lang)
            ),
        }
    }
}

/// Whole seconds as such, else to a tenth ("0.2").
fn seconds(t: Duration) -> String {
    if t.subsec_millis() == 0 {
        t.as_secs().to_string()
    } else {
        format!("{:.1}", t.as_secs_f64())
    }
}

impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(Lang::Vi))
    }
}

impl std::error::Error for PdfError {}

impl From<std::io::Error> for PdfError {
    fn from(e: std::io::Error) -> PdfError {
        PdfError::Io(e)
    }
}

/// The faces with the font's metrics other than itself, for messages.
/// " (Liberation Serif, Tinos)" after `lead`, or nothing for a font without twins.
fn others(font: &str, lead: &str) -> String {
    let list: Vec<&str> = metric_twins(font).into_iter().filter(|f| !f.eq_ignore_ascii_case(font.trim())).collect();
    if list.is_empty() {
        String::new()
    } else {
        format!("{lead} ({})", list.join(", "))
    }
}

/// LibreOffice's program on the PATH: `soffice`, else `libreoffice`.
pub fn find_office() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    ["soffice", "libreoffice"]
        .iter()
        .find_map(|name| std::env::split_paths(&path).map(|dir| dir.join(name)).find(|p| is_executable(p)))
}

fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// The font and the faces made with its metrics (so that a line holds the same
/// words): Times New Roman, Liberation Serif and Tinos are one such set.
pub fn metric_twins(font: &str) -> Vec<&str> {
    const SERIF: [&str; 3] = ["Times New Roman", "Liberation Serif", "Tinos"];
    if SERIF.iter().any(|f| f.eq_ignore_ascii_case(font.trim())) {
        SERIF.to_vec()
    } else {
        vec![font]
    }
}

/// The installed face that stands for `font` (itself or a metric twin), if any:
/// from fontconfig's list (`fc-list`, what LibreOffice itself uses), or, where
/// that command is missing, from the font files' names in the usual folders.
pub fn installed_face(font: &str) -> Option<String> {
    let twins = metric_twins(font);
    let families = match Command::new("fc-list").args(["--format", "%{family}\n"]).stderr(Stdio::null()).output() {
        Ok(out) if out.status.success() => String::from_utf8_lossy(&out.stdout)
            .lines()
            .flat_map(|l| l.split(','))
            .map(|f| f.trim().to_string())
            .collect::<Vec<_>>(),
        _ => font_file_families(),
    };
    twins.iter().find(|t| families.iter().any(|f| f.eq_ignore_ascii_case(t))).map(|t| t.to_string())
}

/// Families guessed from font file names ("LiberationSerif-Regular.ttf",
/// "times.ttf", "Tinos-Bold.ttf") in the usual folders, when fontconfig is absent.
fn font_file_families() -> Vec<String> {
    let mut dirs = vec![PathBuf::from("/usr/share/fonts"), PathBuf::from("/usr/local/share/fonts")];
    if let Some(home) = std::env::var_os("HOME") {
        dirs.push(Path::new(&home).join(".fonts"));
        dirs.push(Path::new(&home).join(".local/share/fonts"));
    }
    let mut out = Vec::new();
    let mut stack = dirs;
    let mut seen = 0usize;
    while let Some(dir) = stack.pop() {
        let Ok(entries) = fs::read_dir(&dir) else { continue };
        for e in entries.flatten() {
            seen += 1;
            if seen > 100_000 {
                return out;
            }
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            let name = e.file_name().to_string_lossy().to_lowercase();
            let family = if name.starts_with("liberationserif") {
                "Liberation Serif"
            } else if name.starts_with("tinos") {
                "Tinos"
            } else if name.starts_with("times") && (name.ends_with(".ttf") || name.ends_with(".otf")) {
                "Times New Roman"
            } else {
                continue;
            };
            out.push(family.to_string());
        }
    }
    out
}

/// Converts the bytes of a .docx to the bytes of a PDF (see the crate's page).
pub fn to_pdf(docx: &[u8], options: &PdfOptions) -> Result<Vec<u8>, PdfError> {
    to_pdf_with(docx, options, &mut || false)
}

/// [`to_pdf`], asking `cancel` every few tens of milliseconds whether to stop
/// (then LibreOffice is killed, the folder removed, and [`PdfError::Cancelled`]
/// returned): how the Python bindings honour Ctrl-C.
pub fn to_pdf_with(docx: &[u8], options: &PdfOptions, cancel: &mut dyn FnMut() -> bool) -> Result<Vec<u8>, PdfError> {
    let office = find_office().ok_or(PdfError::NoOffice)?;
    if !options.allow_font_fallback && installed_face(&options.font).is_none() {
        return Err(PdfError::FontMissing { font: options.font.clone() });
    }
    let dir = tempfile::Builder::new().prefix("baocao-pdf-").tempdir()?;
    let input = dir.path().join("bao-cao.docx");
    let out_dir = dir.path().join("out");
    fs::write(&input, docx)?;
    let log = fs::File::create(dir.path().join("soffice.log"))?;
    // LibreOffice's own temporary files go inside the folder too, so that a killed
    // conversion leaves nothing behind when the folder is removed.
    let tmp = dir.path().join("tmp");
    fs::create_dir(&tmp)?;
    let filter = if options.pdfa {
        // PDF/A-2b; LibreOffice takes the title and the language from the document.
        r#"pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}"#
    } else {
        "pdf:writer_pdf_Export"
    };
    let mut command = Command::new(&office);
    command
        .arg("--headless")
        .arg("--invisible")
        .arg("--norestore")
        .arg("--nolockcheck")
        .arg("--nodefault")
        .arg("--nologo")
        .arg(format!("-env:UserInstallation={}", file_url(&dir.path().join("profile"))))
        .arg("--convert-to")
        .arg(filter)
        .arg("--outdir")
        .arg(&out_dir)
        .arg(&input)
        .env("TMPDIR", &tmp)
        .stdin(Stdio::null())
        .stdout(log.try_clone()?)
        .stderr(log);
    {
        use std::os::unix::process::CommandExt;
        // A group of its own: a timeout or Ctrl-C stops soffice.bin too, not only
        // the launcher, and the terminal's Ctrl-C reaches it only through us.
        command.process_group(0);
    }
    let mut child = command.spawn().map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => PdfError::NoOffice,
        _ => PdfError::Io(e),
    })?;
    let running = Running::register(child.id(), dir.path());
    let deadline = Instant::now() + options.timeout;
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        let stopped = if cancel() {
            Some(PdfError::Cancelled)
        } else if Instant::now() >= deadline {
            Some(PdfError::Timeout(options.timeout))
        } else {
            None
        };
        if let Some(why) = stopped {
            running.kill();
            let _ = child.wait();
            return Err(why);
        }
        std::thread::sleep(Duration::from_millis(25));
    };
    // Nothing of the group outlives the conversion.
    running.kill();
    drop(running);
    let pdf_path = out_dir.join("bao-cao.pdf");
    let failed = |detail: String| PdfError::Failed { status: status.code(), detail };
    let pdf = match fs::read(&pdf_path) {
        Ok(b) => b,
        Err(_) => {
            let said = fs::read_to_string(dir.path().join("soffice.log")).unwrap_or_default();
            return Err(failed(last_words(&said, "no PDF was written")));
        }
    };
    if let Err(why) = looks_like_pdf(&pdf) {
        return Err(failed(why.to_string()));
    }
    Ok(pdf)
}

/// The end of LibreOffice's output (its last lines), or `otherwise`.
fn last_words(said: &str, otherwise: &str) -> String {
    let lines: Vec<&str> = said.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    if lines.is_empty() {
        return otherwise.to_string();
    }
    let tail = lines[lines.len().saturating_sub(3)..].join(" / ");
    tail.chars().filter(|c| !c.is_control()).take(400).collect()
}

/// Whether bytes are a finished PDF with at least one page.
fn looks_like_pdf(pdf: &[u8]) -> Result<(), &'static str> {
    if !pdf.starts_with(b"%PDF-") {
        return Err("the output is not a PDF");
    }
    let tail = &pdf[pdf.len().saturating_sub(1024)..];
    if !tail.windows(5).any(|w| w == b"%%EOF") {
        return Err("the PDF is cut short (no %%EOF)");
    }
    if page_count(pdf) == 0 {
        return Err("the PDF has no pages");
    }
    Ok(())
}

/// The number of pages of a PDF as LibreOffice writes one: its page objects
/// (`/Type /Page`, not `/Pages`) counted.
pub fn page_count(pdf: &[u8]) -> usize {
    let mut n = 0;
    let mut rest = pdf;
    while let Some(i) = find(rest, b"/Type") {
        rest = &rest[i + 5..];
        let after = rest.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(rest.len());
        let word = &rest[after..];
        if word.starts_with(b"/Page") && !word[5..].first().is_some_and(|b| b.is_ascii_alphanumeric()) {
            n += 1;
        }
    }
    n
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// A path as a file URL, every byte outside the unreserved set percent-encoded.
fn file_url(p: &Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    let mut url = String::from("file://");
    for &b in p.as_os_str().as_bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            url.push(b as char);
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url
}

/// Conversions under way: their process groups and folders, for [`abort_running`].
static RUNNING: Mutex<Vec<(u32, PathBuf)>> = Mutex::new(Vec::new());

fn running() -> std::sync::MutexGuard<'static, Vec<(u32, PathBuf)>> {
    RUNNING.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// One conversion's entry in [`RUNNING`], removed when it ends.
struct Running {
    pid: u32,
}

impl Running {
    fn register(pid: u32, dir: &Path) -> Running {
        running().push((pid, dir.to_path_buf()));
        Running { pid }
    }

    /// Kills the conversion's process group (nothing happens if it is gone).
    fn kill(&self) {
        kill_group(self.pid);
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        running().retain(|(pid, _)| *pid != self.pid);
    }
}

fn kill_group(pid: u32) {
    if let Some(pid) = rustix::process::Pid::from_raw(pid as i32) {
        let _ = rustix::process::kill_process_group(pid, rustix::process::Signal::KILL);
    }
}

/// Stops every conversion under way in this process and removes its folder: for a
/// signal handler that is about to end the process (Ctrl-C in `baocao pdf`).
pub fn abort_running() {
    let list = running();
    for (pid, dir) in list.iter() {
        kill_group(*pid);
        let _ = fs::remove_dir_all(dir);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_counted_not_the_page_tree() {
        let pdf = b"%PDF-1.6\n1 0 obj<</Type /Pages/Count 2>>\n2 0 obj<</Type/Page/Parent 1 0 R>>\n3 0 obj<</Type /Page>>\n%%EOF";
        assert_eq!(page_count(pdf), 2);
        assert!(looks_like_pdf(pdf).is_ok());
        assert_eq!(looks_like_pdf(b"%PDF-1.6\n%%EOF"), Err("the PDF has no pages"));
        assert_eq!(looks_like_pdf(b"<html>"), Err("the output is not a PDF"));
    }

    #[test]
    fn the_missing_font_message_names_the_twins_when_there_are_any() {
        let tnr = PdfError::FontMissing { font: "Times New Roman".into() }.describe(Lang::Vi);
        assert!(
            tnr.starts_with("chưa cài phông Times New Roman hay phông cùng số đo (Liberation Serif, Tinos): "),
            "{tnr}"
        );
        let arial = PdfError::FontMissing { font: "Arial".into() }.describe(Lang::En);
        assert!(arial.starts_with("neither Arial nor a font with its metrics is installed"), "{arial}");
    }

    #[test]
    fn metric_twins_of_times_new_roman() {
        assert_eq!(metric_twins("times new roman"), ["Times New Roman", "Liberation Serif", "Tinos"]);
        assert_eq!(metric_twins("Arial"), ["Arial"]);
    }

    #[test]
    fn file_urls_are_percent_encoded() {
        assert_eq!(file_url(Path::new("/tmp/a b/hồ sơ")), "file:///tmp/a%20b/h%E1%BB%93%20s%C6%A1");
    }

    #[test]
    fn the_end_of_what_libreoffice_said() {
        assert_eq!(last_words("\n a\nb\nc\nd\x1b\n", "none"), "b / c / d");
        assert_eq!(last_words("  \n", "none"), "none");
    }
}
