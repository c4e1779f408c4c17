//! Transforms a list of files on one thread, in memory: the loop to profile
//! (`valgrind --tool=callgrind`) or time without Node in the way.
//! `cargo run --release --example transform_loop -- <file list> [options JSON] [rounds]`

use std::{fs, time::Instant};

use compiler_graph::Session;
use compiler_transform::FileInput;

// The addon's allocator, so that times and profiles are the addon's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let list = fs::read_to_string(&args[1]).expect("a file with one path per line");
    let options = args.get(2).map(String::as_str).unwrap_or("{}");
    let rounds: usize = args
        .get(3)
        .map_or(1, |r| r.parse().expect("a number of rounds"));
    let files: Vec<(String, String)> = list
        .lines()
        .map(|f| {
            (
                f.to_string(),
                fs::read_to_string(f).expect("a readable file"),
            )
        })
        .collect();
    let bytes: usize = files.iter().map(|(_, s)| s.len()).sum();
    let session = Session::from_json(options).expect("valid options");

    for _ in 0..rounds {
        let t = Instant::now();
        for (name, source) in &files {
            let file = FileInput {
                filename: Some(name.clone()),
                ..Default::default()
            };
            session.transform(source, &file).expect("the file compiles");
        }
        let secs = t.elapsed().as_secs_f64();
        println!(
            "{} files, {:.1} MB in {:.0} ms: {:.1} MB/s",
            files.len(),
            bytes as f64 / 1e6,
            secs * 1e3,
            bytes as f64 / 1e6 / secs
        );
    }
}
