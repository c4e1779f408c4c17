//! The incremental module graph: each piece of work done once per distinct input,
//! remembered on disk, and redone only where an edit reaches.
//!
//! A build finds what changed (every stamp, or the paths a watcher reported), walks the
//! graph from the entries redoing only stale work (`walk.rs`), writes the outputs that
//! changed (`emit.rs`), removes those of modules no longer reachable, and saves the graph
//! so the next process starts from it.

mod changes;
mod emit;
mod persist;
pub mod state;
mod walk;
mod watching;

use std::{
    path::{Path, PathBuf},
    sync::{atomic::Ordering, Arc, Mutex},
    time::Instant,
};

use compiler_transform::{diagnostics as transform_diagnostics, options::SourceMaps, Diagnostic};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;
use serde_json::Value;

pub use walk::Progress;

use self::{
    state::{Graph, Seen},
    walk::{Ctx, Visited},
};
use crate::{
    diagnostics,
    graph_json::View,
    hash::{Hash, Key, BUILD_ID},
    options::GraphOptions,
    paths::{output_name, relative_path, to_rel},
    remote::{Remote, RemoteReport},
    resolve::Resolver,
    stamp::stat,
    store::{self, Store},
    trace::Trace,
    watch::Watcher,
    Session,
};

/// Changes reported between builds: paths that changed on disk (created, written,
/// removed or renamed), or that events were lost and every stamp must be checked.
#[derive(Clone, Default)]
pub struct Inbox(Arc<Mutex<(Vec<PathBuf>, bool)>>);

impl Inbox {
    pub fn update(&self, paths: impl IntoIterator<Item = PathBuf>) {
        self.0.lock().unwrap().0.extend(paths);
    }

    pub fn rescan(&self) {
        self.0.lock().unwrap().1 = true;
    }

    fn take(&self) -> (Vec<PathBuf>, bool) {
        std::mem::take(&mut *self.0.lock().unwrap())
    }
}

/// What the engine knows before any module: paths and the options' identity.
pub struct Settings {
    pub root: PathBuf,
    pub out_dir: PathBuf,
    pub options_hash: Hash,
    pub maps: SourceMaps,
}

impl Settings {
    /// The name of `rel`'s source in its map: relative to where the map is written.
    pub fn source_file_name(&self, rel: &str) -> String {
        let out = self.out_dir.join(output_name(rel));
        relative_path(out.parent().unwrap_or(&self.out_dir), &self.root.join(rel))
    }
}

/// What one build did, as `--stats` writes it.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BuildReport {
    /// Modules reachable from the entries.
    pub modules: usize,
    /// Modules compiled by this build.
    pub transformed: usize,
    /// Modules whose compiled output came from the cache (this process's graph or disk).
    pub from_cache: usize,
    /// Modules whose source or resolution changed since the last build.
    pub changed: usize,
    /// Outputs written (unchanged ones are not rewritten).
    pub written: usize,
    /// Outputs removed (modules no longer reachable).
    pub removed: usize,
    pub errors: usize,
    pub ms: f64,
    pub diagnostics: Vec<Diagnostic>,
    pub warnings: Vec<String>,
    /// With a remote cache: what it did during this build.
    pub remote: Option<RemoteReport>,
}

/// What closing an engine finished: uploads to the remote cache, and their warnings.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CloseReport {
    /// With a remote cache: everything it did while the engine was open.
    pub remote: Option<RemoteReport>,
    pub warnings: Vec<String>,
}

pub struct Engine {
    settings: Settings,
    entries: Vec<String>,
    entry_problems: Vec<Diagnostic>,
    config_files: Vec<PathBuf>,
    cache_dir: Option<PathBuf>,
    cache_max_bytes: u64,
    session: Session,
    resolver: Resolver,
    store: Store,
    remote: Option<Arc<Remote>>,
    graph: Graph,
    snapshot: PathBuf,
    inbox: Inbox,
    built: bool,
    unsaved: bool,
    watcher: Option<Watcher>,
    trace: Option<Arc<Trace>>,
    progress: Arc<Progress>,
    /// Edges for `dependencies`/`importers`, made when first asked after a change.
    view: Option<View>,
}

