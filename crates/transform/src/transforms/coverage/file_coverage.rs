//! The file's coverage object, shaped and hashed as `istanbul-lib-instrument` shapes
//! and hashes it, so reports, merges and `readInitialCoverage` treat ours as theirs.

use serde::Serialize;
use serde_json::{json, Map, Value};
use sha1::{Digest, Sha1};

use super::location::Range;

/// `_coverageSchema`: SHA-1 of `istanbul-lib-instrument@4`, Istanbul's schema version.
const SCHEMA: &str = "1a1c01bbd47fc00a2c39e90264f33305004495a9";

#[derive(Serialize)]
struct Function {
    name: String,
    decl: Range,
    loc: Range,
    /// Deprecated in Istanbul, kept because reports still read it.
    line: Option<u32>,
}

#[derive(Serialize)]
struct Branch {
    loc: Range,
    #[serde(rename = "type")]
    kind: &'static str,
    locations: Vec<Range>,
    line: Option<u32>,
}

#[derive(Default)]
pub struct FileCoverage {
    statements: Vec<Range>,
    functions: Vec<Function>,
    branches: Vec<Branch>,
}

/// A numbered map, `{ "0": …, "1": … }`, leaving out the entries `keep` refuses.
fn numbered<T>(items: &[T], keep: impl Fn(&T) -> bool, value: impl Fn(&T) -> Value) -> Value {
    Value::Object(
        items
            .iter()
            .enumerate()
            .filter(|(_, item)| keep(item))
            .map(|(i, item)| (i.to_string(), value(item)))
            .collect::<Map<_, _>>(),
    )
}

impl FileCoverage {
    pub fn statement(&mut self, loc: Range) -> usize {
        self.statements.push(loc);
        self.statements.len() - 1
    }

    /// A function without a name is `(anonymous_<index>)`.
    pub fn function(&mut self, name: Option<String>, decl: Range, loc: Range) -> usize {
        let index = self.functions.len();
        self.functions.push(Function {
            name: name.unwrap_or_else(|| format!("(anonymous_{index})")),
            decl,
            line: loc.start_line(),
            loc,
        });
        index
    }

    pub fn branch(&mut self, kind: &'static str, loc: Range) -> usize {
        self.branches.push(Branch {
            loc,
            kind,
            locations: Vec::new(),
            line: loc.start_line(),
        });
        self.branches.len() - 1
    }

    /// A path of `branch`, and its index among the branch's paths.
    pub fn path(&mut self, branch: usize, loc: Range) -> usize {
        let locations = &mut self.branches[branch].locations;
        locations.push(loc);
        locations.len() - 1
    }

    /// The coverage object with its `hash`. Branches left with no path (each one ignored)
    /// are dropped, keeping the others' numbers, as Istanbul's `freeze` does.
    pub fn to_value(&self, path: &str) -> Value {
        let has_paths = |b: &Branch| !b.locations.is_empty();
        let mut data = json!({
            "path": path,
            "statementMap": numbered(&self.statements, |_| true, |s| json!(s)),
            "fnMap": numbered(&self.functions, |_| true, |f| json!(f)),
            "branchMap": numbered(&self.branches, has_paths, |b| json!(b)),
            "s": numbered(&self.statements, |_| true, |_| json!(0)),
            "f": numbered(&self.functions, |_| true, |_| json!(0)),
            "b": numbered(&self.branches, has_paths, |b| json!(vec![0; b.locations.len()])),
            "_coverageSchema": SCHEMA,
        });
        // Istanbul hashes `JSON.stringify` of the object before the hash is in it.
        let text = serde_json::to_string(&data).expect("coverage serializes");
        let hash = Sha1::digest(text.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>();
        data["hash"] = Value::String(hash);
        data
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transforms::coverage::location::Position;

    #[test]
    fn shapes_and_hashes_as_istanbul() {
        let at = |line, column| Position { line, column };
        let mut cov = FileCoverage::default();
        cov.statement(Range(Some((at(1, 0), at(1, 10)))));
        let b = cov.branch("if", Range(Some((at(2, 0), at(4, 1)))));
        cov.path(b, Range(Some((at(2, 0), at(4, 1)))));
        cov.path(b, Range(None));
        cov.branch("cond-expr", Range(Some((at(5, 0), at(5, 9)))));
        cov.function(
            None,
            Range(Some((at(6, 0), at(6, 1)))),
            Range(Some((at(6, 6), at(6, 8)))),
        );
        let value = cov.to_value("/p/a.js");
        // The hash is Node's SHA-1 of the text before `hash`, as istanbul-lib-instrument 6.0.3 takes it.
        assert_eq!(
            serde_json::to_string(&value).unwrap(),
            concat!(
                r#"{"path":"/p/a.js","statementMap":{"0":{"start":{"line":1,"column":0},"end":{"line":1,"column":10}}},"#,
                r#""fnMap":{"0":{"name":"(anonymous_0)","decl":{"start":{"line":6,"column":0},"end":{"line":6,"column":1}},"loc":{"start":{"line":6,"column":6},"end":{"line":6,"column":8}},"line":6}},"#,
                r#""branchMap":{"0":{"loc":{"start":{"line":2,"column":0},"end":{"line":4,"column":1}},"type":"if","locations":[{"start":{"line":2,"column":0},"end":{"line":4,"column":1}},{"start":{},"end":{}}],"line":2}},"#,
                r#""s":{"0":0},"f":{"0":0},"b":{"0":[0,0]},"_coverageSchema":"1a1c01bbd47fc00a2c39e90264f33305004495a9","hash":"0765fb4a8071db6888ab7d57db0de141acb34205"}"#
            )
        );
    }
}
