//! The compact, line-oriented form of the catalog that the app ships.
//!
//! One table is a `T` line followed by one `C` line per column, fields separated by tabs:
//!
//! ```text
//! T  schema  NAME  job  direction  replication-counter|-  est-bytes  max-bytes  PK,COLS  PARENT,NAMES  parents-source  display
//! C  NAME  TYPE  size|-  flags (n = nullable, i = identity, - = neither)
//! D  how  source  inferred-job      (only for a table whose job a public document names)
//! ```
//!
//! A `D` line follows its table's `T` line; the `T` line's job is then the documented one.
//!
//! Lines starting with `#` are comments. Every field is validated while parsing, so a table
//! that survives it is well formed: its parents exist and its key columns are its own.

use super::{
    Catalog, CatalogError, Column, ColumnSize, DbSchema, Job, ParentsSource, SqlType, Table,
    TableDirection, TableId,
};
use std::collections::HashMap;

/// Writes tables (with their parents resolved against `tables` itself) in the compact form.
pub fn write(tables: &[Table], header: &str) -> String {
    let mut out = String::new();
    for line in header.lines() {
        out.push_str("# ");
        out.push_str(line);
        out.push('\n');
    }
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
            parents.join(","),
            t.parents_source.as_str().to_string(),
            t.display.clone().unwrap_or_default(),
        ];
        out.push_str(&fields.join("\t"));
        out.push('\n');
        if let Some(d) = &t.job_documented {
            let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
            out.push_str(&format!(
                "D\t{}\t{}\t{}\n",
                clean(&d.how),
                clean(&d.source),
                d.inferred.code()
            ));
        }
        for c in &t.columns {
            let size = c.size.map(|s| s.to_string()).unwrap_or_else(|| "-".into());
            let mut flags = String::new();
            if c.nullable {
                flags.push('n');
            }
            if c.identity {
                flags.push('i');
            }
            if flags.is_empty() {
                flags.push('-');
            }
            out.push_str(&format!(
                "C\t{}\t{}\t{size}\t{flags}\n",
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

/// Parses the compact form into a catalog with all its indexes.
pub fn parse(text: &str) -> Result<Catalog, CatalogError> {
    let mut tables: Vec<Table> = Vec::new();
    let mut parent_names: Vec<(usize, Vec<String>)> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let err = |message: String| CatalogError { line, message };
        if raw.is_empty() || raw.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = raw.split('\t').collect();
        match f[0] {
            "T" if f.len() == 12 => {
                let schema = match f[1] {
                    "ax" => DbSchema::Ax,
                    "crt" => DbSchema::Crt,
                    other => return Err(err(format!("unknown schema {other:?}"))),
                };
                let number = |s: &str, what: &str| {
                    s.parse::<u32>()
                        .map_err(|_| err(format!("{what} {s:?} is not a number")))
                };
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
                    columns: Vec::new(),
                    parents: Vec::new(),
                    children: Vec::new(),
                    parents_source: ParentsSource::parse(f[10])
                        .ok_or_else(|| err(format!("unknown parents source {:?}", f[10])))?,
                    display: (!f[11].is_empty()).then(|| f[11].to_string()),
                    job_documented: None,
                });
                parent_names.push((line, list(f[9])));
            }
            "C" if f.len() == 5 => {
                let table = tables
                    .last_mut()
                    .ok_or_else(|| err("a column before any table".into()))?;
                table.columns.push(Column {
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
                    nullable: f[4].contains('n'),
                    identity: f[4].contains('i'),
                });
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
            _ => return Err(err(format!("unexpected line {raw:?}"))),
        }
    }
    if tables.len() > usize::from(u16::MAX) {
        return Err(CatalogError {
            line: 0,
            message: "too many tables".into(),
        });
    }
    let ids: HashMap<&str, TableId> = tables
        .iter()
        .enumerate()
        .map(|(i, t)| (t.name.as_str(), TableId(i as u16)))
        .collect();
    if ids.len() != tables.len() {
        return Err(CatalogError {
            line: 0,
            message: "a table name appears twice".into(),
        });
    }
    let mut resolved = Vec::with_capacity(tables.len());
    for (line, names) in &parent_names {
        let mut parents = Vec::with_capacity(names.len());
        for name in names {
            let id = ids.get(name.as_str()).ok_or_else(|| CatalogError {
                line: *line,
                message: format!("unknown parent table {name}"),
            })?;
            parents.push(*id);
        }
        resolved.push(parents);
    }
    for ((table, parents), (line, _)) in tables.iter_mut().zip(resolved).zip(&parent_names) {
        table.parents = parents;
        if let Some(k) = table.primary_key.iter().find(|k| table.column(k).is_none()) {
            return Err(CatalogError {
                line: *line,
                message: format!("key column {k} is not a column of {}", table.name),
            });
        }
    }
    Ok(Catalog::from_parts(tables))
}
