//! Python data ⇄ JSON values, keeping the field path for clear errors.
//!
//! Accepted: dict (str keys), list / tuple, str, int, float, bool, None,
//! `datetime.date` (as "YYYY-MM-DD"), a `datetime.datetime` at midnight (what
//! spreadsheet readers give for a date cell), `decimal.Decimal` (as a float).
//! Values from numpy and pandas are taken by protocol, without importing either:
//! an object with `__index__` is an integer, one with `__float__` a number,
//! anything with `to_pydatetime()` a date, anything else with `tolist()` (an
//! array, a Series) a list. A float that is a whole number is an
//! integer (spreadsheets give 2012.0 for a year). NaN, pandas' NaT and NA are a
//! missing value (null): absent or "-" where the report allows one, an error
//! naming the field where it does not.

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::{Map, Number, Value};

use baocao_core::{Lang, Message};

use crate::errors;

fn push_key(path: &mut String, key: &str) -> usize {
    let len = path.len();
    if !path.is_empty() {
        path.push('.');
    }
    path.push_str(key);
    len
}

fn push_index(path: &mut String, i: usize) -> usize {
    let len = path.len();
    path.push_str(&format!("[{i}]"));
    len
}

fn type_name(v: &Bound<'_, PyAny>) -> String {
    v.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".into())
}

fn string(py: Python<'_>, s: &Bound<'_, PyString>, path: &str, lang: Lang) -> PyResult<String> {
    s.to_str().map(str::to_string).map_err(|_| errors::field_type(py, path, &errors::surrogate(), lang))
}

/// Deepest nesting of dicts and lists accepted from Python; deeper data cannot be a
/// valid report, and converting it recursively could exhaust the stack.
const MAX_DEPTH: usize = 64;

/// Converts Python data to a JSON value; `path` is the current field path.
pub fn to_json(v: &Bound<'_, PyAny>, path: &mut String, lang: Lang) -> PyResult<Value> {
    to_json_at(v, path, 0, lang)
}

fn to_json_at(v: &Bound<'_, PyAny>, path: &mut String, depth: usize, lang: Lang) -> PyResult<Value> {
    let py = v.py();
    let bad = |path: &str, vi: String, en: String| errors::field_type(py, path, &Message::new(vi, en), lang);
    if depth > MAX_DEPTH {
        return Err(bad(
            path,
            format!("dữ liệu lồng nhau quá {MAX_DEPTH} cấp"),
            format!("data nested more than {MAX_DEPTH} levels deep"),
        ));
    }
    if v.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(s) = v.downcast::<PyString>() {
        return Ok(Value::String(string(py, s, path, lang)?));
    }
    if v.is_instance_of::<PyBool>() {
        return Ok(Value::Bool(v.extract()?));
    }
    if v.is_instance_of::<PyInt>() {
        if let Ok(i) = v.extract::<i64>() {
            return Ok(Value::from(i));
        }
        return Err(bad(path, "số nguyên quá lớn".into(), "integer too large".into()));
    }
    if v.is_instance_of::<PyFloat>() {
        return Ok(number(v.extract()?));
    }
    if let Ok(d) = v.downcast::<PyDict>() {
        let mut map = Map::with_capacity(d.len());
        for (k, val) in d.iter() {
            let Ok(key) = k.downcast::<PyString>() else {
                let t = type_name(&k);
                return Err(bad(
                    path,
                    format!("khóa của dict phải là str, đang là {t}"),
                    format!("dict keys must be str, got {t}"),
                ));
            };
            let key = string(py, key, path, lang)?;
            let len = push_key(path, &key);
            let value = to_json_at(&val, path, depth + 1, lang)?;
            path.truncate(len);
            map.insert(key, value);
        }
        return Ok(Value::Object(map));
    }
    if v.is_instance_of::<PyList>() || v.is_instance_of::<PyTuple>() {
        let mut out = Vec::new();
        for (i, item) in v.try_iter()?.enumerate() {
            let len = push_index(path, i);
            out.push(to_json_at(&item?, path, depth + 1, lang)?);
            path.truncate(len);
        }
        return Ok(Value::Array(out));
    }
    // numpy arrays, pandas Series (sized, with `tolist()`): their elements, as
    // Python values (a failure names the field).
    if v.hasattr("tolist")? && v.hasattr("__len__")? {
        let items = v.call_method0("tolist").map_err(|_| {
            let t = type_name(v);
            bad(path, format!("không đọc được các phần tử của {t}"), format!("the elements of a {t} cannot be read"))
        })?;
        return to_json_at(&items, path, depth + 1, lang);
    }
    if is_missing(v) {
        return Ok(Value::Null);
    }
    let datetime = py.import("datetime")?;
    // Date and Decimal subclasses run code of their own: whatever it raises or
    // returns, the error names the field.
    let not_a_date = |_| {
        let t = type_name(v);
        bad(path, format!("giá trị {t} không cho ra một ngày"), format!("a {t} that does not give a date"))
    };
    if v.is_instance(&datetime.getattr("datetime")?)? {
        let midnight =
            v.call_method0("time").and_then(|t| t.eq(datetime.getattr("time")?.call0()?)).map_err(not_a_date)?;
        if !midnight || !v.getattr("tzinfo").map_err(not_a_date)?.is_none() {
            return Err(bad(
                path,
                "cần một ngày, đang là ngày giờ có giờ trong ngày hoặc múi giờ".into(),
                "expected a date, got a datetime with a time of day or a time zone".into(),
            ));
        }
        let iso = v.call_method0("date").and_then(|d| d.call_method0("isoformat")).map_err(not_a_date)?;
        return Ok(Value::String(iso.extract::<String>().map_err(not_a_date)?));
    }
    if v.is_instance(&datetime.getattr("date")?)? {
        let iso = v.call_method0("isoformat").map_err(not_a_date)?;
        return Ok(Value::String(iso.extract::<String>().map_err(not_a_date)?));
    }
    if v.is_instance(&py.import("decimal")?.getattr("Decimal")?)? {
        let f: f64 = v.call_method0("__float__").and_then(|f| f.extract()).map_err(|_| {
            let r = v.repr().map_or("?".into(), |r| r.to_string());
            bad(
                path,
                format!("{r} không phải là một số (NaN báo hiệu?)"),
                format!("{r} is not a number (a signaling NaN?)"),
            )
        })?;
        return Ok(number(f));
    }
    // numpy and pandas, by protocol.
    if v.hasattr("to_pydatetime")? {
        let d = v.call_method0("to_pydatetime").map_err(not_a_date)?;
        return to_json_at(&d, path, depth + 1, lang);
    }
    if v.hasattr("__index__")? {
        let i = py.import("operator")?.call_method1("index", (v,))?;
        return to_json_at(&i, path, depth + 1, lang);
    }
    if v.hasattr("__float__")? {
        if let Ok(f) = v.call_method0("__float__").and_then(|f| f.extract::<f64>()) {
            return Ok(number(f));
        }
    }
    let t = type_name(v);
    Err(bad(
        path,
        format!(
            "giá trị kiểu {t} không dùng được trong báo cáo: dùng dict, list, str, int, float, None hoặc datetime.date"
        ),
        format!(
            "a value of type {t} cannot be part of a report: use dict, list, str, int, float, None or datetime.date"
        ),
    ))
}

