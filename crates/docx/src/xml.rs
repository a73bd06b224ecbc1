//! A small XML tree for the parts that are read and written whole (styles,
//! relationships, content types) and for the blocks conform fixes: names,
//! attributes and text borrow from the part and stay exactly as docx-rs escaped
//! them (nothing is unescaped and re-escaped); only what is added is owned.

use std::borrow::Cow;

use quick_xml::events::Event;
use quick_xml::Reader;

/// An XML node: element or raw (still escaped) text, borrowed from the part.
#[derive(Debug, Clone)]
pub(crate) enum Node<'a> {
    Element(Element<'a>),
    Text(Cow<'a, str>),
}

/// An element with its raw attributes. Names, attributes and text borrow from the
/// part being conformed; only what conform adds is owned.
#[derive(Debug, Clone)]
pub(crate) struct Element<'a> {
    pub name: Cow<'a, str>,
    pub attrs: Vec<(Cow<'a, str>, Cow<'a, str>)>,
    pub children: Vec<Node<'a>>,
}

impl<'a> Element<'a> {
    pub fn new(name: &'static str) -> Self {
        Element { name: Cow::Borrowed(name), attrs: Vec::new(), children: Vec::new() }
    }

    pub fn attr(mut self, k: &'static str, v: impl Into<Cow<'a, str>>) -> Self {
        self.attrs.push((Cow::Borrowed(k), v.into()));
        self
    }

    pub fn elements(&self) -> impl Iterator<Item = &Element<'a>> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    pub fn elements_mut(&mut self) -> impl Iterator<Item = &mut Element<'a>> {
        self.children.iter_mut().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    pub fn child_mut(&mut self, name: &str) -> Option<&mut Element<'a>> {
        self.elements_mut().find(|e| e.name == name)
    }

    pub fn get_attr(&self, k: &str) -> Option<&str> {
        self.attrs.iter().find(|(a, _)| a == k).map(|(_, v)| v.as_ref())
    }
}

/// The text of a part, validated as UTF-8 once, so that the tree can borrow slices
/// of it instead of copying every name and value.
#[derive(Clone, Copy)]
pub(crate) struct Source<'a> {
    pub text: &'a str,
}

impl<'a> Source<'a> {
    pub fn new(bytes: &'a [u8]) -> Result<Self, String> {
        std::str::from_utf8(bytes).map(|text| Source { text }).map_err(|e| format!("not UTF-8: {e}"))
    }

    /// `part` (bytes that quick-xml handed out from this text) as a borrowed slice.
    pub fn slice(&self, part: &[u8]) -> Result<Cow<'a, str>, String> {
        let start = (part.as_ptr() as usize).wrapping_sub(self.text.as_ptr() as usize);
        match self.text.get(start..start.wrapping_add(part.len())) {
            Some(s) if start <= self.text.len() => Ok(Cow::Borrowed(s)),
            // Not a slice of the source (never for a slice reader): copy it.
            _ => String::from_utf8(part.to_vec()).map(Cow::Owned).map_err(|e| e.to_string()),
        }
    }

    pub fn reader(&self) -> Reader<&'a [u8]> {
        let mut r = Reader::from_reader(self.text.as_bytes());
        // The document is fed in fragments: a table's rows come after the
        // fragment that opened it, and its end tag in a fragment of its own.
        r.config_mut().check_end_names = false;
        r.config_mut().allow_unmatched_ends = true;
        r
    }
}

/// A parsed XML part (its root element).
pub(crate) struct XmlPart<'a> {
    pub root: Element<'a>,
}

