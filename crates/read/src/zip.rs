//! The .docx as a ZIP package, read with fixed bounds and in linear time.
//!
//! Written here rather than with the zip crate: a hostile archive must cost
//! time and memory in proportion to what is read, never more. The end record is
//! found once, searching back from the end of the file; the entry count is
//! checked against [`MAX_ENTRIES`] before any entry is parsed; a part is
//! inflated with a cap on its size and its CRC checked. Supported: what office
//! suites write (stored and deflated entries, no ZIP64, no encryption); a
//! password-protected .docx (an OLE compound file holding an encrypted package)
//! and an old .doc are recognised and named as such.

use std::collections::HashMap;
use std::io::Read;

use crate::ReadError;

/// Most entries a package may list (checked before they are parsed).
pub const MAX_ENTRIES: usize = 10_000;

/// The start of an OLE compound file (a password-protected .docx, or a .doc).
const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

const LOCAL: u32 = 0x0403_4b50;
const CENTRAL: u32 = 0x0201_4b50;
const END: u32 = 0x0605_4b50;

/// One entry of the central directory.
#[derive(Debug, Clone)]
struct Entry {
    method: u16,
    encrypted: bool,
    crc: u32,
    compressed: u64,
    size: u64,
    offset: u64,
}

/// An opened package: its entries by name (the first of a repeated name).
pub struct Package<'a> {
    bytes: &'a [u8],
    entries: HashMap<String, Entry>,
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    b.get(at..at + 2).map(|s| u16::from_le_bytes([s[0], s[1]]))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    b.get(at..at + 4).map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

/// What an OLE compound file is: a password-protected package holds a stream
/// named "EncryptedPackage" (its name is stored in UTF-16).
fn ole_error(bytes: &[u8]) -> ReadError {
    let name: Vec<u8> = "EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes).collect();
    if memchr::memmem::find(bytes, &name).is_some() {
        ReadError::Encrypted
    } else {
        ReadError::OldWordFile
    }
}

