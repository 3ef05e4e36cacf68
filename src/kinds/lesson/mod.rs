//! Lessons (bài học) for schools: a lesson plan teachers follow, a quiz pupils answer, an embed
//! page schools put in their own websites, and an A4 handout and poster with a QR code.
//!
//! The fields follow Vietnamese lesson plans (giáo án): target group and duration, objectives
//! as knowledge, skills and attitude, preparation, activities by phase, and what to remember;
//! levels and the sessions they owe follow Thông tư 06/2022/TT-BGDĐT.

pub mod views;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, Severity};
use crate::front_matter::Split;
use crate::guidance::{Source, check_key_messages, check_sources};
use crate::load::SourceFile;

/// The lesson type, in the registry ([`crate::kinds::PAGE_KINDS`]). Its [`PageType`] is
/// implemented in [`views`], beside the embed snippet its warm-up prepares.
///
/// [`PageType`]: crate::content_type::PageType
pub struct Lessons;

/// Fields of a lesson, beside those every page has.
#[derive(Debug, Clone, Deserialize)]
pub struct Lesson {
    /// School level: one of [`Level`]'s names, checked by [`Lesson::check`] so that every
    /// wrong value is reported at its own line, together with the file's other problems.
    pub level: String,
    /// Grades or ages: "Lớp 4–5", "Trẻ 5–6 tuổi".
    pub grades: String,
    /// Length of one session, in minutes.
    pub duration_minutes: u32,
    /// What pupils learn, can do and feel afterwards.
    #[serde(default)]
    pub objectives: Objectives,
    /// What the teacher prepares.
    #[serde(default)]
    pub materials: Vec<String>,
    /// The steps of the session, in order.
    #[serde(default)]
    pub activities: Vec<Activity>,
    /// Up to three things to remember, also on the poster.
    #[serde(default)]
    pub key_messages: Vec<String>,
    /// A short quiz, answers revealed on demand.
    #[serde(default)]
    pub quiz: Vec<Question>,
    /// Safety rules for the teacher ("Không dùng lửa thật với trẻ").
    #[serde(default)]
    pub safety_notes: Vec<String>,
    /// The law and guidance the lesson rests on.
    #[serde(default)]
    pub sources: Vec<Source>,
}

/// Objectives, the three headings of a Vietnamese lesson plan.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Objectives {
    /// Kiến thức.
    #[serde(default)]
    pub knowledge: Vec<String>,
    /// Kỹ năng.
    #[serde(default)]
    pub skills: Vec<String>,
    /// Thái độ.
    #[serde(default)]
    pub attitude: Vec<String>,
}

/// One step of the session.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Activity {
    /// The phase of the lesson the step belongs to: one of [`Phase`]'s names.
    pub phase: String,
    /// Minutes it takes.
    #[serde(default)]
    pub minutes: Option<u32>,
    /// What the teacher and pupils do.
    pub text: String,
}

/// A quiz question.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// The question.
    pub question: String,
    /// Choices, labelled A, B, C... in order.
    pub choices: Vec<String>,
    /// The letter of the right choice.
    pub answer: String,
    /// Why, in a sentence.
    #[serde(default)]
    pub explanation: Option<String>,
}

/// A closed list of values written in front matter: their names and Vietnamese labels.
trait Closed: Copy + 'static {
    /// Every value, in order.
    const ALL: &'static [Self];
    /// How editors call the field, in messages ("cấp học").
    const WHAT: &'static str;
    /// Other ways editors say a value (folded, without diacritics), and the name they mean.
    const ALIASES: &'static [(&'static str, &'static str)] = &[];
    /// The value written in front matter.
    fn name(self) -> &'static str;
    /// The value in Vietnamese.
    fn label(self) -> &'static str;
}

/// The value of a closed list that `written` names.
fn parse<T: Closed>(written: &str) -> Option<T> {
    T::ALL.iter().copied().find(|v| v.name() == written.trim())
}

/// The message and help for a value that is not in a closed list: what was written, and the
/// allowed values with their Vietnamese labels (and the likeliest one, when one is close).
fn not_in_list<T: Closed>(written: &str) -> (String, String) {
    let written = written.trim();
    let allowed: Vec<String> =
        T::ALL.iter().map(|v| format!("{} ({})", v.name(), v.label())).collect();
    let names: Vec<&str> = T::ALL.iter().map(|v| v.name()).collect();
    let meant = T::ALL
        .iter()
        .find(|v| crate::text::fold(v.label()) == crate::text::fold(written))
        .map(|v| v.name())
        .or_else(|| {
            let folded = crate::text::fold(written).replace(['_', '-'], " ");
            T::ALIASES.iter().find(|(alias, _)| *alias == folded).map(|(_, name)| *name)
        })
        .or_else(|| crate::explain::suggest(written, names.iter().copied()));
    let help = match meant {
        Some(name) => format!("có phải bạn muốn viết `{name}`? Các giá trị dùng được: "),
        None => "các giá trị dùng được: ".to_string(),
    };
    (
        format!("{} `{written}` không có trong danh sách", T::WHAT),
        format!("{help}{}", allowed.join(", ")),
    )
}

