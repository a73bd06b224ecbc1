//! The hostile-input corpus (tests/hostile/cases.json): each case renders the
//! expected text, or fails with exactly the expected problems or input error.

mod support;

use std::io::Read;

use baocao_core::{parse, problems, to_value, write, Context, Format, Lang};
use quick_xml::events::Event;
use serde_json::{json, Value};

const CASES: &str = include_str!("../../../tests/hostile/cases.json");

/// Expands the generators of the manifest (`$repeat`, `$repeat_list`, `$nest_points`, `$recipients`).
fn expand(v: &Value) -> Value {
    match v {
        Value::Object(m) if m.len() == 1 => {
            let (k, arg) = m.iter().next().expect("one entry");
            match k.as_str() {
                "$repeat" => json!(arg[0].as_str().expect("str").repeat(arg[1].as_u64().expect("n") as usize)),
                "$repeat_list" => Value::Array(vec![expand(&arg[0]); arg[1].as_u64().expect("n") as usize]),
                "$nest_points" => {
                    let n = arg.as_u64().expect("n");
                    let mut block = json!("Nội dung ở mức sâu nhất.");
                    for level in (1..=n).rev() {
                        block = json!({"points": [{"heading": format!("mức {level}"), "paragraphs": [block]}]});
                    }
                    block
                }
                "$recipients" => {
                    let n = arg.as_u64().expect("n");
                    let mut list: Vec<Value> = (0..n).map(|i| json!(format!("Đơn vị {i}"))).collect();
                    list.push(json!("Lưu Văn phòng Huyện ủy"));
                    Value::Array(list)
                }
                _ => Value::Object(m.iter().map(|(k, v)| (k.clone(), expand(v))).collect()),
            }
        }
        Value::Object(m) => Value::Object(m.iter().map(|(k, v)| (k.clone(), expand(v))).collect()),
        Value::Array(a) => Value::Array(a.iter().map(expand).collect()),
        other => other.clone(),
    }
}

/// Sets (or with `None` deletes) the value at a JSON pointer; the parent must exist.
fn patch(root: &mut Value, pointer: &str, value: Option<Value>) {
    let (parent, last) = pointer.rsplit_once('/').expect("a pointer");
    let parent = root.pointer_mut(parent).unwrap_or_else(|| panic!("no parent for {pointer}"));
    match (parent, value) {
        (Value::Object(m), Some(v)) => {
            m.insert(last.to_string(), v);
        }
        (Value::Object(m), None) => {
            m.remove(last);
        }
        (Value::Array(a), Some(v)) => a[last.parse::<usize>().expect("index")] = v,
        (Value::Array(a), None) => {
            a.remove(last.parse::<usize>().expect("index"));
        }
        _ => panic!("cannot patch {pointer}"),
    }
}

