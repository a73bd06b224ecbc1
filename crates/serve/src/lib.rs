//! `baocao serve`: a page where office staff fill in the report, and the JSON API
//! behind it, over the library (validate, render, check, extract, schema).
//!
//! A small synchronous server (tiny_http): one thread accepts requests and checks
//! what is cheap (the Host header, against DNS rebinding; the declared body size,
//! refused before a byte of it is read); a fixed pool of workers reads bodies (at
//! most the input limit) and answers; a request that finds the pool busy and its
//! short queue full is answered 503 at once, so load never piles up in memory. No
//! state on the server, nothing written to disk. The page's files are embedded in
//! the binary: one binary is the whole application, with no network needed.
//!
//! [`respond`] is the whole API as one pure function of a request (tested without a
//! socket); [`Server`] puts it on the network.
//!
//! ```
//! use baocao_serve::{respond, Request};
//! let reply = respond(&Request { method: "POST", path: "/api/validate", query: "lang=en", body: b"{\"frame\": 1}" }, None);
//! assert_eq!(reply.status, 400);
//! assert!(String::from_utf8_lossy(&reply.body).contains("\"path\":\"frame\""));
//! ```

use std::io::Read;
use std::net::{IpAddr, SocketAddr};
use std::sync::mpsc::{sync_channel, TrySendError};
use std::sync::{Arc, Mutex};

use baocao_core::{Format, Lang};
use serde_json::{json, Value};

/// The page's files, embedded.
const INDEX: &str = include_str!("page/index.html");
const SCRIPT: &str = include_str!("page/app.js");
const STYLE: &str = include_str!("page/app.css");

/// The largest request body: the input limit (16 MiB), which also holds any .docx
/// the reader takes.
pub const MAX_BODY: usize = baocao_core::limits::MAX_INPUT_BYTES;

/// How the server runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServeOptions {
    /// The address to listen on: 127.0.0.1 unless told otherwise.
    pub listen: IpAddr,
    /// The port (0: any free one).
    pub port: u16,
    /// Worker threads answering requests.
    pub workers: usize,
    /// Requests waiting for a worker; one more is answered 503.
    pub queue: usize,
    /// Host names accepted besides localhost and IP addresses (DNS rebinding
    /// protection: any other name in the Host header is refused).
    pub allowed_hosts: Vec<String>,
    /// The largest body accepted, in bytes.
    pub max_body: usize,
}

impl Default for ServeOptions {
    fn default() -> ServeOptions {
        ServeOptions {
            listen: IpAddr::from([127, 0, 0, 1]),
            port: 8080,
            workers: 4,
            queue: 8,
            allowed_hosts: Vec::new(),
            max_body: MAX_BODY,
        }
    }
}

/// A request as the API sees it.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    /// "GET", "POST" …
    pub method: &'a str,
    /// The path, without the query ("/api/render").
    pub path: &'a str,
    /// The query string, without "?" ("lang=en").
    pub query: &'a str,
    /// The body.
    pub body: &'a [u8],
}

/// An answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    /// The HTTP status.
    pub status: u16,
    /// Its content type.
    pub content_type: &'static str,
    /// A file name to download it as, if any.
    pub download: Option<String>,
    /// The body.
    pub body: Vec<u8>,
}

impl Reply {
    fn json(status: u16, value: &Value) -> Reply {
        Reply {
            status,
            content_type: "application/json; charset=utf-8",
            download: None,
            body: value.to_string().into_bytes(),
        }
    }

    fn text(status: u16, content_type: &'static str, text: &str) -> Reply {
        Reply { status, content_type, download: None, body: text.as_bytes().to_vec() }
    }

    fn error(status: u16, message: &str) -> Reply {
        Reply::json(status, &json!({ "error": message }))
    }
}

const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

fn lang_of(query: &str) -> Lang {
    if query.split('&').any(|p| p == "lang=en") {
        Lang::En
    } else {
        Lang::Vi
    }
}

/// A request's URL as its path and its query ("" without one).
fn split_url(url: &str) -> (&str, &str) {
    url.split_once('?').unwrap_or((url, ""))
}

