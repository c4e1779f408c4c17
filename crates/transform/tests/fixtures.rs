//! `tests/fixtures/transform`: see `fixture_runner.rs` for the layout.
//! `UPDATE=1 cargo test` rewrites the expectations; review the diff.

#[path = "support/fixture_runner.rs"]
mod fixture_runner;

use compiler_transform::{Compiler, FileInput};
use fixture_runner::{run_fixtures, stderr_of};
use serde_json::Value;

#[test]
fn transform_fixtures() {
    run_fixtures("transform", 40, |source, mut options, input| {
        options
            .entry("filename")
            .or_insert(Value::String(input.to_string()));
        let compiler = Compiler::from_json(&Value::Object(options).to_string())
            .map_err(|d| stderr_of(&[d]))?;
        compiler
            .transform(source, &FileInput::default())
            .map(|o| o.code)
            .map_err(|d| stderr_of(&d))
    });
}
