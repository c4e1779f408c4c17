//! `modularizeImports` options, with Next.js's shape, resolved once: package keys become
//! anchored regexes in the object's order (the first match wins), templates are compiled.

use std::sync::Arc;

use handlebars::{handlebars_helper, no_escape, Handlebars};
use regex::Regex;
use serde_json::{Map, Value};

use crate::diagnostics::{self, Diagnostic};

#[derive(Debug, Clone)]
pub struct Rule {
    /// The key as written, for messages.
    pub key: String,
    pub package: Regex,
    pub transform: Transform,
    pub prevent_full_import: bool,
    pub skip_default_conversion: bool,
    pub handle_default_import: bool,
    pub handle_namespace_import: bool,
    /// Template name of the side-effect style import, if any.
    pub style: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Transform {
    /// Template name.
    Template(String),
    /// Member regexes and template names, in order; the first match wins.
    Map(Vec<(Regex, String)>),
}

#[derive(Debug, Clone)]
pub struct Rules {
    pub rules: Vec<Rule>,
    pub templates: Arc<Handlebars<'static>>,
}

/// Splits `MyButton`, `my-button`, `my_button`, `HTMLInput` into lowercase words.
fn words(s: &str) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    let mut words = vec![];
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            continue;
        }
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1);
        let boundary = c.is_uppercase()
            && !current.is_empty()
            && (prev.is_some_and(|p| p.is_lowercase() || p.is_ascii_digit())
                || next.is_some_and(|n| n.is_lowercase()));
        if boundary {
            words.push(std::mem::take(&mut current));
        }
        current.extend(c.to_lowercase());
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

pub fn kebab_case(s: &str) -> String {
    words(s).join("-")
}

