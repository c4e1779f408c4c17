//! Just enough GraphQL to read the one definition of a `graphql` template: a parser of
//! executable documents (operations and fragments) after the GraphQL specification, which
//! checks the whole text and returns the definition's kind and name. Errors carry a byte
//! offset into the text and graphql-js's wording (`Syntax Error: Expected Name, found "}".`),
//! which babel-plugin-relay shows. Its tokens come from `lexer.rs`.

use super::lexer::{self, Kind, Token};

#[derive(Debug, PartialEq, Eq)]
pub struct Definition<'a> {
    /// `query`, `mutation`, `subscription` or `fragment`.
    pub kind: &'a str,
    pub name: &'a str,
}

#[derive(Debug, PartialEq, Eq)]
pub struct Error {
    pub offset: usize,
    pub message: String,
}

/// The document's only definition, or the first error in it.
pub fn single_definition(text: &str) -> Result<Definition<'_>, Error> {
    let mut p = Parser::new(text)?;
    if p.token.kind == Kind::Eof {
        return Err(p.unexpected());
    }
    let mut definitions = vec![];
    while p.token.kind != Kind::Eof {
        definitions.push(p.definition()?);
    }
    let (start, first) = definitions.swap_remove(0);
    if !definitions.is_empty() {
        return Err(Error {
            offset: definitions[0].0,
            message: "Expected exactly one definition per graphql tag".into(),
        });
    }
    match first {
        Some(def) => Ok(def),
        None => Err(Error {
            offset: start,
            message: "GraphQL operations and fragments must contain names".into(),
        }),
    }
}

struct Parser<'a> {
    text: &'a str,
    token: Token,
}

const OPERATIONS: [&str; 3] = ["query", "mutation", "subscription"];

impl<'a> Parser<'a> {
    fn new(text: &'a str) -> Result<Self, Error> {
        let mut p = Parser {
            text,
            token: Token {
                kind: Kind::Eof,
                start: 0,
                end: 0,
            },
        };
        p.advance()?;
        Ok(p)
    }

    // --- definitions -------------------------------------------------------------------

    /// One definition, at its start offset: `Some` with a name, `None` for an unnamed
    /// operation.
    fn definition(&mut self) -> Result<(usize, Option<Definition<'a>>), Error> {
        let start = self.token.start;
        if self.token.kind == Kind::Punct(b'{') {
            self.selection_set()?;
            return Ok((start, None));
        }
        if self.token.kind == Kind::String {
            return Err(self.not_executable(start, "a described type system definition"));
        }
        if self.token.kind != Kind::Name {
            return Err(self.unexpected());
        }
        let word = self.value();
        if let Some(kind) = OPERATIONS.into_iter().find(|k| *k == word) {
            self.advance()?;
            let name = match self.token.kind {
                Kind::Name => Some(self.name()?),
                _ => None,
            };
            if self.token.kind == Kind::Punct(b'(') {
                self.variable_definitions()?;
            }
            self.directives(false)?;
            self.selection_set()?;
            return Ok((start, name.map(|name| Definition { kind, name })));
        }
        if word == "fragment" {
            self.advance()?;
            if self.value() == "on" {
                return Err(self.unexpected());
            }
            let name = self.name()?;
            self.expect_keyword("on")?;
            self.name()?;
            self.directives(false)?;
            self.selection_set()?;
            return Ok((
                start,
                Some(Definition {
                    kind: "fragment",
                    name,
                }),
            ));
        }
        const TYPE_SYSTEM: [&str; 9] = [
            "schema",
            "scalar",
            "type",
            "interface",
            "union",
            "enum",
            "input",
            "directive",
            "extend",
        ];
        if TYPE_SYSTEM.contains(&word) {
            return Err(self.not_executable(start, &format!("`{word}`")));
        }
        Err(self.unexpected())
    }

    fn not_executable(&self, offset: usize, found: &str) -> Error {
        Error {
            offset,
            message: format!(
                "Expected a fragment, mutation, query, or subscription, found {found}"
            ),
        }
    }

