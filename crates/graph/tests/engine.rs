//! The module graph on small real projects on disk: layout, rewritten specifiers, what an
//! incremental build redoes, and a new process starting from the saved graph.

use std::{
    fs,
    path::{Path, PathBuf},
    thread,
    time::Duration,
};

use compiler_graph::{BuildReport, Engine, GraphOptions};

struct Project {
    dir: PathBuf,
}

impl Project {
    fn new(name: &str, files: &[(&str, &str)]) -> Self {
        let dir =
            std::env::temp_dir().join(format!("compiler-engine-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        let p = Self {
            dir: fs::canonicalize(dir).unwrap(),
        };
        for (path, text) in files {
            p.write(path, text);
        }
        p
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.join(rel)
    }

    fn write(&self, rel: &str, text: &str) {
        let file = self.path(rel);
        fs::create_dir_all(file.parent().unwrap()).unwrap();
        fs::write(file, text).unwrap();
    }

    fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    fn options(&self, transform: serde_json::Value) -> GraphOptions {
        let json = serde_json::json!({
            "root": self.dir,
            "entries": [self.path("src/main.tsx")],
            "outDir": self.path("dist"),
            "cacheDir": self.path("node_modules/.cache/compiler-js"),
            "transform": transform,
        });
        GraphOptions::from_json(&json.to_string()).unwrap()
    }

    fn engine(&self) -> Engine {
        Engine::open(self.options(serde_json::json!({ "sourceMaps": true }))).unwrap()
    }
}

impl Drop for Project {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

fn app(name: &str) -> Project {
    Project::new(
        name,
        &[
            (
                "tsconfig.json",
                r#"{ "compilerOptions": { "jsx": "react-jsx", "baseUrl": ".", "paths": { "@lib/*": ["src/lib/*"] } } }"#,
            ),
            (
                "src/main.tsx",
                "import { a } from './a';\nimport { x } from '@lib/x';\nimport type { T } from './types';\nimport { h } from 'pkg';\nexport const App = (p: { t: T }) => <div>{a + x + h}</div>;\nexport const later = () => import('./lazy.js');\n",
            ),
            ("src/a.ts", "export const a: number = 1;\n"),
            ("src/types.ts", "export type T = string;\n"),
            ("src/lazy.ts", "export default 'lazy';\n"),
            ("src/lib/x.ts", "import { a } from '../a';\nexport const x = a + 1;\n"),
            ("node_modules/pkg/package.json", r#"{ "name": "pkg", "module": "index.js" }"#),
            ("node_modules/pkg/index.js", "export const h = 3;\n"),
            (
                "node_modules/react/package.json",
                r#"{ "name": "react", "exports": { ".": "./index.js", "./jsx-runtime": "./jsx-runtime.js" } }"#,
            ),
            ("node_modules/react/index.js", "export {};\n"),
            ("node_modules/react/jsx-runtime.js", "export const jsx = () => null;\n"),
        ],
    )
}

fn ok(report: &BuildReport) {
    assert!(report.diagnostics.is_empty(), "{:#?}", report.diagnostics);
    assert!(report.warnings.is_empty(), "{:#?}", report.warnings);
}

#[test]
fn builds_what_the_entries_reach_with_rewritten_specifiers() {
    let p = app("layout");
    let mut engine = p.engine();
    let r = engine.build();
    ok(&r);
    assert_eq!((r.modules, r.transformed, r.from_cache), (4, 4, 0));
    let main = p.read("dist/src/main.js");
    assert!(
        main.contains("import { a } from \"./a.js\";")
            || main.contains("import { a } from './a.js';"),
        "{main}"
    );
    assert!(
        main.contains("'./lib/x.js'") || main.contains("\"./lib/x.js\""),
        "{main}"
    );
    assert!(
        main.contains("import('./lazy.js')") || main.contains("import(\"./lazy.js\")"),
        "{main}"
    );
    assert!(
        main.contains("from 'pkg'") || main.contains("from \"pkg\""),
        "{main}"
    );
    assert!(
        main.ends_with("//# sourceMappingURL=main.js.map\n"),
        "{main}"
    );
    assert!(
        !p.path("dist/src/types.js").exists(),
        "type-only imports are not followed"
    );
    assert_eq!(
        p.read("dist/src/lib/x.js"),
        "import { a } from '../a.js';\nexport const x = a + 1;\n//# sourceMappingURL=x.js.map\n"
    );
    let map: serde_json::Value = serde_json::from_str(&p.read("dist/src/lib/x.js.map")).unwrap();
    assert_eq!(map["sources"], serde_json::json!(["../../../src/lib/x.ts"]));

    let graph: serde_json::Value = serde_json::from_str(&p.read("dist/.graph.json")).unwrap();
    assert_eq!(graph["root"], "..");
    assert_eq!(
        graph["modules"]["src/a.ts"]["importers"],
        serde_json::json!(["src/lib/x.ts", "src/main.tsx"])
    );
    assert_eq!(
        graph["modules"]["src/main.tsx"]["externals"],
        serde_json::json!(["pkg", "react/jsx-runtime"])
    );
    assert_eq!(
        engine.importers(&p.path("src/a.ts")),
        vec![p.path("src/lib/x.ts"), p.path("src/main.tsx")]
    );

    // Nothing changed: nothing is redone or written.
    let r = engine.build();
    ok(&r);
    assert_eq!(
        (r.transformed, r.from_cache, r.written, r.changed),
        (0, 4, 0, 0)
    );
}

#[test]
fn an_edit_redoes_one_module_and_a_type_only_edit_writes_nothing() {
    let p = app("edit");
    let mut engine = p.engine();
    ok(&engine.build());
    let before = fs::metadata(p.path("dist/src/main.js"))
        .unwrap()
        .modified()
        .unwrap();

    p.write("src/a.ts", "export const a: number = 2;\n");
    let r = engine.build();
    ok(&r);
    assert_eq!((r.transformed, r.written, r.changed), (1, 1, 1));
    assert!(p.read("dist/src/a.js").starts_with("export const a = 2;"));
    assert_eq!(
        fs::metadata(p.path("dist/src/main.js"))
            .unwrap()
            .modified()
            .unwrap(),
        before
    );

    // Only a type changes: the code is the same, so it is not written again (early
    // cutoff); the map is, since it holds the source.
    thread::sleep(Duration::from_millis(5));
    p.write("src/a.ts", "export const a: 2 | 3 = 2;\n");
    let written_before = fs::metadata(p.path("dist/src/a.js"))
        .unwrap()
        .modified()
        .unwrap();
    let map_before = p.read("dist/src/a.js.map");
    let r = engine.build();
    ok(&r);
    assert_eq!((r.transformed, r.written, r.changed), (1, 1, 1));
    assert_eq!(
        fs::metadata(p.path("dist/src/a.js"))
            .unwrap()
            .modified()
            .unwrap(),
        written_before
    );
    assert_ne!(p.read("dist/src/a.js.map"), map_before);

    // Back to a version seen before: from the cache, not compiled.
    p.write("src/a.ts", "export const a: number = 1;\n");
    let r = engine.build();
    assert_eq!((r.transformed, r.written), (0, 1));
}

#[test]
fn a_new_process_starts_from_the_saved_graph() {
    let p = app("fresh");
    let r = p.engine().build();
    ok(&r);
    drop(p.engine());
    let mut fresh = p.engine();
    let r = fresh.build();
    ok(&r);
    assert_eq!((r.transformed, r.from_cache, r.written), (0, 4, 0));

    // An output deleted by hand is written again, from the cache.
    fs::remove_file(p.path("dist/src/lazy.js")).unwrap();
    let r = p.engine().build();
    assert_eq!((r.transformed, r.written), (0, 1));
    assert!(p.path("dist/src/lazy.js").exists());
}

#[test]
fn creating_a_file_re_resolves_the_specifiers_it_could_change() {
    let p = app("create");
    p.write(
        "src/main.tsx",
        "import { b } from './b';\nexport const v = b;\n",
    );
    p.write("src/b.tsx", "export const b = 'tsx';\n");
    let mut engine = p.engine();
    let r = engine.build();
    ok(&r);
    assert!(p.read("dist/.graph.json").contains("src/b.tsx"));

    // `./b` now finds b.ts first.
    p.write("src/b.ts", "export const b = 'ts';\n");
    let r = engine.build();
    ok(&r);
    let graph = p.read("dist/.graph.json");
    assert!(
        graph.contains("\"src/b.ts\"") && !graph.contains("src/b.tsx"),
        "{graph}"
    );
    assert_eq!(
        p.read("dist/src/b.js"),
        "export const b = 'ts';\n//# sourceMappingURL=b.js.map\n"
    );
    assert_eq!(
        r.removed, 0,
        "b.tsx left the graph, but b.ts owns its output name now"
    );

    // A new process notices the same thing through the probe's folder stamp.
    fs::remove_file(p.path("src/b.ts")).unwrap();
    engine.close();
    let r = p.engine().build();
    ok(&r);
    assert!(p.read("dist/.graph.json").contains("src/b.tsx"));
    assert_eq!(
        p.read("dist/src/b.js"),
        "export const b = 'tsx';\n//# sourceMappingURL=b.js.map\n"
    );
}

#[test]
fn errors_are_located_and_the_rest_is_built() {
    let p = app("errors");
    p.write("src/a.ts", "export const a: number = ;\n");
    p.write(
        "src/lib/x.ts",
        "import { a } from '../a';\nimport { nope } from './nope';\nexport const x = a + nope;\n",
    );
    let mut engine = p.engine();
    let r = engine.build();
    assert_eq!(r.errors, 2, "{:#?}", r.diagnostics);
    let syntax = &r.diagnostics[0];
    assert_eq!(
        syntax.filename.as_deref(),
        Some(p.path("src/a.ts").to_str().unwrap())
    );
    assert_eq!(
        syntax.location.as_ref().map(|l| (l.line, l.column)),
        Some((1, 26))
    );
    let unresolved = &r.diagnostics[1];
    assert!(
        unresolved
            .message
            .starts_with("Could not resolve \"./nope\""),
        "{}",
        unresolved.message
    );
    assert!(
        unresolved
            .message
            .contains("Looked for: ./nope, ./nope.ts, ./nope.tsx"),
        "{}",
        unresolved.message
    );
    assert_eq!(
        unresolved.location.as_ref().map(|l| (l.line, l.column)),
        Some((2, 22))
    );
    assert!(p.path("dist/src/main.js").exists());
    assert!(!p.path("dist/src/a.js").exists());
    assert!(
        p.read("dist/src/lib/x.js").contains("'./nope'"),
        "unresolved specifiers are left as written"
    );

    // A warm start reports the same errors without compiling again.
    engine.close();
    let r = p.engine().build();
    assert_eq!((r.errors, r.transformed), (2, 0));

    p.write("src/a.ts", "export const a: number = 1;\n");
    p.write("src/lib/nope.ts", "export const nope = 0;\n");
    let r = p.engine().build();
    ok(&r);
    assert!(p.path("dist/src/a.js").exists() && p.path("dist/src/lib/nope.js").exists());
}

#[test]
fn unreachable_modules_are_removed_and_moved_checkouts_stay_warm() {
    let p = app("removed");
    ok(&p.engine().build());
    p.write(
        "src/main.tsx",
        "import { a } from './a';\nexport const v = a;\n",
    );
    let r = p.engine().build();
    ok(&r);
    assert_eq!(r.removed, 2);
    assert!(!p.path("dist/src/lib/x.js").exists() && !p.path("dist/src/lib").exists());
    assert!(!p.path("dist/src/lazy.js").exists());

    // The same sources at another path, sharing the cache dir: keys hold no absolute path.
    let moved = Project::new("moved", &[]);
    copy_dir(&p.dir.join("src"), &moved.path("src"));
    fs::write(moved.path("tsconfig.json"), p.read("tsconfig.json")).unwrap();
    let mut options = moved.options(serde_json::json!({ "sourceMaps": true }));
    options.cache_dir = Some(p.path("node_modules/.cache/compiler-js"));
    let r = Engine::open(options).unwrap().build();
    ok(&r);
    assert_eq!((r.modules, r.transformed), (2, 0));
    assert_eq!(moved.read("dist/src/a.js"), p.read("dist/src/a.js"));
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap().flatten() {
        if e.path().is_dir() {
            copy_dir(&e.path(), &to.join(e.file_name()));
        } else {
            fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

#[test]
fn two_modules_with_one_output_name_are_an_error_until_one_goes() {
    let p = app("conflict");
    p.write(
        "src/main.tsx",
        "import { a } from './a.ts';\nimport { b } from './a.tsx';\nexport const v = a + b;\n",
    );
    p.write("src/a.tsx", "export const b = 2;\n");
    let mut engine = p.engine();
    let r = engine.build();
    assert_eq!(r.errors, 1, "{:#?}", r.diagnostics);
    assert_eq!(
        r.diagnostics[0].filename.as_deref(),
        Some(p.path("src/a.tsx").to_str().unwrap())
    );
    assert!(
        r.diagnostics[0]
            .message
            .contains("would both be written to src/a.js"),
        "{}",
        r.diagnostics[0].message
    );
    assert!(p.read("dist/src/a.js").starts_with("export const a = 1;"));
    // Reported again by the next build, and by a new process.
    assert_eq!(engine.build().errors, 1);
    engine.close();
    assert_eq!(p.engine().build().errors, 1);

    // a.ts no longer imported: a.tsx writes a.js.
    p.write(
        "src/main.tsx",
        "import { b } from './a.tsx';\nexport const v = b;\n",
    );
    let r = p.engine().build();
    ok(&r);
    assert!(p.read("dist/src/a.js").starts_with("export const b = 2;"));
}