impl<'a> Package<'a> {
    /// Opens the package: finds the end record, checks the entry count, reads the
    /// central directory.
    pub fn open(bytes: &'a [u8]) -> Result<Package<'a>, ReadError> {
        if bytes.starts_with(&OLE_MAGIC) {
            return Err(ole_error(bytes));
        }
        let end = find_end(bytes).ok_or(ReadError::NotZip)?;
        let count = usize::from(u16_at(bytes, end + 10).ok_or(ReadError::NotZip)?);
        if count > MAX_ENTRIES {
            return Err(ReadError::TooManyEntries { count });
        }
        let dir_size = u32_at(bytes, end + 12).ok_or(ReadError::NotZip)?;
        let dir_offset = u32_at(bytes, end + 16).ok_or(ReadError::NotZip)?;
        if count == 0xFFFF || dir_size == u32::MAX || dir_offset == u32::MAX {
            return Err(ReadError::Zip64);
        }
        let mut at = dir_offset as usize;
        let mut entries = HashMap::with_capacity(count);
        for _ in 0..count {
            if u32_at(bytes, at) != Some(CENTRAL) {
                return Err(ReadError::NotZip);
            }
            let field = |o: usize| u16_at(bytes, at + o).ok_or(ReadError::NotZip);
            let word = |o: usize| u32_at(bytes, at + o).ok_or(ReadError::NotZip);
            let flags = field(8)?;
            let method = field(10)?;
            let crc = word(16)?;
            let compressed = word(20)?;
            let size = word(24)?;
            let (name_len, extra_len, comment_len) =
                (usize::from(field(28)?), usize::from(field(30)?), usize::from(field(32)?));
            let offset = word(42)?;
            let name = bytes.get(at + 46..at + 46 + name_len).ok_or(ReadError::NotZip)?;
            if compressed == u32::MAX || size == u32::MAX || offset == u32::MAX {
                return Err(ReadError::Zip64);
            }
            let name = String::from_utf8_lossy(name).replace('\\', "/");
            let entry = Entry {
                method,
                encrypted: flags & 1 != 0,
                crc,
                compressed: u64::from(compressed),
                size: u64::from(size),
                offset: u64::from(offset),
            };
            // A name listed twice: the first one counts, as Word reads it.
            entries.entry(name).or_insert(entry);
            at += 46 + name_len + extra_len + comment_len;
        }
        Ok(Package { bytes, entries })
    }

    /// A part's bytes, inflated, at most `limit` of them (more is
    /// [`ReadError::TooLarge`]); `None` when the package has no such part.
    pub fn part(&self, name: &str, limit: u64) -> Result<Option<Vec<u8>>, ReadError> {
        let Some(mut reader) = self.open_part(name, limit)? else { return Ok(None) };
        let mut out = Vec::with_capacity(reader.expected.min(limit) as usize);
        reader.read_to_end(&mut out).map_err(|e| reader.error(e))?;
        reader.finish()?;
        Ok(Some(out))
    }

    /// A part as a stream of its inflated bytes (at most `limit`; the CRC is
    /// checked by [`PartReader::finish`]).
    pub fn open_part(&self, name: &str, limit: u64) -> Result<Option<PartReader<'a>>, ReadError> {
        let name = name.trim_start_matches('/');
        let Some(e) = self.entries.get(name) else { return Ok(None) };
        let unreadable = || ReadError::Unreadable { part: name.to_string() };
        if e.encrypted {
            return Err(ReadError::Encrypted);
        }
        let at = usize::try_from(e.offset).map_err(|_| unreadable())?;
        if u32_at(self.bytes, at) != Some(LOCAL) {
            return Err(unreadable());
        }
        let name_len = usize::from(u16_at(self.bytes, at + 26).ok_or_else(unreadable)?);
        let extra_len = usize::from(u16_at(self.bytes, at + 28).ok_or_else(unreadable)?);
        let start = at + 30 + name_len + extra_len;
        let data = usize::try_from(e.compressed)
            .ok()
            .and_then(|n| self.bytes.get(start..start.checked_add(n)?))
            .ok_or_else(unreadable)?;
        let source: Box<dyn Read + 'a> = match e.method {
            0 => Box::new(data),
            8 => Box::new(flate2::read::DeflateDecoder::new(data)),
            _ => return Err(ReadError::Unreadable { part: name.to_string() }),
        };
        Ok(Some(PartReader {
            name: name.to_string(),
            inner: source.take(limit + 1),
            limit,
            read: 0,
            crc: crc32fast::Hasher::new(),
            expected_crc: e.crc,
            expected: e.size,
        }))
    }
}

/// The end-of-central-directory record: the last one whose comment reaches
/// exactly to the end of the file, searched back from the end over at most the
/// record and the longest comment (one pass, however many records a hostile
/// file repeats).
fn find_end(bytes: &[u8]) -> Option<usize> {
    let from = bytes.len().checked_sub(22)?;
    let lowest = from.saturating_sub(0xFFFF);
    (lowest..=from).rev().find(|&at| {
        u32_at(bytes, at) == Some(END)
            && u16_at(bytes, at + 20).is_some_and(|comment| at + 22 + usize::from(comment) == bytes.len())
    })
}

/// A part being inflated: counts and checksums what it hands out.
pub struct PartReader<'a> {
    name: String,
    inner: std::io::Take<Box<dyn Read + 'a>>,
    limit: u64,
    read: u64,
    crc: crc32fast::Hasher,
    expected_crc: u32,
    expected: u64,
}

impl PartReader<'_> {
    /// The error for an I/O failure while inflating (a damaged part, or one over
    /// its limit).
    pub fn error(&self, _e: std::io::Error) -> ReadError {
        if self.read > self.limit {
            ReadError::TooLarge { part: self.name.clone(), limit: self.limit }
        } else {
            ReadError::Unreadable { part: self.name.clone() }
        }
    }

    /// Checks that the whole part was read intact (size and CRC).
    pub fn finish(self) -> Result<(), ReadError> {
        if self.read > self.limit {
            return Err(ReadError::TooLarge { part: self.name, limit: self.limit });
        }
        if self.read != self.expected || self.crc.finalize() != self.expected_crc {
            return Err(ReadError::Unreadable { part: self.name });
        }
        Ok(())
    }
}

