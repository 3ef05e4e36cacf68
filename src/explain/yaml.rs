//! YAML's own errors in Vietnamese: libyaml's syntax errors and yaml_serde's limits.
//!
//! These come as English sentences with no stable code (`did not find expected ',' or ']'`,
//! `recursion limit exceeded`). Each known one is rewritten as what an editor did and what to
//! write instead; any other sentence of the YAML reader gets a general Vietnamese message, so
//! its English never reaches an editor. Type errors (`invalid type: ...`) are serde's and are
//! explained by [`super::explain`].

/// Where a YAML error is best shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// Where the reader noticed the problem.
    Problem,
    /// Where the construct being read began (the `[` of an unclosed list), when the reader
    /// gives it; else where it noticed the problem.
    Context,
    /// The first anchor (`&name`) of the text: the limit on repeated aliases has no position.
    Anchor,
    /// The first `---` line after the start: a second document has no position either.
    Separator,
}

/// A YAML error that is not about the type of a value, explained.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YamlSyntax {
    /// What is wrong, to follow the name of what was read ("phần tiêu đề", "tệp").
    pub message: &'static str,
    /// What to write instead.
    pub help: &'static str,
    /// Where to show it.
    pub place: Place,
}

/// The reader's sentences we explain one by one: (English, message, help, place).
const KNOWN: [(&str, &str, &str, Place); 26] = [
    (
        "did not find expected ',' or ']'",
        "sai cú pháp YAML: danh sách mở bằng `[` nhưng thiếu `]` để đóng",
        "đóng danh sách trên cùng dòng, ví dụ tags: [thoát nạn, nhà ống]",
        Place::Context,
    ),
    (
        "did not find expected ',' or '}'",
        "sai cú pháp YAML: nhóm mở bằng `{` nhưng thiếu `}` để đóng",
        "đóng nhóm bằng `}` trên cùng dòng",
        Place::Context,
    ),
    (
        "found unexpected end of stream",
        "sai cú pháp YAML: chuỗi mở ngoặc kép nhưng chưa đóng",
        "thêm dấu ngoặc kép đóng ở cuối giá trị",
        Place::Context,
    ),
    (
        "mapping values are not allowed",
        "sai cú pháp YAML: có dấu hai chấm `:` ở chỗ không được phép",
        "nếu giá trị có dấu hai chấm, hãy đặt cả giá trị trong ngoặc kép, ví dụ title: \"Bước 1: gọi 114\"; \
         nếu đây là một trường mới, hãy bỏ dấu cách ở đầu dòng",
        Place::Problem,
    ),
    (
        "found unexpected ':'",
        "sai cú pháp YAML: có dấu hai chấm `:` ở chỗ không được phép",
        "nếu giá trị có dấu hai chấm, hãy đặt cả giá trị trong ngoặc kép, ví dụ title: \"Bước 1: gọi 114\"",
        Place::Problem,
    ),
    (
        "tab character",
        "sai cú pháp YAML: dùng phím Tab để thụt lề",
        "thụt lề bằng dấu cách, không dùng phím Tab",
        Place::Problem,
    ),
    (
        "found character that cannot start any token",
        "sai cú pháp YAML: giá trị bắt đầu bằng một ký tự không được phép (như @, ` hoặc Tab)",
        "đặt giá trị trong ngoặc kép; thụt lề bằng dấu cách",
        Place::Problem,
    ),
    (
        "could not find expected ':'",
        "sai cú pháp YAML: thiếu dấu hai chấm sau tên trường",
        "viết mỗi trường một dòng dạng `tên: giá trị`",
        Place::Context,
    ),
    (
        "did not find expected key",
        "sai cú pháp YAML: sai thụt lề hoặc thiếu tên trường",
        "mỗi trường một dòng dạng `tên: giá trị`; các dòng của cùng một nhóm phải thụt lề bằng nhau",
        Place::Problem,
    ),
    (
        "did not find expected node content",
        "sai cú pháp YAML: thiếu giá trị",
        "viết giá trị sau dấu hai chấm, hoặc đặt giá trị trong ngoặc kép",
        Place::Problem,
    ),
    (
        "block sequence entries are not allowed",
        "sai cú pháp YAML: dấu `- ` của danh sách đặt sai chỗ",
        "đặt danh sách ở các dòng dưới tên trường, mỗi mục bắt đầu bằng `- `",
        Place::Problem,
    ),
    (
        "did not find expected '-' indicator",
        "sai cú pháp YAML: các mục của danh sách thụt lề không đều",
        "mỗi mục của danh sách bắt đầu bằng `- ` và thụt lề bằng nhau",
        Place::Problem,
    ),
    (
        "mapping keys are not allowed",
        "sai cú pháp YAML: có tên trường ở chỗ không được phép",
        "mỗi trường một dòng dạng `tên: giá trị`; nếu giá trị có dấu hai chấm, hãy đặt cả giá trị trong ngoặc kép",
        Place::Problem,
    ),
    (
        "did not find expected comment or line break",
        "sai cú pháp YAML: có chữ thừa sau giá trị đặt trong ngoặc",
        "nếu giá trị có dấu ngoặc kép bên trong, hãy bao cả giá trị bằng ngoặc đơn, \
         ví dụ title: 'Gọi \"114\" ngay'",
        Place::Problem,
    ),
    (
        "found unknown escape character",
        "sai cú pháp YAML: dấu `\\` trong ngoặc kép đi với một ký tự không dùng được",
        "trong ngoặc kép, viết `\\\\` cho một dấu \\; hoặc dùng ngoặc đơn, ví dụ 'C:\\tai-lieu'",
        Place::Problem,
    ),
    (
        "found invalid Unicode character escape code",
        "sai cú pháp YAML: dấu `\\` trong ngoặc kép đi với một mã ký tự không đúng",
        "trong ngoặc kép, viết `\\\\` cho một dấu \\; hoặc dùng ngoặc đơn",
        Place::Problem,
    ),
    (
        "did not find expected alphabetic or numeric character",
        "sai cú pháp YAML: sau dấu `&` hoặc `*` phải có một tên",
        "nếu giá trị bắt đầu bằng & hoặc *, hãy đặt cả giá trị trong ngoặc kép, ví dụ \"*Lưu ý\"",
        Place::Problem,
    ),
    (
        "found undefined alias",
        "sai cú pháp YAML: dùng bí danh `*tên` chưa được đặt bằng `&tên`",
        "nếu giá trị bắt đầu bằng *, hãy đặt cả giá trị trong ngoặc kép, ví dụ \"*Lưu ý\"",
        Place::Problem,
    ),
    (
        "unknown anchor",
        "sai cú pháp YAML: dùng bí danh `*tên` chưa được đặt bằng `&tên`",
        "nếu giá trị bắt đầu bằng *, hãy đặt cả giá trị trong ngoặc kép, ví dụ \"*Lưu ý\"",
        Place::Problem,
    ),
    (
        "found duplicate anchor",
        "sai cú pháp YAML: tên `&tên` được đặt hai lần",
        "đặt mỗi tên một lần, hoặc đặt giá trị bắt đầu bằng & trong ngoặc kép",
        Place::Problem,
    ),
    (
        "found unexpected document indicator",
        "sai cú pháp YAML: dòng `---` hoặc `...` nằm giữa một giá trị",
        "đóng ngoặc kép của giá trị trước; nếu dòng này là chữ, hãy đặt trong ngoặc kép",
        Place::Problem,
    ),
    (
        "more than one document",
        "sai cú pháp YAML: có dòng `---` thừa chia văn bản làm nhiều phần",
        "xoá dòng --- thừa; mỗi tệp chỉ có một phần tiêu đề (một hồ sơ)",
        Place::Separator,
    ),
    (
        "control characters are not allowed",
        "có ký tự điều khiển (ký tự ẩn) không được phép",
        "xoá ký tự ẩn ở chỗ được đánh dấu (thường lẫn vào khi sao chép từ Word hay PDF); \
         nếu cần, gõ lại đoạn đó",
        Place::Problem,
    ),
    (
        "recursion limit exceeded",
        "lồng nhau quá sâu (quá nhiều tầng ngoặc hoặc thụt lề)",
        "viết giá trị đơn giản hơn: mỗi trường là một chữ, một danh sách hoặc một nhóm trường",
        Place::Problem,
    ),
    (
        "repetition limit exceeded",
        "dùng bí danh YAML (`&tên` và `*tên`) nhân lên quá nhiều lần",
        "viết thẳng các giá trị thay vì dùng & và *",
        Place::Anchor,
    ),
    (
        "merg",
        "dùng `<<` (gộp nhóm) sai cách",
        "viết thẳng các trường của nhóm thay vì dùng <<",
        Place::Problem,
    ),
];

