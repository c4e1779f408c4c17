//! Which comments survive minification: Terser's `format.comments`.

use regex::Regex;
use swc_core::common::comments::{Comment, SingleThreadedComments};

#[derive(Debug, Clone)]
pub enum CommentPolicy {
    None,
    All,
    Matching(Regex),
}

impl CommentPolicy {
    /// Terser's `"some"`: license and preservation markers, and `/*!` comments.
    pub fn some() -> Self {
        Self::Matching(
            Regex::new(r"(?i)@preserve|@copyright|@lic|@cc_on|^\**!").expect("valid regex"),
        )
    }

    pub fn keeps(&self, c: &Comment) -> bool {
        match self {
            Self::None => false,
            Self::All => true,
            Self::Matching(re) => re.is_match(&c.text),
        }
    }

    pub fn apply(&self, comments: &SingleThreadedComments) {
        let (mut leading, mut trailing) = comments.borrow_all_mut();
        for list in leading.values_mut().chain(trailing.values_mut()) {
            list.retain(|c| self.keeps(c));
        }
    }
}

/// `"/pattern/flags"` or a bare pattern; only the `i` flag has a meaning for comments.
pub fn regex_from_terser(text: &str) -> Result<Regex, regex::Error> {
    if let Some(rest) = text.strip_prefix('/') {
        if let Some(end) = rest.rfind('/') {
            let (pattern, flags) = (&rest[..end], &rest[end + 1..]);
            let prefix = if flags.contains('i') { "(?i)" } else { "" };
            return Regex::new(&format!("{prefix}{pattern}"));
        }
    }
    Regex::new(text)
}
