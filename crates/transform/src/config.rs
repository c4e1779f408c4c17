//! Options resolved once per session: everything that does not depend on the file
//! (browser targets, JSX settings, class-field semantics) is checked and computed here,
//! so a transform call does no option parsing at all.

use std::sync::Arc;

use preset_env_base::{
    query::{targets_to_versions, Query, Targets as EnvTargets},
    Versions,
};
use swc_core::atoms::Atom;
use swc_core::common::{sync::Lrc, FileName, SourceMap};
use swc_core::ecma::{
    ast::{EsVersion, Expr},
    parser::{parse_file_as_expr, Syntax},
    transforms::react,
    utils::drop_span,
};

use crate::{
    diagnostics::{self, Diagnostic},
    options::{
        BoolOr, CoverageOptions, JsxRuntime, ModuleKind, RemoveConsoleOptions, SourceMaps, Target,
        Targets, TransformOptions,
    },
};
use regex::Regex;

use crate::transforms::{
    coverage,
    define::{Define, DefineKey},
    emotion,
    modularize_imports::{self, options::Rules},
    styled_components, styled_jsx,
};

/// What the compat passes lower to.
#[derive(Debug, Clone)]
pub enum Lowering {
    Version(EsVersion),
    Browsers(Arc<Versions>),
}

#[derive(Debug, Clone)]
pub struct Config {
    pub lowering: Lowering,
    /// What the code generator may emit.
    pub codegen_target: EsVersion,
    pub module: ModuleKind,
    pub jsx: react::Options,
    pub jsx_classic: bool,
    pub use_define_for_class_fields: bool,
    pub source_maps: SourceMaps,
    pub read_inline_source_map: bool,
    pub remove_console: Option<RemoveConsoleOptions>,
    /// `reactRemoveProperties` patterns, compiled once.
    pub remove_properties: Option<Vec<Regex>>,
    pub modularize_imports: Option<Rules>,
    /// CSS targets for styled-jsx, or `None` when it is off.
    pub styled_jsx: Option<lightningcss::targets::Targets>,
    /// styled-components, resolved, or `None` when it is off.
    pub styled_components: Option<styled_components::Config>,
    /// emotion, resolved, or `None` when it is off.
    pub emotion: Option<emotion::Config>,
    /// Istanbul's instrumenter options, or `None` when coverage is off.
    pub coverage: Option<CoverageOptions>,
    pub defines: Vec<Define>,
    pub options: TransformOptions,
}