/// Words that begin every other sentence of libyaml and yaml_serde about the text itself
/// (syntax, encoding, tags, limits), as opposed to serde's sentences about a value's type.
const READER: [&str; 16] = [
    "did not find",
    "could not find",
    "found ",
    "while ",
    "expected DOCUMENT",
    "expected SCALAR",
    "expected STREAM",
    "expected nothing",
    "incomplete UTF",
    "invalid leading UTF",
    "invalid trailing UTF",
    "invalid length of a UTF",
    "invalid Unicode",
    "input ",
    "EOF while parsing",
    "failed to parse YAML number",
];

/// Words in the remaining reader sentences (tags, anchors, directives).
const READER_WORDS: [&str; 6] = ["tag", "anchor", "alias", "%YAML", "directive", "surrogate"];

/// For every other sentence of the reader.
const GENERAL: YamlSyntax = YamlSyntax {
    message: "sai cú pháp YAML",
    help: "mỗi trường một dòng dạng `tên: giá trị`, thụt lề bằng dấu cách; \
           nếu giá trị có ký tự đặc biệt (: # & * ! | > ' \" % @ `), hãy đặt cả giá trị trong ngoặc kép",
    place: Place::Problem,
};

/// Explains an error of the YAML reader (its position already removed); `None` when the
/// error is serde's, about the type or name of a value, which [`super::explain`] explains.
pub fn yaml_syntax(message: &str) -> Option<YamlSyntax> {
    // serde's sentences, and ours (in Vietnamese), may quote what the editor wrote.
    if !message.is_ascii() || super::is_serde(message) {
        return None;
    }
    if let Some(&(_, message, help, place)) =
        KNOWN.iter().find(|(english, ..)| message.contains(english))
    {
        return Some(YamlSyntax { message, help, place });
    }
    let reader = READER.iter().any(|start| message.starts_with(start))
        || (READER_WORDS.iter().any(|w| message.contains(w)));
    reader.then_some(GENERAL)
}

