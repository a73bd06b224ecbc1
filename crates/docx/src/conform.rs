//! Conform: the one stage that corrects what docx-rs 0.4.22 writes wrongly
//! (see `shared/spec/docx-rs-notes.md`), applied to the XML parts after
//! composition and before packaging. Everything docx-rs gets wrong is fixed here
//! and nowhere else:
//!
//! - children of property blocks (pPr, rPr, sectPr, tblPr, tcPr, style, …) are put
//!   in the order the schema requires (note 1);
//! - the non-deterministic `w14:paraId` / `w14:textId` are removed (note 6);
//! - header rows of tables (rows made of `TableHeading` paragraphs at the top of a
//!   table) get `w:tblHeader` so they repeat on every page (note 4);
//! - the document defaults get `w:lang` (vi-VN) (note 4);
//! - the first section gets `w:titlePg`, so page 1 has no page number: docx-rs's
//!   `Section` loses a first-page header set together with the default one, and
//!   with titlePg and no first-page header reference the first page's header is
//!   blank (ECMA-376 Part 1, 17.10.5);
//! - a theme part is added (docx-rs writes none; validators require it);
//! - `w:gridCol` loses the undeclared `w:type` attribute docx-rs gives it;
//! - the empty paragraph docx-rs adds to carry a section break gets the 1 pt
//!   `SectionBreak` style, so it never spills onto a blank page of its own;
//! - empty property blocks (`<w:rPr/>` on every run and paragraph) are dropped;
//! - settings.xml and docProps/core.xml are written anew: no East-Asian
//!   compatibility flags, title / subject / creator / created set (notes 4, 12).
//!
//! The parts are parsed into a small tree that keeps text and attribute values
//! exactly as docx-rs escaped them, so no text is ever unescaped and re-escaped.

use quick_xml::events::Event;
use quick_xml::Reader;

/// An XML node: element or raw (still escaped) text.
#[derive(Debug, Clone)]
pub(crate) enum Node {
    Element(Element),
    Text(String),
}

/// An element with its raw attributes.
#[derive(Debug, Clone)]
pub(crate) struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

impl Element {
    fn new(name: &str) -> Self {
        Element { name: name.to_string(), attrs: Vec::new(), children: Vec::new() }
    }

    fn attr(mut self, k: &str, v: &str) -> Self {
        self.attrs.push((k.to_string(), v.to_string()));
        self
    }

    fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    fn elements_mut(&mut self) -> impl Iterator<Item = &mut Element> {
        self.children.iter_mut().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    fn child_mut(&mut self, name: &str) -> Option<&mut Element> {
        self.elements_mut().find(|e| e.name == name)
    }

    fn get_attr(&self, k: &str) -> Option<&str> {
        self.attrs.iter().find(|(a, _)| a == k).map(|(_, v)| v.as_str())
    }
}

/// A parsed XML part.
pub(crate) struct XmlPart {
    pub root: Element,
}

/// Parses a part. docx-rs's output is well-formed; an error here is a bug.
pub(crate) fn parse(bytes: &[u8]) -> Result<XmlPart, String> {
    let mut reader = Reader::from_reader(bytes);
    let mut stack: Vec<Element> = vec![Element::new("#document")];
    let raw = |b: &[u8]| String::from_utf8(b.to_vec()).map_err(|e| e.to_string());
    loop {
        let ev = reader.read_event().map_err(|e| format!("XML error at byte {}: {e}", reader.buffer_position()))?;
        match ev {
            Event::Start(e) => {
                let mut el = Element::new(&raw(e.name().as_ref())?);
                for a in e.attributes() {
                    let a = a.map_err(|e| e.to_string())?;
                    el.attrs.push((raw(a.key.as_ref())?, raw(&a.value)?));
                }
                stack.push(el);
            }
            Event::Empty(e) => {
                let mut el = Element::new(&raw(e.name().as_ref())?);
                for a in e.attributes() {
                    let a = a.map_err(|e| e.to_string())?;
                    el.attrs.push((raw(a.key.as_ref())?, raw(&a.value)?));
                }
                push_child(&mut stack, Node::Element(el))?;
            }
            Event::End(_) => {
                let el = stack.pop().ok_or("unbalanced end tag")?;
                push_child(&mut stack, Node::Element(el))?;
            }
            Event::Text(t) => push_text(&mut stack, &raw(&t)?)?,
            Event::GeneralRef(r) => push_text(&mut stack, &format!("&{};", raw(&r)?))?,
            Event::CData(c) => push_text(&mut stack, &crate::conform::escape(&raw(&c)?))?,
            Event::Decl(_) | Event::Comment(_) | Event::PI(_) | Event::DocType(_) => {}
            Event::Eof => break,
        }
    }
    let mut doc = stack.pop().ok_or("empty document")?;
    if !stack.is_empty() {
        return Err("unclosed element".into());
    }
    let root = doc
        .children
        .drain(..)
        .find_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
        .ok_or("no root element")?;
    Ok(XmlPart { root })
}

fn push_child(stack: &mut [Element], node: Node) -> Result<(), String> {
    stack.last_mut().ok_or("unbalanced end tag")?.children.push(node);
    Ok(())
}

fn push_text(stack: &mut [Element], text: &str) -> Result<(), String> {
    let top = stack.last_mut().ok_or("text outside the root")?;
    if let Some(Node::Text(prev)) = top.children.last_mut() {
        prev.push_str(text);
    } else {
        top.children.push(Node::Text(text.to_string()));
    }
    Ok(())
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

impl XmlPart {
    /// Serialises with an XML declaration.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = String::with_capacity(4096);
        out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n");
        write_element(&self.root, &mut out);
        out.into_bytes()
    }
}

fn write_element(e: &Element, out: &mut String) {
    out.push('<');
    out.push_str(&e.name);
    for (k, v) in &e.attrs {
        out.push(' ');
        out.push_str(k);
        out.push_str("=\"");
        out.push_str(v);
        out.push('"');
    }
    if e.children.is_empty() {
        out.push_str("/>");
        return;
    }
    out.push('>');
    for c in &e.children {
        match c {
            Node::Element(el) => write_element(el, out),
            Node::Text(t) => out.push_str(t),
        }
    }
    out.push_str("</");
    out.push_str(&e.name);
    out.push('>');
}

/// Schema order of the children of each property block (ECMA-376 Part 1,
/// wml.xsd). Children not listed keep their relative order after the listed ones.
fn schema_order(parent: &str) -> Option<&'static [&'static str]> {
    Some(match parent {
        "w:pPr" => &[
            "w:pStyle",
            "w:keepNext",
            "w:keepLines",
            "w:pageBreakBefore",
            "w:framePr",
            "w:widowControl",
            "w:numPr",
            "w:suppressLineNumbers",
            "w:pBdr",
            "w:shd",
            "w:tabs",
            "w:suppressAutoHyphens",
            "w:kinsoku",
            "w:wordWrap",
            "w:overflowPunct",
            "w:topLinePunct",
            "w:autoSpaceDE",
            "w:autoSpaceDN",
            "w:bidi",
            "w:adjustRightInd",
            "w:snapToGrid",
            "w:spacing",
            "w:ind",
            "w:contextualSpacing",
            "w:mirrorIndents",
            "w:suppressOverlap",
            "w:jc",
            "w:textDirection",
            "w:textAlignment",
            "w:textboxTightWrap",
            "w:outlineLvl",
            "w:divId",
            "w:cnfStyle",
            "w:rPr",
            "w:sectPr",
            "w:pPrChange",
        ],
        "w:rPr" => &[
            "w:ins",
            "w:del",
            "w:moveFrom",
            "w:moveTo",
            "w:rStyle",
            "w:rFonts",
            "w:b",
            "w:bCs",
            "w:i",
            "w:iCs",
            "w:caps",
            "w:smallCaps",
            "w:strike",
            "w:dstrike",
            "w:outline",
            "w:shadow",
            "w:emboss",
            "w:imprint",
            "w:noProof",
            "w:snapToGrid",
            "w:vanish",
            "w:webHidden",
            "w:color",
            "w:spacing",
            "w:w",
            "w:kern",
            "w:position",
            "w:sz",
            "w:szCs",
            "w:highlight",
            "w:u",
            "w:effect",
            "w:bdr",
            "w:shd",
            "w:fitText",
            "w:vertAlign",
            "w:rtl",
            "w:cs",
            "w:em",
            "w:lang",
            "w:eastAsianLayout",
            "w:specVanish",
            "w:oMath",
            "w:rPrChange",
        ],
        "w:sectPr" => &[
            "w:headerReference",
            "w:footerReference",
            "w:footnotePr",
            "w:endnotePr",
            "w:type",
            "w:pgSz",
            "w:pgMar",
            "w:paperSrc",
            "w:pgBorders",
            "w:lnNumType",
            "w:pgNumType",
            "w:cols",
            "w:formProt",
            "w:vAlign",
            "w:noEndnote",
            "w:titlePg",
            "w:textDirection",
            "w:bidi",
            "w:rtlGutter",
            "w:docGrid",
            "w:printerSettings",
            "w:sectPrChange",
        ],
        "w:tblPr" => &[
            "w:tblStyle",
            "w:tblpPr",
            "w:tblOverlap",
            "w:bidiVisual",
            "w:tblStyleRowBandSize",
            "w:tblStyleColBandSize",
            "w:tblW",
            "w:jc",
            "w:tblCellSpacing",
            "w:tblInd",
            "w:tblBorders",
            "w:shd",
            "w:tblLayout",
            "w:tblCellMar",
            "w:tblLook",
            "w:tblCaption",
            "w:tblDescription",
            "w:tblPrChange",
        ],
        "w:tcPr" => &[
            "w:cnfStyle",
            "w:tcW",
            "w:gridSpan",
            "w:hMerge",
            "w:vMerge",
            "w:tcBorders",
            "w:shd",
            "w:noWrap",
            "w:tcMar",
            "w:textDirection",
            "w:tcFitText",
            "w:vAlign",
            "w:hideMark",
            "w:headers",
            "w:cellIns",
            "w:cellDel",
            "w:cellMerge",
            "w:tcPrChange",
        ],
        "w:tblBorders" => &["w:top", "w:left", "w:start", "w:bottom", "w:right", "w:end", "w:insideH", "w:insideV"],
        "w:tcBorders" => &[
            "w:top",
            "w:left",
            "w:start",
            "w:bottom",
            "w:right",
            "w:end",
            "w:insideH",
            "w:insideV",
            "w:tl2br",
            "w:tr2bl",
        ],
        "w:tblCellMar" | "w:tcMar" => &["w:top", "w:left", "w:start", "w:bottom", "w:right", "w:end"],
        "w:style" => &[
            "w:name",
            "w:aliases",
            "w:basedOn",
            "w:next",
            "w:link",
            "w:autoRedefine",
            "w:hidden",
            "w:uiPriority",
            "w:semiHidden",
            "w:unhideWhenUsed",
            "w:qFormat",
            "w:locked",
            "w:personal",
            "w:personalCompose",
            "w:personalReply",
            "w:rsid",
            "w:pPr",
            "w:rPr",
            "w:tblPr",
            "w:trPr",
            "w:tcPr",
            "w:tblStylePr",
        ],
        "w:lvl" => &[
            "w:start",
            "w:numFmt",
            "w:lvlRestart",
            "w:pStyle",
            "w:isLgl",
            "w:suff",
            "w:lvlText",
            "w:lvlPicBulletId",
            "w:legacy",
            "w:lvlJc",
            "w:pPr",
            "w:rPr",
        ],
        "w:numPr" => &["w:ilvl", "w:numId", "w:numberingChange", "w:ins"],
        "w:tbl" => &["w:bookmarkStart", "w:tblPr", "w:tblGrid"],
        "w:tr" => &["w:tblPrEx", "w:trPr"],
        "w:tc" => &["w:tcPr"],
        "w:p" => &["w:pPr"],
        "w:r" => &["w:rPr"],
        _ => return None,
    })
}