/// School level, as Thông tư 06/2022/TT-BGDĐT names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Mầm non (kindergarten).
    MamNon,
    /// Tiểu học (primary).
    TieuHoc,
    /// Trung học cơ sở (lower secondary).
    Thcs,
    /// Trung học phổ thông (upper secondary).
    Thpt,
}

impl Closed for Level {
    const ALL: &'static [Level] = &[Level::MamNon, Level::TieuHoc, Level::Thcs, Level::Thpt];
    const WHAT: &'static str = "cấp học";
    const ALIASES: &'static [(&'static str, &'static str)] = &[
        ("mau giao", "mam_non"),
        ("nha tre", "mam_non"),
        ("cap 1", "tieu_hoc"),
        ("cap 2", "thcs"),
        ("cap 3", "thpt"),
    ];
    fn name(self) -> &'static str {
        match self {
            Level::MamNon => "mam_non",
            Level::TieuHoc => "tieu_hoc",
            Level::Thcs => "thcs",
            Level::Thpt => "thpt",
        }
    }
    fn label(self) -> &'static str {
        match self {
            Level::MamNon => "mầm non",
            Level::TieuHoc => "tiểu học",
            Level::Thcs => "trung học cơ sở",
            Level::Thpt => "trung học phổ thông",
        }
    }
}

impl Level {
    /// The label as a heading: "Trung học cơ sở (THCS)".
    pub fn title(self) -> &'static str {
        match self {
            Level::MamNon => "Mầm non",
            Level::TieuHoc => "Tiểu học",
            Level::Thcs => "Trung học cơ sở (THCS)",
            Level::Thpt => "Trung học phổ thông (THPT)",
        }
    }

    /// The sessions a year Thông tư 06/2022/TT-BGDĐT asks for at this level.
    pub fn sessions_a_year(self) -> u32 {
        match self {
            Level::MamNon => 1,
            _ => 2,
        }
    }
}

/// The phase of a lesson an activity belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Warm-up.
    KhoiDong,
    /// Discovery.
    KhamPha,
    /// Practice.
    ThucHanh,
    /// Applying it at home or in school.
    VanDung,
    /// Wrap-up.
    CungCo,
}

impl Closed for Phase {
    const ALL: &'static [Phase] =
        &[Phase::KhoiDong, Phase::KhamPha, Phase::ThucHanh, Phase::VanDung, Phase::CungCo];
    const WHAT: &'static str = "bước (phase)";
    fn name(self) -> &'static str {
        match self {
            Phase::KhoiDong => "khoi_dong",
            Phase::KhamPha => "kham_pha",
            Phase::ThucHanh => "thuc_hanh",
            Phase::VanDung => "van_dung",
            Phase::CungCo => "cung_co",
        }
    }
    fn label(self) -> &'static str {
        match self {
            Phase::KhoiDong => "Khởi động",
            Phase::KhamPha => "Khám phá",
            Phase::ThucHanh => "Thực hành",
            Phase::VanDung => "Vận dụng",
            Phase::CungCo => "Củng cố",
        }
    }
}

/// The letter of choice `i` (0 -> A).
fn letter(i: usize) -> char {
    char::from(b'A' + (i % 26) as u8)
}

impl Question {
    /// The index of the right choice, if the answer names one.
    fn answer_index(&self) -> Option<usize> {
        let answer = self.answer.trim();
        let mut chars = answer.chars();
        let c = chars.next()?.to_ascii_uppercase();
        if chars.next().is_some() || !c.is_ascii_uppercase() {
            return None;
        }
        let i = (c as u8 - b'A') as usize;
        (i < self.choices.len()).then_some(i)
    }
}

