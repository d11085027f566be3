//! The guided tour: the original procedure on Profiles, then a simulation, then an export. Each
//! step names the real control to use and is done when the user has used it, judged from what
//! the app can observe ([`Seen`]); the UI only highlights the control and shows the words.

/// Where the user is and what the workspace and the last run show.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Seen {
    /// The area in the address (`profiles`, `simulation`, `packages`, …).
    pub area: String,
    /// Profiles in the workspace.
    pub profiles: usize,
    /// The open profile's name and how many scopes it has.
    pub open_profile: Option<(String, usize)>,
    /// Whether an Offline scope form is open.
    pub scope_form_open: bool,
    /// Simulations finished since the app started.
    pub runs: usize,
    /// Downloads of packages or profile.json files since the app started.
    pub exports: usize,
}

/// One step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    /// The step's title.
    pub title: &'static str,
    /// What to do, in the procedure's words.
    pub say: &'static str,
    /// The area the step happens in (the tour goes there).
    pub area: &'static str,
    /// The id of the control to highlight.
    pub control: &'static str,
}

/// The tour's steps, in order.
pub const STEPS: [Step; 6] = [
    Step {
        title: "Create an offline profile",
        say: "Offline profiles decide what each register keeps offline. Click New (or press Ctrl+N) to create one.",
        area: "profiles",
        control: "new-profile",
    },
    Step {
        title: "Name it",
        say: "Type a Name of up to 10 characters, as the retail back office stores it.",
        area: "profiles",
        control: "profile-name",
    },
    Step {
        title: "Add an offline scope",
        say: "On the Offline tables FastTab, click Add and choose a scope in the Description field, for example 1060 Staff.",
        area: "profiles",
        control: "offline-tables",
    },
    Step {
        title: "Open the Offline scope form",
        say: "With the line selected, click Offline scope to see its direction, frequency and tables.",
        area: "profiles",
        control: "offline-tables",
    },
    Step {
        title: "Simulate it",
        say: "In the Simulation area, click Run simulation to see what each register receives, how often, and how large its offline database grows.",
        area: "simulation",
        control: "scenario-title",
    },
    Step {
        title: "Export a package",
        say: "In the Packages area, download the profile as a package (or, while it has errors, as profile.json) for the deployment team.",
        area: "packages",
        control: "export-title",
    },
];

/// Whether step `index` is done, given what was seen when the tour reached it (`start`) and now.
pub fn done(index: usize, start: &Seen, now: &Seen) -> bool {
    match index {
        0 => now.profiles > start.profiles,
        1 => now.open_profile.as_ref().is_some_and(|(name, _)| {
            !name.trim().is_empty() && start.open_profile.as_ref().is_none_or(|(s, _)| s != name)
        }),
        2 => now.open_profile.as_ref().is_some_and(|(_, scopes)| {
            *scopes > start.open_profile.as_ref().map_or(0, |(_, n)| *n)
        }),
        3 => now.scope_form_open,
        4 => now.runs > start.runs,
        5 => now.exports > start.exports,
        _ => true,
    }
}
