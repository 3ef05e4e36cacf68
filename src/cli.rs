//! The command line: argument parsing with clap and the dispatch to the pipeline.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{ArgAction, Args, CommandFactory, FromArgMatches, Parser, Subcommand};
use jiff::civil::Date;

use crate::diagnostic::Problems;
use crate::pipeline::{self, BuildOptions, Report};

/// pccc: dựng trang thông tin an toàn phòng cháy, chữa cháy (PCCC) và cứu nạn, cứu hộ (CNCH)
/// của phường từ nội dung Markdown, dữ liệu và giao diện.
#[derive(Debug, Parser)]
#[command(
    name = "pccc",
    version,
    about = "pccc: dựng trang thông tin an toàn phòng cháy, chữa cháy và cứu nạn, cứu hộ của phường.",
    disable_help_subcommand = true,
    disable_help_flag = true,
    disable_version_flag = true,
    subcommand_help_heading = "Lệnh",
    subcommand_value_name = "LỆNH",
    next_help_heading = "Tuỳ chọn"
)]
pub struct Cli {
    /// Thư mục của trang (nơi có site.toml). Mặc định: thư mục hiện tại.
    #[arg(
        long,
        global = true,
        value_name = "THƯ_MỤC",
        default_value = ".",
        hide_default_value = true
    )]
    pub root: PathBuf,

    /// In phần trợ giúp này.
    #[arg(short = 'h', long, global = true, action = ArgAction::Help)]
    help: Option<bool>,

    /// In số phiên bản.
    #[arg(short = 'V', long, action = ArgAction::Version)]
    version: Option<bool>,

    /// Lệnh cần chạy.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Dựng toàn bộ trang vào thư mục xuất (mặc định public/).
    Build(BuildArgs),
    /// Kiểm tra nội dung và giao diện, không ghi tệp nào.
    Check(BuildArgs),
    /// Xem thử trang trong trình duyệt; tự dựng lại và tải lại khi lưu tệp.
    #[cfg(feature = "serve")]
    Serve(ServeArgs),
    /// Tạo một tệp nội dung mới (bản nháp) trong một chuyên mục.
    New {
        /// Chuyên mục: tên thư mục trong content/, ví dụ bai-viet.
        #[arg(value_name = "CHUYÊN_MỤC", help_heading = "Tham số")]
        section: String,
        /// Tiêu đề của trang mới.
        #[arg(value_name = "TIÊU_ĐỀ", help_heading = "Tham số")]
        title: String,
    },
}

/// Options shared by `build` and `check`.
#[derive(Debug, Args)]
#[command(next_help_heading = "Tuỳ chọn")]
pub struct BuildArgs {
    /// Coi ngày này là hôm nay (dạng 2026-02-05), để dựng lại đúng như một ngày đã qua.
    #[arg(long, value_name = "NGÀY", value_parser = parse_date)]
    pub as_of: Option<Date>,
    /// Dựng cả các bản nháp (draft: true).
    #[arg(long)]
    pub drafts: bool,
    /// Dùng địa chỉ gốc này thay cho base_url trong site.toml (để xem thử).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Báo lỗi, không dựng, khi site.toml còn thông tin tạm (“CHƯA CÓ”, base_url .example):
    /// dùng khi đăng trang thật.
    #[arg(long)]
    pub strict: bool,
}

/// Options of `serve`.
#[cfg(feature = "serve")]
#[derive(Debug, Args)]
#[command(next_help_heading = "Tuỳ chọn")]
pub struct ServeArgs {
    /// Cổng của máy chủ xem thử (0: chọn cổng còn trống).
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Địa chỉ nghe. Mặc định chỉ máy này xem được (127.0.0.1).
    #[arg(long, value_name = "ĐỊA_CHỈ", default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Mở trang trong trình duyệt.
    #[arg(long)]
    pub open: bool,
    /// Tuỳ chọn dựng trang.
    #[command(flatten)]
    pub build: BuildArgs,
}

fn parse_date(text: &str) -> Result<Date, String> {
    text.parse::<Date>().map_err(|_| {
        format!("`{text}` không phải ngày hợp lệ; viết dạng năm-tháng-ngày, ví dụ 2026-02-05")
    })
}

