//! The user's own types in place of schemas (`--replace SCHEMA=path::Type`, `x-rust-type`),
//! compiled: `specs/replace.yaml` generated into a crate that depends on a tiny crate of the
//! user's types, which builds and decodes an invoice into them; and a replacement naming a type
//! that does not exist, which `cargo check` refuses with the user's path in its message.
//!
//! The crates are written under the system temporary directory, outside the workspace, and
//! built with the target directory the Atlas tests use ([`standalone::target_dir`]), so that
//! their dependencies compile once.

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::standalone::{self, make_standalone, scratch_dir, workspace};

fn spec() -> PathBuf {
    workspace().join("tests/specs/replace.yaml")
}

/// The user's crate: serde types of their own, each a different shape than the schema it
/// replaces would generate (a string newtype, a struct without `new`).
const USER_MANIFEST: &str = r#"[package]
name = "user-types"
version = "0.1.0"
edition = "2021"
publish = false

[dependencies]
serde = { version = "1", features = ["derive"] }
"#;

const USER_LIB: &str = r#"//! Types an application already has.
use serde::{Deserialize, Serialize};

/// An exact amount: the decimal text as sent, and its currency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Money {
    pub amount: String,
    pub currency: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct InvoiceId(pub String);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Stamp(pub String);
"#;

/// A test of the user's, in the generated crate: an invoice decodes into their types, and the
/// builder takes their `Money` as the request body.
const USER_TEST: &str = r##"use invoices::models::Invoice;
use user_types::{InvoiceId, Money, Stamp};

#[test]
fn an_invoice_decodes_into_the_users_types() {
    let invoice: Invoice = serde_json::from_str(
        r#"{"id": "inv-7", "total": {"amount": "12.30", "currency": "EUR"}, "issued": "2024-05-01T10:00:00Z",
            "lines": [{"amount": "12.30", "currency": "EUR"}]}"#,
    )
    .expect("decodes");
    assert_eq!(invoice.id, InvoiceId("inv-7".to_owned()));
    let total: &Money = &invoice.total;
    assert_eq!(total.amount, "12.30");
    assert_eq!(invoice.issued, Some(Stamp("2024-05-01T10:00:00Z".to_owned())));
    assert_eq!(invoice.lines.as_deref().map(<[Money]>::len), Some(1));
    let built = Invoice::new(InvoiceId("inv-8".to_owned()), Money { amount: "1".into(), currency: "USD".into() });
    let json = serde_json::to_value(&built).expect("encodes");
    assert_eq!(json["total"]["currency"], "USD");
    let _ = invoices::operations::SetInvoiceTotal::new("inv-8", total.clone());
}
"##;

/// Writes the user's crate and the crate generated with `generator` beside it, the generated
/// one depending on the user's (below the manifest's marker, as a user adds it) and a
/// workspace of its own; returns the generated crate's directory.
fn write_crates(generator: specforge::Generator, name: &str) -> PathBuf {
    let dir = scratch_dir(name);
    let user = dir.join("user-types");
    std::fs::create_dir_all(user.join("src")).unwrap();
    std::fs::write(user.join("Cargo.toml"), USER_MANIFEST).unwrap();
    std::fs::write(user.join("src/lib.rs"), USER_LIB).unwrap();

    let client = dir.join("invoices");
    let generation = generator.crate_name("invoices").generate().unwrap_or_else(|error| panic!("{error}"));
    generation.write(&client).unwrap_or_else(|error| panic!("cannot write the crate: {error}"));
    let manifest = client.join("Cargo.toml");
    let mut text = std::fs::read_to_string(&manifest).unwrap();
    assert!(text.contains(specforge::output::MANIFEST_MARKER));
    text.push_str("\n[dependencies.user-types]\npath = \"../user-types\"\n");
    std::fs::write(&manifest, text).unwrap();
    make_standalone(&client);
    client
}

/// Runs cargo in the crate at `dir` (see [`standalone::cargo`]).
fn cargo(dir: &Path, args: &[&str]) -> Output {
    let _one_at_a_time = standalone::one_cargo_at_a_time();
    standalone::cargo(dir)
        .args(args)
        .arg("--manifest-path")
        .arg(dir.join("Cargo.toml"))
        .output()
        .unwrap_or_else(|error| panic!("cannot run cargo: {error}"))
}

#[test]
fn replaced_schemas_use_the_users_types_and_the_crate_builds_and_decodes() {
    let generator = specforge::Generator::new(spec()).replace("Money", "user_types::Money");
    let client = write_crates(generator, "replace-builds");
    let models = std::fs::read_to_string(client.join("src/models.rs")).unwrap();
    assert!(!models.contains("pub struct Money") && !models.contains("pub struct Stamp"), "no model: {models}");
    assert!(models.contains("pub total: user_types::Money,"), "{models}");
    assert!(models.contains("pub id: user_types::InvoiceId,"), "an inline x-rust-type: {models}");
    assert!(models.contains("pub issued: Option<user_types::Stamp>,"), "a component's x-rust-type: {models}");
    std::fs::create_dir_all(client.join("tests")).unwrap();
    std::fs::write(client.join("tests/users_types.rs"), USER_TEST).unwrap();

    let output = cargo(&client, &["test", "--test", "users_types"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "cargo test fails:\n{stderr}\n{}", String::from_utf8_lossy(&output.stdout));
    let warnings: Vec<&str> = stderr.lines().filter(|line| line.contains("warning:")).collect();
    assert!(warnings.is_empty(), "warnings: {warnings:?}\n{stderr}");
    assert!(String::from_utf8_lossy(&output.stdout).contains("test an_invoice_decodes_into_the_users_types ... ok"));
}

#[test]
fn a_replacement_that_does_not_exist_fails_cargo_check_naming_its_path() {
    // The crate exists but has no such type; the schema is referenced (`Invoice.total`) and
    // also checked on its own.
    let generator = specforge::Generator::new(spec()).replace("Money", "user_types::NoSuchMoney");
    let client = write_crates(generator, "replace-missing");
    let output = cargo(&client, &["check"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "cargo check passes with a type that does not exist:\n{stderr}");
    assert!(stderr.contains("user_types::NoSuchMoney"), "the message names the path:\n{stderr}");
    assert!(stderr.contains("error[E0412]") || stderr.contains("cannot find type `NoSuchMoney`"), "{stderr}");
}
