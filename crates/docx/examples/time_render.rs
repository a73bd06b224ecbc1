//! Times rendering a report in process, for the comparison script:
//!
//!     cargo run --release -p baocao-docx --example time_render -- [INPUT] [N]
//!
//! Prints the milliseconds of each of N renders, one a line (INPUT defaults to the
//! shipped example; JSON, YAML or TOML by extension).
fn main() {
    let mut args = std::env::args().skip(1);
    let input = args.next();
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(20);
    let report = match input {
        Some(path) => {
            let text = std::fs::read_to_string(&path).expect("input");
            baocao_core::parse(&text, baocao_core::Format::from_path(&path).expect("extension")).expect("parses")
        }
        None => {
            baocao_core::parse(include_str!("../../../examples/bao-cao-huyen-hoa-lam.yaml"), baocao_core::Format::Yaml)
                .expect("example")
        }
    };
    let options = baocao_docx::RenderOptions::default();
    for _ in 0..n {
        let t = std::time::Instant::now();
        std::hint::black_box(baocao_docx::render(&report, &options).expect("renders"));
        println!("{:.4}", t.elapsed().as_secs_f64() * 1000.0);
    }
}
