//! Deeply nested input never takes the process down. swc parses, transforms, minifies and
//! prints by recursion, a few KB of stack per level of nesting; a thread's own stack (8 MB
//! on Node's main thread, 4 MB in a worker, 2 MB on a pool) overflows at a few thousand
//! levels, and that kills the process with SIGSEGV.
//!
//! So [`run`] does that work on a stack of its own: 2 GiB of address space per thread,
//! mapped once and reused (only the pages a file touches are ever committed; what a deep
//! file touched below the first 8 MB is given back after it). Switching to it costs a few
//! instructions, so ordinary files pay nothing measurable. Nesting needs at least a byte per
//! level, and no shape takes more than [`STACK_PER_LEVEL`] per level, so a file of up to
//! [`SCAN_FROM`] bytes always fits. A longer one is scanned first (`estimate`, one pass over
//! its text): nesting deeper than [`MAX_DEPTH`] is refused with a located error instead.
//!
//! ```text
//! x = [[[[ … 10,000 … ]]]]     compiles, on the big stack
//! x = ((((( … 200,000 …        NESTING_TOO_DEEP at the bracket that passed 120,000
//! ```
//!
//! The estimate bounds the syntax tree's depth from above: brackets, template
//! substitutions, JSX elements, and runs of operators and keywords that chain without
//! brackets (`a + b + …`, `!!!x`, `a.b.c`, `else if`); it counts every operator character of
//! a run, and a `<` that may start JSX as an element. It errs high, never low.

use std::{
    cell::Cell,
    panic::{catch_unwind, resume_unwind, AssertUnwindSafe},
};

use memchr::{memchr, memchr3};

use crate::diagnostics::{self, Diagnostic, Location};

/// Deeper input is refused (esbuild compiles 100,000 levels; so does this).
pub const MAX_DEPTH: usize = 120_000;
/// The most stack one level of nesting takes through parse, transform, minify and print,
/// with room to spare (the deepest shapes were measured at about 3 KB).
pub const STACK_PER_LEVEL: usize = 8 * 1024;
/// The big stack: room for [`MAX_DEPTH`] levels and the rest of the work (address space
/// only; pages are committed as touched).
const STACK_SIZE: usize = 2 << 30;
/// Files this long or longer are scanned; shorter ones cannot nest past what fits.
pub const SCAN_FROM: usize = 128 * 1024;
/// Stack for everything but the nesting, when the big stack cannot be had.
const STACK_BASE: usize = 2 << 20;
/// What stays committed of the big stack between files.
const KEEP: usize = 8 << 20;

const _: () = assert!(MAX_DEPTH * STACK_PER_LEVEL + KEEP <= STACK_SIZE);
const _: () = assert!(SCAN_FROM * STACK_PER_LEVEL * 2 <= STACK_SIZE);

/// How deep the syntax tree of `source` can be, and the byte offset where it is deepest
/// (or where it first passed [`MAX_DEPTH`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Depth {
    pub depth: usize,
    pub at: usize,
}

/// Runs `f` (which parses `source`, named `filename`) on the big stack, or refuses
/// `source` as too deep.
pub fn run<T>(
    source: &str,
    filename: Option<&str>,
    f: impl FnOnce() -> Result<T, Vec<Diagnostic>>,
) -> Result<T, Vec<Diagnostic>> {
    let mut depth = None;
    if source.len() >= SCAN_FROM {
        let d = estimate(source);
        if d.depth > MAX_DEPTH {
            let (line, column) = line_column(source, d.at);
            let mut error = diagnostics::nesting_too_deep(MAX_DEPTH)
                .with_location(Location::in_source(source, line, column));
            if let Some(name) = filename {
                error = error.with_filename(name);
            }
            return Err(vec![error]);
        }
        depth = Some(d.depth);
    }
    if ON_IT.with(Cell::get) {
        return f();
    }
    match big_stack() {
        Some(stack) => on_big_stack(stack, f),
        None => {
            // No address space for it (a limit on virtual memory): a stack of stacker's,
            // as big as this file can need, when the thread's own is too small.
            let depth = depth.unwrap_or_else(|| estimate(source).depth);
            let needed = STACK_BASE + depth * STACK_PER_LEVEL;
            if stacker::remaining_stack().is_some_and(|left| left >= needed) {
                f()
            } else {
                stacker::grow(needed, f)
            }
        }
    }
}

thread_local! {
    /// This thread's big stack (its lowest usable address), once mapped.
    static STACK: Cell<Option<BigStack>> = const { Cell::new(None) };
    static ON_IT: Cell<bool> = const { Cell::new(false) };
}

#[derive(Clone, Copy)]
struct BigStack(*mut u8);

