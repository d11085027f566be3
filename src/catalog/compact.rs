//! The compact, line-oriented form of the catalog that the app ships: two texts, the tables and
//! their columns, so the app can read the columns only when an area needs them.
//!
//! Fields are separated by tabs. The tables text has one `T` line per table:
//!
//! ```text
//! T  schema  NAME  job  direction  replication-counter|-  est-bytes  max-bytes  PK,COLS  IDENTITY,COLS  PARENT,NAMES  parents-source  display
//! D  how  source  inferred-job      (only for a table whose job a public document names)
//! ```
//!
//! A `D` line follows its table's `T` line; the `T` line's job is then the documented one.
//! The columns text names each table, in the same order, and lists its columns:
//!
//! ```text
//! T  NAME
//! C  NAME  TYPE  size|-  nullable (n or -)
//! ```
//!
//! Lines starting with `#` are comments. Every field is validated while parsing, so a table
//! that survives it is well formed: its parents exist, and its key and identity columns are
//! its own (checked when its columns are read).

use super::{
    columns::Columns, Catalog, CatalogError, Column, ColumnSize, DbSchema, Job, ParentsSource,
    SqlType, Table, TableDirection, TableId,
};
use std::collections::HashMap;

/// The two texts of the compact form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compact {
    /// `T` and `D` lines.
    pub tables: String,
    /// Each table's name and `C` lines.
    pub columns: String,
}

/// Writes tables (with their parents resolved against `tables` itself) in the compact form,
/// each text starting with `header` as comment lines.
pub fn write(tables: &[Table], header: &str) -> Compact {
    let comment: String = header.lines().map(|l| format!("# {l}\n")).collect();
    let mut out = Compact {
        tables: comment.clone(),
        columns: comment,
    };
    for t in tables {
        let parents: Vec<&str> = t
            .parents
            .iter()
            .map(|p| tables[p.index()].name.as_str())
            .collect();
        let fields = [
            "T".to_string(),
            t.schema.as_str().to_string(),
            t.name.clone(),
            t.job.code(),
            t.direction.as_str().to_string(),
            t.replication_counter.clone().unwrap_or_else(|| "-".into()),
            t.est_row_bytes.to_string(),
            t.max_row_bytes.to_string(),
            t.primary_key.join(","),
            t.identity_columns.join(","),
            parents.join(","),
            t.parents_source.as_str().to_string(),
            t.display.clone().unwrap_or_default(),
        ];
        out.tables.push_str(&fields.join("\t"));
        out.tables.push('\n');
        if let Some(d) = &t.job_documented {
            let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
            out.tables.push_str(&format!(
                "D\t{}\t{}\t{}\n",
                clean(&d.how),
                clean(&d.source),
                d.inferred.code()
            ));
        }
        out.columns.push_str(&format!("T\t{}\n", t.name));
        for c in t.columns() {
            let size = c.size.map(|s| s.to_string()).unwrap_or_else(|| "-".into());
            let nullable = if c.nullable { "n" } else { "-" };
            out.columns.push_str(&format!(
                "C\t{}\t{}\t{size}\t{nullable}\n",
                c.name,
                c.sql_type.as_str()
            ));
        }
    }
    out
}

