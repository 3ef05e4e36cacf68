//! The command line: argument parsing with clap and the dispatch to the pipeline.
//!
//! Every text the command line prints is Vietnamese: the help comes from our templates and
//! doc comments (defaults and allowed values are written in the help text, not by clap), the
//! usage line names options `[TUỲ_CHỌN]`, and clap's errors are rewritten from their kind and
//! context by [`crate::explain::command_line`].

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{ArgAction, Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use jiff::civil::Date;

use crate::diagnostic::Problems;
use crate::explain::CommandLine;
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
        hide_default_value = true,
        display_order = 100
    )]
    pub root: PathBuf,

    /// Tô màu thông báo: auto (mặc định: khi in ra màn hình, trừ khi có biến NO_COLOR hoặc
    /// TERM=dumb), always (luôn tô) hoặc never (không tô).
    #[arg(
        long,
        global = true,
        value_name = "KHI",
        value_enum,
        default_value = "auto",
        hide_default_value = true,
        hide_possible_values = true,
        display_order = 101
    )]
    pub color: Color,

    /// Chỉ in lỗi: không in cảnh báo và dòng tóm tắt.
    #[arg(short = 'q', long, global = true, conflicts_with = "verbose", display_order = 102)]
    pub quiet: bool,

    /// In thêm: ngày được coi là hôm nay, địa chỉ gốc, có dựng bản nháp không.
    #[arg(short = 'v', long, global = true, display_order = 103)]
    pub verbose: bool,

    /// In phần trợ giúp này.
    #[arg(short = 'h', long, global = true, action = ArgAction::Help, display_order = 104)]
    help: Option<bool>,

    /// In số phiên bản.
    #[arg(short = 'V', long, action = ArgAction::Version, display_order = 105)]
    version: Option<bool>,

    /// Lệnh cần chạy.
    #[command(subcommand)]
    pub command: Command,
}

/// When to colour messages on the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    /// On a terminal, unless `NO_COLOR` is set (to anything but the empty string) or
    /// `TERM=dumb` (<https://no-color.org>).
    Auto,
    /// Always, even into a file or a pipe.
    Always,
    /// Never.
    Never,
}

impl Color {
    /// Whether to colour, given the environment's `NO_COLOR` and `TERM` and whether the output
    /// is a terminal. An explicit `--color always` wins over `NO_COLOR`, as the convention says.
    pub fn styled(self, no_color: Option<&str>, term: Option<&str>, terminal: bool) -> bool {
        match self {
            Color::Always => true,
            Color::Never => false,
            Color::Auto => terminal && no_color.is_none_or(str::is_empty) && term != Some("dumb"),
        }
    }

