//! The integration tests: fixture sites under `tests/fixtures/` copied into a temporary folder
//! and built by the real `pccc` binary.

mod architecture;
mod bad_input;
mod build;
mod build_cache;
pub mod cli;
mod content_rules;
mod corpus;
mod csv_injection;
mod deploy;
pub mod drills;
mod edits;
mod errors;
mod fold;
mod golden;
mod indicators;
#[cfg(unix)]
mod kill;
mod lessons;
mod limits;
mod map_outline;
mod messages;
mod open_data;
#[cfg(unix)]
mod output_dir;
mod personal_data;
mod placeholders;
mod places;
#[cfg(unix)]
mod publish;
mod reports;
mod search;
mod search_quality;
mod serve;
mod share_cards;
mod site_links;
mod support;
mod tiep_can;
mod to_dan_pho;
mod violations;
mod ward;
