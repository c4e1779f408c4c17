//! Resolution of one specifier with `oxc_resolver`, and what it read and probed.
//!
//! `./x.js` finds `x.ts` as TypeScript allows; `tsconfig.json` `paths`/`baseUrl` apply
//! (the nearest tsconfig of the importer); `package.json` `exports`/`imports` with
//! `import` or `require` conditions, then `module`/`main`. What lands in `node_modules` is
//! an external leaf unless the package is included by option. Every path the resolver
//! looked for and did not find is returned, so creating one of them later re-resolves
//! exactly the specifiers it could change.

use std::path::{Path, PathBuf};

use compiler_transform::imports::ImportKind;
use oxc_resolver::{
    ResolveContext, ResolveError, ResolveOptions, Resolver as Oxc, TsconfigDiscovery,
};

use compiler_transform::Diagnostic;

use crate::{
    diagnostics,
    paths::{has_node_modules, is_relative_specifier, relative_path},
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A file to compile (or copy): inside the root and not in `node_modules`.
    Module(PathBuf),
    /// Left to the runtime: a package in `node_modules` (with the file it resolved to), a
    /// Node.js built-in, a URL, or a specifier that `external` names.
    External(Option<PathBuf>),
    /// A file outside the project root.
    Outside(PathBuf),
    /// Nothing found; the resolver's reason.
    NotFound(String),
}

#[derive(Debug, Clone)]
pub struct Resolution {
    pub outcome: Outcome,
    /// Paths looked for and not found.
    pub missing: Vec<PathBuf>,
    /// `package.json` and `tsconfig.json` files the result depends on.
    pub manifests: Vec<PathBuf>,
}

/// `*` matches any run of characters: `react`, `@scope/*`, `*.css`.
#[derive(Debug, Clone)]
pub struct Pattern(Vec<String>);

impl Pattern {
    pub fn new(glob: &str) -> Self {
        Self(glob.split('*').map(str::to_string).collect())
    }

    pub fn matches(&self, s: &str) -> bool {
        let parts = &self.0;
        if parts.len() == 1 {
            return s == parts[0];
        }
        let (first, last) = (&parts[0], &parts[parts.len() - 1]);
        if !s.starts_with(first.as_str())
            || s.len() < first.len() + last.len()
            || !s.ends_with(last.as_str())
        {
            return false;
        }
        let mut rest = &s[first.len()..s.len() - last.len()];
        for middle in &parts[1..parts.len() - 1] {
            match rest.find(middle.as_str()) {
                Some(i) => rest = &rest[i + middle.len()..],
                None => return false,
            }
        }
        true
    }
}

pub struct Resolver {
    esm: Oxc,
    cjs: Oxc,
    root: PathBuf,
    external: Vec<Pattern>,
    include: Vec<Pattern>,
}

const EXTENSIONS: [&str; 9] = [
    ".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs", ".json",
];

/// Where a probed path comes in the resolver's order: no extension, then each of
/// [`EXTENSIONS`], then anything else (index files, package folders).
pub fn try_order(path: &Path) -> usize {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    if path
        .parent()
        .is_some_and(|p| p.file_name().is_some_and(|d| d == "node_modules"))
    {
        return EXTENSIONS.len() + 2;
    }
    match EXTENSIONS.iter().position(|e| name.ends_with(e)) {
        Some(i) if !name.starts_with("index.") => i + 1,
        Some(_) => EXTENSIONS.len() + 1,
        None => 0,
    }
}

fn options(conditions: &[&str]) -> ResolveOptions {
    let strings = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    ResolveOptions {
        tsconfig: Some(TsconfigDiscovery::Auto),
        extensions: strings(&EXTENSIONS),
        extension_alias: vec![
            (".js".into(), strings(&[".ts", ".tsx", ".js"])),
            (".jsx".into(), strings(&[".tsx", ".jsx"])),
            (".mjs".into(), strings(&[".mts", ".mjs"])),
            (".cjs".into(), strings(&[".cts", ".cjs"])),
        ],
        condition_names: strings(conditions),
        main_fields: strings(&["module", "main"]),
        builtin_modules: true,
        ..ResolveOptions::default()
    }
}

/// A URL (`https:`, `data:`, `node:` is a built-in) rather than a path or package.
fn is_url(specifier: &str) -> bool {
    match specifier.find(':') {
        Some(i) => i > 1 && !specifier[..i].contains('/'),
        None => false,
    }
}

impl Resolver {
    /// `external`: specifiers left alone without resolving. `include`: packages in
    /// `node_modules` that are compiled like the project's own modules.
    pub fn new(root: &Path, external: &[String], include: &[String]) -> Self {
        let esm = Oxc::new(options(&["import", "module"]));
        let cjs = esm.clone_with_options(options(&["require", "module"]));
        Self {
            esm,
            cjs,
            root: root.to_path_buf(),
            external: external.iter().map(|p| Pattern::new(p)).collect(),
            include: include.iter().map(|p| Pattern::new(p)).collect(),
        }
    }

