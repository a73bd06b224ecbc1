//! `baocao`: render, validate and describe reports from the command line.
//!
//! The command line is this library's [`run`], so the Rust binary (`src/main.rs`)
//! and the `baocao` command the Python wheel installs are the same program: same
//! commands, options, messages and exit codes.
//!
//! Exit codes: 0 success; 1 the report has validation problems (or, for `check`,
//! the .docx breaks a layout rule); 2 the input could not be read (missing file,
//! unknown extension, syntax or shape error, not a .docx); 3 the output could not
//! be written (exists without `--force`, folder missing, I/O; for a PDF also
//! LibreOffice or the serif font missing, a timeout, a failed conversion).

use std::ffi::OsString;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use baocao_core::{lang::io_error, parse, validate, Context, Format, Lang, Report};
use chrono::NaiveDate;
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "baocao", version, about = "Báo cáo tổng kết 10 năm thực hiện Chỉ thị 20-CT/TW: render and validate")]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Language of the messages: vi (Vietnamese, the default) or en (English).
    #[arg(long, global = true, default_value = "vi", value_parser = ["vi", "en"])]
    lang: String,
}

#[derive(Subcommand)]
enum Command {
    /// Check a report (JSON, YAML or TOML) and print every problem with its path.
    Validate {
        /// The report file; "-" reads standard input (then --format is required).
        file: PathBuf,
        #[command(flatten)]
        input: InputArgs,
    },
    /// Render a report to a .docx in the official Party document layout.
    Render {
        /// The report file; "-" reads standard input (then --format is required).
        file: PathBuf,
        /// The .docx to write.
        #[arg(short, long)]
        output: PathBuf,
        /// Replace the output file if it exists.
        #[arg(long)]
        force: bool,
        /// Author written into the document properties.
        #[arg(long)]
        author: Option<String>,
        /// Also write a PDF beside the .docx (same name, .pdf), made by LibreOffice.
        #[arg(long)]
        pdf: bool,
        #[command(flatten)]
        pdf_args: PdfArgs,
        #[command(flatten)]
        input: InputArgs,
    },
    /// Convert a .docx to PDF through LibreOffice headless (pages break as the
    /// office suite breaks the .docx); exit 3 when LibreOffice or the font is missing.
    Pdf {
        /// The .docx to convert; "-" reads standard input (then --output is required).
        file: PathBuf,
        /// The PDF to write; by default the .docx's name with .pdf.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Replace the output file if it exists.
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        pdf_args: PdfArgs,
    },
    /// Check a .docx (this library's, edited, or typed by hand) against the Party
    /// layout rules; exit 1 when a rule is broken.
    Check {
        /// The .docx to check; "-" reads standard input.
        file: PathBuf,
        /// Print the findings as JSON (rule, severity, message, location).
        #[arg(long)]
        json: bool,
    },
    /// Read a report's .docx (this library's, edited, or typed by hand) back into
    /// data (YAML, JSON or TOML); exit 1 when something could not be placed or
    /// the data does not validate (the data is written all the same).
    Extract {
        /// The .docx to read; "-" reads standard input.
        file: PathBuf,
        /// The file to write (.yaml, .yml, .json or .toml); without it, YAML (or
        /// --format) on standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Output format, when the output's extension does not tell it (json, yaml, toml).
        #[arg(long)]
        format: Option<String>,
        /// Replace the output file if it exists.
        #[arg(long)]
        force: bool,
        /// Read tracked changes as accepted or rejected; without it a file with
        /// pending changes is refused.
        #[arg(long, value_parser = ["accept", "reject"])]
        changes: Option<String>,
        /// The date counted as today for the "date in the future" rule (YYYY-MM-DD);
        /// defaults to the system clock.
        #[arg(long)]
        today: Option<NaiveDate>,
    },
    /// Consolidate the units' reports (.docx, or their data) into the province's
    /// workbook of totals (.xlsx, every total a formula over each unit's figures)
    /// and, with --draft, the provincial report's input.
    Consolidate {
        /// The units' reports: .docx files (read back as `extract` does) or data
        /// (.yaml, .json, .toml).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The province's units.yaml: its frame (for --draft), the units expected,
        /// other wordings of indicators (aliases), the base of each rate (bases).
        #[arg(long)]
        units: Option<PathBuf>,
        /// The workbook to write (.xlsx).
        #[arg(short, long)]
        output: PathBuf,
        /// Also write the provincial report's input (.yaml, .json or .toml).
        #[arg(long)]
        draft: Option<PathBuf>,
        /// Consolidate the units that read and validate even when others do not
        /// (without it, one bad unit file stops everything, exit 1).
        #[arg(long)]
        partial: bool,
        /// Replace the output files if they exist.
        #[arg(long)]
        force: bool,
        /// The date counted as today for the "date in the future" rule (YYYY-MM-DD);
        /// defaults to the system clock.
        #[arg(long)]
        today: Option<NaiveDate>,
    },
    /// Serve the page where office staff fill in the report (and its JSON API):
    /// open the address it prints in a browser.
    Serve {
        /// The port.
        #[arg(long, default_value_t = 8080)]
        port: u16,
        /// The address to listen on; 0.0.0.0 lets the office's other machines in.
        #[arg(long, default_value = "127.0.0.1")]
        listen: std::net::IpAddr,
        /// Worker threads answering requests.
        #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=64))]
        workers: u16,
        /// A host name the page may be opened by, besides localhost and IP addresses
        /// (the machine's name on the office network); repeatable.
        #[arg(long = "allow-host")]
        allow_host: Vec<String>,
        /// Open the page in the default browser.
        #[arg(long)]
        open: bool,
    },
    /// Print the JSON Schema of the input (or, with --findings, of `check --json`'s output).
    Schema {
        /// The schema of `baocao check --json` (its rule ids listed).
        #[arg(long)]
        findings: bool,
    },
}

