//! Processes a list of files on all cores: each job reads its input, transforms or
//! minifies it and writes its output (and map) itself, so the host makes one call for
//! the whole batch.
//!
//! A failing file does not stop the others; its diagnostics are returned in its outcome.

use std::{
    fs,
    io::Write,
    path::{Path, PathBuf},
};

use compiler_minify::{Minifier, MinifyInput};
use compiler_transform::{diagnostics, Diagnostic, FileInput, Output};
use rayon::prelude::*;

use crate::Session;

#[derive(Debug, Clone)]
pub struct FileJob {
    pub input: PathBuf,
    pub output: PathBuf,
    /// The name written into the map's `sources` (relative to the map's folder).
    pub source_file_name: Option<String>,
    /// Where to write the map; its file name goes into a `sourceMappingURL` comment.
    pub map_output: Option<PathBuf>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileOutcome {
    pub input: PathBuf,
    pub bytes_in: u64,
    pub bytes_out: u64,
    pub errors: Vec<Diagnostic>,
}

pub fn compile_files(session: &Session, jobs: &[FileJob]) -> Vec<FileOutcome> {
    process_files(jobs, |source, job| {
        let file = FileInput {
            filename: Some(job.input.display().to_string()),
            source_file_name: job.source_file_name.clone(),
            input_source_map: None,
        };
        session.transform(source, &file)
    })
}

pub fn minify_files(minifier: &Minifier, jobs: &[FileJob]) -> Vec<FileOutcome> {
    process_files(jobs, |source, job| {
        let input = MinifyInput {
            filename: Some(job.input.display().to_string()),
            source_file_name: job.source_file_name.clone(),
            input_source_map: None,
        };
        minifier.minify(source, &input)
    })
}

/// Minifies many sources held in memory (a bundle's chunks) at once, on all cores; one
/// result per source, in order.
pub fn minify_sources(
    minifier: &Minifier,
    sources: &[(String, MinifyInput)],
) -> Vec<Result<Output, Vec<Diagnostic>>> {
    sources
        .par_iter()
        .map(|(code, input)| minifier.minify(code, input))
        .collect()
}

type Process<'a> = dyn Fn(&str, &FileJob) -> Result<Output, Vec<Diagnostic>> + Sync + 'a;

fn process_files(
    jobs: &[FileJob],
    process: impl Fn(&str, &FileJob) -> Result<Output, Vec<Diagnostic>> + Sync,
) -> Vec<FileOutcome> {
    jobs.par_iter()
        .map(|job| process_one(&process, job))
        .collect()
}

fn process_one(process: &Process<'_>, job: &FileJob) -> FileOutcome {
    let shown = job.input.display().to_string();
    let mut outcome = FileOutcome {
        input: job.input.clone(),
        bytes_in: 0,
        bytes_out: 0,
        errors: vec![],
    };
    let source = match fs::read_to_string(&job.input) {
        Ok(s) => s,
        Err(err) => {
            outcome.errors.push(diagnostics::io_error(&shown, &err));
            return outcome;
        }
    };
    outcome.bytes_in = source.len() as u64;
    let output = match process(&source, job) {
        Ok(output) => output,
        Err(errors) => {
            outcome.errors = errors;
            return outcome;
        }
    };
    let mut code = output.code;
    if let (Some(map), Some(map_path)) = (&output.map, &job.map_output) {
        let name = map_path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if !code.ends_with('\n') {
            code.push('\n');
        }
        code.push_str(&format!("//# sourceMappingURL={name}\n"));
        if let Err(err) = write(map_path, map.as_bytes()) {
            outcome
                .errors
                .push(diagnostics::io_error(&map_path.display().to_string(), &err));
            return outcome;
        }
    }
    match write(&job.output, code.as_bytes()) {
        Ok(()) => outcome.bytes_out = code.len() as u64,
        Err(err) => outcome.errors.push(diagnostics::io_error(
            &job.output.display().to_string(),
            &err,
        )),
    }
    outcome
}

/// Writes `text` to `path`, creating its folder. An existing file is overwritten in place
/// and then cut to length, rather than truncated first: on file systems that discard freed
/// blocks (ext4 `discard`), truncating every output of a rebuild costs more than compiling.
pub(crate) fn write(path: &Path, text: &[u8]) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)?;
    file.write_all(text)?;
    file.set_len(text.len() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("compiler-graph-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn compiles_good_files_and_reports_bad_ones() {
        let dir = temp_dir("batch");
        fs::write(dir.join("a.ts"), "export const a: number = 1;\n").unwrap();
        fs::write(dir.join("b.ts"), "export const b = ;\n").unwrap();
        let session = Session::from_json(r#"{"sourceMaps": true}"#).unwrap();
        let jobs: Vec<FileJob> = ["a", "b"]
            .iter()
            .map(|n| FileJob {
                input: dir.join(format!("{n}.ts")),
                output: dir.join(format!("out/{n}.js")),
                source_file_name: Some(format!("../{n}.ts")),
                map_output: Some(dir.join(format!("out/{n}.js.map"))),
            })
            .collect();
        let outcomes = compile_files(&session, &jobs);

        assert!(outcomes[0].errors.is_empty());
        assert_eq!(
            fs::read_to_string(dir.join("out/a.js")).unwrap(),
            "export const a = 1;\n//# sourceMappingURL=a.js.map\n"
        );
        let map: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(dir.join("out/a.js.map")).unwrap()).unwrap();
        assert_eq!(map["sources"], serde_json::json!(["../a.ts"]));

        // A rebuild overwrites in place; a shorter output leaves no stale tail behind.
        fs::write(dir.join("a.ts"), "export const a = 2;\n").unwrap();
        compile_files(&session, &jobs[..1]);
        assert_eq!(
            fs::read_to_string(dir.join("out/a.js")).unwrap(),
            "export const a = 2;\n//# sourceMappingURL=a.js.map\n"
        );

        assert_eq!(outcomes[1].errors.len(), 1);
        assert_eq!(outcomes[1].errors[0].location.as_ref().unwrap().line, 1);
        assert!(!dir.join("out/b.js").exists());
    }
}
