//! Conform: the one stage that corrects what docx-rs 0.4.22 writes wrongly or
//! cannot write, applied to each fragment of docx-rs's output before it is
//! deflated. Only what cannot be avoided from outside docx-rs is here (see
//! `docs/docx-rs.md`; each fault has a canary in `tests/docx_rs_faults.rs` that
//! fails when a newer docx-rs fixes it, so the fix can be deleted):
//!
//! 1. children of property blocks (pPr, rPr, sectPr, tblPr, tcPr, style, …) in an
//!    order the schema forbids: put in schema order ([`schema`]);
//! 2. random `w14:paraId` / `w14:textId` (thread-local counters): removed;
//! 3. `w:type` on `w:gridCol`, which the schema does not have: removed;
//! 4. an empty `<w:rPr/>` / `<w:pPr/>` on every run and paragraph: dropped;
//! 5. no `w:lang` in the document defaults: added (the profile's language);
//! 6. its own empty Normal style before the composer's: dropped, and the
//!    composer's Normal marked `w:default`;
//! 7. no `w:tblHeader`: the header rows the composer hands over with a table
//!    ([`Conformer::next_table`]) are marked, so they repeat on every page;
//! 8. no `w:tblCaption` / `w:tblDescription`: written from the table's label.
//!
//! Each fragment is scanned as bytes ([`scan`]): text and the tags conform leaves
//! alone are copied as they are. Only the blocks it fixes are parsed into a small
//! tree ([`crate::xml`]) that keeps text and attribute values as docx-rs escaped
//! them. Fixes 1–4 are pure functions of a block's bytes ([`pure_block`]), so the
//! property blocks a document repeats are conformed once and reused by their
//! bytes; the others depend on the fragment's place (a table's rows, the styles
//! part) and never go through that memo.

mod scan;
pub(crate) mod schema;

use quick_xml::events::Event;

use crate::xml::{escape, read_children, start_element, write_element, Element, Node, Source};
use scan::{block_end, read_tag, write_tag_without_ids, Tag, TagKind};
use schema::{rank, schema_order};

/// A table's title and description for screen readers (`w:tblCaption`,
/// `w:tblDescription`), which docx-rs cannot write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableLabel {
    /// A short title ("Bảng 1. …", "Phụ lục 1. …").
    pub caption: String,
    /// What the table holds (its caption, unit and source).
    pub description: String,
}

/// docx-rs's non-deterministic paragraph ids (thread-local counters), dropped
/// wherever an element is written.
fn is_random_id(attribute: &[u8]) -> bool {
    matches!(attribute, b"w14:paraId" | b"w14:textId")
}

/// Fixes 1–4 on a block, recursively: children in schema order, random ids and
/// `gridCol/@w:type` removed, empty property blocks dropped.
fn reorder(e: &mut Element<'_>) {
    e.attrs.retain(|(k, _)| !is_random_id(k.as_bytes()));
    if e.name == "w:gridCol" {
        // docx-rs writes w:type on grid columns; the schema has no such attribute.
        e.attrs.retain(|(k, _)| k != "w:type");
    }
    for c in e.elements_mut() {
        reorder(c);
    }
    if let Some(order) = schema_order(&e.name) {
        // Property blocks hold elements only: drop stray whitespace. Sorting is stable,
        // so in containers (tbl, tr, tc, p, r) only the property block moves to the front.
        if !matches!(e.name.as_ref(), "w:tbl" | "w:tr" | "w:tc" | "w:p" | "w:r") {
            e.children.retain(|n| matches!(n, Node::Element(_)));
        }
        e.children.sort_by_key(|n| match n {
            Node::Element(el) => rank(order, &el.name),
            Node::Text(_) => order.len(),
        });
    }
    // Empty property blocks are noise (docx-rs writes <w:rPr/> on every run and paragraph).
    e.children.retain(|n| !is_empty_property(n));
}