    fn variable_definitions(&mut self) -> Result<(), Error> {
        self.many(b'(', b')', |p| {
            p.expect(Kind::Punct(b'$'))?;
            p.name()?;
            p.expect(Kind::Punct(b':'))?;
            p.type_reference()?;
            if p.skip(Kind::Punct(b'='))? {
                p.value_literal(true)?;
            }
            p.directives(true)
        })
    }

    fn type_reference(&mut self) -> Result<(), Error> {
        if self.skip(Kind::Punct(b'['))? {
            self.type_reference()?;
            self.expect(Kind::Punct(b']'))?;
        } else {
            self.name()?;
        }
        self.skip(Kind::Punct(b'!'))?;
        Ok(())
    }

    fn selection_set(&mut self) -> Result<(), Error> {
        self.many(b'{', b'}', Self::selection)
    }

    fn selection(&mut self) -> Result<(), Error> {
        if self.skip(Kind::Spread)? {
            let on = self.token.kind == Kind::Name && self.value() == "on";
            if self.token.kind == Kind::Name && !on {
                // A fragment spread.
                self.name()?;
                return self.directives(false);
            }
            if on {
                self.advance()?;
                self.name()?;
            }
            self.directives(false)?;
            return self.selection_set();
        }
        self.name()?;
        if self.skip(Kind::Punct(b':'))? {
            self.name()?;
        }
        self.arguments(false)?;
        self.directives(false)?;
        if self.token.kind == Kind::Punct(b'{') {
            self.selection_set()?;
        }
        Ok(())
    }

    fn arguments(&mut self, constant: bool) -> Result<(), Error> {
        if self.token.kind != Kind::Punct(b'(') {
            return Ok(());
        }
        self.many(b'(', b')', |p| {
            p.name()?;
            p.expect(Kind::Punct(b':'))?;
            p.value_literal(constant)
        })
    }

    fn directives(&mut self, constant: bool) -> Result<(), Error> {
        while self.skip(Kind::Punct(b'@'))? {
            self.name()?;
            self.arguments(constant)?;
        }
        Ok(())
    }

    fn value_literal(&mut self, constant: bool) -> Result<(), Error> {
        match self.token.kind {
            Kind::Punct(b'[') => {
                self.advance()?;
                while !self.skip(Kind::Punct(b']'))? {
                    self.value_literal(constant)?;
                }
                Ok(())
            }
            Kind::Punct(b'{') => {
                self.advance()?;
                while !self.skip(Kind::Punct(b'}'))? {
                    self.name()?;
                    self.expect(Kind::Punct(b':'))?;
                    self.value_literal(constant)?;
                }
                Ok(())
            }
            Kind::Punct(b'$') if !constant => {
                self.advance()?;
                self.name().map(drop)
            }
            Kind::Int | Kind::Float | Kind::String | Kind::Name => self.advance(),
            _ => Err(self.unexpected()),
        }
    }

    // --- tokens ------------------------------------------------------------------------

    /// `open item+ close`, as graphql-js's `many`: at least one item.
    fn many(
        &mut self,
        open: u8,
        close: u8,
        mut item: impl FnMut(&mut Self) -> Result<(), Error>,
    ) -> Result<(), Error> {
        self.expect(Kind::Punct(open))?;
        loop {
            item(self)?;
            if self.skip(Kind::Punct(close))? {
                return Ok(());
            }
        }
    }

