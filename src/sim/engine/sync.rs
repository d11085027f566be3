//! Sync sessions: the store, the sales and the register edits advance to a session's time, then
//! one register's scope downloads, uploads or settles conflicts, and problems are found.

use super::*;

impl<D: Database> Engine<D> {
    /// Runs one work unit: one bounded piece of setup, or one session (a failed reconnect
    /// attempt included), then moves the phase on.
    pub(super) fn unit(&mut self) -> Result<(), SimError> {
        self.settle_phase();
        match self.phase {
            Phase::Create { table } => self.create_unit(table)?,
            Phase::Generate { table, done } => self.generate_unit(table, done)?,
            Phase::Replica { table, done } => self.replica_unit(table, done)?,
            Phase::Registers => self.registers_unit()?,
            Phase::Sync => {
                if let Some(Reverse((t, r, s))) = self.queue.pop() {
                    self.at = t;
                    if s == PROVISION {
                        self.provision_register(r as usize, t)?;
                    } else {
                        self.session(r as usize, s, t)?;
                    }
                }
            }
            Phase::Done => {}
        }
        self.settle_phase();
        Ok(())
    }

    /// Rows of a scope that arrived while a parent table's scope has not synced yet for this
    /// register, found by counting what the register holds.
    pub(super) fn orphans(
        &self,
        r: usize,
        scope: usize,
        downloaded: &[TableVolume],
    ) -> Vec<Orphan> {
        let mut orphans = Vec::new();
        for v in downloaded {
            for &p in &self.tables[v.table].parents {
                let Some(ps) = self.tables[p].scope else {
                    continue;
                };
                if ps == scope
                    || self.registers[r].last_run[ps].is_some()
                    || self.registers[r].rows[p] > 0
                {
                    continue;
                }
                orphans.push(Orphan {
                    table: v.table,
                    rows: v.rows,
                    parent: p,
                    parent_scope: ps,
                });
            }
        }
        orphans
    }

    /// An orphan as the session's problem list words it.
    pub(super) fn orphan_problem(&self, o: &Orphan) -> String {
        format!(
            "{} rows of {} arrived before any row of its parent {} (scope \u{201c}{}\u{201d} has not synced yet)",
            o.rows, self.tables[o.table].name, self.tables[o.parent].name, self.profile.scopes[o.parent_scope].description
        )
    }

    pub(super) fn offline(&self, register: u32, t: u64) -> bool {
        let minute = (t / 60) as u32;
        self.scenario
            .outages
            .iter()
            .any(|o| o.register == register && minute >= o.start_minute && minute < o.end_minute)
    }

    /// Applies the store's changes up to `t`: product and price changes (updates stamped `t`)
    /// and new customers (inserts).
    pub(super) fn advance_store(&mut self, t: u64) -> Result<(), SimError> {
        if t <= self.store_at {
            return Ok(());
        }
        let from = self.store_at;
        self.store_at = t;
        let s = &self.scenario;
        let product_changes =
            due(s.product_changes_per_hour, 3600, t) - due(s.product_changes_per_hour, 3600, from);
        let price_changes =
            due(s.price_changes_per_hour, 3600, t) - due(s.price_changes_per_hour, 3600, from);
        let new_customers =
            due(s.new_customers_per_day, 86_400, t) - due(s.new_customers_per_day, 86_400, from);
        if product_changes + price_changes + new_customers == 0 {
            return Ok(());
        }
        for (changes, price_only, salt) in
            [(product_changes, false, 1u64), (price_changes, true, 2)]
        {
            let s = &self.scenario;
            if changes == 0 || s.products == 0 {
                continue;
            }
            let base = due(
                if price_only {
                    s.price_changes_per_hour
                } else {
                    s.product_changes_per_hour
                },
                3600,
                from,
            );
            // The changed keys, as one JSON array: one statement per table stamps them all.
            let keys = json_array(
                (0..changes).map(|k| mix(s.seed ^ salt, base + k) % u64::from(s.products) + 1),
            );
            for i in 0..self.tables.len() {
                let e = self.tables[i].volume.entity;
                let hit = if price_only {
                    self.tables[i].name == "PRICEDISCTABLE"
                } else {
                    matches!(e, Entity::Product | Entity::Variant)
                };
                if hit {
                    self.db.execute(
                        &self.sql[i].touch,
                        &[Value::Integer(t as i64), Value::Text(keys.clone())],
                    )?;
                    self.changed_at[i] = t;
                }
            }
        }
        if new_customers > 0 {
            let s = &self.scenario;
            let first_key = u64::from(s.customers) + due(s.new_customers_per_day, 86_400, from) + 1;
            for i in 0..self.tables.len() {
                let t_ = &self.tables[i];
                if !matches!(t_.volume.entity, Entity::Customer | Entity::Party) {
                    continue;
                }
                let per = u64::from(t_.volume.per_entity.max(1));
                let first = self.store_rows[i] + 1;
                let rows = new_customers * per;
                self.generate(
                    &self.sql[i].generate_new,
                    first,
                    rows,
                    t,
                    &[Value::Integer(first_key as i64)],
                )?;
                self.store_rows[i] += rows;
                self.changed_at[i] = t;
            }
        }
        Ok(())
    }

