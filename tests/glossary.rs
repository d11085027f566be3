//! The glossary: every entry complete, and its words found in sentences to link them.
#![cfg(not(target_arch = "wasm32"))]

use offline_profile_studio::glossary::{entry, link_terms, Piece, GLOSSARY};

/// The sentence with each linked word marked `[key:text]`.
fn marked(text: &str) -> String {
    link_terms(text)
        .into_iter()
        .map(|p| match p {
            Piece::Text(t) => t,
            Piece::Term { key, text } => format!("[{key}:{text}]"),
        })
        .collect()
}

fn check(text: &str, expected: &str) {
    assert_eq!(marked(text), expected, "linking {text:?}");
}

#[test]
fn every_entry_is_complete_and_unique() {
    let mut keys = std::collections::HashSet::new();
    for e in &GLOSSARY {
        assert!(keys.insert(e.key), "{} once", e.key);
        assert!(
            !e.forms.is_empty()
                && !e.meaning.is_empty()
                && !e.ax2012.is_empty()
                && !e.d365.is_empty(),
            "{}",
            e.key
        );
        assert!(
            e.forms.iter().all(|f| f.to_lowercase() == *f),
            "{}: forms are lower case",
            e.key
        );
        assert_eq!(entry(e.key), Some(e));
    }
    assert!(
        GLOSSARY.windows(2).all(|w| w[0].term < w[1].term),
        "alphabetical"
    );
    for word in [
        "offline-scope",
        "store-database",
        "offline-database",
        "provisioning",
        "reprovisioning",
        "download-session",
        "upload-session",
        "replication-counter",
        "scheduler-job",
    ] {
        assert!(entry(word).is_some(), "{word} has an entry");
    }
}

#[test]
fn glossary_words_are_linked_once_as_whole_words_outside_quoted_names() {
    check("plain words only", "plain words only");
    check(
        "At 00:00, register 1 is being provisioned: this first download of \u{201c}1010 Customers\u{201d} fills its new offline database.",
        "At 00:00, [register:register] 1 is being [provisioning:provisioned]: this first [download-session:download] of \u{201c}1010 Customers\u{201d} fills its new [offline-database:offline database].",
    );
    // Longer forms win over shorter ones; only the first occurrence is linked.
    check(
        "Offline scopes and a scope",
        "[offline-scope:Offline scopes] and a scope",
    );
    // Not inside other words, nor in quoted names.
    check(
        "Restore \u{201c}Store wins\u{201d} registered",
        "Restore \u{201c}Store wins\u{201d} registered",
    );
    check(
        "The store database and the store",
        "The [store-database:store database] and the store",
    );
}
