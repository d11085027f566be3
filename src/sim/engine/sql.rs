//! The SQL of a run, built once per table: the databases' tables, the generating statements
//! (from the shared numbers table, in chunks), and each table's session statements.

use super::*;

impl<D: Database> Engine<D> {
    pub(super) fn column_defs(t: &SimTable, register_side: bool) -> String {
        let mut cols: Vec<String> = vec!["\"_ops_row\" INTEGER PRIMARY KEY".into()];
        cols.extend(
            t.columns
                .iter()
                .map(|(n, ty, _, _)| format!("{} {}", q(n), ty.sqlite_type())),
        );
        cols.push("\"_ops_key\" INTEGER".into());
        cols.push("\"_ops_created\" INTEGER".into());
        cols.push("\"_ops_changed\" INTEGER".into());
        if register_side {
            cols.push("\"_ops_register\" INTEGER".into());
        }
        cols.join(", ")
    }

    pub(super) fn create(&mut self) -> Result<(), SimError> {
        // Everything lives in memory and a failed run is thrown away: no rollback journal, no
        // syncing, temporary b-trees in memory.
        self.db.exec_batch(
            "PRAGMA main.journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA temp_store = MEMORY;",
        )?;
        self.db.attach(":memory:", "replica")?;
        self.db.attach(":memory:", "regs")?;
        self.db.exec_batch(
            "PRAGMA replica.journal_mode = OFF; PRAGMA regs.journal_mode = OFF; PRAGMA replica.synchronous = OFF; PRAGMA regs.synchronous = OFF;",
        )?;
        // The registers' edits, and the numbers every generated row set is drawn from, made
        // once. The simulated tables are created in setup units (see `create_unit`).
        let statements = [
            "BEGIN".to_string(),
            "CREATE TABLE regs._ops_edits (register INTEGER, tbl INTEGER, key INTEGER, at INTEGER)".into(),
            "CREATE INDEX regs.ix_ops_edits ON _ops_edits (register, tbl, at)".into(),
            "CREATE TABLE regs._ops_n (n INTEGER PRIMARY KEY)".into(),
            format!(
                "WITH RECURSIVE seq(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM seq WHERE n < {}) INSERT INTO regs._ops_n SELECT n FROM seq",
                CHUNK_ROWS - 1
            ),
            "COMMIT".into(),
        ];
        for statement in &statements {
            self.db.exec_batch(statement)?;
        }
        Ok(())
    }

    /// One setup unit: the tables of up to [`CREATE_TABLES`] simulated tables, from `from` on,
    /// in the store, the replica and the registers' database.
    pub(super) fn create_unit(&mut self, from: usize) -> Result<(), SimError> {
        let upto = (from + CREATE_TABLES).min(self.tables.len());
        let mut sql = Vec::new();
        for t in &self.tables[from..upto] {
            let name = q(&t.name);
            // Sessions ask what changed since their last run. The starting rows are stamped 0,
            // so a partial index holds only later changes and costs nothing to bulk loads.
            // (Rows are found by entity key through their row ids: see `touch`.) Its condition
            // is `>= 1`, not `> 0`: a query's `"_ops_changed" > ?1` compared with `> 0` would
            // make SQLite prepare the statement again whenever `?1` changes (it checks whether
            // the bound value makes the query imply the index's condition).
            sql.extend(Self::changed_table("main", t));
            if t.scope.is_some() {
                // With the creation stamp, the index alone answers the sessions' counts. (The
                // store's index is the same: SQLite's transfer optimization copies a table whole
                // only into a table with the same indexes.)
                sql.extend(Self::changed_table("replica", t));
                if t.counter.is_some() {
                    // A register's rows are one rowid range (see `REGISTER_ROWS`): no index.
                    sql.push(format!(
                        "CREATE TABLE regs.{name} ({})",
                        Self::column_defs(t, true)
                    ));
                }
            }
        }
        // One call per statement: a batch would hand SQLite the whole rest of the text with each
        // statement, which the native backend copies every time.
        for statement in &sql {
            self.db.exec_batch(statement)?;
        }
        self.phase = Phase::Create { table: upto };
        Ok(())
    }

