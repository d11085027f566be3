//! How many rows each table holds for a scenario: the volume model of the simulator.
//!
//! A handful of tables carry the business entities (products, variants, customers, staff, sales
//! transactions); the model gives their rows per entity. With these, one product is about
//! 2.7 KB, one customer about 3.3 KB and one 3-line sales transaction about 6.7 KB of estimated
//! row bytes — close to the figures in the domain notes. Every other table is reference data
//! with a small constant row count. These are assumptions, stated here so they can be argued with.

use super::scenario::Scenario;

/// What a table's rows hang off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Entity {
    /// One or more rows per released item.
    Product,
    /// One row per product variant.
    Variant,
    /// One or more rows per customer.
    Customer,
    /// One row per customer and one per staff member (parties are shared).
    Party,
    /// One or more rows per staff member.
    Staff,
    /// Rows per sales transaction, written on registers and uploaded.
    Transaction,
    /// Reference and configuration data.
    Reference,
}

/// Reference tables hold this many rows.
pub const REFERENCE_ROWS: u64 = 20;

/// The entity of a table and its rows per entity (`per_line`: per transaction line instead).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Volume {
    pub entity: Entity,
    pub per_entity: u32,
    pub per_line: bool,
}

const fn v(entity: Entity, per_entity: u32, per_line: bool) -> Volume {
    Volume {
        entity,
        per_entity,
        per_line,
    }
}

/// The volume model of a table, by name.
pub fn volume_of(name: &str) -> Volume {
    use Entity::*;
    match name {
        "INVENTTABLE"
        | "ECORESPRODUCT"
        | "ECORESPRODUCTTRANSLATION"
        | "INVENTITEMBARCODE"
        | "RETAILINVENTTABLE"
        | "INVENTITEMGTIN"
        | "ECORESPRODUCTCATEGORY"
        | "INVENTITEMGROUPITEM"
        | "RETAILASSORTMENTLOOKUP"
        | "PRICEDISCTABLE"
        | "RETAILINVENTAVAILABILITY" => v(Product, 1, false),
        "INVENTTABLEMODULE" => v(Product, 3, false),
        "ECORESDISTINCTPRODUCTVARIANT"
        | "INVENTDIMCOMBINATION"
        | "ECORESPRODUCTVARIANTDIMENSIONVALUE"
        | "INVENTDIM" => v(Variant, 1, false),
        "CUSTTABLE"
        | "DIRPERSONNAME"
        | "LOGISTICSPOSTALADDRESS"
        | "DIRPARTYLOCATION"
        | "LOGISTICSLOCATION"
        | "RETAILCUSTTABLE"
        | "DIRADDRESSBOOKPARTY" => v(Customer, 1, false),
        "LOGISTICSELECTRONICADDRESS" => v(Customer, 2, false),
        "DIRPARTYTABLE" => v(Party, 1, false),
        "RETAILSTAFFTABLE"
        | "HCMWORKER"
        | "HCMPOSITIONWORKERASSIGNMENT"
        | "RETAILSTAFFCREDENTIALTABLE" => v(Staff, 1, false),
        "RETAILTRANSACTIONTABLE" | "RETAILTRANSACTIONPAYMENTTRANS" => v(Transaction, 1, false),
        "RETAILTRANSACTIONSALESTRANS" | "RETAILTRANSACTIONTAXTRANS" => v(Transaction, 1, true),
        _ => v(Reference, 0, false),
    }
}

impl Volume {
    /// Entities of this kind in a scenario (for [`Entity::Transaction`]: none are kept in the
    /// store at the start; history is counted, not generated).
    pub fn entities(&self, s: &Scenario) -> u64 {
        match self.entity {
            Entity::Product => s.products.into(),
            Entity::Variant => u64::from(s.products) * u64::from(s.variants_per_product),
            Entity::Customer => s.customers.into(),
            Entity::Party => u64::from(s.customers) + u64::from(s.staff),
            Entity::Staff => s.staff.into(),
            Entity::Transaction => 0,
            Entity::Reference => 1,
        }
    }

    /// Rows the store database starts with.
    pub fn initial_rows(&self, s: &Scenario) -> u64 {
        match self.entity {
            Entity::Reference => REFERENCE_ROWS,
            _ => self.entities(s) * u64::from(self.per_entity),
        }
    }

    /// Rows per sales transaction (upload tables only).
    pub fn rows_per_transaction(&self, s: &Scenario) -> u64 {
        match (self.entity, self.per_line) {
            (Entity::Transaction, true) => u64::from(s.lines_per_transaction),
            (Entity::Transaction, false) => 1,
            _ => 0,
        }
    }
}
