//! The user-facing options of one transform, as they arrive from JS or a config file.
//!
//! Field names are camelCase and unknown keys are rejected with the key's name, so a
//! typo in `compiler.config.json` fails loudly instead of being ignored.

use serde::Deserialize;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct TransformOptions {
    /// Picks the syntax (`.ts`, `.tsx`, `.js`, ...) and names the file in errors and maps.
    pub filename: Option<String>,
    /// The name written to the map's `sources`; defaults to `filename`.
    pub source_file_name: Option<String>,
    pub jsx: JsxOptions,
    /// An ECMAScript version to lower to: `es5`, `es2015` ... `es2022`, `esnext`.
    pub target: Option<Target>,
    /// A browserslist query: lowering follows the browsers instead of a version.
    pub targets: Option<Targets>,
    pub module: ModuleKind,
    pub source_maps: SourceMaps,
    pub input_source_map: InputSourceMap,
    /// TypeScript's `useDefineForClassFields`; defaults by target as `tsc` does.
    pub use_define_for_class_fields: Option<bool>,
    /// Next.js `compiler.removeConsole`: `true | { exclude: string[] }`.
    pub remove_console: Option<BoolOr<RemoveConsoleOptions>>,
    /// Next.js `compiler.reactRemoveProperties`: `true | { properties: string[] }`.
    pub react_remove_properties: Option<BoolOr<ReactRemovePropertiesOptions>>,
    /// Next.js `modularizeImports`: `{ [packageRegex]: { transform, preventFullImport, ... } }`,
    /// in the object's order (checked and compiled by the transform's own options module).
    pub modularize_imports: Option<serde_json::Value>,
    /// Next.js `compiler.styledJsx`: `false` turns it off; on by default wherever a file
    /// has `<style jsx>`. `{ browsers }` sets the CSS targets (default: `targets`).
    pub styled_jsx: Option<BoolOr<StyledJsxOptions>>,
    /// Next.js `compiler.relay`: `{ src, artifactDirectory, language, eagerEsModules }`.
    pub relay: Option<RelayOptions>,
    /// Next.js `compiler.styledComponents`: `true | { displayName, ssr, fileName, … }`.
    pub styled_components: Option<BoolOr<StyledComponentsOptions>>,
    /// Next.js `compiler.emotion`: `true | { sourceMap, autoLabel, labelFormat, importMap }`.
    /// Also makes `@emotion/react` the default JSX import source.
    pub emotion: Option<BoolOr<EmotionOptions>>,
    /// Next.js `compiler.define`: `{ "process.env.NODE_ENV": "\"production\"" }`.
    pub define: Option<serde_json::Map<String, serde_json::Value>>,
    /// `{ legacy, metadata }`: TypeScript's `experimentalDecorators` and
    /// `emitDecoratorMetadata`; without `legacy`, TC39 2023 decorators.
    pub decorators: DecoratorsOptions,
    /// Hoist `jest.mock(...)` and its kin above the imports (set by `compiler-js/jest`).
    pub jest: bool,
    /// Istanbul coverage counters, as babel-plugin-istanbul adds them: `true | { coverageVariable,
    /// coverageGlobalScope, coverageGlobalScopeFunc, ignoreClassMethods }`. The coverage
    /// object's `path` is `filename`.
    pub coverage: Option<BoolOr<CoverageOptions>>,
    /// What other modules export only as types, by the specifier this file imports them
    /// with: `{ "./common": ["PathString"] }`. Set by hosts that see those modules (the
    /// Rollup/Vite plugin); re-exports of those names are dropped.
    pub type_only_exports: Option<std::collections::BTreeMap<String, Vec<String>>>,
    /// Terser-style minify options (or `true`): applied after the transform, in the same
    /// native call, by `compiler_graph::Session`; this crate only carries them.
    pub minify: Option<serde_json::Value>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct JsxOptions {
    pub runtime: JsxRuntime,
    /// For the automatic runtime; default `react`.
    pub import_source: Option<String>,
    /// For the classic runtime; default `React.createElement`.
    pub pragma: Option<String>,
    /// For the classic runtime; default `React.Fragment`.
    pub pragma_frag: Option<String>,
    /// `jsxDEV` with `__source` and `__self`.
    pub development: bool,
    /// Namespaced tags (`<svg:rect>`) are an error unless this is `false`, as in Babel.
    pub throw_if_namespace: Option<bool>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum JsxRuntime {
    #[default]
    Automatic,
    Classic,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Target {
    Es5,
    Es2015,
    Es2016,
    Es2017,
    Es2018,
    Es2019,
    Es2020,
    Es2021,
    Es2022,
    EsNext,
}

/// `targets`: a browserslist query, a list of them, or Babel's object form
/// (`{ chrome: "100", safari: "15" }`, `{ node: "20.11" }`, `{ browsers: "…" }`,
/// `{ esmodules: true }`), which becomes the same list of queries. (`node: "current"` is
/// the Node.js that runs the build: the JS API puts its version in before this sees it.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Targets {
    Query(String),
    Queries(Vec<String>),
}

/// Babel's target names, and browserslist's name for each.
const BROWSERS: &[(&str, &str)] = &[
    ("android", "android"),
    ("chrome", "chrome"),
    ("edge", "edge"),
    ("electron", "electron"),
    ("firefox", "firefox"),
    ("ie", "ie"),
    ("ios", "ios_saf"),
    ("node", "node"),
    ("opera", "opera"),
    ("opera_mobile", "op_mob"),
    ("safari", "safari"),
    ("samsung", "samsung"),
];

impl<'de> Deserialize<'de> for Targets {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(d)?;
        Targets::from_value(&value).map_err(serde::de::Error::custom)
    }
}

impl Targets {
    fn from_value(value: &serde_json::Value) -> Result<Self, String> {
        use serde_json::Value;
        let queries = |items: &[Value]| -> Result<Vec<String>, String> {
            items
                .iter()
                .map(|q| {
                    q.as_str().map(str::to_string).ok_or_else(|| {
                        format!("expected browserslist queries (strings), found {q}")
                    })
                })
                .collect()
        };
        match value {
            Value::String(q) => Ok(Targets::Query(q.clone())),
            Value::Array(items) => queries(items).map(Targets::Queries),
            Value::Object(map) => {
                let mut out = vec![];
                for (key, v) in map {
                    match (key.as_str(), v) {
                        ("browsers", Value::String(q)) => out.push(q.clone()),
                        ("browsers", Value::Array(items)) => out.extend(queries(items)?),
                        ("esmodules", Value::Bool(true)) => out.push("supports es6-module".into()),
                        ("esmodules", Value::Bool(false)) => {}
                        ("node", v) if is_current(v) => {
                            return Err("`node: \"current\"` means the Node.js that runs the build; give its version (the JS API fills it in)".into());
                        }
                        (name, Value::String(_) | Value::Number(_)) if BROWSERS.iter().any(|(b, _)| *b == name) => {
                            let query_name = BROWSERS.iter().find(|(b, _)| *b == name).map(|(_, q)| *q).unwrap_or(name);
                            let version = match v {
                                Value::String(s) => s.clone(),
                                other => other.to_string(),
                            };
                            out.push(format!("{query_name} {version}"));
                        }
                        ("browsers" | "esmodules", other) => {
                            return Err(format!("`{key}`: expected {}, found {other}", if key == "browsers" { "a browserslist query or a list of them" } else { "true or false" }))
                        }
                        (name, other) if BROWSERS.iter().any(|(b, _)| *b == name) => {
                            return Err(format!("`{name}`: expected a version such as \"100\", found {other}"))
                        }
                        (other, _) => {
                            let names: Vec<&str> = BROWSERS.iter().map(|(b, _)| *b).collect();
                            return Err(format!("unknown target `{other}`: expected one of {}, `browsers` or `esmodules`", names.join(", ")));
                        }
                    }
                }
                if out.is_empty() {
                    return Err("names no browser or Node.js version".into());
                }
                Ok(Targets::Queries(out))
            }
            other => Err(format!(
                "expected a browserslist query (a string or a list of them) or an object of versions such as {{ \"chrome\": \"100\" }}, found {other}"
            )),
        }
    }
}

/// `node: "current"` or `node: true`, as Babel takes them.
fn is_current(v: &serde_json::Value) -> bool {
    matches!(v, serde_json::Value::Bool(true)) || v.as_str() == Some("current")
}

/// Next.js `compiler.styledComponents`, with its names and babel-plugin-styled-components's
/// defaults. "Development" is `jsx.development`.
/// istanbul-lib-instrument's instrumenter options, with its defaults.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct CoverageOptions {
    /// The global that holds every file's coverage; default `__coverage__`.
    pub coverage_variable: String,
    /// The expression for the global object; default `this`.
    pub coverage_global_scope: String,
    /// Evaluate that expression with `new Function`, to be free of strict mode; default `true`.
    pub coverage_global_scope_func: bool,
    /// Class methods (and named function expressions) by name that are not instrumented.
    pub ignore_class_methods: Vec<String>,
}