/// Transform options as a build uses them: an inline map is made as a separate map and
/// inlined when written (its specifiers are rewritten first).
fn session_for(transform: &Value) -> Result<(Session, SourceMaps, Hash), Diagnostic> {
    let mut options = transform.clone();
    let Value::Object(map) = &mut options else {
        return Err(transform_diagnostics::invalid_option(
            "transform",
            "expected an object",
        ));
    };
    for per_file in ["filename", "sourceFileName", "inputSourceMap"] {
        if map.contains_key(per_file) {
            return Err(transform_diagnostics::invalid_option(
                per_file,
                "is set per module by the build; remove it",
            ));
        }
    }
    let maps = match map.get("sourceMaps") {
        Some(Value::String(s)) if s == "inline" => SourceMaps::Inline,
        Some(Value::Bool(true)) => SourceMaps::Separate,
        _ => SourceMaps::None,
    };
    if maps == SourceMaps::Inline {
        map.insert("sourceMaps".into(), Value::Bool(true));
    }
    let json = serde_json::to_string(&options).expect("JSON values serialize");
    let session = Session::from_json(&json)?;
    let hash = Key::new("options").str(BUILD_ID).str(&json).finish();
    Ok((session, maps, hash))
}

fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

impl Engine {
    pub fn open(options: GraphOptions) -> Result<Self, Diagnostic> {
        let root = std::fs::canonicalize(&options.root).map_err(|e| {
            transform_diagnostics::invalid_option(
                "root",
                format!("{}: {e}", options.root.display()),
            )
        })?;
        let out_dir = match options.out_dir.parent() {
            Some(parent) => canonical(parent).join(options.out_dir.file_name().unwrap_or_default()),
            None => options.out_dir.clone(),
        };
        if root.starts_with(&out_dir) {
            return Err(transform_diagnostics::invalid_option(
                "outDir",
                format!(
                    "{} is the root or holds it; outputs would overwrite sources",
                    out_dir.display()
                ),
            ));
        }
        let (session, maps, options_hash) = session_for(&options.transform)?;
        let mut entries = vec![];
        let mut entry_problems = vec![];
        for entry in &options.entries {
            let abs = canonical(entry);
            match (abs.is_file(), to_rel(&root, &abs)) {
                (false, _) => entry_problems.push(diagnostics::entry_not_found(entry)),
                (true, None) => entry_problems.push(diagnostics::entry_outside_root(entry, &root)),
                (true, Some(rel)) => entries.push(rel),
            }
        }
        entries.sort();
        entries.dedup();
        let store = Store::open(options.cache_dir.as_deref());
        let trace = options.trace.as_deref().map(|t| Arc::new(Trace::new(t)));
        let remote = options
            .remote_cache
            .map(|r| Remote::open(r, options_hash, &entries, trace.clone()))
            .transpose()
            .map_err(|why| transform_diagnostics::invalid_option("remoteCache", why))?;
        let mut name = Key::new("graph");
        name.str(&root.display().to_string())
            .str(&out_dir.display().to_string());
        for e in &entries {
            name.str(e);
        }
        let snapshot = store.graph_path(name.finish());
        let loading = Instant::now();
        let mut graph = store
            .load::<Graph>(&snapshot)
            .filter(|g| g.root == root)
            .unwrap_or_else(|| Graph {
                root: root.clone(),
                ..Graph::default()
            });
        graph.paths.reindex();
        if let Some(trace) = &trace {
            trace.span("load graph", "phase", loading, None);
        }
        Ok(Self {
            resolver: Resolver::new(&root, &options.external, &options.include_node_modules),
            settings: Settings {
                root,
                out_dir,
                options_hash,
                maps,
            },
            entries,
            entry_problems,
            config_files: options.config_files.iter().map(|p| canonical(p)).collect(),
            cache_dir: options.cache_dir,
            cache_max_bytes: options.cache_max_bytes,
            session,
            store,
            remote,
            graph,
            snapshot,
            inbox: Inbox::default(),
            built: false,
            unsaved: false,
            watcher: None,
            trace,
            progress: Arc::default(),
            view: None,
        })
    }

    /// New transform options (the host re-read a config file); says whether they differ.
    pub fn set_transform_options(&mut self, transform: &Value) -> Result<bool, Diagnostic> {
        let (session, maps, hash) = session_for(transform)?;
        let changed = hash != self.settings.options_hash;
        self.session = session;
        self.settings.maps = maps;
        self.settings.options_hash = hash;
        if let (true, Some(remote)) = (changed, &self.remote) {
            remote.set_options_hash(hash, &self.entries);
        }
        Ok(changed)
    }

    /// Where to report changes, also while a build runs.
    pub fn inbox(&self) -> Inbox {
        self.inbox.clone()
    }

    pub fn progress(&self) -> Arc<Progress> {
        self.progress.clone()
    }

    fn view(&mut self) -> &View {
        self.view
            .get_or_insert_with(|| View::new(&self.settings.root, &self.graph.modules))
    }

