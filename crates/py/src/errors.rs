//! The one place where Rust errors become Python exceptions.
//!
//! The exception classes are defined in Python (`baocao/_errors.py`) so that they
//! can inherit from two bases (`ValidationError` is a `BaocaoError` and a
//! `ValueError`) and carry typed attributes; this module looks them up and raises.

use std::io;
use std::path::Path;

use baocao_core::{ParseError, ValidationErrors};
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
pub fn input(py: Python<'_>, e: &ParseError) -> PyErr {
    raise(py, "InputError", (e.to_string(), e.path.clone(), e.line, e.column, e.message.clone()))
}

/// A Python value of the wrong type at a field: `baocao.FieldTypeError` (a `TypeError`).
pub fn field_type(py: Python<'_>, path: &str, message: String) -> PyErr {
    let shown = if path.is_empty() { message.clone() } else { format!("{path}: {message}") };
    raise(py, "FieldTypeError", (shown, path.to_string(), message))
}

/// Text that cannot be read at all (a lone surrogate in `from_text`):
/// `baocao.InputError` with the line and column.
pub fn unreadable_text(py: Python<'_>, at: Option<(usize, usize)>) -> PyErr {
    let message = "text that cannot be encoded (a lone surrogate, U+D800–U+DFFF): fix the text at its source";
    let (line, column) = at.map_or((None, None), |(l, c)| (Some(l), Some(c)));
    let shown = match at {
        Some((l, c)) => format!("line {l} column {c}: {message}"),
        None => message.to_string(),
    };
    raise(py, "InputError", (shown, None::<String>, line, column, message.to_string()))
}

/// A parse error from a dict: type mismatches become `FieldTypeError`, the rest `InputError`.
pub fn from_data(py: Python<'_>, e: &ParseError) -> PyErr {
    if e.message.starts_with("invalid type") {
        field_type(py, e.path.as_deref().unwrap_or(""), e.message.clone())
    } else {
        input(py, e)
    }
}

/// `baocao.ValidationError` (a `ValueError`) carrying every problem.
pub fn validation(py: Python<'_>, e: &ValidationErrors) -> PyErr {
    let problems: Vec<(String, &'static str, String)> =
        e.0.iter().map(|p| (p.path.clone(), p.code.as_str(), p.message.clone())).collect();
    raise(py, "ValidationError", (e.to_string(), problems))
}

/// An internal error (a bug, or a caught panic): `baocao.InternalError`.
pub fn internal(py: Python<'_>, message: String) -> PyErr {
    raise(py, "InternalError", (message,))
}

/// I/O errors as the matching `OSError` subclass (FileNotFoundError, PermissionError …).
pub fn io(path: &Path, e: &io::Error) -> PyErr {
    let filename = path.display().to_string();
    match e.raw_os_error() {
        Some(code) => PyOSError::new_err((code, e.to_string(), filename)),
        None => PyOSError::new_err(format!("{filename}: {e}")),
    }
}

/// Errors of the renderer.
pub fn render(py: Python<'_>, e: baocao_docx::Error) -> PyErr {
    match e {
        baocao_docx::Error::Invalid(v) => validation(py, &v),
        baocao_docx::Error::Exists(p) => {
            let filename = p.display().to_string();
            PyFileExistsError::new_err((17, "file exists (pass overwrite=True to replace it)".to_string(), filename))
        }
        baocao_docx::Error::Io { path, source } => io(&path, &source),
        baocao_docx::Error::Options(problems) => {
            let (field, message) = problems.first().cloned().unwrap_or_default();
            let text = baocao_docx::Error::Options(problems).to_string();
            raise(py, "InputError", (text, field, None::<usize>, None::<usize>, message))
        }
        baocao_docx::Error::Internal(m) => internal(py, m),
    }
}
