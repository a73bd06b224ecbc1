//! Markup read as bytes: the tags of a fragment, the end of a block, a start
//! tag written again without docx-rs's random ids. Conform copies what it leaves
//! alone through these, without parsing.

use super::is_random_id;

/// Where the block `name` whose start tag ends at `from` ends (after its end
/// tag), and whether another start tag of that name comes before its end.
/// Property blocks are short: their tags are stepped through one by one.
pub(super) fn block_end(bytes: &[u8], from: usize, name: &[u8]) -> Option<(usize, bool)> {
    let mut i = from;
    let mut nested = false;
    while let Some(found) = memchr::memchr(b'<', &bytes[i..]) {
        let at = i + found;
        let rest = &bytes[at + 1..];
        let (closing, rest) = match rest.strip_prefix(b"/") {
            Some(r) => (true, r),
            None => (false, rest),
        };
        if let Some(after) = rest.strip_prefix(name) {
            let after = trim_start(after);
            match after.first() {
                Some(b'>') if closing => return Some((bytes.len() - after.len() + 1, nested)),
                Some(b'>' | b'/') if !closing => nested = true,
                _ if !closing && rest.len() > name.len() && is_space(rest[name.len()]) => nested = true,
                _ => {}
            }
        }
        i = at + 1;
    }
    None
}

/// What a piece of markup is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TagKind {
    Start,
    Empty,
    End,
    /// A declaration, processing instruction, comment or CDATA section.
    Other,
}

/// A tag found by [`read_tag`].
#[derive(Debug)]
pub(super) struct Tag<'a> {
    pub kind: TagKind,
    /// The element's name (empty for `Other`).
    pub name: &'a [u8],
    /// Where the tag ends (just after its `>`).
    pub end: usize,
}

impl Tag<'_> {
    /// Whether a start or empty tag (`raw`, its bytes) has attributes.
    pub fn has_attributes(&self, raw: &[u8]) -> bool {
        raw[1 + self.name.len()..].iter().any(|b| !matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'/' | b'>'))
    }
}

pub(super) fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// `s` without XML white space at its start.
pub(super) fn trim_start(s: &[u8]) -> &[u8] {
    &s[s.iter().position(|&b| !is_space(b)).unwrap_or(s.len())..]
}

/// `s` without XML white space at its end.
pub(super) fn trim_end(s: &[u8]) -> &[u8] {
    &s[..s.iter().rposition(|&b| !is_space(b)).map_or(0, |i| i + 1)]
}

/// Reads the markup at `at` (a `<`) as bytes: its kind, name and end. Quoted
/// attribute values are skipped, so a `>` inside one does not end the tag.
pub(super) fn read_tag(bytes: &[u8], at: usize) -> Result<Tag<'_>, String> {
    let unclosed = || format!("XML error: markup at byte {at} is not closed");
    let rest = &bytes[at + 1..];
    let until =
        |pattern: &[u8]| memchr::memmem::find(rest, pattern).map(|i| at + 1 + i + pattern.len()).ok_or_else(unclosed);
    match rest.first() {
        Some(b'?') => return Ok(Tag { kind: TagKind::Other, name: b"", end: until(b"?>")? }),
        Some(b'!') if rest.starts_with(b"!--") => {
            return Ok(Tag { kind: TagKind::Other, name: b"", end: until(b"-->")? })
        }
        Some(b'!') if rest.starts_with(b"![CDATA[") => {
            return Ok(Tag { kind: TagKind::Other, name: b"", end: until(b"]]>")? })
        }
        Some(b'!') => return Ok(Tag { kind: TagKind::Other, name: b"", end: until(b">")? }),
        Some(b'/') => {
            let end = until(b">")?;
            let name = &bytes[at + 2..end - 1];
            let name = &name[..name.iter().position(|&b| is_space(b)).unwrap_or(name.len())];
            return Ok(Tag { kind: TagKind::End, name, end });
        }
        _ => {}
    }
    let name_len = rest.iter().position(|&b| is_space(b) || b == b'/' || b == b'>').ok_or_else(unclosed)?;
    let mut i = at + 1 + name_len;
    loop {
        let found = memchr::memchr3(b'"', b'\'', b'>', &bytes[i..]).ok_or_else(unclosed)?;
        let j = i + found;
        match bytes[j] {
            b'>' => {
                let kind = if bytes[j - 1] == b'/' { TagKind::Empty } else { TagKind::Start };
                return Ok(Tag { kind, name: &rest[..name_len], end: j + 1 });
            }
            quote => i = j + 1 + memchr::memchr(quote, &bytes[j + 1..]).ok_or_else(unclosed)? + 1,
        }
    }
}

/// Writes a start or empty tag (`raw`) without docx-rs's random paragraph ids,
/// each attribute as ` key="value"` with its value as it was.
pub(super) fn write_tag_without_ids(raw: &[u8], name: &[u8], close: bool, out: &mut Vec<u8>) -> Result<(), String> {
    let bad = || format!("XML error: a malformed attribute in <{}>", String::from_utf8_lossy(name));
    out.push(b'<');
    out.extend_from_slice(name);
    let mut rest = &raw[1 + name.len()..raw.len() - if close { 2 } else { 1 }];
    loop {
        rest = trim_start(rest);
        if rest.is_empty() {
            break;
        }
        let eq = memchr::memchr(b'=', rest).ok_or_else(bad)?;
        let key = trim_end(&rest[..eq]);
        let after = trim_start(&rest[eq + 1..]);
        let quote = *after.first().ok_or_else(bad)?;
        if quote != b'"' && quote != b'\'' {
            return Err(bad());
        }
        let len = memchr::memchr(quote, &after[1..]).ok_or_else(bad)?;
        let value = &after[1..1 + len];
        rest = &after[len + 2..];
        if !is_random_id(key) {
            out.push(b' ');
            out.extend_from_slice(key);
            out.extend_from_slice(b"=\"");
            out.extend_from_slice(value);
            out.push(b'"');
        }
    }
    out.extend_from_slice(if close { b"/>" } else { b">" });
    Ok(())
}
