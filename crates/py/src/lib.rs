//! Python bindings: the private native module `baocao._baocao`.
//!
//! The public API is the pure-Python package `baocao` around it (see
//! `python/baocao/__init__.py`). Every entry point here catches panics, so no Rust
//! panic reaches Python, and releases the GIL around pure-Rust work (validation,
//! rendering, writing).

mod convert;
mod errors;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

use baocao_core::{Context, Format, Lang, Message};
use baocao_docx::{Layout, LineSpacing, RenderOptions, RomanStyle};
use chrono::{NaiveDate, NaiveDateTime};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyString};

/// Runs `f`, turning a panic into `baocao.InternalError`.
fn guarded<T>(py: Python<'_>, f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(panic) => {
            let msg = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "unknown panic".into());
            Err(errors::internal(
                py,
                format!("lỗi nội bộ của baocao, xin báo lỗi này (internal error, please report it): {msg}"),
            ))
        }
    }
}

fn format_of(py: Python<'_>, name: &str, lang: Lang) -> PyResult<Format> {
    Format::from_name(name).ok_or_else(|| {
        let m = Message::new(
            format!("định dạng {name:?} không rõ: dùng \"json\", \"yaml\" hoặc \"toml\""),
            format!("unknown format {name:?}: use \"json\", \"yaml\" or \"toml\""),
        );
        errors::field_type(py, "format", &m, lang)
    })
}

/// The language of messages: "vi" (default) or "en".
fn lang_of(py: Python<'_>, name: &str) -> PyResult<Lang> {
    Lang::from_name(name).ok_or_else(|| {
        let m = Message::new(
            format!("ngôn ngữ {name:?} không có: dùng \"vi\" hoặc \"en\""),
            format!("unknown language {name:?}: use \"vi\" or \"en\""),
        );
        errors::field_type(py, "lang", &m, Lang::Vi)
    })
}

/// The `lang=` argument: "vi" (also when absent or None) or "en"; anything
/// else is an error naming the argument, in Vietnamese.
fn lang_arg(py: Python<'_>, v: Option<&Bound<'_, PyAny>>) -> PyResult<Lang> {
    match v {
        None => Ok(Lang::Vi),
        Some(v) if v.is_none() => Ok(Lang::Vi),
        Some(v) => match v.downcast::<PyString>() {
            Ok(s) => lang_of(py, &s.to_string_lossy()),
            Err(_) => {
                let t = type_name(v);
                let m = Message::new(
                    format!("ngôn ngữ phải là \"vi\" hoặc \"en\", đang là {t}"),
                    format!("the language is \"vi\" or \"en\", got {t}"),
                );
                Err(errors::field_type(py, "lang", &m, Lang::Vi))
            }
        },
    }
}

/// A path argument: a str, an `os.PathLike` or bytes (decoded as the file
/// system does); anything else is an error naming the argument.
fn path_arg(py: Python<'_>, v: &Bound<'_, PyAny>, lang: Lang) -> PyResult<PathBuf> {
    let os = py.import("os")?;
    let fspath = os.call_method1("fspath", (v,)).and_then(|p| {
        if p.is_instance_of::<PyBytes>() {
            os.call_method1("fsdecode", (p,))
        } else {
            Ok(p)
        }
    });
    match fspath.and_then(|p| p.extract::<String>()) {
        Ok(p) => Ok(PathBuf::from(p)),
        Err(_) => {
            let t = type_name(v);
            let m = Message::new(
                format!("cần một đường dẫn (str hoặc pathlib.Path), đang là {t}"),
                format!("expected a path (str or pathlib.Path), got {t}"),
            );
            Err(errors::field_type(py, "path", &m, lang))
        }
    }
}

/// A parsed report (immutable). Build it with `from_data` or `from_text`.
#[pyclass(frozen, module = "baocao._baocao")]
struct Report {
    inner: baocao_core::Report,
}

