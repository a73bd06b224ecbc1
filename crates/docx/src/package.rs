//! Packaging: the conformed XML parts into a deterministic, deflated .docx (ZIP),
//! and the package-level parts written anew (relationships without the parts
//! this document does not use, content types, settings, core properties).
//!
//! Only parts reachable from the package relationships are written, in a fixed
//! order, with a fixed timestamp (1980-01-01 00:00) and no extra fields, so the same
//! parts always give the same bytes.
//!
//! The ZIP framing is written here rather than with the zip crate: the archive is
//! small and in memory; the parts that depend only on the options are deflated
//! once per renderer, and the document part is deflated as it is written, one body
//! element at a time. The format written is the plain subset every reader
//! accepts: no ZIP64, no data descriptors, UTF-8 names.

use std::collections::BTreeMap;

use flate2::{Compress, Compression, FlushCompress, Status};

use crate::xml::{self, append_to_root, escape, Element, Node};

/// Deflate level of every part, chosen on measured size versus time
/// (BENCHMARKS.md): level 1 deflates the example in a sixth of level 6's time for
/// 23 KB instead of 17 KB.
pub const DEFLATE_LEVEL: u32 = 1;

/// Targets of a relationships part, resolved against the folder of its source.
fn rel_targets(rels: &[u8], base: &str) -> Result<Vec<String>, String> {
    let part = xml::parse(rels)?;
    Ok(part
        .root
        .children
        .iter()
        .filter_map(|n| match n {
            Node::Element(e) if e.name == "Relationship" => Some(e),
            _ => None,
        })
        .filter(|e: &&Element<'_>| e.get_attr("TargetMode") != Some("External"))
        .filter_map(|e| e.get_attr("Target").map(str::to_string))
        .map(|t| if let Some(abs) = t.strip_prefix('/') { abs.to_string() } else { format!("{base}{t}") })
        .collect())
}

/// The relationships part of a part ("word/document.xml" → "word/_rels/document.xml.rels").
fn rels_of(path: &str) -> String {
    match path.rsplit_once('/') {
        Some((dir, file)) => format!("{dir}/_rels/{file}.rels"),
        None => format!("_rels/{path}.rels"),
    }
}

fn folder(path: &str) -> String {
    path.rsplit_once('/').map_or(String::new(), |(d, _)| format!("{d}/"))
}

/// The parts reachable from the package relationships (walked from the root),
/// and the content types part rewritten to list only those. `parts` maps part
/// names (no leading slash) to their bytes and must hold "[Content_Types].xml"
/// and "_rels/.rels".
pub(crate) fn reachable(parts: &BTreeMap<String, Vec<u8>>) -> Result<(Vec<String>, Vec<u8>), String> {
    let mut keep: Vec<String> = vec!["[Content_Types].xml".into(), "_rels/.rels".into()];
    let mut queue: Vec<(String, String)> = vec![("_rels/.rels".into(), String::new())];
    while let Some((rels, base)) = queue.pop() {
        let Some(bytes) = parts.get(&rels) else { continue };
        for target in rel_targets(bytes, &base)? {
            if keep.contains(&target) || !parts.contains_key(&target) {
                continue;
            }
            let r = rels_of(&target);
            if parts.contains_key(&r) && !keep.contains(&r) {
                keep.push(r.clone());
                queue.push((r, folder(&target)));
            }
            keep.push(target);
        }
    }
    let ct = parts.get("[Content_Types].xml").ok_or("no content types")?;
    let ct = content_types_for(ct, &keep)?;
    Ok((keep, ct))
}

/// A part already deflated: what the archive needs of it.
#[derive(Debug, Clone)]
pub(crate) struct Deflated {
    pub name: String,
    crc: u32,
    size: u32,
    data: Vec<u8>,
}

/// Deflates one part as it is written, piece by piece: the whole part never
/// needs to exist at once.
pub(crate) struct PartWriter {
    deflate: Compress,
    crc: crc32fast::Hasher,
    size: usize,
    out: Vec<u8>,
}

/// A deflate compressor kept for the next part: a new one allocates and clears
/// its tables (about a quarter of a megabyte), which cost more than deflating a
/// small part; a reset one gives the same bytes.
#[derive(Default)]
pub(crate) struct Deflater(Option<Compress>);

impl Deflater {
    /// A writer for the next part, with this compressor (reset) or a new one.
    pub fn writer(&mut self, capacity: usize) -> PartWriter {
        let deflate = match self.0.take() {
            Some(mut d) => {
                d.reset();
                d
            }
            None => Compress::new(Compression::new(DEFLATE_LEVEL), false),
        };
        PartWriter { deflate, crc: crc32fast::Hasher::new(), size: 0, out: Vec::with_capacity(capacity) }
    }

    /// Deflates a whole part.
    pub fn deflate(&mut self, name: &str, data: &[u8]) -> Result<Deflated, String> {
        let mut w = self.writer(data.len() / 3 + 64);
        w.write(data)?;
        let (part, deflater) = w.finish(name)?;
        *self = deflater;
        Ok(part)
    }
}

impl PartWriter {
    /// Deflates more of the part.
    pub fn write(&mut self, data: &[u8]) -> Result<(), String> {
        self.crc.update(data);
        self.size += data.len();
        self.run(data, FlushCompress::None)
    }

    fn run(&mut self, data: &[u8], flush: FlushCompress) -> Result<(), String> {
        let start = self.deflate.total_in();
        loop {
            let consumed = (self.deflate.total_in() - start) as usize;
            if self.out.capacity() - self.out.len() < 64 {
                self.out.reserve(self.out.capacity().max(1024));
            }
            let status =
                self.deflate.compress_vec(&data[consumed..], &mut self.out, flush).map_err(|e| e.to_string())?;
            let done = (self.deflate.total_in() - start) as usize == data.len();
            match (status, flush) {
                (Status::StreamEnd, _) => return Ok(()),
                (_, FlushCompress::None) if done => return Ok(()),
                // More output to come: room is made above, and it goes on.
                _ => {}
            }
        }
    }

    /// Ends the part; gives back the compressor for the next one.
    pub fn finish(mut self, name: &str) -> Result<(Deflated, Deflater), String> {
        self.run(&[], FlushCompress::Finish)?;
        let part = Deflated {
            name: name.to_string(),
            crc: self.crc.finalize(),
            size: u32_of(self.size, name)?,
            data: self.out,
        };
        Ok((part, Deflater(Some(self.deflate))))
    }
}

/// The ZIP archive of deflated parts, in the package's fixed order: content
/// types, package relationships, then by name.
pub(crate) fn zip(mut parts: Vec<&Deflated>) -> Result<Vec<u8>, String> {
    let rank = |n: &str| (n != "[Content_Types].xml", n != "_rels/.rels");
    parts.sort_by(|a, b| (rank(&a.name), &a.name).cmp(&(rank(&b.name), &b.name)));
    let total: usize = parts.iter().map(|p| p.data.len() + p.name.len() + 80).sum();
    let mut zip = ZipBuilder { out: Vec::with_capacity(total + 22), entries: Vec::with_capacity(parts.len()) };
    for p in parts {
        zip.add(p)?;
    }
    Ok(zip.finish())
}

/// Keeps only the Override entries of parts that are in the package.
fn content_types_for(ct: &[u8], keep: &[String]) -> Result<Vec<u8>, String> {
    let mut part = xml::parse(ct)?;
    part.root.children.retain(|n| match n {
        Node::Element(e) if e.name == "Override" => {
            e.get_attr("PartName").is_some_and(|v| keep.iter().any(|k| v.strip_prefix('/') == Some(k.as_str())))
        }
        _ => true,
    });
    Ok(part.to_bytes())
}

/// MS-DOS date of 1980-01-01: ((1980 − 1980) << 9) | (1 << 5) | 1.
const DOS_DATE: u16 = 0x21;
/// Version needed to extract: 2.0 (deflate).
const VERSION: u16 = 20;
/// General-purpose flags: bit 11, names are UTF-8.
const FLAGS: u16 = 1 << 11;
/// Compression method: deflate.
const DEFLATED: u16 = 8;

struct Entry {
    name: String,
    crc: u32,
    compressed: u32,
    size: u32,
    offset: u32,
}

/// An in-memory ZIP archive with one reused deflate compressor.
struct ZipBuilder {
    out: Vec<u8>,
    entries: Vec<Entry>,
}

fn le16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn le32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn u32_of(n: usize, what: &str) -> Result<u32, String> {
    u32::try_from(n).map_err(|_| format!("{what} is larger than 4 GiB"))
}

impl ZipBuilder {
    fn add(&mut self, part: &Deflated) -> Result<(), String> {
        let name = &part.name;
        let entry = Entry {
            name: name.to_string(),
            crc: part.crc,
            compressed: u32_of(part.data.len(), name)?,
            size: part.size,
            offset: u32_of(self.out.len(), "the archive")?,
        };
        let o = &mut self.out;
        le32(o, 0x0403_4b50);
        le16(o, VERSION);
        le16(o, FLAGS);
        le16(o, DEFLATED);
        le16(o, 0); // time 00:00
        le16(o, DOS_DATE);
        le32(o, entry.crc);
        le32(o, entry.compressed);
        le32(o, entry.size);
        le16(o, name.len() as u16);
        le16(o, 0); // extra field length
        o.extend_from_slice(name.as_bytes());
        o.extend_from_slice(&part.data);
        self.entries.push(entry);
        Ok(())
    }

    fn finish(mut self) -> Vec<u8> {
        let start = self.out.len() as u32;
        for e in &self.entries {
            let o = &mut self.out;
            le32(o, 0x0201_4b50);
            le16(o, VERSION); // made by: MS-DOS, 2.0
            le16(o, VERSION);
            le16(o, FLAGS);
            le16(o, DEFLATED);
            le16(o, 0);
            le16(o, DOS_DATE);
            le32(o, e.crc);
            le32(o, e.compressed);
            le32(o, e.size);
            le16(o, e.name.len() as u16);
            le16(o, 0); // extra
            le16(o, 0); // comment
            le16(o, 0); // disk
            le16(o, 0); // internal attributes
            le32(o, 0); // external attributes
            le32(o, e.offset);
            o.extend_from_slice(e.name.as_bytes());
        }
        let size = self.out.len() as u32 - start;
        let n = self.entries.len() as u16;
        let o = &mut self.out;
        le32(o, 0x0605_4b50);
        le16(o, 0);
        le16(o, 0);
        le16(o, n);
        le16(o, n);
        le32(o, size);
        le32(o, start);
        le16(o, 0); // comment length
        self.out
    }
}

// The parts written here rather than corrected: docx-rs writes relationships
// and content types this package does not use, settings with East-Asian
// compatibility flags, and core properties it cannot set.

/// A relationships part without the relationships of the given types, and
/// whether any relationship is left.
pub(crate) fn without_relationships(rels: &[u8], types: &[&str]) -> Result<(Vec<u8>, bool), String> {
    let mut part = xml::parse(rels)?;
    part.root
        .children
        .retain(|n| !matches!(n, Node::Element(e) if e.get_attr("Type").is_some_and(|t| types.contains(&t))));
    let any = part.root.elements().next().is_some();
    Ok((part.to_bytes(), any))
}

/// Adds a relationship to a relationships part.
pub(crate) fn add_relationship(rels: &[u8], id: &str, rel_type: &str, target: &str) -> Result<Vec<u8>, String> {
    append_to_root(rels, Element::new("Relationship").attr("Id", id).attr("Type", rel_type).attr("Target", target))
}

/// Adds a content-type override to [Content_Types].xml.
pub(crate) fn add_override(content_types: &[u8], part_name: &str, content_type: &str) -> Result<Vec<u8>, String> {
    append_to_root(
        content_types,
        Element::new("Override").attr("PartName", part_name).attr("ContentType", content_type),
    )
}

/// settings.xml, written anew: no East-Asian compatibility flags, a 720 default tab
/// stop (12.7 mm, Word's own), lines ending in a manual break not stretched when
/// justified (doNotExpandShiftReturn), Vietnamese theme-font language.
pub(crate) fn settings(language: &str) -> Vec<u8> {
    format!(
        concat!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n",
            "<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">",
            "<w:zoom w:percent=\"100\"/>",
            "<w:defaultTabStop w:val=\"720\"/>",
            "<w:characterSpacingControl w:val=\"doNotCompress\"/>",
            // A line ending in a manual break is not stretched across the justified line.
            "<w:compat><w:doNotExpandShiftReturn/><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>",
            "<w:themeFontLang w:val=\"{lang}\"/>",
            "</w:settings>"
        ),
        lang = escape(language)
    )
    .into_bytes()
}

/// Core properties: title, subject, creator, created / modified date.
pub(crate) fn core_properties(title: &str, subject: &str, creator: &str, created: &str) -> Vec<u8> {
    format!(
        concat!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n",
            "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" ",
            "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" ",
            "xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">",
            "<dc:title>{title}</dc:title><dc:subject>{subject}</dc:subject><dc:creator>{creator}</dc:creator>",
            "<cp:lastModifiedBy>{creator}</cp:lastModifiedBy><cp:revision>1</cp:revision>",
            "<dcterms:created xsi:type=\"dcterms:W3CDTF\">{created}</dcterms:created>",
            "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">{created}</dcterms:modified>",
            "<dc:language>vi-VN</dc:language>",
            "</cp:coreProperties>"
        ),
        title = escape(title),
        subject = escape(subject),
        creator = escape(creator),
        created = created
    )
    .into_bytes()
}