/// Rank of a child in its parent's schema order; unknown names sort after known ones,
/// and for content containers (tbl, tr, tc, p, r) everything but the property block
/// keeps its place after it.
fn rank(order: &[&str], name: &str) -> usize {
    order.iter().position(|n| *n == name).unwrap_or(order.len())
}

/// Puts children in schema order, recursively; strips docx-rs's random ids.
fn reorder(e: &mut Element) {
    e.attrs.retain(|(k, _)| k != "w14:paraId" && k != "w14:textId");
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
        if !matches!(e.name.as_str(), "w:tbl" | "w:tr" | "w:tc" | "w:p" | "w:r") {
            e.children.retain(|n| matches!(n, Node::Element(_)));
        }
        e.children.sort_by_key(|n| match n {
            Node::Element(el) => rank(order, &el.name),
            Node::Text(_) => order.len(),
        });
    }
    // Empty property blocks are noise (docx-rs writes <w:rPr/> on every run and paragraph).
    e.children.retain(|n| !matches!(n, Node::Element(el) if matches!(el.name.as_str(), "w:rPr" | "w:pPr") && el.children.is_empty() && el.attrs.is_empty()));
}

/// Whether every paragraph of a row is in the table-heading style.
fn is_heading_row(tr: &Element, heading_style: &str) -> bool {
    let mut any = false;
    for tc in tr.elements().filter(|e| e.name == "w:tc") {
        for p in tc.elements().filter(|e| e.name == "w:p") {
            let style = p
                .elements()
                .find(|e| e.name == "w:pPr")
                .and_then(|ppr| ppr.elements().find(|e| e.name == "w:pStyle"))
                .and_then(|s| s.get_attr("w:val"));
            if style != Some(heading_style) {
                return false;
            }
            any = true;
        }
    }
    any
}