#[pymethods]
impl Report {
    /// Builds a report from Python data of the input's shape (dicts, lists, str,
    /// int, float, None, `datetime.date`).
    #[staticmethod]
    #[pyo3(signature = (data, lang=None))]
    fn from_data(py: Python<'_>, data: &Bound<'_, PyAny>, lang: Option<&Bound<'_, PyAny>>) -> PyResult<Report> {
        guarded(py, || {
            let lang = lang_arg(py, lang)?;
            let value = convert::to_json(data, &mut String::new(), lang)?;
            let inner =
                py.allow_threads(|| baocao_core::from_value(value)).map_err(|e| errors::from_data(py, &e, lang))?;
            Ok(Report { inner })
        })
    }

    /// Parses a report from JSON, YAML or TOML text.
    #[staticmethod]
    #[pyo3(signature = (text, format, lang=None))]
    fn from_text(
        py: Python<'_>,
        text: &Bound<'_, PyString>,
        format: &str,
        lang: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Report> {
        guarded(py, || {
            let lang = lang_arg(py, lang)?;
            let format = format_of(py, format, lang)?;
            let text =
                text.to_str().map_err(|_| errors::unreadable_text(py, convert::surrogate_position(text), lang))?;
            let inner =
                py.allow_threads(|| baocao_core::parse(text, format)).map_err(|e| errors::input(py, &e, lang))?;
            Ok(Report { inner })
        })
    }

    /// The report as Python data (dates as `datetime.date`).
    fn to_data<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guarded(py, || {
            let value = baocao_core::to_value(&self.inner).map_err(|e| errors::internal(py, e.to_string()))?;
            convert::from_json(py, &value, true)
        })
    }

    /// The report as JSON, YAML or TOML text.
    #[pyo3(signature = (format, lang=None))]
    fn to_text(&self, py: Python<'_>, format: &str, lang: Option<&Bound<'_, PyAny>>) -> PyResult<String> {
        guarded(py, || {
            let lang = lang_arg(py, lang)?;
            let format = format_of(py, format, lang)?;
            baocao_core::write(&self.inner, format).map_err(|e| errors::internal(py, e.to_string()))
        })
    }

    /// Every validation problem as (path, code, message) tuples; empty when valid.
    #[pyo3(signature = (today=None, lang=None))]
    fn problems(
        &self,
        py: Python<'_>,
        today: Option<&Bound<'_, PyAny>>,
        lang: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Vec<(String, &'static str, String)>> {
        guarded(py, || {
            let lang = lang_arg(py, lang)?;
            let today = date_arg(py, today, lang)?;
            let problems = py.allow_threads(|| baocao_core::problems(&self.inner, &Context { today }));
            Ok(problems
                .into_iter()
                .map(|p| {
                    let message = p.message(lang).to_string();
                    (p.path, p.code.as_str(), message)
                })
                .collect())
        })
    }

    /// Validates and renders; returns the .docx bytes.
    #[pyo3(signature = (author=None, created=None, today=None, layout=None, lang=None))]
    fn render<'py>(
        &self,
        py: Python<'py>,
        author: Option<&Bound<'py, PyAny>>,
        created: Option<&Bound<'py, PyAny>>,
        today: Option<&Bound<'py, PyAny>>,
        layout: Option<&Bound<'py, PyDict>>,
        lang: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Bound<'py, PyBytes>> {
        guarded(py, || {
            let lang = lang_arg(py, lang)?;
            let options = options(py, author, created, today, layout, lang)?;
            let bytes = py
                .allow_threads(|| baocao_docx::render(&self.inner, &options))
                .map_err(|e| errors::render(py, e, lang))?;
            Ok(PyBytes::new(py, &bytes))
        })
    }

    /// Validates, renders and writes atomically to `path`.
    #[pyo3(signature = (path, overwrite=false, author=None, created=None, today=None, layout=None, lang=None))]
    #[allow(clippy::too_many_arguments)]
    fn write(
        &self,
        py: Python<'_>,
        path: &Bound<'_, PyAny>,
        overwrite: bool,
        author: Option<&Bound<'_, PyAny>>,
        created: Option<&Bound<'_, PyAny>>,
        today: Option<&Bound<'_, PyAny>>,
        layout: Option<&Bound<'_, PyDict>>,
        lang: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        guarded(py, || {
            let lang = lang_arg(py, lang)?;
            let path = path_arg(py, path, lang)?;
            let options = options(py, author, created, today, layout, lang)?;
            py.allow_threads(|| baocao_docx::render_to_file(&self.inner, &options, &path, overwrite))
                .map_err(|e| errors::render(py, e, lang))
        })
    }

