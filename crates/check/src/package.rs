//! The .docx as a ZIP package, read with limits: a part larger than
//! [`MAX_PART_BYTES`] once inflated (a ZIP bomb), or more than
//! [`MAX_TOTAL_BYTES`] in all, stops the reading with an error, never a full
//! machine.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use crate::CheckError;

/// Largest part read, inflated: a 20-page report's document part is about 100 kB.
pub const MAX_PART_BYTES: u64 = 64 << 20;
/// Largest total of the parts read.
pub const MAX_TOTAL_BYTES: u64 = 160 << 20;
/// Most entries a package may list.
pub const MAX_ENTRIES: usize = 10_000;

/// The package, opened.
pub struct Package<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    read: u64,
}

impl<'a> Package<'a> {
    /// Opens the ZIP; anything that is not one is [`CheckError::NotZip`].
    pub fn open(bytes: &'a [u8]) -> Result<Package<'a>, CheckError> {
        let zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| CheckError::NotZip)?;
        if zip.len() > MAX_ENTRIES {
            return Err(CheckError::TooLarge { part: format!("{} entries", zip.len()) });
        }
        Ok(Package { zip, read: 0 })
    }

    /// A part's bytes, or `None` when the package has no such part.
    pub fn part(&mut self, name: &str) -> Result<Option<Vec<u8>>, CheckError> {
        let name = name.trim_start_matches('/');
        let mut file = match self.zip.by_name(name) {
            Ok(f) => f,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(_) => return Err(CheckError::Unreadable { part: name.to_string() }),
        };
        let left = MAX_TOTAL_BYTES.saturating_sub(self.read);
        let limit = MAX_PART_BYTES.min(left);
        let mut out = Vec::with_capacity(file.size().min(limit) as usize);
        (&mut file)
            .take(limit + 1)
            .read_to_end(&mut out)
            .map_err(|_| CheckError::Unreadable { part: name.to_string() })?;
        if out.len() as u64 > limit {
            return Err(CheckError::TooLarge { part: name.to_string() });
        }
        self.read += out.len() as u64;
        Ok(Some(out))
    }
}

/// The relationships of a part: id → (type's last segment, target path in the package).
pub fn relationships(xml: &[u8], base_dir: &str) -> Result<HashMap<String, (String, String)>, CheckError> {
    let mut out = HashMap::new();
    crate::xml::walk(xml, "relationships", |e| {
        if let crate::xml::Node::Open { name, attrs, .. } = e {
            if name == "Relationship" {
                let get = |k: &str| attrs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
                if let (Some(id), Some(kind), Some(target)) = (get("Id"), get("Type"), get("Target")) {
                    if get("TargetMode").as_deref() != Some("External") {
                        let kind = kind.rsplit('/').next().unwrap_or("").to_string();
                        out.insert(id, (kind, resolve(base_dir, &target)));
                    }
                }
            }
        }
        Ok(())
    })?;
    Ok(out)
}

/// A relationship target relative to the folder of its source part.
fn resolve(base_dir: &str, target: &str) -> String {
    if let Some(abs) = target.strip_prefix('/') {
        return abs.to_string();
    }
    let mut parts: Vec<&str> = base_dir.split('/').filter(|s| !s.is_empty()).collect();
    for seg in target.split('/') {
        match seg {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    #[test]
    fn targets_resolve_against_the_source_folder() {
        assert_eq!(super::resolve("word", "styles.xml"), "word/styles.xml");
        assert_eq!(super::resolve("", "word/document.xml"), "word/document.xml");
        assert_eq!(super::resolve("word", "../customXml/item1.xml"), "customXml/item1.xml");
        assert_eq!(super::resolve("word", "/word/header1.xml"), "word/header1.xml");
    }
}
