//! Peak heap memory of parsing, validating and rendering the worst inputs the
//! documented limits allow (`baocao_core::limits`), counted by a global
//! allocator: deterministic, unlike timings. One test function, so nothing else
//! allocates in this process while it measures. It parses inputs of up to 16 MiB,
//! so it runs in release builds only (`scripts/test.sh` runs it that way).

use baocao_core::{limits, parse, validate, Context, Format, Report};
use peak_alloc::PeakAlloc;

#[global_allocator]
static HEAP: PeakAlloc = PeakAlloc;

const MIB: usize = 1024 * 1024;
/// The bound for any input the limits allow.
const WORST: usize = 512 * MIB;

/// Peak heap above what was live before `f` ran.
fn peak_of<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let base = HEAP.current_usage();
    HEAP.reset_peak_usage();
    let out = f();
    (out, HEAP.peak_usage().saturating_sub(base))
}

fn example() -> Report {
    parse(include_str!("../../../examples/bao-cao-huyen-hoa-lam.yaml"), Format::Yaml).expect("example")
}

/// The example with `n` blocks from `make` as the dissemination's paragraphs, as JSON.
fn json_with(v: &serde_json::Value, make: &dyn Fn(usize) -> serde_json::Value, n: usize) -> String {
    let mut v = v.clone();
    v["dissemination"]["paragraphs"] = serde_json::Value::Array((0..n).map(make).collect());
    serde_json::to_string(&v).expect("json")
}

/// As many blocks as fit just under `fill` bytes of JSON.
fn json_filled(make: &dyn Fn(usize) -> serde_json::Value, fill: usize) -> String {
    let v = baocao_core::to_value(&example()).expect("json");
    let one = json_with(&v, make, 1000).len() - json_with(&v, make, 0).len();
    let mut n = (fill - json_with(&v, make, 0).len()) * 1000 / one;
    loop {
        let text = json_with(&v, make, n);
        if text.len() <= fill {
            return text;
        }
        n -= n / 100 + 1;
    }
}

/// Parses, validates and renders `text`; the peak heap, and that it rendered.
fn run(text: &str, format: Format) -> usize {
    let (rendered, peak) = peak_of(|| {
        let report = parse(text, format).expect("parses");
        validate(&report, &Context::default()).expect("valid");
        baocao_docx::render(&report, &Default::default()).expect("renders").len()
    });
    assert!(rendered > 0);
    peak
}

/// Parses and validates `text`, which the limits refuse; the peak heap.
fn refused(text: &str, format: Format) -> usize {
    let (problems, peak) = peak_of(|| {
        let report = parse(text, format).expect("parses");
        validate(&report, &Context::default()).expect_err("refused").0
    });
    assert!(problems.iter().any(|p| p.code == baocao_core::Code::TooLarge), "{problems:?}");
    peak
}