    /// [`Color::styled`] for this process's standard error.
    fn styled_stderr(self) -> bool {
        let var = |name| std::env::var(name).ok();
        self.styled(
            var("NO_COLOR").as_deref(),
            var("TERM").as_deref(),
            std::io::stderr().is_terminal(),
        )
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Dựng toàn bộ trang vào thư mục xuất (mặc định public/).
    Build(BuildArgs),
    /// Kiểm tra nội dung và giao diện, không ghi tệp nào.
    Check(BuildArgs),
    /// Xem thử trang trong trình duyệt, có cả bản nháp; tự dựng lại và tải lại khi lưu tệp.
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
    /// Tạo trang mới cho một phường, xã khác, trong một thư mục chưa có.
    Init(InitArgs),
}

/// Options of `init`: everything it needs is a flag, so it asks nothing.
#[derive(Debug, Args)]
#[command(next_help_heading = "Tuỳ chọn")]
pub struct InitArgs {
    /// Thư mục sẽ tạo cho trang mới (chưa có, hoặc trống).
    #[arg(value_name = "THƯ_MỤC", help_heading = "Tham số")]
    pub dir: PathBuf,
    /// Tên phường, xã, có cả cấp, ví dụ "phường Tân Mai" (bắt buộc).
    #[arg(long, value_name = "TÊN")]
    pub ward: Option<String>,
    /// Tỉnh hoặc thành phố, ví dụ "Hà Nội" (bắt buộc).
    #[arg(long, value_name = "TỈNH")]
    pub province: Option<String>,
    /// Địa chỉ của trang, nếu đã có. Mặc định: một địa chỉ tạm trên tên miền .example.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
}

impl InitArgs {
    /// The ward, or the usage error listing every flag that is missing.
    fn ward(&self) -> Result<crate::init::Ward, CommandLine> {
        let example =
            "ví dụ: pccc init pccc-tan-mai --ward \"phường Tân Mai\" --province \"Hà Nội\"";
        let (ward, province) = match (&self.ward, &self.province) {
            (Some(ward), Some(province)) => (ward, province),
            (ward, province) => {
                let missing: Vec<&str> = [
                    (ward.is_none(), "--ward (tên phường, xã)"),
                    (province.is_none(), "--province (tỉnh, thành phố)"),
                ]
                .into_iter()
                .filter_map(|(missing, flag)| missing.then_some(flag))
                .collect();
                return Err(CommandLine {
                    message: format!("pccc init còn thiếu {}", missing.join(" và ")),
                    help: example.to_string(),
                });
            }
        };
        crate::init::Ward::new(ward, province)
            .map_err(|message| CommandLine { message, help: example.to_string() })
    }
}

/// Options of the site that every building command shares.
#[derive(Debug, Args)]
#[command(next_help_heading = "Tuỳ chọn")]
pub struct SiteArgs {
    /// Coi ngày này là hôm nay (dạng 2026-02-05), để dựng lại đúng như một ngày đã qua.
    #[arg(long, value_name = "NGÀY", value_parser = parse_date)]
    pub as_of: Option<Date>,
    /// Dùng địa chỉ gốc này thay cho base_url trong site.toml, ví dụ
    /// https://phuong.example.gov.vn.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
}

/// Options of `build` and `check`.
#[derive(Debug, Args)]
#[command(next_help_heading = "Tuỳ chọn")]
pub struct BuildArgs {
    /// Tuỳ chọn chung.
    #[command(flatten)]
    pub site: SiteArgs,
    /// Dựng cả các bản nháp (draft: true).
    #[arg(long)]
    pub drafts: bool,
    /// Báo lỗi, không dựng, khi site.toml còn thông tin tạm (“CHƯA CÓ”, base_url .example):
    /// dùng khi đăng trang thật.
    #[arg(long)]
    pub strict: bool,
    /// Dựng vào thư mục này thay cho output_dir trong site.toml (một thư mục con của trang).
    #[arg(short = 'o', long, value_name = "THƯ_MỤC")]
    pub output_dir: Option<PathBuf>,
}

/// Options of `serve`.
#[cfg(feature = "serve")]
#[derive(Debug, Args)]
#[command(next_help_heading = "Tuỳ chọn")]
pub struct ServeArgs {
    /// Cổng của máy chủ xem thử (0: chọn cổng còn trống). Mặc định: 1111.
    #[arg(long, value_name = "CỔNG", default_value_t = 1111, hide_default_value = true)]
    pub port: u16,
    /// Địa chỉ nghe. Mặc định chỉ máy này xem được (127.0.0.1).
    #[arg(long, value_name = "ĐỊA_CHỈ", default_value = "127.0.0.1", hide_default_value = true)]
    pub bind: std::net::IpAddr,
    /// Mở trang trong trình duyệt.
    #[arg(long)]
    pub open: bool,
    /// Xem như khi đã đăng: không hiện bản nháp (mặc định có hiện, kèm dòng "Bản nháp").
    #[arg(long)]
    pub no_drafts: bool,
    /// Tuỳ chọn chung.
    #[command(flatten)]
    pub site: SiteArgs,
}

fn parse_date(text: &str) -> Result<Date, String> {
    text.parse::<Date>().map_err(|_| {
        format!("`{text}` không phải ngày hợp lệ; viết dạng năm-tháng-ngày, ví dụ 2026-02-05")
    })
}

impl SiteArgs {
    /// The build options, with `--base-url` checked by `site.toml`'s rule for `base_url`.
    fn options(&self, root: PathBuf, drafts: bool) -> Result<BuildOptions, CommandLine> {
        let base_url = match &self.base_url {
            None => None,
            Some(url) => {
                Some(crate::config::check_base_url("--base-url", url).map_err(|message| {
                    CommandLine {
                        message,
                        help: "ví dụ: --base-url https://phuong.example.gov.vn".to_string(),
                    }
                })?)
            }
        };
        Ok(BuildOptions {
            root,
            as_of: self.as_of,
            drafts,
            base_url,
            output_dir: None,
            strict: false,
        })
    }
}

impl BuildArgs {
    fn options(&self, root: PathBuf) -> Result<BuildOptions, CommandLine> {
        let mut options = self.site.options(root, self.drafts)?;
        // `-o` is read from the folder the command was typed in, as every program does.
        options.output_dir = self.output_dir.as_ref().map(|dir| match std::path::absolute(dir) {
            Ok(absolute) => absolute,
            Err(_) => dir.clone(),
        });
        options.strict = self.strict;
        Ok(options)
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

/// clap's help with the one English word its usage line keeps, `[OPTIONS]`, in Vietnamese.
fn help_text(rendered: &str) -> String {
    rendered.replace("[OPTIONS]", "[TUỲ_CHỌN]")
}

/// Why a command did not finish.
#[derive(Debug)]
pub enum Failure {
    /// The command line itself is wrong (exit status 2).
    Usage(CommandLine),
    /// The site has problems (exit status 1).
    Problems(Problems),
}

impl From<Problems> for Failure {
    fn from(problems: Problems) -> Failure {
        Failure::Problems(problems)
    }
}

impl From<CommandLine> for Failure {
    fn from(usage: CommandLine) -> Failure {
        Failure::Usage(usage)
    }
}

/// What the terminal shows besides errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verbosity {
    /// Errors only (`--quiet`).
    Quiet,
    /// Warnings and the summary.
    Normal,
    /// And the settings the build used (`--verbose`).
    Verbose,
}

/// Runs the command line: parses arguments, runs the command, prints what happened.
pub fn main() -> ExitCode {
    let parsed = command().try_get_matches().and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            // The help and the version, which clap renders from our Vietnamese texts.
            print!("{}", help_text(&e.render().to_string()));
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            // clap's own sentences are English; the help it prints is ours, in Vietnamese.
            return usage_error(&crate::explain::command_line(&e));
        }
    };
    let styled = cli.color.styled_stderr();
    let result = run(cli, styled);
    // A build stopped by a signal ends in the signal's cleanup, not here.
    crate::output::interrupt::settle();
    match result {
        Ok(message) => {
            if !message.is_empty() {
                println!("{message}");
            }
            ExitCode::SUCCESS
        }
        Err(Failure::Usage(usage)) => usage_error(&usage),
        Err(Failure::Problems(problems)) => {
            eprint!("{}", problems.render(styled));
            ExitCode::FAILURE
        }
    }
}

