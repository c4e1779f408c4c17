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
        Arc, Mutex,
    },
    time::{Instant, SystemTime},
};

use compiler_transform::{imports::ImportKind, timing, Diagnostic, FileInput};
use rustc_hash::{FxHashMap, FxHashSet};

use super::{
    changes::Changes,
    state::{Link, Module, PathTable, Seen, Source, Target, Transformed},
    Settings,
};
use crate::{
    diagnostics,
    hash::{of_bytes, Hash, Key, BUILD_ID},
    paths::{from_rel, is_script, output_name, relative_specifier, specifier_suffix, to_rel},
    remote::Remote,
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
    pub remote: Option<&'a Remote>,
    pub trace: Option<&'a Trace>,
    pub progress: &'a Progress,
    pub old: &'a FxHashMap<String, Module>,
    pub changes: &'a Changes,
    pub paths: &'a Mutex<PathTable>,
    /// Manifests read by this build's resolutions, stamped right after the first read.
    pub manifests: &'a Mutex<FxHashMap<u32, Seen>>,
    /// Resolutions made by this build: the same specifier from the same folder (under the
    /// same tsconfig) resolves the same way.
    pub resolved: &'a Mutex<FxHashMap<ResolveKey, Arc<Resolved>>>,
}

pub type ResolveKey = (PathBuf, Option<PathBuf>, String, ImportKind);

/// A resolution with its probes and manifests interned.
pub struct Resolved {
    outcome: Outcome,
    missing: Vec<u32>,
    manifests: Vec<u32>,
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
    /// Where a link leads changed (so the graph's edges moved).
    pub links_changed: bool,
}

