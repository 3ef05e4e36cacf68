//! tera's messages about templates in Vietnamese, for whoever edits the theme.
//!
//! tera 2 writes one English sentence per problem (`Variable `x` is not defined.`,
//! `Found `}` but expected }}.`, `Unknown filter `y``). The common kinds are recognised and
//! rewritten, with a did-you-mean where tera lists what exists. A sentence we do not know gets a
//! general Vietnamese message, and tera's own words only as a note marked as technical detail.

use super::suggest;

/// A template problem explained.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    /// What is wrong.
    pub message: String,
    /// What to write instead.
    pub help: Option<String>,
    /// tera's own sentence, kept for the theme's author when it could not be explained.
    pub detail: Option<String>,
}

/// The start of the note that carries tera's own words.
pub const DETAIL: &str = "chi tiết kỹ thuật cho người làm giao diện (tiếng Anh, của tera): ";

/// Explains one of tera's messages. Messages already in Vietnamese (from our own template
/// functions) pass through.
pub fn template(message: &str) -> Template {
    let plain = |message: String, help: Option<&str>| Template {
        message,
        help: help.map(str::to_string),
        detail: None,
    };
    if !message.is_ascii() {
        return plain(message.to_string(), None);
    }
    let message = message.trim();
    if let Some(rest) = message.strip_prefix("Variable `") {
        let (name, rest) = rest.split_once('`').unwrap_or((rest, ""));
        if rest.starts_with(" exists but") {
            return plain(
                format!("biến `{name}` có nhưng chưa có giá trị"),
                Some("dùng {% if biến %} … {% endif %} hoặc bộ lọc default để xử lý khi không có"),
            );
        }
        let help = did_you_mean(name, listed(rest, "Available variables:"), "biến");
        return Template { message: format!("không có biến `{name}`"), help, detail: None };
    }
    if let Some(rest) = message.strip_prefix("Field `") {
        let (name, rest) = rest.split_once('`').unwrap_or((rest, ""));
        let help = did_you_mean(name, listed(rest, "Available fields:"), "trường");
        return Template { message: format!("không có trường `{name}`"), help, detail: None };
    }
    if message.starts_with("Tried to render a variable that is undefined")
        || message.starts_with("Tried to escape an undefined value")
    {
        return plain(
            "giá trị cần in ra không có".into(),
            Some("kiểm tra tên biến; dùng {% if … %} hoặc bộ lọc default khi giá trị có thể vắng"),
        );
    }
    for (english, what, help) in [
        ("Unknown filter `", "bộ lọc", "kiểm tra tên bộ lọc viết sau dấu |"),
        ("Unknown test `", "phép thử", "kiểm tra tên viết sau chữ is"),
        ("Unknown function `", "hàm", "kiểm tra tên hàm, ví dụ static_url(path=\"style.css\")"),
        ("Unknown template `", "mẫu", "kiểm tra tên tệp mẫu trong include"),
        ("Unknown component `", "thành phần (component)", "kiểm tra tên thành phần"),
    ] {
        if let Some(rest) = message.strip_prefix(english) {
            let name = rest.split('`').next().unwrap_or(rest);
            return plain(format!("không có {what} `{name}`"), Some(help));
        }
    }
    if let Some(rest) = message.strip_prefix("Found ") {
        let (found, expected) = rest.split_once(" but expected ").unwrap_or((rest, ""));
        let expected = expected.trim_end_matches('.');
        return plain(
            format!("gặp {} nhưng cần {}", token(found), token(expected)),
            Some(SYNTAX_HELP),
        );
    }
    for (english, vietnamese, help) in KNOWN {
        if message.starts_with(english) {
            return plain(vietnamese.to_string(), help);
        }
    }
    Template {
        message: "mẫu có chỗ tera không hiểu".into(),
        help: Some(SYNTAX_HELP.into()),
        detail: Some(format!("{DETAIL}{message}")),
    }
}

/// For syntax errors: how tera's tags are written.
const SYNTAX_HELP: &str = "in giá trị bằng {{ … }}, viết lệnh bằng {% … %} và ghi chú bằng {# … #}; \
     mỗi {% if %}, {% for %}, {% block %} cần thẻ đóng {% endif %}, {% endfor %}, {% endblock %}";

