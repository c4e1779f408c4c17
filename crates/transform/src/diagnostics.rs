//! Every error the transform reports, as data: a code, a message, and where it is.
//!
//! Each kind of error has a named constructor here, so messages are written once and
//! the codes the JS side matches on (`SYNTAX_ERROR`, `INVALID_OPTION`, ...) stay stable.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::code_frame::code_frame;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ErrorCode {
    SyntaxError,
    InvalidOption,
    TransformError,
    IoError,
    ResolveError,
    NestingTooDeep,
    Internal,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SyntaxError => "SYNTAX_ERROR",
            Self::InvalidOption => "INVALID_OPTION",
            Self::TransformError => "TRANSFORM_ERROR",
            Self::IoError => "IO_ERROR",
            Self::ResolveError => "RESOLVE_ERROR",
            Self::NestingTooDeep => "NESTING_TOO_DEEP",
            Self::Internal => "INTERNAL",
        }
    }
}

/// Where a diagnostic points: 1-based line and column, and the code frame around it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    pub line: u32,
    pub column: u32,
    pub frame: String,
}

impl Location {
    pub fn in_source(source: &str, line: u32, column: u32) -> Self {
        Self {
            line,
            column,
            frame: code_frame(source, line as usize, column as usize),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub code: ErrorCode,
    pub message: String,
    pub filename: Option<String>,
    pub location: Option<Location>,
    /// For an invalid option, the key's path (`compress.passes`): a reader can take that
    /// key out and read the rest again, to name every bad key in one error.
    #[serde(skip)]
    pub option: Option<String>,
}

impl Diagnostic {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            filename: None,
            location: None,
            option: None,
        }
    }

    pub fn with_filename(mut self, filename: impl Into<String>) -> Self {
        self.filename = Some(filename.into());
        self
    }

    pub fn with_location(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }
}

impl fmt::Display for Diagnostic {
    /// `file:line:column: message`, then the code frame, as compilers print errors.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(filename) = &self.filename {
            write!(f, "{filename}")?;
            if let Some(loc) = &self.location {
                write!(f, ":{}:{}", loc.line, loc.column)?;
            }
            write!(f, ": ")?;
        }
        write!(f, "{}", self.message)?;
        if let Some(loc) = self.location.as_ref().filter(|l| !l.frame.is_empty()) {
            write!(f, "\n{}", loc.frame)?;
        }
        Ok(())
    }
}

#[cold]
pub fn syntax_error(message: impl Into<String>) -> Diagnostic {
    Diagnostic::new(ErrorCode::SyntaxError, message)
}

/// Input nested deeper than the compiler takes (located where it passed the limit).
#[cold]
pub fn nesting_too_deep(limit: usize) -> Diagnostic {
    Diagnostic::new(
        ErrorCode::NestingTooDeep,
        format!("nesting too deep: this file nests brackets, elements or operators more than {limit} levels deep, more than the compiler takes"),
    )
}

/// An error a swc pass reported; its references to swc's option names become ours.
#[cold]
pub fn transform_error(message: &str) -> Diagnostic {
    let message = message.replace(
        "jsc.transform.react.throwIfNamespace",
        "jsx.throwIfNamespace",
    );
    Diagnostic::new(ErrorCode::TransformError, message)
}

/// An import of a Babel macro, which only Babel can run.
#[cold]
pub fn babel_macro(specifier: &str) -> Diagnostic {
    Diagnostic::new(
        ErrorCode::TransformError,
        format!(
            "\"{specifier}\" is a Babel macro (babel-plugin-macros): macros run only under Babel, and compiler-js does not run them. \
             Compile the files that import it with Babel instead (under Jest: a `transform` entry for those files, \
             mapped to babel-jest and listed before compiler-js/jest's), or replace the macro with its runtime library"
        ),
    )
}

