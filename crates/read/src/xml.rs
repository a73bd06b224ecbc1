//! A bounded, streaming walk over an XML part: elements by local name (the
//! prefix dropped), attributes read on demand and unescaped, text with its
//! references resolved. Nesting deeper than [`MAX_DEPTH`] is an error; a
//! DOCTYPE (the way to entity tricks) is refused; undeclared entities are an
//! error, never expanded. UTF-16 parts (legal in OOXML) are read as UTF-8.
//! Errors are told in words (Vietnamese and English), with the byte where the
//! part goes wrong.

use std::borrow::Cow;
use std::io::{BufRead, BufReader, Read};

use baocao_core::Message;
use quick_xml::errors::{IllFormedError, SyntaxError};
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use crate::ReadError;

/// Deepest element nesting accepted (a report nests about 12 deep; tables in
/// tables add 4 a level).
pub const MAX_DEPTH: usize = 256;

/// An element as the walk meets it.
pub struct Element<'a> {
    /// Local name ("p" for `w:p`).
    pub name: &'a str,
    start: &'a BytesStart<'a>,
}

impl Element<'_> {
    /// An attribute's value by local name, unescaped; `None` when absent or
    /// malformed.
    pub fn attr(&self, local: &str) -> Option<Cow<'_, str>> {
        self.start.attributes().with_checks(false).flatten().find_map(|a| {
            (local_name(a.key.as_ref()) == local).then(|| a.normalized_value(XmlVersion::Implicit1_0).ok()).flatten()
        })
    }

    /// An attribute as an integer (a fractional value is cut, a huge one
    /// saturates); `None` when absent or not a number.
    pub fn number(&self, local: &str) -> Option<i64> {
        let v = self.attr(local)?;
        let v = v.trim();
        match v.parse::<i64>() {
            Ok(n) => Some(n),
            Err(_) => v.parse::<f64>().ok().filter(|f| f.is_finite()).map(|f| f as i64),
        }
    }

    /// A toggle property (`<w:b/>`, `<w:b w:val="0"/>`): on unless its value says off.
    pub fn on(&self) -> bool {
        !matches!(self.attr("val").as_deref(), Some("0" | "false" | "off" | "none"))
    }
}

