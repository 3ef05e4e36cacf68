//! The TOML reader's syntax errors (from `site.toml`) in Vietnamese.
//!
//! The `toml` crate writes "what went wrong, expected what" (`string values must be quoted,
//! expected literal string`); only the first part says what the editor did, so it alone is
//! matched. serde's sentences about names and types go to [`super::explain`].

use super::Explanation;

/// The reader's descriptions we explain: (English start, message, help).
const KNOWN: [(&str, &str, &str); 24] = [
    (
        "string values must be quoted",
        "chữ phải đặt trong ngoặc kép",
        "ví dụ title = \"Phường Khương Đình\"; số, true/false và ngày viết không có ngoặc",
    ),
    (
        "invalid basic string",
        "chuỗi trong ngoặc kép chưa đóng hoặc có ký tự không được phép",
        "đóng chuỗi bằng dấu \" trên cùng dòng; bên trong chuỗi, viết \\\" cho dấu ngoặc kép và \\\\ cho dấu \\",
    ),
    (
        "invalid multi-line basic string",
        "chuỗi nhiều dòng (\"\"\") chưa đóng hoặc có ký tự không được phép",
        "đóng chuỗi bằng ba dấu ngoặc kép \"\"\"",
    ),
    (
        "invalid literal string",
        "chuỗi trong ngoặc đơn chưa đóng hoặc có ký tự không được phép",
        "đóng chuỗi bằng dấu ' trên cùng dòng",
    ),
    (
        "missing escaped value",
        "dấu \\ trong chuỗi đi với một ký tự không dùng được",
        "viết \\\\ cho một dấu \\, hoặc đặt chuỗi trong ngoặc đơn 'C:\\tai-lieu'",
    ),
    (
        "too few unicode value digits",
        "dấu \\ trong chuỗi đi với một mã ký tự không đúng",
        "viết \\\\ cho một dấu \\, hoặc đặt chuỗi trong ngoặc đơn",
    ),
    (
        "missing opening quote",
        "thiếu dấu ngoặc kép mở",
        "đặt chữ giữa hai dấu ngoặc kép, ví dụ title = \"Phường Khương Đình\"",
    ),
    (
        "key with no value",
        "thiếu dấu `=` sau tên trường",
        "viết mỗi trường một dòng dạng `tên = giá trị`, ví dụ paginate_by = 10",
    ),
    (
        "missing value for key",
        "thiếu dấu `=` sau tên trường",
        "viết mỗi trường một dòng dạng `tên = giá trị`, ví dụ paginate_by = 10",
    ),
    (
        "missing assignment between key-value pairs",
        "thiếu dấu `=` giữa tên trường và giá trị",
        "viết mỗi trường một dòng dạng `tên = giá trị`, ví dụ paginate_by = 10",
    ),
    (
        "missing value",
        "thiếu giá trị sau dấu `=`",
        "viết giá trị sau dấu =, ví dụ title = \"Phường Khương Đình\"",
    ),
    (
        "extra `=`",
        "dấu `=` thừa",
        "mỗi trường chỉ có một dấu =; nếu giá trị có dấu =, hãy đặt cả giá trị trong ngoặc kép",
    ),
    (
        "extra assignment between key-value pairs",
        "dấu `=` thừa",
        "mỗi trường chỉ có một dấu =; nếu giá trị có dấu =, hãy đặt cả giá trị trong ngoặc kép",
    ),
    (
        "invalid unquoted key",
        "tên trường không hợp lệ",
        "tên trường chỉ gồm chữ không dấu, số, _ và -; tên khác phải đặt trong ngoặc kép",
    ),
    (
        "unquoted keys cannot be empty",
        "thiếu tên trường",
        "viết mỗi trường một dòng dạng `tên = giá trị`",
    ),
    (
        "unclosed array table",
        "tên bảng mở bằng `[[` nhưng thiếu `]]` để đóng",
        "viết tên bảng dạng [[menu]]",
    ),
    (
        "unclosed table",
        "tên bảng mở bằng `[` nhưng thiếu `]` để đóng",
        "viết tên bảng dạng [markdown]",
    ),
    (
        "unclosed inline table",
        "nhóm mở bằng `{` nhưng thiếu `}` để đóng",
        "đóng nhóm bằng } trên cùng dòng",
    ),
    ("unclosed array", "danh sách mở bằng `[` nhưng thiếu `]` để đóng", "đóng danh sách bằng ]"),
    (
        "missing comma between",
        "thiếu dấu phẩy",
        "ngăn các mục của danh sách [a, b] và các trường của nhóm { a = 1, b = 2 } bằng dấu phẩy",
    ),
    ("extra comma", "dấu phẩy thừa", "xoá dấu phẩy thừa"),
    ("duplicate key", "trường được viết hai lần", "giữ một dòng, xoá dòng còn lại"),
    (
        "cannot recurse further",
        "lồng nhau quá sâu (quá nhiều tầng ngoặc)",
        "viết giá trị đơn giản hơn",
    ),
    (
        "unexpected leading zero",
        "số không được bắt đầu bằng 0",
        "nếu đây là chữ (như số điện thoại 0243...), hãy đặt trong ngoặc kép, ví dụ number = \"02438581234\"",
    ),
];

