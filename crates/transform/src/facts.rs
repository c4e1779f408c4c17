//! What a file may contain, read off its text before any pass runs, so that passes with
//! nothing to do are not run at all (each is a walk over the whole AST).
//!
//! Every check is a necessary condition: a file that has the feature always contains the
//! text looked for (a class needs the word `class`), so a `false` is certain and a `true`
//! only means "maybe", which runs the pass as before.

use swc_core::ecma::{ast::Program, parser::Syntax};

/// Everything about the file that the passes need besides the options.
pub struct FileFacts {
    pub syntax: Syntax,
    /// The file holds a decorator or an auto-accessor, which no target below `esnext`
    /// runs and the decorator pass lowers.
    pub may_need_decorator_pass: bool,
    /// The source mentions `<style` and `jsx`, or `styled-jsx/css`.
    pub may_use_styled_jsx: bool,
    /// The source has the word `class`: without it there are no class fields to assign,
    /// nor static blocks or private names to lower.
    pub may_have_classes: bool,
    /// The source may use syntax newer than ES2020 that the lowering passes rewrite when
    /// the target is ES2020 or later: classes (fields, static blocks, `#x in o`), logical
    /// assignment (`||=`, `&&=`, `??=`) or a regular expression with the `v` flag.
    pub may_use_post_es2020_syntax: bool,
    /// The source has the word `using`: without it there is no `using` or `await using`
    /// declaration to lower.
    pub may_use_using: bool,
    /// The source may hold a regular expression with the `v` flag.
    pub may_have_v_flag_regex: bool,
    /// The source has `...`: without it there is no rest parameter that destructures.
    pub may_have_rest_patterns: bool,
    /// The source has a backquote: without it there is no tagged template.
    pub may_have_templates: bool,
    /// The source has the word `graphql`: without it there is no Relay template.
    pub may_use_relay: bool,
    /// The source names `@emotion`: without it there is no import of emotion's.
    pub may_use_emotion: bool,
    /// The source names `styled-components`.
    pub may_use_styled_components: bool,
}

impl FileFacts {
    pub fn scan(source: &str, syntax: Syntax, program: &Program) -> Self {
        let may_have_classes = source.contains("class");
        let may_have_v_flag_regex = may_have_v_flag_regex(source.as_bytes());
        Self {
            syntax,
            may_need_decorator_pass: (source.contains('@') || source.contains("accessor"))
                && has_decorators(program),
            may_use_styled_jsx: (source.contains("<style") && source.contains("jsx"))
                || source.contains("styled-jsx/css"),
            may_have_classes,
            may_use_post_es2020_syntax: may_have_classes
                || source.contains("||=")
                || source.contains("&&=")
                || source.contains("??=")
                || may_have_v_flag_regex,
            may_have_v_flag_regex,
            may_use_using: source.contains("using"),
            may_have_rest_patterns: source.contains("..."),
            may_have_templates: source.contains('`'),
            may_use_relay: source.contains("graphql"),
            may_use_emotion: source.contains("@emotion"),
            may_use_styled_components: source.contains("styled-components"),
        }
    }
}

/// Whether some `/` is followed by regular-expression flags that include `v` and then by
/// something that cannot continue them: true for every `/…/v` literal, and for a few
/// strings and comments too (`"a/div"`), which only costs running the lowering.
fn may_have_v_flag_regex(source: &[u8]) -> bool {
    let is_flag = |b: u8| b"dgimsuyv".contains(&b);
    let continues_flags = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'$';
    let mut rest = source;
    while let Some(slash) = rest.iter().position(|&b| b == b'/') {
        rest = &rest[slash + 1..];
        let flags = rest.iter().take_while(|&&b| is_flag(b)).count();
        if rest[..flags].contains(&b'v') && rest.get(flags).is_none_or(|&b| !continues_flags(b)) {
            return true;
        }
    }
    false
}

/// Whether the program has a decorator or an auto-accessor: a read-only walk that is much
/// cheaper than the decorator pass, which most files (JSDoc has `@` too) do not need.
fn has_decorators(program: &Program) -> bool {
    use swc_core::ecma::{
        ast::{AutoAccessor, Decorator},
        visit::{noop_visit_type, Visit, VisitWith},
    };
    struct Finder(bool);
    impl Visit for Finder {
        noop_visit_type!();
        fn visit_decorator(&mut self, _: &Decorator) {
            self.0 = true;
        }
        fn visit_auto_accessor(&mut self, _: &AutoAccessor) {
            self.0 = true;
        }
    }
    let mut finder = Finder(false);
    program.visit_with(&mut finder);
    finder.0
}

#[cfg(test)]
mod tests {
    use super::may_have_v_flag_regex as v;

    #[test]
    fn finds_every_v_flag_regex() {
        assert!(v(b"const r = /[\\p{L}--\\p{N}]/v;"));
        assert!(v(b"x.match(/a/giv)"));
        assert!(v(b"/a/v"));
        assert!(v(b"f(/a/vu, 1)"));
    }

    #[test]
    fn passes_over_other_slashes() {
        assert!(!v(b"const r = /a/gu; // very good"));
        assert!(!v(b"a / value / 2"));
        assert!(!v(b"import x from './views/x';"));
        assert!(!v(b"/a/vx"));
    }
}
