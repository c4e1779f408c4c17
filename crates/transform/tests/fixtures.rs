//! Runs every case under `tests/fixtures`: a directory with an `input.*` file, the
//! `options.json` files of it and its parents merged (nearest wins), and the expected
//! `output.js` or, for a case that must fail, `output.stderr`.
//!
//! `UPDATE=1 cargo test` rewrites the expectations; review the diff.

use std::{
    fs,
    path::{Path, PathBuf},
};

use compiler_transform::{Compiler, FileInput};
use serde_json::{Map, Value};

fn fixtures_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

fn cases(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    if entries.iter().any(|p| input_name(p).is_some()) {
        out.push(dir.to_path_buf());
        return;
    }
    for path in entries {
        let hidden = path.file_name().unwrap().to_string_lossy().starts_with('.');
        if path.is_dir() && !hidden {
            cases(&path, out);
        }
    }
}

fn input_name(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    name.starts_with("input.").then(|| name.to_string())
}

/// Options of the case, inherited from `options.json` files up to the fixtures root.
fn options_for(case: &Path, root: &Path) -> Map<String, Value> {
    let mut chain = vec![];
    let mut dir = Some(case);
    while let Some(d) = dir {
        chain.push(d.join("options.json"));
        if d == root {
            break;
        }
        dir = d.parent();
    }
    let mut merged = Map::new();
    for file in chain.iter().rev().filter(|f| f.exists()) {
        let text = fs::read_to_string(file).unwrap();
        let Value::Object(map) = serde_json::from_str(&text).unwrap() else {
            panic!("{} is not an object", file.display())
        };
        merged.extend(map);
    }
    merged
}

fn run(case: &Path, root: &Path) -> (String, bool) {
    let input_file = fs::read_dir(case).unwrap().find_map(|e| input_name(&e.unwrap().path())).unwrap();
    let source = fs::read_to_string(case.join(&input_file)).unwrap();
    let mut options = options_for(case, root);
    options.entry("filename").or_insert(Value::String(input_file));
    let compiler = match Compiler::from_json(&Value::Object(options).to_string()) {
        Ok(c) => c,
        Err(d) => return (format!("{d}\n"), false),
    };
    match compiler.transform(&source, &FileInput::default()) {
        Ok(out) => (out.code, true),
        Err(diags) => (diags.iter().map(|d| format!("{d}\n")).collect::<Vec<_>>().join("\n"), false),
    }
}

#[test]
fn fixtures() {
    let root = fixtures_root().canonicalize().unwrap();
    let update = std::env::var_os("UPDATE").is_some();
    let mut all = vec![];
    cases(&root, &mut all);
    assert!(!all.is_empty(), "no fixtures found under {}", root.display());

    let mut failures = vec![];
    for case in &all {
        let (actual, ok) = run(case, &root);
        let (expected_file, stale_file) =
            if ok { ("output.js", "output.stderr") } else { ("output.stderr", "output.js") };
        let expected_path = case.join(expected_file);
        let name = case.strip_prefix(&root).unwrap().display().to_string();
        if update {
            fs::write(&expected_path, &actual).unwrap();
            let _ = fs::remove_file(case.join(stale_file));
            continue;
        }
        match fs::read_to_string(&expected_path) {
            Ok(expected) if expected == actual => {}
            Ok(expected) => failures.push(format!("{name}: {expected_file} differs\n--- expected\n{expected}\n--- actual\n{actual}")),
            Err(_) => failures.push(format!("{name}: expected {stale_file}, but got {expected_file}:\n{actual}")),
        }
    }
    println!("{} fixture cases", all.len());
    assert!(failures.is_empty(), "{} of {} fixtures failed:\n\n{}", failures.len(), all.len(), failures.join("\n\n"));
}
