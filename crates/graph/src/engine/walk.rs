//! The walk: every module reachable from the entries, visited once per build on rayon's
//! pool. A visit redoes only what its inputs say is stale:
//!
//! read + hash (if the stamp moved) → transform (if the key moved; from the cache when
//! it has the key) → extract imports → resolve (new imports, or links a change made
//! stale) → decide whether the output must be written → visit the targets.
//!
//! A transform whose imports came out the same leaves the links alone (early cutoff):
//! nothing downstream is resolved or visited again on its account.

use std::{
    fs,
    io::Read,
    path::{Path, PathBuf},
    sync::{
        atomic::{AtomicUsize, Ordering},
        Mutex,
    },
    time::{Instant, SystemTime},
};

use compiler_transform::{imports::scan_imports, timing, Diagnostic, FileInput};
use rustc_hash::{FxHashMap, FxHashSet};

use super::{
    changes::Changes,
    state::{Link, Module, PathTable, Source, Target, Transformed},
    Settings,
};
use crate::{
    diagnostics,
    hash::{of_bytes, Hash, Key, BUILD_ID},
    paths::{from_rel, has_node_modules, is_relative_specifier, is_script, output_name, relative_specifier, specifier_suffix, to_rel},
    resolve::{Outcome, Resolver},
    stamp::{stat, Stamp},
    store::{Entry, Store},
    trace::Trace,
    Session,
};

/// Counters a host can read while a build runs.
#[derive(Debug, Default)]
pub struct Progress {
    pub found: AtomicUsize,
    pub done: AtomicUsize,
}

pub struct Ctx<'a> {
    pub settings: &'a Settings,
    pub session: &'a Session,
    pub resolver: &'a Resolver,
    pub store: &'a Store,
    pub trace: Option<&'a Trace>,
    pub progress: &'a Progress,
    pub old: &'a FxHashMap<String, Module>,
    pub changes: &'a Changes,
    /// Check that outputs on disk are still what was written (not needed when a watcher
    /// has been reporting every change since the last build).
    pub check_outputs: bool,
    pub paths: &'a Mutex<PathTable>,
}

/// One module after its visit.
pub struct Visited {
    pub module: Module,
    /// The transform output, when this build has it in hand.
    pub entry: Option<Entry>,
    /// The output must be written (or checked against the file).
    pub emit: bool,
    pub transformed: bool,
    /// The source or a link changed.
    pub changed: bool,
    pub errors: Vec<Diagnostic>,
}

pub fn walk(ctx: &Ctx<'_>, entries: &[String]) -> FxHashMap<String, Visited> {
    let seen: Mutex<FxHashSet<String>> = Mutex::new(entries.iter().cloned().collect());
    let done: Mutex<FxHashMap<String, Visited>> = Mutex::default();
    ctx.progress.found.store(entries.len(), Ordering::Relaxed);
    rayon::scope(|scope| {
        for entry in entries {
            let (seen, done) = (&seen, &done);
            scope.spawn(move |scope| visit_tree(ctx, scope, entry.clone(), seen, done));
        }
    });
    done.into_inner().unwrap()
}

fn visit_tree<'s>(
    ctx: &'s Ctx<'s>,
    scope: &rayon::Scope<'s>,
    rel: String,
    seen: &'s Mutex<FxHashSet<String>>,
    done: &'s Mutex<FxHashMap<String, Visited>>,
) {
    let started = Instant::now();
    let visited = visit(ctx, &rel);
    if let Some(trace) = ctx.trace {
        trace.span(&rel, "module", started, Some(&rel));
    }
    let targets: Vec<String> = {
        let mut seen = seen.lock().unwrap();
        visited
            .module
            .links
            .iter()
            .filter_map(|l| match &l.target {
                Target::Module(t) if seen.insert(t.clone()) => Some(t.clone()),
                _ => None,
            })
            .collect()
    };
    ctx.progress.found.fetch_add(targets.len(), Ordering::Relaxed);
    ctx.progress.done.fetch_add(1, Ordering::Relaxed);
    done.lock().unwrap().insert(rel, visited);
    for target in targets {
        scope.spawn(move |scope| visit_tree(ctx, scope, target, seen, done));
    }
}

fn read(path: &Path) -> std::io::Result<(String, Stamp)> {
    let mut file = fs::File::open(path)?;
    let stamp = Stamp::of(&file.metadata()?);
    let mut text = String::with_capacity(stamp.size as usize);
    file.read_to_string(&mut text)?;
    Ok((text, stamp))
}

