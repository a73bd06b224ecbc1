//! Load for `baocao serve`: N clients, each on its own keep-alive connection,
//! POST the same report to /api/render for S seconds; prints the throughput, the
//! median and 99th-percentile latency, and the 503s. A benchmark, not a test:
//! `benches/serve.sh` runs it against a release server and reads its peak RSS.
//!
//!     cargo run --release -p baocao-serve --example load -- PORT report.json [CLIENTS] [SECONDS]
#![allow(missing_docs)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// One request on a kept-alive connection: the status and the time taken.
fn once(reader: &mut BufReader<TcpStream>, port: u16, body: &[u8]) -> std::io::Result<u16> {
    let head = format!("POST /api/render HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n", body.len());
    let s = reader.get_mut();
    s.write_all(head.as_bytes())?;
    s.write_all(body)?;
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let status: u16 = line.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    let mut length = 0usize;
    loop {
        line.clear();
        reader.read_line(&mut line)?;
        if line == "\r\n" || line.is_empty() {
            break;
        }
        if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
            length = v.trim().parse().unwrap_or(0);
        }
    }
    let mut rest = vec![0u8; length];
    reader.read_exact(&mut rest)?;
    Ok(status)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let port: u16 = args.first().and_then(|p| p.parse().ok()).expect("PORT");
    let body = std::fs::read(args.get(1).expect("report.json")).expect("reads the report");
    let clients: usize = args.get(2).and_then(|c| c.parse().ok()).unwrap_or(50);
    let seconds: u64 = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(30);
    let end = Instant::now() + Duration::from_secs(seconds);
    let threads: Vec<_> = (0..clients)
        .map(|_| {
            let body = body.clone();
            std::thread::spawn(move || {
                let (mut ok, mut busy, mut times) = (0usize, 0usize, Vec::new());
                let mut reader = None;
                while Instant::now() < end {
                    if reader.is_none() {
                        reader = TcpStream::connect(("127.0.0.1", port)).ok().map(BufReader::new);
                    }
                    let Some(r) = reader.as_mut() else { continue };
                    let t = Instant::now();
                    match once(r, port, &body) {
                        Ok(200) => {
                            ok += 1;
                            times.push(t.elapsed());
                        }
                        Ok(_) => {
                            busy += 1;
                            reader = None; // the server closes after a refusal
                            std::thread::sleep(Duration::from_millis(20));
                        }
                        Err(_) => reader = None,
                    }
                }
                (ok, busy, times)
            })
        })
        .collect();
    let (mut ok, mut busy, mut times) = (0, 0, Vec::new());
    for t in threads {
        let (o, b, ts) = t.join().expect("client");
        ok += o;
        busy += b;
        times.extend(ts);
    }
    times.sort();
    let pct = |p: f64| {
        times
            .get(((times.len() as f64 * p) as usize).min(times.len().saturating_sub(1)))
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    println!(
        "{clients} clients, {seconds} s: {ok} renders ({:.0}/s), p50 {:.1} ms, p99 {:.1} ms, {busy} answered 503",
        ok as f64 / seconds as f64,
        pct(0.50),
        pct(0.99)
    );
}