    /// Table `t` in `schema` with its partial index of changed rows.
    fn changed_table(schema: &str, t: &SimTable) -> [String; 2] {
        let name = q(&t.name);
        [
            format!("CREATE TABLE {schema}.{name} ({})", Self::column_defs(t, false)),
            format!(
                "CREATE INDEX {schema}.\"ix_{0}_changed\" ON {name} (\"_ops_changed\", \"_ops_created\") WHERE \"_ops_changed\" >= 1",
                t.name
            ),
        ]
    }

    /// The largest number `n` a generating statement of table `i` draws (into `regs` with
    /// `register`) within the horizon.
    pub(super) fn max_number(&self, i: usize, register: bool) -> u64 {
        let s = &self.scenario;
        let v = self.tables[i].volume;
        let horizon = s.horizon_seconds();
        let sales = due(s.transactions_per_register_per_day, 86_400, horizon);
        let per_tx = v.rows_per_transaction(s);
        if register {
            // See `advance_sales`: register r's numbers start at r × 10^9.
            u64::from(s.registers()) * REGISTER_ROWS as u64 + sales * (10 + per_tx) + 1
        } else {
            let new = due(s.new_customers_per_day, 86_400, horizon)
                * u64::from(v.per_entity.max(1))
                * u64::from(self.scenario.variants_per_product.max(1));
            v.initial_rows(s) + new + u64::from(s.registers()) * sales * per_tx + 1
        }
    }

