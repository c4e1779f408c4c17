//! `reactRemoveProperties`: removes JSX attributes whose name matches a pattern.
//!
//! ```jsx
//! <div data-test-id="x" className="a" />   // → <div className="a" />
//! ```
//!
//! Default pattern `^data-test`. Every element is visited, including JSX nested in
//! attribute values; spread attributes and namespaced names (`xlink:href`) stay.

use regex::Regex;
use swc_core::ecma::{
    ast::*,
    visit::{noop_visit_mut_type, visit_mut_pass, VisitMut, VisitMutWith},
};

pub fn react_remove_properties(patterns: Vec<Regex>) -> impl Pass {
    visit_mut_pass(RemoveProperties { patterns })
}

struct RemoveProperties {
    patterns: Vec<Regex>,
}

impl VisitMut for RemoveProperties {
    noop_visit_mut_type!();

    fn visit_mut_jsx_opening_element(&mut self, el: &mut JSXOpeningElement) {
        el.visit_mut_children_with(self);
        el.attrs.retain(|attr| match attr {
            JSXAttrOrSpread::JSXAttr(JSXAttr {
                name: JSXAttrName::Ident(name),
                ..
            }) => !self.patterns.iter().any(|re| re.is_match(&name.sym)),
            _ => true,
        });
    }
}
