//! Rules across the profile's tables: each table once, every parent offline (closure, with a
//! fix that places the missing ones) and parents synchronizing before their children (order).

use super::*;

pub(in crate::validation) fn tables_across_scopes(
    ws: &Workspace,
    p: &Profile,
    catalog: &Catalog,
    out: &mut Vec<Diagnostic>,
) {
    let scopes: Vec<&Scope> = ws.scopes_of(p).collect();
    let member = Membership::of(ws, p, catalog);

    // A table may be in only one scope of a profile.
    let mut first: BTreeMap<String, usize> = BTreeMap::new();
    for (i, s) in scopes.iter().enumerate() {
        for name in &s.tables {
            let key = name.to_ascii_uppercase();
            match first.get(&key) {
                Some(&j) if j != i => push(
                    out,
                    "TBL-DUPLICATE",
                    Severity::Error,
                    place(Some(p.id), Some(s.id), Some(name), Field::ScopeTables),
                    format!(
                        "{name} is in both \u{201c}{}\u{201d} and \u{201c}{}\u{201d}; a table can be in only one scope of a profile.",
                        scopes[j].description, s.description
                    ),
                    fix(
                        format!("Remove {name} from \u{201c}{}\u{201d}", s.description),
                        Edit::RemoveTable {
                            scope: s.id,
                            table: name.clone(),
                        },
                    ),
                ),
                Some(_) => {}
                None => {
                    first.insert(key, i);
                }
            }
        }
    }

    // Closure: every parent of an offline table should be offline too.
    for (i, s) in scopes.iter().enumerate() {
        for name in &s.tables {
            let Some(id) = catalog.id(name) else { continue };
            let t = catalog.table(id);
            if t.direction == TableDirection::ChannelLocal {
                continue;
            }
            let missing: Vec<&str> = t
                .parents
                .iter()
                .filter(|p| member.of_table(**p).is_none())
                .filter(|p| catalog.table(**p).direction != TableDirection::ChannelLocal)
                .map(|p| catalog.table(*p).name.as_str())
                .collect();
            if missing.is_empty() {
                continue;
            }
            let placements = closure_placements(catalog, &scopes, &member, id, i);
            push(
                out,
                "CLS-MISSING-PARENTS",
                Severity::Warning,
                place(Some(p.id), Some(s.id), Some(name), Field::ScopeTables),
                format!(
                    "{name} refers to {}, which no scope of this profile synchronizes: its rows would arrive offline with missing references.",
                    list(&missing, 6)
                ),
                fix(
                    if placements.len() == 1 {
                        "Add the missing parent table".to_string()
                    } else {
                        format!("Add the {} missing parent tables", placements.len())
                    },
                    Edit::PlaceTables(placements),
                ),
            );
        }
    }

    order(p, catalog, &scopes, &member, out);
}

/// Where to put every missing ancestor of `table` (parents of parents too, skipping
/// channel-local tables): in a scope of the profile already holding tables of the same job and
/// a fitting direction, else in the child's scope when its direction fits, else in any scope
/// whose direction fits, else in the child's scope.
fn closure_placements(
    catalog: &Catalog,
    scopes: &[&Scope],
    member: &Membership,
    table: TableId,
    child_scope: usize,
) -> Vec<(ScopeId, String)> {
    let mut seen = BTreeSet::new();
    let mut stack = vec![table];
    let mut placements = Vec::new();
    while let Some(id) = stack.pop() {
        for &parent in &catalog.table(id).parents {
            let pt = catalog.table(parent);
            if member.of_table(parent).is_some()
                || pt.direction == TableDirection::ChannelLocal
                || !seen.insert(parent)
            {
                continue;
            }
            stack.push(parent);
            let fits = |s: &Scope| match pt.direction {
                TableDirection::Upload => s.direction.uploads(),
                _ => s.direction.downloads(),
            };
            let same_job = scopes.iter().position(|s| {
                fits(s)
                    && s.tables
                        .iter()
                        .filter_map(|n| catalog.get(n))
                        .any(|t| t.job == pt.job)
            });
            let at = same_job
                .or_else(|| fits(scopes[child_scope]).then_some(child_scope))
                .or_else(|| scopes.iter().position(|s| fits(s)))
                .unwrap_or(child_scope);
            placements.push((scopes[at].id, pt.name.clone()));
        }
    }
    placements.sort_by(|a, b| a.1.cmp(&b.1));
    placements
}