/// Marks the leading heading rows of every table as repeating header rows.
fn mark_header_rows(e: &mut Element, heading_style: &str) {
    if e.name == "w:tbl" {
        for tr in e.elements_mut().filter(|c| c.name == "w:tr") {
            if !is_heading_row(tr, heading_style) {
                break;
            }
            let has_trpr = tr.elements().any(|c| c.name == "w:trPr");
            if !has_trpr {
                let at = tr
                    .children
                    .iter()
                    .position(|n| matches!(n, Node::Element(el) if el.name != "w:tblPrEx"))
                    .unwrap_or(0);
                tr.children.insert(at, Node::Element(Element::new("w:trPr")));
            }
            if let Some(trpr) = tr.child_mut("w:trPr") {
                if !trpr.elements().any(|c| c.name == "w:tblHeader") {
                    trpr.children.push(Node::Element(Element::new("w:tblHeader")));
                }
            }
        }
    }
    for c in e.elements_mut() {
        mark_header_rows(c, heading_style);
    }
}

/// The first `w:sectPr` in document order.
fn first_sect_pr(e: &mut Element) -> Option<&mut Element> {
    if e.name == "w:sectPr" {
        return Some(e);
    }
    e.elements_mut().find_map(first_sect_pr)
}

/// Gives every run-less paragraph that carries a `w:sectPr` the section-break style.
fn style_section_breaks(e: &mut Element, style: &str) {
    if e.name == "w:p" && !e.elements().any(|c| c.name == "w:r") {
        if let Some(ppr) = e.child_mut("w:pPr") {
            if ppr.elements().any(|c| c.name == "w:sectPr") && !ppr.elements().any(|c| c.name == "w:pStyle") {
                ppr.children.push(Node::Element(Element::new("w:pStyle").attr("w:val", style)));
            }
        }
        return;
    }
    for c in e.elements_mut() {
        style_section_breaks(c, style);
    }
}

/// document.xml: header rows, title page, section-break paragraphs, schema order.
pub(crate) fn document_part(bytes: &[u8], heading_style: &str) -> Result<Vec<u8>, String> {
    let mut part = parse(bytes)?;
    style_section_breaks(&mut part.root, crate::styles::id::SECTION_BREAK);
    if let Some(sect) = first_sect_pr(&mut part.root) {
        if !sect.elements().any(|e| e.name == "w:titlePg") {
            sect.children.push(Node::Element(Element::new("w:titlePg")));
        }
    }
    mark_header_rows(&mut part.root, heading_style);
    reorder(&mut part.root);
    Ok(part.to_bytes())
}

