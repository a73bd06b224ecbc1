//! Writes N random valid reports (the property test's strategy, fixed seed) as
//! .docx files, for the oracles in the test command:
//!
//!     cargo run -p baocao-docx --example generate_reports -- OUT_DIR N
#[path = "../tests/support/strategy.rs"]
mod strategy;

use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().unwrap_or_else(|| "target/test-output/generated".into()));
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(3);
    std::fs::create_dir_all(&dir).expect("output folder");
    // A fixed seed: the same files every run, so a failure can be reproduced.
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]);
    let mut runner = TestRunner::new_with_rng(Config::default(), rng);
    for i in 0..n {
        let report = strategy::report().new_tree(&mut runner).expect("a report").current();
        let path = dir.join(format!("sinh-ngau-nhien-{i}.docx"));
        baocao_docx::render_to_file(&report, &Default::default(), &path, true).expect("renders");
        println!("{}", path.display());
    }
}
