//! The profile's target system: which of its settings that system ignores or keeps elsewhere,
//! beside each field ([`note`]) and once per profile as a check (`TGT-NO-EFFECT`). Sources are
//! the vendors' documents as `../shared/VENDOR-FACTS.md` names them.

use super::*;
use crate::model::{DeviceConfig, TargetSystem};

const R3_SCOPE: &str = "Not implemented in AX 2012 R3 as released (offline scope form documentation): the offline sync service does not follow it.";
const R3_LIMITS: &str = "Not implemented in AX 2012 R3 as released (setting up offline profiles documentation): every product and customer goes offline.";
const R3_DEVICE: &str = "Not implemented in AX 2012 R3 as released (SQLite device configuration documentation): only the offline timeout and the reconnect interval work.";
const D365_SCOPE: &str = "In Dynamics 365 Commerce this is the recurrence of the distribution schedule job that generates the scope\u{2019}s download sessions, set on the Distribution schedule page rather than in the profile.";
const D365_LIMITS: &str = "Dynamics 365 Commerce has no offline product or customer limit: offline databases receive all the data of their channel database group; exclude tables to stay under 8 GB.";
const R3_RETENTION: &str = "AX 2012 R3 keeps no such setting in the offline profile: offline databases keep what synchronization brings. The studio checks it as a planning value against the return window.";
const D365_DEVICE: &str = "No equivalent known in Dynamics 365 Commerce: the setting travels in the package but has no effect there.";

/// What `target` does with the setting `field` shows, when it is not what the procedure says:
/// the words to show beside the field. `None`: the setting works as documented.
pub fn note(target: TargetSystem, field: Field) -> Option<&'static str> {
    let device_works = matches!(
        field,
        Field::Device(DeviceField::OfflineTimeout | DeviceField::ReconnectInterval)
    );
    let retention = matches!(
        field,
        Field::Device(DeviceField::DaysTransactionsKept | DeviceField::ReturnWindow)
    );
    match (target, field) {
        (TargetSystem::Essentials, _) => None,
        (TargetSystem::Commerce, _) if retention => None,
        (TargetSystem::Ax2012R3, _) if retention => Some(R3_RETENTION),
        (_, Field::Device(_)) if device_works => None,
        (TargetSystem::Ax2012R3, Field::ScopeFrequency | Field::ScopeFrequencyUnit) => {
            Some(R3_SCOPE)
        }
        (TargetSystem::Ax2012R3, Field::Products | Field::Customers) => Some(R3_LIMITS),
        (TargetSystem::Ax2012R3, Field::Device(_)) => Some(R3_DEVICE),
        (TargetSystem::Commerce, Field::ScopeFrequency | Field::ScopeFrequencyUnit) => {
            Some(D365_SCOPE)
        }
        (TargetSystem::Commerce, Field::Products | Field::Customers) => Some(D365_LIMITS),
        (TargetSystem::Commerce, Field::Device(_)) => Some(D365_DEVICE),
        _ => None,
    }
}

/// The few words a field's badge shows for [`note`] (the note is its tooltip and detail).
pub fn badge(target: TargetSystem, field: Field) -> Option<&'static str> {
    note(target, field)?;
    Some(match (target, field) {
        (TargetSystem::Commerce, Field::ScopeFrequency | Field::ScopeFrequencyUnit) => {
            "set on the distribution schedule in this system"
        }
        (TargetSystem::Commerce, _) => "no effect in this system",
        (
            TargetSystem::Ax2012R3,
            Field::Device(DeviceField::DaysTransactionsKept | DeviceField::ReturnWindow),
        ) => "a planning value in this release",
        _ => "not implemented in this release",
    })
}

/// The device settings that differ from the defaults, by field.
fn device_changes(d: &DeviceConfig) -> Vec<(DeviceField, &'static str)> {
    let base = DeviceConfig::default();
    [
        (
            d.new_database_check_mins != base.new_database_check_mins,
            DeviceField::NewDatabaseCheck,
            "check for new database",
        ),
        (
            d.upload_transaction_size != base.upload_transaction_size,
            DeviceField::UploadTransactionSize,
            "upload transaction size",
        ),
        (
            d.image_folder != base.image_folder,
            DeviceField::ImageFolder,
            "image folder",
        ),
        (
            d.data_export_folder != base.data_export_folder,
            DeviceField::DataExportFolder,
            "data export folder",
        ),
        (
            d.export_schedule != base.export_schedule,
            DeviceField::ExportSchedule,
            "database export schedule",
        ),
    ]
    .into_iter()
    .filter(|(changed, _, _)| *changed)
    .map(|(_, f, name)| (f, name))
    .collect()
}

/// Once per profile whose target system is not the documented one: the settings of this
/// profile that system ignores. A warning when the profile relies on one (a limit, a changed
/// device value, or frequencies the released AX 2012 R3 ignores), else a note.
pub(in crate::validation) fn target(p: &Profile, out: &mut Vec<Diagnostic>) {
    let t = p.target;
    if t == TargetSystem::Essentials {
        return;
    }
    let mut relied: Vec<String> = Vec::new();
    if t == TargetSystem::Ax2012R3 && !p.scopes.is_empty() {
        relied.push(format!(
            "the synchronization frequency of its {} scope{}",
            p.scopes.len(),
            if p.scopes.len() == 1 { "" } else { "s" }
        ));
    }
    if p.products.limited {
        relied.push("its Offline products limit".into());
    }
    if p.customers.limited {
        relied.push("its Offline customers limit".into());
    }
    let device: Vec<&str> = device_changes(&p.device)
        .into_iter()
        .map(|(_, n)| n)
        .collect();
    if !device.is_empty() {
        relied.push(format!(
            "its device setting{} {}",
            if device.len() == 1 { "" } else { "s" },
            device.join(", ")
        ));
    }
    let ignored = match t {
        TargetSystem::Ax2012R3 => "scope frequencies, the Offline products and Offline customers limits, and five of the seven SQLite device settings (all but the offline timeout and the reconnect interval)",
        _ => "the Offline products and Offline customers limits and five of the seven SQLite device settings; scope frequencies become the recurrences of distribution schedule jobs",
    };
    let source = match t {
        TargetSystem::Ax2012R3 => "AX 2012 R3 documentation of the offline scope form, offline profiles and the SQLite device configuration",
        _ => "Dynamics 365 Commerce documentation of offline databases and distribution schedules",
    };
    let (severity, message) = if relied.is_empty() {
        (Severity::Info, format!("{} does not implement {ignored}. This profile relies on none of them. Source: {source}.", t.label()))
    } else {
        (Severity::Warning, format!("{} does not implement {ignored}; this profile relies on {}: registers will not follow them (the simulator models what the system does instead). Source: {source}.", t.label(), relied.join(", ")))
    };
    push(
        out,
        "TGT-NO-EFFECT",
        severity,
        place(Some(p.id), None, None, Field::ProfileTarget),
        message,
        None,
    );
}