/// The `(line, column)` pairs written as "at line L column C" in a reader's message: the
/// place of the problem first, then the place of its context.
pub fn marks(message: &str) -> Vec<(usize, usize)> {
    message
        .split(" at line ")
        .skip(1)
        .filter_map(|rest| {
            let (line, rest) = rest.split_once(" column ")?;
            let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
            Some((line.parse().ok()?, column.parse().ok()?))
        })
        .collect()
}

/// The byte offset written as "at position N" (the reader's errors before any line is read).
pub fn position(message: &str) -> Option<usize> {
    let rest = message.split(" at position ").nth(1)?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_errors_are_explained() {
        let e = yaml_syntax("did not find expected ',' or ']' at line 3 column 1, while parsing a flow sequence at line 2 column 7").unwrap();
        assert_eq!(e.message, "sai cú pháp YAML: danh sách mở bằng `[` nhưng thiếu `]` để đóng");
        assert_eq!(e.place, Place::Context);
        let e = yaml_syntax("control characters are not allowed at position 9").unwrap();
        assert_eq!(e.message, "có ký tự điều khiển (ký tự ẩn) không được phép");
        assert_eq!(yaml_syntax("recursion limit exceeded").unwrap().place, Place::Problem);
        assert_eq!(yaml_syntax("repetition limit exceeded").unwrap().place, Place::Anchor);
    }

    #[test]
    fn other_reader_errors_get_a_general_message_and_type_errors_none() {
        for english in [
            "found an indentation indicator equal to 0 at line 2 column 8, while scanning a block scalar",
            "did not find expected <document start> at line 3 column 1",
            "tag handle must start with '!'",
            "EOF while parsing a value",
            "failed to parse YAML number",
        ] {
            assert_eq!(yaml_syntax(english), Some(GENERAL), "{english}");
        }
        for serde in [
            "invalid type: boolean `false`, expected a string",
            "unknown field `tagz`, expected one of `title`",
            "location: missing field `name`",
            "ngày `05/02/2026` không đúng dạng",
            "unknown field `merge`, expected `title`",
        ] {
            assert_eq!(yaml_syntax(serde), None, "{serde}");
        }
    }

    #[test]
    fn positions_are_read() {
        let m = "did not find expected ',' or ']' at line 7 column 8, while parsing a flow sequence at line 6 column 7";
        assert_eq!(marks(m), [(7, 8), (6, 7)]);
        assert_eq!(position("control characters are not allowed at position 12"), Some(12));
        assert_eq!(position("recursion limit exceeded"), None);
    }
}