    fn value(&self) -> &'a str {
        &self.text[self.token.start..self.token.end]
    }

    fn name(&mut self) -> Result<&'a str, Error> {
        let name = self.value();
        self.expect(Kind::Name)?;
        Ok(name)
    }

    fn expect_keyword(&mut self, word: &str) -> Result<(), Error> {
        if self.token.kind == Kind::Name && self.value() == word {
            return self.advance();
        }
        Err(self.error(format!("Expected \"{word}\", found {}.", self.describe())))
    }

    fn expect(&mut self, kind: Kind) -> Result<(), Error> {
        if self.token.kind == kind {
            return self.advance();
        }
        let wanted = match kind {
            Kind::Punct(c) => format!("\"{}\"", c as char),
            Kind::Name => "Name".into(),
            _ => unreachable!("only punctuators and names are expected"),
        };
        Err(self.error(format!("Expected {wanted}, found {}.", self.describe())))
    }

    fn skip(&mut self, kind: Kind) -> Result<bool, Error> {
        if self.token.kind != kind {
            return Ok(false);
        }
        self.advance()?;
        Ok(true)
    }

    fn unexpected(&self) -> Error {
        self.error(format!("Unexpected {}.", self.describe()))
    }

    fn error(&self, message: String) -> Error {
        Error {
            offset: self.token.start,
            message: format!("Syntax Error: {message}"),
        }
    }

    fn describe(&self) -> String {
        let value = self.value();
        match self.token.kind {
            Kind::Eof => "<EOF>".into(),
            Kind::Punct(_) | Kind::Spread => format!("\"{value}\""),
            Kind::Name => format!("Name \"{value}\""),
            Kind::Int => format!("Int \"{value}\""),
            Kind::Float => format!("Float \"{value}\""),
            Kind::String => "String".into(),
        }
    }

    /// Moves to the next token.
    fn advance(&mut self) -> Result<(), Error> {
        self.token = lexer::token(self.text, self.token.end)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<(&str, &str), (usize, String)> {
        single_definition(text)
            .map(|d| (d.kind, d.name))
            .map_err(|e| (e.offset, e.message))
    }

    #[test]
    fn reads_the_kind_and_name() {
        assert_eq!(
            read("query AppQuery { me { id } }"),
            Ok(("query", "AppQuery"))
        );
        assert_eq!(
            read("\n  # a query Wrong { x }\n  fragment App_user on User @relay(plural: true) { id ...Other_user ... on User { name } ... @include(if: $a) { b } }"),
            Ok(("fragment", "App_user"))
        );
        assert_eq!(
            read(
                r#"mutation M($input: [In!]! = [{a: 1, b: "x\"y", c: """block "" """, d: -1.5e3, e: ENUM, f: null}]) @dir { do(input: $input) { ok } }"#
            ),
            Ok(("mutation", "M"))
        );
        assert_eq!(
            read("subscription S { a(x: $x, y: [1, 2], z: {w: true}) }"),
            Ok(("subscription", "S"))
        );
        assert_eq!(read("query query { query: query }"), Ok(("query", "query")));
    }

    #[test]
    fn errors_say_what_and_where_as_graphql_js_does() {
        let e = |text| read(text).unwrap_err();
        assert_eq!(e(""), (0, "Syntax Error: Unexpected <EOF>.".into()));
        assert_eq!(e("  "), (2, "Syntax Error: Unexpected <EOF>.".into()));
        assert_eq!(
            e("query A { a "),
            (12, "Syntax Error: Expected Name, found <EOF>.".into())
        );
        assert_eq!(
            e("query A { }"),
            (10, "Syntax Error: Expected Name, found \"}\".".into())
        );
        assert_eq!(
            e("{ me { id } }"),
            (
                0,
                "GraphQL operations and fragments must contain names".into()
            )
        );
        assert_eq!(
            e("query { a }"),
            (
                0,
                "GraphQL operations and fragments must contain names".into()
            )
        );
        assert_eq!(
            e("query A { a }\nquery B { b }"),
            (14, "Expected exactly one definition per graphql tag".into())
        );
        assert_eq!(
            e("type T { a: Int }"),
            (
                0,
                "Expected a fragment, mutation, query, or subscription, found `type`".into()
            )
        );
        assert_eq!(
            e("fragment F User { a }"),
            (
                11,
                "Syntax Error: Expected \"on\", found Name \"User\".".into()
            )
        );
        assert_eq!(
            e("fragment on on T { a }"),
            (9, "Syntax Error: Unexpected Name \"on\".".into())
        );
        assert_eq!(
            e("query A { a(x: 01) }"),
            (
                16,
                "Syntax Error: Invalid number, unexpected digit after 0.".into()
            )
        );
        assert_eq!(
            e("query A { a(x: \"b) }"),
            (15, "Syntax Error: Unterminated string.".into())
        );
        assert_eq!(
            e("query A { a % }"),
            (12, "Syntax Error: Unexpected character: \"%\".".into())
        );
        assert_eq!(
            e("query A($v: Int = $w) { a }"),
            (18, "Syntax Error: Unexpected \"$\".".into())
        );
        assert_eq!(
            e("hello { a }"),
            (0, "Syntax Error: Unexpected Name \"hello\".".into())
        );
    }
}
