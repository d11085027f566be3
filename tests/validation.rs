//! Host tests of every validation rule, data-driven through one `check` helper.
#![cfg(not(target_arch = "wasm32"))]

use offline_profile_studio::catalog::Catalog;
use offline_profile_studio::model::{
    CustomerRule, ExportSchedule, Frequency, ProductRule, ProfileId, ScopeId, SyncDirection,
    TimeUnit, Workspace,
};
use offline_profile_studio::validation::{validate_profile, Diagnostic, Severity};

/// A workspace with one profile named "Test" built from `(description, direction, seconds,
/// tables)` scopes, in order.
fn build(scopes: &[(&str, SyncDirection, i64, &[&str])]) -> (Workspace, ProfileId, Vec<ScopeId>) {
    let mut ws = Workspace::empty();
    let p = ws.new_profile();
    ws.profile_mut(p).unwrap().name = "Test".into();
    let mut ids = Vec::new();
    for (desc, dir, secs, tables) in scopes {
        let s = ws.new_scope(desc, *dir);
        ws.scope_mut(s).unwrap().frequency = Frequency {
            seconds: *secs,
            unit: TimeUnit::Seconds,
        };
        ws.scope_mut(s).unwrap().tables = tables.iter().map(|t| t.to_string()).collect();
        ws.add_scope_to_profile(p, s);
        ids.push(s);
    }
    (ws, p, ids)
}

/// The scope every test profile gets so the "needs before going offline" rule is quiet.
const ESSENTIALS: (&str, SyncDirection, i64, &[&str]) = (
    "Essentials",
    SyncDirection::Download,
    3600,
    &[
        "RETAILSTAFFTABLE",
        "RETAILCHANNELTABLE",
        "RETAILTERMINALTABLE",
    ],
);

fn diagnostics(ws: &Workspace, p: ProfileId) -> Vec<Diagnostic> {
    validate_profile(ws, ws.profile(p).unwrap(), Catalog::builtin())
}

fn label(d: &Diagnostic) -> String {
    match &d.place.table {
        Some(t) => format!("{}:{t}", d.code),
        None => d.code.to_string(),
    }
}

/// Compares the diagnostics whose code is among `watch` (and those `expected` names) with
/// `expected`, as sorted `CODE` or `CODE:TABLE` labels.
fn check(ws: &Workspace, p: ProfileId, watch: &[&str], expected: &[&str]) {
    let codes: Vec<&str> = watch
        .iter()
        .copied()
        .chain(expected.iter().map(|e| e.split(':').next().unwrap()))
        .collect();
    let mut got: Vec<String> = diagnostics(ws, p)
        .iter()
        .filter(|d| codes.contains(&d.code))
        .map(label)
        .collect();
    got.sort();
    let mut want: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
    want.sort();
    assert_eq!(got, want);
}

fn find<'a>(ds: &'a [Diagnostic], code: &str) -> &'a Diagnostic {
    ds.iter()
        .find(|d| d.code == code)
        .unwrap_or_else(|| panic!("no {code} in {ds:#?}"))
}

fn apply_fix(ws: &mut Workspace, p: ProfileId, code: &str) {
    let ds = diagnostics(ws, p);
    let fix = find(&ds, code).fix.clone().expect("a fix");
    assert!(fix.action.apply(ws).changed, "the fix changed something");
}