fn is_empty_property(n: &Node<'_>) -> bool {
    matches!(n, Node::Element(el) if is_empty_block(el))
}

fn is_empty_block(el: &Element<'_>) -> bool {
    matches!(el.name.as_ref(), "w:rPr" | "w:pPr") && el.children.is_empty() && el.attrs.is_empty()
}

/// A block conformed by fixes 1–4 only, written to `out` (an empty property
/// block: nothing). A function of the block alone, with no access to the state
/// of a [`Conformer`]: what makes the memo of conformed blocks correct.
fn pure_block(mut el: Element<'_>, out: &mut Vec<u8>) {
    reorder(&mut el);
    if !is_empty_block(&el) {
        write_element(&el, out);
    }
}

/// Adds `w:trPr/w:tblHeader` to a row.
fn mark_header_row(tr: &mut Element<'_>) {
    if !tr.elements().any(|c| c.name == "w:trPr") {
        let at = tr.children.iter().position(|n| matches!(n, Node::Element(el) if el.name != "w:tblPrEx")).unwrap_or(0);
        tr.children.insert(at, Node::Element(Element::new("w:trPr")));
    }
    if let Some(trpr) = tr.child_mut("w:trPr") {
        if !trpr.elements().any(|c| c.name == "w:tblHeader") {
            trpr.children.push(Node::Element(Element::new("w:tblHeader")));
        }
    }
}

/// What the conform pass needs to know about the package.
pub(crate) struct Rules<'a> {
    /// Language written into the document defaults (styles.xml).
    pub language: &'a str,
}

/// Elements read into a tree, fixed and written back; everything else is copied
/// through as it is.
fn is_block(name: &[u8]) -> bool {
    matches!(
        name,
        b"w:pPr"
            | b"w:rPr"
            | b"w:sectPr"
            | b"w:tblPr"
            | b"w:tcPr"
            | b"w:trPr"
            | b"w:tblGrid"
            | b"w:style"
            | b"w:docDefaults"
            | b"w:lvl"
            | b"w:numPr"
    )
}

/// Property blocks of paragraphs, runs, rows and cells: the blocks a document
/// repeats, conformed by [`pure_block`] through the memo.
fn is_property_block(name: &[u8]) -> bool {
    matches!(name, b"w:pPr" | b"w:rPr" | b"w:tcPr" | b"w:trPr")
}

/// The state of conforming one part, kept across the fragments it is fed: the
/// document is conformed one body element at a time, as it is composed.
pub(crate) struct Conformer<'r> {
    rules: &'r Rules<'r>,
    out: Vec<u8>,
    /// How many tables are open.
    depth: usize,
    /// Rows of the open top-level table still to be marked as header rows.
    header_rows: usize,
    /// The label and header row count of the next top-level table.
    next: (Option<TableLabel>, usize),
    /// The label of the open top-level table, until its `w:tblPr` is written.
    label: Option<TableLabel>,
    /// Property blocks already conformed by [`pure_block`], by their bytes as
    /// docx-rs wrote them: a document repeats a few dozen distinct ones thousands
    /// of times.
    memo: std::collections::HashMap<Vec<u8>, Vec<u8>>,
}

/// Most property blocks remembered per part (a report has a few dozen kinds).
const MEMO_ENTRIES: usize = 4096;

/// Conforms one whole XML part of docx-rs's output (headers, styles …): see the
/// module documentation for the rules.
pub(crate) fn conform_part(bytes: &[u8], rules: &Rules<'_>) -> Result<Vec<u8>, String> {
    let mut c = Conformer::new(rules);
    c.out.reserve(bytes.len() + 1024);
    c.feed(bytes)?;
    Ok(c.out)
}

impl<'r> Conformer<'r> {
    pub fn new(rules: &'r Rules<'r>) -> Self {
        Conformer {
            rules,
            out: Vec::new(),
            depth: 0,
            header_rows: 0,
            next: (None, 0),
            label: None,
            memo: std::collections::HashMap::new(),
        }
    }