fn usage_error(explained: &CommandLine) -> ExitCode {
    eprintln!("lỗi: {}\n  = gợi ý: {}", explained.message, explained.help);
    ExitCode::from(2)
}

/// Runs one command; the `Ok` value is the message to print (empty with `--quiet`).
pub fn run(cli: Cli, styled: bool) -> Result<String, Failure> {
    let verbosity = match (cli.quiet, cli.verbose) {
        (true, _) => Verbosity::Quiet,
        (_, true) => Verbosity::Verbose,
        _ => Verbosity::Normal,
    };
    let print = Print { styled, verbosity };
    match cli.command {
        Command::Build(args) => {
            let options = args.options(cli.root)?;
            // Without it a stopped build leaves its staging folder, which the next one removes.
            let _ = crate::output::interrupt::listen();
            let report = pipeline::build(&options)?;
            Ok(print.summary(&report, options.drafts))
        }
        Command::Check(args) => {
            let options = args.options(cli.root)?;
            let report = pipeline::check(&options)?;
            Ok(print.summary(&report, options.drafts))
        }
        #[cfg(feature = "serve")]
        Command::Serve(args) => {
            crate::serve::run(crate::serve::ServeOptions {
                build: args.site.options(cli.root, !args.no_drafts)?,
                bind: args.bind,
                port: args.port,
                open: args.open,
                styled,
                quiet: verbosity == Verbosity::Quiet,
            })?;
            Ok(String::new())
        }
        Command::New { section, title } => {
            let root = pipeline::site_root(&cli.root)?;
            let config = crate::config::load(&root)?;
            let today = crate::dates::today(None, &config.timezone);
            let path = crate::scaffold::new_page(&root, &section, &title, today)?;
            Ok(print.line(format!(
                "Đã tạo {} (bản nháp: đổi draft: true thành false khi muốn đăng; \
                 pccc serve hiện cả bản nháp).",
                path.display()
            )))
        }
        Command::Init(args) => {
            // `--root` is global, so `init`'s help lists it; the new site's place is <THƯ_MỤC>.
            if cli.root != Path::new(".") {
                return Err(CommandLine {
                    message: "--root không dùng được với pccc init: trang mới được tạo ở \
                              <THƯ_MỤC>, tính từ thư mục hiện tại"
                        .to_string(),
                    help: format!(
                        "bỏ --root và ghi đường dẫn vào <THƯ_MỤC>, ví dụ: pccc init {} --ward …",
                        cli.root.join(&args.dir).display()
                    ),
                }
                .into());
            }
            Ok(print.line(init(&args)?))
        }
    }
}