    fn __eq__(&self, other: &Report) -> bool {
        self.inner == other.inner
    }
}

/// `today`: a `datetime.date` or None, with a clear error naming the argument.
fn date_arg(py: Python<'_>, v: Option<&Bound<'_, PyAny>>, lang: Lang) -> PyResult<Option<NaiveDate>> {
    match v {
        Some(v) if !v.is_none() => v.extract::<NaiveDate>().map(Some).map_err(|_| {
            let t = type_name(v);
            let m = Message::new(
                format!("cần một ngày (datetime.date) hoặc None, đang là {t}"),
                format!("expected a datetime.date or None, got {t}"),
            );
            errors::field_type(py, "today", &m, lang)
        }),
        _ => Ok(None),
    }
}

/// `created`: a `datetime.datetime` or None, with a clear error naming the argument.
fn datetime_arg(py: Python<'_>, v: Option<&Bound<'_, PyAny>>, lang: Lang) -> PyResult<Option<NaiveDateTime>> {
    match v {
        Some(v) if !v.is_none() => v.extract::<NaiveDateTime>().map(Some).map_err(|_| {
            let t = type_name(v);
            let m = Message::new(
                format!("cần ngày giờ (datetime.datetime, không có múi giờ) hoặc None, đang là {t}"),
                format!("expected a datetime.datetime without a time zone, or None, got {t}"),
            );
            errors::field_type(py, "created", &m, lang)
        }),
        _ => Ok(None),
    }
}

fn options(
    py: Python<'_>,
    author: Option<&Bound<'_, PyAny>>,
    created: Option<&Bound<'_, PyAny>>,
    today: Option<&Bound<'_, PyAny>>,
    layout: Option<&Bound<'_, PyDict>>,
    lang: Lang,
) -> PyResult<RenderOptions> {
    let created = datetime_arg(py, created, lang)?;
    let today = date_arg(py, today, lang)?;
    let author = match author {
        Some(a) if !a.is_none() => convert::text(a, "author", lang)?,
        _ => String::new(),
    };
    let mut o = RenderOptions { author, created, context: Context { today }, ..Default::default() };
    if let Some(layout) = layout {
        for (k, v) in layout.iter() {
            let key = k.downcast::<PyString>().map_err(|_| {
                let t = type_name(&k);
                let m = Message::new(
                    format!("tên thiết lập trình bày phải là str, đang là {t}"),
                    format!("layout settings are named by str, got {t}"),
                );
                errors::field_type(py, "layout", &m, lang)
            })?;
            let key = convert::text(key.as_any(), "layout", lang)?;
            set_layout(py, &mut o.layout, &key, &v, lang)?;
        }
    }
    Ok(o)
}

/// The layout settings Python may set, by name (typed in `LayoutSettings`).
const LAYOUT_KEYS: &[&str] = &[
    "page_width",
    "page_height",
    "margin_top",
    "margin_bottom",
    "margin_left",
    "margin_right",
    "header_distance",
    "footer_distance",
    "body_size",
    "first_line_indent",
    "paragraph_spacing",
    "line_spacing_exact",
    "line_spacing_multiple",
    "left_column_percent",
    "header_size",
    "party_heading_size",
    "title_size",
    "summary_size",
    "signature_blank_lines",
    "recipients_heading_size",
    "recipient_size",
    "page_number_size",
    "table_size",
    "landscape_above_years",
    "heading3_italic",
    "position_bold",
    "recipients_heading_underline",
    "font",
    "language",
    "roman_style",
];

