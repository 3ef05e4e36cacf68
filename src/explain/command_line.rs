//! clap's errors about the command line (`pccc buidl`, `pccc build --port 3`) in Vietnamese.
//!
//! clap writes "error: unrecognized subcommand 'buidl'" and "tip: a similar subcommand
//! exists". The kind of error and its context (what was written, what exists) are read from
//! the error, and the sentence is written again here.

use clap::error::{ContextKind, ErrorKind};

/// A command-line mistake explained: what is wrong, and what to write instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandLine {
    /// What is wrong.
    pub message: String,
    /// What to write instead.
    pub help: String,
}

/// Explains a clap error other than a request for help or the version.
pub fn command_line(e: &clap::Error) -> CommandLine {
    let context = |kind: ContextKind| e.get(kind).map(|v| v.to_string()).filter(|v| !v.is_empty());
    let written = context(ContextKind::InvalidArg).unwrap_or_default();
    let value = context(ContextKind::InvalidValue).unwrap_or_default();
    let see = "xem các lệnh và tuỳ chọn: pccc --help, hoặc pccc <lệnh> --help";
    let explained = |message: String, help: String| CommandLine { message, help };
    match e.kind() {
        ErrorKind::InvalidSubcommand => {
            let name = context(ContextKind::InvalidSubcommand).unwrap_or_default();
            let help = match context(ContextKind::SuggestedSubcommand) {
                Some(best) => format!("có phải bạn muốn viết `pccc {best}`?"),
                None => "các lệnh: build, check, serve, new".to_string(),
            };
            explained(format!("không có lệnh `{name}`"), help)
        }
        ErrorKind::UnknownArgument => {
            let help = match context(ContextKind::SuggestedArg) {
                Some(best) => format!("có phải bạn muốn viết `{best}`?"),
                None => see.to_string(),
            };
            if written.starts_with('-') {
                explained(format!("lệnh này không có tuỳ chọn `{written}`"), help)
            } else {
                explained(format!("thừa `{written}`: lệnh này không nhận thêm chữ nào"), help)
            }
        }
        ErrorKind::InvalidValue => {
            let help = match context(ContextKind::ValidValue) {
                Some(values) => format!("các giá trị dùng được: {values}"),
                None => see.to_string(),
            };
            if value.is_empty() {
                explained(format!("thiếu giá trị sau `{written}`"), help)
            } else {
                explained(format!("giá trị `{value}` không dùng được cho `{written}`"), help)
            }
        }
        ErrorKind::ValueValidation => {
            // Our own parsers (the date of --as-of) explain in Vietnamese already.
            let ours =
                std::error::Error::source(e).map(|s| s.to_string()).filter(|s| !s.is_ascii());
            let help = ours.unwrap_or_else(|| {
                if written.starts_with("--port") {
                    "viết một số từ 1 đến 65535, ví dụ --port 1111".to_string()
                } else if written.starts_with("--bind") {
                    "viết một địa chỉ IP, ví dụ --bind 127.0.0.1".to_string()
                } else {
                    see.to_string()
                }
            });
            explained(format!("giá trị `{value}` của `{written}` không hợp lệ"), help)
        }
        ErrorKind::MissingRequiredArgument => {
            explained(format!("còn thiếu {written}"), see.to_string())
        }
        ErrorKind::ArgumentConflict => {
            let other = context(ContextKind::PriorArg)
                .map_or("tuỳ chọn khác đã viết".to_string(), |prior| format!("`{prior}`"));
            explained(format!("không dùng `{written}` cùng lúc với {other}"), see.to_string())
        }
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            explained(
                "thiếu lệnh".to_string(),
                "viết một lệnh, ví dụ: pccc build; các lệnh: xem pccc --help".to_string(),
            )
        }
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => {
            explained(format!("thừa giá trị `{value}`"), see.to_string())
        }
        _ => explained("câu lệnh viết không đúng".to_string(), see.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::{Arg, Command};

    fn command() -> Command {
        Command::new("pccc")
            .subcommand(Command::new("build").arg(Arg::new("as-of").long("as-of").value_parser(
                |t: &str| t.parse::<u32>().map_err(|_| "ngày không hợp lệ".to_string()),
            )))
            .subcommand(
                Command::new("serve")
                    .arg(Arg::new("port").long("port").value_parser(clap::value_parser!(u16))),
            )
    }

    fn explain(args: &[&str]) -> CommandLine {
        command_line(&command().try_get_matches_from(args).unwrap_err())
    }

    #[test]
    fn command_line_mistakes_read_in_vietnamese() {
        let e = explain(&["pccc", "buidl"]);
        assert_eq!(e.message, "không có lệnh `buidl`");
        assert_eq!(e.help, "có phải bạn muốn viết `pccc build`?");
        let e = explain(&["pccc", "build", "--port", "3"]);
        assert_eq!(e.message, "lệnh này không có tuỳ chọn `--port`");
        let e = explain(&["pccc", "serve", "--port", "99999"]);
        assert_eq!(e.message, "giá trị `99999` của `--port <port>` không hợp lệ");
        assert_eq!(e.help, "viết một số từ 1 đến 65535, ví dụ --port 1111");
        let e = explain(&["pccc", "build", "--as-of", "x"]);
        assert_eq!(e.help, "ngày không hợp lệ");
    }
}
