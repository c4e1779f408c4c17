//! Per-pass timings for trace profiles, as Next.js's SWC trace shows one span per pass.
//!
//! Off unless a caller asks: [`record`] runs a compile with a sink on the current thread,
//! and every [`timed`] pass (and the parse and print steps) adds a span to it. Without a
//! sink a timed pass costs one thread-local read. Timings are data handed back to the
//! caller; they never change the output.

use std::{cell::RefCell, time::Instant};

use swc_core::ecma::ast::{Pass, Program};

/// One step of one compile: its name, and when it started and how long it took, in
/// microseconds from the start of the [`record`] call.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub name: &'static str,
    pub start_us: f64,
    pub duration_us: f64,
}

struct Sink {
    origin: Instant,
    spans: Vec<Span>,
}

thread_local! {
    static SINK: RefCell<Option<Sink>> = const { RefCell::new(None) };
}

/// Runs `f` with timings on; returns its result, the spans it recorded, and the instant
/// they are measured from.
pub fn record<R>(f: impl FnOnce() -> R) -> (R, Vec<Span>, Instant) {
    let origin = Instant::now();
    let previous = SINK.with(|s| {
        s.borrow_mut().replace(Sink {
            origin,
            spans: vec![],
        })
    });
    let result = f();
    let sink = SINK.with(|s| std::mem::replace(&mut *s.borrow_mut(), previous));
    (result, sink.map(|s| s.spans).unwrap_or_default(), origin)
}

/// Times `f` as a span named `name` when a sink is on.
pub fn step<R>(name: &'static str, f: impl FnOnce() -> R) -> R {
    let on = SINK.with(|s| s.borrow().as_ref().map(|s| s.origin));
    let Some(origin) = on else {
        return f();
    };
    let start = Instant::now();
    let result = f();
    let span = Span {
        name,
        start_us: (start - origin).as_secs_f64() * 1e6,
        duration_us: start.elapsed().as_secs_f64() * 1e6,
    };
    SINK.with(|s| {
        if let Some(sink) = s.borrow_mut().as_mut() {
            sink.spans.push(span);
        }
    });
    result
}

/// `pass`, recorded as a span named `name` when timings are on.
pub fn timed<P: Pass>(name: &'static str, pass: P) -> Timed<P> {
    Timed { name, pass }
}

pub struct Timed<P> {
    name: &'static str,
    pass: P,
}

impl<P: Pass> Pass for Timed<P> {
    fn process(&mut self, program: &mut Program) {
        step(self.name, || self.pass.process(program))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_only_inside_record() {
        assert_eq!(step("outside", || 1), 1);
        let (value, spans, _) = record(|| step("a", || step("b", || 2)));
        assert_eq!(value, 2);
        let names: Vec<_> = spans.iter().map(|s| s.name).collect();
        assert_eq!(names, ["b", "a"]);
        assert!(spans[1].duration_us >= spans[0].duration_us);
        assert_eq!(record(|| ()).1, vec![]);
    }
}
