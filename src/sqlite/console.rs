//! The register inspector's read-only SQL console, as pure rules: the text a user typed is split
//! into statements (quotes and comments respected), and each must only read. The console runs
//! each statement on a copy of the register's database with `PRAGMA query_only = 1`, so SQLite
//! refuses writes as well; these rules keep that pragma from being switched off and say what
//! was refused in plain words, before anything runs.

/// At most this many statements run from one input.
pub const MAX_STATEMENTS: usize = 20;

/// The first keywords of statements that only read.
const READING: [&str; 5] = ["select", "with", "explain", "values", "pragma"];

/// Pragmas that take an argument in parentheses and still only read.
const READING_PRAGMAS: [&str; 10] = [
    "table_info",
    "table_xinfo",
    "table_list",
    "index_list",
    "index_info",
    "index_xinfo",
    "foreign_key_list",
    "foreign_key_check",
    "integrity_check",
    "quick_check",
];

/// Why the console runs nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Nothing but blanks and comments.
    Empty,
    /// More statements than [`MAX_STATEMENTS`].
    TooMany(usize),
    /// Statement `index` (from 1) does not start with a reading keyword; `keyword` is its first word.
    NotReading { index: usize, keyword: String },
    /// Statement `index` (from 1) sets a pragma.
    SetsPragma { index: usize, pragma: String },
}

impl Refusal {
    /// The message the console shows.
    pub fn message(&self) -> String {
        match self {
            Refusal::Empty => "Type a query first.".into(),
            Refusal::TooMany(n) => format!(
                "{n} statements: the console runs at most {MAX_STATEMENTS} at a time. Nothing was run."
            ),
            Refusal::NotReading { index, keyword } => format!(
                "Statement {index} starts with {}: only reading is allowed here (SELECT, WITH, PRAGMA, EXPLAIN or VALUES). Nothing was run.",
                keyword.to_uppercase()
            ),
            Refusal::SetsPragma { index, pragma } => format!(
                "Statement {index} sets PRAGMA {pragma}: only reading is allowed here, so pragmas may be read but not set. Nothing was run."
            ),
        }
    }
}

/// Walks SQL text and calls `f` with each character and whether it belongs to a quoted part
/// (`'…'`, `"…"`, `` `…` ``, `[…]`) or a comment (`-- …` to the end of the line, `/* … */`),
/// delimiters included: the one scanner the console's rules share.
fn scan(text: &str, mut f: impl FnMut(char, bool)) {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let close = match c {
            '\'' | '"' | '`' => Some(c),
            '[' => Some(']'),
            '-' if chars.peek() == Some(&'-') => Some('\n'),
            '/' if chars.peek() == Some(&'*') => Some('/'),
            _ => None,
        };
        let Some(close) = close else {
            f(c, false);
            continue;
        };
        f(c, true);
        let block = c == '/';
        if block {
            f(chars.next().unwrap_or('*'), true);
        }
        let mut star = false;
        for d in chars.by_ref() {
            f(d, true);
            if d == close && (!block || star) {
                break;
            }
            star = d == '*';
        }
    }
}

/// Splits `text` into statements at semicolons outside quotes, brackets and comments. Each
/// statement is trimmed, keeps its comments, and has no final semicolon; blank ones (and ones
/// of comments only) are left out.
pub fn split_statements(text: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    scan(text, |c, literal| match c {
        ';' if !literal => out.push(String::new()),
        _ => out.last_mut().into_iter().for_each(|s| s.push(c)),
    });
    out.into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !words(s).is_empty())
        .collect()
}

/// The statement's text with comments and quoted parts replaced by a space each, lower-cased:
/// what the rules look at.
fn words(statement: &str) -> String {
    let mut out = String::new();
    let mut in_literal = false;
    scan(statement, |c, literal| {
        if literal {
            if !in_literal {
                out.push(' ');
            }
        } else {
            out.extend(c.to_lowercase());
        }
        in_literal = literal;
    });
    out.trim().to_string()
}

/// The statements of `text` if every one only reads, else why nothing may run.
pub fn read_only_statements(text: &str) -> Result<Vec<String>, Refusal> {
    let statements = split_statements(text);
    if statements.is_empty() {
        return Err(Refusal::Empty);
    }
    if statements.len() > MAX_STATEMENTS {
        return Err(Refusal::TooMany(statements.len()));
    }
    for (i, statement) in statements.iter().enumerate() {
        let index = i + 1;
        let plain = words(statement);
        let keyword: String = plain
            .trim_start_matches('(')
            .trim_start()
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if !READING.contains(&keyword.as_str()) {
            return Err(Refusal::NotReading {
                index,
                keyword: if keyword.is_empty() {
                    plain.chars().take(12).collect()
                } else {
                    keyword
                },
            });
        }
        if keyword == "pragma" {
            let rest = plain["pragma".len()..].trim_start();
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '.')
                .collect();
            let after = rest[name.len()..].trim_start();
            // `schema.name`: the pragma's own name is the last part.
            let bare = name.rsplit('.').next().unwrap_or_default().to_string();
            let sets = after.starts_with('=')
                || (after.starts_with('(') && !READING_PRAGMAS.contains(&bare.as_str()));
            if sets {
                return Err(Refusal::SetsPragma {
                    index,
                    pragma: bare,
                });
            }
        }
    }
    Ok(statements)
}
