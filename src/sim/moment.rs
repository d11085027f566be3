//! A moment of a simulation a trainer can bookmark: the profile (by name), the whole scenario and
//! the session, carried in the presenter view's URL (`#/present/NAME/STEP/SCENARIO`), so "the
//! moment the customer record arrives" opens again in class. Pure: the UI reads and writes it.

use super::Scenario;
use base64::Engine;

/// The route prefix of the presenter view.
pub const PREFIX: &str = "#/present/";

/// A bookmarked moment.
#[derive(Debug, Clone, PartialEq)]
pub struct Moment {
    /// The profile's name.
    pub profile: String,
    /// The session shown (index into the run's sessions).
    pub step: usize,
    /// The scenario run.
    pub scenario: Scenario,
}

fn b64() -> base64::engine::GeneralPurpose {
    base64::engine::general_purpose::URL_SAFE_NO_PAD
}

impl Moment {
    /// The fragment of this moment (`#/present/…`).
    pub fn fragment(&self) -> String {
        let scenario = serde_json::to_vec(&self.scenario).unwrap_or_default();
        format!(
            "{PREFIX}{}/{}/{}",
            b64().encode(self.profile.as_bytes()),
            self.step,
            b64().encode(scenario)
        )
    }

    /// Reads what follows `#/present/`, saying what is wrong with a damaged link.
    pub fn parse(payload: &str) -> Result<Moment, String> {
        let mut parts = payload.trim().splitn(3, '/');
        let (Some(name), Some(step), Some(scenario)) = (parts.next(), parts.next(), parts.next())
        else {
            return Err(
                "the link is incomplete: it needs a profile, a session and a scenario".into(),
            );
        };
        let profile = b64()
            .decode(name)
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .ok_or("the link's profile name is damaged")?;
        let step = step
            .parse()
            .map_err(|_| format!("the link's session \u{201c}{step}\u{201d} is not a number"))?;
        let bytes = b64()
            .decode(scenario)
            .map_err(|_| "the link's scenario is damaged")?;
        let scenario: Scenario = serde_json::from_slice(&bytes)
            .map_err(|e| format!("the link's scenario cannot be read ({e})"))?;
        if let Some(e) = scenario.validate().first() {
            return Err(format!(
                "the link's scenario is out of range: {}",
                e.message
            ));
        }
        Ok(Moment {
            profile,
            step,
            scenario,
        })
    }
}