impl crate::content_type::PageFields for Lesson {
    /// Checks beyond types: quiz answers name a choice, key messages are few, sources are web
    /// addresses, and the activities fit in the session.
    fn check(&self, file: &SourceFile, split: &Split<'_>) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        if parse::<Level>(&self.level).is_none() {
            let (message, help) = not_in_list::<Level>(&self.level);
            problems.push(crate::front_matter::at_key(file, split, "level", message).help(help));
        }
        for (n, activity) in self.activities.iter().enumerate() {
            if parse::<Phase>(&activity.phase).is_none() {
                let (message, help) = not_in_list::<Phase>(&activity.phase);
                problems.push(at_nth(file, split, "phase:", n, message).help(help));
            }
        }
        problems.extend(check_key_messages(&self.key_messages, "học sinh", file, split));
        for (n, q) in self.quiz.iter().enumerate() {
            let letters: Vec<String> =
                (0..q.choices.len()).map(|i| letter(i).to_string()).collect();
            if q.choices.len() < 2 {
                problems.push(
                    at_nth(
                        file,
                        split,
                        "choices:",
                        n,
                        format!(
                            "câu hỏi {} chỉ có {} lựa chọn; câu trắc nghiệm cần ít nhất 2",
                            n + 1,
                            q.choices.len()
                        ),
                    )
                    .help("thêm lựa chọn vào `choices`, mỗi lựa chọn một dòng bắt đầu bằng \"- \""),
                );
            } else if q.answer_index().is_none() {
                problems.push(
                    at_nth(
                        file,
                        split,
                        "answer:",
                        n,
                        format!(
                            "đáp án `{}` của câu hỏi {} không phải một lựa chọn",
                            q.answer.trim(),
                            n + 1
                        ),
                    )
                    .help(format!(
                        "viết chữ cái của lựa chọn đúng: {} (A là lựa chọn thứ nhất)",
                        letters.join(", ")
                    )),
                );
            }
        }
        let planned: u32 = self.activities.iter().filter_map(|a| a.minutes).sum();
        if planned > self.duration_minutes {
            let mut d = crate::front_matter::at_key(
                file,
                split,
                "activities",
                format!(
                    "các hoạt động cộng lại {planned} phút, dài hơn thời lượng bài học ({} phút)",
                    self.duration_minutes
                ),
            )
            .help("rút ngắn các hoạt động, hoặc sửa `duration_minutes`");
            d.severity = Severity::Warning;
            problems.push(d);
        }
        problems.extend(check_sources(&self.sources, file, split));
        problems
    }
}

/// A diagnostic at the `n`th (from 0) line of the front matter that starts with `needle`
/// (after indentation and a list dash), or at the opening `---` when there are fewer.
fn at_nth(
    file: &SourceFile,
    split: &Split<'_>,
    needle: &str,
    n: usize,
    message: String,
) -> Diagnostic {
    let d = Diagnostic::error(&file.path, message);
    let mut offset = 0;
    let mut seen = 0;
    for line in split.front.split_inclusive('\n') {
        let trimmed = line.trim_start_matches([' ', '-']);
        if trimmed.starts_with(needle) {
            if seen == n {
                let start = split.front_start + offset + (line.len() - trimmed.len());
                let value_end = start + trimmed.trim_end().len();
                return d.at(&file.text, start..value_end);
            }
            seen += 1;
        }
        offset += line.len();
    }
    d.at(&file.text, crate::front_matter::OPENING)
}

/// The front matter of a new lesson.
pub fn skeleton(title: &str, today: Date) -> String {
    format!(
        "---\ntitle: {title}\ndescription: \"\"\ndate: {today}\ndraft: true\n\
         level: tieu_hoc            # mam_non, tieu_hoc, thcs hoặc thpt\n\
         grades: \"Lớp 4–5\"\nduration_minutes: 35\n\
         objectives:\n  knowledge: []\n  skills: []\n  attitude: []\n\
         materials: []\n\
         activities:\n  - phase: khoi_dong        # khoi_dong, kham_pha, thuc_hanh, van_dung, cung_co\n    minutes: 5\n    text: \"\"\n\
         key_messages: []\n\
         quiz:\n  - question: \"\"\n    choices: [\"\", \"\"]\n    answer: A\n    explanation: \"\"\n\
         sources: []\n---\n\nGhi chú thêm cho giáo viên (không bắt buộc).\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_are_a_closed_list_with_vietnamese_help() {
        assert_eq!(parse::<Level>("thcs"), Some(Level::Thcs));
        assert_eq!(parse::<Level>(" mam_non "), Some(Level::MamNon));
        assert_eq!(parse::<Level>("THCS"), None);
        let (message, help) = not_in_list::<Level>("khac");
        assert_eq!(message, "cấp học `khac` không có trong danh sách");
        assert_eq!(
            help,
            "các giá trị dùng được: mam_non (mầm non), tieu_hoc (tiểu học), \
             thcs (trung học cơ sở), thpt (trung học phổ thông)"
        );
        // A label written in Vietnamese points to its name.
        let (_, help) = not_in_list::<Level>("Tiểu học");
        assert!(help.starts_with("có phải bạn muốn viết `tieu_hoc`? Các giá trị"), "{help}");
        let (_, help) = not_in_list::<Level>("Cấp 2");
        assert!(help.starts_with("có phải bạn muốn viết `thcs`?"), "{help}");
        let (message, _) = not_in_list::<Phase>("luyen_tap");
        assert_eq!(message, "bước (phase) `luyen_tap` không có trong danh sách");
    }

    #[test]
    fn answers_are_letters_of_choices() {
        let q = |answer: &str| Question {
            question: "?".into(),
            choices: vec!["a".into(), "b".into(), "c".into()],
            answer: answer.into(),
            explanation: None,
        };
        assert_eq!(q("A").answer_index(), Some(0));
        assert_eq!(q(" c ").answer_index(), Some(2));
        assert_eq!(q("D").answer_index(), None);
        assert_eq!(q("AB").answer_index(), None);
        assert_eq!(q("1").answer_index(), None);
    }
}
