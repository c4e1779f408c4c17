//! The order of passes, in exactly one place.
//!
//! resolver → coverage (Istanbul's counters, on the source as written) → styled-jsx → styled-components → emotion → removeConsole → reactRemoveProperties → modularizeImports →
//! typeOnlyExports → legacy decorators →
//! TypeScript strip → 2023 decorators → relay (after the strip, which keeps an import used as
//! a `graphql` tag as tsc does) → define (+ folding) → JSX → `using` declarations →
//! ES2016 rest patterns and ES2018 template escapes (es2015 to es2017) → lowering (`v`-flag regexes kept out of it) → module format (CommonJS keeps comments written before `export`) → jest hoisting → helpers (and their contexts mended) → hygiene →
//! fixer.
//! A pass that does not apply is a `None` that does nothing. Each pass is `timed`, so a
//! trace shows one span per pass (see `timing.rs`).

use std::cell::RefCell;

use swc_core::{
    common::{comments::SingleThreadedComments, sync::Lrc, Mark, SourceFile, SourceMap},
    ecma::{
        ast::{EsVersion, Pass},
        preset_env,
        transforms::{
            base::{
                assumptions::Assumptions,
                fixer::fixer,
                helpers::inject_helpers,
                hygiene::{hygiene_with_config, Config as HygieneConfig},
                resolver,
            },
            compat::class_fields_use_set::class_fields_use_set,
            module::{common_js, path::Resolver, util::Config as CjsConfig},
            optimization::simplify::{dead_branch_remover, expr_simplifier},
            proposal::{
                decorator_2023_11::decorator_2023_11,
                decorators::{decorators, Config as LegacyDecorators},
                explicit_resource_management::explicit_resource_management,
            },
            react,
            typescript::{self, TsxConfig},
        },
    },
};

use crate::{
    config::{Config, Lowering},
    facts::FileFacts,
    options::ModuleKind,
    timing::timed,
    transforms::{
        coverage::{coverage, CoverageLiteral},
        define::define,
        emotion::emotion,
        export_comments::export_comments,
        helper_contexts::helper_contexts,
        jest_hoist::jest_hoist,
        modularize_imports::modularize_imports,
        react_remove_properties::react_remove_properties,
        relay::relay,
        remove_console::remove_console,
        rest_patterns::rest_patterns,
        styled_components::styled_components,
        styled_jsx::styled_jsx,
        template_escapes::template_escapes,
        type_only_exports::type_only_exports,
        v_flag_regexes::v_flag_regexes,
    },
};

pub struct Marks {
    pub unresolved: Mark,
    pub top_level: Mark,
}

/// Whether the target is an ES version from `from` to `to`, both included.
fn lowering_to(config: &Config, from: EsVersion, to: EsVersion) -> bool {
    matches!(config.lowering, Lowering::Version(v) if (from..=to).contains(&v))
}