/// Unmaps the thread's big stack when the thread ends.
struct Unmap;

impl Drop for Unmap {
    fn drop(&mut self) {
        if let Some(BigStack(base)) = STACK.with(Cell::take) {
            let page = page_size();
            // SAFETY: the mapping made in `big_stack`, guard page included; nothing runs on
            // it any more (the thread is ending).
            unsafe { libc::munmap(base.sub(page).cast(), STACK_SIZE + page) };
        }
    }
}

thread_local! {
    static UNMAP: Unmap = const { Unmap };
}

fn page_size() -> usize {
    // SAFETY: sysconf has no preconditions.
    unsafe { libc::sysconf(libc::_SC_PAGESIZE) as usize }
}

/// Maps `STACK_SIZE` bytes of address space with a guard page below; committed as touched.
fn big_stack() -> Option<BigStack> {
    if let Some(stack) = STACK.with(Cell::get) {
        return Some(stack);
    }
    let page = page_size();
    // SAFETY: an anonymous private mapping; the result is checked.
    let addr = unsafe {
        libc::mmap(
            std::ptr::null_mut(),
            STACK_SIZE + page,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
            -1,
            0,
        )
    };
    if addr == libc::MAP_FAILED {
        return None;
    }
    // SAFETY: the first page of the mapping just made.
    if unsafe { libc::mprotect(addr, page, libc::PROT_NONE) } != 0 {
        // SAFETY: the mapping just made.
        unsafe { libc::munmap(addr, STACK_SIZE + page) };
        return None;
    }
    // SAFETY: within the mapping.
    let stack = BigStack(unsafe { addr.cast::<u8>().add(page) });
    STACK.with(|s| s.set(Some(stack)));
    UNMAP.with(|_| {});
    Some(stack)
}

fn on_big_stack<T>(BigStack(base): BigStack, f: impl FnOnce() -> T) -> T {
    ON_IT.with(|o| o.set(true));
    // SAFETY: `base` is page aligned, `STACK_SIZE` a multiple of the page size, and the
    // guard page below catches an overflow; `f` cannot unwind out (caught, resumed after).
    let result = unsafe { psm::on_stack(base, STACK_SIZE, || catch_unwind(AssertUnwindSafe(f))) };
    ON_IT.with(|o| o.set(false));
    // Give back what a deep file touched below the part ordinary files use.
    // SAFETY: within this thread's mapping, and nothing is on that part of it now.
    unsafe {
        libc::madvise(base.cast(), STACK_SIZE - KEEP, libc::MADV_DONTNEED);
    }
    result.unwrap_or_else(|panic| resume_unwind(panic))
}

