//! Share links: a profile compressed into the URL fragment (`#/import/…`), so opening the link in
//! another browser shows an import preview. Nothing is sent anywhere: fragments never leave the
//! browser.

use super::{export::profile_json, read_file, ImportError, Imported, MAX_IMPORT_BYTES};
use crate::catalog::Catalog;
use crate::model::diff::ResolvedProfile;
use base64::Engine;
use std::io::{Read, Write};

/// The fragment prefix of a share link.
pub const PREFIX: &str = "#/import/";

/// The fragment (`#/import/…`) carrying a profile: its `profile.json`, deflated, in base64url.
pub fn encode(profile: &ResolvedProfile, version: u32) -> String {
    let json = profile_json(profile, version);
    let mut encoder = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    let compressed = encoder
        .write_all(json.as_bytes())
        .and_then(|_| encoder.finish())
        .unwrap_or_default();
    format!(
        "{PREFIX}{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(compressed)
    )
}

/// Reads the profile of a share link's payload (what follows `#/import/`).
pub fn decode(payload: &str, catalog: &Catalog) -> Result<Imported, ImportError> {
    let bad = |message: &str| ImportError {
        kind: super::ErrorKind::Unreadable,
        file: "shared link".into(),
        field: None,
        message: message.into(),
    };
    let compressed = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload.trim().trim_end_matches('='))
        .map_err(|_| bad("the link is damaged (it is not valid base64url); ask for it again"))?;
    let mut json = Vec::new();
    flate2::read::DeflateDecoder::new(compressed.as_slice())
        .take(MAX_IMPORT_BYTES as u64 + 1)
        .read_to_end(&mut json)
        .map_err(|_| bad("the link is damaged (it does not decompress); ask for it again"))?;
    read_file(&json, "shared link", catalog)
}