/// Visits `seeds` (the modules whose inputs moved, and entries new to the graph), and
/// every module they reach that the graph does not have yet. Modules the graph has and
/// nothing touched are not visited: their state stands.
pub fn walk(ctx: &Ctx<'_>, seeds: &[String]) -> FxHashMap<String, Visited> {
    let seen: Mutex<FxHashSet<String>> = Mutex::new(seeds.iter().cloned().collect());
    let done: Mutex<FxHashMap<String, Visited>> = Mutex::default();
    ctx.progress.found.store(seeds.len(), Ordering::Relaxed);
    rayon::scope(|scope| {
        for seed in seeds {
            let (seen, done) = (&seen, &done);
            scope.spawn(move |scope| visit_tree(ctx, scope, seed.clone(), seen, done));
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
                Target::Module(t) if !ctx.old.contains_key(t) && seen.insert(t.clone()) => {
                    Some(t.clone())
                }
                _ => None,
            })
            .collect()
    };
    ctx.progress
        .found
        .fetch_add(targets.len(), Ordering::Relaxed);
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

    /// The entry of `key` from the local cache, else the remote one.
    fn cached(&self, key: Hash) -> Option<Entry> {
        self.store
            .get(key)
            .or_else(|| self.remote?.get(key, self.store))
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
            Some(_) => timing::record(|| self.session.transform_with_imports(text, &file)),
            None => (
                self.session.transform_with_imports(text, &file),
                vec![],
                started,
            ),
        };
        if let Some(trace) = self.trace {
            trace.passes(&spans, origin);
            trace.span("transform", "step", started, Some(rel));
        }
        let (output, imports) = result?;
        Ok(Entry {
            code: output.code,
            map: output.map,
            imports,
        })
    }

    fn resolve(&self, importer: &Path, specifier: &str, kind: ImportKind) -> Arc<Resolved> {
        let dir = importer
            .parent()
            .unwrap_or(&self.settings.root)
            .to_path_buf();
        let key = (
            dir,
            self.resolver.tsconfig_of(importer),
            specifier.to_string(),
            kind,
        );
        if let Some(r) = self.resolved.lock().unwrap().get(&key) {
            return r.clone();
        }
        let r = self.resolver.resolve(importer, specifier, kind);
        let (missing, manifests): (Vec<u32>, Vec<u32>) = {
            let mut paths = self.paths.lock().unwrap();
            (
                r.missing.iter().map(|p| paths.intern(p)).collect(),
                r.manifests.iter().map(|p| paths.intern(p)).collect(),
            )
        };
        {
            let mut stamped = self.manifests.lock().unwrap();
            for (id, path) in manifests.iter().zip(&r.manifests) {
                stamped
                    .entry(*id)
                    .or_insert_with(|| Seen::now(stat(path).ok().flatten()));
            }
        }
        let resolved = Arc::new(Resolved {
            outcome: r.outcome,
            missing,
            manifests,
        });
        self.resolved.lock().unwrap().insert(key, resolved.clone());
        resolved
    }

    fn link(&self, rel: &str, specifier: &str, kind: ImportKind, source: &mut SourceText) -> Link {
        let root = &self.settings.root;
        let importer = from_rel(root, rel);
        let r = self.resolve(&importer, specifier, kind);
        let (target, problem) = match &r.outcome {
            // A file outside the root has no place among the outputs.
            Outcome::Module(path) | Outcome::Outside(path) => match to_rel(root, path) {
                Some(t) => (Target::Module(t), None),
                None => (
                    Target::Failed,
                    Some(diagnostics::outside_root(
                        &importer,
                        source.get(),
                        specifier,
                        path,
                        root,
                    )),
                ),
            },
            Outcome::External(_) => (Target::External, None),
            Outcome::NotFound(reason) => {
                let tried = {
                    let paths = self.paths.lock().unwrap();
                    crate::resolve::tried(
                        &importer,
                        specifier,
                        r.missing.iter().map(|id| paths.get(*id)),
                    )
                };
                (
                    Target::Failed,
                    Some(diagnostics::unresolved(
                        &importer,
                        source.get(),
                        specifier,
                        reason,
                        &tried,
                    )),
                )
            }
        };
        Link {
            target,
            problem,
            missing: r.missing.clone(),
            manifests: r.manifests.clone(),
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
    module.problems.clear();
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
                module.problems.push(diagnostics::read_failed(&abs, &err));
                let links_changed = !module.links.is_empty();
                module.links.clear();
                module.transformed = None;
                return Visited {
                    module,
                    entry: None,
                    emit: false,
                    transformed: false,
                    changed: true,
                    links_changed,
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
        let failed_before = module
            .failed
            .as_ref()
            .is_some_and(|(h, _)| *h == source_hash);
        if module.transformed.as_ref().map(|t| t.key) != Some(key) && !failed_before {
            module.failed = None;
            entry = ctx.step("cache-read", rel, || ctx.cached(key));
            if entry.is_none() {
                transformed = true;
                match ctx.transform(rel, source.get()) {
                    Ok(e) => {
                        ctx.step("cache-write", rel, || ctx.store.put(key, &e));
                        entry = Some(e);
                    }
                    Err(diags) => {
                        let shown = abs.display().to_string();
                        module.failed = Some((
                            source_hash,
                            diags
                                .into_iter()
                                .map(|d| d.with_filename(shown.clone()))
                                .collect(),
                        ));
                    }
                }
            }
            if let Some(e) = &entry {
                let same_imports = module
                    .transformed
                    .as_ref()
                    .is_some_and(|t| t.imports == e.imports);
                relink_all = !same_imports;
                module.transformed = Some(Transformed {
                    key,
                    imports: e.imports.clone(),
                });
            }
        }
    }

    // Resolve new imports and stale links.
    let imports = module
        .transformed
        .as_ref()
        .map(|t| t.imports.clone())
        .unwrap_or_default();
    let mut links_changed = false;
    if relink_all || module.links.len() != imports.len() {
        let links: Vec<Link> = ctx.step("resolve", rel, || {
            imports
                .iter()
                .map(|i| ctx.link(rel, &i.specifier, i.kind, &mut source))
                .collect()
        });
        links_changed = links.len() != module.links.len()
            || links
                .iter()
                .zip(&module.links)
                .any(|(a, b)| a.target != b.target);
        module.links = links;
        changed = true;
    } else {
        for (i, import) in imports.iter().enumerate() {
            if ctx.changes.links.contains(&(rel.to_string(), i as u32)) {
                let link = ctx.link(rel, &import.specifier, import.kind, &mut source);
                if link.target != module.links[i].target {
                    changed = true;
                    links_changed = true;
                }
                module.links[i] = link;
            }
        }
    }

    // Emit when what the output depends on moved, or the file on disk did.
    let emit_key = emit_key(ctx.settings, rel, &module);
    let emit = match &module.emitted {
        None => module.transformed.is_some() || !is_script(rel),
        Some(e) if e.key != emit_key => true,
        Some(e) => ctx.changes.outputs.contains(rel) || (changed && outputs_moved(ctx.settings, e)),
    };
    if emit && is_script(rel) && entry.is_none() {
        if let Some(t) = &module.transformed {
            entry = ctx.cached(t.key).or_else(|| {
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
        // A module compiled again (new options, a damaged cache entry) was rebuilt too.
        changed: changed || transformed,
        links_changed,
    }
}

/// Whether the files written for `e` are not as written (edited, removed).
pub fn outputs_moved(settings: &Settings, e: &super::state::Emitted) -> bool {
    let code = settings.out_dir.join(&e.output);
    if stat(&code).ok().flatten() != Some(e.code.stamp) {
        return true;
    }
    match &e.map {
        Some(map) => {
            stat(&Path::new(&format!("{}.map", code.display())))
                .ok()
                .flatten()
                != Some(map.stamp)
        }
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
                let spec = relative_specifier(&out, &output_name(target))
                    + specifier_suffix(&import.specifier);
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