#[test]
fn the_default_profile_is_built_from_the_catalog_and_has_no_errors() {
    let ws = Workspace::with_default_profile();
    let p = &ws.profiles[0];
    assert_eq!(p.name, "Default pr");
    let scopes: Vec<_> = ws.scopes_of(p).collect();
    assert_eq!(scopes.len(), 14);
    assert_eq!(scopes[0].description, "1000 Currency");
    assert_eq!(scopes[13].description, "P-0001 POS transactions");
    assert_eq!(scopes[13].direction, SyncDirection::Upload);
    assert!(scopes[..13]
        .iter()
        .all(|s| s.direction == SyncDirection::Download));
    assert!(scopes
        .iter()
        .all(|s| s.default_frequency && s.frequency.seconds > 0));
    let catalog = Catalog::builtin();
    assert_eq!(
        scopes[3].tables.len(),
        catalog
            .tables_of_job(offline_profile_studio::catalog::Job::Scheduler(1040))
            .count()
    );
    let ds = validate_profile(&ws, p, catalog);
    let errors: Vec<_> = ds
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn names_are_required_unique_and_warned_above_ten_characters() {
    let (mut ws, p, _) = build(&[ESSENTIALS]);
    let watch = ["PRF-NAME-REQUIRED", "PRF-NAME-DUPLICATE", "PRF-NAME-LONG"];
    check(&ws, p, &watch, &[]);
    ws.profile_mut(p).unwrap().name = "  ".into();
    check(&ws, p, &watch, &["PRF-NAME-REQUIRED"]);
    ws.profile_mut(p).unwrap().name = "Store north".into();
    check(&ws, p, &watch, &["PRF-NAME-LONG"]);
    assert!(find(&diagnostics(&ws, p), "PRF-NAME-LONG")
        .message
        .contains("\u{201c}Store nort\u{201d}"));
    let other = ws.new_profile();
    ws.profile_mut(other).unwrap().name = "store NORTH".into();
    check(&ws, p, &watch, &["PRF-NAME-DUPLICATE", "PRF-NAME-LONG"]);
}

#[test]
fn a_profile_without_scopes_is_an_error() {
    let (ws, p, _) = build(&[]);
    check(&ws, p, &["PRF-NO-SCOPES"], &["PRF-NO-SCOPES"]);
}

#[test]
fn scope_descriptions_are_required_and_unique() {
    let (mut ws, p, ids) = build(&[
        ESSENTIALS,
        ("Currency", SyncDirection::Download, 3600, &["CURRENCY"]),
    ]);
    let watch = ["SCP-DESC-REQUIRED", "SCP-DESC-DUPLICATE"];
    check(&ws, p, &watch, &[]);
    ws.scope_mut(ids[1]).unwrap().description = "essentials".into();
    check(
        &ws,
        p,
        &watch,
        &["SCP-DESC-DUPLICATE", "SCP-DESC-DUPLICATE"],
    );
    ws.scope_mut(ids[1]).unwrap().description = "".into();
    check(&ws, p, &watch, &["SCP-DESC-REQUIRED"]);
}

#[test]
fn a_scope_with_no_tables_and_an_unknown_table_are_reported() {
    let (mut ws, p, ids) = build(&[ESSENTIALS, ("Empty", SyncDirection::Download, 3600, &[])]);
    check(
        &ws,
        p,
        &["SCP-NO-TABLES", "TBL-UNKNOWN"],
        &["SCP-NO-TABLES"],
    );
    ws.scope_mut(ids[1]).unwrap().tables = vec!["NOSUCHTABLE".into()];
    check(&ws, p, &["SCP-NO-TABLES"], &["TBL-UNKNOWN:NOSUCHTABLE"]);
    apply_fix(&mut ws, p, "TBL-UNKNOWN");
    check(&ws, p, &["TBL-UNKNOWN"], &["SCP-NO-TABLES"]);
}

#[test]
fn a_table_in_two_scopes_of_a_profile_is_an_error_fixed_by_removing_the_later_one() {
    let (mut ws, p, ids) = build(&[
        ESSENTIALS,
        ("A", SyncDirection::Download, 3600, &["CURRENCY"]),
        ("B", SyncDirection::Download, 3600, &["CURRENCY"]),
    ]);
    check(&ws, p, &[], &["TBL-DUPLICATE:CURRENCY"]);
    let d = find(&diagnostics(&ws, p), "TBL-DUPLICATE").clone();
    assert_eq!(d.place.scope, Some(ids[2]));
    apply_fix(&mut ws, p, "TBL-DUPLICATE");
    check(&ws, p, &["TBL-DUPLICATE"], &[]);
    assert_eq!(ws.scope(ids[1]).unwrap().tables, ["CURRENCY"]);
}

#[test]
fn frequencies_must_be_positive_and_storms_are_warned_with_the_figure() {
    let (mut ws, p, ids) = build(&[
        ESSENTIALS,
        ("Fast", SyncDirection::Download, 0, &["CURRENCY"]),
    ]);
    let watch = ["FRQ-NOT-POSITIVE", "FRQ-STORM", "PRF-SYNC-STORM"];
    check(&ws, p, &watch, &["FRQ-NOT-POSITIVE"]);
    ws.scope_mut(ids[1]).unwrap().frequency.seconds = -60;
    check(&ws, p, &watch, &["FRQ-NOT-POSITIVE"]);
    ws.scope_mut(ids[1]).unwrap().frequency.seconds = 10;
    check(&ws, p, &watch, &["FRQ-STORM", "PRF-SYNC-STORM"]);
    let ds = diagnostics(&ws, p);
    let storm = find(&ds, "FRQ-STORM");
    assert!(
        storm
            .message
            .contains("8,640 sync sessions per register per day"),
        "{}",
        storm.message
    );
    assert!(storm.message.contains("51,840"), "{}", storm.message);
    apply_fix(&mut ws, p, "FRQ-STORM");
    assert_eq!(ws.scope(ids[1]).unwrap().frequency.seconds, 300);
    check(&ws, p, &watch, &[]);
}

#[test]
fn direction_against_tables() {
    let watch = [
        "DIR-NO-COUNTER",
        "DIR-DOWNLOAD-TABLE-IN-UPLOAD",
        "DIR-UPLOAD-TABLE-IN-DOWNLOAD",
        "DIR-CHANNEL-LOCAL",
    ];
    // An upload scope of upload tables is right.
    let (ws, p, _) = build(&[
        ESSENTIALS,
        (
            "Sales",
            SyncDirection::Upload,
            300,
            &["RETAILTRANSACTIONTABLE"],
        ),
    ]);
    check(&ws, p, &watch, &[]);
    // Upload tables in a download scope never reach the store.
    let (ws, p, _) = build(&[
        ESSENTIALS,
        (
            "Sales",
            SyncDirection::Download,
            300,
            &["RETAILTRANSACTIONTABLE"],
        ),
    ]);
    check(
        &ws,
        p,
        &watch,
        &["DIR-UPLOAD-TABLE-IN-DOWNLOAD:RETAILTRANSACTIONTABLE"],
    );
    // A download table in an upload scope, and in a bidirectional one (no counter).
    let (ws, p, _) = build(&[
        ESSENTIALS,
        ("Up", SyncDirection::Upload, 300, &["CURRENCY"]),
    ]);
    check(&ws, p, &watch, &["DIR-DOWNLOAD-TABLE-IN-UPLOAD:CURRENCY"]);
    let (mut ws, p, _) = build(&[
        ESSENTIALS,
        (
            "Both",
            SyncDirection::Bidirectional,
            300,
            &["CURRENCY", "RETAILTRANSACTIONTABLE"],
        ),
    ]);
    check(&ws, p, &watch, &["DIR-NO-COUNTER:CURRENCY"]);
    apply_fix(&mut ws, p, "DIR-NO-COUNTER");
    check(&ws, p, &watch, &[]);
    // Channel-local tables are never synchronized.
    let (ws, p, _) = build(&[
        ESSENTIALS,
        (
            "Local",
            SyncDirection::Download,
            300,
            &["CATALOGDEFINITION"],
        ),
    ]);
    check(&ws, p, &watch, &["DIR-CHANNEL-LOCAL:CATALOGDEFINITION"]);
}

#[test]
fn closure_reports_missing_parents_and_the_fix_adds_them_all() {
    let (mut ws, p, ids) = build(&[
        ESSENTIALS,
        ("Customers", SyncDirection::Download, 900, &["CUSTTABLE"]),
    ]);
    let ds = diagnostics(&ws, p);
    let d = ds
        .iter()
        .find(|d| d.code == "CLS-MISSING-PARENTS" && d.place.table.as_deref() == Some("CUSTTABLE"))
        .expect("CUSTTABLE's parents are missing");
    assert!(
        d.message.contains("DIRPARTYTABLE") || d.message.contains("more"),
        "{}",
        d.message
    );
    assert_eq!(d.place.scope, Some(ids[1]));
    let fix = d.fix.clone().unwrap();
    assert!(fix.label.starts_with("Add the "), "{}", fix.label);
    fix.action.apply(&mut ws);
    // Every ancestor of CUSTTABLE is now offline, so no table of its scope misses a parent.
    let scope_tables = ws.scope(ids[1]).unwrap().tables.clone();
    let left: Vec<String> = diagnostics(&ws, p)
        .iter()
        .filter(|d| d.code == "CLS-MISSING-PARENTS")
        .filter_map(|d| d.place.table.clone())
        .filter(|t| scope_tables.contains(t))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    let tables = &ws.scope(ids[1]).unwrap().tables;
    for parent in [
        "DIRPARTYTABLE",
        "CURRENCY",
        "COMPANYINFO",
        "LOGISTICSPOSTALADDRESS",
    ] {
        assert!(
            tables.iter().any(|t| t == parent)
                || ws.scope(ids[0]).unwrap().tables.iter().any(|t| t == parent),
            "{parent}"
        );
    }
}

#[test]
fn order_warns_when_a_child_scope_runs_before_its_parent_and_the_fix_moves_the_parent() {
    // CUSTTABLE refers to CURRENCY; nothing in either scope refers back.
    let (mut ws, p, ids) = build(&[
        ("Customers", SyncDirection::Download, 900, &["CUSTTABLE"]),
        ("Currencies", SyncDirection::Download, 900, &["CURRENCY"]),
    ]);
    let watch = ["ORD-CHILD-BEFORE-PARENT", "ORD-MUTUAL-SCOPES"];
    check(&ws, p, &watch, &["ORD-CHILD-BEFORE-PARENT"]);
    let d = find(&diagnostics(&ws, p), "ORD-CHILD-BEFORE-PARENT").clone();
    assert!(
        d.message.contains("CURRENCY, a parent of CUSTTABLE"),
        "{}",
        d.message
    );
    assert_eq!(
        d.fix.as_ref().unwrap().label,
        "Move \u{201c}Currencies\u{201d} before \u{201c}Customers\u{201d}"
    );
    apply_fix(&mut ws, p, "ORD-CHILD-BEFORE-PARENT");
    assert_eq!(ws.profile(p).unwrap().scopes, vec![ids[1], ids[0]]);
    check(&ws, p, &watch, &[]);
}

#[test]
fn scopes_holding_parents_of_each_other_get_an_explanation_not_a_fix() {
    // CUSTTABLE -> PRICEDISCGROUP, and PRICEDISCTABLE -> CUSTTABLE: each scope needs the other.
    let (ws, p, _) = build(&[
        ("Customers", SyncDirection::Download, 900, &["CUSTTABLE"]),
        (
            "Prices",
            SyncDirection::Download,
            900,
            &["PRICEDISCGROUP", "PRICEDISCTABLE"],
        ),
    ]);
    let ds = diagnostics(&ws, p);
    let d = find(&ds, "ORD-MUTUAL-SCOPES");
    assert_eq!(d.severity, Severity::Info);
    assert!(d.fix.is_none());
    assert!(!ds.iter().any(|d| d.code == "ORD-CHILD-BEFORE-PARENT"));
}

#[test]
fn real_parent_cycles_are_explained_not_reported_as_impossible() {
    let (ws, p, _) = build(&[
        ESSENTIALS,
        ("Customers", SyncDirection::Download, 900, &["CUSTTABLE"]),
        (
            "Warehouses",
            SyncDirection::Download,
            900,
            &["INVENTLOCATION"],
        ),
    ]);
    let ds = diagnostics(&ws, p);
    let cycle = find(&ds, "ORD-PARENT-CYCLE");
    assert_eq!(cycle.severity, Severity::Info);
    assert!(
        cycle.message.contains("CUSTTABLE, INVENTLOCATION"),
        "{}",
        cycle.message
    );
    assert!(
        !ds.iter().any(|d| d.code == "ORD-CHILD-BEFORE-PARENT"
            && d.message.contains("INVENTLOCATION, a parent of CUSTTABLE")),
        "the cycle pair is not an order warning"
    );
}

#[test]
fn product_and_customer_limits() {
    let (mut ws, p, _) = build(&[ESSENTIALS]);
    let watch = [
        "LIM-PRODUCTS-NO-RULE",
        "LIM-PRODUCTS-N",
        "LIM-PRODUCTS-DAYS",
        "LIM-CUSTOMERS-NO-RULE",
        "LIM-CUSTOMERS-N",
        "LIM-CUSTOMERS-DAYS",
        "LIM-PARTY-TABLE",
    ];
    check(&ws, p, &watch, &[]);
    let prof = ws.profile_mut(p).unwrap();
    prof.products.limited = true;
    prof.customers.limited = true;
    check(
        &ws,
        p,
        &watch,
        &["LIM-PRODUCTS-NO-RULE", "LIM-CUSTOMERS-NO-RULE"],
    );
    let prof = ws.profile_mut(p).unwrap();
    prof.products.rule = Some(ProductRule::Categories);
    prof.customers.rule = Some(CustomerRule::Address);
    check(
        &ws,
        p,
        &watch,
        &["LIM-PRODUCTS-NO-RULE", "LIM-CUSTOMERS-NO-RULE"],
    );
    let prof = ws.profile_mut(p).unwrap();
    prof.products.rule = Some(ProductRule::TopBySalesAmount);
    prof.products.top_n = 0;
    prof.products.within_days = -3;
    prof.customers.rule = Some(CustomerRule::TopByVisits);
    prof.customers.top_n = 5000;
    prof.customers.within_days = 0;
    check(
        &ws,
        p,
        &watch,
        &["LIM-PRODUCTS-N", "LIM-PRODUCTS-DAYS", "LIM-CUSTOMERS-DAYS"],
    );
    let prof = ws.profile_mut(p).unwrap();
    prof.products.top_n = 500;
    prof.products.within_days = 30;
    prof.customers.within_days = 90;
    check(&ws, p, &watch, &[]);
}

#[test]
fn a_customer_limit_must_not_strip_party_rows_staff_need() {
    let (mut ws, p, ids) = build(&[
        ESSENTIALS,
        ("Parties", SyncDirection::Download, 900, &["DIRPARTYTABLE"]),
    ]);
    let prof = ws.profile_mut(p).unwrap();
    prof.customers.limited = true;
    prof.customers.rule = Some(CustomerRule::Address);
    prof.customers.city = "Seattle".into();
    prof.customers.limit_party_table = true;
    check(&ws, p, &["LIM-PARTY-TABLE"], &["LIM-PARTY-TABLE"]);
    assert!(find(&diagnostics(&ws, p), "LIM-PARTY-TABLE")
        .message
        .contains("staff"));
    apply_fix(&mut ws, p, "LIM-PARTY-TABLE");
    check(&ws, p, &["LIM-PARTY-TABLE"], &[]);
    // Without DIRPARTYTABLE offline there is nothing to strip.
    ws.profile_mut(p).unwrap().customers.limit_party_table = true;
    ws.scope_mut(ids[1]).unwrap().tables.clear();
    check(&ws, p, &["LIM-PARTY-TABLE"], &[]);
}

#[test]
fn device_configuration_out_of_range() {
    let (mut ws, p, _) = build(&[ESSENTIALS]);
    let watch = [
        "DEV-OUT-OF-RANGE",
        "DEV-FOLDER",
        "DEV-EXPORT-FOLDER-REQUIRED",
    ];
    check(&ws, p, &watch, &[]);
    let d = &mut ws.profile_mut(p).unwrap().device;
    d.offline_timeout_secs = 0;
    d.reconnect_interval_mins = 2000;
    d.new_database_check_mins = -1;
    d.upload_transaction_size = 1_000_000;
    d.image_folder = "C:\\images|bad".into();
    d.data_export_folder = String::new();
    d.export_schedule = ExportSchedule::Daily;
    check(
        &ws,
        p,
        &watch,
        &[
            "DEV-OUT-OF-RANGE",
            "DEV-OUT-OF-RANGE",
            "DEV-OUT-OF-RANGE",
            "DEV-OUT-OF-RANGE",
            "DEV-FOLDER",
            "DEV-EXPORT-FOLDER-REQUIRED",
        ],
    );
    let ds = diagnostics(&ws, p);
    assert!(ds
        .iter()
        .any(|d| d.message == "Offline timeout must be between 1 and 600 seconds; it is 0."));
}

#[test]
fn a_register_needs_staff_channel_configuration_and_registers_to_go_offline() {
    let (mut ws, p, _) = build(&[("Currency", SyncDirection::Download, 3600, &["CURRENCY"])]);
    check(
        &ws,
        p,
        &["ESS-MISSING"],
        &["ESS-MISSING", "ESS-MISSING", "ESS-MISSING"],
    );
    let ds = diagnostics(&ws, p);
    let staff = ds
        .iter()
        .find(|d| d.message.contains("RETAILSTAFFTABLE"))
        .unwrap();
    assert_eq!(
        staff.fix.as_ref().unwrap().label,
        "Add scope \u{201c}1060 Staff\u{201d}"
    );
    for _ in 0..3 {
        apply_fix(&mut ws, p, "ESS-MISSING");
    }
    check(&ws, p, &["ESS-MISSING"], &[]);
    // An upload-only scope does not bring staff data to registers.
    let (ws, p, _) = build(&[(
        "Up",
        SyncDirection::Upload,
        300,
        &[
            "RETAILSTAFFTABLE",
            "RETAILCHANNELTABLE",
            "RETAILTERMINALTABLE",
        ],
    )]);
    check(
        &ws,
        p,
        &["ESS-MISSING"],
        &["ESS-MISSING", "ESS-MISSING", "ESS-MISSING"],
    );
}

#[test]
fn diagnostics_point_at_form_fields() {
    let (mut ws, p, ids) = build(&[
        ESSENTIALS,
        ("Fast", SyncDirection::Download, 5, &["CURRENCY"]),
    ]);
    ws.profile_mut(p).unwrap().name.clear();
    let ds = diagnostics(&ws, p);
    assert_eq!(
        find(&ds, "PRF-NAME-REQUIRED").place.dom_id(),
        "profile-name"
    );
    assert_eq!(
        find(&ds, "FRQ-STORM").place.dom_id(),
        format!("scope-{}-frequency", ids[1].0)
    );
    assert!(
        ds.windows(2).all(|w| w[0].severity <= w[1].severity),
        "errors first"
    );
}

#[test]
fn a_profile_of_all_438_tables_in_30_scopes_validates_with_findings() {
    let catalog = Catalog::builtin();
    let mut ws = Workspace::empty();
    let p = ws.new_profile();
    let names: Vec<String> = catalog.tables().iter().map(|t| t.name.clone()).collect();
    for (i, chunk) in names.chunks(names.len().div_ceil(30)).enumerate() {
        let s = ws.new_scope(&format!("Scope {i}"), SyncDirection::Bidirectional);
        ws.add_tables(s, chunk);
        ws.add_scope_to_profile(p, s);
    }
    assert_eq!(ws.profile(p).unwrap().scopes.len(), 30);
    let ds = diagnostics(&ws, p);
    assert!(ds.len() > 100, "such a profile has plenty to say");
}
