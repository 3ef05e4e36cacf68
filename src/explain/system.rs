//! The operating system's and the sheet readers' errors in Vietnamese.
//!
//! `std::io::Error` prints the system's English ("No such file or directory (os error 2)"),
//! walkdir, csv and calamine wrap it or add their own. Editors get what happened to the file in
//! Vietnamese; the system's error number is kept, since it is what an administrator searches.

use std::io::ErrorKind;

/// What happened, for an I/O error: "không tìm thấy", "không có quyền truy cập".
pub fn io_error_kind(err: &std::io::Error) -> String {
    let what = match err.kind() {
        ErrorKind::NotFound => "không tìm thấy",
        ErrorKind::PermissionDenied => "không có quyền truy cập",
        ErrorKind::AlreadyExists => "đã tồn tại",
        ErrorKind::InvalidData | ErrorKind::InvalidInput => "dữ liệu không hợp lệ",
        ErrorKind::IsADirectory => "là một thư mục, không phải tệp",
        ErrorKind::NotADirectory => "không phải thư mục",
        ErrorKind::DirectoryNotEmpty => "thư mục không trống",
        ErrorKind::StorageFull => "ổ đĩa đã đầy",
        ErrorKind::ReadOnlyFilesystem => "ổ đĩa chỉ cho phép đọc",
        ErrorKind::FileTooLarge => "tệp quá lớn",
        ErrorKind::InvalidFilename => "tên tệp không hợp lệ hoặc quá dài",
        ErrorKind::TooManyLinks => "quá nhiều liên kết",
        ErrorKind::ResourceBusy => "tệp đang bị chương trình khác dùng",
        ErrorKind::AddrInUse => "cổng đang được chương trình khác dùng",
        ErrorKind::AddrNotAvailable => "địa chỉ này không có trên máy",
        ErrorKind::Interrupted => "bị ngắt giữa chừng",
        ErrorKind::TimedOut => "quá thời gian chờ",
        ErrorKind::UnexpectedEof => "tệp kết thúc sớm hơn dự kiến",
        ErrorKind::OutOfMemory => "không đủ bộ nhớ",
        // Kinds not yet stable in Rust are told apart by name.
        other if format!("{other:?}") == "FilesystemLoop" => {
            "liên kết tượng trưng dẫn vòng về chính nó"
        }
        _ => "lỗi hệ thống",
    };
    match err.raw_os_error() {
        Some(code) => format!("{what}, mã lỗi hệ thống {code}"),
        None => what.to_string(),
    }
}

/// What happened while walking a folder: a loop of links, or an I/O error.
pub fn walk_error(err: &walkdir::Error) -> String {
    if err.loop_ancestor().is_some() {
        return "liên kết tượng trưng dẫn vòng về thư mục chứa nó".to_string();
    }
    match err.io_error() {
        Some(io) => io_error_kind(io),
        None => "lỗi hệ thống".to_string(),
    }
}

/// Why the watch mode cannot watch the site's files.
#[cfg(feature = "serve")]
pub fn watch_error(err: &notify::Error) -> String {
    match &err.kind {
        notify::ErrorKind::Io(io) => io_error_kind(io),
        notify::ErrorKind::PathNotFound => "không tìm thấy thư mục cần theo dõi".to_string(),
        notify::ErrorKind::MaxFilesWatch => "đã chạm giới hạn số tệp hệ thống cho phép theo dõi \
             (trên Linux: tăng fs.inotify.max_user_watches)"
            .to_string(),
        _ => "lỗi hệ thống".to_string(),
    }
}

/// What is wrong with a CSV sheet the reader refused.
pub fn csv_error(err: &csv::Error) -> String {
    match err.kind() {
        csv::ErrorKind::Io(io) => io_error_kind(io),
        csv::ErrorKind::Utf8 { .. } => "có chữ không phải bảng mã UTF-8".to_string(),
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
            format!("hàng này có {len} ô, các hàng trước có {expected_len} ô")
        }
        _ => "tệp CSV không theo đúng định dạng".to_string(),
    }
}

/// What is wrong with an `.xlsx` workbook the reader refused.
pub fn xlsx_error(err: &calamine::XlsxError) -> String {
    use calamine::XlsxError;
    match err {
        XlsxError::Io(io) => io_error_kind(io),
        XlsxError::Zip(_) => {
            "tệp không phải sổ tính Excel .xlsx (có thể là tệp .xls cũ hoặc tệp bị hỏng)"
                .to_string()
        }
        XlsxError::Vba(_) => "không đọc được phần macro (VBA) của tệp".to_string(),
        XlsxError::Password => "tệp được đặt mật khẩu".to_string(),
        _ => "nội dung tệp bị hỏng hoặc không theo định dạng .xlsx".to_string(),
    }
}

/// Why an `.xlsx` file could not be opened as a zip archive, for an editor.
pub fn zip_error(err: &zip::result::ZipError) -> String {
    use zip::result::ZipError;
    match err {
        ZipError::Io(io) => io_error_kind(io),
        ZipError::UnsupportedArchive(_) => {
            "tệp dùng cách nén mà pccc không đọc được; lưu lại tệp bằng Excel".to_string()
        }
        _ => "tệp không phải sổ tính Excel .xlsx (có thể là tệp .xls cũ hoặc tệp bị hỏng)"
            .to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_errors_read_in_vietnamese_with_the_system_code() {
        let e = std::io::Error::from_raw_os_error(2);
        assert_eq!(io_error_kind(&e), "không tìm thấy, mã lỗi hệ thống 2");
        let e = std::io::Error::new(ErrorKind::PermissionDenied, "denied");
        assert_eq!(io_error_kind(&e), "không có quyền truy cập");
        #[cfg(target_os = "linux")]
        assert_eq!(
            io_error_kind(&std::io::Error::from_raw_os_error(40)),
            "liên kết tượng trưng dẫn vòng về chính nó, mã lỗi hệ thống 40"
        );
    }
}