/// Sets one layout field by name (the names of `baocao_docx::Layout`).
fn set_layout(py: Python<'_>, l: &mut Layout, key: &str, v: &Bound<'_, PyAny>, lang: Lang) -> PyResult<()> {
    let path = format!("layout.{key}");
    let bad = |vi: String, en: String| errors::field_type(py, &path, &Message::new(vi, en), lang);
    let t = type_name(v);
    let num = || {
        v.extract::<u32>().map_err(|_| {
            // A negative or huge int: show the value; anything else: its type.
            let shown = if v.is_instance_of::<pyo3::types::PyInt>() {
                v.repr().map_or_else(|_| t.clone(), |r| r.to_string())
            } else {
                t.clone()
            };
            bad(
                format!("cần một số nguyên không âm (int), đang là {shown}"),
                format!("expected a non-negative int, got {shown}"),
            )
        })
    };
    let flag = || {
        v.extract::<bool>()
            .map_err(|_| bad(format!("cần True hoặc False, đang là {t}"), format!("expected a bool, got {t}")))
    };
    match key {
        "page_width" => l.page_width = num()?,
        "page_height" => l.page_height = num()?,
        "margin_top" => l.margin_top = num()?,
        "margin_bottom" => l.margin_bottom = num()?,
        "margin_left" => l.margin_left = num()?,
        "margin_right" => l.margin_right = num()?,
        "header_distance" => l.header_distance = num()?,
        "footer_distance" => l.footer_distance = num()?,
        "body_size" => l.body_size = num()?,
        "first_line_indent" => l.first_line_indent = num()?,
        "paragraph_spacing" => l.paragraph_spacing = num()?,
        "line_spacing_exact" => l.line_spacing = LineSpacing::Exact(num()?),
        "line_spacing_multiple" => l.line_spacing = LineSpacing::Multiple(num()?),
        "left_column_percent" => l.left_column_percent = num()?,
        "header_size" => l.header_size = num()?,
        "party_heading_size" => l.party_heading_size = num()?,
        "title_size" => l.title_size = num()?,
        "summary_size" => l.summary_size = num()?,
        "signature_blank_lines" => l.signature_blank_lines = num()?,
        "recipients_heading_size" => l.recipients_heading_size = num()?,
        "recipient_size" => l.recipient_size = num()?,
        "page_number_size" => l.page_number_size = num()?,
        "table_size" => l.table_size = num()?,
        "landscape_above_years" => l.landscape_above_years = num()? as usize,
        "heading3_italic" => l.heading3_italic = flag()?,
        "position_bold" => l.position_bold = flag()?,
        "recipients_heading_underline" => l.recipients_heading_underline = flag()?,
        "font" => l.font = convert::text(v, &path, lang)?,
        "language" => l.language = convert::text(v, &path, lang)?,
        "roman_style" => {
            l.roman_style = match v.extract::<String>().as_deref() {
                Ok("dash") => RomanStyle::Dash,
                Ok("dot") => RomanStyle::Dot,
                _ => {
                    return Err(bad(
                        "cần \"dash\" (I-) hoặc \"dot\" (I.)".into(),
                        "expected \"dash\" (I-) or \"dot\" (I.)".into(),
                    ))
                }
            }
        }
        _ => {
            let all = LAYOUT_KEYS.join(", ");
            return Err(bad(
                format!("không có thiết lập trình bày {key:?}: các thiết lập là {all}"),
                format!("unknown layout setting {key:?}: the settings are {all}"),
            ));
        }
    }
    Ok(())
}

fn type_name(v: &Bound<'_, PyAny>) -> String {
    v.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".into())
}

/// The `baocao` command line (the same program as the Rust binary): `argv` with
/// the program name first; returns the exit code. With `handle_signals` (the
/// installed `baocao` command, which owns its process) Ctrl-C and SIGTERM are
/// handled as the Rust binary handles them (its temporary file removed, exit 130 /
/// 143); otherwise signals stay Python's.
#[pyfunction]
#[pyo3(signature = (argv, handle_signals=false))]
fn cli(py: Python<'_>, argv: Vec<std::ffi::OsString>, handle_signals: bool) -> PyResult<u8> {
    guarded(py, || Ok(py.allow_threads(|| baocao_cli::run(argv, handle_signals))))
}