impl Config {
    pub fn new(options: TransformOptions) -> Result<Self, Diagnostic> {
        let (lowering, codegen_target) = match (&options.target, &options.targets) {
            (Some(_), Some(_)) => {
                return Err(diagnostics::conflicting_options("target", "targets"))
            }
            (_, Some(targets)) => (
                Lowering::Browsers(resolve_browsers(targets)?),
                EsVersion::Es5,
            ),
            (target, None) => {
                let version = es_version(target.unwrap_or(Target::Es2020));
                (Lowering::Version(version), version)
            }
        };

        // `tsc` defaults `useDefineForClassFields` to true from ES2022 on.
        let use_define_for_class_fields =
            options
                .use_define_for_class_fields
                .unwrap_or(match &lowering {
                    Lowering::Version(v) => *v >= EsVersion::Es2022,
                    Lowering::Browsers(_) => true,
                });

        let jsx_classic = options.jsx.runtime == JsxRuntime::Classic;
        let emotion = match options.emotion.clone().and_then(BoolOr::enabled) {
            None => None,
            Some(o) => Some(emotion::Config::new(o, options.jsx.development)?),
        };
        for (key, value) in [
            ("jsx.pragma", &options.jsx.pragma),
            ("jsx.pragmaFrag", &options.jsx.pragma_frag),
        ] {
            if let Some(source) = value {
                check_expression(key, source)?;
            }
        }
        if !jsx_classic && (options.jsx.pragma.is_some() || options.jsx.pragma_frag.is_some()) {
            return Err(diagnostics::invalid_option(
                "jsx.pragma",
                "only applies to the classic runtime; set `jsx.runtime` to \"classic\"",
            ));
        }
        if jsx_classic && options.jsx.import_source.is_some() {
            return Err(diagnostics::invalid_option(
                "jsx.importSource",
                "only applies to the automatic runtime",
            ));
        }

        #[allow(deprecated)]
        let jsx = react::Options {
            runtime: Some(if jsx_classic {
                react::Runtime::Classic
            } else {
                react::Runtime::Automatic
            }),
            // With emotion on, `@emotion/react` by default, as Next.js sets it.
            import_source: options
                .jsx
                .import_source
                .as_deref()
                .or(emotion.as_ref().map(|_| "@emotion/react"))
                .map(Into::into),
            pragma: options.jsx.pragma.clone().map(Into::into),
            pragma_frag: options.jsx.pragma_frag.clone().map(Into::into),
            development: Some(options.jsx.development),
            throw_if_namespace: options.jsx.throw_if_namespace,
            ..Default::default()
        };

        let remove_properties = match options
            .react_remove_properties
            .clone()
            .and_then(BoolOr::enabled)
        {
            None => None,
            Some(o) => Some(
                o.properties
                    .iter()
                    .enumerate()
                    .map(|(i, p)| {
                        Regex::new(p).map_err(|err| {
                            diagnostics::invalid_option(
                                &format!("reactRemoveProperties.properties[{i}]"),
                                format!("\"{p}\" is not a valid regular expression: {err}"),
                            )
                        })
                    })
                    .collect::<Result<Vec<_>, _>>()?,
            ),
        };

        let modularize_imports = match &options.modularize_imports {
            None | Some(serde_json::Value::Null) => None,
            Some(value) => Some(modularize_imports::options::parse(value)?),
        };
        let defines = match &options.define {
            None => vec![],
            Some(map) => map
                .iter()
                .map(|(k, v)| parse_define(k, v))
                .collect::<Result<_, _>>()?,
        };
        if options.decorators.metadata && !options.decorators.legacy {
            return Err(diagnostics::invalid_option(
                "decorators.metadata",
                "needs `legacy: true` (TypeScript's emitDecoratorMetadata needs experimentalDecorators)",
            ));
        }

        let styled_jsx = match options.styled_jsx.clone().map(BoolOr::enabled) {
            Some(None) => None,
            Some(Some(o)) => Some(css_targets(
                o.browsers.as_ref().or(options.targets.as_ref()),
                "styledJsx.browsers",
            )?),
            None => Some(css_targets(options.targets.as_ref(), "targets")?),
        };

        let coverage = options.coverage.clone().and_then(BoolOr::enabled);
        if let Some(c) = &coverage {
            if !c.coverage_global_scope_func
                && !coverage::is_scope_expression(&c.coverage_global_scope)
            {
                return Err(diagnostics::invalid_option(
                    "coverage.coverageGlobalScope",
                    "must be a JavaScript expression",
                ));
            }
        }

        let styled_components = options
            .styled_components
            .clone()
            .and_then(BoolOr::enabled)
            .map(|o| styled_components::Config::new(o, options.jsx.development));

        Ok(Self {
            styled_jsx,
            styled_components,
            emotion,
            coverage,
            modularize_imports,
            defines,
            remove_console: options.remove_console.clone().and_then(BoolOr::enabled),
            remove_properties,
            lowering,
            codegen_target,
            module: options.module,
            jsx,
            jsx_classic,
            use_define_for_class_fields,
            source_maps: options.source_maps,
            read_inline_source_map: options.input_source_map
                == crate::options::InputSourceMap::Read(true),
            options,
        })
    }

    /// Parses options from JSON text. On error, every offending key is named in the one
    /// diagnostic, a line each, not only the first that serde meets.
    pub fn from_json(json: &str) -> Result<Self, Diagnostic> {
        let de = &mut serde_json::Deserializer::from_str(json);
        match serde_path_to_error::deserialize::<_, TransformOptions>(de) {
            Ok(options) => Self::new(options),
            Err(first) => Err(every_option_error(json).unwrap_or_else(|| option_error(&first))),
        }
    }
}

/// The most option errors one message lists.
const MAX_OPTION_ERRORS: usize = 20;

fn option_error<E: std::fmt::Display>(err: &serde_path_to_error::Error<E>) -> Diagnostic {
    let path = err.path().to_string();
    let path = if path == "." { String::new() } else { path };
    // serde_json adds the position in the JSON text we were given; the key path says more.
    let message = err.inner().to_string();
    let message = message
        .rsplit_once(" at line ")
        .map_or(message.as_str(), |(m, _)| m);
    diagnostics::invalid_option(&path, message)
}

/// Every error in `json`'s options: each key that fails is taken out and the rest read
/// again, until they read or `MAX_OPTION_ERRORS` are found. `None` when the text is not a
/// JSON value (the first error says so).
fn every_option_error(json: &str) -> Option<Diagnostic> {
    let mut value: serde_json::Value = serde_json::from_str(json).ok()?;
    let mut errors: Vec<Diagnostic> = Vec::new();
    while errors.len() < MAX_OPTION_ERRORS {
        let Err(err) = serde_path_to_error::deserialize::<_, TransformOptions>(&value) else {
            break;
        };
        errors.push(option_error(&err));
        if !remove_at(&mut value, err.path()) {
            break;
        }
    }
    let mut all = errors.into_iter();
    let mut first = all.next()?;
    for more in all {
        first.message.push('\n');
        first.message.push_str(&more.message);
    }
    Some(first)
}