fn param<'a>(query: &'a str, name: &str) -> Option<&'a str> {
    query.split('&').find_map(|p| p.strip_prefix(name).and_then(|rest| rest.strip_prefix('=')))
}

/// The API: a pure function of the request (and today's date, for the rule on
/// dates in the future).
pub fn respond(req: &Request<'_>, today: Option<chrono::NaiveDate>) -> Reply {
    let lang = lang_of(req.query);
    match (req.method, req.path) {
        ("GET", "/") | ("GET", "/index.html") => Reply::text(200, "text/html; charset=utf-8", INDEX),
        ("GET", "/app.js") => Reply::text(200, "text/javascript; charset=utf-8", SCRIPT),
        ("GET", "/app.css") => Reply::text(200, "text/css; charset=utf-8", STYLE),
        ("GET", "/api/schema") => Reply::text(200, "application/json; charset=utf-8", &baocao_core::json_schema()),
        ("POST", "/api/validate") => match report(req.body, lang) {
            Err(reply) => reply,
            Ok(r) => {
                let problems = baocao_core::problems(&r, &baocao_core::Context { today });
                Reply::json(200, &json!({ "ok": problems.is_empty(), "problems": problem_list(&problems, lang) }))
            }
        },
        ("POST", "/api/render") => match report(req.body, lang) {
            Err(reply) => reply,
            Ok(r) => {
                let mut options = baocao_docx::RenderOptions::default();
                options.context.today = today;
                match baocao_docx::render(&r, &options) {
                    Ok(bytes) => Reply { status: 200, content_type: DOCX, download: Some(file_name(&r)), body: bytes },
                    Err(baocao_docx::Error::Invalid(errors)) => {
                        Reply::json(422, &json!({ "problems": problem_list(&errors.0, lang) }))
                    }
                    Err(e) => Reply::error(500, &e.describe(lang)),
                }
            }
        },
        ("POST", "/api/check") => match baocao_check::check(req.body, &baocao_check::Layout::default()) {
            Err(e) => Reply::error(400, &e.describe(lang)),
            Ok(findings) => {
                let list: Vec<Value> = findings.iter().map(|f| f.to_json(lang)).collect();
                Reply::json(200, &json!({ "findings": list }))
            }
        },
        ("POST", "/api/extract") => {
            let options = baocao_read::ExtractOptions { changes: None, today };
            match baocao_read::extract_with(req.body, &options) {
                Err(e) => Reply::error(400, &e.describe(lang)),
                Ok(x) => {
                    let report = baocao_core::to_value(&x.report).unwrap_or(Value::Null);
                    let problems: Vec<Value> = x.problems.iter().map(|p| json!({ "line": p.line(lang) })).collect();
                    let notices: Vec<&str> = x.notices.iter().map(|n| n.get(lang)).collect();
                    Reply::json(200, &json!({ "report": report, "problems": problems, "notices": notices }))
                }
            }
        }
        // The draft as YAML (any shape: a draft need not be complete yet).
        ("POST", "/api/yaml") => match serde_json::from_slice::<Value>(req.body) {
            Err(e) => Reply::error(400, &e.to_string()),
            Ok(v) => match serde_yaml_ng::to_string(&v) {
                Ok(text) => Reply {
                    status: 200,
                    content_type: "application/yaml; charset=utf-8",
                    download: Some("ban-nhap.yaml".into()),
                    body: text.into_bytes(),
                },
                Err(e) => Reply::error(500, &e.to_string()),
            },
        },
        // A draft file (YAML, JSON or TOML) to data, with the parser's limits.
        ("POST", "/api/data") => {
            let format = param(req.query, "format").and_then(Format::from_name).unwrap_or(Format::Yaml);
            let Ok(text) = std::str::from_utf8(req.body) else {
                return Reply::error(400, lang.pick("tệp không phải văn bản UTF-8", "the file is not UTF-8 text"));
            };
            match baocao_core::parse_as::<Value>(text, format) {
                Ok(v) => Reply::json(200, &v),
                Err(e) => Reply::json(400, &json!({ "error": e.describe(lang), "path": e.path })),
            }
        }
        (_, "/" | "/index.html" | "/app.js" | "/app.css" | "/api/schema") => Reply::error(405, "GET"),
        (_, "/api/validate" | "/api/render" | "/api/check" | "/api/extract" | "/api/yaml" | "/api/data") => {
            Reply::error(405, "POST")
        }
        _ => Reply::error(404, lang.pick("không có trang này", "no such page")),
    }
}

