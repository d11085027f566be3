//! Rules on the Offline products and Offline customers limits.

use super::*;

fn check_count(
    value: i64,
    what: &str,
    max: i64,
    code: &'static str,
    field: Field,
    p: &Profile,
    out: &mut Vec<Diagnostic>,
) {
    if value <= 0 || value > max {
        push(
            out,
            code,
            Severity::Error,
            place(Some(p.id), None, None, field),
            format!(
                "{what} must be between 1 and {}; it is {value}.",
                thousands(max as u64)
            ),
            None,
        );
    }
}

pub(in crate::validation) fn limits(
    p: &Profile,
    catalog: &Catalog,
    ws: &Workspace,
    out: &mut Vec<Diagnostic>,
) {
    let prod = &p.products;
    if prod.limited {
        let at = place(Some(p.id), None, None, Field::Products);
        match prod.rule {
            None => push(out, "LIM-PRODUCTS-NO-RULE", Severity::Error, at, "Offline products are limited, but no rule says which products: choose categories, a top N, newest arrivals or an item list.".into(), None),
            Some(ProductRule::Categories) if prod.categories.iter().all(|c| c.trim().is_empty()) => push(out, "LIM-PRODUCTS-NO-RULE", Severity::Error, at, "Offline products are limited by category, but no category is chosen.".into(), None),
            Some(ProductRule::Items) if prod.items.iter().all(|c| c.trim().is_empty()) => push(out, "LIM-PRODUCTS-NO-RULE", Severity::Error, at, "Offline products are limited to an item list, but the list is empty.".into(), None),
            Some(rule) => {
                if rule.takes_n() {
                    check_count(prod.top_n, "The number of offline products (N)", 10_000_000, "LIM-PRODUCTS-N", Field::Products, p, out);
                }
                if rule.takes_days() {
                    check_count(prod.within_days, "The sales period (X days)", 3650, "LIM-PRODUCTS-DAYS", Field::Products, p, out);
                }
            }
        }
    }
    let cust = &p.customers;
    if cust.limited {
        let at = place(Some(p.id), None, None, Field::Customers);
        match cust.rule {
            None => push(out, "LIM-CUSTOMERS-NO-RULE", Severity::Error, at.clone(), "Offline customers are limited, but no rule says which customers: choose an address filter, a top N or a customer list.".into(), None),
            Some(CustomerRule::Address) if [&cust.city, &cust.zip, &cust.state].iter().all(|v| v.trim().is_empty()) => push(out, "LIM-CUSTOMERS-NO-RULE", Severity::Error, at.clone(), "Offline customers are limited by address, but no city, ZIP/postal code or state is given.".into(), None),
            Some(CustomerRule::Accounts) if cust.accounts.iter().all(|c| c.trim().is_empty()) => push(out, "LIM-CUSTOMERS-NO-RULE", Severity::Error, at.clone(), "Offline customers are limited to a customer list, but the list is empty.".into(), None),
            Some(rule) => {
                if rule.takes_top_n() {
                    check_count(cust.top_n, "The number of offline customers (N)", 10_000_000, "LIM-CUSTOMERS-N", Field::Customers, p, out);
                    check_count(cust.within_days, "The period (X days)", 3650, "LIM-CUSTOMERS-DAYS", Field::Customers, p, out);
                }
            }
        }
        let party = catalog.id("DIRPARTYTABLE");
        let member = Membership::of(ws, p, catalog);
        let party_offline = party.is_some_and(|id| member.of_table(id).is_some());
        if cust.limit_party_table && party_offline {
            let staff_offline = catalog
                .tables_of_job(Job::Scheduler(1060))
                .any(|(id, _)| member.of_table(id).is_some());
            let who = if staff_offline { "staff, " } else { "" };
            push(
                out,
                "LIM-PARTY-TABLE",
                Severity::Warning,
                at,
                format!("The customer limit also filters DIRPARTYTABLE, which holds {who}organisations and other parties besides customers: registers would lose rows they need. Limit the customer tables only."),
                fix("Limit customer tables only", Edit::SetProfile {
                    profile: p.id,
                    value: ProfileValue::Customers(CustomerValue::LimitPartyTable(false)),
                }),
            );
        }
    }
}
