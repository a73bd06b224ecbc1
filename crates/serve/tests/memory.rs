//! The server's memory under 16 concurrent maximum-size render requests, counted
//! by a global allocator (deterministic, unlike timings).
//!
//! The bound follows from the design: only the workers read bodies (a request
//! waiting in the queue holds its connection, not its body), each at most the
//! input limit, so the peak is at most workers × (the body + what a render of it
//! takes). With the default 4 workers and 16 MiB of prose (render: at most
//! 32 MiB + 4 × the input, `crates/docx/tests/memory.rs`) that is
//! 4 × (16 + 32 + 64) MiB = 448 MiB; asserted: 512 MiB. Release builds only.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::Arc;

use peak_alloc::PeakAlloc;

#[global_allocator]
static HEAP: PeakAlloc = PeakAlloc;

const MIB: usize = 1024 * 1024;
const BOUND: usize = 512 * MIB;

/// The example with its dissemination filled with prose up to just under the input limit.
fn largest_request() -> Vec<u8> {
    let example =
        baocao_core::parse(include_str!("../../../examples/bao-cao-huyen-hoa-lam.yaml"), baocao_core::Format::Yaml)
            .expect("example");
    let mut v = baocao_core::to_value(&example).expect("json");
    let sentence = "Cấp ủy, chính quyền các cấp đã quan tâm lãnh đạo, chỉ đạo và coi công tác trẻ em là nhiệm vụ thường xuyên; chỉ tiêu về trẻ em được đưa vào kế hoạch phát triển kinh tế - xã hội hằng năm. ".repeat(2);
    let base = serde_json::to_string(&v).expect("json").len();
    let room = baocao_core::limits::MAX_INPUT_BYTES - base - 64 * 1024;
    let n = room / (sentence.len() + 8);
    v["dissemination"]["paragraphs"] =
        serde_json::Value::Array((0..n).map(|i| serde_json::json!(format!("{sentence}{i}"))).collect());
    serde_json::to_vec(&v).expect("json")
}

/// Sends one request; the status code (the answer is read and dropped in pieces).
fn post(port: u16, body: &[u8]) -> u16 {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connects");
    let head = format!("POST /api/render HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len());
    if s.write_all(head.as_bytes()).is_err() {
        return 0;
    }
    // A 503 may come (and the connection close) before the whole body is sent.
    let _ = s.write_all(body);
    let mut first = [0u8; 12];
    if s.read_exact(&mut first).is_err() {
        return 0;
    }
    let mut sink = [0u8; 64 * 1024];
    while matches!(s.read(&mut sink), Ok(n) if n > 0) {}
    std::str::from_utf8(&first[9..12]).ok().and_then(|c| c.parse().ok()).unwrap_or(0)
}

#[cfg_attr(debug_assertions, ignore = "renders 16 MiB inputs: run in release (scripts/test.sh)")]
#[test]
fn sixteen_concurrent_largest_renders_stay_under_the_bound() {
    let body = Arc::new(largest_request());
    assert!(body.len() <= baocao_core::limits::MAX_INPUT_BYTES && body.len() > 15 * MIB);
    let server =
        baocao_serve::Server::bind(baocao_serve::ServeOptions { port: 0, ..Default::default() }).expect("binds");
    let port = server.addr().port();
    std::thread::spawn(move || server.run(|| chrono::NaiveDate::from_ymd_opt(2022, 3, 1).expect("date")));
    let base = HEAP.current_usage();
    HEAP.reset_peak_usage();
    let clients: Vec<_> = (0..16)
        .map(|_| {
            let body = Arc::clone(&body);
            std::thread::spawn(move || post(port, &body))
        })
        .collect();
    let codes: Vec<u16> = clients.into_iter().map(|c| c.join().expect("client")).collect();
    let peak = HEAP.peak_usage().saturating_sub(base);
    eprintln!(
        "16 concurrent 16 MiB renders: answers {codes:?}, peak heap {:.1} MiB (bound {} MiB)",
        peak as f64 / MIB as f64,
        BOUND / MIB
    );
    assert!(codes.iter().all(|c| *c == 200 || *c == 503), "{codes:?}");
    assert!(codes.iter().filter(|c| **c == 200).count() >= 4, "the pool rendered: {codes:?}");
    assert!(peak <= BOUND, "peak {peak} bytes");
}
