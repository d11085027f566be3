//! Rules on the SQLite device configuration.

use super::*;

fn folder_problem(path: &str) -> Option<&'static str> {
    if path.chars().any(|c| c.is_control()) {
        Some("contains a control character")
    } else if path
        .chars()
        .any(|c| matches!(c, '<' | '>' | '"' | '|' | '?' | '*'))
    {
        Some("contains a character not allowed in folder names (< > \" | ? *)")
    } else if path.len() > 260 {
        Some("is longer than 260 characters")
    } else {
        None
    }
}

pub(in crate::validation) fn device(p: &Profile, out: &mut Vec<Diagnostic>) {
    let d = &p.device;
    let ranges: [(i64, i64, i64, &str, &str, DeviceField); 6] = [
        (
            d.offline_timeout_secs,
            1,
            600,
            "Offline timeout",
            "seconds",
            DeviceField::OfflineTimeout,
        ),
        (
            d.reconnect_interval_mins,
            1,
            1440,
            "Reconnect attempt interval",
            "minutes",
            DeviceField::ReconnectInterval,
        ),
        (
            d.new_database_check_mins,
            1,
            10_080,
            "Check for new database interval",
            "minutes",
            DeviceField::NewDatabaseCheck,
        ),
        (
            d.upload_transaction_size,
            1,
            100_000,
            "Upload transaction size",
            "rows",
            DeviceField::UploadTransactionSize,
        ),
        (
            d.days_transactions_kept,
            1,
            3650,
            "Days transactions kept offline",
            "days",
            DeviceField::DaysTransactionsKept,
        ),
        (
            d.return_window_days,
            0,
            3650,
            "Return window",
            "days",
            DeviceField::ReturnWindow,
        ),
    ];
    for (value, min, max, what, unit, field) in ranges {
        if value < min || value > max {
            push(
                out,
                "DEV-OUT-OF-RANGE",
                Severity::Error,
                place(Some(p.id), None, None, Field::Device(field)),
                format!(
                    "{what} must be between {min} and {} {unit}; it is {value}.",
                    thousands(max as u64)
                ),
                None,
            );
        }
    }
    for (path, what, field) in [
        (&d.image_folder, "Image folder", DeviceField::ImageFolder),
        (
            &d.data_export_folder,
            "Data export folder",
            DeviceField::DataExportFolder,
        ),
    ] {
        if let Some(problem) = folder_problem(path) {
            push(
                out,
                "DEV-FOLDER",
                Severity::Error,
                place(Some(p.id), None, None, Field::Device(field)),
                format!("{what} {problem}."),
                None,
            );
        }
    }
    if d.export_schedule != ExportSchedule::Never && d.data_export_folder.trim().is_empty() {
        push(
            out,
            "DEV-EXPORT-FOLDER-REQUIRED",
            Severity::Error,
            place(
                Some(p.id),
                None,
                None,
                Field::Device(DeviceField::DataExportFolder),
            ),
            format!(
                "The database is exported {}, but no data export folder is set.",
                d.export_schedule.label().to_lowercase()
            ),
            None,
        );
    }
}
