//! The incremental module graph: each piece of work done once per distinct input,
//! remembered on disk, and redone only where an edit reaches.
//!
//! A build finds what changed (every stamp, or the paths a watcher reported), walks the
//! graph from the entries redoing only stale work (`walk.rs`), writes the outputs that
//! changed (`emit.rs`), removes those of modules no longer reachable, and saves the graph
//! so the next process starts from it.

mod changes;
mod emit;
pub mod state;
mod walk;

use std::{
    collections::BTreeSet,
    path::{Path, PathBuf},
    sync::{Arc, Mutex, RwLock},
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
    batch::write,
    diagnostics,
    graph_json::View,
    hash::{of_bytes, Hash, Key, BUILD_ID},
    options::GraphOptions,
    paths::{output_name, relative_path, to_rel},
    resolve::Resolver,
    stamp::{stat, stat_dir},
    store::{self, Store},
    trace::Trace,
    watch::{Changed, Watcher},
    Session,
};

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
    graph: Graph,
    snapshot: PathBuf,
    pending: Vec<PathBuf>,
    rescan: bool,
    built: bool,
    unsaved: bool,
    watcher: Option<Watcher>,
    trace: Option<Trace>,
    progress: Arc<Progress>,
    view: Arc<RwLock<View>>,
}

/// Transform options as a build uses them: an inline map is made as a separate map and
/// inlined when written (its specifiers are rewritten first).
fn session_for(transform: &Value) -> Result<(Session, SourceMaps, Hash), Diagnostic> {
    let mut options = transform.clone();
    let Value::Object(map) = &mut options else {
        return Err(transform_diagnostics::invalid_option("transform", "expected an object"));
    };
    for per_file in ["filename", "sourceFileName", "inputSourceMap"] {
        if map.contains_key(per_file) {
            return Err(transform_diagnostics::invalid_option(per_file, "is set per module by the build; remove it"));
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
        let root = std::fs::canonicalize(&options.root)
            .map_err(|e| transform_diagnostics::invalid_option("root", format!("{}: {e}", options.root.display())))?;
        let out_dir = match options.out_dir.parent() {
            Some(parent) => canonical(parent).join(options.out_dir.file_name().unwrap_or_default()),
            None => options.out_dir.clone(),
        };
        if root.starts_with(&out_dir) {
            return Err(transform_diagnostics::invalid_option(
                "outDir",
                format!("{} is the root or holds it; outputs would overwrite sources", out_dir.display()),
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
        let mut name = Key::new("graph");
        name.str(&root.display().to_string()).str(&out_dir.display().to_string());
        for e in &entries {
            name.str(e);
        }
        let snapshot = store.graph_path(name.finish());
        let graph = store
            .load::<Graph>(&snapshot)
            .filter(|g| g.root == root)
            .unwrap_or_else(|| Graph {
                root: root.clone(),
                ..Graph::default()
            });
        let view = View::new(&root, &graph.modules);
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
            graph,
            snapshot,
            pending: vec![],
            rescan: false,
            built: false,
            unsaved: false,
            watcher: None,
            trace: options.trace.as_deref().map(Trace::new),
            progress: Arc::default(),
            view: Arc::new(RwLock::new(view)),
        })
    }

    /// New transform options (the host re-read a config file); says whether they differ.
    pub fn set_transform_options(&mut self, transform: &Value) -> Result<bool, Diagnostic> {
        let (session, maps, hash) = session_for(transform)?;
        let changed = hash != self.settings.options_hash;
        self.session = session;
        self.settings.maps = maps;
        self.settings.options_hash = hash;
        Ok(changed)
    }

    /// Paths that changed on disk (created, written, removed or renamed); the next build
    /// redoes what depends on them.
    pub fn update(&mut self, paths: impl IntoIterator<Item = PathBuf>) {
        self.pending.extend(paths);
    }

    /// Events were lost: the next build checks every stamp.
    pub fn rescan(&mut self) {
        self.rescan = true;
    }

    pub fn progress(&self) -> Arc<Progress> {
        self.progress.clone()
    }

    pub fn view(&self) -> Arc<RwLock<View>> {
        self.view.clone()
    }

    pub fn build(&mut self) -> BuildReport {
        let started = Instant::now();
        // With a watcher running since the last build, its events say what changed.
        let trusted = self.watcher.is_some() && self.built && !self.rescan;
        let root = self.settings.root.clone();
        let pending = std::mem::take(&mut self.pending);
        let mut changes = if trusted {
            changes::from_paths(&self.graph, &root, &pending, &self.config_files)
        } else {
            let mut all = changes::scan(&self.graph, &root);
            let reported = changes::from_paths(&self.graph, &root, &pending, &self.config_files);
            all.content.extend(reported.content);
            all.links.extend(reported.links);
            all.any |= reported.any;
            all
        };
        self.rescan = false;
        if changes.any || !self.built {
            self.resolver.clear_cache();
        }
        self.progress.found.store(0, std::sync::atomic::Ordering::Relaxed);
        self.progress.done.store(0, std::sync::atomic::Ordering::Relaxed);

        let paths = Mutex::new(std::mem::take(&mut self.graph.paths));
        let mut visited = {
            let ctx = Ctx {
                settings: &self.settings,
                session: &self.session,
                resolver: &self.resolver,
                store: &self.store,
                trace: self.trace.as_ref(),
                progress: &self.progress,
                old: &self.graph.modules,
                changes: &changes,
                check_outputs: !trusted,
                paths: &paths,
            };
            walk::walk(&ctx, &self.entries)
        };
        self.graph.paths = paths.into_inner().unwrap();
        let written = emit::emit(&self.settings, &mut visited);
        let gone: Vec<&state::Module> = self
            .graph
            .modules
            .iter()
            .filter(|(rel, _)| !visited.contains_key(*rel))
            .map(|(_, m)| m)
            .collect();
        let removed = emit::remove(&self.settings, &gone, &visited);
        let edges_moved = !gone.is_empty() || visited.iter().any(|(rel, v)| v.changed || !self.graph.modules.contains_key(rel));

        let mut report = self.report(&visited, written, removed);
        changes.links.clear();
        let any_change = edges_moved || report.changed > 0 || written > 0 || visited.values().any(|v| v.emit);
        self.graph.modules = visited.into_iter().map(|(rel, v)| (rel, v.module)).collect();
        self.refresh_stamps(edges_moved);
        if edges_moved || !self.built {
            let view = View::new(&root, &self.graph.modules);
            self.write_graph_json(&view, &mut report);
            *self.view.write().unwrap() = view;
        }
        self.unsaved |= any_change || !self.built;
        self.built = true;
        if self.watcher.is_none() {
            self.save();
        }
        if let Some(trace) = &self.trace {
            if let Err(err) = trace.write() {
                report.warnings.push(format!("the trace could not be written: {err}"));
            }
        }
        if let Some(w) = self.store.take_warning() {
            report.warnings.push(w);
        }
        if self.watcher.is_some() {
            let dirs = self.watch_dirs();
            self.watcher.as_mut().unwrap().set_dirs(dirs);
        }
        report.ms = started.elapsed().as_secs_f64() * 1000.0;
        report
    }

    fn report(&self, visited: &FxHashMap<String, Visited>, written: usize, removed: usize) -> BuildReport {
        let mut diagnostics: Vec<Diagnostic> = self.entry_problems.clone();
        diagnostics.extend(visited.values().flat_map(|v| v.errors.iter().cloned()));
        diagnostics.sort_by(|a, b| {
            let pos = |d: &Diagnostic| d.location.as_ref().map(|l| (l.line, l.column));
            (&a.filename, pos(a), &a.message).cmp(&(&b.filename, pos(b), &b.message))
        });
        let scripts = visited.keys().filter(|rel| crate::paths::is_script(rel)).count();
        let transformed = visited.values().filter(|v| v.transformed).count();
        BuildReport {
            modules: visited.len(),
            transformed,
            from_cache: scripts.saturating_sub(transformed),
            changed: visited.values().filter(|v| v.changed).count(),
            written,
            removed,
            errors: diagnostics.len(),
            ms: 0.0,
            diagnostics,
            warnings: vec![],
        }
    }

    /// Stamps what the next build compares against: the directories above probed paths,
    /// the manifests, the config files; and forgets probes no link holds any more.
    fn refresh_stamps(&mut self, edges_moved: bool) {
        let graph = &mut self.graph;
        if edges_moved || !self.built {
            let mut probes: FxHashSet<u32> = FxHashSet::default();
            let mut manifests: FxHashSet<u32> = FxHashSet::default();
            for m in graph.modules.values() {
                for link in &m.links {
                    probes.extend(&link.missing);
                    manifests.extend(&link.manifests);
                }
            }
            graph.probes.retain(|p, _| probes.contains(p));
            graph.manifests.retain(|p, _| manifests.contains(p));
            let mut anchor_of: FxHashMap<PathBuf, u32> = FxHashMap::default();
            let new: Vec<u32> = probes.into_iter().filter(|p| !graph.probes.contains_key(p)).collect();
            for probe in new {
                let mut dir = graph.paths.get(probe).parent().map(Path::to_path_buf);
                while let Some(d) = dir {
                    if let Some(&id) = anchor_of.get(&d) {
                        graph.probes.insert(probe, id);
                        break;
                    }
                    if stat_dir(&d).is_some() {
                        let id = graph.paths.intern(&d);
                        anchor_of.insert(d, id);
                        graph.probes.insert(probe, id);
                        break;
                    }
                    dir = d.parent().map(Path::to_path_buf);
                }
            }
            for m in manifests {
                graph.manifests.entry(m).or_insert(Seen { stamp: None, racy: true });
            }
            let anchors: FxHashSet<u32> = graph.probes.values().copied().collect();
            graph.anchors.retain(|a, _| anchors.contains(a));
            for a in anchors {
                graph.anchors.entry(a).or_insert(Seen { stamp: None, racy: true });
            }
        }
        let paths = &graph.paths;
        for (id, seen) in graph.anchors.iter_mut().chain(graph.manifests.iter_mut()) {
            let path = paths.get(*id);
            let now = if path.file_name().is_some_and(|n| n == "package.json" || n.to_string_lossy().ends_with("config.json")) && path.is_file() {
                stat(path).ok().flatten()
            } else {
                stat_dir(path).or_else(|| stat(path).ok().flatten())
            };
            if seen.racy || seen.stamp != now {
                *seen = Seen::now(now);
            }
        }
        graph.config_files = self
            .config_files
            .iter()
            .map(|p| (p.clone(), Seen::now(stat(p).ok().flatten())))
            .collect();
    }

    fn write_graph_json(&mut self, view: &View, report: &mut BuildReport) {
        let json = view.to_json(&self.settings.out_dir, &self.entries);
        let path = self.settings.out_dir.join(".graph.json");
        let hash = of_bytes(json.as_bytes());
        let current = stat(&path).ok().flatten();
        if let Some(w) = self.graph.graph_json.filter(|w| w.hash == hash && Some(w.stamp) == current) {
            self.graph.graph_json = Some(w);
            return;
        }
        match write(&path, json.as_bytes()).and_then(|_| stat(&path)) {
            Ok(Some(stamp)) => self.graph.graph_json = Some(state::Written { stamp, hash }),
            Ok(None) => {}
            Err(err) => report.diagnostics.push(diagnostics::write_failed(&path, &err)),
        }
    }

    /// Saves the graph (if it changed) and trims the cache to its size.
    pub fn save(&mut self) {
        if !self.unsaved || !self.store.enabled() {
            return;
        }
        self.unsaved = false;
        self.store.save(&self.snapshot, &self.graph);
        self.graph.store_bytes += self.store.written();
        if self.graph.store_bytes > self.cache_max_bytes {
            let keep: FxHashSet<Hash> = self
                .graph
                .modules
                .values()
                .filter_map(|m| m.transformed.as_ref().map(|t| t.key))
                .collect();
            self.graph.store_bytes = store::evict(self.store.dir(), self.cache_max_bytes, &keep);
        }
    }

    /// Folders a watcher must watch: those of the modules, the probe anchors, the
    /// manifests and the config files; never the out dir or the cache.
    pub fn watch_dirs(&self) -> BTreeSet<PathBuf> {
        let root = &self.settings.root;
        let mut dirs: BTreeSet<PathBuf> = self
            .graph
            .modules
            .keys()
            .filter_map(|rel| crate::paths::from_rel(root, rel).parent().map(Path::to_path_buf))
            .collect();
        dirs.extend(self.graph.anchors.keys().map(|id| self.graph.paths.get(*id).to_path_buf()));
        dirs.extend(
            self.graph
                .manifests
                .keys()
                .filter_map(|id| self.graph.paths.get(*id).parent().map(Path::to_path_buf)),
        );
        dirs.extend(self.config_files.iter().filter_map(|p| p.parent().map(Path::to_path_buf)));
        dirs.retain(|d| {
            !d.starts_with(&self.settings.out_dir)
                && !self.cache_dir.as_ref().is_some_and(|c| d.starts_with(c))
                && !crate::paths::has_node_modules(d)
        });
        dirs
    }

    /// Starts a watcher that calls `on_change` with debounced changes; the host then
    /// calls `update` (or `rescan`) and `build`.
    pub fn watch(&mut self, on_change: impl Fn(Changed) + Send + 'static) -> Result<(), String> {
        let mut ignore = vec![self.settings.out_dir.clone()];
        ignore.extend(self.cache_dir.clone());
        let mut watcher = Watcher::start(ignore, on_change).map_err(|e| format!("cannot watch files: {e}"))?;
        watcher.set_dirs(self.watch_dirs());
        self.watcher = Some(watcher);
        Ok(())
    }

    /// Stops watching and saves the graph.
    pub fn close(&mut self) {
        self.watcher = None;
        self.save();
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
