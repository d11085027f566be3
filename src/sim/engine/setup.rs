//! Setup work units: generating the store database, then provisioning (the shared replica and
//! every register's initial download).

use super::*;

impl<D: Database> Engine<D> {
    /// Moves the phase past finished tables, to the next unit that has work (or to the end).
    pub(super) fn settle_phase(&mut self) {
        loop {
            match self.phase {
                Phase::Create { table } => {
                    if table >= self.tables.len() {
                        self.phase = Phase::Generate { table: 0, done: 0 };
                    } else {
                        return;
                    }
                }
                Phase::Generate { table, done } => {
                    if table >= self.tables.len() {
                        self.result.store_bytes = self.store_bytes();
                        self.phase = Phase::Replica { table: 0, done: 0 };
                    } else if done >= self.generated_rows(table) {
                        self.phase = Phase::Generate {
                            table: table + 1,
                            done: 0,
                        };
                    } else {
                        return;
                    }
                }
                Phase::Replica { table, done } => {
                    if table >= self.tables.len() {
                        self.phase = Phase::Registers;
                    } else if self.tables[table].scope.is_none() || done >= self.store_rows[table] {
                        self.phase = Phase::Replica {
                            table: table + 1,
                            done: 0,
                        };
                    } else {
                        return;
                    }
                }
                Phase::Sync => {
                    let horizon = self.scenario.horizon_seconds();
                    match self.queue.peek() {
                        None => self.phase = Phase::Done,
                        Some(Reverse((t, ..))) if *t > horizon => {
                            self.queue.clear();
                            self.phase = Phase::Done;
                        }
                        Some(_) => return,
                    }
                }
                Phase::Registers | Phase::Done => return,
            }
        }
    }

    /// The store's starting data: entity and reference tables; transaction history is counted
    /// (in [`SimResult::store_bytes`]) but not generated, since no register receives it.
    pub fn generate_store(&mut self) -> Result<(), SimError> {
        self.settle_phase();
        self.in_transaction(|e| {
            while matches!(e.phase, Phase::Create { .. } | Phase::Generate { .. }) {
                e.unit()?;
            }
            Ok(())
        })
    }

    /// The WHERE condition of what goes offline from a table (product and customer limits).
    pub(super) fn limit_filter(&self, i: usize) -> String {
        let t = &self.tables[i];
        match (t.volume.entity, self.product_limit, self.customer_limit) {
            (Entity::Product | Entity::Variant, Some(n), _) => format!("\"_ops_key\" <= {n}"),
            (Entity::Customer, _, Some(n)) => format!("\"_ops_key\" <= {n}"),
            (Entity::Party, _, Some(n)) if self.profile.customers.limit_party_table => {
                // The limit strips every party that is not a kept customer — staff included.
                format!("\"_ops_key\" BETWEEN 1 AND {n}")
            }
            (Entity::Party, _, Some(n)) => format!("\"_ops_key\" <= {n}"),
            _ => "1".into(),
        }
    }

    pub(super) fn scope_tables(&self, scope: usize) -> Vec<usize> {
        self.profile.scopes[scope]
            .tables
            .iter()
            .filter_map(|n| self.by_name.get(&n.to_ascii_uppercase()).copied())
            .collect()
    }

    pub(super) fn duration(&self, bytes: u64, tables: usize) -> f64 {
        let latency = f64::from(self.scenario.latency_ms) / 1000.0;
        latency * (1.0 + tables as f64)
            + bytes as f64 * 8.0 / (f64::from(self.scenario.bandwidth_kbps) * 1000.0)
    }

    pub(super) fn register_bytes(&self, r: usize) -> u64 {
        self.registers[r]
            .rows
            .iter()
            .zip(&self.tables)
            .map(|(n, t)| n * t.row_bytes)
            .sum()
    }

    pub(super) fn count(&self, sql: &str, params: &[Value]) -> Result<u64, SimError> {
        Ok(self
            .db
            .query(sql, params)?
            .scalar()
            .and_then(Value::as_i64)
            .unwrap_or(0)
            .max(0) as u64)
    }

    /// Provisioning: the replica is filled once (inside SQLite), then each register's initial
    /// download is recorded in scope order. Generates the store first if that is not done.
    pub fn provision(&mut self) -> Result<(), SimError> {
        self.settle_phase();
        self.in_transaction(|e| {
            while matches!(
                e.phase,
                Phase::Create { .. }
                    | Phase::Generate { .. }
                    | Phase::Replica { .. }
                    | Phase::Registers
            ) {
                e.unit()?;
            }
            Ok(())
        })
    }

    /// One setup unit of provisioning: one table of the replica, whole (an unfiltered table up
    /// to [`XFER_MAX_CELLS`] cells: SQLite copies its records without decoding them) or one
    /// rowid range of store rows (see [`XFER_MAX_CELLS`]).
    pub(super) fn replica_unit(&mut self, i: usize, done: u64) -> Result<(), SimError> {
        let name = q(&self.tables[i].name);
        let filter = self.limit_filter(i);
        let rows = self.store_rows[i];
        let cells = rows * (self.tables[i].columns.len() as u64 + 4);
        let upto = if filter == "1" && done == 0 && cells <= XFER_MAX_CELLS {
            // No WHERE clause: the transfer optimization applies.
            self.db.execute(
                &format!("INSERT INTO replica.{name} SELECT * FROM main.{name}"),
                &[],
            )?;
            rows
        } else {
            let upto = (done + (self.chunk_rows(i) * 4).min(CHUNK_ROWS)).min(rows);
            self.db.execute(
                &format!("INSERT INTO replica.{name} SELECT * FROM main.{name} WHERE \"_ops_row\" > ?1 AND \"_ops_row\" <= ?2 AND {filter}"),
                &[Value::Integer(done as i64), Value::Integer(upto as i64)],
            )?;
            upto
        };
        if upto >= rows {
            self.initial_rows[i] =
                self.count(&format!("SELECT count(*) FROM replica.{name}"), &[])?;
        }
        self.phase = Phase::Replica {
            table: i,
            done: upto,
        };
        Ok(())
    }