#[cfg_attr(debug_assertions, ignore = "parses 16 MiB inputs: run in release (scripts/test.sh)")]
#[test]
fn memory_is_bounded_whatever_the_input() {
    let json_limit = limits::MAX_INPUT_BYTES - 64 * 1024;
    let mut seen = Vec::new();
    let mut check = |what: String, peak: usize, bound: usize| {
        seen.push(if bound < MIB {
            format!("{what}: {peak} bytes (bound {bound})")
        } else {
            format!("{what}: {:.1} MiB (bound {} MiB)", peak as f64 / MIB as f64, bound / MIB)
        });
        assert!(peak <= bound, "{}", seen.join("\n"));
    };

    // Ordinary prose: at most 32 MB + 4 × the input.
    let sentence = "Cấp ủy, chính quyền các cấp đã quan tâm lãnh đạo, chỉ đạo và coi công tác trẻ em là nhiệm vụ thường xuyên; chỉ tiêu về trẻ em được đưa vào kế hoạch phát triển kinh tế - xã hội hằng năm. ".repeat(2);
    for fill in [MIB, 6 * MIB] {
        let text = json_filled(&|i| serde_json::json!(format!("{sentence}{i}")), fill);
        check(format!("prose, {} KiB of JSON", text.len() / 1024), run(&text, Format::Json), 32 * MIB + 4 * text.len());
    }

    // One-letter paragraphs up to the paragraph limit: the most blocks per byte.
    let most = limits::MAX_PARAGRAPHS - 2_000;
    let v = baocao_core::to_value(&example()).expect("json");
    let text = json_with(&v, &|_| serde_json::json!("a"), most);
    check(format!("{most} one-letter paragraphs"), run(&text, Format::Json), WORST);
    // Past it, 16 MiB of them are refused, memory flat.
    let text = json_filled(&|_| serde_json::json!("a"), json_limit);
    check(
        format!("one-letter paragraphs, {} MiB of JSON (refused)", text.len() / MIB),
        refused(&text, Format::Json),
        WORST,
    );

    // A statistics row: at most 2 KB (the growth from 5,000 to 10,000 rows).
    let row = |i: usize| serde_json::json!({"name": format!("Chỉ tiêu {i}"), "unit": "người", "values": [1,2,3,4,5,6,7,8,9,10]});
    let stats = |rows: usize| {
        let mut v = baocao_core::to_value(&example()).expect("json");
        v["statistics"][0]["groups"] = serde_json::json!([{"indicators": (0..rows).map(row).collect::<Vec<_>>()}]);
        serde_json::to_string(&v).expect("json")
    };
    let (small, large) = (run(&stats(5_000), Format::Json), run(&stats(10_000), Format::Json));
    check("one statistics row".into(), large.saturating_sub(small) / 5_000, 2000);
    let rows = limits::MAX_PARAGRAPHS / 15 - 200;
    check(format!("{rows} indicator rows (the paragraph limit)"), run(&stats(rows), Format::Json), WORST);

    // Body tables of one-digit cells up to the paragraph limit: ten columns, and one.
    let table = |cols: usize, rows: usize| serde_json::json!({"table": {"header": (0..cols).map(|c| format!("C{c}")).collect::<Vec<_>>(), "rows": vec![vec![1; cols]; rows]}});
    for cols in [10, 1] {
        let rows = (limits::MAX_PARAGRAPHS - 2_000) / cols - 1;
        let text = json_with(&v, &|_| table(cols, rows), 1);
        check(format!("a table of {rows} rows × {cols} columns"), run(&text, Format::Json), WORST);
    }

    // Recipients up to their limit, each a long line.
    let mut r = example();
    r.frame.recipients = (0..limits::MAX_RECIPIENTS - 1)
        .map(|i| {
            baocao_core::Text::new(format!("Ban Thường vụ Đảng ủy xã số {i} và các chi bộ trực thuộc (để thực hiện)"))
        })
        .chain([baocao_core::Text::new("Lưu Văn phòng Huyện ủy")])
        .collect();
    let text = baocao_core::write(&r, Format::Json).expect("json");
    check(format!("{} recipients", limits::MAX_RECIPIENTS), run(&text, Format::Json), 64 * MIB);

    // YAML and TOML, one-letter items up to their limit: the most parser items
    // per byte (in a purpose section added at the end of the example); over the
    // paragraph limit, so refused after parsing.
    let mut r = example();
    r.purpose = None;
    let yaml = baocao_core::write(&r, Format::Yaml).expect("yaml");
    let n = (limits::MAX_YAML_TOML_BYTES - yaml.len() - 1024) / 6;
    let yaml = format!("{yaml}purpose:\n  paragraphs:\n{}", "  - a\n".repeat(n));
    check(format!("YAML one-letter items, {} MiB", yaml.len() / MIB), refused(&yaml, Format::Yaml), WORST);
    let toml = baocao_core::write(&r, Format::Toml).expect("toml");
    let n = (limits::MAX_YAML_TOML_BYTES - toml.len() - 1024) / 4;
    let toml = format!("{toml}\n[purpose]\nparagraphs = [{}]\n", vec!["\"a\""; n].join(","));
    check(format!("TOML one-letter items, {} MiB", toml.len() / MIB), refused(&toml, Format::Toml), WORST);

    // YAML aliases: a 1 MiB string named many times is refused while measuring.
    let yaml = format!("frame: &a \"{}\"\nother:\n{}", "x".repeat(MIB), "  - *a\n".repeat(64));
    let (err, peak) = peak_of(|| parse(&yaml, Format::Yaml).expect_err("refused"));
    assert!(err.message(baocao_core::Lang::En).contains("aliases"), "{err}");
    check("YAML aliases expanding to 64 MiB".into(), peak, 16 * MIB);

    eprintln!("{}", seen.join("\n"));
}