pub fn camel_case(s: &str) -> String {
    words(s)
        .iter()
        .enumerate()
        .map(|(i, w)| {
            if i == 0 {
                return w.clone();
            }
            let mut chars = w.chars();
            chars
                .next()
                .map(|f| f.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        })
        .collect()
}

handlebars_helper!(camel_case_helper: |s: str| camel_case(s));
handlebars_helper!(kebab_case_helper: |s: str| kebab_case(s));
handlebars_helper!(lower_case_helper: |s: str| s.to_lowercase());
handlebars_helper!(upper_case_helper: |s: str| s.to_uppercase());

/// A package key is anchored at both ends unless it already carries `^` or `$`.
fn package_regex(key: &str) -> Result<Regex, regex::Error> {
    if key.starts_with('^') || key.ends_with('$') {
        Regex::new(key)
    } else {
        Regex::new(&format!("^(?:{key})$"))
    }
}

fn path(key: &str, field: &str) -> String {
    let key = key.replace('"', "\\\"");
    if field.is_empty() {
        format!("modularizeImports[\"{key}\"]")
    } else {
        format!("modularizeImports[\"{key}\"].{field}")
    }
}

const FIELDS: [&str; 6] = [
    "transform",
    "preventFullImport",
    "skipDefaultConversion",
    "handleDefaultImport",
    "handleNamespaceImport",
    "style",
];

pub fn parse(value: &Value) -> Result<Rules, Diagnostic> {
    let Value::Object(packages) = value else {
        return Err(diagnostics::invalid_option(
            "modularizeImports",
            format!("expected an object of packages, found {value}"),
        ));
    };
    let mut templates = Handlebars::new();
    templates.register_escape_fn(no_escape);
    templates.set_strict_mode(true);
    templates.register_helper("camelCase", Box::new(camel_case_helper));
    templates.register_helper("kebabCase", Box::new(kebab_case_helper));
    templates.register_helper("lowerCase", Box::new(lower_case_helper));
    templates.register_helper("upperCase", Box::new(upper_case_helper));

    let mut add_template = |name: String, source: &str, at: &str| {
        templates
            .register_template_string(&name, source)
            .map(|()| name)
            .map_err(|e| {
                let reason = e.to_string();
                let reason = reason.lines().next().unwrap_or_default().to_string();
                diagnostics::invalid_option(
                    at,
                    format!("\"{source}\" is not a valid template: {reason}"),
                )
            })
    };

    let mut rules = vec![];
    for (index, (key, options)) in packages.iter().enumerate() {
        let package = package_regex(key).map_err(|e| {
            diagnostics::invalid_option(
                &path(key, ""),
                format!("\"{key}\" is not a valid regular expression: {e}"),
            )
        })?;
        let Value::Object(options) = options else {
            return Err(diagnostics::invalid_option(
                &path(key, ""),
                format!("expected an object, found {options}"),
            ));
        };
        if let Some(unknown) = options.keys().find(|k| !FIELDS.contains(&k.as_str())) {
            return Err(diagnostics::invalid_option(
                &path(key, unknown),
                format!(
                    "unknown field `{unknown}`, expected one of `{}`",
                    FIELDS.join("`, `")
                ),
            ));
        }
        let flag = |field: &str| -> Result<bool, Diagnostic> {
            match options.get(field) {
                None => Ok(false),
                Some(Value::Bool(b)) => Ok(*b),
                Some(other) => Err(diagnostics::invalid_option(
                    &path(key, field),
                    format!("expected a boolean, found {other}"),
                )),
            }
        };
        let transform = match options.get("transform") {
            None => {
                return Err(diagnostics::invalid_option(
                    &path(key, "transform"),
                    "is required",
                ))
            }
            Some(Value::String(t)) => Transform::Template(add_template(
                format!("{index}"),
                t,
                &path(key, "transform"),
            )?),
            Some(Value::Object(map)) => {
                Transform::Map(member_map(map, key, index, &mut add_template)?)
            }
            Some(other) => {
                return Err(diagnostics::invalid_option(
                    &path(key, "transform"),
                    format!(
                        "expected a template string or an object of member patterns, found {other}"
                    ),
                ))
            }
        };
        let style = match options.get("style") {
            None | Some(Value::Bool(false)) => None,
            Some(Value::String(t)) => Some(add_template(
                format!("{index}.style"),
                t,
                &path(key, "style"),
            )?),
            Some(other) => {
                return Err(diagnostics::invalid_option(
                    &path(key, "style"),
                    format!("expected a template string, found {other}"),
                ))
            }
        };
        rules.push(Rule {
            key: key.clone(),
            package,
            transform,
            prevent_full_import: flag("preventFullImport")?,
            skip_default_conversion: flag("skipDefaultConversion")?,
            handle_default_import: flag("handleDefaultImport")?,
            handle_namespace_import: flag("handleNamespaceImport")?,
            style,
        });
    }
    Ok(Rules {
        rules,
        templates: Arc::new(templates),
    })
}

fn member_map(
    map: &Map<String, Value>,
    key: &str,
    index: usize,
    add_template: &mut impl FnMut(String, &str, &str) -> Result<String, Diagnostic>,
) -> Result<Vec<(Regex, String)>, Diagnostic> {
    map.iter()
        .enumerate()
        .map(|(i, (member, template))| {
            let at = path(key, &format!("transform[\"{member}\"]"));
            let Value::String(template) = template else {
                return Err(diagnostics::invalid_option(
                    &at,
                    format!("expected a template string, found {template}"),
                ));
            };
            let re = if member == "*" {
                Regex::new(".*")
            } else {
                package_regex(member)
            }
            .map_err(|e| {
                diagnostics::invalid_option(
                    &at,
                    format!("\"{member}\" is not a valid regular expression: {e}"),
                )
            })?;
            Ok((re, add_template(format!("{index}.{i}"), template, &at)?))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_conversions() {
        assert_eq!(kebab_case("MyButton"), "my-button");
        assert_eq!(kebab_case("HTMLInputElement"), "html-input-element");
        assert_eq!(kebab_case("already-kebab_case"), "already-kebab-case");
        assert_eq!(kebab_case("Icon24px"), "icon24px");
        assert_eq!(camel_case("my-button"), "myButton");
        assert_eq!(camel_case("MyButton"), "myButton");
        assert_eq!(camel_case("HTMLInput"), "htmlInput");
    }

    #[test]
    fn keys_are_anchored_unless_they_say_otherwise() {
        assert!(package_regex("lodash").unwrap().is_match("lodash"));
        assert!(!package_regex("lodash").unwrap().is_match("lodash-es"));
        assert!(package_regex("^@mui/(.*)")
            .unwrap()
            .is_match("@mui/material/x"));
    }
}