/// Checks the bytes of a .docx against the Party layout rules: every finding as
/// (rule, severity, message, location, paragraph). An unreadable file raises
/// `baocao.InputError`.
#[pyfunction]
#[pyo3(signature = (data, lang=None))]
#[allow(clippy::type_complexity)]
fn check(
    py: Python<'_>,
    data: &Bound<'_, PyBytes>,
    lang: Option<&Bound<'_, PyAny>>,
) -> PyResult<Vec<(&'static str, &'static str, String, String, Option<usize>)>> {
    guarded(py, || {
        let lang = lang_arg(py, lang)?;
        let bytes = data.as_bytes();
        let findings = py
            .allow_threads(|| baocao_check::check(bytes, &baocao_check::Layout::default()))
            .map_err(|e| errors::unreadable_docx(py, &e, lang))?;
        Ok(findings
            .iter()
            .map(|f| {
                (
                    f.rule.id(),
                    f.severity.as_str(),
                    f.message(lang).to_string(),
                    f.location.describe(lang),
                    f.location.paragraph,
                )
            })
            .collect())
    })
}

/// One problem of `extract`: (code, paragraph, words, path, message).
type ExtractProblem = (&'static str, Option<usize>, String, Option<String>, String);

/// Reads a report's .docx back: the report, every problem as (code, paragraph,
/// first words, path, message), and the notices. `changes` is None (a file with
/// tracked changes is refused), "accept" or "reject". An unreadable file raises
/// `baocao.InputError`.
#[pyfunction]
#[pyo3(signature = (data, lang=None, changes=None, today=None))]
fn extract(
    py: Python<'_>,
    data: &Bound<'_, PyBytes>,
    lang: Option<&Bound<'_, PyAny>>,
    changes: Option<&Bound<'_, PyAny>>,
    today: Option<&Bound<'_, PyAny>>,
) -> PyResult<(Report, Vec<ExtractProblem>, Vec<String>)> {
    guarded(py, || {
        let lang = lang_arg(py, lang)?;
        let changes = match changes {
            None => None,
            Some(v) if v.is_none() => None,
            Some(v) => match v.extract::<String>().ok().as_deref() {
                Some("accept") => Some(baocao_read::Changes::Accept),
                Some("reject") => Some(baocao_read::Changes::Reject),
                _ => {
                    let m = Message::new(
                        format!("changes phải là None, \"accept\" hoặc \"reject\", đang là {}", type_or_value(v)),
                        format!("changes is None, \"accept\" or \"reject\", got {}", type_or_value(v)),
                    );
                    return Err(errors::field_type(py, "changes", &m, lang));
                }
            },
        };
        let today = date_arg(py, today, lang)?;
        let bytes = data.as_bytes();
        let options = baocao_read::ExtractOptions { changes, today };
        let extracted = py
            .allow_threads(|| baocao_read::extract_with(bytes, &options))
            .map_err(|e| errors::unreadable_docx(py, &e, lang))?;
        let problems = extracted
            .problems
            .iter()
            .map(|p| (p.kind.code(), p.paragraph, p.words.clone(), p.path.clone(), p.message.get(lang).to_string()))
            .collect();
        let notices = extracted.notices.iter().map(|m| m.get(lang).to_string()).collect();
        Ok((Report { inner: extracted.report }, problems, notices))
    })
}

/// A value as shown in a message: a string quoted, anything else its type.
fn type_or_value(v: &Bound<'_, PyAny>) -> String {
    match v.extract::<String>() {
        Ok(s) => format!("{s:?}"),
        Err(_) => type_name(v),
    }
}

/// The JSON Schema of the input, as a JSON string.
/// A .docx's bytes to a PDF's through LibreOffice headless (`baocao_pdf`). Not a
/// .docx: `baocao.InputError`; LibreOffice or the font missing, a timeout, a failed
/// conversion: `baocao.PdfError`. Ctrl-C stops LibreOffice and raises
/// `KeyboardInterrupt` (the signals are looked at every few tens of milliseconds).
#[pyfunction]
#[pyo3(signature = (data, pdfa=false, allow_font_fallback=false, timeout=120.0, font=None, lang=None))]
fn to_pdf<'py>(
    py: Python<'py>,
    data: &Bound<'py, PyBytes>,
    pdfa: bool,
    allow_font_fallback: bool,
    timeout: f64,
    font: Option<String>,
    lang: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyBytes>> {
    guarded(py, || {
        let lang = lang_arg(py, lang)?;
        if !(timeout.is_finite() && timeout > 0.0 && timeout <= 86_400.0) {
            return Err(pyo3::exceptions::PyValueError::new_err(
                lang.pick("timeout: số giây từ 0 đến 86400", "timeout: seconds, above 0 and at most 86400").to_string(),
            ));
        }
        let bytes = data.as_bytes();
        py.allow_threads(|| baocao_read::read(bytes).map(|_| ())).map_err(|e| errors::unreadable_docx(py, &e, lang))?;
        let mut options = baocao_pdf::PdfOptions {
            pdfa,
            allow_font_fallback,
            timeout: std::time::Duration::from_secs_f64(timeout),
            ..Default::default()
        };
        if let Some(f) = font {
            options.font = f;
        }
        let mut interrupted: Option<PyErr> = None;
        let result = py.allow_threads(|| {
            baocao_pdf::to_pdf_with(bytes, &options, &mut || {
                Python::with_gil(|py| match py.check_signals() {
                    Ok(()) => false,
                    Err(e) => {
                        interrupted = Some(e);
                        true
                    }
                })
            })
        });
        match result {
            Ok(pdf) => Ok(PyBytes::new(py, &pdf)),
            Err(baocao_pdf::PdfError::Cancelled) if interrupted.is_some() => {
                Err(interrupted.unwrap_or_else(|| errors::pdf(py, &baocao_pdf::PdfError::Cancelled, lang)))
            }
            Err(e) => Err(errors::pdf(py, &e, lang)),
        }
    })
}

/// The result of `consolidate`, kept native: its summary as data, its workbook,
/// its draft.
#[pyclass(frozen, module = "baocao._baocao")]
struct Consolidation {
    inner: baocao_consolidate::Consolidation,
}

fn total_json(t: &baocao_consolidate::Total) -> serde_json::Value {
    serde_json::json!({"value": t.value, "range": t.range.map(|(a, b)| vec![a, b]), "units": t.units})
}

fn row_json(c: &baocao_consolidate::Consolidation, r: &baocao_consolidate::TotalRow) -> serde_json::Value {
    let (kind, base) = match r.kind {
        baocao_consolidate::RowKind::Sum => ("sum", None),
        baocao_consolidate::RowKind::Range => ("range", None),
        baocao_consolidate::RowKind::WeightedMean { base: (t, g, b) } => {
            ("weighted_mean", Some(c.tables[t].groups[g].rows[b].name.clone()))
        }
    };
    serde_json::json!({
        "name": r.name, "unit": r.unit, "decimals": r.decimals, "kind": kind, "base": base,
        "totals": r.totals.iter().map(total_json).collect::<Vec<_>>(),
        "figures": r.figures.iter().zip(&c.units).map(|(f, u)| serde_json::json!({
            "unit": u, "present": f.present, "wording": f.wording, "measure": f.unit, "factor": f.factor, "values": f.values,
        })).collect::<Vec<_>>(),
    })
}

#[pymethods]
impl Consolidation {
    /// Units, expected, missing, tables (with each row's totals and each unit's
    /// figures), unmatched indicators and conversions, as plain data.
    fn summary<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guarded(py, || {
            let c = &self.inner;
            let value = serde_json::json!({
                "units": c.units, "expected": c.expected, "missing": c.missing,
                "tables": c.tables.iter().map(|t| serde_json::json!({
                    "title": t.title, "years": t.years,
                    "groups": t.groups.iter().map(|g| serde_json::json!({
                        "heading": g.heading,
                        "rows": g.rows.iter().map(|r| row_json(c, r)).collect::<Vec<_>>(),
                    })).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
                "unmatched": c.unmatched.iter().map(|u| serde_json::json!({
                    "unit": u.unit, "indicator": u.indicator, "measure": u.measure, "table": u.table,
                    "reason": match u.reason { baocao_consolidate::UnmatchedReason::OnlyHere => "only_here", baocao_consolidate::UnmatchedReason::Twice => "twice" },
                    "likely": u.likely,
                })).collect::<Vec<_>>(),
                "conversions": c.conversions.iter().map(|v| serde_json::json!({
                    "unit": v.unit, "indicator": v.indicator, "from": v.from, "to": v.to, "factor": v.factor,
                })).collect::<Vec<_>>(),
            });
            convert::from_json(py, &value, false)
        })
    }

    /// The workbook's bytes (.xlsx).
    fn to_xlsx<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        guarded(py, || {
            let bytes = py.allow_threads(|| self.inner.to_xlsx()).map_err(|e| errors::internal(py, e))?;
            Ok(PyBytes::new(py, &bytes))
        })
    }

    /// The provincial report's input; `InputError` when units.yaml has no frame.
    #[pyo3(signature = (lang=None))]
    fn draft(&self, py: Python<'_>, lang: Option<&Bound<'_, PyAny>>) -> PyResult<Report> {
        guarded(py, || {
            let lang = lang_arg(py, lang)?;
            let inner = self.inner.draft().map_err(|e| errors::plain_input(py, &e.describe(lang)))?;
            Ok(Report { inner })
        })
    }
}

/// Consolidates reports (already read and validated by the Python side) with the
/// province's units: a dict, or (text, format) of a units.yaml, or None.
#[pyfunction]
#[pyo3(signature = (reports, units=None, units_text=None, lang=None, sources=None))]
fn consolidate(
    py: Python<'_>,
    reports: Vec<PyRef<'_, Report>>,
    units: Option<&Bound<'_, PyAny>>,
    units_text: Option<(String, String)>,
    lang: Option<&Bound<'_, PyAny>>,
    sources: Option<Vec<String>>,
) -> PyResult<Consolidation> {
    let sources = sources.unwrap_or_default();
    guarded(py, || {
        let lang = lang_arg(py, lang)?;
        let config = match (units, units_text) {
            (Some(data), _) if !data.is_none() => {
                let value = convert::to_json(data, &mut String::new(), lang)?;
                let text = value.to_string();
                baocao_consolidate::Units::parse(&text, baocao_core::Format::Json)
                    .map_err(|e| errors::input(py, &e, lang))?
            }
            (_, Some((text, format))) => {
                let format = baocao_core::Format::from_name(&format).ok_or_else(|| {
                    errors::plain_input(py, lang.pick("units: định dạng không rõ", "units: unknown format"))
                })?;
                baocao_consolidate::Units::parse(&text, format).map_err(|e| errors::input(py, &e, lang))?
            }
            _ => baocao_consolidate::Units::default(),
        };
        let given: Vec<baocao_consolidate::Unit> = reports
            .iter()
            .enumerate()
            .map(|(i, r)| baocao_consolidate::Unit {
                name: config.name_of(r.inner.frame.issuer.organ.as_str()),
                source: sources.get(i).cloned().unwrap_or_else(|| format!("reports[{i}]")),
                report: r.inner.clone(),
            })
            .collect();
        let inner = py
            .allow_threads(|| baocao_consolidate::consolidate(&given, &config))
            .map_err(|e| errors::plain_input(py, &e.describe(lang)))?;
        Ok(Consolidation { inner })
    })
}

#[pyfunction]
fn json_schema() -> String {
    baocao_core::json_schema()
}

/// The native module.
#[pymodule]
fn _baocao(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Report>()?;
    m.add_function(wrap_pyfunction!(json_schema, m)?)?;
    m.add_function(wrap_pyfunction!(cli, m)?)?;
    m.add_function(wrap_pyfunction!(check, m)?)?;
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(to_pdf, m)?)?;
    m.add_function(wrap_pyfunction!(consolidate, m)?)?;
    m.add_class::<Consolidation>()?;
    m.add("MAX_DOCX_BYTES", baocao_check::MAX_FILE_BYTES)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("MAX_INPUT_BYTES", baocao_core::limits::MAX_INPUT_BYTES)?;
    Ok(())
}
