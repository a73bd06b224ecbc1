//! Packaging: the conformed XML parts into a deterministic, deflated .docx (ZIP).
//!
//! Only parts reachable from the package relationships are written, in a fixed
//! order, with a fixed timestamp (1980-01-01) and fixed permissions, so the same
//! parts always give the same bytes.

use std::collections::BTreeMap;
use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use crate::conform::{self, Element, Node};

/// Deflate level; chosen on measured size versus time (see BENCHMARKS.md once written).
pub(crate) const DEFLATE_LEVEL: i64 = 6;

/// Targets of a relationships part, resolved against the folder of its source.
fn rel_targets(rels: &[u8], base: &str) -> Result<Vec<String>, String> {
    let part = conform::parse(rels)?;
    Ok(part
        .root
        .children
        .iter()
        .filter_map(|n| match n {
            Node::Element(e) if e.name == "Relationship" => Some(e),
            _ => None,
        })
        .filter(|e: &&Element| !e.attrs.iter().any(|(k, v)| k == "TargetMode" && v == "External"))
        .filter_map(|e| e.attrs.iter().find(|(k, _)| k == "Target").map(|(_, v)| v.clone()))
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

/// Writes the reachable parts as a ZIP archive. `parts` maps part names
/// (no leading slash) to their bytes and must hold "[Content_Types].xml" and "_rels/.rels".
pub(crate) fn pack(mut parts: BTreeMap<String, Vec<u8>>) -> Result<Vec<u8>, String> {
    // Walk the relationships from the package root.
    let mut keep: Vec<String> = vec!["[Content_Types].xml".into(), "_rels/.rels".into()];
    let mut queue: Vec<(String, String)> = vec![("_rels/.rels".into(), String::new())];
    while let Some((rels, base)) = queue.pop() {
        let Some(bytes) = parts.get(&rels) else {
            continue;
        };
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
    parts.insert("[Content_Types].xml".into(), ct);

    // Fixed order: content types, package rels, then by name.
    let mut order = keep.clone();
    order.sort_by(|a, b| {
        (a != "[Content_Types].xml", a != "_rels/.rels", a).cmp(&(b != "[Content_Types].xml", b != "_rels/.rels", b))
    });

    let mut zip = ZipWriter::new(Cursor::new(Vec::with_capacity(64 * 1024)));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(DEFLATE_LEVEL))
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    for name in &order {
        let bytes = parts.get(name).ok_or_else(|| format!("missing part {name}"))?;
        zip.start_file(name.as_str(), options).map_err(|e| e.to_string())?;
        zip.write_all(bytes).map_err(|e| e.to_string())?;
    }
    Ok(zip.finish().map_err(|e| e.to_string())?.into_inner())
}

/// Keeps only the Override entries of parts that are in the package.
fn content_types_for(ct: &[u8], keep: &[String]) -> Result<Vec<u8>, String> {
    let mut part = conform::parse(ct)?;
    part.root.children.retain(|n| match n {
        Node::Element(e) if e.name == "Override" => e
            .attrs
            .iter()
            .find(|(k, _)| k == "PartName")
            .is_some_and(|(_, v)| keep.iter().any(|k| v.strip_prefix('/') == Some(k.as_str()))),
        _ => true,
    });
    Ok(part.to_bytes())
}
