//! A batch of 1,000 reports for different districts rendered on 1 thread and on all
//! cores, with `render` and with one prepared `Renderer` shared by the threads:
//! throughput and peak memory (VmHWM of this process).
//!
//!     cargo bench -p baocao-docx --bench batch

mod common;

use std::time::Instant;

fn peak_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kib| kib / 1024.0)
}

/// Renders `n` district reports on `threads` threads; each report is built when it
/// is rendered (as a batch job reads one input at a time). Returns reports/s.
fn run(base: &baocao_core::Report, n: usize, threads: usize, renderer: Option<&baocao_docx::Renderer>) -> f64 {
    let start = Instant::now();
    let total: usize = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                s.spawn(move || {
                    (t..n)
                        .step_by(threads)
                        .map(|i| {
                            let report = common::district_from(base, i);
                            let bytes = match renderer {
                                Some(r) => r.render(&report),
                                None => baocao_docx::render(&report, &Default::default()),
                            };
                            bytes.expect("renders").len()
                        })
                        .sum::<usize>()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("thread")).sum()
    });
    assert!(total > 0);
    n as f64 / start.elapsed().as_secs_f64()
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let base = common::example();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("batch: 1000 reports, {cores} cores, peak memory before rendering {:.1} MiB", peak_mib());
    let renderer = baocao_docx::Renderer::new(Default::default()).expect("options");
    run(&base, 50, cores, None); // warm-up
    for (how, prepared) in [("render", None), ("prepared", Some(&renderer))] {
        for threads in [1, cores] {
            let mut rates: Vec<f64> = (0..5).map(|_| run(&base, 1000, threads, prepared)).collect();
            rates.sort_by(f64::total_cmp);
            println!(
                "batch/{how}/{threads}_thread(s): {:.0} reports/s (median of 5), peak memory {:.1} MiB",
                rates[2],
                peak_mib()
            );
        }
    }
}