#[derive(clap::Args)]
struct PdfArgs {
    /// Make the PDF PDF/A-2b (for archiving), with the document's title and language.
    #[arg(long)]
    pdfa: bool,
    /// Convert even when neither Times New Roman nor a font with its metrics
    /// (Liberation Serif, Tinos) is installed; pages may then break differently.
    #[arg(long)]
    allow_font_fallback: bool,
    /// Seconds LibreOffice may take before it is stopped.
    #[arg(long, default_value_t = 120, value_parser = clap::value_parser!(u64).range(1..=3600))]
    timeout: u64,
}

impl PdfArgs {
    fn options(&self) -> baocao_pdf::PdfOptions {
        baocao_pdf::PdfOptions {
            pdfa: self.pdfa,
            allow_font_fallback: self.allow_font_fallback,
            timeout: std::time::Duration::from_secs(self.timeout),
            ..Default::default()
        }
    }
}

#[derive(clap::Args)]
struct InputArgs {
    /// Input format, when the file extension does not tell it (json, yaml, toml).
    #[arg(long)]
    format: Option<String>,
    /// The date counted as today for the "date in the future" rule (YYYY-MM-DD);
    /// defaults to the system clock.
    #[arg(long)]
    today: Option<NaiveDate>,
}

enum Failure {
    Invalid(String),
    Input(String),
    Output(String),
}

impl Failure {
    /// The message alone.
    fn text(self) -> String {
        match self {
            Failure::Invalid(m) | Failure::Input(m) | Failure::Output(m) => m,
        }
    }

    fn report(self) -> u8 {
        let (code, msg) = match self {
            Failure::Invalid(m) => (1, m),
            Failure::Input(m) => (2, m),
            Failure::Output(m) => (3, m),
        };
        eprintln!("{msg}");
        code
    }
}

/// The output being written, for the signal handler (SIGINT, SIGTERM). The main
/// thread holds the lock while it creates and while it commits the temporary
/// file; the handler takes it, so it never runs in the middle of those steps, and
/// keeps it until the process exits, so the main thread starts no further step.
struct Writing {
    target: Option<PathBuf>,
    written: bool,
}

static WRITING: Mutex<Writing> = Mutex::new(Writing { target: None, written: false });

/// The messages are English (`--lang en`); read by the signal handler too.
static ENGLISH: AtomicBool = AtomicBool::new(false);

fn lang() -> Lang {
    if ENGLISH.load(Ordering::Relaxed) {
        Lang::En
    } else {
        Lang::Vi
    }
}

