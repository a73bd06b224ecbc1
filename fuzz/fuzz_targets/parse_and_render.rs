//! Any input: parsing never panics; a report that parses and validates renders,
//! and the package unzips with every part present.
#![no_main]

use baocao_core::{parse, validate, Context, Format};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for format in [Format::Json, Format::Yaml, Format::Toml] {
        let Ok(report) = parse(text, format) else { continue };
        if validate(&report, &Context::default()).is_err() {
            continue;
        }
        let bytes = baocao_docx::render(&report, &Default::default()).expect("a valid report renders");
        assert_eq!(&bytes[..2], b"PK");
    }
});