/// One step of the walk.
pub enum Node<'a> {
    /// An element opens (`empty` when it also closes at once).
    Open(Element<'a>, bool),
    /// An element closes.
    Close(&'a str),
    /// Text inside an element.
    Text(&'a str),
}

fn local_name(name: &[u8]) -> &str {
    let name = match memchr::memchr(b':', name) {
        Some(i) => &name[i + 1..],
        None => name,
    };
    std::str::from_utf8(name).unwrap_or("")
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

/// A parser error in words.
fn words(e: &quick_xml::Error) -> Message {
    use quick_xml::Error as E;
    match e {
        E::Syntax(SyntaxError::UnclosedTag) => Message::new("một thẻ chưa đóng", "a tag is not closed"),
        E::Syntax(SyntaxError::UnclosedComment) => Message::new("một chú thích chưa đóng", "a comment is not closed"),
        E::Syntax(SyntaxError::UnclosedCData) => {
            Message::new("một khối CDATA chưa đóng", "a CDATA section is not closed")
        }
        E::Syntax(_) => Message::new("sai cú pháp XML", "not XML syntax"),
        E::IllFormed(IllFormedError::MismatchedEndTag { expected, found }) => Message::new(
            format!("thẻ đóng </{found}> không khớp thẻ mở <{expected}>"),
            format!("end tag </{found}> does not match <{expected}>"),
        ),
        E::IllFormed(IllFormedError::UnmatchedEndTag(t)) => {
            Message::new(format!("thẻ đóng </{t}> không có thẻ mở"), format!("end tag </{t}> without a start tag"))
        }
        E::IllFormed(_) => Message::new("XML không hợp lệ", "malformed XML"),
        E::InvalidAttr(_) => Message::new("một thuộc tính viết sai", "a malformed attribute"),
        E::Encoding(_) => Message::new("không phải văn bản UTF-8", "not UTF-8 text"),
        E::Escape(_) => Message::new("một tham chiếu ký tự không hợp lệ", "an invalid character reference"),
        E::Namespace(_) => Message::new("không gian tên XML sai", "a wrong XML namespace"),
        E::Io(_) => Message::new("đọc không hết phần này", "the part could not be read"),
    }
}

fn bad(part: &str, at: u64, what: Message) -> ReadError {
    let message = Message::new(format!("{} (byte {at})", what.vi), format!("{} (byte {at})", what.en));
    ReadError::Xml { part: part.to_string(), message }
}

/// The part's bytes as UTF-8: a UTF-16 part (with its byte-order mark) is
/// transcoded; any other is streamed as it is.
fn utf8<'r>(mut source: impl Read + 'r, part: &str) -> Result<Box<dyn BufRead + 'r>, ReadError> {
    let mut head = [0u8; 2];
    let mut got = 0;
    while got < 2 {
        match source.read(&mut head[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(_) => return Err(ReadError::Unreadable { part: part.to_string() }),
        }
    }
    let big = match &head[..got] {
        [0xFF, 0xFE] => false,
        [0xFE, 0xFF] => true,
        _ => {
            return Ok(Box::new(BufReader::with_capacity(
                64 * 1024,
                std::io::Cursor::new(head[..got].to_vec()).chain(source),
            )))
        }
    };
    let mut bytes = Vec::new();
    source.read_to_end(&mut bytes).map_err(|_| ReadError::Unreadable { part: part.to_string() })?;
    let units = bytes.chunks_exact(2).map(|c| {
        if big {
            u16::from_be_bytes([c[0], c[1]])
        } else {
            u16::from_le_bytes([c[0], c[1]])
        }
    });
    let text: String = char::decode_utf16(units).map(|c| c.unwrap_or('\u{fffd}')).collect();
    // The declaration still says UTF-16: the parser reads the text as UTF-8.
    let text = text.replacen("encoding=\"UTF-16\"", "encoding=\"UTF-8\"", 1).replacen(
        "encoding='UTF-16'",
        "encoding='UTF-8'",
        1,
    );
    Ok(Box::new(std::io::Cursor::new(text.into_bytes())))
}

/// Walks an XML part read from `source`, calling `f` for every node. `f` may
/// stop the walk with an error (a limit reached).
pub fn walk(
    source: impl Read,
    part: &str,
    mut f: impl FnMut(Node<'_>) -> Result<(), ReadError>,
) -> Result<(), ReadError> {
    let mut reader = Reader::from_reader(utf8(source, part)?);
    reader.config_mut().check_end_names = true;
    let mut buf = Vec::with_capacity(4096);
    let mut depth = 0usize;
    let mut text = String::new();
    let mut root = false;
    loop {
        let event = match reader.read_event_into(&mut buf) {
            Ok(e) => e,
            Err(quick_xml::Error::Io(_)) => return Err(ReadError::Unreadable { part: part.to_string() }),
            Err(e) => return Err(bad(part, reader.error_position(), words(&e))),
        };
        match event {
            Event::Start(e) => {
                depth += 1;
                root = true;
                if depth > MAX_DEPTH {
                    return Err(ReadError::TooDeep { part: part.to_string() });
                }
                let qname = e.name();
                f(Node::Open(Element { name: local_name(qname.as_ref()), start: &e }, false))?;
            }
            Event::Empty(e) => {
                root = true;
                let qname = e.name();
                let name = local_name(qname.as_ref());
                f(Node::Open(Element { name, start: &e }, true))?;
                f(Node::Close(name))?;
            }
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                f(Node::Close(local_name(e.name().as_ref())))?;
            }
            Event::Text(t) => {
                let decoded = t.decode().map_err(|_| {
                    bad(part, reader.buffer_position(), Message::new("không phải văn bản UTF-8", "not UTF-8 text"))
                })?;
                if depth == 0 && !decoded.trim().is_empty() {
                    return Err(bad(
                        part,
                        reader.buffer_position(),
                        Message::new("có chữ ngoài phần tử gốc", "text outside the root element"),
                    ));
                }
                f(Node::Text(&decoded))?;
            }
            Event::CData(t) => {
                text.clear();
                text.push_str(&String::from_utf8_lossy(&t));
                f(Node::Text(&text))?;
            }
            Event::GeneralRef(r) => {
                let name = r.decode().map_err(|_| {
                    bad(part, reader.buffer_position(), Message::new("không phải văn bản UTF-8", "not UTF-8 text"))
                })?;
                let c = reference(&name).ok_or_else(|| {
                    bad(
                        part,
                        reader.buffer_position(),
                        Message::new(
                            format!("thực thể không khai báo &{name};"),
                            format!("an undeclared entity &{name};"),
                        ),
                    )
                })?;
                f(Node::Text(c.encode_utf8(&mut [0; 4])))?;
            }
            Event::DocType(_) => {
                return Err(bad(
                    part,
                    reader.buffer_position(),
                    Message::new(
                        "có khai báo DOCTYPE (không được dùng trong Office Open XML)",
                        "a DOCTYPE declaration (not allowed in Office Open XML)",
                    ),
                ))
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if depth != 0 {
        return Err(bad(
            part,
            reader.buffer_position(),
            Message::new("XML kết thúc khi các phần tử chưa đóng", "the XML ends before its elements close"),
        ));
    }
    if !root {
        return Err(bad(part, reader.buffer_position(), Message::new("không có phần tử XML nào", "no XML element")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(xml: &[u8]) -> Result<Vec<String>, ReadError> {
        let mut out = Vec::new();
        walk(xml, "p.xml", |n| {
            match n {
                Node::Open(e, _) => out.push(e.name.to_string()),
                Node::Text(t) => out.push(format!("'{t}'")),
                Node::Close(_) => {}
            }
            Ok(())
        })?;
        Ok(out)
    }

    #[test]
    fn elements_text_and_references() {
        assert_eq!(
            names(b"<w:p><w:t>a &amp; &#x1ED3;</w:t></w:p>").expect("ok"),
            ["p", "t", "'a '", "'&'", "' '", "'ồ'"]
        );
        // UTF-16 with its byte-order mark.
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(
            "<?xml version=\"1.0\" encoding=\"UTF-16\"?><w:p><w:t>Đảng</w:t></w:p>"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        );
        assert_eq!(names(&utf16).expect("utf-16"), ["p", "t", "'Đảng'"]);
    }

    #[test]
    fn errors_in_words() {
        let e = names(b"<a><b></a>").expect_err("mismatched");
        assert_eq!(
            e.describe(baocao_core::Lang::En),
            "the XML of part p.xml does not parse: end tag </a> does not match <b> (byte 6)"
        );
        assert!(matches!(names(b"not xml at all"), Err(ReadError::Xml { .. })));
        assert!(matches!(names(b"<!DOCTYPE x><a/>"), Err(ReadError::Xml { .. })));
        assert!(matches!(names(b"<a>&foo;</a>"), Err(ReadError::Xml { .. })));
        let deep = "<a>".repeat(300) + &"</a>".repeat(300);
        assert!(matches!(names(deep.as_bytes()), Err(ReadError::TooDeep { .. })));
    }
}