fn line_column(source: &str, at: usize) -> (u32, u32) {
    let before = &source.as_bytes()[..at.min(source.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    (line as u32, column as u32)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Frame {
    /// `(`, `[` or `{`.
    Bracket,
    /// `${` in a template literal: its `}` goes back to the template's text.
    Substitution,
    /// A JSX element (counted, not lexed: its text is scanned as code, which can only
    /// make the estimate higher).
    Element,
}

/// Keywords that nest what follows them without a bracket.
fn chains(word: &[u8]) -> bool {
    matches!(
        word,
        b"if"
            | b"else"
            | b"for"
            | b"while"
            | b"do"
            | b"with"
            | b"typeof"
            | b"void"
            | b"delete"
            | b"await"
            | b"new"
            | b"yield"
            | b"in"
            | b"of"
            | b"instanceof"
            | b"case"
            | b"return"
            | b"throw"
            | b"extends"
            | b"keyof"
            | b"readonly"
            | b"is"
            | b"as"
            | b"satisfies"
            | b"function"
            | b"class"
    )
}

/// A bound on the nesting of `source`'s syntax tree (see the module header). A `<` where
/// an operand may start opens a JSX element (in TypeScript it is a type argument or an
/// old-style cast, and counting it errs high).
pub fn estimate(source: &str) -> Depth {
    let b = source.as_bytes();
    let mut frames: Vec<(Frame, usize)> = vec![];
    // The run of chaining tokens in the innermost frame, and the sum over every frame of
    // (1 + its run): the bound at this point.
    let mut run = 0usize;
    let mut total = 0usize;
    let mut best = Depth { depth: 0, at: 0 };
    // Whether the previous token ends an operand (then `/` divides and `<` compares).
    let mut after_operand = false;
    let mut i = 0;
    macro_rules! bump {
        ($at:expr) => {
            if total > best.depth {
                best = Depth {
                    depth: total,
                    at: $at,
                };
                if total > MAX_DEPTH {
                    return best;
                }
            }
        };
    }
    while i < b.len() {
        let c = b[i];
        // Words and spaces first: most of any source.
        if is_word(c) {
            let start = i;
            i += 1;
            while i < b.len() && is_word(b[i]) {
                i += 1;
            }
            if c.is_ascii_digit() {
                // `1.5e3`: one number.
                while i < b.len() && (is_word(b[i]) || b[i] == b'.') {
                    i += 1;
                }
            }
            let word = &b[start..i];
            if chains(word) {
                run += 1;
                total += 1;
                bump!(start);
                after_operand = false;
            } else {
                after_operand = !matches!(word, b"return" | b"typeof");
            }
            continue;
        }
        if c == b' ' || c == b'\n' || c == b'\t' || c == b'\r' {
            i += 1;
            while i < b.len() && matches!(b[i], b' ' | b'\n' | b'\t' | b'\r') {
                i += 1;
            }
            continue;
        }
        match c {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                i = memchr(b'\n', &b[i..]).map_or(b.len(), |p| i + p);
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i = skip_block_comment(b, i + 2);
            }
            b'\'' | b'"' => {
                i = skip_string(b, i);
                after_operand = true;
            }
            b'`' => {
                match skip_template(b, i + 1) {
                    Some(next) => i = next,
                    None => {
                        // `${`: a substitution frame; its `}` resumes the template.
                        i = template_substitution(b, i + 1);
                        frames.push((Frame::Substitution, run));
                        run = 0;
                        total += 1;
                        bump!(i);
                        after_operand = false;
                        continue;
                    }
                }
                after_operand = true;
            }
            b'/' if !after_operand => {
                i = skip_regex(b, i + 1);
                after_operand = true;
            }
            b'(' | b'[' | b'{' => {
                frames.push((Frame::Bracket, run));
                run = 0;
                total += 1;
                bump!(i);
                i += 1;
                after_operand = false;
            }
            b')' | b']' | b'}' => {
                i += 1;
                // A `}` that closes a substitution goes back into the template text.
                let top = frames.pop();
                if let Some((kind, parent)) = top {
                    total -= run + 1;
                    run = parent;
                    if kind == Frame::Substitution {
                        match skip_template(b, i) {
                            Some(next) => i = next,
                            None => {
                                i = template_substitution(b, i);
                                frames.push((Frame::Substitution, run));
                                run = 0;
                                total += 1;
                                bump!(i);
                                after_operand = false;
                                continue;
                            }
                        }
                    }
                }
                after_operand = true;
            }
            b';' | b',' => {
                total -= run;
                run = 0;
                i += 1;
                after_operand = false;
            }
            b'<' if !after_operand && b.get(i + 1).is_some_and(|&n| n == b'>' || is_word(n)) => {
                frames.push((Frame::Element, run));
                run = 0;
                total += 2;
                i += 1;
                bump!(i);
            }
            b'<' if b.get(i + 1) == Some(&b'/') => {
                // `</tag>`: closes the innermost element.
                if let Some(at) = frames.iter().rposition(|(k, _)| *k == Frame::Element) {
                    for (kind, parent) in frames.drain(at..).rev() {
                        total -= run + if kind == Frame::Element { 2 } else { 1 };
                        run = parent;
                    }
                }
                i = b[i..]
                    .iter()
                    .position(|&x| x == b'>')
                    .map_or(b.len(), |p| i + p + 1);
                // In the parent's children a `<` opens the next element.
                after_operand = false;
            }
            b'/' if b.get(i + 1) == Some(&b'>') => {
                // `/>`: a self-closing element.
                if frames.last().is_some_and(|(k, _)| *k == Frame::Element) {
                    let (_, parent) = frames.pop().unwrap();
                    total -= run + 2;
                    run = parent;
                }
                i += 2;
                after_operand = false;
            }
            b'+' | b'-' if after_operand && b.get(i + 1) == Some(&c) => {
                // Postfix `x++`: still after an operand (`x++ / 2` divides).
                run += 1;
                total += 1;
                i += 2;
                bump!(i);
            }
            _ => {
                // An operator or other punctuation: each character counts (errs high), and
                // an operand comes next.
                run += 1;
                total += 1;
                i += 1;
                bump!(i);
                after_operand = false;
            }
        }
    }
    best
}

/// Identifier and number characters (any non-ASCII byte counts as one).
static WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = b.is_ascii_alphanumeric() || b == b'_' || b == b'$' || b >= 0x80;
        c += 1;
    }
    t
};

#[inline(always)]
fn is_word(c: u8) -> bool {
    WORD[c as usize]
}

/// Past the `*/` of a block comment whose body starts at `i`.
fn skip_block_comment(b: &[u8], mut i: usize) -> usize {
    while i < b.len() {
        match memchr(b'*', &b[i..]) {
            Some(p) if b.get(i + p + 1) == Some(&b'/') => return i + p + 2,
            Some(p) => i += p + 1,
            None => break,
        }
    }
    b.len()
}