/// The text of every paragraph of document.xml: breaks as "\n", tabs as "\t",
/// entities resolved.
fn paragraph_texts(docx: &[u8]) -> Vec<String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml").expect("document").read_to_string(&mut xml).expect("utf-8");
    let mut reader = quick_xml::Reader::from_str(&xml);
    let (mut out, mut cur, mut in_text) = (Vec::new(), String::new(), false);
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) if e.name().as_ref() == b"w:p" => cur.clear(),
            Event::Start(e) if e.name().as_ref() == b"w:t" => in_text = true,
            Event::End(e) if e.name().as_ref() == b"w:t" => in_text = false,
            Event::End(e) if e.name().as_ref() == b"w:p" => out.push(std::mem::take(&mut cur)),
            Event::Empty(e) if e.name().as_ref() == b"w:br" => cur.push('\n'),
            Event::Empty(e) if e.name().as_ref() == b"w:tab" => cur.push('\t'),
            Event::Text(t) if in_text => cur.push_str(&t.decode().expect("text")),
            Event::GeneralRef(r) if in_text => {
                let name = r.decode().expect("ref");
                match name.as_ref() {
                    "amp" => cur.push('&'),
                    "lt" => cur.push('<'),
                    "gt" => cur.push('>'),
                    "quot" => cur.push('"'),
                    "apos" => cur.push('\''),
                    other => {
                        let code = other
                            .strip_prefix("#x")
                            .map(|h| u32::from_str_radix(h, 16))
                            .or_else(|| other.strip_prefix('#').map(|d| d.parse::<u32>()))
                            .expect("a character reference")
                            .expect("a number");
                        cur.push(char::from_u32(code).expect("a character"));
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

fn run(case: &Value, example: &Value) -> Result<(), String> {
    let expect = &case["expect"];
    let parsed = if let Some(raw) = case.get("raw") {
        let format = Format::from_name(raw["format"].as_str().expect("format")).expect("a format");
        let text = match (raw.get("text"), raw.get("insert_after_brace")) {
            (Some(t), _) => t.as_str().expect("text").to_string(),
            (None, Some(insert)) => format!("{{{}{}", insert.as_str().expect("str"), &example.to_string()[1..]),
            (None, None) => {
                let base = parse(&example.to_string(), Format::Json).expect("example");
                format!("{}{}", raw["prefix"].as_str().unwrap_or(""), write(&base, format).expect("write"))
            }
        };
        parse(&text, format)
    } else {
        let mut input = example.clone();
        if let Some(set) = case.get("set").and_then(Value::as_object) {
            for (pointer, value) in set {
                patch(&mut input, pointer, Some(expand(value)));
            }
        }
        for pointer in case.get("delete").and_then(Value::as_array).into_iter().flatten() {
            patch(&mut input, pointer.as_str().expect("pointer"), None);
        }
        match case.get("format").and_then(Value::as_str) {
            // Serialise the patched input as YAML through a report-free path: YAML
            // text of the JSON value, so that even unparseable input can be written.
            Some("yaml") => parse(&serde_yaml_ng::to_string(&input).expect("yaml"), Format::Yaml),
            _ => parse(&input.to_string(), Format::Json),
        }
    };

    if let Some(want) = expect.get("input_error") {
        let err = match parsed {
            Ok(_) => return Err("parsed, but an input error was expected".into()),
            Err(e) => e,
        };
        match want.get("path_prefix").and_then(Value::as_str) {
            Some(prefix) if err.path.as_deref().is_some_and(|p| p.starts_with(prefix)) => {}
            Some(prefix) => return Err(format!("input error at {:?}, expected under {prefix:?}", err.path)),
            None if err.path.as_deref() == want["path"].as_str() => {}
            None => return Err(format!("input error at {:?}, expected {}: {err}", err.path, want["path"])),
        }
        let contains = want["contains"].as_str().expect("contains");
        if !err.message(Lang::En).contains(contains) {
            return Err(format!("input error message {:?} lacks {contains:?}", err.message(Lang::En)));
        }
        return readable(&err.describe(Lang::Vi), &err.describe(Lang::En));
    }
    let report = parsed.map_err(|e| format!("did not parse: {e}"))?;
    let all = problems(&report, &Context::default());
    for p in &all {
        readable(&p.line(Lang::Vi), &p.line(Lang::En))?;
    }
    let found: Vec<Value> = all.into_iter().map(|p| json!([p.code.as_str(), p.path])).collect();
    if let Some(want) = expect.get("problems") {
        if found != *want.as_array().expect("list") {
            return Err(format!("problems {found:?}, expected {want}"));
        }
        return Ok(());
    }
    if !found.is_empty() {
        return Err(format!("unexpected problems {found:?}"));
    }
    let docx = baocao_docx::render(&report, &Default::default()).map_err(|e| format!("did not render: {e}"))?;
    let texts = paragraph_texts(&docx);
    for want in expect.get("renders").and_then(Value::as_array).into_iter().flatten() {
        let want = expand(want);
        let want = want.as_str().expect("text");
        if !texts.iter().any(|t| t.contains(want)) {
            let shown: String = want.chars().take(80).collect();
            return Err(format!("no paragraph contains {shown:?}"));
        }
    }
    for gone in expect.get("absent").and_then(Value::as_array).into_iter().flatten() {
        let gone = gone.as_str().expect("text");
        if let Some(t) = texts.iter().find(|t| t.contains(gone)) {
            return Err(format!("a paragraph contains {gone:?}: {t:?}"));
        }
    }
    if let Some(count) = expect.get("count") {
        let (text, n) = (count[0].as_str().expect("text"), count[1].as_u64().expect("n") as usize);
        let got = texts.iter().filter(|t| t.as_str() == text).count();
        if got != n {
            return Err(format!("{got} paragraphs of {text:?}, expected {n}"));
        }
    }
    Ok(())
}

/// Words of Rust, serde and the bindings that a message must never show a clerk.
pub const TYPE_NAMES: &[&str] = &[
    "i8",
    "i16",
    "i32",
    "i64",
    "i128",
    "isize",
    "u8",
    "u16",
    "u32",
    "u64",
    "u128",
    "usize",
    "f32",
    "f64",
    "struct",
    "enum",
    "Option",
    "Vec",
    "String",
    "&str",
    "newtype",
    "unit value",
    "sequence",
    "serde",
    "os error",
    "PyDate",
    "PyAny",
    "PyString",
    "Bound",
    "identifier",
    "borrowed",
    "NaiveDate",
    "invalid type:",
    "json at",
];

/// A type name in a message, as a whole word (so "u8" is not found in "mu8").
fn type_name_in(message: &str) -> Option<&'static str> {
    TYPE_NAMES.iter().copied().find(|name| {
        message.match_indices(name).any(|(i, _)| {
            let before = message[..i].chars().next_back();
            let after = message[i + name.len()..].chars().next();
            let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
            !word(before) && !word(after)
        })
    })
}

/// Both texts of a message are free of type names, and the Vietnamese one is
/// Vietnamese (has a letter of the Vietnamese alphabet beyond ASCII).
fn readable(vi: &str, en: &str) -> Result<(), String> {
    for m in [vi, en] {
        if let Some(name) = type_name_in(m) {
            return Err(format!("message {m:?} shows the type name {name:?}"));
        }
    }
    let vietnamese = |c: char| {
        "ăâđêôơưĂÂĐÊÔƠƯ".contains(c)
            || ('\u{1EA0}'..='\u{1EF9}').contains(&c)
            || "àáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ".contains(c)
    };
    if !vi.chars().any(vietnamese) {
        return Err(format!("the Vietnamese message {vi:?} is not Vietnamese"));
    }
    Ok(())
}

#[test]
fn type_names_are_found_as_words() {
    assert_eq!(type_name_in("expected i64"), Some("i64"));
    assert_eq!(type_name_in("struct Frame"), Some("struct"));
    assert_eq!(type_name_in("mu8 và 2u8x"), None);
    assert!(readable("cần một số nguyên", "expected a whole number").is_ok());
    assert!(readable("expected a whole number", "expected a whole number").is_err());
}

#[test]
fn hostile_corpus() {
    let cases: Vec<Value> = serde_json::from_str(CASES).expect("cases.json");
    let example = to_value(&support::example()).expect("example as JSON");
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|c| run(c, &example).err().map(|e| format!("{}: {e}", c["name"].as_str().unwrap_or("?"))))
        .collect();
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), cases.len(), failures.join("\n"));
}
