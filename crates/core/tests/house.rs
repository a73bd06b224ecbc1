//! The house a newcomer finds: every link in the repository's documents leads
//! to a file in the repository, and in every crate of the workspace the modules
//! depend on each other one way. Each module's `crate::…` paths are read from its source (names the
//! crate root re-exports are followed to the module that defines them), and the
//! graph of modules (the crate root aside: it declares them all) must have no
//! cycle. A new cycle fails here with the modules that form it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The Rust files of a module: `name.rs`, or everything under `name/`.
fn files(path: &Path) -> Vec<PathBuf> {
    if path.is_dir() {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(path).expect("folder").flatten() {
            out.extend(files(&entry.path()));
        }
        out
    } else if path.extension().is_some_and(|e| e == "rs") {
        vec![path.to_path_buf()]
    } else {
        Vec::new()
    }
}

/// Identifiers after `crate::` in a source, with `crate::{a, b::c}` lists
/// expanded to their first segments.
fn crate_paths(source: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = source;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(list) = rest.strip_prefix('{') {
            // The first segment of each item of the list (nested lists skipped).
            let mut depth = 0;
            let mut item_start = true;
            let mut name = String::new();
            for c in list.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => item_start = true,
                    c if item_start && (c.is_alphanumeric() || c == '_') => name.push(c),
                    _ if item_start && !name.is_empty() => {
                        out.push(std::mem::take(&mut name));
                        item_start = false;
                    }
                    _ => {}
                }
            }
            if !name.is_empty() {
                out.push(name);
            }
        } else {
            let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            out.push(name);
        }
    }
    out
}

/// Names the crate root re-exports (`pub use module::{A, B}` / `pub use module::A`),
/// with the module that defines them.
fn re_exports(lib: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for line in lib.lines().map(str::trim).filter(|l| l.starts_with("pub use ") || l.starts_with("pub(crate) use ")) {
        let path = line.split_once("use ").map_or("", |(_, p)| p).trim_end_matches(';');
        let Some((module, names)) = path.split_once("::") else { continue };
        let names = names.trim_start_matches('{').trim_end_matches('}');
        for n in names.split(',') {
            let n = n.trim().rsplit("::").next().unwrap_or("").split(" as ").last().unwrap_or("").trim().to_string();
            if !n.is_empty() {
                out.insert(n, module.to_string());
            }
        }
    }
    out
}

/// A cycle in the graph, if there is one.
fn cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(node.to_string(), 1);
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            match state.get(next.as_str()) {
                Some(1) => {
                    let from = path.iter().position(|p| p == next).unwrap_or(0);
                    let mut c = path[from..].to_vec();
                    c.push(next.clone());
                    return Some(c);
                }
                Some(_) => {}
                None => {
                    if let Some(c) = visit(next, graph, state, path) {
                        return Some(c);
                    }
                }
            }
        }
        path.pop();
        state.insert(node.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for node in graph.keys() {
        if !state.contains_key(node) {
            if let Some(c) = visit(node, graph, &mut state, &mut Vec::new()) {
                return Some(c);
            }
        }
    }
    None
}

#[test]
fn no_crate_has_a_module_cycle() {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut checked = 0;
    for krate in std::fs::read_dir(&crates).expect("crates").flatten() {
        let src = krate.path().join("src");
        let Ok(lib) = std::fs::read_to_string(src.join("lib.rs")) else { continue };
        let exports = re_exports(&lib);
        // The crate's top-level modules.
        let modules: BTreeMap<String, PathBuf> = std::fs::read_dir(&src)
            .expect("src")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_dir() || p.extension().is_some_and(|e| e == "rs"))
            .filter_map(|p| {
                let name = p.file_stem()?.to_string_lossy().into_owned();
                (!["lib", "main"].contains(&name.as_str())).then_some((name, p))
            })
            .collect();
        let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (name, path) in &modules {
            let edges = graph.entry(name.clone()).or_default();
            for file in files(path) {
                let source = std::fs::read_to_string(&file).expect("source");
                // Code only: a documentation link is not a dependency.
                let code: String =
                    source.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n");
                for target in crate_paths(&code) {
                    let module =
                        if modules.contains_key(&target) { Some(target) } else { exports.get(&target).cloned() };
                    if let Some(m) = module.filter(|m| m != name && modules.contains_key(m)) {
                        edges.insert(m);
                    }
                }
            }
        }
        if let Some(c) = cycle(&graph) {
            panic!("{}: modules in a cycle: {}", krate.path().display(), c.join(" → "));
        }
        checked += 1;
    }
    assert!(checked >= 5, "{checked} crates");
}

#[test]
fn a_cycle_is_found() {
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    g.insert("a".into(), ["b".to_string()].into());
    g.insert("b".into(), ["c".to_string()].into());
    g.insert("c".into(), ["a".to_string()].into());
    assert_eq!(cycle(&g), Some(vec!["a".into(), "b".into(), "c".into(), "a".into()]));
    g.insert("c".into(), BTreeSet::new());
    assert_eq!(cycle(&g), None);
    assert_eq!(
        crate_paths("use crate::{xml::{a, b}, conform};\nlet x = crate::stream::Body;"),
        ["xml", "conform", "stream"]
    );
}

/// The repository's Markdown files (outside build and tool folders).
fn markdown(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("folder").flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            if !name.starts_with('.') && !["target", "node_modules"].contains(&name.as_str()) {
                markdown(&path, out);
            }
        } else if name.ends_with(".md") {
            out.push(path);
        }
    }
}

#[test]
fn every_link_stays_in_the_repository() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("root");
    let mut files = Vec::new();
    markdown(&root, &mut files);
    assert!(files.iter().any(|f| f.ends_with("docs/layout.md")), "docs/ is there");
    let mut broken = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("text");
        if text.contains("../shared") {
            broken.push(format!("{}: names ../shared", file.display()));
        }
        // Markdown links to relative paths: [text](path) and [text](path#anchor).
        let mut rest = text.as_str();
        while let Some(at) = rest.find("](") {
            rest = &rest[at + 2..];
            let target = rest.split(')').next().unwrap_or("").split('#').next().unwrap_or("").trim();
            if target.is_empty() || target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            let resolved = file.parent().expect("folder").join(target);
            match resolved.canonicalize() {
                Ok(p) if p.starts_with(&root) => {}
                _ => broken.push(format!("{}: {target}", file.display())),
            }
        }
    }
    assert!(broken.is_empty(), "links that leave the repository or lead nowhere:\n{}", broken.join("\n"));
}