/// Past a string literal starting at `i` (a quote); a string ends at its line too.
fn skip_string(b: &[u8], i: usize) -> usize {
    let quote = b[i];
    let mut j = i + 1;
    while j < b.len() {
        let Some(p) = memchr3(quote, b'\\', b'\n', &b[j..]) else {
            break;
        };
        j += p;
        match b[j] {
            b'\\' => j += 2,
            b'\n' => return j,
            _ => return j + 1,
        }
    }
    b.len()
}

/// From template text at `i`: `Some(past the closing backtick)`, or `None` when a `${`
/// comes first.
fn skip_template(b: &[u8], mut i: usize) -> Option<usize> {
    while i < b.len() {
        let Some(p) = memchr3(b'`', b'\\', b'$', &b[i..]) else {
            break;
        };
        i += p;
        match b[i] {
            b'\\' => i += 2,
            b'`' => return Some(i + 1),
            _ if b.get(i + 1) == Some(&b'{') => return None,
            _ => i += 1,
        }
    }
    Some(b.len())
}

/// Past the `${` that [`skip_template`] stopped before.
fn template_substitution(b: &[u8], mut i: usize) -> usize {
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'$' if b.get(i + 1) == Some(&b'{') => return i + 2,
            _ => i += 1,
        }
    }
    b.len()
}

/// Past a regular expression literal whose body starts at `i`.
fn skip_regex(b: &[u8], mut i: usize) -> usize {
    let mut class = false;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'\n' => return i,
            b'[' => {
                class = true;
                i += 1;
            }
            b']' => {
                class = false;
                i += 1;
            }
            b'/' if !class => {
                i += 1;
                while i < b.len() && is_word(b[i]) {
                    i += 1;
                }
                return i;
            }
            _ => i += 1,
        }
    }
    b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth(s: &str) -> usize {
        estimate(s).depth
    }

    #[test]
    fn counts_what_nests() {
        assert!(depth("const x = 1;") <= 3);
        let arrays = format!("x = {}{};", "[".repeat(500), "]".repeat(500));
        assert!((500..520).contains(&depth(&arrays)), "{}", depth(&arrays));
        let sum = format!("x = {};", vec!["a"; 1000].join(" + "));
        assert!(depth(&sum) >= 999);
        let jsx = format!("x = {}{};", "<a>".repeat(300), "</a>".repeat(300));
        assert!(depth(&jsx) >= 600, "{}", depth(&jsx));
        let chain = format!("if (a) {{}}{}", " else if (a) {}".repeat(400));
        assert!(depth(&chain) >= 400);
        // Siblings do not add up.
        let flat = "f(a, b);\n".repeat(10_000);
        assert!(depth(&flat) <= 5);
        let elements = format!("x = <div>{}</div>;", "<p>t</p>".repeat(5_000));
        assert!(depth(&elements) <= 10, "{}", depth(&elements));
    }

    #[test]
    fn strings_comments_templates_and_regexes_hold_no_brackets() {
        let s =
            "x = '((((' + \"[[[[\" + `{{{{ ${ a } }}}}` + /\\(((/g; // ((((\n/* [[[[ */ y = ([]);";
        assert!(depth(s) <= 8, "{}", depth(s));
        let nested = format!("x = {}{};", "`${".repeat(200), "}`".repeat(200));
        assert!(depth(&nested) >= 200);
        // Division is not a regex: the brackets after it count.
        assert!(depth("x = a / b; y = ((((1))));") >= 4);
    }

    #[test]
    fn short_files_fit_and_are_not_scanned() {
        // Nesting needs a byte per level, so a file shorter than SCAN_FROM fits the stack.
        assert!(SCAN_FROM * STACK_PER_LEVEL <= STACK_SIZE / 2);
        let deep = format!("x = {}", "[".repeat(SCAN_FROM - 10));
        assert_eq!(run(&deep, None, || Ok(7)), Ok(7));
    }

    #[test]
    fn refuses_past_the_limit_where_it_passes_it() {
        let deep = format!("x = {}", "(".repeat(SCAN_FROM.max(MAX_DEPTH) + 10));
        let d = estimate(&deep);
        assert!(d.depth > MAX_DEPTH);
        let err = run(&deep, Some("deep.js"), || Ok(())).unwrap_err();
        assert_eq!(err[0].filename.as_deref(), Some("deep.js"));
        assert_eq!(err[0].code.as_str(), "NESTING_TOO_DEEP");
        let loc = err[0].location.as_ref().unwrap();
        assert_eq!((loc.line, loc.column), (1, MAX_DEPTH as u32 + 4));
    }
}
