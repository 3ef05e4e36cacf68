//! The values a drill's page receives: facts already phrased for readers.

use jiff::Timestamp;
use serde::Serialize;

use super::values::{Choice, When, is_upcoming};
use crate::dates;
use crate::kinds::drill::{Drill, FollowUp, Participants, Phase, Scenario, Status};
use crate::model::{Page, Site};
use crate::view::json_ld;

/// A force with its label.
#[derive(Debug, Serialize)]
pub struct ForceView<'a> {
    /// Unit.
    pub unit: &'a str,
    /// Kind of force, in Vietnamese; none when the unit's name already says it.
    pub kind: Option<&'static str>,
    /// Headcount.
    pub personnel: Option<u32>,
    /// Vehicles.
    pub vehicles: Option<u32>,
}

/// Results with due dates phrased for readers.
#[derive(Debug, Serialize)]
pub struct ResultsView<'a> {
    /// Minutes to control the assumed fire.
    pub time_to_control_minutes: Option<u32>,
    /// People rescued.
    pub persons_rescued: Option<u32>,
    /// Whether objectives were met.
    pub objectives_met: Option<bool>,
    /// What went well.
    pub strengths: &'a [String],
    /// What went wrong.
    pub issues: &'a [String],
    /// Actions decided.
    pub follow_up: Vec<FollowUpView<'a>>,
}

/// A follow-up action.
#[derive(Debug, Serialize)]
pub struct FollowUpView<'a> {
    /// What.
    pub action: &'a str,
    /// Who.
    pub owner: &'a str,
    /// By when (`30/06/2026`).
    pub due: Option<String>,
    /// Due date, ISO.
    pub due_iso: Option<String>,
}

impl<'a> FollowUpView<'a> {
    fn new(f: &'a FollowUp) -> FollowUpView<'a> {
        FollowUpView {
            action: &f.action,
            owner: &f.owner,
            due: f.due.map(dates::short),
            due_iso: f.due.map(|d| d.to_string()),
        }
    }
}

/// The place, with its neighbourhood listing.
#[derive(Debug, Serialize)]
pub struct LocationView<'a> {
    /// Place.
    pub name: &'a str,
    /// Address.
    pub address: Option<&'a str>,
    /// Name and address in one line, without repeating what both say.
    pub place: String,
    /// Tổ dân phố, by its name.
    pub to_dan_pho: Option<String>,
    /// The listing of drills in that tổ dân phố.
    pub to_dan_pho_url: Option<String>,
    /// The page of that tổ dân phố (`/to-dan-pho/so-5/`), for a drill listed there.
    pub to_dan_pho_page: Option<String>,
    /// An OpenStreetMap link when coordinates are given.
    pub map_url: Option<String>,
}

/// A drill's values in `page`.
#[derive(Debug, Serialize)]
pub struct View<'a> {
    /// Always true: templates tell drill pages by it.
    pub is_drill: bool,
    /// The kind of exercise.
    pub kind: Choice,
    /// Where it stands.
    pub status: Choice,
    /// Why it was postponed or cancelled.
    pub status_note: Option<&'a str>,
    /// Whether it is still to come on the build's day.
    pub upcoming: bool,
    /// When.
    pub when: Option<When>,
    /// Where.
    pub location: LocationView<'a>,
    /// Organiser.
    pub organiser: Option<&'a str>,
    /// Chair (a role).
    pub chaired_by: Option<&'a str>,
    /// "Kế hoạch số 12/KH-UBND ngày 05/3/2026 của UBND phường Khương Đình".
    pub plan: Option<String>,
    /// The fire plan exercised.
    pub fire_plan_ref: Option<&'a str>,
    /// The assumed situation.
    pub scenario: Option<&'a Scenario>,
    /// Phases.
    pub phases: &'a [Phase],
    /// Forces.
    pub forces: Vec<ForceView<'a>>,
    /// Total headcount of the forces.
    pub force_personnel: u32,
    /// Total vehicles.
    pub force_vehicles: u32,
    /// Equipment as "12 bình chữa cháy xách tay".
    pub equipment: Vec<String>,
    /// Participants.
    pub participants: Option<ParticipantsView>,
    /// Results.
    pub results: Option<ResultsView<'a>>,
    /// The drill's own calendar file, while the drill is to come.
    pub ics_url: Option<String>,
    /// schema.org Event, as JSON safe inside `<script>`.
    pub drill_json_ld: String,
}

/// Counts of participants.
#[derive(Debug, Serialize)]
pub struct ParticipantsView {
    /// Everyone.
    pub total: Option<u32>,
    /// Residents.
    pub residents: Option<u32>,
    /// Households.
    pub households_represented: Option<u32>,
    /// Pupils.
    pub students: Option<u32>,
    /// Officials.
    pub officials: Option<u32>,
}

impl From<&Participants> for ParticipantsView {
    fn from(p: &Participants) -> Self {
        ParticipantsView {
            total: p.total,
            residents: p.residents,
            households_represented: p.households_represented,
            students: p.students,
            officials: p.officials,
        }
    }
}