/// Order: a scope holding a child table should not run before the scope holding its parent.
fn order(
    p: &Profile,
    catalog: &Catalog,
    scopes: &[&Scope],
    member: &Membership,
    out: &mut Vec<Diagnostic>,
) {
    // (child scope, parent scope) -> the (child, parent) table pairs in that order.
    let mut late_parents: BTreeMap<(usize, usize), Vec<(TableId, TableId)>> = BTreeMap::new();
    let mut split_cycles: BTreeSet<usize> = BTreeSet::new();
    for (i, s) in scopes.iter().enumerate() {
        for name in &s.tables {
            let Some(child) = catalog.id(name) else {
                continue;
            };
            if member.of_table(child) != Some(i) {
                continue; // a duplicate line, reported elsewhere
            }
            for &parent in &catalog.table(child).parents {
                let Some(j) = member.of_table(parent) else {
                    continue;
                };
                if j <= i {
                    continue;
                }
                match (catalog.cycle_of(child), catalog.cycle_of(parent)) {
                    (Some(a), Some(b)) if a == b => {
                        let idx = catalog.cycles().iter().position(|c| c == a).unwrap_or(0);
                        split_cycles.insert(idx);
                    }
                    _ => late_parents
                        .entry((i, j))
                        .or_default()
                        .push((child, parent)),
                }
            }
        }
    }
    // Scopes that each hold parents of the other cannot both go first: say so once instead of
    // offering fixes that undo each other.
    let mut mutual: BTreeSet<(usize, usize)> = BTreeSet::new();
    for &(i, j) in late_parents.keys() {
        let reverse = scopes[j]
            .tables
            .iter()
            .filter_map(|n| catalog.id(n))
            .any(|c| {
                catalog
                    .table(c)
                    .parents
                    .iter()
                    .any(|par| member.of_table(*par) == Some(i))
            });
        if reverse {
            mutual.insert((i, j));
        }
    }
    for ((i, j), pairs) in &late_parents {
        let (child, parent) = pairs[0];
        let more = pairs.len() - 1;
        let more = if more > 0 {
            format!(" (and {more} more)")
        } else {
            String::new()
        };
        let (cs, ps) = (scopes[*i], scopes[*j]);
        let what = format!(
            "\u{201c}{}\u{201d} (position {}) runs before \u{201c}{}\u{201d} (position {}), which holds {}, a parent of {}{more}",
            cs.description,
            i + 1,
            ps.description,
            j + 1,
            catalog.table(parent).name,
            catalog.table(child).name
        );
        if mutual.contains(&(*i, *j)) {
            push(
                out,
                "ORD-MUTUAL-SCOPES",
                Severity::Info,
                place(Some(p.id), Some(cs.id), None, Field::ProfileScopes),
                format!("{what}. The two scopes also hold parents of each other's tables, so no order satisfies both: until both have synced, some rows wait for their parents."),
                None,
            );
        } else {
            push(
                out,
                "ORD-CHILD-BEFORE-PARENT",
                Severity::Warning,
                place(Some(p.id), Some(cs.id), None, Field::ProfileScopes),
                format!("{what}: on a fresh register, children arrive before their parents (missing references, unique-key errors)."),
                fix(
                    format!("Move \u{201c}{}\u{201d} before \u{201c}{}\u{201d}", ps.description, cs.description),
                    Edit::MoveScope {
                        profile: p.id,
                        from: *j,
                        to: *i,
                    },
                ),
            );
        }
    }
    for idx in split_cycles {
        let names: Vec<&str> = catalog.cycles()[idx]
            .tables
            .iter()
            .map(|t| catalog.table(*t).name.as_str())
            .collect();
        push(
            out,
            "ORD-PARENT-CYCLE",
            Severity::Info,
            place(Some(p.id), None, None, Field::ProfileScopes),
            format!(
                "{} refer to each other (a parent cycle in the schema), so whichever syncs first briefly has references to rows that have not arrived. This is expected; keeping them in one scope shortens the gap.",
                list(&names, 6)
            ),
            None,
        );
    }
}