fn writing() -> std::sync::MutexGuard<'static, Writing> {
    WRITING.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Handles SIGINT, SIGTERM and SIGHUP: the temporary file removed, the exit code
/// 128 + the signal (130 for Ctrl-C, 143 for SIGTERM), as a shell reports it.
fn on_signal(signal: i32) {
    let guard = writing();
    // A PDF conversion under way: LibreOffice stopped, its folder removed.
    baocao_pdf::abort_running();
    // Every temporary file of this process for the target, whichever step the
    // writing had reached: found by its name, so none is missed.
    if let Some(target) = &guard.target {
        baocao_docx::remove_own_temporaries(target);
    }
    let lang = lang();
    match (&guard.target, guard.written) {
        (Some(t), true) => {
            eprintln!("{} {}", lang.pick("bị ngắt sau khi đã ghi", "interrupted after writing"), t.display())
        }
        (Some(_), false) => {
            eprintln!("{}", lang.pick("bị ngắt: chưa ghi tệp kết quả", "interrupted: the output file was not written"))
        }
        // validate and check write no file: nothing to say about one.
        (None, _) => eprintln!("{}", lang.pick("bị ngắt", "interrupted")),
    }
    std::process::exit(128 + signal);
}

/// Installs the signal handlers (once per process): a thread waits for the
/// signals and runs [`on_signal`].
fn handle_signals() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        if let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) {
            std::thread::spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    on_signal(signal);
                }
            });
        }
    });
}

/// Runs the command line: `args` as a shell passes them, the program name first.
/// Returns the exit code. With `handle_signals`, SIGINT and SIGTERM remove the
/// temporary file before the process exits (the binary's choice; a host process,
/// such as Python, keeps its own handlers).
pub fn run<I, T>(args: I, handle_signals: bool) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            // --help and --version print and succeed; a usage error exits 2.
            let _ = e.print();
            return u8::try_from(e.exit_code()).unwrap_or(2);
        }
    };
    ENGLISH.store(cli.lang == "en", Ordering::Relaxed);
    let lang = lang();
    if handle_signals {
        // Without a handler the default action (terminate) is also safe for the
        // target file; only the temporary file would stay behind.
        self::handle_signals();
    }
    let result = match cli.command {
        Command::Schema { findings } => {
            if findings {
                println!("{}", serde_json::to_string_pretty(&baocao_check::findings_schema()).unwrap_or_default());
            } else {
                println!("{}", baocao_core::json_schema());
            }
            Ok(())
        }
        Command::Check { file, json } => check(&file, json, lang),
        Command::Extract { file, output, format, force, changes, today } => {
            let options = baocao_read::ExtractOptions {
                changes: changes.map(|c| {
                    if c == "reject" {
                        baocao_read::Changes::Reject
                    } else {
                        baocao_read::Changes::Accept
                    }
                }),
                today: Some(today.unwrap_or_else(|| chrono::Local::now().date_naive())),
            };
            extract(&file, output.as_deref(), format.as_deref(), force, &options, lang)
        }
        Command::Validate { file, input } => load(&file, &input, lang).map(|_| {
            eprintln!("{}: {}", file.display(), lang.pick("hợp lệ", "valid"));
        }),
        Command::Render { file, output, force, author, pdf, pdf_args, input } => {
            let pdf_path = pdf.then(|| output.with_extension("pdf"));
            load(&file, &input, lang).and_then(|(report, today)| {
                if let Some(p) = &pdf_path {
                    // Refused before anything is written, as the .docx would be.
                    refuse_existing(p, force, lang)?;
                }
                let bytes = render(&report, today, &output, force, author, lang)?;
                eprintln!("{} {}", lang.pick("đã ghi", "wrote"), output.display());
                if let Some(p) = &pdf_path {
                    convert(&bytes, p, force, &pdf_args.options(), lang)?;
                }
                Ok(())
            })
        }
        Command::Pdf { file, output, force, pdf_args } => pdf_command(&file, output, force, &pdf_args, lang),
        Command::Serve { port, listen, workers, allow_host, open } => {
            let options = baocao_serve::ServeOptions {
                listen,
                port,
                workers: usize::from(workers),
                queue: usize::from(workers) * 2,
                allowed_hosts: allow_host,
                ..Default::default()
            };
            serve(options, open, lang)
        }
        Command::Consolidate { files, units, output, draft, partial, force, today } => {
            let today = today.unwrap_or_else(|| chrono::Local::now().date_naive());
            let job = ConsolidateJob {
                units: units.as_deref(),
                output: &output,
                draft: draft.as_deref(),
                partial,
                force,
                today,
            };
            consolidate(&files, &job, lang)
        }
    };
    match result {
        Ok(()) => 0,
        Err(f) => f.report(),
    }
}