    /// The last setup unit: every register's initial download, recorded in scope order.
    pub(super) fn registers_unit(&mut self) -> Result<(), SimError> {
        let initial_rows = std::mem::take(&mut self.initial_rows);
        let minute = |m: u32| u64::from(m) * 60;
        if let Some(m) = self.scenario.reprovision_minute {
            for r in 0..self.registers.len() {
                self.queue.push(Reverse((minute(m), r as u32, PROVISION)));
            }
        }
        for r in 0..self.registers.len() {
            // A register that joins late is provisioned then, with what the store holds then.
            let joins = self
                .scenario
                .late_registers
                .iter()
                .find(|l| l.register == r as u32 + 1)
                .map(|l| minute(l.minute));
            if let Some(t) = joins {
                self.registers[r].sales_at = t;
                self.registers[r].edits_at = t;
                self.queue.push(Reverse((t, r as u32, PROVISION)));
                continue;
            }
            let mut at = 0.0;
            for s in 0..self.profile.scopes.len() {
                let tables = &self.scope_tables[s];
                let downloaded: Vec<TableVolume> = if self.profile.scopes[s].direction.downloads() {
                    tables
                        .iter()
                        .filter(|i| initial_rows[**i] > 0)
                        .map(|i| TableVolume {
                            table: *i,
                            rows: initial_rows[*i],
                            bytes: initial_rows[*i] * self.tables[*i].row_bytes,
                        })
                        .collect()
                } else {
                    Vec::new()
                };
                for v in &downloaded {
                    self.registers[r].rows[v.table] = v.rows;
                }
                let count = tables.len();
                at = self.push_initial(r, s, at, count, downloaded);
                self.registers[r].last_run[s] = Some(0);
            }
            self.finish_provisioning(r, at);
            for (s, scope) in self.profile.scopes.iter().enumerate() {
                let first = scope.frequency.seconds.max(1) as u64;
                self.queue.push(Reverse((first, r as u32, s)));
            }
        }
        self.initial_rows = initial_rows;
        self.phase = Phase::Sync;
        Ok(())
    }
}

impl<D: Database> Engine<D> {
    /// Builds register `r`'s offline database at `t` from what the store holds then (a late
    /// register's first provisioning, or a reprovisioning): its initial download in scope
    /// order, then its scopes run at their frequencies from there.
    pub(super) fn provision_register(&mut self, r: usize, t: u64) -> Result<(), SimError> {
        let first_time = self.registers[r].last_run.iter().all(Option::is_none);
        self.advance_store(t)?;
        // The database is rebuilt from nothing: no scope has run, no downloaded row is there.
        for s in 0..self.profile.scopes.len() {
            self.registers[r].last_run[s] = None;
            if self.profile.scopes[s].direction.downloads() {
                for &i in &self.scope_tables[s] {
                    if self.tables[i].counter.is_none() {
                        self.registers[r].rows[i] = 0;
                    }
                }
            }
        }
        let mut at = (t as f64).max(self.registers[r].busy_until);
        for s in 0..self.profile.scopes.len() {
            let scope = &self.profile.scopes[s];
            let direction = scope.direction;
            let tables = self.scope_tables[s].clone();
            let mut downloaded = Vec::new();
            if direction.downloads() {
                for &i in &tables {
                    self.refresh_replica(i, t)?;
                    let name = q(&self.tables[i].name);
                    let rows = self.count(&format!("SELECT count(*) FROM replica.{name}"), &[])?;
                    self.registers[r].rows[i] = rows;
                    if rows > 0 {
                        downloaded.push(TableVolume {
                            table: i,
                            rows,
                            bytes: rows * self.tables[i].row_bytes,
                        });
                    }
                }
            }
            at = self.push_initial(r, s, at, tables.len(), downloaded);
            self.registers[r].last_run[s] = Some(t);
            self.registers[r].deferred[s] = false;
        }
        self.finish_provisioning(r, at);
        if first_time {
            for (s, scope) in self.profile.scopes.iter().enumerate() {
                let next = t + scope.frequency.seconds.max(1) as u64;
                self.queue.push(Reverse((next, r as u32, s)));
            }
        }
        Ok(())
    }
}

impl<D: Database> Engine<D> {
    /// Records register `r`'s initial download of scope `s` starting at `at`; returns its end.
    fn push_initial(
        &mut self,
        r: usize,
        s: usize,
        at: f64,
        tables: usize,
        downloaded: Vec<TableVolume>,
    ) -> f64 {
        let bytes: u64 = downloaded.iter().map(|v| v.bytes).sum();
        let end = at + self.duration(bytes, tables);
        let orphans = self.orphans(r, s, &downloaded);
        let problems = orphans.iter().map(|o| self.orphan_problem(o)).collect();
        self.result.sessions.push(Session {
            register: r as u32 + 1,
            scope: s,
            direction: self.profile.scopes[s].direction,
            start: at,
            end,
            initial: true,
            catch_up: false,
            downloaded,
            uploaded: Vec::new(),
            conflicts: 0,
            problems,
            orphans,
        });
        end
    }

    /// Register `r` is busy until its provisioning ends at `at`; its database size is sampled then.
    fn finish_provisioning(&mut self, r: usize, at: f64) {
        self.registers[r].busy_until = at;
        let bytes = self.register_bytes(r);
        self.result.sizes.push(SizeSample {
            register: r as u32 + 1,
            at,
            bytes,
        });
    }
}
