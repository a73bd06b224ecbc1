//! A minimal Office theme part. Word expects one (a document without it is flagged
//! by the validators as missing a required relationship); docx-rs cannot write it.
//! Its fonts are Times New Roman, so theme-font text matches the layout's font.

/// Part name of the theme.
pub(crate) const PART: &str = "word/theme/theme1.xml";
/// Relationship type of a theme.
pub(crate) const REL_TYPE: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme";
/// Content type of a theme.
pub(crate) const CONTENT_TYPE: &str = "application/vnd.openxmlformats-officedocument.theme+xml";

fn solid(c: &str) -> String {
    format!("<a:solidFill><a:srgbClr val=\"{c}\"/></a:solidFill>")
}

/// The theme XML, with `font` as both the major and the minor Latin font.
pub(crate) fn theme_xml(font: &str) -> Vec<u8> {
    let font = crate::xml::escape(font);
    let colors = [
        ("dk1", "000000"),
        ("lt1", "FFFFFF"),
        ("dk2", "1F2A44"),
        ("lt2", "E7E6E6"),
        ("accent1", "4472C4"),
        ("accent2", "ED7D31"),
        ("accent3", "A5A5A5"),
        ("accent4", "FFC000"),
        ("accent5", "5B9BD5"),
        ("accent6", "70AD47"),
        ("hlink", "0563C1"),
        ("folHlink", "954F72"),
    ];
    let mut x = String::with_capacity(3000);
    x.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n");
    x.push_str(
        "<a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" name=\"baocao\"><a:themeElements>",
    );
    x.push_str("<a:clrScheme name=\"baocao\">");
    for (name, c) in colors {
        x.push_str(&format!("<a:{name}><a:srgbClr val=\"{c}\"/></a:{name}>"));
    }
    x.push_str("</a:clrScheme><a:fontScheme name=\"baocao\">");
    for kind in ["majorFont", "minorFont"] {
        x.push_str(&format!(
            "<a:{kind}><a:latin typeface=\"{font}\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/></a:{kind}>"
        ));
    }
    x.push_str("</a:fontScheme><a:fmtScheme name=\"baocao\"><a:fillStyleLst>");
    for _ in 0..3 {
        x.push_str(&solid("FFFFFF"));
    }
    x.push_str("</a:fillStyleLst><a:lnStyleLst>");
    for w in [6350, 12700, 19050] {
        x.push_str(&format!("<a:ln w=\"{w}\">{}</a:ln>", solid("000000")));
    }
    x.push_str("</a:lnStyleLst><a:effectStyleLst>");
    for _ in 0..3 {
        x.push_str("<a:effectStyle><a:effectLst/></a:effectStyle>");
    }
    x.push_str("</a:effectStyleLst><a:bgFillStyleLst>");
    for _ in 0..3 {
        x.push_str(&solid("FFFFFF"));
    }
    x.push_str("</a:bgFillStyleLst></a:fmtScheme></a:themeElements></a:theme>");
    x.into_bytes()
}
