//! The one place where Rust errors become Python exceptions.
//!
//! The exception classes are defined in Python (`baocao/_errors.py`) so that they
//! can inherit from two bases (`ValidationError` is a `BaocaoError` and a
//! `ValueError`) and carry typed attributes; this module looks them up and raises.
//! Every message is in the language the caller asked for (`lang="vi"` by default).

use std::io;
use std::path::Path;

use baocao_core::{InputErrorKind, Lang, Message, ParseError, ValidationErrors};
use pyo3::exceptions::{PyFileExistsError, PyOSError};
use pyo3::prelude::*;
use pyo3::types::PyTuple;

fn error_class<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("baocao._errors")?.getattr(name)
}

fn raise<'py>(py: Python<'py>, class: &str, args: impl IntoPyObject<'py, Target = PyTuple>) -> PyErr {
    match error_class(py, class).and_then(|c| c.call1(args)) {
        Ok(exc) => PyErr::from_value(exc),
        Err(e) => e,
    }
}

/// Input that could not be read: `baocao.InputError` (a `ValueError`).
pub fn input(py: Python<'_>, e: &ParseError, lang: Lang) -> PyErr {
    let reason = e.message(lang).to_string();
    raise(py, "InputError", (e.describe(lang), e.path.clone(), e.line, e.column, reason))
}

/// A Python value of the wrong type at a field: `baocao.FieldTypeError` (a `TypeError`).
pub fn field_type(py: Python<'_>, path: &str, message: &Message, lang: Lang) -> PyErr {
    let reason = message.get(lang).to_string();
    let shown = if path.is_empty() { reason.clone() } else { format!("{path}: {reason}") };
    raise(py, "FieldTypeError", (shown, path.to_string(), reason))
}

/// Text that cannot be read at all (a lone surrogate in `from_text`):
/// `baocao.InputError` with the line and column.
pub fn unreadable_text(py: Python<'_>, at: Option<(usize, usize)>, lang: Lang) -> PyErr {
    let message = surrogate().get(lang).to_string();
    let (line, column) = at.map_or((None, None), |(l, c)| (Some(l), Some(c)));
    let shown = match (at, lang) {
        (Some((l, c)), Lang::Vi) => format!("dòng {l} cột {c}: {message}"),
        (Some((l, c)), Lang::En) => format!("line {l} column {c}: {message}"),
        (None, _) => message.clone(),
    };
    raise(py, "InputError", (shown, None::<String>, line, column, message))
}

/// The message for a lone surrogate in text from Python.
pub fn surrogate() -> Message {
    Message::new(
        "văn bản có ký tự không mã hóa được (nửa cặp surrogate, U+D800–U+DFFF): hãy sửa văn bản ở nguồn",
        "text that cannot be encoded (a lone surrogate, U+D800–U+DFFF): fix the text at its source",
    )
}

/// A parse error from a dict: type mismatches become `FieldTypeError`, the rest `InputError`.
pub fn from_data(py: Python<'_>, e: &ParseError, lang: Lang) -> PyErr {
    if e.kind == InputErrorKind::WrongType {
        field_type(py, e.path.as_deref().unwrap_or(""), &e.text, lang)
    } else {
        input(py, e, lang)
    }
}

/// `baocao.ValidationError` (a `ValueError`) carrying every problem.
pub fn validation(py: Python<'_>, e: &ValidationErrors, lang: Lang) -> PyErr {
    let problems: Vec<(String, &'static str, String)> =
        e.0.iter().map(|p| (p.path.clone(), p.code.as_str(), p.message(lang).to_string())).collect();
    raise(py, "ValidationError", (e.lines(lang), problems))
}

/// An internal error (a bug, or a caught panic): `baocao.InternalError`.
pub fn internal(py: Python<'_>, message: String) -> PyErr {
    raise(py, "InternalError", (message,))
}

/// I/O errors as the matching `OSError` subclass (FileNotFoundError, PermissionError …),
/// with the reason in words (no "(os error 2)").
pub fn io(path: &Path, e: &io::Error, lang: Lang) -> PyErr {
    let filename = path.display().to_string();
    let reason = baocao_core::lang::io_error(e).get(lang).to_string();
    match e.raw_os_error() {
        Some(code) => PyOSError::new_err((code, reason, filename)),
        None => PyOSError::new_err(format!("{filename}: {reason}")),
    }
}

/// Errors of the renderer.
pub fn render(py: Python<'_>, e: baocao_docx::Error, lang: Lang) -> PyErr {
    match e {
        baocao_docx::Error::Invalid(v) => validation(py, &v, lang),
        baocao_docx::Error::Exists(p) => {
            let filename = p.display().to_string();
            let reason = lang
                .pick("tệp đã có (dùng overwrite=True để ghi đè)", "file exists (pass overwrite=True to replace it)");
            PyFileExistsError::new_err((17, reason.to_string(), filename))
        }
        e @ baocao_docx::Error::NotRegular(_) => {
            // EINVAL: an argument (the target) that cannot be used.
            let text = e.describe(lang);
            let baocao_docx::Error::NotRegular(p) = e else { return internal(py, text) };
            let filename = p.display().to_string();
            let reason = text.strip_prefix(&format!("{filename}: ")).unwrap_or(&text).to_string();
            PyOSError::new_err((22, reason, filename))
        }
        baocao_docx::Error::Io { path, source } => io(&path, &source, lang),
        baocao_docx::Error::Options(problems) => {
            let (field, message) = problems.first().cloned().unwrap_or_default();
            let reason = message.get(lang).to_string();
            let text = baocao_docx::Error::Options(problems).describe(lang);
            raise(py, "InputError", (text, field, None::<usize>, None::<usize>, reason))
        }
        baocao_docx::Error::Internal(m) => internal(py, m),
    }
}

/// A file that is not a readable .docx: `baocao.InputError`.
pub fn unreadable_docx(py: Python<'_>, e: &baocao_check::CheckError, lang: Lang) -> PyErr {
    let text = e.describe(lang);
    raise(py, "InputError", (text.clone(), None::<String>, None::<usize>, None::<usize>, text))
}

/// A PDF that could not be made: `baocao.PdfError`, its `kind` one of
/// `no_office`, `font_missing`, `timeout`, `failed`, `cancelled`, `io`.
pub fn pdf(py: Python<'_>, e: &baocao_pdf::PdfError, lang: Lang) -> PyErr {
    use baocao_pdf::PdfError as E;
    let kind = match e {
        E::NoOffice => "no_office",
        E::FontMissing { .. } => "font_missing",
        E::Timeout(_) => "timeout",
        E::Failed { .. } => "failed",
        E::Cancelled => "cancelled",
        E::Io(_) => "io",
    };
    raise(py, "PdfError", (e.describe(lang), kind))
}

/// A plain input problem with its message: `baocao.InputError`.
pub fn plain_input(py: Python<'_>, text: &str) -> PyErr {
    raise(py, "InputError", (text.to_string(), None::<String>, None::<usize>, None::<usize>, text.to_string()))
}
