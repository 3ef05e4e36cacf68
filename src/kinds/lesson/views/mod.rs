//! What a lesson shows: its plan, quiz and key messages, the embed page and snippet for
//! schools, its printout and poster, its structured data.

pub mod embed;

use std::sync::Arc;

use jiff::civil::Date;
use serde::Serialize;

use super::{Lesson, Lessons, Level, Objectives, letter};
use crate::content_type::{PageFields, PageType};
use crate::diagnostic::Diagnostic;
use crate::front_matter::Split;
use crate::guidance::{KeyMessageView, key_message_texts, key_messages_view};
use crate::kinds::kind::{PageViews, Printout};
use crate::load::SourceFile;
use crate::model::{Page, Site};
use crate::view::context::{SourceView, sources_view};
use crate::view::json_ld;

impl PageType for Lessons {
    fn name(&self) -> &'static str {
        "bai_hoc"
    }

    fn noun(&self) -> &'static str {
        "bài học"
    }

    fn fields(&self) -> &'static [&'static str] {
        crate::explain::fields_of::<Lesson>()
    }

    fn skeleton(&self, title: &str, today: Date) -> String {
        super::skeleton(title, today)
    }

    fn parse(
        &self,
        file: &SourceFile,
        split: &Split<'_>,
    ) -> Result<Arc<dyn PageFields>, Vec<Diagnostic>> {
        Ok(Arc::new(super::parse(file, split)?))
    }

    /// A lesson's "Nhúng bài học" page shows its embed snippets, highlighted.
    fn shows_code(&self) -> bool {
        true
    }
}

impl PageViews for Lessons {
    fn label(&self) -> &'static str {
        "Bài học"
    }

    fn template(&self) -> &'static str {
        "lesson.html"
    }

    fn printout<'a>(&self, page: &'a Page) -> Option<Printout<'a>> {
        let lesson = page.fields::<Lesson>()?;
        Some(Printout { key_messages: &lesson.key_messages })
    }

    fn view(&self, site: &Site, page: &Page) -> tera::Value {
        match page.fields::<Lesson>() {
            Some(lesson) => tera::Value::from_serializable(&lesson.view(site, page)),
            None => crate::view::context::no_fields(),
        }
    }

    fn search_text(&self, page: &Page) -> String {
        let Some(lesson) = page.fields::<Lesson>() else { return String::new() };
        let o = &lesson.objectives;
        let mut parts: Vec<&str> = vec![&lesson.grades];
        for list in [&o.knowledge, &o.skills, &o.attitude, &lesson.materials] {
            parts.extend(list.iter().map(String::as_str));
        }
        parts.extend(lesson.activities.iter().map(|a| a.text.as_str()));
        parts.extend(key_message_texts(&lesson.key_messages));
        parts.extend(lesson.quiz.iter().map(|q| q.question.as_str()));
        parts.extend(lesson.safety_notes.iter().map(String::as_str));
        parts.join("\n")
    }

    fn outputs(
        &self,
        site: &Site,
        templates: &crate::view::Templates,
    ) -> Vec<Result<crate::view::Output, Diagnostic>> {
        embed::outputs(site, templates)
    }
}