/// Reads, parses and validates a report; returns it with the date used as today.
fn load(file: &Path, args: &InputArgs, lang: Lang) -> Result<(Report, NaiveDate), Failure> {
    let format = match &args.format {
        Some(name) => Format::from_name(name).ok_or_else(|| {
            Failure::Input(match lang {
                Lang::Vi => format!("định dạng “{name}” không rõ: dùng json, yaml hoặc toml"),
                Lang::En => format!("unknown format `{name}`: use json, yaml or toml"),
            })
        })?,
        None => Format::from_path(file).ok_or_else(|| {
            let why = lang.pick(
                "không nhận ra định dạng từ đuôi tệp: dùng .json, .yaml, .yml hoặc .toml, hoặc thêm --format",
                "cannot tell the format from the extension: use .json, .yaml, .yml or .toml, or pass --format",
            );
            Failure::Input(format!("{}: {why}", file.display()))
        })?,
    };
    let text = if file == Path::new("-") {
        read_limited(std::io::stdin().lock(), 0, lang.pick("đầu vào chuẩn", "standard input"), lang)?
    } else {
        let (source, size) = open(file, lang)?;
        read_limited(source, size, &file.display().to_string(), lang)?
    };
    let report =
        parse(&text, format).map_err(|e| Failure::Input(format!("{}: {}", file.display(), e.describe(lang))))?;
    let today = args.today.unwrap_or_else(|| chrono::Local::now().date_naive());
    validate(&report, &Context { today: Some(today) }).map_err(|errors| {
        let n = errors.0.len();
        let count = match lang {
            Lang::Vi => format!("{n} lỗi"),
            Lang::En => format!("{n} problem{}", if n == 1 { "" } else { "s" }),
        };
        Failure::Invalid(format!("{}\n{}: {count}", errors.lines(lang), file.display()))
    })?;
    Ok((report, today))
}

/// Reads at most the input limit and one byte more, from a file, a pipe, standard
/// input or a device alike: an input over the limit is refused as soon as that
/// byte arrives, without reading (or holding) the rest.
fn read_limited(source: impl Read, size: u64, what: &str, lang: Lang) -> Result<String, Failure> {
    let limit = baocao_core::limits::MAX_INPUT_BYTES;
    let too_large = match lang {
        Lang::Vi => format!("dữ liệu quá lớn: hơn {limit} byte (16 MiB), mức tối đa"),
        Lang::En => format!("input too large: more than {limit} bytes (16 MiB), the largest accepted"),
    };
    let bytes = read_at_most(source, size, limit as u64, what, lang, &too_large)?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        Failure::Input(match lang {
            Lang::Vi => format!("{what}: không phải văn bản UTF-8 (byte {at}): hãy lưu tệp dạng UTF-8"),
            Lang::En => format!("{what}: not valid UTF-8 text (byte {at}): save the file as UTF-8"),
        })
    })
}

/// Reads at most `limit` bytes and one more: more than `limit` is refused with
/// `too_large`, without reading (or holding) the rest. `size` is the file's size
/// when known (0 otherwise): the buffer is made that large at once, so a file is
/// read in one call instead of a dozen doublings.
fn read_at_most(
    source: impl Read,
    size: u64,
    limit: u64,
    what: &str,
    lang: Lang,
    too_large: &str,
) -> Result<Vec<u8>, Failure> {
    let mut bytes = Vec::with_capacity(size.min(limit) as usize + 1);
    source
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Failure::Input(format!("{what}: {}", io_error(&e).get(lang))))?;
    if bytes.len() as u64 > limit {
        return Err(Failure::Input(format!("{what}: {too_large}")));
    }
    Ok(bytes)
}

