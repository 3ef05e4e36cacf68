//! The integration tests: fixture sites under `tests/fixtures/` copied into a temporary folder
//! and built by the real `pccc` binary.

mod architecture;
mod bad_input;
mod build;
pub mod cli;
mod content_rules;
mod corpus;
mod csv_injection;
mod deploy;
pub mod drills;
mod errors;
mod fold;
mod golden;
#[cfg(unix)]
mod kill;
mod lessons;
mod limits;
mod messages;
mod open_data;
#[cfg(unix)]
mod output_dir;
mod personal_data;
mod placeholders;
#[cfg(unix)]
mod publish;
mod search;
mod search_quality;
mod serve;
mod share_cards;
mod site_links;
mod support;
mod violations;
mod ward;