impl Ctx<'_> {
    fn step<R>(&self, name: &str, rel: &str, f: impl FnOnce() -> R) -> R {
        let started = Instant::now();
        let result = f();
        if let Some(trace) = self.trace {
            trace.span(name, "step", started, Some(rel));
        }
        result
    }

    fn transform_key(&self, rel: &str, source: Hash) -> Hash {
        Key::new("transform")
            .str(BUILD_ID)
            .hash(self.settings.options_hash)
            .str(rel)
            .str(&self.settings.source_file_name(rel))
            .hash(source)
            .finish()
    }

    fn transform(&self, rel: &str, text: &str) -> Result<Entry, Vec<Diagnostic>> {
        let file = FileInput {
            filename: Some(rel.to_string()),
            source_file_name: Some(self.settings.source_file_name(rel)),
            input_source_map: None,
        };
        let started = Instant::now();
        let (result, spans, origin) = match self.trace {
            Some(_) => timing::record(|| self.session.transform(text, &file)),
            None => (self.session.transform(text, &file), vec![], started),
        };
        if let Some(trace) = self.trace {
            trace.passes(&spans, origin);
            trace.span("transform", "step", started, Some(rel));
        }
        let output = result?;
        let imports = self.step("imports", rel, || scan_imports(&output.code));
        Ok(Entry {
            code: output.code,
            map: output.map,
            imports,
        })
    }

    fn link(&self, rel: &str, specifier: &str, kind: compiler_transform::imports::ImportKind, source: &mut SourceText) -> Link {
        let root = &self.settings.root;
        let importer = from_rel(root, rel);
        let r = self.resolver.resolve(&importer, specifier, kind);
        let (target, problem) = match r.outcome {
            Outcome::Module(path) => match to_rel(root, &path) {
                Some(t) => (Target::Module(t), None),
                None => (Target::Failed, Some(diagnostics::outside_root(&importer, source.get(), specifier, &path, root))),
            },
            Outcome::External(_) => (Target::External, None),
            Outcome::Outside(path) => (
                Target::Failed,
                Some(diagnostics::outside_root(&importer, source.get(), specifier, &path, root)),
            ),
            Outcome::NotFound(reason) => {
                // For a path, the files tried; for a package, a hint.
                let tried: Vec<String> = if is_relative_specifier(specifier) || specifier.starts_with('/') {
                    let mut tried: Vec<&PathBuf> = r
                        .missing
                        .iter()
                        .filter(|p| !has_node_modules(p) && p.file_name().is_some_and(|n| n != "package.json"))
                        .collect();
                    tried.sort_by_key(|p| (crate::resolve::try_order(p), p.to_path_buf()));
                    tried.iter().map(|p| to_rel(root, p).unwrap_or_else(|| p.display().to_string())).collect()
                } else {
                    vec![]
                };
                (Target::Failed, Some(diagnostics::unresolved(&importer, source.get(), specifier, &reason, &tried)))
            }
        };
        let mut paths = self.paths.lock().unwrap();
        Link {
            target,
            problem,
            missing: r.missing.iter().map(|p| paths.intern(p)).collect(),
            manifests: r.manifests.iter().map(|p| paths.intern(p)).collect(),
        }
    }
}

/// The source text, read only when a diagnostic needs it.
struct SourceText<'a> {
    path: &'a Path,
    text: Option<String>,
}

impl SourceText<'_> {
    fn get(&mut self) -> &str {
        if self.text.is_none() {
            self.text = Some(fs::read_to_string(self.path).unwrap_or_default());
        }
        self.text.as_deref().unwrap()
    }
}

