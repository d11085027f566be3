//! The app's places, kept in the URL fragment (`#/catalog/CUSTTABLE`) so every view has a link,
//! the back button works, and any static file server can host the app.

/// A place in the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Profiles,
    Simulation,
    Packages,
    /// The catalog, with a table open when one is named.
    Catalog {
        table: Option<String>,
    },
    /// The glossary, with an entry open when one is named.
    Glossary {
        entry: Option<String>,
    },
    /// The presenter view of a bookmarked moment of a simulation (what follows `#/present/`).
    Present(String),
    /// A share link: the Packages area previewing the profile carried by the fragment.
    Import(String),
    /// The simulator benchmark page for `make bench` (`#/bench?case=week`), not in the navigation.
    Bench(String),
}

impl Route {
    /// The areas, in navigation order.
    pub const AREAS: [Route; 5] = [
        Route::Profiles,
        Route::Simulation,
        Route::Packages,
        Route::Catalog { table: None },
        Route::Glossary { entry: None },
    ];

    /// Reads a route from `location.hash`; anything unknown opens the profiles.
    pub fn from_hash(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let mut parts = path.splitn(2, '/');
        let head = parts.next().unwrap_or("");
        if let Some(query) = head.strip_prefix("bench") {
            let case = query.strip_prefix("?case=").unwrap_or("week");
            return Route::Bench(case.to_string());
        }
        match head {
            "simulation" => Route::Simulation,
            "packages" => Route::Packages,
            "import" => Route::Import(parts.next().unwrap_or("").to_string()),
            "present" => Route::Present(parts.next().unwrap_or("").to_string()),
            "glossary" => Route::Glossary {
                entry: parts.next().filter(|t| !t.is_empty()).map(str::to_string),
            },
            "catalog" => Route::Catalog {
                table: parts
                    .next()
                    .filter(|t| !t.is_empty())
                    .map(|t| t.to_ascii_uppercase()),
            },
            _ => Route::Profiles,
        }
    }

    /// The area without its details (the catalog without a table).
    pub fn area(&self) -> Route {
        match self {
            Route::Catalog { .. } => Route::Catalog { table: None },
            Route::Glossary { .. } => Route::Glossary { entry: None },
            other => other.clone(),
        }
    }

    /// The link to this route.
    pub fn href(&self) -> String {
        match self {
            Route::Profiles => "#/profiles".into(),
            Route::Simulation => "#/simulation".into(),
            Route::Packages => "#/packages".into(),
            Route::Catalog { table: None } => "#/catalog".into(),
            Route::Catalog { table: Some(t) } => format!("#/catalog/{t}"),
            Route::Glossary { entry: None } => "#/glossary".into(),
            Route::Glossary { entry: Some(e) } => format!("#/glossary/{e}"),
            Route::Import(payload) => format!("#/import/{payload}"),
            Route::Present(payload) => format!("#/present/{payload}"),
            Route::Bench(case) => format!("#/bench?case={case}"),
        }
    }

    /// The area's name in the navigation.
    pub fn title(&self) -> &'static str {
        match self {
            Route::Profiles => "Profiles",
            Route::Simulation => "Simulation",
            Route::Packages | Route::Import(_) => "Packages",
            Route::Catalog { .. } => "Catalog",
            Route::Glossary { .. } => "Glossary",
            Route::Bench(_) => "Benchmark",
            Route::Present(_) => "Simulation",
        }
    }
}