/// `pccc init`: writes the new site and says what to do next.
fn init(args: &InitArgs) -> Result<String, Failure> {
    let ward = args.ward()?;
    let base_url = match &args.base_url {
        Some(url) => Some(crate::config::check_base_url("--base-url", url).map_err(|message| {
            CommandLine {
                message,
                help: "ví dụ: --base-url https://pccc.phuong.gov.vn".to_string(),
            }
        })?),
        None => None,
    };
    let zone = jiff::tz::TimeZone::get("Asia/Ho_Chi_Minh").unwrap_or(jiff::tz::TimeZone::UTC);
    let plan = crate::init::plan(&ward, base_url.as_deref(), crate::dates::today(None, &zone));
    crate::init::check_empty(&args.dir).map_err(|message| CommandLine {
        message,
        help: "chọn một thư mục chưa có, ví dụ: pccc init pccc-phuong-moi --ward …".to_string(),
    })?;
    crate::init::write(&args.dir, &plan)?;
    let dir = args.dir.display();
    Ok(format!(
        "Đã tạo trang của {} trong {dir} ({} tệp).\nViệc tiếp theo:\n  \
         1. cd {dir} && pccc check: liệt kê những thông tin phường cần điền (chỗ ghi “CHƯA CÓ”, \
         địa chỉ .example, nội dung minh hoạ).\n  \
         2. pccc serve: xem thử trang trong trình duyệt.\n  \
         3. Ảnh chia sẻ có tên phường: python3 tools/make_images.py --ward \"{}\" \
         (cần Pillow và phông DejaVu); đến lúc đó trang dùng ảnh chung của giao diện.",
        ward.full,
        plan.files.len(),
        ward.full
    ))
}

/// How to print what a command did.
#[derive(Debug, Clone, Copy)]
struct Print {
    styled: bool,
    verbosity: Verbosity,
}

