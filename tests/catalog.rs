//! Host tests of the built-in table catalog.
#![cfg(not(target_arch = "wasm32"))]

use offline_profile_studio::catalog::{
    generate::generate, Catalog, DbSchema, Job, SqlType, TableDirection, BUILTIN_COLUMNS,
    BUILTIN_TABLES,
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
    for (file, text) in [
        ("tables", &generated.tables),
        ("columns", &generated.columns),
    ] {
        let shipped = std::fs::read_to_string(format!("{root}/src/catalog/{file}.tsv")).unwrap();
        assert!(
            *text == shipped,
            "src/catalog/{file}.tsv is stale or was edited: run `cargo run --bin gen-catalog`"
        );
    }
}

#[test]
fn the_built_in_columns_read_on_demand_are_the_columns_read_with_the_tables() {
    // Catalog::builtin() reads its columns only when asked; read both texts at once, every
    // table's key and identity columns are checked to be its own, and the two agree.
    let eager = Catalog::from_compact(BUILTIN_TABLES, BUILTIN_COLUMNS).expect("both texts parse");
    assert_eq!(eager.tables(), catalog().tables());
    let empty = eager
        .tables()
        .iter()
        .filter(|t| t.columns().is_empty())
        .count();
    assert_eq!(empty, 0, "every table has columns");
}

/// The shared catalog JSON, the generator's input.
fn source() -> serde_json::Map<String, serde_json::Value> {
    let root = env!("CARGO_MANIFEST_DIR");
    let json = std::fs::read_to_string(format!("{root}/data/channel_tables.json")).unwrap();
    serde_json::from_str(&json).unwrap()
}

/// The job the source gives a table: the documented one where there is one.
fn source_job(t: &serde_json::Value) -> &str {
    t["job_documented"]["job"]
        .as_str()
        .unwrap_or_else(|| t["job_inferred"].as_str().unwrap())
}

#[test]
fn counts_match_the_source() {
    let c = catalog();
    let src = source();
    assert_eq!(c.len(), src.len());
    assert!(c.len() > 400, "the catalog is whole: {}", c.len());
    let count = |f: &dyn Fn(&offline_profile_studio::catalog::Table) -> bool| {
        c.tables().iter().filter(|t| f(t)).count()
    };
    let in_source = |f: &dyn Fn(&serde_json::Value) -> bool| src.values().filter(|t| f(t)).count();
    for (schema, key) in [(DbSchema::Ax, "ax"), (DbSchema::Crt, "crt")] {
        assert_eq!(
            count(&|t| t.schema == schema),
            in_source(&|t| t["schema"] == key)
        );
    }
    for d in TableDirection::ALL {
        assert_eq!(
            count(&|t| t.direction == d),
            in_source(&|t| t["direction"] == d.as_str()),
            "{d:?}"
        );
    }
    for job in Job::ALL {
        let n = count(&|t| t.job == job);
        assert_eq!(n, in_source(&|t| source_job(t) == job.code()), "{job:?}");
    }
    assert!(count(&|t| t.job == Job::PosTransactions) > 0);
    let columns: usize = c.tables().iter().map(|t| t.columns().len()).sum();
    let source_columns: usize = src
        .values()
        .map(|t| t["columns"].as_array().unwrap().len())
        .sum();
    assert_eq!(columns, source_columns);
    let documented = in_source(&|t| t.get("job_documented").is_some_and(|d| !d.is_null()));
    assert_eq!(count(&|t| t.job_is_documented()), documented);
    assert!(documented > 0);
}

