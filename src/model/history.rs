//! Undo and redo over whole-value snapshots: every edit pushes the value before it. A workspace
//! is a few kilobytes, so snapshots are simpler and safer than inverse operations.

/// The undo and redo stacks of a value.
#[derive(Debug, Clone)]
pub struct History<T> {
    past: Vec<T>,
    future: Vec<T>,
    limit: usize,
}

impl<T: Clone + PartialEq> History<T> {
    /// A history that keeps at most `limit` undo steps.
    pub fn new(limit: usize) -> Self {
        History {
            past: Vec::new(),
            future: Vec::new(),
            limit: limit.max(1),
        }
    }

    /// Records that `before` was replaced by an edit; an edit that changed nothing is not a step.
    pub fn record(&mut self, before: T, after: &T) {
        if before == *after {
            return;
        }
        self.past.push(before);
        if self.past.len() > self.limit {
            self.past.remove(0);
        }
        self.future.clear();
    }

    /// Undoes the last edit of `current`, returning whether there was one.
    pub fn undo(&mut self, current: &mut T) -> bool {
        match self.past.pop() {
            Some(prev) => {
                self.future.push(std::mem::replace(current, prev));
                true
            }
            None => false,
        }
    }

    /// Redoes the last undone edit, returning whether there was one.
    pub fn redo(&mut self, current: &mut T) -> bool {
        match self.future.pop() {
            Some(next) => {
                self.past.push(std::mem::replace(current, next));
                true
            }
            None => false,
        }
    }

    /// Whether there is something to undo.
    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    /// Whether there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }
}