/// The report in a JSON body: a 400 with the field's path when it does not read.
fn report(body: &[u8], lang: Lang) -> Result<baocao_core::Report, Reply> {
    let text = std::str::from_utf8(body)
        .map_err(|_| Reply::error(400, lang.pick("dữ liệu không phải văn bản UTF-8", "the body is not UTF-8 text")))?;
    baocao_core::parse(text, Format::Json).map_err(|e| {
        Reply::json(
            400,
            &json!({ "error": e.describe(lang), "path": e.path, "line": e.line, "column": e.column, "message": e.message(lang) }),
        )
    })
}

fn problem_list(problems: &[baocao_core::Problem], lang: Lang) -> Vec<Value> {
    problems.iter().map(|p| json!({ "path": p.path, "code": p.code.as_str(), "message": p.message(lang) })).collect()
}

/// "bao-cao-125-BC-HU.docx": the document's number and symbol, as a file name.
fn file_name(r: &baocao_core::Report) -> String {
    let symbol = baocao_core::format::document_symbol(r.frame.number, r.frame.issuer.organ_code.as_str());
    let safe: String = symbol
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    format!("bao-cao-{safe}.docx")
}

/// Whether a Host header may reach the API: localhost and loopback always; IP
/// addresses when listening beyond loopback; other names only when allowed.
pub fn host_allowed(host: &str, options: &ServeOptions) -> bool {
    let name = match host.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or(""),
        None => host
            .rsplit_once(':')
            .map_or(host, |(h, port)| if port.chars().all(|c| c.is_ascii_digit()) { h } else { host }),
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    if name == "localhost" || options.allowed_hosts.iter().any(|a| a.eq_ignore_ascii_case(&name)) {
        return true;
    }
    match name.parse::<IpAddr>() {
        Ok(ip) if ip.is_loopback() => true,
        Ok(ip) => !options.listen.is_loopback() && (options.listen.is_unspecified() || options.listen == ip),
        Err(_) => false,
    }
}

/// The server, bound to its address.
pub struct Server {
    http: Arc<tiny_http::Server>,
    options: ServeOptions,
    addr: SocketAddr,
}

impl Server {
    /// Binds the address (the port may be 0: see [`Server::addr`]).
    pub fn bind(options: ServeOptions) -> Result<Server, String> {
        let http = tiny_http::Server::http(SocketAddr::new(options.listen, options.port)).map_err(|e| e.to_string())?;
        let addr = http.server_addr().to_ip().ok_or("not an IP address")?;
        Ok(Server { http: Arc::new(http), options, addr })
    }

    /// The address bound.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Answers requests until the process ends. `today` gives the date for the
    /// rule on dates in the future (the caller's clock).
    pub fn run(self, today: fn() -> chrono::NaiveDate) {
        let (tx, rx) = sync_channel::<tiny_http::Request>(self.options.queue);
        let rx = Arc::new(Mutex::new(rx));
        for _ in 0..self.options.workers.max(1) {
            let rx = Arc::clone(&rx);
            let max_body = self.options.max_body;
            std::thread::spawn(move || loop {
                let next = rx.lock().unwrap_or_else(|p| p.into_inner()).recv();
                match next {
                    Ok(request) => work(request, max_body, today()),
                    Err(_) => return,
                }
            });
        }
        for request in self.http.incoming_requests() {
            if let Some(reply) = refuse_early(&request, &self.options) {
                send(request, reply);
                continue;
            }
            match tx.try_send(request) {
                Ok(()) => {}
                Err(TrySendError::Full(request)) | Err(TrySendError::Disconnected(request)) => {
                    let lang = lang_of(split_url(request.url()).1);
                    let busy = lang.pick(
                        "máy chủ đang bận: hãy thử lại sau ít giây",
                        "the server is busy: try again in a few seconds",
                    );
                    send(request, Reply::error(503, busy));
                }
            }
        }
    }
}

