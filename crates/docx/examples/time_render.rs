//! Times rendering a report in process, for the comparison script:
//!
//!     cargo run --release -p baocao-docx --example time_render -- [INPUT] [N] [--warmup W] [--prepared]
//!     cargo run --release -p baocao-docx --example time_render -- --write-eighteen-pages OUT.json
//!
//! Prints the milliseconds of each of N renders, one a line, after W untimed ones
//! (INPUT defaults to the shipped example; JSON, YAML or TOML by extension). With
//! `--prepared`, one `Renderer` (the fixed parts prepared once) renders them all:
//! the fastest way to render many reports. `--write-eighteen-pages` writes the
//! 18-page workload of the benchmarks as JSON, so that every peer builds the same.

#[path = "../benches/common/mod.rs"]
mod common;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(i) = args.iter().position(|a| a == "--write-eighteen-pages") {
        let out = args.get(i + 1).expect("an output path");
        let json = baocao_core::write(&common::eighteen_pages(), baocao_core::Format::Json).expect("json");
        std::fs::write(out, json).expect("write");
        return;
    }
    let flag = |name: &str| args.iter().position(|a| a == name);
    let warmup: usize = flag("--warmup").and_then(|i| args.get(i + 1)).and_then(|s| s.parse().ok()).unwrap_or(0);
    let prepared = flag("--prepared").is_some();
    let plain: Vec<&String> = args
        .iter()
        .enumerate()
        .filter(|(i, a)| !a.starts_with("--") && flag("--warmup").is_none_or(|w| *i != w + 1))
        .map(|(_, a)| a)
        .collect();
    let n: usize = plain.get(1).and_then(|s| s.parse().ok()).unwrap_or(20);
    let report = match plain.first() {
        Some(path) => {
            let text = std::fs::read_to_string(path).expect("input");
            baocao_core::parse(&text, baocao_core::Format::from_path(path).expect("extension")).expect("parses")
        }
        None => common::example(),
    };
    let options = baocao_docx::RenderOptions::default();
    let renderer = baocao_docx::Renderer::new(options.clone()).expect("options");
    let once = || {
        if prepared {
            renderer.render(&report).expect("renders")
        } else {
            baocao_docx::render(&report, &options).expect("renders")
        }
    };
    for _ in 0..warmup {
        std::hint::black_box(once());
    }
    for _ in 0..n {
        let t = std::time::Instant::now();
        std::hint::black_box(once());
        println!("{:.4}", t.elapsed().as_secs_f64() * 1000.0);
    }
}