    /// The modules `file` imports, as of the last build.
    pub fn dependencies(&mut self, file: &Path) -> Vec<PathBuf> {
        self.view().dependencies(file)
    }

    /// The modules that import `file`, as of the last build.
    pub fn importers(&mut self, file: &Path) -> Vec<PathBuf> {
        self.view().importers(file)
    }

    pub fn build(&mut self) -> BuildReport {
        let started = Instant::now();
        let remote_before = self.remote.as_ref().map(|r| r.report());
        let trace = self.trace.clone();
        // A step of the build, as a span of the trace.
        let phase = |name: &str, at: Instant| {
            if let Some(trace) = &trace {
                trace.span(name, "phase", at, None);
            }
        };
        // With a watcher running since the last build, its events say what changed.
        let (pending, rescan) = self.inbox.take();
        let trusted = self.watcher.is_some() && self.built && !rescan;
        // Stamped before anything is read, so a change made during the build shows next time.
        let config_stamps: Vec<(PathBuf, Seen)> = self
            .config_files
            .iter()
            .map(|p| (p.clone(), Seen::now(stat(p).ok().flatten())))
            .collect();
        let at = Instant::now();
        let changes = (|| {
            let reported = changes::from_paths(
                &self.graph,
                &self.settings.root,
                &pending,
                &self.config_files,
            );
            if trusted {
                return reported;
            }
            let mut all = changes::scan(&self.graph, &self.settings);
            all.content.extend(reported.content);
            all.links.extend(reported.links);
            all.resolution |= reported.resolution;
            all
        })();
        phase("find changes", at);
        if changes.resolution || !self.built {
            self.resolver.clear_cache();
        }
        let seeds = self.seeds(&changes);
        self.progress.found.store(0, Ordering::Relaxed);
        self.progress.done.store(0, Ordering::Relaxed);

        let paths = Mutex::new(std::mem::take(&mut self.graph.paths));
        let manifests = Mutex::default();
        let resolved = Mutex::default();
        let at = Instant::now();
        let mut visited = {
            let ctx = Ctx {
                settings: &self.settings,
                session: &self.session,
                resolver: &self.resolver,
                store: &self.store,
                remote: self.remote.as_deref(),
                trace: self.trace.as_deref(),
                progress: &self.progress,
                old: &self.graph.modules,
                changes: &changes,
                paths: &paths,
                manifests: &manifests,
                resolved: &resolved,
            };
            walk::walk(&ctx, &seeds)
        };
        phase("walk", at);
        self.graph.paths = paths.into_inner().unwrap();
        self.graph.manifests.extend(manifests.into_inner().unwrap());
        self.graph.config_files = config_stamps;

        // Reachability, output names and removals move only with the graph's edges (or for a
        // module whose output name another claimed).
        let old = &self.graph.modules;
        let edges_moved = visited
            .iter()
            .any(|(rel, v)| v.links_changed || !old.contains_key(rel));
        let claims = edges_moved
            || visited
                .keys()
                .any(|rel| old.get(rel).is_some_and(|m| !m.problems.is_empty()));
        let at = Instant::now();
        let reachable = claims.then(|| self.reachable(&visited));
        if let Some(reachable) = &reachable {
            visited.retain(|rel, _| reachable.contains(rel.as_str()));
            emit::claim_outputs(&self.settings, &self.graph.modules, &mut visited, reachable);
        }
        let written = emit::emit(&self.settings, &mut visited);
        phase("emit", at);
        let gone: Vec<String> = match &reachable {
            Some(reachable) => self
                .graph
                .modules
                .keys()
                .filter(|rel| !reachable.contains(rel.as_str()))
                .cloned()
                .collect(),
            None => vec![],
        };
        let edges_moved = edges_moved || !gone.is_empty();
        let removed = match &reachable {
            Some(reachable) if !gone.is_empty() => {
                let gone: Vec<&state::Module> =
                    gone.iter().map(|rel| &self.graph.modules[rel]).collect();
                emit::remove(&self.settings, &gone, reachable)
            }
            _ => 0,
        };

        let transformed = visited.values().filter(|v| v.transformed).count();
        let changed = visited.values().filter(|v| v.changed).count();
        let any_change = edges_moved || changed > 0 || written > 0 || !visited.is_empty();
        for rel in &gone {
            self.graph.modules.remove(rel);
        }
        self.graph
            .modules
            .extend(visited.into_iter().map(|(rel, v)| (rel, v.module)));
        self.graph.options_hash = self.settings.options_hash;

        let mut report = self.report(transformed, changed, written, removed);
        if edges_moved || !trusted {
            let at = Instant::now();
            {
                let current = stat(&self.settings.out_dir.join(".graph.json"))
                    .ok()
                    .flatten();
                self.view = None;
                if edges_moved || self.graph.graph_json.map(|w| w.stamp) != current {
                    self.write_graph_json(&mut report);
                }
            }
            phase("graph json", at);
        }
        self.unsaved |= any_change;
        self.built = true;
        // A watch session saves when the host finds it idle (`save`), and on close.
        if self.watcher.is_none() {
            let at = Instant::now();
            self.save();
            phase("save", at);
        }
        if let Some(trace) = &self.trace {
            if let Err(err) = trace.write() {
                report
                    .warnings
                    .push(format!("the trace could not be written: {err}"));
            }
        }
        if let Some(w) = self.store.take_warning() {
            report.warnings.push(w);
        }
        if let (Some(remote), Some(before)) = (&self.remote, remote_before) {
            report.remote = Some(remote.report().since(before));
            report.warnings.extend(remote.take_warnings());
        }
        if self.watcher.is_some() && edges_moved {
            let dirs = self.watch_dirs();
            self.watcher.as_mut().unwrap().set_dirs(dirs);
        }
        report.ms = started.elapsed().as_secs_f64() * 1000.0;
        report
    }