/// Parses a small part (relationships, content types) into a tree. docx-rs's
/// output is well-formed; an error here is a bug.
pub(crate) fn parse(bytes: &[u8]) -> Result<XmlPart<'_>, String> {
    let src = Source::new(bytes)?;
    let mut reader = src.reader();
    loop {
        match reader.read_event().map_err(|e| format!("XML error at byte {}: {e}", reader.buffer_position()))? {
            Event::Start(e) => {
                let mut root = start_element(src, &e)?;
                read_children(src, &mut reader, &mut root)?;
                return Ok(XmlPart { root });
            }
            Event::Empty(e) => return Ok(XmlPart { root: start_element(src, &e)? }),
            Event::Eof => return Err("no root element".into()),
            _ => {}
        }
    }
}

/// Escapes text for element content and attribute values.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

impl XmlPart<'_> {
    /// Serialises with an XML declaration.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(4096);
        out.extend_from_slice(b"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n");
        write_element(&self.root, &mut out);
        out
    }
}

/// Writes an element and its children.
pub(crate) fn write_element(e: &Element<'_>, out: &mut Vec<u8>) {
    out.push(b'<');
    out.extend_from_slice(e.name.as_bytes());
    for (k, v) in &e.attrs {
        out.push(b' ');
        out.extend_from_slice(k.as_bytes());
        out.extend_from_slice(b"=\"");
        out.extend_from_slice(v.as_bytes());
        out.push(b'"');
    }
    if e.children.is_empty() {
        out.extend_from_slice(b"/>");
        return;
    }
    out.push(b'>');
    for c in &e.children {
        match c {
            Node::Element(el) => write_element(el, out),
            Node::Text(t) => out.extend_from_slice(t.as_bytes()),
        }
    }
    out.extend_from_slice(b"</");
    out.extend_from_slice(e.name.as_bytes());
    out.push(b'>');
}

/// An element (no children yet) from a start or empty tag, attributes kept raw.
pub(crate) fn start_element<'a>(src: Source<'a>, e: &quick_xml::events::BytesStart<'_>) -> Result<Element<'a>, String> {
    let mut el = Element { name: src.slice(e.name().as_ref())?, attrs: Vec::new(), children: Vec::new() };
    for a in e.attributes().with_checks(false) {
        let a = a.map_err(|e| e.to_string())?;
        el.attrs.push((src.slice(a.key.as_ref())?, src.slice(&a.value)?));
    }
    Ok(el)
}

/// Reads the children of `el` up to its end tag.
pub(crate) fn read_children<'a>(
    src: Source<'a>,
    reader: &mut Reader<&'a [u8]>,
    el: &mut Element<'a>,
) -> Result<(), String> {
    let mut stack: Vec<Element<'a>> = Vec::new();
    loop {
        let ev = reader.read_event().map_err(|e| format!("XML error at byte {}: {e}", reader.buffer_position()))?;
        let top = stack.last_mut().unwrap_or(&mut *el);
        match ev {
            Event::Start(e) => stack.push(start_element(src, &e)?),
            Event::Empty(e) => top.children.push(Node::Element(start_element(src, &e)?)),
            Event::End(_) => match stack.pop() {
                Some(done) => stack.last_mut().unwrap_or(&mut *el).children.push(Node::Element(done)),
                None => return Ok(()),
            },
            Event::Text(t) => push_raw_text(top, src.slice(&t)?),
            Event::GeneralRef(r) => push_raw_text(top, Cow::Owned(format!("&{};", src.slice(&r)?))),
            Event::CData(t) => push_raw_text(top, Cow::Owned(escape(&src.slice(&t)?))),
            Event::Eof => return Err(format!("unclosed <{}>", el.name)),
            _ => {}
        }
    }
}

fn push_raw_text<'a>(el: &mut Element<'a>, text: Cow<'a, str>) {
    if let Some(Node::Text(prev)) = el.children.last_mut() {
        prev.to_mut().push_str(&text);
    } else {
        el.children.push(Node::Text(text));
    }
}

/// Appends an element to the root of a small part and writes it again.
pub(crate) fn append_to_root(bytes: &[u8], element: Element<'_>) -> Result<Vec<u8>, String> {
    let mut part = parse(bytes)?;
    part.root.children.push(Node::Element(element));
    Ok(part.to_bytes())
}