impl Lesson {
    /// The values templates receive.
    /// `page` is the page this lesson belongs to, for the URLs of its embed, poster and QR code.
    pub fn view<'a>(&'a self, site: &'a Site, page: &'a Page) -> View<'a> {
        let level = self.level;
        View {
            level: level.name(),
            level_label: level.title(),
            sessions_a_year: level.sessions_a_year(),
            grades: &self.grades,
            duration_minutes: self.duration_minutes,
            objectives: &self.objectives,
            materials: &self.materials,
            activities: self
                .activities
                .iter()
                .map(|a| ActivityView {
                    phase: a.phase.name(),
                    phase_label: a.phase.label(),
                    minutes: a.minutes,
                    text: &a.text,
                })
                .collect(),
            key_messages: key_messages_view(&self.key_messages, &site.config.base_url),
            quiz: self
                .quiz
                .iter()
                .enumerate()
                .map(|(n, q)| {
                    let answer = q.answer_index().unwrap_or(0);
                    QuestionView {
                        number: n + 1,
                        question: &q.question,
                        choices: q
                            .choices
                            .iter()
                            .enumerate()
                            .map(|(i, text)| ChoiceView {
                                letter: letter(i),
                                text,
                                correct: i == answer,
                            })
                            .collect(),
                        answer: letter(answer),
                        answer_text: q.choices.get(answer).map(String::as_str).unwrap_or(""),
                        explanation: q.explanation.as_deref(),
                    }
                })
                .collect(),
            safety_notes: &self.safety_notes,
            sources: sources_view(&self.sources, site),
            snippets_url: embed::snippets_url(page),
            poster_url: (!self.key_messages.is_empty()).then(|| crate::print::poster_url(page)),
            qr_svg: crate::print::page_qr(
                page,
                "Mã QR dẫn đến bài học này trên trang của phường",
                132,
            ),
            json_ld: self.json_ld(site, page, level),
        }
    }

    /// schema.org structured data: a learning resource for teachers, as JSON safe inside a
    /// `<script>` element.
    fn json_ld(&self, site: &Site, page: &Page, level: Level) -> String {
        let audience = json_ld::Node::new("EducationalAudience").with("educationalRole", "teacher");
        json_ld::page("LearningResource", site, page)
            .with("name", &page.meta.title)
            .with("learningResourceType", "lesson plan")
            .with("educationalLevel", level.title())
            .with("typicalAgeRange", &self.grades)
            .with("timeRequired", format!("PT{}M", self.duration_minutes))
            .with("audience", audience)
            .with("teaches", key_message_texts(&self.key_messages))
            .with("publisher", json_ld::publisher(site))
            .to_script()
    }
}

/// A lesson's values in `page`.
#[derive(Debug, Serialize)]
pub struct View<'a> {
    /// `mam_non`, `tieu_hoc`, `thcs` or `thpt`.
    pub level: &'static str,
    /// The level in Vietnamese.
    pub level_label: &'static str,
    /// Sessions a year Thông tư 06/2022/TT-BGDĐT asks for at this level.
    pub sessions_a_year: u32,
    /// Grades or ages.
    pub grades: &'a str,
    /// Minutes.
    pub duration_minutes: u32,
    /// Knowledge, skills, attitude.
    pub objectives: &'a Objectives,
    /// Preparation.
    pub materials: &'a [String],
    /// Steps.
    pub activities: Vec<ActivityView<'a>>,
    /// Things to remember.
    pub key_messages: Vec<KeyMessageView<'a>>,
    /// The quiz.
    pub quiz: Vec<QuestionView<'a>>,
    /// Safety rules for the teacher.
    pub safety_notes: &'a [String],
    /// Sources.
    pub sources: Vec<SourceView<'a>>,
    /// The "Nhúng bài học" page, which holds the snippets schools copy.
    pub snippets_url: String,
    /// The printable poster of the key messages.
    pub poster_url: Option<String>,
    /// The QR code leading to the lesson, inline SVG.
    pub qr_svg: Option<String>,
    /// schema.org structured data (JSON, safe inside `<script>`).
    pub json_ld: String,
}

/// An activity as templates receive it.
#[derive(Debug, Serialize)]
pub struct ActivityView<'a> {
    /// `khoi_dong`...
    pub phase: &'static str,
    /// `Khởi động`...
    pub phase_label: &'static str,
    /// Minutes.
    pub minutes: Option<u32>,
    /// What happens.
    pub text: &'a str,
}

/// A quiz question as templates receive it.
#[derive(Debug, Serialize)]
pub struct QuestionView<'a> {
    /// 1, 2, 3...
    pub number: usize,
    /// The question.
    pub question: &'a str,
    /// The choices with their letters.
    pub choices: Vec<ChoiceView<'a>>,
    /// The right letter.
    pub answer: char,
    /// The right choice's text.
    pub answer_text: &'a str,
    /// Why.
    pub explanation: Option<&'a str>,
}

/// A choice.
#[derive(Debug, Serialize)]
pub struct ChoiceView<'a> {
    /// A, B, C...
    pub letter: char,
    /// Its text.
    pub text: &'a str,
    /// Whether it is the answer.
    pub correct: bool,
}