    /// The label of the next top-level table and how many of its first rows are
    /// header rows (they repeat on every page).
    pub fn next_table(&mut self, label: Option<TableLabel>, header_rows: usize) {
        self.next = (label, header_rows);
    }

    /// The conformed bytes so far, taken out (the buffer is kept for reuse).
    pub fn drain(&mut self, into: impl FnOnce(&[u8]) -> Result<(), String>) -> Result<(), String> {
        let r = into(&self.out);
        self.out.clear();
        r
    }

    /// Conforms a well-formed fragment (whole elements) and appends it to the output.
    ///
    /// The fragment is scanned as bytes: text and the tags conform leaves alone are
    /// copied as they are; only the blocks it fixes are read into a tree (and the
    /// property blocks of paragraphs, runs, rows and cells only the first time
    /// their bytes are seen).
    pub fn feed(&mut self, bytes: &[u8]) -> Result<(), String> {
        // The fragment as text, validated only if a block must be read into a tree.
        let mut text: Option<&str> = None;
        let mut pos = 0;
        while let Some(found) = memchr::memchr(b'<', &bytes[pos..]) {
            let at = pos + found;
            self.out.extend_from_slice(&bytes[pos..at]);
            pos = self.tag(bytes, at, &mut text)?;
        }
        self.out.extend_from_slice(&bytes[pos..]);
        Ok(())
    }