impl Print {
    /// `line`, unless `--quiet`.
    fn line(self, line: String) -> String {
        if self.verbosity == Verbosity::Quiet { String::new() } else { line }
    }

    /// The warnings (on stderr) and the summary of a build or check.
    fn summary(self, report: &Report, drafts: bool) -> String {
        if self.verbosity == Verbosity::Quiet {
            return String::new();
        }
        if !report.warnings.is_empty() {
            eprint!("{}", report.warnings.render(self.styled));
        }
        let mut text = String::new();
        if self.verbosity == Verbosity::Verbose {
            text.push_str(&settings(report, drafts));
        }
        text.push_str(&summary(report));
        if self.verbosity == Verbosity::Verbose && report.taken > 0 && !report.unchanged {
            text.push_str(&format!(
                "\n{} tệp không đổi được lấy lại từ lần dựng trước, không dựng lại.",
                report.taken
            ));
        }
        if self.verbosity == Verbosity::Verbose && report.bodies_taken > 0 {
            text.push_str(&format!(
                "\n{} phần thân bài (Markdown) không đổi được lấy lại từ lần dựng trước, không \
                 chuyển lại thành HTML.",
                report.bodies_taken
            ));
        }
        if self.verbosity == Verbosity::Verbose && report.search_taken > 0 {
            text.push_str(&format!(
                "\n{} tài liệu tìm kiếm không đổi được lấy lại từ lần dựng trước, không đếm lại \
                 từ.",
                report.search_taken
            ));
        }
        text
    }
}

/// The settings a build used, one per line, for `--verbose`.
fn settings(report: &Report, drafts: bool) -> String {
    let today = crate::dates::with_weekday(report.today);
    let drafts = if drafts { "có dựng" } else { "không dựng" };
    format!(
        "Hôm nay (theo múi giờ của trang, hoặc --as-of): {today}\nĐịa chỉ gốc: {}\n\
         Bản nháp: {drafts}\n",
        report.base_url
    )
}

fn summary(report: &Report) -> String {
    let seconds = format!("{:.2}", report.elapsed.as_secs_f64()).replace('.', ",");
    match &report.output_dir {
        Some(dir) if report.unchanged => format!(
            "Không có gì thay đổi từ lần dựng trước: {} trang, {} chuyên mục ({} tệp) trong {} \
             vẫn đúng, không dựng lại tệp nào ({seconds} giây).",
            report.pages,
            report.sections,
            report.files,
            dir.display()
        ),
        Some(dir) => format!(
            "Đã dựng {} trang, {} chuyên mục ({} tệp) vào {} trong {seconds} giây.",
            report.pages,
            report.sections,
            report.files,
            dir.display()
        ),
        None => format!(
            "Không có lỗi: {} trang, {} chuyên mục ({} tệp) trong {seconds} giây. Chưa ghi tệp nào.",
            report.pages, report.sections, report.files
        ),
    }
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

    #[test]
    fn colour_follows_the_flag_then_no_color_and_term() {
        use Color::*;
        // (choice, NO_COLOR, TERM, on a terminal, styled)
        let cases = [
            (Auto, None, Some("xterm-256color"), true, true),
            (Auto, None, Some("xterm"), false, false),
            (Auto, Some("1"), Some("xterm"), true, false),
            (Auto, Some("anything"), None, true, false),
            (Auto, Some(""), Some("xterm"), true, true),
            (Auto, None, Some("dumb"), true, false),
            (Always, Some("1"), Some("dumb"), false, true),
            (Never, None, Some("xterm"), true, false),
        ];
        for (choice, no_color, term, terminal, expected) in cases {
            assert_eq!(
                choice.styled(no_color, term, terminal),
                expected,
                "{choice:?} NO_COLOR={no_color:?} TERM={term:?} terminal={terminal}"
            );
        }
    }
}
