//! Times the batch against a plain loop over the same files, to see where batch time goes.
//! `cargo run --release --example batch_timing -- <file list> <out dir>`

use std::{fs, path::PathBuf, time::Instant};

use compiler_graph::{compile_files, FileJob, Session};
use compiler_transform::FileInput;

// The addon's allocator, so that times are the addon's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let list = fs::read_to_string(&args[1]).unwrap();
    let out = PathBuf::from(&args[2]);
    let files: Vec<PathBuf> = list.lines().map(PathBuf::from).collect();
    let sources: Vec<String> = files
        .iter()
        .map(|f| fs::read_to_string(f).unwrap())
        .collect();
    let session = Session::from_json("{}").unwrap();

    for _ in 0..2 {
        let t = Instant::now();
        for (f, s) in files.iter().zip(&sources) {
            let file = FileInput {
                filename: Some(f.display().to_string()),
                ..Default::default()
            };
            session.transform(s, &file).unwrap();
        }
        println!("loop, in memory: {:?}", t.elapsed());

        let t = Instant::now();
        {
            use rayon::prelude::*;
            files.par_iter().zip(sources.par_iter()).for_each(|(f, s)| {
                let file = FileInput {
                    filename: Some(f.display().to_string()),
                    ..Default::default()
                };
                session.transform(s, &file).unwrap();
            });
        }
        println!("rayon, in memory: {:?}", t.elapsed());

        let jobs: Vec<FileJob> = files
            .iter()
            .enumerate()
            .map(|(i, f)| FileJob {
                input: f.clone(),
                output: out.join(format!("{i}.js")),
                source_file_name: None,
                map_output: None,
            })
            .collect();
        let t = Instant::now();
        compile_files(&session, &jobs);
        println!("batch (rayon, I/O): {:?}", t.elapsed());
    }
}
