//! The parser syntax a file is read with, picked from its extension.
//!
//! `.ts .mts .cts` are TypeScript, `.tsx` is TSX, and everything else is ECMAScript
//! with JSX allowed, as Next.js does for `.js` files.

use swc_core::ecma::parser::{EsSyntax, Syntax, TsSyntax};

pub fn syntax_for(filename: &str) -> Syntax {
    let ext = filename.rsplit_once('.').map(|(_, ext)| ext).unwrap_or("");
    match ext {
        "ts" | "mts" | "cts" => Syntax::Typescript(TsSyntax {
            tsx: false,
            decorators: true,
            dts: filename.ends_with(".d.ts"),
            ..Default::default()
        }),
        "tsx" => Syntax::Typescript(TsSyntax {
            tsx: true,
            decorators: true,
            ..Default::default()
        }),
        _ => Syntax::Es(EsSyntax {
            jsx: true,
            decorators: true,
            decorators_before_export: true,
            import_attributes: true,
            explicit_resource_management: true,
            auto_accessors: true,
            ..Default::default()
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_syntax_by_extension() {
        assert!(matches!(
            syntax_for("a.ts"),
            Syntax::Typescript(TsSyntax { tsx: false, .. })
        ));
        assert!(matches!(
            syntax_for("dir.tsx/a.cts"),
            Syntax::Typescript(TsSyntax { tsx: false, .. })
        ));
        assert!(matches!(
            syntax_for("a.tsx"),
            Syntax::Typescript(TsSyntax { tsx: true, .. })
        ));
        assert!(matches!(
            syntax_for("a.mjs"),
            Syntax::Es(EsSyntax { jsx: true, .. })
        ));
        assert!(matches!(
            syntax_for("noext"),
            Syntax::Es(EsSyntax { jsx: true, .. })
        ));
    }
}
