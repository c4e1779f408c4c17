//! The imports the printer reports equal those read off its output, for every kind of
//! import and for specifiers that passes write (the JSX runtime, modularizeImports).

use compiler_transform::{
    imports::{scan_imports, ImportKind, ImportRef},
    Compiler, FileInput,
};

/// Each import's specifier and kind, in order.
fn specs(found: &[ImportRef]) -> Vec<(&str, ImportKind)> {
    found
        .iter()
        .map(|i| (i.specifier.as_str(), i.kind))
        .collect()
}

fn both(
    options: &str,
    filename: &str,
    source: &str,
) -> (String, Vec<compiler_transform::imports::ImportRef>) {
    let compiler = Compiler::from_json(options).unwrap();
    let file = FileInput {
        filename: Some(filename.into()),
        ..Default::default()
    };
    let (output, found) = compiler.transform_with_imports(source, &file).unwrap();
    let found = found.expect("the printer reports the imports");
    assert_eq!(found, scan_imports(&output.code), "{}", output.code);
    assert_eq!(
        output,
        compiler.transform(source, &file).unwrap(),
        "the same output either way"
    );
    (output.code, found)
}

#[test]
fn every_kind_of_import_where_it_is_printed() {
    let source = r#"import type { T } from './types';
import a, { b } from './a';
import './side-effect.css';
export * from "./all";
export { c } from './c.js';
const lazy = () => import('./lazy');
const s = "./not-an-import";
console.log('./a', s, a, b);
export const v: T = 1;
"#;
    let (code, found) = both(r#"{}"#, "main.ts", source);
    assert_eq!(
        specs(&found),
        [
            ("./a", ImportKind::Static),
            ("./side-effect.css", ImportKind::Static),
            ("./all", ImportKind::Static),
            ("./c.js", ImportKind::Static),
            ("./lazy", ImportKind::Dynamic),
        ]
    );
    for i in &found {
        let text = &code[i.start as usize..i.end as usize];
        assert!(
            text == format!("'{}'", i.specifier) || text == format!("\"{}\"", i.specifier),
            "{text}"
        );
    }
}

#[test]
fn commonjs_jsx_runtime_and_modularized_imports() {
    let source = "import { Button } from 'ui-lib';\nimport { x } from './x';\nexport const App = () => <Button>{x}</Button>;\n";
    let options = r#"{ "module": "commonjs", "sourceMaps": true, "modularizeImports": { "ui-lib": { "transform": "./ui-lib/{{member}}" } } }"#;
    let (_, found) = both(options, "app.tsx", source);
    assert_eq!(
        specs(&found),
        [
            ("react/jsx-runtime", ImportKind::Require),
            ("./ui-lib/Button", ImportKind::Require),
            ("./x", ImportKind::Require),
        ]
    );
}

#[test]
fn escapes_and_unicode_in_specifiers() {
    let source = "import a from './\\u00e9t\\u00e9';\nimport b from \"./q'uote\";\nimport c from './ü';\nexport default [a, b, c];\n";
    let (code, found) = both(r#"{}"#, "main.js", source);
    assert_eq!(found.len(), 3);
    assert_eq!(
        &code[found[0].start as usize..found[0].end as usize],
        "'./\\u00e9t\\u00e9'"
    );
    assert_eq!(found[0].specifier, "./été");
    assert_eq!(found[2].specifier, "./ü");
}