    /// Writes register `r`'s sales up to `t` into its own rows.
    pub(super) fn advance_sales(&mut self, r: usize, t: u64) -> Result<(), SimError> {
        let from = self.registers[r].sales_at;
        if t <= from {
            return Ok(());
        }
        self.registers[r].sales_at = t;
        let tx = self.scenario.sales_due(t) - self.scenario.sales_due(from);
        if tx == 0 {
            return Ok(());
        }
        for i in 0..self.tables.len() {
            if self.tables[i].counter.is_none() || self.tables[i].scope.is_none() {
                continue;
            }
            let rows = tx * self.tables[i].volume.rows_per_transaction(&self.scenario);
            if rows == 0 {
                continue;
            }
            let first = (r as u64) * 1_000_000_000 + self.scenario.sales_due(from) * 10 + 1;
            // Row ids continue the register's own range (values keep their numbering).
            let row0 = self.registers[r].written_to[i] + 1;
            self.generate(
                &self.sql[i].generate_regs,
                first,
                rows,
                t,
                &[
                    Value::Integer(row0 - first as i64),
                    Value::Integer(r as i64 + 1),
                ],
            )?;
            self.registers[r].written_to[i] += rows as i64;
            self.registers[r].rows[i] += rows;
        }
        Ok(())
    }

    /// Records register `r`'s customer edits up to `t` on the download tables of bidirectional
    /// scopes.
    pub(super) fn advance_edits(&mut self, r: usize, t: u64) -> Result<(), SimError> {
        let from = self.registers[r].edits_at;
        if t <= from {
            return Ok(());
        }
        self.registers[r].edits_at = t;
        let rate = self.scenario.register_edits_per_day;
        let edits = due(rate, 86_400, t) - due(rate, 86_400, from);
        if edits == 0 || self.scenario.customers == 0 || self.edit_targets.is_empty() {
            return Ok(());
        }
        // Edit k goes to target k mod targets: one statement per target with its keys.
        let targets = self.edit_targets.len() as u64;
        for (j, &i) in self.edit_targets.iter().enumerate() {
            let keys: Vec<u64> = (0..edits)
                .filter(|k| k % targets == j as u64)
                .map(|k| {
                    mix(
                        self.scenario.seed ^ (r as u64 + 7),
                        due(rate, 86_400, from) + k,
                    ) % u64::from(self.scenario.customers)
                        + 1
                })
                .collect();
            if keys.is_empty() {
                continue;
            }
            self.db.execute(
                "INSERT INTO regs._ops_edits (register, tbl, key, at) SELECT ?1, ?2, value, ?3 FROM json_each(?4)",
                &[
                    Value::Integer(r as i64 + 1),
                    Value::Integer(i as i64),
                    Value::Integer(t as i64),
                    Value::Text(json_array(keys.into_iter())),
                ],
            )?;
        }
        Ok(())
    }