fn visit(ctx: &Ctx<'_>, rel: &str) -> Visited {
    let abs = from_rel(&ctx.settings.root, rel);
    let old = ctx.old.get(rel);
    let mut module = old.cloned().unwrap_or_default();
    let mut errors = vec![];
    let mut changed = false;

    // Read + hash, when the stamp may have moved.
    let mut text = None;
    if old.is_none() || module.source.is_none() || ctx.changes.content.contains(rel) {
        match ctx.step("read", rel, || read(&abs)) {
            Ok((source, stamp)) => {
                let hash = of_bytes(source.as_bytes());
                changed |= module.source.map(|s| s.hash) != Some(hash);
                module.source = Some(Source {
                    stamp,
                    hash,
                    racy: stamp.racy_at(SystemTime::now()),
                });
                text = Some(source);
            }
            Err(err) => {
                module.source = None;
                errors.push(diagnostics::read_failed(&abs, &err));
                return Visited {
                    module,
                    entry: None,
                    emit: false,
                    transformed: false,
                    changed: true,
                    errors,
                };
            }
        }
    }
    let source_hash = module.source.expect("read above").hash;
    let mut source = SourceText { path: &abs, text };

    // Transform, when the key moved and the cache does not have it.
    let mut entry = None;
    let mut transformed = false;
    let mut relink_all = false;
    if is_script(rel) {
        let key = ctx.transform_key(rel, source_hash);
        let failed_before = module.failed.as_ref().is_some_and(|(h, _)| *h == source_hash);
        if module.transformed.as_ref().map(|t| t.key) != Some(key) && !failed_before {
            module.failed = None;
            entry = ctx.step("cache-read", rel, || ctx.store.get(key));
            if entry.is_none() {
                transformed = true;
                match ctx.transform(rel, source.get()) {
                    Ok(e) => {
                        ctx.step("cache-write", rel, || ctx.store.put(key, &e));
                        entry = Some(e);
                    }
                    Err(diags) => {
                        let shown = abs.display().to_string();
                        module.failed = Some((source_hash, diags.into_iter().map(|d| d.with_filename(shown.clone())).collect()));
                    }
                }
            }
            if let Some(e) = &entry {
                let same_imports = module.transformed.as_ref().is_some_and(|t| t.imports == e.imports);
                relink_all = !same_imports;
                module.transformed = Some(Transformed {
                    key,
                    imports: e.imports.clone(),
                });
            }
        }
        if let Some((_, diags)) = &module.failed {
            errors.extend(diags.iter().cloned());
        }
    }

    // Resolve new imports and stale links.
    let imports = module.transformed.as_ref().map(|t| t.imports.clone()).unwrap_or_default();
    if relink_all || module.links.len() != imports.len() {
        module.links = ctx.step("resolve", rel, || {
            imports.iter().map(|i| ctx.link(rel, &i.specifier, i.kind, &mut source)).collect()
        });
        changed = true;
    } else {
        for (i, import) in imports.iter().enumerate() {
            if ctx.changes.links.contains(&(rel.to_string(), i as u32)) {
                let link = ctx.link(rel, &import.specifier, import.kind, &mut source);
                changed |= link.target != module.links[i].target;
                module.links[i] = link;
            }
        }
    }
    errors.extend(module.links.iter().filter_map(|l| l.problem.clone()));

    // Emit when what the output depends on moved, or the file on disk did.
    let emit_key = emit_key(ctx.settings, rel, &module);
    let emit = match &module.emitted {
        None => module.transformed.is_some() || !is_script(rel),
        Some(e) if e.key != emit_key => true,
        Some(e) => (ctx.check_outputs || changed) && outputs_moved(ctx.settings, e),
    };
    if emit && is_script(rel) && entry.is_none() {
        if let Some(t) = &module.transformed {
            entry = ctx.store.get(t.key).or_else(|| {
                transformed = true;
                ctx.transform(rel, source.get()).ok()
            });
        }
    }
    Visited {
        module,
        entry,
        emit,
        transformed,
        changed,
        errors,
    }
}

fn outputs_moved(settings: &Settings, e: &super::state::Emitted) -> bool {
    let code = settings.out_dir.join(&e.output);
    if stat(&code).ok().flatten() != Some(e.code.stamp) {
        return true;
    }
    match &e.map {
        Some(map) => stat(&Path::new(&format!("{}.map", code.display()))).ok().flatten() != Some(map.stamp),
        None => false,
    }
}

/// The specifiers an output gets: each import that resolved to a module of the graph
/// names that module's output, relative to this one (`./a` → `./a.js`).
pub fn rewrites(rel: &str, module: &Module) -> Vec<(usize, String)> {
    let Some(t) = &module.transformed else {
        return vec![];
    };
    let out = output_name(rel);
    t.imports
        .iter()
        .zip(&module.links)
        .enumerate()
        .filter_map(|(i, (import, link))| match &link.target {
            Target::Module(target) => {
                let spec = relative_specifier(&out, &output_name(target)) + specifier_suffix(&import.specifier);
                (spec != import.specifier).then_some((i, spec))
            }
            _ => None,
        })
        .collect()
}

/// Everything an output depends on: the options, its name, the transform key and how
/// each specifier is rewritten (for an asset, its source).
pub fn emit_key(settings: &Settings, rel: &str, module: &Module) -> Hash {
    let mut key = Key::new("emit");
    key.hash(settings.options_hash).str(&output_name(rel));
    match &module.transformed {
        Some(t) => {
            key.hash(t.key);
            for (i, spec) in rewrites(rel, module) {
                key.str(&i.to_string()).str(&spec);
            }
        }
        None => {
            key.hash(module.source.map_or(0, |s| s.hash));
        }
    }
    key.finish()
}