/// Header and footer parts.
pub(crate) fn content_part(bytes: &[u8], heading_style: &str) -> Result<Vec<u8>, String> {
    let mut part = parse(bytes)?;
    mark_header_rows(&mut part.root, heading_style);
    reorder(&mut part.root);
    Ok(part.to_bytes())
}

/// styles.xml: schema order, `w:lang` in the document defaults, one default Normal.
pub(crate) fn styles_part(bytes: &[u8], language: &str) -> Result<Vec<u8>, String> {
    let mut part = parse(bytes)?;
    let root = &mut part.root;
    if let Some(defaults) = root.child_mut("w:docDefaults") {
        if let Some(rpr_default) = defaults.child_mut("w:rPrDefault") {
            if rpr_default.child_mut("w:rPr").is_none() {
                rpr_default.children.push(Node::Element(Element::new("w:rPr")));
            }
            if let Some(rpr) = rpr_default.child_mut("w:rPr") {
                rpr.children.retain(|n| !matches!(n, Node::Element(e) if e.name == "w:lang"));
                let lang = escape(language);
                rpr.children.push(Node::Element(
                    Element::new("w:lang").attr("w:val", &lang).attr("w:eastAsia", &lang).attr("w:bidi", "ar-SA"),
                ));
            }
        }
    }
    // Exactly one Normal, marked as the default paragraph style.
    let mut seen_normal = false;
    root.children.retain(|n| match n {
        Node::Element(e) if e.name == "w:style" && e.get_attr("w:styleId") == Some("Normal") => {
            !std::mem::replace(&mut seen_normal, true)
        }
        _ => true,
    });
    for s in root.elements_mut().filter(|e| e.name == "w:style") {
        if s.get_attr("w:styleId") == Some("Normal") && s.get_attr("w:default").is_none() {
            s.attrs.push(("w:default".into(), "1".into()));
        }
    }
    reorder(root);
    Ok(part.to_bytes())
}

/// Other XML parts: schema order only.
pub(crate) fn plain_part(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut part = parse(bytes)?;
    reorder(&mut part.root);
    Ok(part.to_bytes())
}

/// Adds a relationship to a relationships part.
pub(crate) fn add_relationship(rels: &[u8], id: &str, rel_type: &str, target: &str) -> Result<Vec<u8>, String> {
    let mut part = parse(rels)?;
    part.root
        .children
        .push(Node::Element(Element::new("Relationship").attr("Id", id).attr("Type", rel_type).attr("Target", target)));
    Ok(part.to_bytes())
}

/// Adds a content-type override to [Content_Types].xml.
pub(crate) fn add_override(content_types: &[u8], part_name: &str, content_type: &str) -> Result<Vec<u8>, String> {
    let mut part = parse(content_types)?;
    part.root
        .children
        .push(Node::Element(Element::new("Override").attr("PartName", part_name).attr("ContentType", content_type)));
    Ok(part.to_bytes())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reorders_run_properties_and_keeps_text_raw() {
        let xml = br#"<w:document xmlns:w="x"><w:p w14:paraId="1A"><w:r><w:rPr><w:sz w:val="28"/><w:b/></w:rPr><w:t xml:space="preserve">a &amp; &lt;b&gt;</w:t></w:r></w:p></w:document>"#;
        let out = String::from_utf8(content_part(xml, "TableHeading").unwrap()).unwrap();
        assert!(out.contains(r#"<w:rPr><w:b/><w:sz w:val="28"/></w:rPr>"#), "{out}");
        assert!(out.contains("a &amp; &lt;b&gt;"), "{out}");
        assert!(!out.contains("paraId"), "{out}");
    }

    #[test]
    fn heading_rows_repeat() {
        let xml = br#"<w:tbl><w:tblPr/><w:tr><w:tc><w:p><w:pPr><w:pStyle w:val="TableHeading"/></w:pPr></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr></w:p></w:tc></w:tr></w:tbl>"#;
        let out = String::from_utf8(content_part(xml, "TableHeading").unwrap()).unwrap();
        assert_eq!(out.matches("<w:tblHeader/>").count(), 1, "{out}");
        assert!(out.contains("<w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc>"), "{out}");
    }
}
