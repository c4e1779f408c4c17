//! A code frame in the format of `@babel/code-frame` (without colours):
//!
//! ```text
//!   1 | const a = 1;
//! > 2 | const b = ;
//!     |           ^
//!   3 | export { a };
//! ```

const LINES_ABOVE: usize = 2;
const LINES_BELOW: usize = 3;

/// Renders the lines around `line` (1-based) with a caret under `column` (1-based).
pub fn code_frame(source: &str, line: usize, column: usize) -> String {
    let lines: Vec<&str> = source
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    if line == 0 || line > lines.len() {
        return String::new();
    }
    let start = line.saturating_sub(LINES_ABOVE + 1);
    let end = (line + LINES_BELOW).min(lines.len());
    let width = end.to_string().len();

    let mut out = String::new();
    for (index, text) in lines[start..end].iter().enumerate() {
        let number = start + index + 1;
        let marker = if number == line { '>' } else { ' ' };
        let text = if text.is_empty() {
            String::new()
        } else {
            format!(" {text}")
        };
        out.push_str(&format!("{marker} {number:>width$} |{text}\n"));
        if number == line {
            // Tabs stay tabs so the caret lines up however the terminal renders them.
            let spacing: String = lines[line - 1]
                .chars()
                .take(column.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            out.push_str(&format!("  {:width$} | {spacing}^\n", ""));
        }
    }
    out.pop();
    out
}

#[cfg(test)]
mod tests {
    use super::code_frame;

    #[test]
    fn marks_the_line_and_column() {
        let source = "const a = 1;\nconst b = ;\nexport { a };\n";
        assert_eq!(
            code_frame(source, 2, 11),
            "  1 | const a = 1;\n> 2 | const b = ;\n    |           ^\n  3 | export { a };\n  4 |"
        );
    }

    #[test]
    fn pads_line_numbers_to_the_widest() {
        let source: String = (1..=12).map(|i| format!("l{i}\n")).collect();
        let frame = code_frame(&source, 10, 1);
        assert_eq!(
            frame,
            "   8 | l8\n   9 | l9\n> 10 | l10\n     | ^\n  11 | l11\n  12 | l12\n  13 |"
        );
    }

    #[test]
    fn out_of_range_is_empty() {
        assert_eq!(code_frame("a", 5, 1), "");
    }
}
