//! The app's places, kept in the URL fragment (`#/catalog/CUSTTABLE`) so every view has a link,
//! the back button works, and any static file server can host the app.

/// A place in the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Profiles,
    Simulation,
    /// The chain planner: rollout plans across store groups.
    Chain,
    Packages,
    /// The sign-off report, of the named profile when one is named (`#/report/Default%20pr`).
    Report(Option<String>),
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
    pub const AREAS: [Route; 7] = [
        Route::Profiles,
        Route::Simulation,
        Route::Chain,
        Route::Packages,
        Route::Report(None),
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
            "chain" => Route::Chain,
            "packages" => Route::Packages,
            "report" => Route::Report(parts.next().map(decode).filter(|n| !n.is_empty())),
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
            Route::Report(_) => Route::Report(None),
            Route::Glossary { .. } => Route::Glossary { entry: None },
            other => other.clone(),
        }
    }

    /// The link to this route.
    pub fn href(&self) -> String {
        match self {
            Route::Profiles => "#/profiles".into(),
            Route::Simulation => "#/simulation".into(),
            Route::Chain => "#/chain".into(),
            Route::Packages => "#/packages".into(),
            Route::Report(None) => "#/report".into(),
            Route::Report(Some(name)) => format!("#/report/{}", encode(name)),
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
            Route::Chain => "Chain",
            Route::Packages | Route::Import(_) => "Packages",
            Route::Report(_) => "Report",
            Route::Catalog { .. } => "Catalog",
            Route::Glossary { .. } => "Glossary",
            Route::Bench(_) => "Benchmark",
            Route::Present(_) => "Simulation",
        }
    }
}

/// A profile name as one fragment segment: letters, digits and `-_.~` stay, every other byte
/// is percent-encoded.
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            b => format!("%{b:02X}"),
        })
        .collect()
}

/// The reverse of [`encode`]; malformed escapes stay as they are.
fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}
