//! The code instrumentation adds: counters (`cov_1x2y().s[0]++`) and the function that
//! finds or creates the file's coverage object, as istanbul-lib-instrument writes it.

use serde_json::Value;
use sha1::{Digest, Sha1};
use swc_core::{
    atoms::Atom,
    common::{BytePos, DUMMY_SP},
    ecma::{
        ast::*,
        parser::{Parser, StringInput, Syntax},
        utils::DropSpan,
        visit::VisitMutWith,
    },
};

use crate::options::CoverageOptions;

/// `cov_` and the first 48 bits of the file name's SHA-1 in base 36, as Istanbul names
/// the function, so a file instrumented by both is recognised by either.
pub fn function_name(filename: &str) -> String {
    let digest = Sha1::digest(filename.as_bytes());
    let mut n = digest[..6]
        .iter()
        .fold(0u64, |n, &b| (n << 8) | u64::from(b));
    let mut digits = Vec::new();
    loop {
        digits.push(char::from_digit((n % 36) as u32, 36).unwrap());
        n /= 36;
        if n == 0 {
            break;
        }
    }
    format!("cov_{}", digits.iter().rev().collect::<String>())
}

pub struct Runtime {
    name: Atom,
}

/// `counter` as an expression statement.
pub fn statement(counter: Expr) -> Stmt {
    Stmt::Expr(ExprStmt {
        span: DUMMY_SP,
        expr: Box::new(counter),
    })
}

/// `(counter, expr)`.
pub fn counted(counter: Expr, expr: Box<Expr>) -> Box<Expr> {
    Box::new(Expr::Seq(SeqExpr {
        span: DUMMY_SP,
        exprs: vec![Box::new(counter), expr],
    }))
}

fn index(object: Expr, i: usize) -> Expr {
    Expr::Member(MemberExpr {
        span: DUMMY_SP,
        obj: Box::new(object),
        prop: MemberProp::Computed(ComputedPropName {
            span: DUMMY_SP,
            expr: Box::new(Expr::Lit(Lit::Num(Number {
                span: DUMMY_SP,
                value: i as f64,
                raw: None,
            }))),
        }),
    })
}

impl Runtime {
    pub fn new(filename: &str) -> Self {
        Self {
            name: function_name(filename).into(),
        }
    }

    fn ident(&self) -> Ident {
        Ident::new_no_ctxt(self.name.clone(), DUMMY_SP)
    }

    /// `cov_x().<counters>[i]++`, or `cov_x().b[i][path]++` for a branch's path.
    pub fn counter(&self, counters: &str, i: usize, path: Option<usize>) -> Expr {
        let call = Expr::Call(CallExpr {
            span: DUMMY_SP,
            callee: Callee::Expr(Box::new(Expr::Ident(self.ident()))),
            ..Default::default()
        });
        let map = Expr::Member(MemberExpr {
            span: DUMMY_SP,
            obj: Box::new(call),
            prop: MemberProp::Ident(IdentName::new(counters.into(), DUMMY_SP)),
        });
        let mut target = index(map, i);
        if let Some(path) = path {
            target = index(target, path);
        }
        Expr::Update(UpdateExpr {
            span: DUMMY_SP,
            op: UpdateOp::PlusPlus,
            prefix: false,
            arg: Box::new(target),
        })
    }

    /// The name standing for the coverage object's literal in the tree; the printer writes
    /// [`literal`] in its place (see `PrintedLiteral`).
    pub fn placeholder(&self) -> String {
        format!("__{}_data__", self.name)
    }

    /// The coverage function and its first call, for the top of the file. Its object is
    /// [`Self::placeholder`], for the printer to replace.
    pub fn declaration(&self, options: &CoverageOptions, path: &str, hash: &str) -> Vec<Stmt> {
        let string = |s: &str| serde_json::to_string(s).expect("a string serializes");
        let global = match options.coverage_global_scope_func {
            true => format!(
                "var global = new Function({})();",
                string(&format!("return {}", options.coverage_global_scope))
            ),
            false => format!("var global = {};", options.coverage_global_scope),
        };
        let name = &self.name;
        let text = format!(
            r#"function {name}() {{
  var path = {path};
  var hash = {hash};
  {global}
  var gcv = {gcv};
  var coverageData = {data};
  var coverage = global[gcv] || (global[gcv] = {{}});
  if (!coverage[path] || coverage[path].hash !== hash) {{
    coverage[path] = coverageData;
  }}
  var actualCoverage = coverage[path];
  {{
    {name} = function () {{
      return actualCoverage;
    }};
  }}
  return actualCoverage;
}}
{name}();"#,
            path = string(path),
            hash = string(hash),
            gcv = string(&options.coverage_variable),
            data = self.placeholder(),
        );
        let mut script = parse_script(&text).expect("the coverage function parses");
        script.visit_mut_with(&mut DropSpan);
        script.body
    }
}

fn parse_script(text: &str) -> Option<Script> {
    let input = StringInput::new(text, BytePos(1), BytePos(1 + text.len() as u32));
    let mut parser = Parser::new(Syntax::Es(Default::default()), input, None);
    let script = parser.parse_script().ok()?;
    parser.take_errors().is_empty().then_some(script)
}

/// Whether `scope` is an expression, as `coverageGlobalScope` without `coverageGlobalScopeFunc` must be.
pub fn is_expression(scope: &str) -> bool {
    parse_script(&format!("var global = {scope};")).is_some_and(|s| s.body.len() == 1)
}

fn is_identifier(key: &str) -> bool {
    let mut chars = key.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

/// `value` as a JavaScript object literal on one line, as Babel's `valueToNode` would build
/// it: identifier keys where they can be, so Jest's `readInitialCoverage` finds
/// `_coverageSchema`. Printed here rather than built as a tree: it is most of an
/// instrumented file, and the printer would spread it over a line per value.
pub fn literal(value: &Value) -> String {
    let mut out = String::new();
    write_literal(value, &mut out);
    out
}

fn write_literal(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            out.push('{');
            for (i, (k, v)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                match is_identifier(k) {
                    true => out.push_str(k),
                    false => out.push_str(&serde_json::to_string(k).expect("a key serializes")),
                }
                out.push(':');
                write_literal(v, out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_literal(v, out);
            }
            out.push(']');
        }
        // JSON's strings, numbers, booleans and null are JavaScript's.
        other => out.push_str(&other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::{function_name, literal};

    #[test]
    fn prints_the_object_on_one_line_with_identifier_keys() {
        let value = serde_json::json!({ "path": "a\"b.js", "s": { "0": 0 }, "b": { "1": [0, 0] }, "_coverageSchema": "x" });
        assert_eq!(
            literal(&value),
            r#"{path:"a\"b.js",s:{"0":0},b:{"1":[0,0]},_coverageSchema:"x"}"#
        );
    }

    #[test]
    fn names_the_function_as_istanbul() {
        // Istanbul: 'cov_' + parseInt(sha1(path).slice(0, 12), 16).toString(36).
        assert_eq!(function_name("/p/a.js"), "cov_2r7v56bg4x");
    }
}
