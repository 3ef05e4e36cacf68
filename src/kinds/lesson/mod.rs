//! Lessons (bài học) for schools: a lesson plan teachers follow, a quiz pupils answer, an embed
//! page schools put in their own websites, and an A4 handout and poster with a QR code.
//!
//! The fields follow Vietnamese lesson plans (giáo án): target group and duration, objectives
//! as knowledge, skills and attitude, preparation, activities by phase, and what to remember;
//! levels and the sessions they owe follow Thông tư 06/2022/TT-BGDĐT.

pub mod views;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::closed_list::closed_list;
use crate::diagnostic::{Diagnostic, Severity};
use crate::front_matter::{self, Split};
use crate::guidance::{KeyMessage, Source, check_key_messages, check_sources};
use crate::load::SourceFile;

/// The lesson type, in the registry ([`crate::kinds::PAGE_KINDS`]). Its [`PageType`] is
/// implemented in [`views`], beside the embed snippet its warm-up prepares.
///
/// [`PageType`]: crate::content_type::PageType
pub struct Lessons;

/// Fields of a lesson, beside those every page has.
#[derive(Debug, Clone, Deserialize)]
pub struct Lesson {
    /// School level.
    pub level: Level,
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
    pub key_messages: Vec<KeyMessage>,
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
    /// The phase of the lesson the step belongs to.
    pub phase: Phase,
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

closed_list! {
    /// School level, as Thông tư 06/2022/TT-BGDĐT names them.
    pub enum Level, "cấp học" {
        /// Mầm non (kindergarten).
        MamNon = "mam_non", "mầm non", ["mẫu giáo", "nhà trẻ"];
        /// Tiểu học (primary).
        TieuHoc = "tieu_hoc", "tiểu học", ["cấp 1"];
        /// Trung học cơ sở (lower secondary).
        Thcs = "thcs", "trung học cơ sở", ["cấp 2"];
        /// Trung học phổ thông (upper secondary).
        Thpt = "thpt", "trung học phổ thông", ["cấp 3"];
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

closed_list! {
    /// The phase of a lesson an activity belongs to.
    pub enum Phase, "bước (phase)" {
        /// Warm-up.
        KhoiDong = "khoi_dong", "Khởi động";
        /// Discovery.
        KhamPha = "kham_pha", "Khám phá";
        /// Practice.
        ThucHanh = "thuc_hanh", "Thực hành";
        /// Applying it at home or in school.
        VanDung = "van_dung", "Vận dụng";
        /// Wrap-up.
        CungCo = "cung_co", "Củng cố";
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

/// Reads a lesson's fields from its front matter, with every problem. A wrong level or phase
/// stops the lesson from being read, but not its other checks: the fields they read are read
/// again alone, so that a wrong answer in the quiz shows in the same build.
pub fn parse(file: &SourceFile, split: &Split<'_>) -> Result<Lesson, Vec<Diagnostic>> {
    front_matter::deserialize_all(file, split).map_err(|mut problems| {
        if let Ok(rest) = front_matter::deserialize::<Rest>(file, split) {
            problems.extend(check_rest(&rest.key_messages, &rest.quiz, &rest.sources, file, split));
        }
        problems
    })
}

/// The fields of a lesson that [`check_rest`] reads.
#[derive(Deserialize)]
struct Rest {
    #[serde(default)]
    key_messages: Vec<KeyMessage>,
    #[serde(default)]
    quiz: Vec<Question>,
    #[serde(default)]
    sources: Vec<Source>,
}

/// The checks of a lesson that need neither its level nor its activities: key messages are
/// few, quiz answers name a choice, sources are web addresses.
fn check_rest(
    key_messages: &[KeyMessage],
    quiz: &[Question],
    sources: &[Source],
    file: &SourceFile,
    split: &Split<'_>,
) -> Vec<Diagnostic> {
    let mut problems = check_key_messages(key_messages, "học sinh", file, split);
    for (n, q) in quiz.iter().enumerate() {
        let letters: Vec<String> = (0..q.choices.len()).map(|i| letter(i).to_string()).collect();
        if q.choices.len() < 2 {
            problems.push(
                front_matter::at_key(
                    file,
                    split,
                    &format!("quiz.{n}.choices"),
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
                front_matter::at_value(
                    file,
                    split,
                    &format!("quiz.{n}.answer"),
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
    problems.extend(check_answer_letters(quiz, file, split));
    problems.extend(check_sources(sources, file, split));
    problems
}

/// The fewest questions from which the spread of right answers says anything: with two, the
/// same letter twice is as likely as not.
const FEWEST_TO_JUDGE: usize = 3;

/// The letter most right answers share, with how many share it, when it is more than two
/// thirds of the quiz (all 3 of 3, 3 of 4, 4 of 5, 5 of 6…). Pupils notice such a letter and
/// answer it without reading; the sample quizzes had B right in 10 of 14 questions.
fn lopsided_answers(quiz: &[Question]) -> Option<(char, usize)> {
    if quiz.len() < FEWEST_TO_JUDGE {
        return None;
    }
    let mut counts = [0usize; 26];
    for i in quiz.iter().filter_map(Question::answer_index) {
        counts[i % 26] += 1;
    }
    // The first letter of the most common ones, so the message does not depend on the order.
    let (i, &most) = counts.iter().enumerate().rev().max_by_key(|&(_, n)| n)?;
    (most * 3 > quiz.len() * 2).then_some((letter(i), most))
}

/// A warning when the quiz's right answers are all, or mostly, one letter.
fn check_answer_letters(
    quiz: &[Question],
    file: &SourceFile,
    split: &Split<'_>,
) -> Option<Diagnostic> {
    let (letter, count) = lopsided_answers(quiz)?;
    let total = quiz.len();
    let how_many = if count == total {
        format!("cả {total} câu hỏi")
    } else {
        format!("{count} trong {total} câu hỏi")
    };
    let mut d = front_matter::at_key(
        file,
        split,
        "quiz",
        format!(
            "đáp án đúng của {how_many} đều là {letter}: học sinh đoán theo chữ cái cũng trúng"
        ),
    )
    .help(
        "đổi thứ tự các lựa chọn trong `choices` để đáp án đúng rơi vào nhiều chữ khác nhau, \
         rồi sửa `answer` cho khớp; một chữ không nên là đáp án của quá 2/3 số câu",
    );
    d.severity = Severity::Warning;
    Some(d)
}

impl crate::content_type::PageFields for Lesson {
    /// Checks beyond types: those of [`check_rest`], and that the activities fit in the
    /// session.
    fn check(&self, file: &SourceFile, split: &Split<'_>) -> Vec<Diagnostic> {
        let mut problems = check_rest(&self.key_messages, &self.quiz, &self.sources, file, split);
        let planned: u32 = self.activities.iter().filter_map(|a| a.minutes).sum();
        if planned > self.duration_minutes {
            let mut d = front_matter::at_key(
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
        problems
    }
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
    fn levels_and_phases_read_unambiguously() {
        use crate::closed_list::{WrittenIn, clashes, not_in_list};
        assert_eq!(clashes::<Level>(), Vec::<String>::new());
        assert_eq!(clashes::<Phase>(), Vec::<String>::new());
        // What editors call a level points to its name.
        for (written, name) in
            [("Tiểu học", "tieu_hoc"), ("Cấp 2", "thcs"), ("THPT", "thpt"), ("mẫu giáo", "mam_non")]
        {
            let (_, help) = not_in_list::<Level>(written, WrittenIn::Yaml);
            assert!(help.starts_with(&format!("có phải bạn muốn viết `{name}`?")), "{help}");
        }
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

    #[test]
    fn a_letter_right_in_more_than_two_thirds_of_the_questions_is_lopsided() {
        let quiz = |answers: &str| -> Vec<Question> {
            answers
                .chars()
                .map(|a| Question {
                    question: "?".into(),
                    choices: vec!["a".into(), "b".into(), "c".into()],
                    answer: a.to_string(),
                    explanation: None,
                })
                .collect()
        };
        for (answers, expected) in [
            ("BB", None),
            ("BBB", Some(('B', 3))),
            ("BBA", None),
            ("BABB", Some(('B', 3))),
            ("ABAB", None),
            ("CCCCA", Some(('C', 4))),
            ("CCCAA", None),
            ("AAAAAB", Some(('A', 5))),
            ("AAAABB", None),
            // Answers that name no choice are not counted as a letter.
            ("DDDD", None),
            ("BBBD", Some(('B', 3))),
        ] {
            assert_eq!(lopsided_answers(&quiz(answers)), expected, "{answers}");
        }
    }
}