pub fn passes<'a>(
    config: &'a Config,
    cm: &Lrc<SourceMap>,
    fm: &'a SourceFile,
    comments: &'a SingleThreadedComments,
    marks: &Marks,
    filename: &'a str,
    file: &FileFacts,
    coverage_literal: &'a RefCell<Option<CoverageLiteral>>,
) -> impl Pass + 'a {
    let is_ts = file.syntax.typescript();
    let legacy = config.options.decorators.legacy && file.may_need_decorator_pass;
    let has_jsx = file.syntax.jsx();
    // `define` values are code of the user's that the source text does not show.
    let may_have_classes = file.may_have_classes || !config.defines.is_empty();
    let may_use_post_es2020_syntax = file.may_use_post_es2020_syntax || !config.defines.is_empty();
    let assumptions = Assumptions::default();

    let ts_config = typescript::Config {
        native_class_properties: config.use_define_for_class_fields,
        ..Default::default()
    };
    // With the classic runtime the pragma's import is used by JSX, so TypeScript
    // must not elide it; the TSX variant of the strip knows that.
    let keep_pragma = has_jsx && config.jsx_classic;
    let strip_tsx = (is_ts && keep_pragma).then(|| {
        typescript::tsx(
            cm.clone(),
            ts_config,
            TsxConfig {
                pragma: config.jsx.pragma.clone(),
                pragma_frag: config.jsx.pragma_frag.clone(),
            },
            comments,
            marks.unresolved,
            marks.top_level,
        )
    });
    let strip_ts = (is_ts && !keep_pragma)
        .then(|| typescript::typescript(ts_config, marks.unresolved, marks.top_level));

    let jsx = has_jsx.then(|| {
        timed(
            "jsx",
            react::react(
                cm.clone(),
                Some(comments),
                config.jsx.clone(),
                marks.top_level,
                marks.unresolved,
            ),
        )
    });

    let lower_to_version = match config.lowering {
        // From ES2020 on, only newer syntax is lowered; without it the passes have nothing to do.
        Lowering::Version(version)
            if version < EsVersion::EsNext
                && (version < EsVersion::Es2020 || may_use_post_es2020_syntax) =>
        {
            Some(preset_env::transform_from_es_version(
                marks.unresolved,
                Some(comments),
                version,
                assumptions,
                false,
            ))
        }
        _ => None,
    };
    let lower_to_browsers = match &config.lowering {
        Lowering::Browsers(versions) => Some(preset_env::transform_from_env(
            marks.unresolved,
            Some(comments),
            preset_env::Config {
                targets: Some(preset_env::Targets::Versions((**versions).clone())),
                ..Default::default()
            }
            .into(),
            assumptions,
        )),
        Lowering::Version(_) => None,
    };

    // Kept out of the lowering, which cannot lower them and broke them before ES2018.
    let (stash_v_regexes, restore_v_regexes) = match (lower_to_version.is_some()
        || lower_to_browsers.is_some())
        && file.may_have_v_flag_regex
    {
        true => {
            let (stash, restore) = v_flag_regexes();
            (Some(stash), Some(restore))
        }
        false => (None, None),
    };

    let module = (config.module == ModuleKind::CommonJs).then(|| {
        timed(
            "commonjs",
            (
                export_comments(comments.clone()),
                common_js(
                    Resolver::Default,
                    marks.unresolved,
                    CjsConfig::default(),
                    common_js::FeatureFlag {
                        support_block_scoping: config.codegen_target >= EsVersion::Es2015,
                        support_arrow: config.codegen_target >= EsVersion::Es2015,
                    },
                ),
            ),
        )
    });

    let ours = (
        // Next.js's order for its own transforms.
        config
            .styled_jsx
            .filter(|_| file.may_use_styled_jsx)
            .map(|t| timed("styled-jsx", styled_jsx(t, marks.unresolved, has_jsx))),
        config
            .styled_components
            .clone()
            .filter(|c| file.may_use_styled_components || c.has_import_paths())
            .map(|c| {
                timed(
                    "styled-components",
                    styled_components(
                        c,
                        filename,
                        comments.clone(),
                        (marks.unresolved, marks.top_level),
                    ),
                )
            }),
        config
            .emotion
            .clone()
            .filter(|e| file.may_use_emotion || e.has_import_map())
            .map(|e| {
                timed(
                    "emotion",
                    emotion(e, filename, cm.clone(), comments.clone()),
                )
            }),
        config
            .remove_console
            .clone()
            .map(|o| timed("remove-console", remove_console(o, marks.unresolved))),
        config
            .remove_properties
            .clone()
            .filter(|_| has_jsx)
            .map(|o| timed("react-remove-properties", react_remove_properties(o))),
        config
            .modularize_imports
            .clone()
            .map(|o| timed("modularize-imports", modularize_imports(o))),
    );
    let typescript = (
        config
            .options
            .type_only_exports
            .clone()
            .filter(|t| !t.is_empty())
            .map(|t| {
                timed(
                    "type-only-exports",
                    type_only_exports(t.into_iter().collect()),
                )
            }),
        // Legacy decorators read parameter types for metadata, so they go before the strip.
        legacy.then(|| {
            timed(
                "legacy-decorators",
                decorators(LegacyDecorators {
                    legacy: true,
                    emit_metadata: config.options.decorators.metadata,
                    use_define_for_class_fields: config.use_define_for_class_fields,
                }),
            )
        }),
        strip_tsx.map(|p| timed("typescript", p)),
        strip_ts.map(|p| timed("typescript", p)),
        (file.may_need_decorator_pass && !legacy).then(|| timed("decorators", decorator_2023_11())),
        config
            .options
            .relay
            .clone()
            .filter(|_| file.may_use_relay)
            .map(|o| timed("relay", relay(o, filename, marks.unresolved))),
    );
    let defines = (!config.defines.is_empty()).then(|| {
        timed(
            "define",
            (
                define(config.defines.clone()),
                expr_simplifier(marks.unresolved, Default::default()),
                dead_branch_remover(marks.unresolved),
            ),
        )
    });
    let output = (
        // `useDefineForClassFields: false` at every target, `esnext` included.
        (!config.use_define_for_class_fields && may_have_classes).then(|| {
            timed(
                "class-fields-use-set",
                class_fields_use_set(assumptions.pure_getters),
            )
        }),
        // `using` and `await using`: no ES version we target has them (ES2026 will), and
        // only the newest engines run them, so they are lowered for every target but esnext.
        (file.may_use_using && !matches!(config.lowering, Lowering::Version(EsVersion::EsNext)))
            .then(|| {
                timed(
                    "explicit-resource-management",
                    explicit_resource_management(),
                )
            }),
        // ES2016 and ES2018 syntax that swc's presets for the targets before leave as it is.
        (file.may_have_rest_patterns && lowering_to(config, EsVersion::Es2015, EsVersion::Es2015))
            .then(|| timed("rest-patterns", rest_patterns())),
        (file.may_have_templates && lowering_to(config, EsVersion::Es2015, EsVersion::Es2017))
            .then(|| timed("template-escapes", template_escapes())),
        stash_v_regexes,
        lower_to_version.map(|p| timed("lowering", p)),
        lower_to_browsers.map(|p| timed("lowering", p)),
        restore_v_regexes,
        module,
        config
            .options
            .jest
            .then(|| timed("jest-hoist", jest_hoist())),
        timed(
            "helpers",
            (inject_helpers(marks.unresolved), helper_contexts()),
        ),
        timed(
            "hygiene",
            hygiene_with_config(HygieneConfig {
                top_level_mark: marks.top_level,
                ..HygieneConfig::hygiene_default()
            }),
        ),
        timed("fixer", fixer(Some(comments))),
    );

    // babel-plugin-istanbul walks the program before any other plugin's visitor runs.
    let instrument = config.coverage.as_ref().map(|c| {
        timed(
            "coverage",
            coverage(c, filename, fm, comments, coverage_literal),
        )
    });

    (
        timed(
            "resolver",
            resolver(marks.unresolved, marks.top_level, is_ts),
        ),
        instrument,
        ours,
        typescript,
        defines,
        jsx,
        output,
    )
}