    /// Forgets everything read from disk; call after files changed.
    pub fn clear_cache(&self) {
        self.esm.clear_cache();
    }

    /// The tsconfig that applies to `importer` (its `paths` and `baseUrl` shape resolution).
    pub fn tsconfig_of(&self, importer: &Path) -> Option<PathBuf> {
        self.esm
            .find_tsconfig(importer)
            .ok()
            .flatten()
            .map(|t| t.path().to_path_buf())
    }

    pub fn resolve(&self, importer: &Path, specifier: &str, kind: ImportKind) -> Resolution {
        let done = |outcome| Resolution {
            outcome,
            missing: vec![],
            manifests: vec![],
        };
        if self.external.iter().any(|p| p.matches(specifier))
            || (is_url(specifier) && !specifier.starts_with("node:"))
        {
            return done(Outcome::External(None));
        }
        let resolver = match kind {
            ImportKind::Require => &self.cjs,
            ImportKind::Static | ImportKind::Dynamic => &self.esm,
        };
        let dir = importer.parent().unwrap_or(&self.root);
        let mut ctx = ResolveContext::default();
        let tsconfig = resolver.find_tsconfig(importer).ok().flatten();
        let result = resolver.resolve_with_context(dir, specifier, tsconfig.as_deref(), &mut ctx);
        let mut manifests: Vec<PathBuf> = ctx
            .file_dependencies
            .into_iter()
            .filter(|p| p.file_name().is_some_and(|n| n == "package.json"))
            .collect();
        if let Some(tsconfig) = &tsconfig {
            manifests.push(tsconfig.path().to_path_buf());
        }
        manifests.sort();
        let mut missing: Vec<PathBuf> = ctx.missing_dependencies.into_iter().collect();
        missing.sort();
        let outcome = match result {
            Ok(found) => self.classify(found.into_path_buf(), specifier),
            Err(ResolveError::Builtin { .. }) | Err(ResolveError::Ignored(_)) => {
                Outcome::External(None)
            }
            Err(err) => Outcome::NotFound(err.to_string()),
        };
        Resolution {
            outcome,
            missing,
            manifests,
        }
    }

    fn classify(&self, path: PathBuf, specifier: &str) -> Outcome {
        if has_node_modules(&path) {
            let package = package_name(specifier);
            if !self.include.iter().any(|p| p.matches(package)) {
                return Outcome::External(Some(path));
            }
        }
        if path.starts_with(&self.root) {
            Outcome::Module(path)
        } else {
            Outcome::Outside(path)
        }
    }
}

/// For a path that was not found, the files tried (relative to the importer, in the order
/// tried); for a package, nothing (the diagnostic gives a hint instead).
pub fn tried<'a>(
    importer: &Path,
    specifier: &str,
    missing: impl Iterator<Item = &'a Path>,
) -> Vec<String> {
    if !(is_relative_specifier(specifier) || specifier.starts_with('/')) {
        return vec![];
    }
    let mut tried: Vec<&Path> = missing
        .filter(|p| !has_node_modules(p) && p.file_name().is_some_and(|n| n != "package.json"))
        .collect();
    tried.sort_by_key(|p| (try_order(p), p.to_path_buf()));
    let dir = importer.parent().unwrap_or(Path::new("/"));
    tried
        .iter()
        .map(|p| match relative_path(dir, p) {
            rel if rel.starts_with("..") => rel,
            rel => format!("./{rel}"),
        })
        .collect()
}

impl Resolver {
    /// Why `specifier` in `importer` did not resolve, at its place in the importer's source
    /// (read from disk) with a code frame; `None` when it did resolve.
    pub fn explain(
        &self,
        importer: &Path,
        specifier: &str,
        resolution: &Resolution,
    ) -> Option<Diagnostic> {
        let Outcome::NotFound(reason) = &resolution.outcome else {
            return None;
        };
        let source = std::fs::read_to_string(importer).unwrap_or_default();
        let tried = tried(
            importer,
            specifier,
            resolution.missing.iter().map(PathBuf::as_path),
        );
        Some(diagnostics::unresolved(
            importer, &source, specifier, reason, &tried,
        ))
    }
}

