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

use baocao_core::{Context, Format};
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
            Err(errors::internal(py, format!("internal error (please report it): {msg}")))
        }
    }
}

fn format_of(py: Python<'_>, name: &str) -> PyResult<Format> {
    Format::from_name(name).ok_or_else(|| {
        errors::field_type(py, "format", format!("unknown format {name:?}: use \"json\", \"yaml\" or \"toml\""))
    })
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
    fn from_data(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<Report> {
        guarded(py, || {
            let value = convert::to_json(data, &mut String::new())?;
            let inner = py.allow_threads(|| baocao_core::from_value(value)).map_err(|e| errors::from_data(py, &e))?;
            Ok(Report { inner })
        })
    }

    /// Parses a report from JSON, YAML or TOML text.
    #[staticmethod]
    fn from_text(py: Python<'_>, text: &Bound<'_, PyString>, format: &str) -> PyResult<Report> {
        guarded(py, || {
            let format = format_of(py, format)?;
            let text = text.to_str().map_err(|_| errors::unreadable_text(py, convert::surrogate_position(text)))?;
            let inner = py.allow_threads(|| baocao_core::parse(text, format)).map_err(|e| errors::input(py, &e))?;
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
    fn to_text(&self, py: Python<'_>, format: &str) -> PyResult<String> {
        guarded(py, || {
            let format = format_of(py, format)?;
            baocao_core::write(&self.inner, format).map_err(|e| errors::internal(py, e.to_string()))
        })
    }

    /// Every validation problem as (path, code, message) tuples; empty when valid.
    #[pyo3(signature = (today=None))]
    fn problems(&self, py: Python<'_>, today: Option<NaiveDate>) -> PyResult<Vec<(String, &'static str, String)>> {
        guarded(py, || {
            let problems = py.allow_threads(|| baocao_core::problems(&self.inner, &Context { today }));
            Ok(problems.into_iter().map(|p| (p.path, p.code.as_str(), p.message)).collect())
        })
    }

    /// Validates and renders; returns the .docx bytes.
    #[pyo3(signature = (author=None, created=None, today=None, layout=None))]
    fn render<'py>(
        &self,
        py: Python<'py>,
        author: Option<&Bound<'py, PyAny>>,
        created: Option<NaiveDateTime>,
        today: Option<NaiveDate>,
        layout: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyBytes>> {
        guarded(py, || {
            let options = options(py, author, created, today, layout)?;
            let bytes =
                py.allow_threads(|| baocao_docx::render(&self.inner, &options)).map_err(|e| errors::render(py, e))?;
            Ok(PyBytes::new(py, &bytes))
        })
    }

    /// Validates, renders and writes atomically to `path`.
    #[pyo3(signature = (path, overwrite=false, author=None, created=None, today=None, layout=None))]
    #[allow(clippy::too_many_arguments)]
    fn write(
        &self,
        py: Python<'_>,
        path: PathBuf,
        overwrite: bool,
        author: Option<&Bound<'_, PyAny>>,
        created: Option<NaiveDateTime>,
        today: Option<NaiveDate>,
        layout: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<()> {
        guarded(py, || {
            let options = options(py, author, created, today, layout)?;
            py.allow_threads(|| baocao_docx::render_to_file(&self.inner, &options, &path, overwrite))
                .map_err(|e| errors::render(py, e))
        })
    }

    fn __eq__(&self, other: &Report) -> bool {
        self.inner == other.inner
    }
}

fn options(
    py: Python<'_>,
    author: Option<&Bound<'_, PyAny>>,
    created: Option<NaiveDateTime>,
    today: Option<NaiveDate>,
    layout: Option<&Bound<'_, PyDict>>,
) -> PyResult<RenderOptions> {
    let author = match author {
        Some(a) if !a.is_none() => convert::text(a, "author")?,
        _ => String::new(),
    };
    let mut o = RenderOptions { author, created, context: Context { today }, ..Default::default() };
    if let Some(layout) = layout {
        for (k, v) in layout.iter() {
            let key = k.downcast::<PyString>().map_err(|_| {
                errors::field_type(py, "layout", format!("layout settings are named by str, got {}", type_name(&k)))
            })?;
            let key = convert::text(key.as_any(), "layout")?;
            set_layout(py, &mut o.layout, &key, &v)?;
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
fn set_layout(py: Python<'_>, l: &mut Layout, key: &str, v: &Bound<'_, PyAny>) -> PyResult<()> {
    let path = format!("layout.{key}");
    let bad = |m: String| errors::field_type(py, &path, m);
    let num = || v.extract::<u32>().map_err(|_| bad(format!("expected a non-negative int, got {}", type_name(v))));
    let flag = || v.extract::<bool>().map_err(|_| bad(format!("expected a bool, got {}", type_name(v))));
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
        "font" => l.font = convert::text(v, &path)?,
        "language" => l.language = convert::text(v, &path)?,
        "roman_style" => {
            l.roman_style = match v.extract::<String>().as_deref() {
                Ok("dash") => RomanStyle::Dash,
                Ok("dot") => RomanStyle::Dot,
                _ => return Err(bad("expected \"dash\" (I-) or \"dot\" (I.)".into())),
            }
        }
        _ => return Err(bad(format!("unknown layout setting {key:?}: the settings are {}", LAYOUT_KEYS.join(", ")))),
    }
    Ok(())
}

fn type_name(v: &Bound<'_, PyAny>) -> String {
    v.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".into())
}

/// The `baocao` command line (the same program as the Rust binary): `argv` with
/// the program name first; returns the exit code. Signals stay Python's.
#[pyfunction]
fn cli(py: Python<'_>, argv: Vec<std::ffi::OsString>) -> PyResult<u8> {
    guarded(py, || Ok(py.allow_threads(|| baocao_cli::run(argv, false))))
}

/// The JSON Schema of the input, as a JSON string.
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
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("MAX_INPUT_BYTES", baocao_core::limits::MAX_INPUT_BYTES)?;
    Ok(())
}