    /// Brings the shared replica of table `i` up to `t` (once for all registers).
    pub(super) fn refresh_replica(&mut self, i: usize, t: u64) -> Result<(), SimError> {
        let from = self.replica_at[i];
        if t <= from {
            return Ok(());
        }
        self.db.execute(
            &self.sql[i].refresh,
            &[Value::Integer(from as i64), Value::Integer(t as i64)],
        )?;
        self.replica_at[i] = t;
        Ok(())
    }

    /// Rows of table `i` changed in `(from, to]` that go offline, and how many are new.
    pub(super) fn changed(&mut self, i: usize, from: u64, to: u64) -> Result<(u64, u64), SimError> {
        if let Some(c) = self.count_cache.get(&(i, from, to)) {
            return Ok(*c);
        }
        let r = self.db.query(
            &self.sql[i].changed,
            &[Value::Integer(from as i64), Value::Integer(to as i64)],
        )?;
        let row = r.rows.first();
        let get = |j: usize| {
            row.and_then(|x| x.get(j))
                .and_then(Value::as_i64)
                .unwrap_or(0)
                .max(0) as u64
        };
        let c = (get(0), get(1));
        self.count_cache.insert((i, from, to), c);
        Ok(c)
    }

    /// Runs one session of register `r` and scope `s` due at `t`.
    pub(super) fn session(&mut self, r: usize, s: usize, t: u64) -> Result<(), SimError> {
        let register = r as u32 + 1;
        let scope = &self.profile.scopes[s];
        let (direction, policy) = (scope.direction, scope.conflict_policy);
        let freq = scope.frequency.seconds.max(1) as u64;
        if self.offline(register, t) {
            *self.result.reconnect_attempts.entry(register).or_default() += 1;
            self.registers[r].deferred[s] = true;
            self.queue
                .push(Reverse((t + self.reconnect_secs.min(freq), r as u32, s)));
            return Ok(());
        }
        let last = self.registers[r].last_run[s].unwrap_or(0);
        let tables = std::mem::take(&mut self.scope_tables[s]);
        let mut downloaded = Vec::new();
        let mut uploaded = Vec::new();
        let mut problems = Vec::new();
        let mut conflicts = 0u32;
        if direction.downloads() {
            self.advance_store(t)?;
            for &i in &tables {
                if self.tables[i].counter.is_some() && direction == SyncDirection::Bidirectional {
                    continue; // register-written rows go up, not down
                }
                if self.changed_at[i] <= last {
                    continue; // nothing changed since this register's last run
                }
                self.refresh_replica(i, t)?;
                let (rows, created) = self.changed(i, last, t)?;
                if rows > 0 {
                    self.registers[r].rows[i] += created;
                    downloaded.push(TableVolume {
                        table: i,
                        rows,
                        bytes: rows * self.tables[i].row_bytes,
                    });
                }
            }
        }
        if direction.uploads() {
            self.advance_sales(r, t)?;
            for &i in &tables {
                if self.tables[i].counter.is_none() {
                    if direction == SyncDirection::Upload {
                        problems.push(format!("{} has no replication counter: the register cannot tell which rows are new, so nothing was uploaded", self.tables[i].name));
                    }
                    continue;
                }
                if self.tables[i].volume.rows_per_transaction(&self.scenario) == 0 {
                    continue; // the volume model writes nothing to it on registers
                }
                // The register's rows not uploaded yet: one rowid range, known without asking.
                let after = self.registers[r].uploaded_to[i];
                let upto = self.registers[r].written_to[i];
                let rows = (upto - after).max(0) as u64;
                if rows == 0 {
                    continue;
                }
                self.db.execute(
                    &self.sql[i].upload,
                    &[
                        Value::Integer(after),
                        Value::Integer(upto),
                        Value::Integer(t as i64),
                    ],
                )?;
                self.store_rows[i] += rows;
                self.registers[r].uploaded_to[i] = upto;
                self.changed_at[i] = t;
                uploaded.push(TableVolume {
                    table: i,
                    rows,
                    bytes: rows * self.tables[i].row_bytes,
                });
            }
        }
        if direction == SyncDirection::Bidirectional {
            self.advance_edits(r, t)?;
            conflicts = self.settle_edits(r, s, &tables, last, t, policy, &mut uploaded)?;
        }
        let bytes: u64 = downloaded
            .iter()
            .chain(&uploaded)
            .map(|v: &TableVolume| v.bytes)
            .sum();
        let start = (t as f64).max(self.registers[r].busy_until);
        let end = start + self.duration(bytes, tables.len());
        self.registers[r].busy_until = end;
        let orphans = self.orphans(r, s, &downloaded);
        problems.extend(orphans.iter().map(|o| self.orphan_problem(o)));
        self.scope_tables[s] = tables;
        let catch_up = std::mem::take(&mut self.registers[r].deferred[s]);
        self.registers[r].last_run[s] = Some(t);
        self.result.sessions.push(Session {
            register,
            scope: s,
            direction,
            start,
            end,
            initial: false,
            catch_up,
            downloaded,
            uploaded,
            conflicts,
            problems,
            orphans,
        });
        let bytes = self.register_bytes(r);
        self.result.sizes.push(SizeSample {
            register,
            at: end,
            bytes,
        });
        // The schedule keeps its rhythm: the next session is due one period after this one was.
        let mut next = t + freq;
        if catch_up {
            next = (t / freq + 1) * freq;
        }
        self.queue.push(Reverse((next, r as u32, s)));
        Ok(())
    }