/// Explains a syntax error of the TOML reader; `None` for serde's sentences (and ours),
/// which [`super::explain`] explains.
pub fn toml_syntax(message: &str) -> Option<Explanation> {
    if !message.is_ascii() || super::is_serde(message) {
        return None;
    }
    let explained = |message: &str, help: &str| Explanation {
        message: format!("site.toml sai cú pháp: {message}"),
        help: Some(help.to_string()),
        unknown: None,
    };
    if let Some((_, m, h)) = KNOWN.iter().find(|(english, ..)| message.starts_with(english)) {
        return Some(explained(m, h));
    }
    // TOML's own dates (`until = 2026-12-31`, unquoted).
    if let Some(rest) =
        message.strip_prefix("invalid date").or(message.strip_prefix("invalid time"))
    {
        let days = rest.split("day between 01 and ").nth(1).map(|d| d.trim_end_matches('.'));
        let message = match days {
            Some(days) => format!("site.toml có ngày không có thật: tháng này chỉ có {days} ngày"),
            None => "site.toml có ngày hoặc giờ viết không đúng".to_string(),
        };
        return Some(Explanation {
            message,
            help: Some(
                "viết ngày dạng năm-tháng-ngày, tháng và ngày hai chữ số, ví dụ until = 2026-02-05"
                    .to_string(),
            ),
            unknown: None,
        });
    }
    let number = ["sign", "radix", "digits", "numeric", "integer", "float", "overflow"];
    if number.iter().any(|w| message.contains(w)) {
        return Some(explained(
            "số viết không đúng",
            "viết số bằng chữ số liền nhau, ví dụ paginate_by = 10; nếu là chữ, hãy đặt trong ngoặc kép",
        ));
    }
    if message.contains("comment") {
        return Some(explained(
            "dòng ghi chú có ký tự không được phép",
            "ghi chú bắt đầu bằng #; xoá ký tự ẩn (thường lẫn vào khi sao chép)",
        ));
    }
    Some(explained(
        "có chữ ở chỗ không được phép",
        "mỗi dòng một trường dạng `tên = giá trị`: chữ đặt trong ngoặc kép, số và true/false \
         viết không có ngoặc; tên bảng dạng [markdown]; ghi chú bắt đầu bằng #",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_errors_are_explained() {
        let e = toml_syntax("string values must be quoted, expected literal string").unwrap();
        assert_eq!(e.message, "site.toml sai cú pháp: chữ phải đặt trong ngoặc kép");
        let e = toml_syntax("invalid basic string, expected `\"`").unwrap();
        assert_eq!(
            e.message,
            "site.toml sai cú pháp: chuỗi trong ngoặc kép chưa đóng hoặc có ký tự không được phép"
        );
        let e = toml_syntax("unexpected content, expected nothing").unwrap();
        assert_eq!(e.message, "site.toml sai cú pháp: có chữ ở chỗ không được phép");
        let e = toml_syntax("invalid date, expected day between 01 and 28").unwrap();
        assert_eq!(e.message, "site.toml có ngày không có thật: tháng này chỉ có 28 ngày");
        let e = toml_syntax("invalid date, expected a two-digit month (MM)").unwrap();
        assert_eq!(e.message, "site.toml có ngày hoặc giờ viết không đúng");
        let e = toml_syntax("redundant numeric sign, expected digits").unwrap();
        assert_eq!(e.message, "site.toml sai cú pháp: số viết không đúng");
    }

    #[test]
    fn serde_sentences_are_left_to_explain() {
        assert!(toml_syntax("unknown field `languge`, expected `language`").is_none());
        assert!(toml_syntax("invalid type: integer `3`, expected a string").is_none());
        assert!(toml_syntax("giá trị `khan` không có trong danh sách cho phép").is_none());
    }
}