/// `@scope/name` or `name` of a bare specifier.
fn package_name(specifier: &str) -> &str {
    let mut parts = specifier.splitn(3, '/');
    let first = parts.next().unwrap_or("");
    if first.starts_with('@') {
        let second = parts.next().unwrap_or("");
        &specifier[..(first.len() + 1 + second.len()).min(specifier.len())]
    } else {
        first
    }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    fn project(name: &str, files: &[(&str, &str)]) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("compiler-resolve-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        for (path, text) in files {
            let file = dir.join(path);
            fs::create_dir_all(file.parent().unwrap()).unwrap();
            fs::write(file, text).unwrap();
        }
        fs::canonicalize(&dir).unwrap()
    }

    #[test]
    fn patterns() {
        assert!(Pattern::new("react").matches("react"));
        assert!(!Pattern::new("react").matches("react-dom"));
        assert!(Pattern::new("@scope/*").matches("@scope/a/b"));
        assert!(Pattern::new("*.css").matches("./a.css"));
        assert!(!Pattern::new("a*b*c").matches("abx"));
        assert!(Pattern::new("a*b*c").matches("a-b-c"));
        assert_eq!(package_name("@s/p/deep"), "@s/p");
        assert_eq!(package_name("lodash/fp"), "lodash");
    }

    #[test]
    fn typescript_extensions_paths_and_packages() {
        let root = project(
            "ts",
            &[
                (
                    "tsconfig.json",
                    r#"{ "compilerOptions": { "baseUrl": ".", "paths": { "@lib/*": ["src/lib/*"] } } }"#,
                ),
                (
                    "package.json",
                    r##"{ "name": "app", "imports": { "#conf": "./src/conf.ts" } }"##,
                ),
                ("src/main.ts", ""),
                ("src/a.ts", ""),
                ("src/b.tsx", ""),
                ("src/conf.ts", ""),
                ("src/lib/x.ts", ""),
                ("src/dir/index.ts", ""),
                ("src/data.json", "{}"),
                (
                    "node_modules/pkg/package.json",
                    r#"{ "name": "pkg", "exports": { ".": { "import": "./esm.js", "require": "./cjs.js" } } }"#,
                ),
                ("node_modules/pkg/esm.js", ""),
                ("node_modules/pkg/cjs.js", ""),
            ],
        );
        let resolver = Resolver::new(&root, &["ext-*".into()], &[]);
        let main = root.join("src/main.ts");
        let found = |spec: &str, kind| resolver.resolve(&main, spec, kind).outcome;
        let module = |rel: &str| Outcome::Module(root.join(rel));
        assert_eq!(found("./a", ImportKind::Static), module("src/a.ts"));
        assert_eq!(found("./a.js", ImportKind::Static), module("src/a.ts"));
        assert_eq!(found("./b.js", ImportKind::Dynamic), module("src/b.tsx"));
        assert_eq!(
            found("./dir", ImportKind::Static),
            module("src/dir/index.ts")
        );
        assert_eq!(
            found("./data.json", ImportKind::Static),
            module("src/data.json")
        );
        assert_eq!(found("@lib/x", ImportKind::Static), module("src/lib/x.ts"));
        assert_eq!(found("#conf", ImportKind::Static), module("src/conf.ts"));
        assert_eq!(
            found("pkg", ImportKind::Static),
            Outcome::External(Some(root.join("node_modules/pkg/esm.js")))
        );
        assert_eq!(
            found("pkg", ImportKind::Require),
            Outcome::External(Some(root.join("node_modules/pkg/cjs.js")))
        );
        assert_eq!(
            found("node:fs", ImportKind::Static),
            Outcome::External(None)
        );
        assert_eq!(found("fs", ImportKind::Static), Outcome::External(None));
        assert_eq!(
            found("ext-thing", ImportKind::Static),
            Outcome::External(None)
        );
        assert_eq!(
            found("https://x.dev/a.js", ImportKind::Static),
            Outcome::External(None)
        );
        assert!(matches!(
            found("./nope", ImportKind::Static),
            Outcome::NotFound(_)
        ));

        let included = Resolver::new(&root, &[], &["pkg".into()]);
        assert_eq!(
            included.resolve(&main, "pkg", ImportKind::Static).outcome,
            module("node_modules/pkg/esm.js")
        );
    }

    #[test]
    fn reports_the_paths_it_probed() {
        let root = project("probe", &[("src/main.ts", ""), ("src/b.tsx", "")]);
        let resolver = Resolver::new(&root, &[], &[]);
        let r = resolver.resolve(&root.join("src/main.ts"), "./b", ImportKind::Static);
        assert_eq!(r.outcome, Outcome::Module(root.join("src/b.tsx")));
        // Creating b.ts would change the answer, so it is among the probes.
        assert!(
            r.missing.contains(&root.join("src/b.ts")),
            "{:?}",
            r.missing
        );
        assert!(!r.missing.contains(&root.join("src/b.tsx")));

        let r = resolver.resolve(&root.join("src/main.ts"), "./c", ImportKind::Static);
        assert!(matches!(r.outcome, Outcome::NotFound(_)));
        assert!(r.missing.contains(&root.join("src/c.ts")));
        assert!(r.missing.contains(&root.join("src/c.json")));

        fs::write(root.join("src/c.ts"), "").unwrap();
        resolver.clear_cache();
        let r = resolver.resolve(&root.join("src/main.ts"), "./c", ImportKind::Static);
        assert_eq!(r.outcome, Outcome::Module(root.join("src/c.ts")));
    }
}