    /// The SELECT list generating row `n` of a table (columns in table order), over the
    /// columns of [`Self::numbers`]: `n`, its text `nt`, and the hashes `h` and `m`. `digits`:
    /// the most digits `n` has, so text columns wide enough for their prefix and `nt` skip
    /// `substr`.
    pub(super) fn value_exprs(&self, t: &SimTable, digits: usize) -> String {
        t.columns
            .iter()
            .map(|(name, ty, size, key)| match ty {
                SqlType::BigInt | SqlType::Int if *key || name == "RECID" => "n".to_string(),
                SqlType::BigInt | SqlType::Int => "h".to_string(),
                SqlType::Bit => "(n % 2)".to_string(),
                SqlType::Timestamp | SqlType::RowVersion => "n".to_string(),
                SqlType::Numeric => "m".to_string(),
                SqlType::DateTime | SqlType::Date => "'2026-01-01 00:00:00'".into(),
                SqlType::UniqueIdentifier => {
                    "printf('%08d-0000-4000-8000-000000000000', n)".to_string()
                }
                SqlType::VarBinary => "X'00'".into(),
                SqlType::NVarChar | SqlType::NChar | SqlType::VarChar => {
                    let prefix: String = name
                        .chars()
                        .filter(|c| c.is_ascii_alphanumeric())
                        .take(4)
                        .collect();
                    let size = (*size).min(MAX_TEXT);
                    if *key {
                        // Key columns stay unique, so the real primary keys hold in exported
                        // databases; a prefix and 20 digits fit in 24 characters.
                        if size >= 24 || prefix.len() + digits <= size {
                            format!("('{prefix}' || nt)")
                        } else {
                            format!("substr('{prefix}' || nt, 1, {size})")
                        }
                    } else {
                        // As long as real values of the column typically are (60–140% of
                        // `typical_length`, by row), never shorter than the unique text nor
                        // longer than the declared length.
                        let typical = typical_length(name, size);
                        // `substr` of a negative length is empty: the unique text alone. The filler
                        // is a literal, which SQLite reads without copying (as a column of the
                        // numbers, 1,000 characters were copied into every row: a fifth of setup).
                        let plen = prefix.len();
                        let fill = "x".repeat(MAX_TEXT);
                        format!(
                            "('{prefix}' || nt || substr('{fill}', 1, min({size}, {typical} * (60 + h % 81) / 100) - {plen} - ntl))"
                        )
                    }
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Numbers `?1 .. ?1 + ?2 - 1` as rows (`n`, its text `nt` and length `ntl`, hashes `h` and `m`), each
    /// computed once per row (`OFFSET 0` keeps SQLite from copying the expressions into every
    /// column that uses them).
    pub(super) fn numbers(&self) -> String {
        let seed = self.scenario.seed % 1_000_003;
        format!(
            "(SELECT ?1 + n AS n, CAST(?1 + n AS TEXT) AS nt, length(CAST(?1 + n AS TEXT)) AS ntl, ((?1 + n) * 2654435761 + {seed}) % 100000 AS h, \
             ((((?1 + n) * 7919 + {seed}) % 100000) / 100.0) AS m FROM regs._ops_n WHERE n < ?2 LIMIT -1 OFFSET 0)"
        )
    }

    pub(super) fn column_list(t: &SimTable) -> String {
        t.columns
            .iter()
            .map(|(n, ..)| q(n))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The rows of one entity key in tables whose rows are numbered by key (the store's product,
    /// variant and customer tables: key `k` owns row ids `(k - 1) × per + 1 ..= k × per`).
    pub(super) fn rows_per_key(&self, i: usize) -> u64 {
        let v = self.tables[i].volume;
        match v.entity {
            Entity::Variant => u64::from(self.scenario.variants_per_product.max(1)),
            _ => u64::from(v.per_entity.max(1)),
        }
    }

    /// The entity key of the store's starting row `n` of table `i`.
    pub(super) fn store_key(&self, i: usize) -> String {
        match self.tables[i].volume.entity {
            Entity::Reference => "0".to_string(),
            // Parties: customers first, then staff (key 0: not a customer).
            Entity::Party => format!(
                "CASE WHEN n <= {} THEN n ELSE 0 END",
                self.scenario.customers
            ),
            _ => format!("((n - 1) / {} + 1)", self.rows_per_key(i)),
        }
    }

    /// `INSERT … SELECT` generating rows `?1 .. ?1 + ?2 - 1` (numbers `n`) of table `i` into
    /// `main` (row id `n`) or, with `register`, into `regs` (row id `n + ?4`, register `?5`),
    /// stamped `?3`, with the entity key expression `key`.
    pub(super) fn generate_sql(&self, i: usize, key: &str, register: bool) -> String {
        let t = &self.tables[i];
        let (schema, row_id, register_col, register_val) = if register {
            ("regs", "n + ?4", ", \"_ops_register\"", ", ?5")
        } else {
            ("main", "n", "", "")
        };
        format!(
            "INSERT INTO {schema}.{name} (\"_ops_row\", {cols}, \"_ops_key\", \"_ops_created\", \"_ops_changed\"{register_col}) \
             SELECT {row_id}, {values}, {key}, ?3, ?3{register_val} FROM {numbers}",
            name = q(&t.name),
            cols = Self::column_list(t),
            values = self.value_exprs(t, self.max_number(i, register).to_string().len()),
            numbers = self.numbers(),
        )
    }

    /// The SQL of table `i`'s sessions.
    pub(super) fn table_sql(&self, i: usize) -> TableSql {
        let t = &self.tables[i];
        let name = q(&t.name);
        let cols = Self::column_list(t);
        let filter = self.limit_filter(i);
        let per = self.rows_per_key(i);
        let rows_of_keys = if per == 1 {
            "SELECT value FROM json_each(?2)".to_string()
        } else {
            format!("SELECT (j.value - 1) * {per} + o.n + 1 FROM json_each(?2) j, regs._ops_n o WHERE o.n < {per}")
        };
        TableSql {
            generate_main: self.generate_sql(i, &self.store_key(i), false),
            generate_new: self.generate_sql(i, &format!("(?4 + (n - ?1) / {per})"), false),
            generate_regs: self.generate_sql(i, "0", true),
            // `"_ops_changed" >= 1` lets SQLite use the partial indexes. It comes after `> ?1`: of
            // two lower bounds SQLite seeks on the first one, and a seek to 1 would walk every
            // row ever changed.
            refresh: format!("INSERT OR REPLACE INTO replica.{name} SELECT * FROM main.{name} WHERE \"_ops_changed\" > ?1 AND \"_ops_changed\" <= ?2 AND \"_ops_changed\" >= 1 AND {filter}"),
            changed: format!("SELECT count(*), coalesce(sum(\"_ops_created\" > ?1), 0) FROM replica.{name} WHERE \"_ops_changed\" > ?1 AND \"_ops_changed\" <= ?2 AND \"_ops_changed\" >= 1"),
            upload: format!("INSERT INTO main.{name} ({cols}, \"_ops_key\", \"_ops_created\", \"_ops_changed\") SELECT {cols}, \"_ops_key\", ?3, ?3 FROM regs.{name} WHERE \"_ops_row\" > ?1 AND \"_ops_row\" <= ?2"),
            touch: format!("UPDATE main.{name} SET \"_ops_changed\" = ?1 WHERE \"_ops_row\" IN ({rows_of_keys})"),
        }
    }

    /// Rows per generating statement for table `i`: fewer for wide tables, so one setup unit
    /// stays short.
    pub(super) fn chunk_rows(&self, i: usize) -> u64 {
        (CHUNK_CELLS / (self.tables[i].columns.len() as u64 + 4)).clamp(1_000, CHUNK_ROWS)
    }

    /// Runs generating statement `sql` for numbers `first ..= first + count - 1` in pieces of
    /// at most [`CHUNK_ROWS`]; `extra` are the parameters after `?3`.
    pub(super) fn generate(
        &self,
        sql: &str,
        first: u64,
        count: u64,
        at: u64,
        extra: &[Value],
    ) -> Result<(), SimError> {
        let mut done = 0;
        while done < count {
            let n = (count - done).min(CHUNK_ROWS);
            let mut params = vec![
                Value::Integer((first + done) as i64),
                Value::Integer(n as i64),
                Value::Integer(at as i64),
            ];
            params.extend_from_slice(extra);
            self.db.execute(sql, &params)?;
            done += n;
        }
        Ok(())
    }

    /// Whether the store generates starting rows for table `i` (transaction history is counted
    /// in [`SimResult::store_bytes`] but not generated, since no register receives it).
    pub(super) fn generated_rows(&self, i: usize) -> u64 {
        let v = self.tables[i].volume;
        if v.entity == Entity::Transaction {
            0
        } else {
            v.initial_rows(&self.scenario)
        }
    }

    /// One setup unit of store generation: at most [`Self::chunk_rows`] rows of table `i`.
    pub(super) fn generate_unit(&mut self, i: usize, done: u64) -> Result<(), SimError> {
        let rows = self.generated_rows(i);
        let n = (rows - done).min(self.chunk_rows(i));
        self.generate(&self.sql[i].generate_main, done + 1, n, 0, &[])?;
        self.store_rows[i] = done + n;
        self.phase = Phase::Generate {
            table: i,
            done: done + n,
        };
        Ok(())
    }

    /// The store's estimated size, counting the transaction history it keeps.
    pub(super) fn store_bytes(&self) -> u64 {
        self.tables
            .iter()
            .map(|t| {
                let mut rows = t.volume.initial_rows(&self.scenario);
                if t.volume.entity == Entity::Transaction {
                    rows += u64::from(self.scenario.history_days)
                        * u64::from(self.scenario.transactions_per_register_per_day)
                        * u64::from(self.scenario.registers())
                        * t.volume.rows_per_transaction(&self.scenario);
                }
                rows * t.row_bytes
            })
            .sum()
    }
}

/// The length a text column of declared `MAX` size is generated with at most (and the size a
/// missing length counts as).
pub(super) const MAX_TEXT: usize = 1000;

/// How many characters a real value of a text column typically holds: names and addresses as
/// long as real ones are, descriptions a sentence, everything else a quarter of its declared
/// length and `MAX` columns 200 characters — the catalog's own row-size assumptions
/// (`../shared/catalog/README.md`: strings about 25% full, MAX columns 200 B).
pub fn typical_length(column: &str, size: usize) -> usize {
    let c = column.to_ascii_uppercase();
    let has = |w: &str| c.contains(w);
    let typical = if size >= MAX_TEXT {
        200
    } else if has("EMAIL") || has("LOCATOR") || has("URL") {
        24
    } else if has("STREET") || has("ADDRESS") {
        26
    } else if has("NAME") {
        18
    } else if has("CITY") || has("COUNTY") {
        10
    } else if has("PHONE") || has("FAX") {
        12
    } else if has("ZIP") {
        6
    } else if has("DESCRIPTION") || has("TXT") || has("TEXT") || has("NOTE") {
        40
    } else {
        size / 4
    };
    typical.clamp(1, size.max(1))
}