impl Default for CoverageOptions {
    fn default() -> Self {
        Self {
            coverage_variable: "__coverage__".into(),
            coverage_global_scope: "this".into(),
            coverage_global_scope_func: true,
            ignore_class_methods: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct StyledComponentsOptions {
    /// `displayName` in `withConfig`; default: in development.
    pub display_name: Option<bool>,
    /// `componentId` in `withConfig`, so server and client agree on class names.
    pub ssr: bool,
    /// Display names start with the file's name (`Button__Label`).
    pub file_name: bool,
    /// Packages besides `styled-components` whose imports are styled-components'.
    pub top_level_import_paths: Vec<String>,
    /// Files named so take their directory's name in display names.
    pub meaningless_file_names: Vec<String>,
    /// Comments and white space out of templates.
    pub minify: bool,
    /// Templates as calls with an array of strings (smaller, faster to parse).
    pub transpile_template_literals: bool,
    /// `/*#__PURE__*/` on styled components and helpers, for tree shaking.
    pub pure: bool,
    /// Before component ids: `namespace__sc-…`.
    pub namespace: String,
    /// `<div css="…">` and `css={`…`}` become styled components.
    pub css_prop: bool,
}

impl Default for StyledComponentsOptions {
    fn default() -> Self {
        Self {
            display_name: None,
            ssr: true,
            file_name: true,
            top_level_import_paths: vec![],
            meaningless_file_names: vec!["index".into()],
            minify: true,
            transpile_template_literals: true,
            pure: false,
            namespace: String::new(),
            css_prop: true,
        }
    }
}

/// Next.js `compiler.emotion`, with its names. "Development" is `jsx.development`.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct EmotionOptions {
    /// A source map comment in each style, in development only.
    pub source_map: bool,
    /// Labels (`css-1x2y3z-Button`): `never`, `dev-only` (the default) or `always`.
    pub auto_label: AutoLabel,
    /// The label: `[local]` (the default), `[filename]` and `[dirname]` are replaced.
    pub label_format: Option<String>,
    /// Other packages' exports that stand for emotion's:
    /// `{ "my-lib": { "myCss": { "canonicalImport": ["@emotion/react", "css"] } } }`.
    pub import_map:
        std::collections::BTreeMap<String, std::collections::BTreeMap<String, ImportMapTarget>>,
}

impl Default for EmotionOptions {
    fn default() -> Self {
        Self {
            source_map: true,
            auto_label: AutoLabel::default(),
            label_format: None,
            import_map: Default::default(),
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AutoLabel {
    Never,
    #[default]
    DevOnly,
    Always,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ImportMapTarget {
    /// `[package, export]`, e.g. `["@emotion/styled", "default"]`.
    pub canonical_import: [String; 2],
}

/// Next.js `compiler.relay`, with its names.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct RelayOptions {
    /// Where relay-compiler finds sources; read by relay-compiler, not by the transform.
    pub src: Option<String>,
    /// Where relay-compiler writes artifacts; `__generated__` beside each file if unset.
    pub artifact_directory: Option<String>,
    /// The artifacts' extension: `.ts` for `typescript`, else `.js`.
    pub language: RelayLanguage,
    /// Import artifacts at the top of the module instead of `require`-ing them in place.
    pub eager_es_modules: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RelayLanguage {
    #[default]
    JavaScript,
    TypeScript,
    Flow,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ModuleKind {
    #[default]
    Esm,
    CommonJs,
}

/// `sourceMaps: boolean | "inline"`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SourceMaps {
    #[default]
    None,
    Separate,
    Inline,
}

impl<'de> Deserialize<'de> for SourceMaps {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Bool(bool),
            Str(String),
        }
        match Raw::deserialize(d)? {
            Raw::Bool(false) => Ok(Self::None),
            Raw::Bool(true) => Ok(Self::Separate),
            Raw::Str(s) if s == "inline" => Ok(Self::Inline),
            Raw::Str(s) => Err(serde::de::Error::custom(format!(
                "expected true, false or \"inline\", found \"{s}\""
            ))),
        }
    }
}

/// `inputSourceMap: string | boolean`: a map as JSON text, or whether to read an
/// inline `//# sourceMappingURL=data:` comment (the default).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum InputSourceMap {
    Read(bool),
    Json(String),
}

impl Default for InputSourceMap {
    fn default() -> Self {
        Self::Read(true)
    }
}

/// `true | {…}`: `true` is the object's defaults, `false` turns the feature off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BoolOr<T> {
    Bool(bool),
    Options(T),
}

impl<T: Default> BoolOr<T> {
    /// The options in force, or `None` when the feature is off.
    pub fn enabled(self) -> Option<T> {
        match self {
            Self::Bool(true) => Some(T::default()),
            Self::Bool(false) => None,
            Self::Options(options) => Some(options),
        }
    }
}

impl<'de, T: serde::de::DeserializeOwned> Deserialize<'de> for BoolOr<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        match serde_json::Value::deserialize(d)? {
            serde_json::Value::Bool(b) => Ok(Self::Bool(b)),
            value @ serde_json::Value::Object(_) => serde_path_to_error::deserialize(value)
                .map(Self::Options)
                .map_err(|e| {
                    // The key inside the object, which serde's message does not name.
                    let path = e.path().to_string();
                    let message = e.into_inner().to_string();
                    match path.as_str() {
                        "." => D::Error::custom(message),
                        // An unknown field's message names it already.
                        _ if message.contains(&format!("`{path}`")) => D::Error::custom(message),
                        _ => D::Error::custom(format!("`{path}`: {message}")),
                    }
                }),
            other => Err(D::Error::custom(format!(
                "expected true, false or an object, found {other}"
            ))),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct RemoveConsoleOptions {
    /// Console methods to keep, e.g. `["error", "warn"]`.
    pub exclude: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct ReactRemovePropertiesOptions {
    /// Regular expressions; a JSX attribute whose name matches any is removed.
    pub properties: Vec<String>,
}

impl Default for ReactRemovePropertiesOptions {
    fn default() -> Self {
        Self {
            properties: vec!["^data-test".to_string()],
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct DecoratorsOptions {
    pub legacy: bool,
    pub metadata: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct StyledJsxOptions {
    /// A browserslist query for the CSS: prefixes and syntax lowering.
    pub browsers: Option<Targets>,
}
