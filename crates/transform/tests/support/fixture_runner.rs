//! Shared by the fixture tests of the transform and minify crates (included by path).
//!
//! A case is a directory with an `input.*` file; the `options.json` files of it and its
//! parents (up to the tree's root) are merged, nearest winning; the expectation is
//! `output.js`, or `output.stderr` for a case that must fail. `UPDATE=1` rewrites them.

use std::{
    fs,
    path::{Path, PathBuf},
};

use serde_json::{Map, Value};

pub fn fixtures_root(tree: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(tree)
        .canonicalize()
        .unwrap()
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    if entries.iter().any(|p| input_name(p).is_some()) {
        out.push(dir.to_path_buf());
        return;
    }
    for path in entries {
        let hidden = path.file_name().unwrap().to_string_lossy().starts_with('.');
        if path.is_dir() && !hidden {
            collect(&path, out);
        }
    }
}

fn input_name(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    name.starts_with("input.").then(|| name.to_string())
}

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

/// Runs `run(source, options, input file name)` → `Ok(output)` or `Err(stderr)` on every case.
pub fn run_fixtures(
    tree: &str,
    min_cases: usize,
    run: impl Fn(&str, Map<String, Value>, &str) -> Result<String, String>,
) {
    let root = fixtures_root(tree);
    let update = std::env::var_os("UPDATE").is_some();
    let mut cases = vec![];
    collect(&root, &mut cases);
    assert!(
        cases.len() >= min_cases,
        "{} fixtures under {}, expected at least {min_cases}",
        cases.len(),
        root.display()
    );

    let mut failures = vec![];
    for case in &cases {
        let input = fs::read_dir(case)
            .unwrap()
            .find_map(|e| input_name(&e.unwrap().path()))
            .unwrap();
        let source = fs::read_to_string(case.join(&input)).unwrap();
        let (actual, expected_file, stale_file) =
            match run(&source, options_for(case, &root), &input) {
                Ok(out) => (out, "output.js", "output.stderr"),
                Err(err) => (err, "output.stderr", "output.js"),
            };
        let name = case.strip_prefix(&root).unwrap().display().to_string();
        if update {
            fs::write(case.join(expected_file), &actual).unwrap();
            let _ = fs::remove_file(case.join(stale_file));
            continue;
        }
        match fs::read_to_string(case.join(expected_file)) {
            Ok(expected) if expected == actual => {}
            Ok(expected) => failures.push(format!(
                "{name}: {expected_file} differs\n--- expected\n{expected}\n--- actual\n{actual}"
            )),
            Err(_) => failures.push(format!(
                "{name}: expected {stale_file}, got {expected_file}:\n{actual}"
            )),
        }
    }
    println!("{} {tree} fixture cases", cases.len());
    assert!(
        failures.is_empty(),
        "{} of {} fixtures failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

/// Diagnostics as the fixture's `output.stderr` holds them.
pub fn stderr_of<D: std::fmt::Display>(diags: &[D]) -> String {
    diags
        .iter()
        .map(|d| format!("{d}\n"))
        .collect::<Vec<_>>()
        .join("\n")
}