/// Sentences with nothing to quote: (English start, message, help).
const KNOWN: [(&str, &str, Option<&str>); 17] = [
    ("Unexpected end of input", "mẫu kết thúc khi một thẻ chưa đóng", Some(SYNTAX_HELP)),
    (
        "Unknown tag",
        "thẻ {% … %} này không dùng được ở đây (có thể một thẻ trước nó chưa đóng)",
        Some(SYNTAX_HELP),
    ),
    ("Unexpected character", "có ký tự không dùng được trong thẻ", Some(SYNTAX_HELP)),
    (
        "String opened with",
        "chuỗi mở ngoặc nhưng chưa đóng",
        Some("đóng chuỗi bằng đúng loại ngoặc đã mở (\" hoặc ')"),
    ),
    ("Closing comment tag", "ghi chú mở bằng {# nhưng thiếu #}", Some("đóng ghi chú bằng #}")),
    (
        "Template already contains a block named",
        "mẫu có hai block cùng tên",
        Some("đổi tên một trong hai block"),
    ),
    (
        "Block `",
        "block này không có trong mẫu cha nào",
        Some("kiểm tra tên block so với mẫu được kế thừa (extends)"),
    ),
    (
        "Template is already extending",
        "mẫu có hai dòng extends",
        Some("mỗi mẫu chỉ kế thừa một mẫu: giữ một dòng {% extends %}"),
    ),
    (
        "Blocks cannot be written inside",
        "không viết block bên trong thẻ khác",
        Some("đặt {% block %} ở ngoài cùng của mẫu hoặc trong một block khác"),
    ),
    (
        "This content would be ignored",
        "mẫu kế thừa (extends) có nội dung nằm ngoài mọi block nên sẽ bị bỏ qua",
        Some("đặt nội dung này trong một {% block %}"),
    ),
    (
        "Tried to use super()",
        "dùng super() ngoài một block kế thừa",
        Some("chỉ dùng {{ super() }} trong block ghi đè block của mẫu cha"),
    ),
    (
        "Iteration not possible",
        "không lặp ({% for %}) được trên giá trị này",
        Some("chỉ lặp trên một danh sách hoặc một nhóm"),
    ),
    ("Cannot compare", "không so sánh được hai giá trị khác kiểu", None),
    ("Cannot divide by 0", "chia cho 0", None),
    (
        "Invalid type for the value",
        "sai kiểu giá trị cho bộ lọc, hàm hoặc phép thử này",
        Some("kiểm tra giá trị đưa vào (chữ, số, danh sách)"),
    ),
    (
        "Missing keyword argument",
        "thiếu tham số",
        Some("viết đủ tham số dạng tên=giá trị, ví dụ static_url(path=\"style.css\")"),
    ),
    (
        "The expression is too complex",
        "biểu thức quá phức tạp",
        Some("tách thành nhiều bước bằng {% set %}"),
    ),
];

/// The names tera lists after `label` ("Available fields: a, b, c").
fn listed<'a>(rest: &'a str, label: &str) -> Vec<&'a str> {
    rest.split_once(label)
        .map(|(_, names)| names.split(',').map(str::trim).filter(|n| !n.is_empty()).collect())
        .unwrap_or_default()
}

fn did_you_mean(name: &str, names: Vec<&str>, what: &str) -> Option<String> {
    match suggest(name, names.iter().copied()) {
        Some(best) => Some(format!("có phải bạn muốn viết `{best}`?")),
        None if names.is_empty() => None,
        None => Some(format!("các {what} có ở đây: {}", names.join(", "))),
    }
}

/// A token as tera names it, in Vietnamese.
fn token(english: &str) -> String {
    let english = english.trim();
    let words = [
        ("identifier", "một tên"),
        ("attribute name", "tên trường"),
        ("string", "một chuỗi trong ngoặc kép"),
        ("integer", "một số nguyên"),
        ("float", "một số"),
        ("bool", "true hoặc false"),
        ("content", "văn bản"),
        ("raw content", "văn bản"),
        ("comment", "ghi chú"),
    ];
    if let Some((_, vietnamese)) = words.iter().find(|(e, _)| *e == english) {
        return vietnamese.to_string();
    }
    if english.starts_with('`') {
        return english.to_string();
    }
    format!("`{english}`")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_kinds_are_explained() {
        let t = template("Field `tittle` is not defined. Available fields: content, date, title");
        assert_eq!(t.message, "không có trường `tittle`");
        assert_eq!(t.help.as_deref(), Some("có phải bạn muốn viết `title`?"));
        assert_eq!(t.detail, None);
        let t = template("Variable `pge` is not defined. Available variables: page, site");
        assert_eq!(t.message, "không có biến `pge`");
        assert_eq!(t.help.as_deref(), Some("có phải bạn muốn viết `page`?"));
        let t = template("Found `}` but expected }}.");
        assert_eq!(t.message, "gặp `}` nhưng cần `}}`");
        let t = template("Found identifier but expected `%}`.");
        assert_eq!(t.message, "gặp một tên nhưng cần `%}`");
        let t = template("Unknown filter `uper`");
        assert_eq!(t.message, "không có bộ lọc `uper`");
        let t = template("Unexpected end of input");
        assert_eq!(t.message, "mẫu kết thúc khi một thẻ chưa đóng");
    }

    #[test]
    fn unknown_sentences_keep_tera_words_only_as_marked_detail() {
        let t = template("Slicing step cannot be 0");
        assert_eq!(t.message, "mẫu có chỗ tera không hiểu");
        assert_eq!(t.detail.as_deref(), Some(&*format!("{DETAIL}Slicing step cannot be 0")));
        let ours = template("không có tệp tĩnh `a.css` trong static/ của giao diện hay của trang");
        assert_eq!(
            ours.message,
            "không có tệp tĩnh `a.css` trong static/ của giao diện hay của trang"
        );
    }
}
