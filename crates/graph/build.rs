//! The compiler's build id: a hash of every source file that can change an output (the
//! transform, minify and graph crates, the lock file that pins swc) and of the toolchain
//! and profile. Cache entries are keyed by it, so any change to the compiler is a miss,
//! not only a change of its version.

use std::{
    collections::hash_map::DefaultHasher,
    fs,
    hash::{Hash, Hasher},
    path::{Path, PathBuf},
    process::Command,
};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let crates = manifest.parent().unwrap();
    let inputs = [
        crates.join("transform/src"),
        crates.join("transform/Cargo.toml"),
        crates.join("minify/src"),
        crates.join("minify/Cargo.toml"),
        manifest.join("src"),
        manifest.join("Cargo.toml"),
        crates.parent().unwrap().join("Cargo.lock"),
    ];
    let mut all = vec![];
    for input in &inputs {
        println!("cargo:rerun-if-changed={}", input.display());
        if input.is_dir() {
            files(input, &mut all);
        } else {
            all.push(input.clone());
        }
    }
    all.sort();

    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let toolchain = Command::new(rustc)
        .arg("-V")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    let mut halves = [DefaultHasher::new(), DefaultHasher::new()];
    for (i, h) in halves.iter_mut().enumerate() {
        i.hash(h);
        toolchain.hash(h);
        for var in ["CARGO_PKG_VERSION", "PROFILE", "TARGET", "OPT_LEVEL"] {
            std::env::var(var).unwrap_or_default().hash(h);
        }
        for file in &all {
            file.strip_prefix(crates).unwrap_or(file).hash(h);
            fs::read(file).unwrap_or_default().hash(h);
        }
    }
    let id = format!("{:016x}{:016x}", halves[0].finish(), halves[1].finish());
    println!("cargo:rustc-env=COMPILER_BUILD_ID={id}");
}
