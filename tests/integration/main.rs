//! The integration tests: fixture sites under `tests/fixtures/` copied into a temporary folder
//! and built by the real `pccc` binary.

mod build;
mod drills;
mod errors;
#[cfg(unix)]
mod kill;
mod lessons;
#[cfg(unix)]
mod output_dir;
#[cfg(unix)]
mod publish;
mod search;
mod serve;
mod support;
mod violations;
mod ward;