/// What the accepting thread refuses without reading the body: a Host it does not
/// serve, a body declared larger than the limit.
fn refuse_early(request: &tiny_http::Request, options: &ServeOptions) -> Option<Reply> {
    let lang = lang_of(split_url(request.url()).1);
    let host = request.headers().iter().find(|h| h.field.equiv("Host")).map(|h| h.value.as_str().to_string());
    match host {
        None => return Some(Reply::error(400, lang.pick("thiếu tiêu đề Host", "no Host header"))),
        Some(h) if !host_allowed(&h, options) => {
            return Some(Reply::error(
                403,
                &match lang {
                    Lang::Vi => {
                        format!("không phục vụ tên máy “{h}”: mở bằng địa chỉ của máy (hoặc chạy với --allow-host)")
                    }
                    Lang::En => {
                        format!("host `{h}` is not served: use the machine's address (or run with --allow-host)")
                    }
                },
            ))
        }
        Some(_) => {}
    }
    match request.body_length() {
        Some(n) if n > options.max_body => Some(Reply::error(
            413,
            &match lang {
                Lang::Vi => format!("dữ liệu quá lớn: {n} byte, tối đa {} byte", options.max_body),
                Lang::En => format!("body too large: {n} bytes, at most {}", options.max_body),
            },
        )),
        _ => None,
    }
}

/// A worker's part: the body read (at most the limit), the API's answer sent.
fn work(mut request: tiny_http::Request, max_body: usize, today: chrono::NaiveDate) {
    let url = request.url().to_string();
    let (path, query) = split_url(&url);
    // The declared length (already within the limit) sized at once, as the CLI
    // reads a file: no doubling copies of a large body.
    let mut body = Vec::with_capacity(request.body_length().unwrap_or(0).min(max_body) + 1);
    let read = request.as_reader().take(max_body as u64 + 1).read_to_end(&mut body);
    let reply = if read.is_err() {
        Reply::error(400, lang_of(query).pick("không đọc được dữ liệu gửi lên", "could not read the body"))
    } else if body.len() > max_body {
        Reply::error(413, lang_of(query).pick("dữ liệu quá lớn", "body too large"))
    } else {
        let method = request.method().as_str().to_string();
        respond(&Request { method: &method, path, query, body: &body }, Some(today))
    };
    send(request, reply);
}

fn header(name: &str, value: &str) -> Option<tiny_http::Header> {
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}

fn send(request: tiny_http::Request, reply: Reply) {
    let mut response = tiny_http::Response::from_data(reply.body).with_status_code(reply.status);
    let mut headers = vec![
        header("Content-Type", reply.content_type),
        header("X-Content-Type-Options", "nosniff"),
        header("Cache-Control", "no-store"),
        header("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; form-action 'self'"),
        header("Referrer-Policy", "no-referrer"),
    ];
    if let Some(name) = &reply.download {
        headers.push(header("Content-Disposition", &format!("attachment; filename=\"{name}\"")));
    }
    if reply.status == 503 {
        headers.push(header("Retry-After", "2"));
    }
    for h in headers.into_iter().flatten() {
        response = response.with_header(h);
    }
    let _ = request.respond(response);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts() {
        let local = ServeOptions::default();
        for ok in ["localhost:8080", "127.0.0.1:8080", "[::1]:8080", "LOCALHOST"] {
            assert!(host_allowed(ok, &local), "{ok}");
        }
        for bad in ["evil.example:8080", "192.168.1.5:8080", "localhost.evil.example", ""] {
            assert!(!host_allowed(bad, &local), "{bad}");
        }
        let office = ServeOptions {
            listen: IpAddr::from([0, 0, 0, 0]),
            allowed_hosts: vec!["vanphong".into()],
            ..ServeOptions::default()
        };
        assert!(host_allowed("192.168.1.5:8080", &office));
        assert!(host_allowed("vanphong:8080", &office));
        assert!(!host_allowed("evil.example", &office));
    }

    #[test]
    fn a_file_name_from_the_number() {
        let r = baocao_core::parse(include_str!("../../../examples/bao-cao-huyen-hoa-lam.yaml"), Format::Yaml)
            .expect("example");
        assert_eq!(file_name(&r), "bao-cao-125-BC-HU.docx");
    }
}
