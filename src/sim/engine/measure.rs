//! A register's offline database on its own: written out for the inspector's download
//! ([`Engine::export_register`]) or measured as SQLite stores it, pages × page size
//! ([`Engine::measure_register`], or in steps that copy at most [`MEASURE_ROWS`] rows each).

use super::*;

/// The alias a measurement's database is attached under.
const MEASURE: &str = "ops_measure";

/// A measurement of one register's database in progress ([`Engine::start_measure`]).
#[derive(Debug)]
pub struct Measure {
    register: u32,
    next: usize,
    /// Within table `next`: the replica rowids copied so far and the largest to copy, once
    /// the table exists in the measurement's database.
    rows: Option<(i64, i64)>,
}

/// Replica rows a measurement step copies at most (a few milliseconds natively).
const MEASURE_ROWS: i64 = 10_000;

/// What [`Engine::copy_table`] copies.
#[derive(Clone, Copy)]
enum Part {
    /// The table, the register's own rows and every replica row it has received.
    All,
    /// The table and the register's own rows.
    Head,
    /// Replica rows with rowids in `(from, to]` the register has received.
    Replica(i64, i64),
}

impl Measure {
    /// The register measured.
    pub fn register(&self) -> u32 {
        self.register
    }
}

impl<D: Database> Engine<D> {
    /// Writes register `register`'s offline database (1-based) into the database file `target`
    /// (another database of the same backend, by its attach name): the profile's tables with
    /// their real columns and keys, holding what the register has received (the shared replica
    /// as of its last session of each scope) and its own rows.
    pub fn export_register(&self, register: u32, target: &str) -> Result<(), SimError> {
        self.commit()?;
        self.db.attach(target, "out")?;
        let result = self.copy_register(register);
        let detached = self.db.detach("out");
        result?;
        detached?;
        Ok(())
    }

    /// Register `register`'s offline database as SQLite stores it: its rows copied into a
    /// fresh in-memory database, then its pages × page size — a measurement, beside the
    /// estimate from catalog row sizes.
    pub fn measure_register(&self, register: u32) -> Result<u64, SimError> {
        let mut m = self.start_measure(register)?;
        loop {
            if let Some(bytes) = self.measure_step(&mut m)? {
                return Ok(bytes);
            }
        }
    }

    /// Every register's measured size ([`Engine::measure_register`]), by register.
    pub fn measure_registers(&self) -> Result<Vec<(u32, u64)>, SimError> {
        (1..=self.registers.len() as u32)
            .map(|r| Ok((r, self.measure_register(r)?)))
            .collect()
    }

    /// Starts measuring register `register` in steps ([`Engine::measure_step`], one table
    /// each), so that a page can stay responsive in between.
    pub fn start_measure(&self, register: u32) -> Result<Measure, SimError> {
        if register == 0 || register as usize > self.registers.len() {
            return Err(SimError::Db(DbError::Misuse(format!(
                "there is no register {register}"
            ))));
        }
        self.commit()?;
        self.db.attach(":memory:", MEASURE)?;
        Ok(Measure {
            register,
            next: 0,
            rows: None,
        })
    }

    /// Copies the next table of a measurement; the register's bytes once every table is in.
    /// On an error the measurement's database is let go.
    pub fn measure_step(&self, m: &mut Measure) -> Result<Option<u64>, SimError> {
        let result = (|| {
            let synced: Vec<&SimTable> = self.tables.iter().filter(|t| t.scope.is_some()).collect();
            if let Some(t) = synced.get(m.next) {
                match m.rows {
                    None => {
                        self.copy_table(m.register, t, MEASURE, Part::Head)?;
                        let last = self.count(
                            &format!("SELECT ifnull(max(rowid), 0) FROM replica.{}", q(&t.name)),
                            &[],
                        )?;
                        m.rows = Some((0, last as i64));
                    }
                    Some((done, last)) if done < last => {
                        let to = (done + MEASURE_ROWS).min(last);
                        self.copy_table(m.register, t, MEASURE, Part::Replica(done, to))?;
                        m.rows = Some((to, last));
                    }
                    Some(_) => {
                        m.next += 1;
                        m.rows = None;
                    }
                }
                return Ok(None);
            }
            let pages = self.count(&format!("PRAGMA {MEASURE}.page_count"), &[])?;
            let size = self.count(&format!("PRAGMA {MEASURE}.page_size"), &[])?;
            Ok(Some(pages * size))
        })();
        if !matches!(result, Ok(None)) {
            let _ = self.db.detach(MEASURE);
        }
        result
    }

    /// Copies register `register`'s rows into the attached database `out`.
    fn copy_register(&self, register: u32) -> Result<(), SimError> {
        if register == 0 || register as usize > self.registers.len() {
            return Err(SimError::Db(DbError::Misuse(format!(
                "there is no register {register}"
            ))));
        }
        let result = (|| {
            self.db.exec_batch("BEGIN")?;
            for t in self.tables.iter().filter(|t| t.scope.is_some()) {
                self.copy_table(register, t, "out", Part::All)?;
            }
            self.db.exec_batch("COMMIT")
        })();
        if result.is_err() {
            let _ = self.db.exec_batch("ROLLBACK");
        }
        Ok(result?)
    }

    /// Creates table `t` in the attached database `alias` and copies what register `register`
    /// holds of it: its own rows, and what its downloads brought up to its last session.
    fn copy_table(
        &self,
        register: u32,
        t: &SimTable,
        alias: &str,
        part: Part,
    ) -> Result<(), DbError> {
        let state = &self.registers[register as usize - 1];
        if !matches!(part, Part::Replica(..)) {
            let ddl = t
                .ddl
                .replacen("CREATE TABLE \"", &format!("CREATE TABLE {alias}.\""), 1);
            self.db.exec_batch(&ddl)?;
        }
        let cols = Self::column_list(t);
        let name = q(&t.name);
        let scope = t.scope.unwrap_or(0);
        let Some(last) = state.last_run[scope] else {
            return Ok(());
        };
        let range = match part {
            Part::Replica(from, to) => format!(" AND rowid > {from} AND rowid <= {to}"),
            _ => String::new(),
        };
        if t.counter.is_some() && !matches!(part, Part::Replica(..)) {
            let base = i64::from(register - 1) * REGISTER_ROWS;
            self.db.execute(
                &format!("INSERT OR IGNORE INTO {alias}.{name} ({cols}) SELECT {cols} FROM regs.{name} WHERE \"_ops_row\" > ?1 AND \"_ops_row\" <= ?2"),
                &[Value::Integer(base), Value::Integer(base + REGISTER_ROWS)],
            )?;
        }
        if self.profile.scopes[scope].direction.downloads() && !matches!(part, Part::Head) {
            self.db.execute(
                &format!("INSERT OR IGNORE INTO {alias}.{name} ({cols}) SELECT {cols} FROM replica.{name} WHERE \"_ops_changed\" <= ?1{range}"),
                &[Value::Integer(last as i64)],
            )?;
        }
        Ok(())
    }
}