#[test]
fn documented_jobs_win_over_inferred_ones() {
    let c = catalog();
    // The four tables whose documented job differs from the name-based inference.
    for (name, documented, inferred) in [
        (
            "RETAILOPERATIONS",
            Job::Scheduler(1090),
            Job::Scheduler(1110),
        ),
        ("INVENTSITE", Job::Scheduler(1040), Job::Scheduler(1070)),
        (
            "RETAILHARDWARESTATION",
            Job::Scheduler(1070),
            Job::Scheduler(1090),
        ),
        (
            "RETAILSTOREHARDWARESTATIONTABLE",
            Job::Scheduler(1070),
            Job::Scheduler(1090),
        ),
    ] {
        let t = c.get(name).unwrap();
        assert_eq!(t.job, documented, "{name}");
        let d = t.job_documented.as_ref().unwrap();
        assert_eq!(d.inferred, inferred, "{name}");
        assert!(!d.source.is_empty() && !d.how.is_empty());
    }
    // Every documented table in the source, and only those, is documented in the catalog.
    for t in source().values() {
        let name = t["name"].as_str().unwrap();
        let table = c.get(name).unwrap();
        assert_eq!(table.job.code(), source_job(t), "{name}");
        assert_eq!(
            table.job_is_documented(),
            !t["job_documented"].is_null(),
            "{name}"
        );
    }
    // The default profile follows the documented job.
    let ws = offline_profile_studio::model::Workspace::with_default_profile();
    let registers = ws.scope_described("1090 Registers").unwrap();
    assert!(registers.tables.iter().any(|t| t == "RETAILOPERATIONS"));
    let global = ws.scope_described("1110 Global configuration").unwrap();
    assert!(!global.tables.iter().any(|t| t == "RETAILOPERATIONS"));
    // Search narrows to documented or inferred jobs.
    use offline_profile_studio::catalog::JobSource;
    let documented = c.search_by_source("", None, None, Some(JobSource::Documented));
    let inferred = c.search_by_source("", None, None, Some(JobSource::Inferred));
    assert_eq!(documented.len() + inferred.len(), c.len());
    assert!(names(&documented).contains(&"RETAILOPERATIONS"));
    assert!(!names(&inferred).contains(&"RETAILOPERATIONS"));
    assert_eq!(
        offline_profile_studio::catalog::documented_jobs(c, &registers.tables),
        (
            registers
                .tables
                .iter()
                .filter(|t| c.get(t).unwrap().job_is_documented())
                .count(),
            registers.tables.len()
        )
    );
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
    assert!(t.column("REPLICATIONCOUNTERFROMORIGIN").is_some());
    assert!(t.is_identity("REPLICATIONCOUNTERFROMORIGIN"));
    assert_eq!(t.identity_in_key(), None);
    let stock = catalog().get("RETAILSTOCKCOUNT").unwrap();
    assert!(stock.identity_in_key().is_some(), "{stock:?}");
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
fn the_compact_form_rejects_damage_with_the_text_and_line() {
    // A well-formed two-table catalog, then one damage at a time: (tables, columns, error).
    const T: &str = "T\tax\tA\t1000\tdownload\t-\t1\t1\tID\tID\t\tCDM\t\nT\tax\tB\t1000\tdownload\t-\t1\t1\tID\t\tA\tCDM\tBees\n";
    const C: &str = "T\tA\nC\tID\tINT\t-\t-\nT\tB\nC\tID\tINT\t-\tn\n";
    let good = Catalog::from_compact(T, C).expect("the sample parses");
    assert_eq!(good.get("A").unwrap().identity_in_key(), Some("ID"));
    assert!(good.get("B").unwrap().columns()[0].nullable);
    let cases: &[(&str, &str, &str)] = &[
        (
            &T.replace("\tA\tCDM", "\tMISSING\tCDM"),
            C,
            "catalog tables, line 2: unknown parent table MISSING",
        ),
        (
            "C\tID\tINT\t-\t-\n",
            "",
            "catalog tables, line 1: unexpected line \"C\\tID\\tINT\\t-\\t-\"",
        ),
        (
            &T.replace("download", "sideways"),
            C,
            "catalog tables, line 1: unknown direction \"sideways\"",
        ),
        (
            "D\thow\tsource\t1000\n",
            "",
            "catalog tables, line 1: a documented job before any table",
        ),
        (
            &T.replace("CDM\t\n", "CDM\t\nD\thow\tsource\t9999\n"),
            C,
            "catalog tables, line 2: unknown inferred job \"9999\"",
        ),
        (
            &T.replace("\tB\t", "\tA\t"),
            C,
            "catalog tables, line 0: a table name appears twice",
        ),
        (
            T,
            "C\tID\tINT\t-\t-\n",
            "catalog columns, line 1: a column before any table",
        ),
        (
            T,
            &C.replace("T\tB", "T\tX"),
            "catalog columns, line 3: expected the columns of B, found X",
        ),
        (
            T,
            "T\tA\nC\tID\tINT\t-\t-\n",
            "catalog columns, line 0: the columns of B are missing",
        ),
        (
            T,
            &format!("{C}T\tZ\n"),
            "catalog columns, line 5: Z is not in the tables text",
        ),
        (
            T,
            &C.replace("\tn\n", "\ti\n"),
            "catalog columns, line 4: unknown nullable flag \"i\"",
        ),
        (
            T,
            &C.replace("INT\t-\tn", "WORD\t-\tn"),
            "catalog columns, line 4: unknown SQL type \"WORD\"",
        ),
        (
            T,
            &C.replacen("C\tID", "C\tRECID", 1),
            "catalog columns, line 1: key column ID is not a column of A",
        ),
        (
            &T.replacen("\tID\tID\t", "\tID,RECID\t\t", 1),
            &C.replacen(
                "C\tID\tINT\t-\t-\n",
                "C\tID\tINT\t-\t-\nC\tRECID\tINT\t-\t-\n",
                1,
            )
            .replacen("\tRECID\tINT", "\tSEQ\tINT", 1),
            "catalog columns, line 1: key column RECID is not a column of A",
        ),
        (
            &T.replacen("\tID\tID\t", "\tID\tSEQ\t", 1),
            C,
            "catalog columns, line 1: identity column SEQ is not a column of A",
        ),
    ];
    for (tables, columns, expected) in cases {
        match Catalog::from_compact(tables, columns) {
            Ok(_) => panic!("accepted: {expected}"),
            Err(e) => assert_eq!(e.to_string(), *expected),
        }
    }
}