/// A Python str as Rust text; a lone surrogate (U+D800–U+DFFF) cannot be: the
/// error names the field.
pub fn text(v: &Bound<'_, PyAny>, path: &str, lang: Lang) -> PyResult<String> {
    let py = v.py();
    match v.downcast::<PyString>() {
        Ok(s) => string(py, s, path, lang),
        Err(_) => {
            let t = type_name(v);
            let m = Message::new(format!("cần văn bản (str), đang là {t}"), format!("expected a str, got {t}"));
            Err(errors::field_type(py, path, &m, lang))
        }
    }
}

/// Where the first lone surrogate of a str is: 1-based line and column.
pub fn surrogate_position(s: &Bound<'_, PyString>) -> Option<(usize, usize)> {
    let bytes = s.call_method1("encode", ("utf-8", "surrogatepass")).ok()?;
    let bytes: &[u8] = bytes.extract().ok()?;
    // A surrogate encodes as ED A0..BF xx, which valid UTF-8 never contains.
    let at = bytes.windows(2).position(|w| w[0] == 0xED && w[1] >= 0xA0)?;
    let before = std::str::from_utf8(&bytes[..at]).ok()?;
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Some((line, column))
}

/// A float as JSON: a whole number as an integer (a year given as 2012.0), NaN
/// as null (a missing value), an infinity as the string the model reads as a
/// non-finite number, which validation reports by path.
fn number(f: f64) -> Value {
    if f.is_nan() {
        return Value::Null;
    }
    if f.fract() == 0.0 && f.abs() < 9.0e15 {
        return Value::from(f as i64);
    }
    Number::from_f64(f).map(Value::Number).unwrap_or_else(|| Value::String(format!("{f}")))
}

/// A missing value from a spreadsheet library: pandas' NaT and NA, or a number
/// type whose value is NaN (numpy's float64, Decimal('NaN')).
fn is_missing(v: &Bound<'_, PyAny>) -> bool {
    let name = type_name(v);
    if name == "NaTType" || name == "NAType" {
        return true;
    }
    v.hasattr("__float__").unwrap_or(false)
        && !v.hasattr("__index__").unwrap_or(false)
        && v.call_method0("__float__").and_then(|f| f.extract::<f64>()).is_ok_and(f64::is_nan)
}

/// Converts a JSON value to Python data. With `dates`, the top-level
/// `frame.date` becomes a `datetime.date` when it is a whole date; a date the
/// office completes by hand stays as written ("2022-02", or the year 2022).
pub fn from_json<'py>(py: Python<'py>, v: &Value, dates: bool) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => i.into_pyobject(py)?.into_any(),
            (None, Some(f)) => f.into_pyobject(py)?.into_any(),
            _ => py.None().into_bound(py),
        },
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(from_json(py, item, false)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, item) in map {
                let value = if dates && k == "frame" {
                    let frame = from_json(py, item, false)?;
                    if let Ok(d) = frame.downcast::<PyDict>() {
                        let whole = item.get("date").and_then(Value::as_str).is_some_and(|s| s.len() == 10);
                        if let Some(date) = d.get_item("date")?.filter(|_| whole) {
                            let parsed =
                                py.import("datetime")?.getattr("date")?.call_method1("fromisoformat", (date,))?;
                            d.set_item("date", parsed)?;
                        }
                    }
                    frame
                } else {
                    from_json(py, item, false)?
                };
                dict.set_item(k, value)?;
            }
            dict.into_any()
        }
    })
}
