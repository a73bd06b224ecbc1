//! A small, bounded walk over an XML part: elements by local name (the `w:`
//! prefix dropped), attributes unescaped, text with its references resolved.
//! Nesting deeper than [`MAX_DEPTH`] is an error; a DOCTYPE (the way to entity
//! tricks) is refused; undeclared entities are an error, never expanded.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use quick_xml::XmlVersion;

use crate::CheckError;

/// Deepest element nesting accepted (a report nests about 12 deep; tables in
/// tables add 4 a level).
pub const MAX_DEPTH: usize = 256;

/// One step of the walk.
pub enum Node<'a> {
    /// An element opens (`empty` when it also closes at once).
    Open { name: &'a str, attrs: Vec<(String, String)>, empty: bool },
    /// An element closes.
    Close { name: &'a str },
    /// Text inside an element.
    Text(&'a str),
}

fn local(name: &[u8]) -> &str {
    let name = match name.iter().position(|&b| b == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    };
    std::str::from_utf8(name).unwrap_or("")
}

fn bad(part: &str, what: impl std::fmt::Display) -> CheckError {
    CheckError::Xml { part: part.to_string(), message: what.to_string() }
}

fn attrs(e: &BytesStart<'_>, part: &str) -> Result<Vec<(String, String)>, CheckError> {
    let mut out = Vec::new();
    for a in e.attributes().with_checks(false) {
        let a = a.map_err(|e| bad(part, e))?;
        let key = local(a.key.as_ref()).to_string();
        let value = a.normalized_value(XmlVersion::Implicit1_0).map_err(|e| bad(part, e))?.into_owned();
        out.push((key, value));
    }
    Ok(out)
}

/// A character or predefined entity reference as text.
fn reference(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let code = match name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => name.strip_prefix('#')?.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

/// Walks `xml`, calling `f` for every node.
pub fn walk(xml: &[u8], part: &str, mut f: impl FnMut(Node<'_>) -> Result<(), CheckError>) -> Result<(), CheckError> {
    let mut reader = Reader::from_reader(xml);
    reader.config_mut().check_end_names = true;
    let mut buf = Vec::new();
    let mut depth = 0usize;
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| bad(part, e))?;
        match event {
            Event::Start(e) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(CheckError::TooDeep { part: part.to_string() });
                }
                let attrs = attrs(&e, part)?;
                f(Node::Open { name: local(e.name().as_ref()), attrs, empty: false })?;
            }
            Event::Empty(e) => {
                let attrs = attrs(&e, part)?;
                let qname = e.name();
                let name = local(qname.as_ref());
                f(Node::Open { name, attrs, empty: true })?;
                f(Node::Close { name })?;
            }
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                f(Node::Close { name: local(e.name().as_ref()) })?;
            }
            Event::Text(t) => {
                let text = t.decode().map_err(|e| bad(part, e))?;
                f(Node::Text(&text))?;
            }
            Event::CData(t) => {
                let text = String::from_utf8_lossy(&t);
                f(Node::Text(&text))?;
            }
            Event::GeneralRef(r) => {
                let name = r.decode().map_err(|e| bad(part, e))?;
                let c = reference(&name).ok_or_else(|| bad(part, format!("unknown entity &{name};")))?;
                f(Node::Text(c.encode_utf8(&mut [0; 4])))?;
            }
            Event::DocType(_) => return Err(bad(part, "a DOCTYPE declaration (not allowed in Office Open XML)")),
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if depth != 0 {
        return Err(bad(part, "the XML ends before its elements close"));
    }
    Ok(())
}
