//! Host tests of the built-in table catalog.
#![cfg(not(target_arch = "wasm32"))]

use offline_profile_studio::catalog::{
    generate::generate, Catalog, DbSchema, Job, SqlType, TableDirection,
};

fn catalog() -> &'static Catalog {
    Catalog::builtin()
}

fn names(ids: &[offline_profile_studio::catalog::TableId]) -> Vec<&'static str> {
    ids.iter()
        .map(|id| catalog().table(*id).name.as_str())
        .collect()
}

#[test]
fn the_checked_in_compact_catalog_is_what_the_generator_makes() {
    let root = env!("CARGO_MANIFEST_DIR");
    let json = std::fs::read_to_string(format!("{root}/data/channel_tables.json")).unwrap();
    let generated = generate(&json).unwrap();
    let shipped = std::fs::read_to_string(format!("{root}/src/catalog/tables.tsv")).unwrap();
    assert!(
        generated == shipped,
        "src/catalog/tables.tsv is stale or was edited: run `cargo run --bin gen-catalog`"
    );
}

#[test]
fn counts_match_the_source() {
    let c = catalog();
    assert_eq!(c.len(), 438);
    let count = |f: &dyn Fn(&offline_profile_studio::catalog::Table) -> bool| {
        c.tables().iter().filter(|t| f(t)).count()
    };
    assert_eq!(count(&|t| t.schema == DbSchema::Ax), 403);
    assert_eq!(count(&|t| t.schema == DbSchema::Crt), 35);
    assert_eq!(count(&|t| t.direction == TableDirection::Download), 357);
    assert_eq!(count(&|t| t.direction == TableDirection::Upload), 46);
    assert_eq!(count(&|t| t.direction == TableDirection::ChannelLocal), 35);
    assert_eq!(count(&|t| t.job == Job::Scheduler(1040)), 78);
    assert_eq!(count(&|t| t.job == Job::PosTransactions), 44);
    let columns: usize = c.tables().iter().map(|t| t.columns.len()).sum();
    assert_eq!(columns, 4770);
}

#[test]
fn custtable_has_its_key_columns_and_parents() {
    let t = catalog().get("CUSTTABLE").unwrap();
    assert_eq!(t.primary_key, ["ACCOUNTNUM", "DATAAREAID"]);
    assert_eq!(t.job, Job::Scheduler(1010));
    assert_eq!(t.direction, TableDirection::Download);
    assert_eq!(
        names(&t.parents),
        [
            "COMPANYINFO",
            "CURRENCY",
            "CUSTGROUP",
            "DIRPARTYTABLE",
            "DLVMODE",
            "DOCUREF",
            "INVENTLOCATION",
            "INVENTSITE",
            "LOGISTICSADDRESSCOUNTRYREGION",
            "LOGISTICSADDRESSCOUNTY",
            "LOGISTICSADDRESSSTATE",
            "PRICEDISCGROUP",
            "TAXGROUPHEADING"
        ]
    );
    assert_eq!(t.column("ACCOUNTNUM").unwrap().sql_type, SqlType::NVarChar);
}

#[test]
fn lookups_ignore_case_and_miss_cleanly() {
    let c = catalog();
    assert_eq!(c.id("custtable"), c.id("CUSTTABLE"));
    assert!(c.get("NOSUCHTABLE").is_none());
    assert!(c.get("").is_none());
}

#[test]
fn children_mirror_parents() {
    let c = catalog();
    for (id, t) in c.iter() {
        for p in &t.parents {
            assert!(
                c.table(*p).children.contains(&id),
                "{} -> {}",
                t.name,
                c.table(*p).name
            );
        }
        for ch in &t.children {
            assert!(c.table(*ch).parents.contains(&id));
        }
    }
    let cust = c.id("CUSTTABLE").unwrap();
    assert!(c.get("DIRPARTYTABLE").unwrap().children.contains(&cust));
}

#[test]
fn retail_transaction_table_is_an_upload_table_with_a_replication_counter() {
    let t = catalog().get("RETAILTRANSACTIONTABLE").unwrap();
    assert_eq!(t.direction, TableDirection::Upload);
    assert_eq!(t.job, Job::PosTransactions);
    assert_eq!(
        t.replication_counter.as_deref(),
        Some("REPLICATIONCOUNTERFROMORIGIN")
    );
    assert!(t.column("REPLICATIONCOUNTERFROMORIGIN").unwrap().identity);
}

#[test]
fn every_upload_table_has_a_replication_counter_column() {
    for t in catalog().tables() {
        if t.direction == TableDirection::Upload {
            let counter = t.replication_counter.as_deref().unwrap();
            assert!(t.column(counter).is_some(), "{}", t.name);
        }
    }
    let counters = catalog()
        .tables()
        .iter()
        .filter(|t| t.direction == TableDirection::Upload)
        .filter(|t| t.replication_counter.as_deref() == Some("REPLICATIONCOUNTER"))
        .count();
    assert_eq!(counters, 5);
}

#[test]
fn the_four_known_parent_cycles_are_detected() {
    let cycles: Vec<Vec<&str>> = catalog()
        .cycles()
        .iter()
        .map(|c| names(&c.tables))
        .collect();
    let mut expected = vec![
        vec![
            "DIRPARTYTABLE",
            "LOGISTICSELECTRONICADDRESS",
            "LOGISTICSPOSTALADDRESS",
        ],
        vec!["CUSTTABLE", "INVENTLOCATION"],
        vec!["RETAILCONNDATABASEPROFILE", "RETAILTERMINALTABLE"],
        vec!["RETAILDISCOUNTCODE", "RETAILPERIODICDISCOUNT"],
    ];
    let mut got = cycles.clone();
    got.sort();
    expected.sort();
    assert_eq!(got, expected);
    let c = catalog();
    assert!(c.cycle_of(c.id("CUSTTABLE").unwrap()).is_some());
    assert!(c.cycle_of(c.id("CURRENCY").unwrap()).is_none());
}

#[test]
fn search_finds_by_name_job_and_direction() {
    let c = catalog();
    let hits = c.search("custtable", None, None);
    assert_eq!(c.table(hits[0]).name, "CUSTTABLE", "exact name ranks first");
    let uploads = c.search("", None, Some(TableDirection::Upload));
    assert_eq!(uploads.len(), 46);
    let staff = c.search("", Some(Job::Scheduler(1060)), None);
    assert_eq!(staff.len(), 12);
    assert!(
        c.search("customers", None, None).len() >= 16,
        "job names are searchable"
    );
    assert!(c.search("zzzz-nothing", None, None).is_empty());
}

#[test]
fn job_codes_round_trip() {
    for job in Job::ALL {
        assert_eq!(Job::parse(&job.code()), Some(job));
    }
    assert_eq!(Job::parse("9999"), None);
    assert_eq!(Job::Scheduler(1010).label(), "1010 Customers");
}

#[test]
fn the_compact_form_rejects_damage_with_the_line() {
    let bad = "T\tax\tA\t1000\tdownload\t-\t1\t1\tID\tMISSING\tCDM\t\nC\tID\tINT\t-\t-\n";
    let err = Catalog::from_compact(bad).unwrap_err();
    assert!(
        err.to_string().contains("unknown parent table MISSING"),
        "{err}"
    );
    let err = Catalog::from_compact("C\tID\tINT\t-\t-\n").unwrap_err();
    assert_eq!(err.line, 1);
    let err =
        Catalog::from_compact("T\tax\tA\t1000\tsideways\t-\t1\t1\tID\t\tCDM\t\n").unwrap_err();
    assert!(err.to_string().contains("sideways"));
}