impl Drill {
    /// The values templates receive for the drill on `page`.
    pub fn view<'a>(&'a self, site: &'a Site, page: &'a Page) -> View<'a> {
        let tz = &site.config.timezone;
        let span = self.span(tz);
        View {
            is_drill: true,
            kind: Choice { name: self.kind.name(), label: self.kind.label() },
            status: Choice { name: self.status.name(), label: self.status.label() },
            status_note: self.status_note.as_deref(),
            upcoming: is_upcoming(self, site),
            when: span.map(|(s, e)| When::new(s, e, tz)),
            location: location_view(self, site, page),
            organiser: self.organiser.as_deref(),
            chaired_by: self.chaired_by.as_deref(),
            plan: self.plan_ref.as_ref().map(|p| {
                let mut text = format!("Kế hoạch số {}", p.so);
                if let Some(k) = &p.ky_hieu {
                    text.push('/');
                    text.push_str(k);
                }
                if let Some(d) = p.ngay {
                    text.push_str(&format!(" ngày {}", dates::short(d)));
                }
                if let Some(i) = &p.issuer {
                    text.push_str(&format!(" của {i}"));
                }
                text
            }),
            fire_plan_ref: self.fire_plan_ref.as_deref(),
            scenario: self.scenario.as_ref(),
            phases: &self.phases,
            forces: self
                .forces
                .iter()
                .map(|f| ForceView {
                    unit: &f.unit,
                    kind: Some(f.force_type.label())
                        .filter(|k| !super::values::names_its_kind(&f.unit, k)),
                    personnel: f.personnel,
                    vehicles: f.vehicles,
                })
                .collect(),
            force_personnel: self.forces.iter().filter_map(|f| f.personnel).sum(),
            force_vehicles: self.forces.iter().filter_map(|f| f.vehicles).sum(),
            equipment: self
                .equipment
                .iter()
                .map(|e| match e.qty {
                    Some(q) => format!("{q} {}", e.item),
                    None => e.item.clone(),
                })
                .collect(),
            participants: self.participants.as_ref().map(ParticipantsView::from),
            results: self.results.as_ref().map(|r| ResultsView {
                time_to_control_minutes: r.time_to_control_minutes,
                persons_rescued: r.persons_rescued,
                objectives_met: r.objectives_met,
                strengths: &r.strengths,
                issues: &r.issues,
                follow_up: r.follow_up.iter().map(FollowUpView::new).collect(),
            }),
            ics_url: super::lists::own_calendar_url(site, page, self),
            drill_json_ld: json_ld(self, site, page),
        }
    }
}

fn location_view<'a>(drill: &'a Drill, site: &Site, page: &Page) -> LocationView<'a> {
    let l = &drill.location;
    LocationView {
        name: &l.name,
        address: l.address.as_deref(),
        place: super::values::place_text(drill),
        to_dan_pho: drill.to_dan_pho().map(|t| t.name()),
        to_dan_pho_url: drill.to_dan_pho().map(|t| super::lists::tdp_url(site, page.section, t)),
        // Only where the group's page lists the drill, so the link never leads to a missing page.
        to_dan_pho_page: drill
            .to_dan_pho()
            .filter(|_| !page.meta.draft && page.is_listed())
            .map(|t| site.config.permalink(&crate::view::neighbourhood::path(t))),
        map_url: l.geo.map(|g| {
            format!(
                "https://www.openstreetmap.org/?mlat={}&mlon={}#map=18/{}/{}",
                g.lat, g.lng, g.lat, g.lng
            )
        }),
    }
}

/// schema.org `Event` for a drill page.
fn json_ld(drill: &Drill, site: &Site, page: &Page) -> String {
    let tz = &site.config.timezone;
    let zoned = |t: Timestamp| dates::rfc3339(&t.to_zoned_datetime(tz.clone()));
    let status = match drill.status {
        Status::DuKien | Status::DaToChuc => "https://schema.org/EventScheduled",
        Status::Hoan => "https://schema.org/EventPostponed",
        Status::Huy => "https://schema.org/EventCancelled",
    };
    let l = &drill.location;
    let geo = l.geo.map(|g| (g.lat, g.lng));
    let place = json_ld::place(&site.config, &l.name, l.address.as_deref(), geo);
    let organiser = drill.organiser.as_deref().unwrap_or(json_ld::publisher_name(&site.config));
    let span = drill.span(tz);
    json_ld::page("Event", site, page)
        .with("name", &page.meta.title)
        .with("eventStatus", status)
        .with("eventAttendanceMode", "https://schema.org/OfflineEventAttendanceMode")
        .with("location", place)
        .with("organizer", json_ld::organisation(organiser))
        .with("isAccessibleForFree", true)
        .with_some("startDate", span.map(|(start, _)| zoned(start)))
        .with_some("endDate", span.map(|(_, end)| zoned(end)))
        .to_script()
}