fn list(field: &str) -> Vec<String> {
    field
        .split(',')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// The lines of one text worth reading (not empty, not comments), numbered from 1, split into
/// fields.
fn lines(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    text.lines()
        .enumerate()
        .filter(|(_, raw)| !raw.is_empty() && !raw.starts_with('#'))
        .map(|(i, raw)| (i + 1, raw.split('\t').collect()))
}

/// Parses the tables text into a catalog with all its indexes. With `columns`, the tables'
/// columns are read (and checked) now; without, the tables are the built-in ones and their
/// columns are read from the built-in columns text when first asked for.
pub(super) fn parse_tables(text: &str, columns: Option<&str>) -> Result<Catalog, CatalogError> {
    let mut tables: Vec<Table> = Vec::new();
    let mut parent_names: Vec<(usize, Vec<String>)> = Vec::new();
    for (line, f) in lines(text) {
        let err = |message: String| CatalogError {
            text: "tables",
            line,
            message,
        };
        match f[0] {
            "T" if f.len() == 13 => {
                let schema = match f[1] {
                    "ax" => DbSchema::Ax,
                    "crt" => DbSchema::Crt,
                    other => return Err(err(format!("unknown schema {other:?}"))),
                };
                let number = |s: &str, what: &str| {
                    s.parse::<u32>()
                        .map_err(|_| err(format!("{what} {s:?} is not a number")))
                };
                if tables.len() >= usize::from(u16::MAX) {
                    return Err(err("too many tables".into()));
                }
                tables.push(Table {
                    schema,
                    name: f[2].to_string(),
                    job: Job::parse(f[3]).ok_or_else(|| err(format!("unknown job {:?}", f[3])))?,
                    direction: TableDirection::parse(f[4])
                        .ok_or_else(|| err(format!("unknown direction {:?}", f[4])))?,
                    replication_counter: (f[5] != "-").then(|| f[5].to_string()),
                    est_row_bytes: number(f[6], "estimated row size")?,
                    max_row_bytes: number(f[7], "maximum row size")?,
                    primary_key: list(f[8]),
                    identity_columns: list(f[9]),
                    columns: Columns::Builtin(tables.len() as u16),
                    parents: Vec::new(),
                    children: Vec::new(),
                    parents_source: ParentsSource::parse(f[11])
                        .ok_or_else(|| err(format!("unknown parents source {:?}", f[11])))?,
                    display: (!f[12].is_empty()).then(|| f[12].to_string()),
                    job_documented: None,
                });
                parent_names.push((line, list(f[10])));
            }
            "D" if f.len() == 4 => {
                let table = tables
                    .last_mut()
                    .ok_or_else(|| err("a documented job before any table".into()))?;
                table.job_documented = Some(super::DocumentedJob {
                    how: f[1].to_string(),
                    source: f[2].to_string(),
                    inferred: Job::parse(f[3])
                        .ok_or_else(|| err(format!("unknown inferred job {:?}", f[3])))?,
                });
            }
            _ => return Err(err(format!("unexpected line {:?}", f.join("\t")))),
        }
    }
    let whole = |message: &str| CatalogError {
        text: "tables",
        line: 0,
        message: message.into(),
    };
    let ids: HashMap<&str, TableId> = tables
        .iter()
        .enumerate()
        .map(|(i, t)| (t.name.as_str(), TableId(i as u16)))
        .collect();
    if ids.len() != tables.len() {
        return Err(whole("a table name appears twice"));
    }
    let mut resolved = Vec::with_capacity(tables.len());
    for (line, names) in &parent_names {
        let mut parents = Vec::with_capacity(names.len());
        for name in names {
            let id = ids.get(name.as_str()).ok_or_else(|| CatalogError {
                text: "tables",
                line: *line,
                message: format!("unknown parent table {name}"),
            })?;
            parents.push(*id);
        }
        resolved.push(parents);
    }
    for (table, parents) in tables.iter_mut().zip(resolved) {
        table.parents = parents;
    }
    if let Some(text) = columns {
        let parsed = parse_columns(text, &tables)?;
        for (table, columns) in tables.iter_mut().zip(parsed) {
            table.columns = Columns::Listed(columns);
        }
    }
    Ok(Catalog::from_parts(tables))
}

/// Parses the columns text of `tables` (which must name them in that order) and checks that
/// each table's key and identity columns are among its columns.
pub fn parse_columns(text: &str, tables: &[Table]) -> Result<Vec<Vec<Column>>, CatalogError> {
    let mut out: Vec<Vec<Column>> = Vec::with_capacity(tables.len());
    let mut started = Vec::with_capacity(tables.len());
    for (line, f) in lines(text) {
        let err = |message: String| CatalogError {
            text: "columns",
            line,
            message,
        };
        match f[0] {
            "T" if f.len() == 2 => {
                match tables.get(out.len()) {
                    Some(t) if t.name == f[1] => {}
                    Some(t) => {
                        return Err(err(format!(
                            "expected the columns of {}, found {}",
                            t.name, f[1]
                        )))
                    }
                    None => return Err(err(format!("{} is not in the tables text", f[1]))),
                }
                out.push(Vec::new());
                started.push(line);
            }
            "C" if f.len() == 5 => {
                let columns = out
                    .last_mut()
                    .ok_or_else(|| err("a column before any table".into()))?;
                columns.push(Column {
                    name: f[1].to_string(),
                    sql_type: SqlType::parse(f[2])
                        .ok_or_else(|| err(format!("unknown SQL type {:?}", f[2])))?,
                    size: match f[3] {
                        "-" => None,
                        s => Some(
                            ColumnSize::parse(s)
                                .ok_or_else(|| err(format!("bad column size {s:?}")))?,
                        ),
                    },
                    nullable: match f[4] {
                        "n" => true,
                        "-" => false,
                        other => return Err(err(format!("unknown nullable flag {other:?}"))),
                    },
                });
            }
            _ => return Err(err(format!("unexpected line {:?}", f.join("\t")))),
        }
    }
    if let Some(t) = tables.get(out.len()) {
        return Err(CatalogError {
            text: "columns",
            line: 0,
            message: format!("the columns of {} are missing", t.name),
        });
    }
    for ((t, columns), line) in tables.iter().zip(&out).zip(started) {
        let named = |k: &String| columns.iter().any(|c| c.name.eq_ignore_ascii_case(k));
        let missing = t
            .primary_key
            .iter()
            .map(|k| (k, "key"))
            .chain(t.identity_columns.iter().map(|k| (k, "identity")))
            .find(|(k, _)| !named(k));
        if let Some((k, what)) = missing {
            return Err(CatalogError {
                text: "columns",
                line,
                message: format!("{what} column {k} is not a column of {}", t.name),
            });
        }
    }
    Ok(out)
}