/// An option that does not fit its schema; `path` names the key (`jsx.runtime`).
#[cold]
pub fn invalid_option(path: &str, message: impl fmt::Display) -> Diagnostic {
    if path.is_empty() {
        Diagnostic::new(
            ErrorCode::InvalidOption,
            format!("Invalid options: {message}"),
        )
    } else {
        Diagnostic {
            option: Some(path.to_string()),
            ..Diagnostic::new(
                ErrorCode::InvalidOption,
                format!("Invalid option `{path}`: {message}"),
            )
        }
    }
}

#[cold]
pub fn unknown_target(query: &str, reason: impl fmt::Display) -> Diagnostic {
    invalid_option(
        "targets",
        format!("browserslist query \"{query}\" failed: {reason}"),
    )
}

#[cold]
pub fn conflicting_options(a: &str, b: &str) -> Diagnostic {
    invalid_option(a, format!("cannot be combined with `{b}`; use one of them"))
}

#[cold]
pub fn bad_input_source_map(reason: impl fmt::Display) -> Diagnostic {
    invalid_option(
        "inputSourceMap",
        format!("the input source map could not be read: {reason}"),
    )
}

#[cold]
pub fn io_error(path: &str, err: &std::io::Error) -> Diagnostic {
    Diagnostic::new(ErrorCode::IoError, format!("{err}")).with_filename(path)
}

/// A panic inside the compiler: reported, never propagated into the host process.
#[cold]
pub fn internal(panic_message: &str) -> Diagnostic {
    Diagnostic::new(
        ErrorCode::Internal,
        format!("Internal compiler error (please report it): {panic_message}"),
    )
}

/// Messages that passes report through swc's handler (which takes text); each is written once here.
pub mod messages {
    #[cold]
    pub fn full_import_prevented(key: &str, source: &str) -> String {
        format!(
            "Import of the entire module \"{source}\" is not allowed by modularizeImports[\"{key}\"].preventFullImport; import its members by name"
        )
    }

    #[cold]
    pub fn no_transform_for_member(member: &str, source: &str) -> String {
        format!(
            "modularizeImports: no `transform` entry matches the member `{member}` of \"{source}\""
        )
    }

    #[cold]
    pub fn template_failed(member: &str, reason: &str) -> String {
        format!("modularizeImports: the template for `{member}` failed: {reason}")
    }

    #[cold]
    pub fn styled_jsx_one_child() -> String {
        "styled-jsx: <style jsx> takes exactly one child: a template literal, a string or an identifier".to_string()
    }

    #[cold]
    pub fn styled_jsx_nested() -> String {
        "styled-jsx: <style jsx> cannot contain elements; put the CSS in a template literal: <style jsx>{`...`}</style>".to_string()
    }

    #[cold]
    pub fn styled_jsx_bad_child() -> String {
        "styled-jsx: the child of <style jsx> must be a template literal, a string or an identifier"
            .to_string()
    }

    #[cold]
    pub fn styled_jsx_css_not_constant() -> String {
        "styled-jsx/css: interpolations in `css` templates must be constants (literals or module-level consts); use a dynamic <style jsx> for values from props".to_string()
    }

    #[cold]
    pub fn styled_jsx_resolve_needs_jsx() -> String {
        "styled-jsx/css: `css.resolve` returns a JSX element, so it needs a file with JSX (.tsx, .jsx or .js)".to_string()
    }

    #[cold]
    pub fn styled_jsx_css_not_imported() -> String {
        "styled-jsx: `css` is used but not imported; add `import css from \"styled-jsx/css\"`"
            .to_string()
    }

    #[cold]
    pub fn styled_jsx_invalid_css(reason: &str) -> String {
        format!("styled-jsx: invalid CSS: {reason}")
    }

    #[cold]
    pub fn relay_substitution() -> String {
        "relay: substitutions are not allowed in graphql templates; reference other fragments as `...MyModule_propName`".to_string()
    }

    #[cold]
    pub fn relay_invalid_graphql(reason: &str) -> String {
        format!("relay: {reason}")
    }

    #[cold]
    pub fn relay_relative_artifact_directory(directory: &str) -> String {
        format!("relay: `artifactDirectory` (`{directory}`) is relative but the file name is absolute; give an absolute directory")
    }
}
