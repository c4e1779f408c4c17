//! Chrome trace events (the JSON that Perfetto and chrome://tracing open): one span per
//! module task and its steps, and one per transform pass, as Next.js's SWC trace shows.

use std::{
    fs,
    path::{Path, PathBuf},
    sync::Mutex,
    time::Instant,
};

use compiler_transform::timing;
use serde::Serialize;

#[derive(Serialize)]
struct Event {
    name: String,
    cat: &'static str,
    ph: &'static str,
    ts: f64,
    dur: f64,
    pid: u32,
    tid: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    args: Option<Args>,
}

#[derive(Serialize)]
struct Args {
    path: String,
}

pub struct Trace {
    file: PathBuf,
    origin: Instant,
    events: Mutex<Vec<Event>>,
}

fn thread() -> usize {
    rayon::current_thread_index().map_or(0, |i| i + 1)
}

impl Trace {
    pub fn new(file: &Path) -> Self {
        Self {
            file: file.to_path_buf(),
            origin: Instant::now(),
            events: Mutex::new(vec![]),
        }
    }

    fn micros(&self, at: Instant) -> f64 {
        (at - self.origin).as_secs_f64() * 1e6
    }

    pub fn span(&self, name: &str, cat: &'static str, start: Instant, path: Option<&str>) {
        let event = Event {
            name: name.to_string(),
            cat,
            ph: "X",
            ts: self.micros(start),
            dur: start.elapsed().as_secs_f64() * 1e6,
            pid: 1,
            tid: thread(),
            args: path.map(|p| Args {
                path: p.to_string(),
            }),
        };
        self.events.lock().unwrap().push(event);
    }

    /// The passes of one transform, timed from `origin`.
    pub fn passes(&self, spans: &[timing::Span], origin: Instant) {
        let base = self.micros(origin);
        let tid = thread();
        let mut events = self.events.lock().unwrap();
        events.extend(spans.iter().map(|s| Event {
            name: s.name.to_string(),
            cat: "pass",
            ph: "X",
            ts: base + s.start_us,
            dur: s.duration_us,
            pid: 1,
            tid,
            args: None,
        }));
    }

    /// Writes every event so far (all builds of a watch session) to the trace file.
    pub fn write(&self) -> std::io::Result<()> {
        let events = self.events.lock().unwrap();
        let json = serde_json::json!({ "traceEvents": &*events, "displayTimeUnit": "ms" });
        if let Some(dir) = self.file.parent() {
            fs::create_dir_all(dir)?;
        }
        fs::write(
            &self.file,
            serde_json::to_vec(&json).expect("trace events serialize"),
        )
    }
}