/// Takes the value at `path` out of `value`; false when there is nothing to take.
fn remove_at(value: &mut serde_json::Value, path: &serde_path_to_error::Path) -> bool {
    use serde_path_to_error::Segment;
    let segments: Vec<&Segment> = path.iter().collect();
    let Some((last, parents)) = segments.split_last() else {
        return false;
    };
    let mut at = value;
    for segment in parents {
        at = match (segment, at) {
            (Segment::Map { key }, serde_json::Value::Object(map)) => match map.get_mut(key) {
                Some(v) => v,
                None => return false,
            },
            (Segment::Seq { index }, serde_json::Value::Array(items)) => {
                match items.get_mut(*index) {
                    Some(v) => v,
                    None => return false,
                }
            }
            _ => return false,
        };
    }
    match (last, at) {
        (Segment::Map { key }, serde_json::Value::Object(map)) => map.remove(key).is_some(),
        (Segment::Seq { index }, serde_json::Value::Array(items)) if *index < items.len() => {
            items.remove(*index);
            true
        }
        _ => false,
    }
}

fn es_version(target: Target) -> EsVersion {
    match target {
        Target::Es5 => EsVersion::Es5,
        Target::Es2015 => EsVersion::Es2015,
        Target::Es2016 => EsVersion::Es2016,
        Target::Es2017 => EsVersion::Es2017,
        Target::Es2018 => EsVersion::Es2018,
        Target::Es2019 => EsVersion::Es2019,
        Target::Es2020 => EsVersion::Es2020,
        Target::Es2021 => EsVersion::Es2021,
        Target::Es2022 => EsVersion::Es2022,
        Target::EsNext => EsVersion::EsNext,
    }
}

/// Runs the browserslist query once; an empty or unknown query is an option error.
fn resolve_browsers(targets: &Targets) -> Result<Arc<Versions>, Diagnostic> {
    let (query, shown) = match targets {
        Targets::Query(q) => (Query::Single(q.clone()), q.clone()),
        Targets::Queries(qs) => (Query::Multiple(qs.clone()), qs.join(", ")),
    };
    let info = targets_to_versions(Some(EnvTargets::Query(query)), None)
        .map_err(|err| diagnostics::unknown_target(&shown, err))?;
    if info.unknown_version || info.versions.is_any_target() {
        return Err(diagnostics::unknown_target(
            &shown,
            "it matches no known browser",
        ));
    }
    Ok(info.versions)
}

fn css_targets(
    query: Option<&Targets>,
    key: &str,
) -> Result<lightningcss::targets::Targets, Diagnostic> {
    let queries = match query {
        None => return Ok(styled_jsx::targets(None)),
        Some(Targets::Query(q)) => vec![q.clone()],
        Some(Targets::Queries(qs)) => qs.clone(),
    };
    let browsers = styled_jsx::browsers(&queries).map_err(|e| {
        diagnostics::invalid_option(
            key,
            format!("browserslist query \"{}\" failed: {e}", queries.join(", ")),
        )
    })?;
    Ok(styled_jsx::targets(browsers))
}

fn parse_expression(key: &str, source: &str) -> Result<Box<Expr>, Diagnostic> {
    let cm: Lrc<SourceMap> = Default::default();
    let fm = cm.new_source_file(Lrc::new(FileName::Anon), source.to_string());
    let mut errors = vec![];
    match parse_file_as_expr(&fm, Syntax::default(), EsVersion::EsNext, None, &mut errors) {
        Ok(expr) if errors.is_empty() => Ok(drop_span(expr)),
        _ => Err(diagnostics::invalid_option(
            key,
            format!("\"{source}\" is not an expression"),
        )),
    }
}

fn check_expression(key: &str, source: &str) -> Result<(), Diagnostic> {
    parse_expression(key, source).map(drop)
}

/// `a`, `a.b.c` or `typeof a.b`, each name an identifier.
fn parse_define(key: &str, value: &serde_json::Value) -> Result<Define, Diagnostic> {
    let at = format!("define[\"{}\"]", key.replace('"', "\\\""));
    let (typeof_, chain) = match key.trim().strip_prefix("typeof ") {
        Some(rest) => (true, rest.trim()),
        None => (false, key.trim()),
    };
    let path: Vec<Atom> = chain.split('.').map(|s| Atom::from(s.trim())).collect();
    let is_ident = |s: &str| {
        let mut chars = s.chars();
        chars
            .next()
            .is_some_and(|c| c.is_alphabetic() || c == '_' || c == '$')
            && chars.all(|c| c.is_alphanumeric() || c == '_' || c == '$')
    };
    if !path.iter().all(|p| is_ident(p)) {
        return Err(diagnostics::invalid_option(
            &at,
            "the key must be an identifier, a member chain (`a.b.c`) or `typeof a`",
        ));
    }
    let serde_json::Value::String(source) = value else {
        return Err(diagnostics::invalid_option(
            &at,
            format!("expected JavaScript source as a string, found {value}"),
        ));
    };
    let value = parse_expression(&at, source)?;
    let key = if typeof_ {
        DefineKey::TypeOf(path)
    } else {
        DefineKey::Path(path)
    };
    Ok(Define { key, value })
}
