//! Undo and redo over whole-value snapshots: every edit pushes the value before it, with words
//! for what the edit did ("frequency of 1010 Customers → 10 minutes"). A workspace is a few
//! kilobytes, so snapshots are simpler and safer than inverse operations.

/// The undo and redo stacks of a value; each step carries what the edit did.
#[derive(Debug, Clone)]
pub struct History<T> {
    past: Vec<(T, String)>,
    future: Vec<(T, String)>,
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
        self.record_as(before, after, String::new());
    }

    /// Records an edit with words for what it did.
    pub fn record_as(&mut self, before: T, after: &T, what: String) {
        if before == *after {
            return;
        }
        self.past.push((before, what));
        if self.past.len() > self.limit {
            self.past.remove(0);
        }
        self.future.clear();
    }

    /// Rewords the last step (typing goes on in one field: the step now ends at the latest
    /// value); `what` gets the value before the step.
    pub fn relabel_last(&mut self, what: impl FnOnce(&T) -> String) {
        if let Some((before, label)) = self.past.last_mut() {
            *label = what(before);
        }
    }

    /// Undoes the last edit of `current`, returning whether there was one.
    pub fn undo(&mut self, current: &mut T) -> bool {
        match self.past.pop() {
            Some((prev, what)) => {
                self.future.push((std::mem::replace(current, prev), what));
                true
            }
            None => false,
        }
    }

    /// Redoes the last undone edit, returning whether there was one.
    pub fn redo(&mut self, current: &mut T) -> bool {
        match self.future.pop() {
            Some((next, what)) => {
                self.past.push((std::mem::replace(current, next), what));
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

    /// What Undo would undo.
    pub fn undo_label(&self) -> Option<&str> {
        self.past.last().map(|(_, what)| what.as_str())
    }

    /// What Redo would redo.
    pub fn redo_label(&self) -> Option<&str> {
        self.future.last().map(|(_, what)| what.as_str())
    }
}