/// Opens a file to read, with its size (0 when not a regular file); the error
/// names it and says why in words.
fn open(file: &Path, lang: Lang) -> Result<(std::fs::File, u64), Failure> {
    let source = std::fs::File::open(file)
        .map_err(|e| Failure::Input(format!("{}: {}", file.display(), io_error(&e).get(lang))))?;
    let size = source.metadata().ok().filter(|m| m.is_file()).map_or(0, |m| m.len());
    Ok((source, size))
}

/// A file's name as shown in messages: control characters escaped, "-" as
/// standard input.
fn shown(file: &Path, lang: Lang) -> String {
    if file == Path::new("-") {
        return lang.pick("đầu vào chuẩn", "standard input").to_string();
    }
    baocao_core::text::escape_controls(&file.display().to_string())
}

/// The bytes of a .docx from a file or, for "-", standard input: at most the
/// reader's file limit.
fn read_docx(file: &Path, lang: Lang) -> Result<Vec<u8>, Failure> {
    let limit = baocao_check::MAX_FILE_BYTES;
    let too_large = match lang {
        Lang::Vi => format!("tệp quá lớn: hơn {} MiB", limit >> 20),
        Lang::En => format!("file too large: more than {} MiB", limit >> 20),
    };
    let name = shown(file, lang);
    if file == Path::new("-") {
        read_at_most(std::io::stdin().lock(), 0, limit, &name, lang, &too_large)
    } else {
        let (source, size) = open(file, lang)?;
        read_at_most(source, size, limit, &name, lang, &too_large)
    }
}

/// `baocao check`: findings on standard output (text or JSON), a count on
/// standard error.
fn check(file: &Path, json: bool, lang: Lang) -> Result<(), Failure> {
    let bytes = read_docx(file, lang)?;
    let name = shown(file, lang);
    let findings = baocao_check::check(&bytes, &baocao_check::Layout::default())
        .map_err(|e| Failure::Input(format!("{name}: {}", e.describe(lang))))?;
    if json {
        let list: Vec<serde_json::Value> = findings.iter().map(|f| f.to_json(lang)).collect();
        println!("{}", serde_json::to_string_pretty(&list).unwrap_or_default());
    } else {
        // Past five places of a rule, one line counts the rest.
        for line in baocao_check::group(&findings, lang) {
            println!("{line}");
        }
    }
    let errors = findings.iter().filter(|f| f.severity == baocao_check::Severity::Error).count();
    let warnings = findings.len() - errors;
    let summary = match lang {
        Lang::Vi => format!("{name}: {errors} lỗi, {warnings} lưu ý"),
        Lang::En => format!("{name}: {errors} error{}, {warnings} warning{}", plural(errors), plural(warnings)),
    };
    if errors > 0 {
        return Err(Failure::Invalid(summary));
    }
    eprintln!("{summary}");
    Ok(())
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn render(
    report: &Report,
    today: NaiveDate,
    output: &Path,
    force: bool,
    author: Option<String>,
    lang: Lang,
) -> Result<Vec<u8>, Failure> {
    let mut options = baocao_docx::RenderOptions::default();
    if let Some(a) = author {
        options.author = a;
    }
    options.context.today = Some(today);
    let output_error = |e: baocao_docx::Error| match e {
        baocao_docx::Error::Invalid(errors) => Failure::Invalid(errors.lines(lang)),
        // An unusable option (--author) is bad input, like a bad report file.
        e @ baocao_docx::Error::Options(_) => Failure::Input(e.describe(lang)),
        other => Failure::Output(other.describe(lang)),
    };
    let bytes = baocao_docx::render(report, &options).map_err(output_error)?;
    write_output(output, &bytes, force, lang)?;
    Ok(bytes)
}

/// `baocao serve`: binds, says where, answers until Ctrl-C.
fn serve(options: baocao_serve::ServeOptions, open: bool, lang: Lang) -> Result<(), Failure> {
    let server = baocao_serve::Server::bind(options.clone()).map_err(|e| {
        Failure::Output(match lang {
            Lang::Vi => format!("không mở được cổng {}:{}: {e}", options.listen, options.port),
            Lang::En => format!("cannot listen on {}:{}: {e}", options.listen, options.port),
        })
    })?;
    let addr = server.addr();
    let shown =
        if addr.ip().is_unspecified() { std::net::SocketAddr::new([127, 0, 0, 1].into(), addr.port()) } else { addr };
    let url = format!("http://{shown}/");
    println!("{url}");
    eprintln!(
        "{}",
        match lang {
            Lang::Vi => format!("đang phục vụ trang điền báo cáo tại {url} (Ctrl-C để dừng)"),
            Lang::En => format!("serving the report page at {url} (Ctrl-C to stop)"),
        }
    );
    if open {
        let _ = std::process::Command::new("xdg-open")
            .arg(&url)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn();
    }
    server.run(|| chrono::Local::now().date_naive());
    Ok(())
}

/// What `baocao consolidate` is asked to do.
struct ConsolidateJob<'a> {
    units: Option<&'a Path>,
    output: &'a Path,
    draft: Option<&'a Path>,
    partial: bool,
    force: bool,
    today: NaiveDate,
}

