//! The parent/child graph of the catalog: children derived from parents, and the parent
//! cycles (strongly connected components), which no ordering of scopes can satisfy.

use super::{Table, TableId};

/// A group of tables that refer to each other through their parents, directly or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParentCycle {
    /// The tables of the cycle, in name order.
    pub tables: Vec<TableId>,
}

/// Fills every table's `children` from the others' `parents`.
pub(super) fn link_children(tables: &mut [Table]) {
    let mut children: Vec<Vec<TableId>> = vec![Vec::new(); tables.len()];
    for (i, t) in tables.iter().enumerate() {
        for p in &t.parents {
            children[p.index()].push(TableId(i as u16));
        }
    }
    for (t, mut c) in tables.iter_mut().zip(children) {
        c.sort();
        c.dedup();
        t.children = c;
    }
}

/// Finds the parent cycles with Tarjan's algorithm (iterative, so a deep graph cannot overflow
/// the stack). A table that names itself as its own parent is a cycle of one.
pub(super) fn parent_cycles(tables: &[Table]) -> Vec<ParentCycle> {
    const UNSEEN: usize = usize::MAX;
    let n = tables.len();
    let mut index = vec![UNSEEN; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack: Vec<usize> = Vec::new();
    let mut next = 0;
    let mut cycles = Vec::new();
    for root in 0..n {
        if index[root] != UNSEEN {
            continue;
        }
        // Each frame is a node and the position of the next parent edge to follow.
        let mut frames: Vec<(usize, usize)> = vec![(root, 0)];
        index[root] = next;
        low[root] = next;
        next += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (v, ref mut edge)) = frames.last_mut() {
            if let Some(w) = tables[v].parents.get(*edge).map(|p| p.index()) {
                *edge += 1;
                if index[w] == UNSEEN {
                    index[w] = next;
                    low[w] = next;
                    next += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    frames.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            frames.pop();
            if let Some(&(parent, _)) = frames.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                let mut members = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    members.push(TableId(w as u16));
                    if w == v {
                        break;
                    }
                }
                let self_loop = tables[v].parents.contains(&TableId(v as u16));
                if members.len() > 1 || self_loop {
                    members.sort();
                    cycles.push(ParentCycle { tables: members });
                }
            }
        }
    }
    cycles.sort_by(|a, b| a.tables.cmp(&b.tables));
    cycles
}