    /// Finds the register's edits that the store also changed since the last run, settles them
    /// by the scope's policy, and sends the register's winning edits up.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn settle_edits(
        &mut self,
        r: usize,
        s: usize,
        tables: &[usize],
        last: u64,
        t: u64,
        policy: ConflictPolicy,
        uploaded: &mut Vec<TableVolume>,
    ) -> Result<u32, SimError> {
        let register = r as i64 + 1;
        let mut found = 0u32;
        for &i in tables {
            if !self.edit_targets.contains(&i) {
                continue; // registers edit only these tables
            }
            let name = q(&self.tables[i].name);
            let per = self.rows_per_key(i);
            let edits = self.db.query(
                &format!(
                    "SELECT e.key, max(e.at), (SELECT max(m.\"_ops_changed\") FROM main.{name} m WHERE m.\"_ops_row\" BETWEEN (e.key - 1) * {per} + 1 AND e.key * {per} AND m.\"_ops_changed\" > ?3 AND m.\"_ops_changed\" <= ?4 AND m.\"_ops_changed\" >= 1) \
                     FROM regs._ops_edits e WHERE e.register = ?1 AND e.tbl = ?2 AND e.at > ?3 AND e.at <= ?4 GROUP BY e.key ORDER BY e.key"
                ),
                &[Value::Integer(register), Value::Integer(i as i64), Value::Integer(last as i64), Value::Integer(t as i64)],
            )?;
            let mut winners: Vec<i64> = Vec::new();
            for row in &edits.rows {
                let key = row.first().and_then(Value::as_i64).unwrap_or(0);
                let register_at = row.get(1).and_then(Value::as_i64).unwrap_or(0).max(0) as u64;
                match row.get(2).and_then(Value::as_i64) {
                    None => winners.push(key),
                    Some(store_at) => {
                        let store_at = store_at.max(0) as u64;
                        let register_wins = match policy {
                            ConflictPolicy::StoreWins => false,
                            ConflictPolicy::RegisterWins => true,
                            ConflictPolicy::NewestWins => register_at > store_at,
                        };
                        if register_wins {
                            winners.push(key);
                        }
                        found += 1;
                        self.result.conflicts.push(Conflict {
                            register: r as u32 + 1,
                            scope: s,
                            table: i,
                            key,
                            store_at,
                            register_at,
                            winner: if register_wins {
                                Winner::Register
                            } else {
                                Winner::Store
                            },
                        });
                    }
                }
            }
            if !winners.is_empty() {
                let changed = self.db.execute(
                    &self.sql[i].touch,
                    &[
                        Value::Integer(t as i64),
                        Value::Text(json_array(winners.into_iter())),
                    ],
                )? as u64;
                self.changed_at[i] = t;
                uploaded.push(TableVolume {
                    table: i,
                    rows: changed,
                    bytes: changed * self.tables[i].row_bytes,
                });
            }
        }
        Ok(found)
    }
}