/// Reads one unit's report: a .docx through `extract` (what it cannot place is a
/// problem), data through `parse`; then validated. The problems as lines.
fn read_unit(file: &Path, today: NaiveDate, lang: Lang) -> Result<Report, Vec<String>> {
    let lines = |f: Failure| f.text().lines().map(String::from).collect::<Vec<_>>();
    if file.extension().is_some_and(|e| e.eq_ignore_ascii_case("docx")) {
        let bytes = read_docx(file, lang).map_err(lines)?;
        let options = baocao_read::ExtractOptions { changes: None, today: Some(today) };
        let extracted = baocao_read::extract_with(&bytes, &options).map_err(|e| vec![e.describe(lang)])?;
        // Its problems include validation's.
        if !extracted.problems.is_empty() {
            return Err(baocao_read::extract::problem_lines(&extracted.problems, lang));
        }
        return Ok(extracted.report);
    }
    if Format::from_path(file).is_none() {
        let why = lang.pick(
            "không nhận ra định dạng từ đuôi tệp (.docx, .json, .yaml, .toml)",
            "cannot tell the format from the extension (.docx, .json, .yaml, .toml)",
        );
        return Err(vec![why.to_string()]);
    }
    // Data: read, parsed and validated as `render` reads its input.
    load(file, &InputArgs { format: None, today: Some(today) }, lang).map(|(report, _)| report).map_err(lines)
}