impl Read for PartReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        if self.read > self.limit {
            return Err(std::io::Error::other("part over its limit"));
        }
        self.crc.update(&buf[..n]);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stored-entry ZIP of the given parts, written by hand.
    pub(crate) fn zip(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut dir = Vec::new();
        for (name, data) in parts {
            let offset = out.len() as u32;
            let crc = crc32fast::hash(data);
            for (sig, buf) in [(LOCAL, &mut out), (CENTRAL, &mut dir)] {
                buf.extend_from_slice(&sig.to_le_bytes());
                if sig == CENTRAL {
                    buf.extend_from_slice(&20u16.to_le_bytes());
                }
                buf.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0, 0x21, 0]);
                buf.extend_from_slice(&crc.to_le_bytes());
                buf.extend_from_slice(&(data.len() as u32).to_le_bytes());
                buf.extend_from_slice(&(data.len() as u32).to_le_bytes());
                buf.extend_from_slice(&(name.len() as u16).to_le_bytes());
                buf.extend_from_slice(&[0, 0]);
                if sig == CENTRAL {
                    // Comment length, disk, internal and external attributes.
                    buf.extend_from_slice(&[0; 10]);
                    buf.extend_from_slice(&offset.to_le_bytes());
                }
                buf.extend_from_slice(name.as_bytes());
            }
            out.extend_from_slice(data);
        }
        let start = out.len() as u32;
        out.extend_from_slice(&dir);
        out.extend_from_slice(&END.to_le_bytes());
        out.extend_from_slice(&[0, 0, 0, 0]);
        out.extend_from_slice(&(parts.len() as u16).to_le_bytes());
        out.extend_from_slice(&(parts.len() as u16).to_le_bytes());
        out.extend_from_slice(&(dir.len() as u32).to_le_bytes());
        out.extend_from_slice(&start.to_le_bytes());
        out.extend_from_slice(&[0, 0]);
        out
    }

    #[test]
    fn stored_parts_read_back_and_damage_is_seen() {
        let z = zip(&[("a.xml", b"<a/>"), ("b/c.xml", b"hello")]);
        let p = Package::open(&z).expect("opens");
        assert_eq!(p.part("/b/c.xml", 100).expect("reads").as_deref(), Some(&b"hello"[..]));
        assert!(p.part("missing", 100).expect("no error").is_none());
        assert!(matches!(p.part("b/c.xml", 3), Err(ReadError::TooLarge { .. })));
        let mut bad = z.clone();
        let at = memchr::memmem::find(&bad, b"hello").expect("data");
        bad[at] = b'j';
        let p = Package::open(&bad).expect("opens");
        assert!(matches!(p.part("b/c.xml", 100), Err(ReadError::Unreadable { .. })));
    }

    #[test]
    fn too_many_entries_are_refused_before_they_are_read() {
        let mut z = zip(&[("a", b"x")]);
        let n = z.len();
        // The end record's entry counts say 60,000.
        z[n - 12..n - 10].copy_from_slice(&60_000u16.to_le_bytes());
        z[n - 14..n - 12].copy_from_slice(&60_000u16.to_le_bytes());
        assert_eq!(Package::open(&z).err(), Some(ReadError::TooManyEntries { count: 60_000 }));
    }

    #[test]
    fn repeated_end_records_cost_one_pass() {
        // 3 MB of end records: each is tried at most once, from the end.
        let end = {
            let mut e = END.to_le_bytes().to_vec();
            e.extend_from_slice(&[0; 18]);
            e
        };
        let file: Vec<u8> = end.iter().copied().cycle().take(22 * 150_000).collect();
        let t = std::time::Instant::now();
        let p = Package::open(&file).expect("the last record is a valid, empty end");
        assert!(p.entries.is_empty());
        assert!(t.elapsed().as_secs() < 20, "a hang guard, not a speed assertion");
        assert_eq!(Package::open(b"PK").err(), Some(ReadError::NotZip));
    }

    #[test]
    fn ole_files_are_named_for_what_they_are() {
        let mut ole = OLE_MAGIC.to_vec();
        ole.extend_from_slice(&[0; 100]);
        assert_eq!(Package::open(&ole).err(), Some(ReadError::OldWordFile));
        ole.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(Package::open(&ole).err(), Some(ReadError::Encrypted));
    }
}