    /// Handles the markup that starts at `at` (a `<`); returns where it ends.
    fn tag<'a>(&mut self, bytes: &'a [u8], at: usize, text: &mut Option<&'a str>) -> Result<usize, String> {
        let tag = read_tag(bytes, at)?;
        let raw = &bytes[at..tag.end];
        match tag.kind {
            TagKind::Start if is_property_block(tag.name) => return self.property_block(bytes, at, &tag, text),
            TagKind::Start if tag.name == b"w:p" => write_tag_without_ids(raw, tag.name, false, &mut self.out)?,
            TagKind::Start if is_block(tag.name) => return self.tree_at(bytes, at, text),
            // A header row of the top-level table: marked in a tree.
            TagKind::Start if tag.name == b"w:tr" && self.depth == 1 && self.header_rows > 0 => {
                return self.tree_at(bytes, at, text)
            }
            TagKind::Start => {
                if tag.name == b"w:tbl" {
                    self.depth += 1;
                    if self.depth == 1 {
                        (self.label, self.header_rows) = std::mem::take(&mut self.next);
                    }
                }
                self.out.extend_from_slice(raw);
            }
            // Empty property blocks (`<w:rPr />` on every run) are dropped.
            TagKind::Empty if matches!(tag.name, b"w:rPr" | b"w:pPr") && !tag.has_attributes(raw) => {}
            TagKind::Empty if tag.name == b"w:p" => write_tag_without_ids(raw, tag.name, true, &mut self.out)?,
            TagKind::Empty if is_block(tag.name) || tag.name == b"w:gridCol" => return self.tree_at(bytes, at, text),
            TagKind::End => {
                if tag.name == b"w:tbl" {
                    self.depth = self.depth.saturating_sub(1);
                    if self.depth == 0 {
                        (self.label, self.header_rows) = (None, 0);
                    }
                }
                self.out.extend_from_slice(raw);
            }
            TagKind::Empty | TagKind::Other => self.out.extend_from_slice(raw),
        }
        Ok(tag.end)
    }

    /// A property block of a paragraph, run, row or cell (`tag` is its start tag
    /// at `at`): conformed by [`pure_block`], from the memo when its bytes were
    /// seen before.
    fn property_block<'a>(
        &mut self,
        bytes: &'a [u8],
        at: usize,
        tag: &Tag<'_>,
        text: &mut Option<&'a str>,
    ) -> Result<usize, String> {
        let Some((end, nested)) = block_end(bytes, tag.end, tag.name) else {
            return Err(format!("XML error: <{}> at byte {at} is not closed", String::from_utf8_lossy(tag.name)));
        };
        // A block of the same name inside (a tracked change) needs the parser.
        if nested {
            return self.tree_at(bytes, at, text);
        }
        let raw = &bytes[at..end];
        if let Some(done) = self.memo.get(raw) {
            self.out.extend_from_slice(done);
            return Ok(end);
        }
        let start = self.out.len();
        let sub = Source::new(raw)?;
        let mut r = sub.reader();
        let Event::Start(first) = r.read_event().map_err(|e| e.to_string())? else {
            return Err("a property block that does not start with its tag".into());
        };
        let mut el = start_element(sub, &first)?;
        read_children(sub, &mut r, &mut el)?;
        pure_block(el, &mut self.out);
        if self.memo.len() < MEMO_ENTRIES {
            self.memo.insert(raw.to_vec(), self.out[start..].to_vec());
        }
        Ok(end)
    }

    /// Reads the element that starts at `at` into a tree, fixes and writes it;
    /// returns where it ends.
    fn tree_at<'a>(&mut self, bytes: &'a [u8], at: usize, text: &mut Option<&'a str>) -> Result<usize, String> {
        let whole = match *text {
            Some(t) => t,
            None => *text.insert(Source::new(bytes)?.text),
        };
        // `at` is a `<`, so a character boundary.
        let src = Source { text: whole.get(at..).ok_or("not UTF-8")? };
        let mut reader = src.reader();
        let error = |e: quick_xml::Error, r: &quick_xml::Reader<&[u8]>| {
            format!("XML error at byte {}: {e}", at as u64 + r.buffer_position())
        };
        match reader.read_event().map_err(|e| error(e, &reader))? {
            Event::Start(e) => {
                let mut el = start_element(src, &e)?;
                read_children(src, &mut reader, &mut el)?;
                self.block(el);
            }
            Event::Empty(e) => self.block(start_element(src, &e)?),
            _ => return Err(format!("XML error at byte {at}: not an element")),
        }
        Ok(at + reader.buffer_position() as usize)
    }

    /// Fixes one block read into a tree and writes it: the fixes that depend on
    /// where the block is (5–8), then [`pure_block`].
    fn block(&mut self, mut el: Element<'_>) {
        // In schema order first: the fixes below look at (and add to) a clean block.
        reorder(&mut el);
        match el.name.as_ref() {
            "w:tr" if self.depth == 1 && self.header_rows > 0 => {
                self.header_rows -= 1;
                mark_header_row(&mut el);
            }
            "w:docDefaults" => add_language(&mut el, self.rules.language),
            "w:tblPr" if self.depth == 1 => {
                if let Some(label) = self.label.take() {
                    el.children.push(Node::Element(Element::new("w:tblCaption").attr("w:val", escape(&label.caption))));
                    el.children.push(Node::Element(
                        Element::new("w:tblDescription").attr("w:val", escape(&label.description)),
                    ));
                }
            }
            "w:style" if el.get_attr("w:styleId") == Some("Normal") => {
                // docx-rs writes an empty Normal before the styles it was given; the
                // composer's own Normal carries the body paragraph's properties.
                if !el.elements().any(|c| matches!(c.name.as_ref(), "w:pPr" | "w:rPr")) {
                    return;
                }
                if el.get_attr("w:default").is_none() {
                    el.attrs.push(("w:default".into(), "1".into()));
                }
            }
            _ => {}
        }
        pure_block(el, &mut self.out);
    }
}