/// `baocao consolidate`: the units' files to the province's workbook (and draft).
fn consolidate(files: &[PathBuf], job: &ConsolidateJob<'_>, lang: Lang) -> Result<(), Failure> {
    let config = match job.units {
        None => baocao_consolidate::Units::default(),
        Some(path) => {
            let format = Format::from_path(path).ok_or_else(|| {
                Failure::Input(format!(
                    "{}: {}",
                    path.display(),
                    lang.pick("dùng .yaml, .json hoặc .toml", "use .yaml, .json or .toml")
                ))
            })?;
            let (source, size) = open(path, lang)?;
            let text = read_limited(source, size, &path.display().to_string(), lang)?;
            baocao_consolidate::Units::parse(&text, format)
                .map_err(|e| Failure::Input(format!("{}: {}", path.display(), e.describe(lang))))?
        }
    };
    if job.draft.is_some() && config.frame.is_none() {
        return Err(Failure::Input(baocao_consolidate::DraftError::NoFrame.describe(lang)));
    }
    refuse_existing(job.output, job.force, lang)?;
    if let Some(d) = job.draft {
        refuse_existing(d, job.force, lang)?;
    }
    let mut units = Vec::new();
    let mut bad = 0;
    for file in files {
        match read_unit(file, job.today, lang) {
            Ok(report) => {
                let name = config.name_of(report.frame.issuer.organ.as_str());
                units.push(baocao_consolidate::Unit { name, source: file.display().to_string(), report });
            }
            Err(lines) => {
                bad += 1;
                eprintln!("{}: {}", shown(file, lang), lang.pick("không tổng hợp được:", "cannot be consolidated:"));
                for line in lines {
                    eprintln!("  {line}");
                }
            }
        }
    }
    if bad > 0 && !job.partial {
        return Err(Failure::Invalid(match lang {
            Lang::Vi => format!("{bad} tệp đơn vị có lỗi: chưa ghi gì (sửa các tệp đó, hoặc thêm --partial để tổng hợp các đơn vị còn lại)"),
            Lang::En => format!("{bad} unit file(s) have problems: nothing written (fix them, or pass --partial to consolidate the others)"),
        }));
    }
    if units.is_empty() {
        return Err(Failure::Invalid(
            lang.pick("không còn đơn vị nào để tổng hợp", "no unit left to consolidate").into(),
        ));
    }
    let result = baocao_consolidate::consolidate(&units, &config).map_err(|e| Failure::Invalid(e.describe(lang)))?;
    let xlsx = result.to_xlsx().map_err(Failure::Output)?;
    write_output(job.output, &xlsx, job.force, lang)?;
    let [wrote, unit_word, unmatched, conversions] = match lang {
        Lang::Vi => ["đã ghi", "đơn vị", "chỉ tiêu chưa khớp", "lần quy đổi tiền"],
        Lang::En => ["wrote", "units", "unmatched indicator(s)", "money conversion(s)"],
    };
    eprintln!(
        "{wrote} {}: {}/{} {unit_word}, {} {unmatched}, {} {conversions}",
        job.output.display(),
        units.len(),
        result.expected,
        result.unmatched.len(),
        result.conversions.len()
    );
    if !result.missing.is_empty() {
        eprintln!("{} {}", lang.pick("chưa có báo cáo của:", "no report from:"), result.missing.join(", "));
    }
    for u in &result.unmatched {
        let likely =
            u.likely.as_ref().map(|l| format!(" ({} “{l}”?)", lang.pick("có thể là", "perhaps"))).unwrap_or_default();
        eprintln!("  {}: “{}”{likely}", u.unit, u.indicator);
    }
    if let Some(path) = job.draft {
        let report = result.draft().map_err(|e| Failure::Input(e.describe(lang)))?;
        let format = Format::from_path(path).unwrap_or(Format::Yaml);
        let text =
            baocao_core::write(&report, format).map_err(|e| Failure::Output(format!("{}: {e}", path.display())))?;
        write_output(path, text.as_bytes(), job.force, lang)?;
        eprintln!("{} {}", lang.pick("đã ghi", "wrote"), path.display());
        validate(&report, &Context { today: Some(job.today) }).map_err(|errors| {
            Failure::Invalid(format!(
                "{}
{}: {}",
                errors.lines(lang),
                path.display(),
                lang.pick("bản dự thảo chưa hợp lệ", "the draft does not validate")
            ))
        })?;
    }
    if bad > 0 {
        // --partial: what was asked is done; the units left out are said.
        eprintln!(
            "{}",
            match lang {
                Lang::Vi => format!("{bad} tệp đơn vị có lỗi, không có trong bản tổng hợp (--partial)"),
                Lang::En => format!("{bad} unit file(s) with problems left out of the consolidation (--partial)"),
            }
        );
    }
    Ok(())
}

/// An output that exists, without `--force`: refused (exit 3).
fn refuse_existing(path: &Path, force: bool, lang: Lang) -> Result<(), Failure> {
    if !force && std::fs::symlink_metadata(path).is_ok() {
        return Err(Failure::Output(baocao_docx::Error::Exists(path.to_path_buf()).describe(lang)));
    }
    Ok(())
}

/// `baocao pdf`: a .docx (checked to be one) to a PDF beside it or at `--output`.
fn pdf_command(file: &Path, output: Option<PathBuf>, force: bool, args: &PdfArgs, lang: Lang) -> Result<(), Failure> {
    let target = match output {
        Some(o) => o,
        None if file == Path::new("-") => {
            return Err(Failure::Input(
                lang.pick("đọc từ đầu vào chuẩn thì cần --output", "reading standard input needs --output").into(),
            ))
        }
        None => file.with_extension("pdf"),
    };
    let bytes = read_docx(file, lang)?;
    // LibreOffice would turn any file into a PDF: only a readable .docx is taken.
    let name = shown(file, lang);
    baocao_read::read(&bytes).map_err(|e| Failure::Input(format!("{name}: {}", e.describe(lang))))?;
    refuse_existing(&target, force, lang)?;
    convert(&bytes, &target, force, &args.options(), lang)
}

