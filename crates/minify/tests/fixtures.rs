//! `tests/fixtures/minify`: see the transform crate's `fixture_runner.rs` for the layout.

#[path = "../../transform/tests/support/fixture_runner.rs"]
mod fixture_runner;

use compiler_minify::{Minifier, MinifyInput};
use fixture_runner::{run_fixtures, stderr_of};
use serde_json::Value;

#[test]
fn minify_fixtures() {
    run_fixtures("minify", 30, |source, options, input| {
        let minifier = Minifier::from_value(Value::Object(options)).map_err(|d| stderr_of(&[d]))?;
        let input = MinifyInput {
            filename: Some(input.to_string()),
            ..Default::default()
        };
        minifier
            .minify(source, &input)
            .map(|o| o.code)
            .map_err(|d| stderr_of(&d))
    });
}