impl BuildArgs {
    fn options(&self, root: PathBuf) -> BuildOptions {
        BuildOptions {
            root,
            as_of: self.as_of,
            drafts: self.drafts,
            base_url: self.base_url.clone(),
            strict: self.strict,
        }
    }
}

/// The help layout, with Vietnamese headings.
const HELP_TEMPLATE: &str = "{about}\n\nCách dùng: {usage}\n\n{all-args}";

/// The command definition with Vietnamese help on every subcommand.
pub fn command() -> clap::Command {
    Cli::command()
        .help_template(HELP_TEMPLATE)
        .mut_subcommands(|sub| sub.help_template(HELP_TEMPLATE))
}

/// Runs the command line: parses arguments, runs the command, prints what happened.
pub fn main() -> ExitCode {
    let parsed = command().try_get_matches().and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => e.exit(),
        Err(e) => {
            // clap's own sentences are English; the help it prints is ours, in Vietnamese.
            let explained = crate::explain::command_line(&e);
            eprintln!("lỗi: {}\n  = gợi ý: {}", explained.message, explained.help);
            return ExitCode::from(2);
        }
    };
    let styled = std::io::stderr().is_terminal();
    let result = run(cli);
    // A build stopped by a signal ends in the signal's cleanup, not here.
    crate::output::interrupt::settle();
    match result {
        Ok(message) => {
            println!("{message}");
            ExitCode::SUCCESS
        }
        Err(problems) => {
            eprint!("{}", problems.render(styled));
            ExitCode::FAILURE
        }
    }
}

/// Runs one command; the `Ok` value is the message to print.
pub fn run(cli: Cli) -> Result<String, Problems> {
    let styled = std::io::stderr().is_terminal();
    match cli.command {
        Command::Build(args) => {
            // Without it a stopped build leaves its staging folder, which the next one removes.
            let _ = crate::output::interrupt::listen();
            let report = pipeline::build(&args.options(cli.root))?;
            Ok(summary(&report, styled))
        }
        Command::Check(args) => {
            let report = pipeline::check(&args.options(cli.root))?;
            Ok(summary(&report, styled))
        }
        #[cfg(feature = "serve")]
        Command::Serve(args) => {
            crate::serve::run(crate::serve::ServeOptions {
                build: args.build.options(cli.root),
                bind: args.bind,
                port: args.port,
                open: args.open,
            })?;
            Ok(String::new())
        }
        Command::New { section, title } => {
            let root = pipeline::site_root(&cli.root)?;
            let config = crate::config::load(&root)?;
            let today = crate::dates::today(None, &config.timezone);
            let path = crate::scaffold::new_page(&root, &section, &title, today)?;
            Ok(format!(
                "Đã tạo {} (bản nháp: đổi draft: true thành false khi muốn đăng).",
                path.display()
            ))
        }
    }
}

fn summary(report: &Report, styled: bool) -> String {
    let mut text = String::new();
    if !report.warnings.is_empty() {
        eprint!("{}", report.warnings.render(styled));
    }
    let seconds = format!("{:.2}", report.elapsed.as_secs_f64()).replace('.', ",");
    match &report.output_dir {
        Some(dir) => text.push_str(&format!(
            "Đã dựng {} trang, {} chuyên mục ({} tệp) vào {} trong {seconds} giây.",
            report.pages,
            report.sections,
            report.files,
            dir.display()
        )),
        None => text.push_str(&format!(
            "Không có lỗi: {} trang, {} chuyên mục ({} tệp) trong {seconds} giây. Chưa ghi tệp nào.",
            report.pages, report.sections, report.files
        )),
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_is_well_formed() {
        command().debug_assert();
    }

    #[test]
    fn as_of_must_be_a_date() {
        assert!(parse_date("2026-02-05").is_ok());
        assert_eq!(
            parse_date("05/02/2026").unwrap_err(),
            "`05/02/2026` không phải ngày hợp lệ; viết dạng năm-tháng-ngày, ví dụ 2026-02-05"
        );
    }
}