/// Converts and writes the PDF whole or not at all; LibreOffice or the font
/// missing, a timeout or a failed conversion is an output failure (exit 3).
fn convert(
    docx: &[u8],
    target: &Path,
    force: bool,
    options: &baocao_pdf::PdfOptions,
    lang: Lang,
) -> Result<(), Failure> {
    let pdf = baocao_pdf::to_pdf(docx, options).map_err(|e| Failure::Output(e.describe(lang)))?;
    write_output(target, &pdf, force, lang)?;
    eprintln!("{} {}", lang.pick("đã ghi", "wrote"), target.display());
    Ok(())
}

/// Writes a file whole or not at all (a temporary file moved into place), an
/// existing one replaced only with `force`.
fn write_output(output: &Path, bytes: &[u8], force: bool, lang: Lang) -> Result<(), Failure> {
    let output_error = |e: baocao_docx::Error| Failure::Output(e.describe(lang));
    let mut pending = {
        let mut w = writing();
        w.target = Some(output.to_path_buf());
        baocao_docx::PendingFile::create(output, force).map_err(output_error)?
    };
    pending.write_all(bytes).map_err(output_error)?;
    let mut w = writing();
    let result = pending.commit();
    w.written = result.is_ok();
    result.map_err(output_error)
}

/// `baocao extract`: the report as data to a file or standard output; the
/// problems (with their places) and notices on standard error.
fn extract(
    file: &Path,
    output: Option<&Path>,
    format: Option<&str>,
    force: bool,
    options: &baocao_read::ExtractOptions,
    lang: Lang,
) -> Result<(), Failure> {
    let unknown = |name: &str| {
        Failure::Input(match lang {
            Lang::Vi => format!("định dạng “{name}” không rõ: dùng json, yaml hoặc toml"),
            Lang::En => format!("unknown format `{name}`: use json, yaml or toml"),
        })
    };
    let format = match (format, output) {
        (Some(name), _) => Format::from_name(name).ok_or_else(|| unknown(name))?,
        (None, Some(path)) => Format::from_path(path).ok_or_else(|| {
            let why = lang.pick(
                "không nhận ra định dạng từ đuôi tệp: dùng .yaml, .yml, .json hoặc .toml, hoặc thêm --format",
                "cannot tell the format from the extension: use .yaml, .yml, .json or .toml, or pass --format",
            );
            Failure::Input(format!("{}: {why}", shown(path, lang)))
        })?,
        (None, None) => Format::Yaml,
    };
    // An existing output is refused before the work, not after it.
    if let Some(path) = output {
        if !force && std::fs::symlink_metadata(path).is_ok() {
            return Err(Failure::Output(baocao_docx::Error::Exists(path.to_path_buf()).describe(lang)));
        }
    }
    let bytes = read_docx(file, lang)?;
    let name = shown(file, lang);
    let extracted = baocao_read::extract_with(&bytes, options)
        .map_err(|e| Failure::Input(format!("{name}: {}", e.describe(lang))))?;
    let text =
        baocao_core::write(&extracted.report, format).map_err(|e| Failure::Output(format!("{name}: {}", e.message)))?;
    match output {
        Some(path) => write_output(path, text.as_bytes(), force, lang)?,
        None => print!("{text}"),
    }
    for notice in &extracted.notices {
        eprintln!("{}", notice.get(lang));
    }
    for line in baocao_read::extract::problem_lines(&extracted.problems, lang) {
        eprintln!("{line}");
    }
    let n = extracted.problems.len();
    let summary = match lang {
        Lang::Vi if n == 0 => format!("{name}: đã đọc hết vào báo cáo"),
        Lang::Vi => format!("{name}: {n} vấn đề"),
        Lang::En if n == 0 => format!("{name}: everything read into the report"),
        Lang::En => format!("{name}: {n} problem{}", plural(n)),
    };
    if n > 0 {
        return Err(Failure::Invalid(summary));
    }
    if let Some(path) = output {
        eprintln!("{} {}", lang.pick("đã ghi", "wrote"), path.display());
    }
    eprintln!("{summary}");
    Ok(())
}