    /// Where the walk starts: every module when the options changed; otherwise the
    /// modules whose inputs or outputs moved, those with problems, and entries the graph
    /// does not have yet.
    fn seeds(&self, changes: &changes::Changes) -> Vec<String> {
        let modules = &self.graph.modules;
        let mut seeds: FxHashSet<&str> = FxHashSet::default();
        if self.graph.options_hash != self.settings.options_hash {
            seeds.extend(modules.keys().map(String::as_str));
        } else {
            seeds.extend(changes.content.iter().map(String::as_str));
            seeds.extend(changes.outputs.iter().map(String::as_str));
            seeds.extend(changes.links.iter().map(|(rel, _)| rel.as_str()));
            seeds.extend(
                modules
                    .iter()
                    .filter(|(_, m)| !m.problems.is_empty())
                    .map(|(rel, _)| rel.as_str()),
            );
        }
        seeds.extend(
            self.entries
                .iter()
                .filter(|e| !modules.contains_key(*e))
                .map(String::as_str),
        );
        let mut seeds: Vec<String> = seeds
            .into_iter()
            .filter(|s| modules.contains_key(*s) || self.entries.iter().any(|e| e == s))
            .map(str::to_string)
            .collect();
        seeds.sort();
        seeds
    }

    /// The modules reachable from the entries, through the links of this build's visits
    /// and the graph's for the rest.
    fn reachable(&self, visited: &FxHashMap<String, Visited>) -> FxHashSet<String> {
        let mut seen: FxHashSet<String> = FxHashSet::default();
        let mut stack: Vec<&str> = self.entries.iter().map(String::as_str).collect();
        while let Some(rel) = stack.pop() {
            let module = match visited.get(rel) {
                Some(v) => &v.module,
                None => match self.graph.modules.get(rel) {
                    Some(m) => m,
                    None => continue,
                },
            };
            if !seen.insert(rel.to_string()) {
                continue;
            }
            stack.extend(module.targets().filter(|t| !seen.contains(*t)));
        }
        seen
    }

    fn report(
        &self,
        transformed: usize,
        changed: usize,
        written: usize,
        removed: usize,
    ) -> BuildReport {
        let modules = &self.graph.modules;
        let mut diagnostics: Vec<Diagnostic> = self.entry_problems.clone();
        diagnostics.extend(modules.values().flat_map(|m| m.diagnostics().cloned()));
        diagnostics.sort_by(|a, b| {
            let pos = |d: &Diagnostic| d.location.as_ref().map(|l| (l.line, l.column));
            (&a.filename, pos(a), &a.message).cmp(&(&b.filename, pos(b), &b.message))
        });
        let scripts = modules
            .keys()
            .filter(|rel| crate::paths::is_script(rel))
            .count();
        BuildReport {
            modules: modules.len(),
            transformed,
            from_cache: scripts.saturating_sub(transformed),
            changed,
            written,
            removed,
            errors: diagnostics.len(),
            ms: 0.0,
            diagnostics,
            warnings: vec![],
            remote: None,
        }
    }
}

/// `compiler cache stats`.
pub fn cache_stats(dir: &Path) -> store::CacheStats {
    store::scan(dir)
}

/// `compiler cache clean`: what was removed.
pub fn cache_clean(dir: &Path) -> store::CacheStats {
    store::clean(dir)
}
