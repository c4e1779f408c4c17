//! Just enough GraphQL to read the one definition of a `graphql` template: a parser of
//! executable documents (operations and fragments) after the GraphQL specification, which
//! checks the whole text and returns the definition's kind and name. Errors carry a byte
//! offset into the text and graphql-js's wording (`Syntax Error: Expected Name, found "}".`),
//! which babel-plugin-relay shows.

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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Punct(u8),
    Spread,
    Name,
    Int,
    Float,
    String,
    Eof,
}

#[derive(Debug, Clone, Copy)]
struct Token {
    kind: Kind,
    start: usize,
    end: usize,
}

struct Parser<'a> {
    text: &'a str,
    pos: usize,
    token: Token,
}

const OPERATIONS: [&str; 3] = ["query", "mutation", "subscription"];

impl<'a> Parser<'a> {
    fn new(text: &'a str) -> Result<Self, Error> {
        let mut p = Parser {
            text,
            pos: 0,
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

    /// Reads the next token, skipping what GraphQL ignores: white space, line breaks,
    /// commas, a byte order mark and `#` comments.
    fn advance(&mut self) -> Result<(), Error> {
        let bytes = self.text.as_bytes();
        let mut i = self.pos;
        loop {
            match bytes.get(i) {
                Some(b' ' | b'\t' | b'\n' | b'\r' | b',') => i += 1,
                Some(b'#') => {
                    while !matches!(bytes.get(i), None | Some(b'\n' | b'\r')) {
                        i += 1;
                    }
                }
                Some(0xEF) if bytes[i..].starts_with("\u{FEFF}".as_bytes()) => i += 3,
                _ => break,
            }
        }
        let start = i;
        let lex_error = |offset: usize, message: String| Error {
            offset,
            message: format!("Syntax Error: {message}"),
        };
        let kind = match bytes.get(i) {
            None => Kind::Eof,
            Some(b'.') if bytes[i..].starts_with(b"...") => {
                i += 3;
                Kind::Spread
            }
            Some(
                &c @ (b'!' | b'$' | b'&' | b'(' | b')' | b':' | b'=' | b'@' | b'[' | b']' | b'{'
                | b'|' | b'}'),
            ) => {
                i += 1;
                Kind::Punct(c)
            }
            Some(c) if c.is_ascii_alphabetic() || *c == b'_' => {
                while bytes
                    .get(i)
                    .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
                {
                    i += 1;
                }
                Kind::Name
            }
            Some(c) if c.is_ascii_digit() || *c == b'-' => {
                let (end, float) =
                    number(bytes, i).map_err(|(at, message)| lex_error(at, message))?;
                i = end;
                if float {
                    Kind::Float
                } else {
                    Kind::Int
                }
            }
            Some(b'"') => {
                i = string(bytes, i)
                    .ok_or_else(|| lex_error(start, "Unterminated string.".into()))?;
                Kind::String
            }
            Some(_) => {
                let c = self.text[i..].chars().next().unwrap_or('?');
                return Err(lex_error(i, format!("Unexpected character: \"{c}\".")));
            }
        };
        self.pos = i;
        self.token = Token {
            kind,
            start,
            end: i,
        };
        Ok(())
    }
}

/// The end of the number at `i`, and whether it is a float; `-?` digits, then an optional
/// fraction and exponent, with nothing name-like right after.
fn number(bytes: &[u8], mut i: usize) -> Result<(usize, bool), (usize, String)> {
    let digits = |i: &mut usize| {
        let from = *i;
        while bytes.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i > from
    };
    let invalid = |at: usize| {
        let found = bytes
            .get(at)
            .map_or("<EOF>".to_string(), |c| format!("{:?}", *c as char));
        Err((
            at,
            format!("Invalid number, expected digit but got: {found}."),
        ))
    };
    if bytes.get(i) == Some(&b'-') {
        i += 1;
    }
    if bytes.get(i) == Some(&b'0') && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
        return Err((i + 1, "Invalid number, unexpected digit after 0.".into()));
    }
    if !digits(&mut i) {
        return invalid(i);
    }
    let mut float = false;
    if bytes.get(i) == Some(&b'.') {
        i += 1;
        float = true;
        if !digits(&mut i) {
            return invalid(i);
        }
    }
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        i += 1;
        float = true;
        if matches!(bytes.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if !digits(&mut i) {
            return invalid(i);
        }
    }
    if bytes
        .get(i)
        .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_' || *c == b'.')
    {
        return invalid(i);
    }
    Ok((i, float))
}

/// The end of the string (or `"""` block string) at `i`, or `None` if it is unterminated.
fn string(bytes: &[u8], i: usize) -> Option<usize> {
    if bytes[i..].starts_with(b"\"\"\"") {
        let mut j = i + 3;
        loop {
            if bytes[j..].starts_with(b"\\\"\"\"") {
                j += 4;
            } else if bytes[j..].starts_with(b"\"\"\"") {
                return Some(j + 3);
            } else if j >= bytes.len() {
                return None;
            } else {
                j += 1;
            }
        }
    }
    let mut j = i + 1;
    loop {
        match bytes.get(j)? {
            b'"' => return Some(j + 1),
            b'\\' => j += 2,
            b'\n' | b'\r' => return None,
            _ => j += 1,
        }
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