/// `w:lang` in the run-property defaults.
fn add_language(defaults: &mut Element<'_>, language: &str) {
    let Some(rpr_default) = defaults.child_mut("w:rPrDefault") else { return };
    if rpr_default.child_mut("w:rPr").is_none() {
        rpr_default.children.push(Node::Element(Element::new("w:rPr")));
    }
    if let Some(rpr) = rpr_default.child_mut("w:rPr") {
        rpr.children.retain(|n| !matches!(n, Node::Element(e) if e.name == "w:lang"));
        let lang = escape(language);
        rpr.children.push(Node::Element(
            Element::new("w:lang").attr("w:val", lang.clone()).attr("w:eastAsia", lang).attr("w:bidi", "ar-SA"),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml::parse;

    const RULES: Rules<'static> = Rules { language: "vi-VN" };

    fn content_part(xml: &[u8], _: &str) -> Result<Vec<u8>, String> {
        conform_part(xml, &RULES)
    }

    #[test]
    fn reorders_run_properties_and_keeps_text_raw() {
        let xml = br#"<w:document xmlns:w="x"><w:p w14:paraId="1A"><w:r><w:rPr><w:sz w:val="28"/><w:b/></w:rPr><w:t xml:space="preserve">a &amp; &lt;b&gt;</w:t></w:r></w:p></w:document>"#;
        let out = String::from_utf8(content_part(xml, "TableHeading").unwrap()).unwrap();
        assert!(out.contains(r#"<w:rPr><w:b/><w:sz w:val="28"/></w:rPr>"#), "{out}");
        assert!(out.contains("a &amp; &lt;b&gt;"), "{out}");
        assert!(!out.contains("paraId"), "{out}");
    }

    #[test]
    fn tables_get_their_labels_fragment_by_fragment() {
        let mut c = Conformer::new(&RULES);
        c.feed(br#"<w:tbl><w:tblPr><w:tblW w:w="1"/></w:tblPr></w:tbl>"#).unwrap();
        c.next_table(Some(TableLabel { caption: "Bảng 1 <a>".into(), description: "Bảng 1. Nguồn: \"x\"".into() }), 0);
        c.feed(br#"<w:tbl><w:tblPr><w:tblW w:w="1"/><w:tblLayout w:type="fixed"/></w:tblPr><w:tr><w:tc><w:tbl><w:tblPr/></w:tbl></w:tc></w:tr></w:tbl>"#).unwrap();
        c.feed(br#"<w:tbl><w:tblPr><w:tblW w:w="1"/></w:tblPr></w:tbl>"#).unwrap();
        let out = String::from_utf8(c.out.clone()).unwrap();
        assert!(out.starts_with(r#"<w:tbl><w:tblPr><w:tblW w:w="1"/></w:tblPr></w:tbl>"#), "{out}");
        assert!(
            out.contains(r#"<w:tblLayout w:type="fixed"/><w:tblCaption w:val="Bảng 1 &lt;a&gt;"/><w:tblDescription w:val="Bảng 1. Nguồn: &quot;x&quot;"/></w:tblPr>"#),
            "{out}"
        );
        assert_eq!(out.matches("tblCaption").count(), 1, "nested and later tables get none: {out}");
    }

    /// The same XML written one way: empty elements as `<a/>`, attributes as read.
    fn canonical(xml: &str) -> String {
        let part = parse(format!("<root>{xml}</root>").as_bytes()).map(|p| {
            let mut out = Vec::new();
            write_element(&p.root, &mut out);
            out
        });
        String::from_utf8(part.expect("well-formed")).expect("UTF-8")
    }

    /// What conform must make of paragraphs, read whole into one tree: random ids
    /// gone, property children in schema order, empty property blocks dropped.
    fn reference(xml: &str) -> String {
        let wrapped = format!("<root>{xml}</root>");
        let mut part = parse(wrapped.as_bytes()).expect("well-formed");
        reorder(&mut part.root);
        let mut out = Vec::new();
        write_element(&part.root, &mut out);
        String::from_utf8(out).expect("UTF-8")
    }

    /// A start tag as some writer might write it: spacing, either quote.
    fn tag(name: &str, attrs: &[(&str, &str)], quotes: &[bool], spaces: &[bool], empty: bool) -> String {
        let mut t = format!("<{name}");
        for (i, (k, v)) in attrs.iter().enumerate() {
            let q = if quotes.get(i).copied().unwrap_or(false) { '\'' } else { '"' };
            let sp = if spaces.get(i).copied().unwrap_or(false) { " " } else { "" };
            t.push_str(&format!(" {k}{sp}={sp}{q}{v}{q}"));
        }
        if spaces.first().copied().unwrap_or(false) {
            t.push(' ');
        }
        t.push_str(if empty { "/>" } else { ">" });
        t
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 256, ..Default::default() })]

        /// The byte scanner and a whole-tree conform agree on paragraphs of any
        /// shape: property children in any order, either quote, spaces in tags,
        /// `>` and entities in values and text, empty and attributed blocks,
        /// tracked changes nested in run properties, the same block repeated.
        #[test]
        fn bytes_scanner_agrees_with_the_tree(
            paragraphs in proptest::collection::vec(
                (
                    proptest::sample::subsequence(vec![0usize, 1, 2, 3, 4], 0..=5),
                    proptest::collection::vec(
                        (proptest::sample::subsequence(vec![0usize, 1, 2, 3, 4, 5], 0..=6), 0usize..4, proptest::bool::ANY),
                        0..4,
                    ),
                    proptest::collection::vec(proptest::bool::ANY, 4),
                    proptest::collection::vec(proptest::bool::ANY, 4),
                    0usize..3,
                ),
                1..6,
            )
        ) {
            let ppr_children = ["<w:jc w:val=\"both\"/>", "<w:pStyle w:val=\"Body\"/>", "<w:spacing w:before=\"0\" />", "<w:ind w:firstLine=\"720\"/>", "<w:keepNext />"];
            let rpr_children = ["<w:sz w:val=\"28\"/>", "<w:b />", "<w:i/>", "<w:rFonts w:ascii='Times New Roman'/>", "<w:color w:val=\"000000\"/>", "<w:rPrChange w:id=\"1\" w:author=\"a&gt;b\"><w:rPr><w:sz w:val=\"26\"/><w:b/></w:rPr></w:rPrChange>"];
            let texts = ["Thực hiện", "a &amp; b &gt; c", "", " x  y "];
            let mut xml = String::new();
            for (ppr, runs, quotes, spaces, kind) in &paragraphs {
                let ids = [("w14:paraId", "1A2B"), ("w:rsidR", "00AB>12"), ("w14:textId", "77")];
                xml.push_str(&tag("w:p", &ids, quotes, spaces, *kind == 2 && runs.is_empty()));
                if *kind == 2 && runs.is_empty() {
                    continue;
                }
                match (*kind, ppr.is_empty()) {
                    (1, true) => xml.push_str("<w:pPr />"),
                    (_, true) => {}
                    _ => {
                        xml.push_str("<w:pPr><w:rPr />");
                        for &c in ppr {
                            xml.push_str(ppr_children[c]);
                        }
                        xml.push_str("</w:pPr>");
                    }
                }
                for (rpr, text, attributed) in runs {
                    xml.push_str("<w:r>");
                    if rpr.is_empty() {
                        xml.push_str(if *attributed { "<w:rPr w:rsidR=\"1\"/>" } else { "<w:rPr />" });
                    } else {
                        xml.push_str("<w:rPr>");
                        for &c in rpr {
                            xml.push_str(rpr_children[c]);
                        }
                        xml.push_str("</w:rPr>");
                    }
                    xml.push_str(&format!("<w:t xml:space=\"preserve\">{}</w:t></w:r>", texts[*text]));
                }
                xml.push_str("</w:p>");
            }
            let mut c = Conformer::new(&RULES);
            c.feed(xml.as_bytes()).expect("conforms");
            let fed = String::from_utf8(c.out.clone()).expect("UTF-8");
            proptest::prop_assert_eq!(canonical(&fed), reference(&xml), "input: {}", xml);
        }
    }

    /// What conform must make of a top-level table whose first `head` rows are
    /// header rows, read whole into one tree: those rows repeat, no other does.
    fn table_reference(xml: &str, head: usize) -> String {
        let wrapped = format!("<root>{xml}</root>");
        let mut part = parse(wrapped.as_bytes()).expect("well-formed");
        reorder(&mut part.root);
        for tbl in part.root.elements_mut().filter(|e| e.name == "w:tbl") {
            for tr in tbl.elements_mut().filter(|e| e.name == "w:tr").take(head) {
                mark_header_row(tr);
            }
        }
        let mut out = Vec::new();
        write_element(&part.root, &mut out);
        String::from_utf8(out).expect("UTF-8")
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 256, ..Default::default() })]

        /// The header rows handed over with a table are marked, and only they,
        /// whether the table comes whole or as the stream sends it (the head,
        /// each row, the end tag); a nested table's rows are never counted.
        #[test]
        fn the_header_rows_handed_over_repeat(
            rows in proptest::collection::vec(
                proptest::collection::vec(proptest::collection::vec(0usize..3, 0..3), 1..4),
                1..5,
            ),
            head in 0usize..3,
        ) {
            let paragraph = |s: usize| match s {
                0 => "<w:p w14:paraId=\"1\"><w:pPr><w:rPr /><w:pStyle w:val=\"TableHeading\" /></w:pPr><w:r><w:rPr /><w:t>x</w:t></w:r></w:p>".to_string(),
                1 => "<w:p><w:r><w:t>y</w:t></w:r></w:p>".to_string(),
                _ => "<w:tbl><w:tblPr/><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl><w:p/>".to_string(),
            };
            let row = |cells: &Vec<Vec<usize>>| {
                let mut r = "<w:tr>".to_string();
                for ps in cells {
                    r.push_str("<w:tc><w:tcPr><w:tcW w:w=\"100\" w:type=\"dxa\"/></w:tcPr>");
                    r.extend(ps.iter().map(|&s| paragraph(s)));
                    r.push_str("</w:tc>");
                }
                r + "</w:tr>"
            };
            let head = head.min(rows.len());
            let start = "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr><w:tblGrid><w:gridCol w:w=\"100\" w:type=\"dxa\"/></w:tblGrid>".to_string();
            let head_xml = start + &rows[..head].iter().map(row).collect::<String>();
            let mut streamed = Conformer::new(&RULES);
            streamed.next_table(None, head);
            streamed.feed(head_xml.as_bytes()).expect("head");
            let mut whole = head_xml.clone();
            for r in &rows[head..] {
                let r = row(r);
                streamed.feed(r.as_bytes()).expect("row");
                whole.push_str(&r);
            }
            streamed.feed(b"</w:tbl>").expect("end");
            whole.push_str("</w:tbl>");
            let mut at_once = Conformer::new(&RULES);
            at_once.next_table(None, head);
            at_once.feed(whole.as_bytes()).expect("conforms");
            let want = table_reference(&whole, head);
            let streamed = String::from_utf8(streamed.out.clone()).expect("UTF-8");
            let at_once = String::from_utf8(at_once.out.clone()).expect("UTF-8");
            proptest::prop_assert_eq!(canonical(&streamed), want.clone(), "input: {}", whole);
            proptest::prop_assert_eq!(canonical(&at_once), want, "input: {}", whole);
        }
    }

    #[test]
    fn memoised_blocks_are_the_same_in_any_state() {
        // A property block conformed inside a header row, in a labelled table, in
        // a styles part, or alone gives the same bytes: the memo may serve any.
        let block = r#"<w:pPr><w:jc w:val="center"/><w:rPr/><w:pStyle w:val="A"/></w:pPr>"#;
        let alone = String::from_utf8(conform_part(block.as_bytes(), &RULES).unwrap()).unwrap();
        let mut c = Conformer::new(&RULES);
        c.next_table(Some(TableLabel { caption: "a".into(), description: "b".into() }), 1);
        c.feed(format!("<w:tbl><w:tblPr/><w:tr><w:tc><w:p>{block}</w:p></w:tc></w:tr><w:tr><w:tc><w:p>{block}</w:p></w:tc></w:tr></w:tbl>").as_bytes()).unwrap();
        let out = String::from_utf8(c.out.clone()).unwrap();
        assert_eq!(out.matches(alone.as_str()).count(), 2, "{alone} in {out}");
        assert_eq!(out.matches("<w:tblHeader/>").count(), 1, "{out}");
    }

    #[test]
    fn bytes_scanner_reads_quotes_comments_and_declarations() {
        let xml = br#"<?xml version="1.0"?><!-- a > b --><w:body><w:p w14:paraId="1A" w:x='a>b' w14:textId = "2"><w:r><w:t>x &gt; y</w:t></w:r></w:p><w:p w14:paraId="3"/></w:body>"#;
        let out = String::from_utf8(content_part(xml, "").unwrap()).unwrap();
        assert_eq!(
            out,
            r#"<?xml version="1.0"?><!-- a > b --><w:body><w:p w:x="a>b"><w:r><w:t>x &gt; y</w:t></w:r></w:p><w:p/></w:body>"#
        );
    }

    #[test]
    fn nested_property_blocks_and_repeats_are_conformed_alike() {
        // A run property block holding a tracked change (an rPr inside an rPr):
        // read by the parser; the same block again comes from the memo.
        let block = r#"<w:rPr><w:sz w:val="28"/><w:rPrChange w:id="1"><w:rPr><w:sz w:val="26"/><w:b/></w:rPr></w:rPrChange><w:b/></w:rPr>"#;
        let xml = format!("<w:p><w:r>{block}<w:t>a</w:t></w:r><w:r>{block}<w:t>b</w:t></w:r></w:p>");
        let out = String::from_utf8(content_part(xml.as_bytes(), "").unwrap()).unwrap();
        let want = r#"<w:rPr><w:b/><w:sz w:val="28"/><w:rPrChange w:id="1"><w:rPr><w:b/><w:sz w:val="26"/></w:rPr></w:rPrChange></w:rPr>"#;
        assert_eq!(out.matches(want).count(), 2, "{out}");
        let simple = r#"<w:p><w:pPr><w:jc w:val="both"/><w:pStyle w:val="A"/></w:pPr></w:p>"#;
        let out = String::from_utf8(content_part(simple.repeat(3).as_bytes(), "").unwrap()).unwrap();
        assert_eq!(out, r#"<w:p><w:pPr><w:pStyle w:val="A"/><w:jc w:val="both"/></w:pPr></w:p>"#.repeat(3));
    }

    #[test]
    fn malformed_fragments_are_errors_not_panics() {
        for bad in [&b"<w:p"[..], b"<w:p a=\"1>", b"<w:r><w:rPr><w:b/>", b"<!-- x", b"<w:p><w:pPr></w:p>"] {
            let mut c = Conformer::new(&RULES);
            assert!(c.feed(bad).is_err(), "{}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn one_default_normal_style_and_the_language() {
        let xml = br#"<w:styles><w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="28"/></w:rPr></w:rPrDefault></w:docDefaults><w:style w:styleId="Normal"><w:name w:val="Normal"/><w:rPr /><w:pPr><w:rPr /></w:pPr><w:qFormat /></w:style><w:style w:styleId="Normal"><w:name w:val="Normal"/><w:pPr><w:jc w:val="both"/></w:pPr></w:style></w:styles>"#;
        let out = String::from_utf8(content_part(xml, "").unwrap()).unwrap();
        assert_eq!(out.matches("w:styleId=\"Normal\"").count(), 1, "{out}");
        assert!(
            out.contains(
                r#"<w:style w:styleId="Normal" w:default="1"><w:name w:val="Normal"/><w:pPr><w:jc w:val="both"/>"#
            ),
            "{out}"
        );
        assert!(
            out.contains(r#"<w:sz w:val="28"/><w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA"/>"#),
            "{out}"
        );
    }
}
