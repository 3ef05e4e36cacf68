//! What the list of violations adds to the site: the list and its views (by status, category,
//! tổ dân phố), the "đã khắc phục" and "đã gỡ" lists, a page per record, the open data
//! (`danh-sach.csv`, `danh-sach.json`) and an Atom feed of changes.
//!
//! Every value shown comes from [`super::published`] or from fields the allowlist names, so
//! what an individual's record withholds never reaches a template.

use std::collections::BTreeMap;

use serde::Serialize;

use super::schema::{Category, OwnerKind};
use super::{DIR, Record, Register, State, Violations, published};
use crate::diagnostic::Diagnostic;
use crate::kinds::kind::DataSetViews;
use crate::model::Site;
use crate::search::Document;
use crate::to_dan_pho::{self, ToDanPho};
use crate::view::context::{MetaView, day_stamp};
use crate::view::feed;
use crate::view::neighbourhood::{Block, Item, SortKey, order};
use crate::view::open_data::{Allowed, DataFile, Field as DataField, OpenData};
use crate::view::{Output, TemplateContext, Templates};

/// A record as a row of a list.
#[derive(Debug, Serialize)]
pub struct RowView {
    /// Id.
    pub id: String,
    /// The record's page.
    pub url: String,
    /// The facility's name; for an individual, the person's name.
    pub title: String,
    /// The owner, for organisations.
    pub owner: Option<String>,
    /// Kind of facility, for organisations.
    pub facility_type: Option<&'static str>,
    /// Whether the owner is an individual.
    pub individual: bool,
    /// Street address.
    pub address: String,
    /// Tổ dân phố, by its name ("Tổ dân phố số 5").
    pub to_dan_pho: String,
    /// The address with the tổ dân phố in it, small unit to large ("Số 4, ngõ 1, tổ dân phố
    /// số 1, phường Khương Đình").
    pub full_address: String,
    /// Categories' labels.
    pub categories: Vec<&'static str>,
    /// "Quyết định số 05/QĐ-XPHC ngày 02/02/2026".
    pub decision: Option<String>,
    /// Who signed it.
    pub issuer: Option<String>,
    /// Remediation deadline, `05/02/2026`.
    pub deadline: Option<String>,
    /// Status code (`qua_han`, `dang_khac_phuc`...).
    pub status: &'static str,
    /// Status label.
    pub status_label: &'static str,
    /// The row's text folded for the filter (no diacritics, lowercase).
    pub search: String,
}

fn row(site: &Site, record: &Record) -> RowView {
    let e = &record.entry;
    let individual = e.owner.kind == OwnerKind::CaNhan;
    let (status, status_label) = record.state.status();
    let title = if individual { e.owner.name.clone() } else { e.facility.name.clone() };
    let categories: Vec<&'static str> = e.categories.iter().map(|c| c.label()).collect();
    let decision = e.decision.as_ref().map(|d| d.reference());
    let to_dan_pho = ToDanPho::name_or_written(&e.facility.to_dan_pho);
    // The name shown, and the one written when it differs ("TDP 5"), both find the row.
    let tdp_search = if to_dan_pho == e.facility.to_dan_pho {
        to_dan_pho.clone()
    } else {
        format!("{to_dan_pho} {}", e.facility.to_dan_pho)
    };
    let search = crate::text::fold(&format!(
        "{title} {} {} {tdp_search} {} {}",
        if individual { "" } else { &e.owner.name },
        e.facility.address,
        categories.join(" "),
        status_label
    ));
    RowView {
        id: e.id.clone(),
        url: site.config.permalink(&format!("/{DIR}/{}/", e.id)),
        title,
        owner: (!individual).then(|| e.owner.name.clone()),
        facility_type: (!individual).then(|| e.facility.kind.label()),
        individual,
        address: e.facility.address.clone(),
        full_address: ToDanPho::read(&e.facility.to_dan_pho).map_or_else(
            |_| format!("{}, {}", e.facility.address, to_dan_pho),
            |t| t.in_address(&e.facility.address),
        ),
        to_dan_pho,
        categories,
        decision,
        issuer: e.decision.as_ref().map(|d| d.issuer.clone()),
        deadline: e.remediation.deadline.map(crate::dates::short),
        status,
        status_label,
        search,
    }
}

/// A link to a view of the list, with how many records it holds.
#[derive(Debug, Serialize)]
pub struct ViewLink {
    /// Label.
    pub label: String,
    /// URL.
    pub url: String,
    /// Path, to mark the current one.
    pub path: String,
    /// Records in it.
    pub count: usize,
}

/// A removed record: no personal data.
#[derive(Debug, Serialize)]
pub struct RemovedView {
    /// Id.
    pub id: String,
    /// The facility's name; for individuals, a placeholder.
    pub title: String,
    /// Tổ dân phố, by its name, for organisations.
    pub to_dan_pho: Option<String>,
    /// When it left the list.
    pub on: String,
    /// Why.
    pub reason: &'static str,
    /// The document behind it.
    pub evidence: Option<String>,
}

/// Every list page: (path, title, caption, rows).
struct ListPage {
    path: String,
    title: String,
    intro: String,
    rows: Vec<usize>,
    /// On a view per tổ dân phố, the group's page (`/to-dan-pho/so-5/`) when it lists some of
    /// these records: those of organisations.
    group_page: Option<GroupPage>,
}

/// The page of a tổ dân phố, linked from the list's view of it.
#[derive(Debug, Serialize)]
struct GroupPage {
    /// "tổ dân phố số 5", as written mid-sentence.
    name: String,
    url: String,
}

/// The order of every list of records, said above each list.
const ORDER: &str =
    "Danh sách xếp theo tổ dân phố (số nhỏ trước); trong mỗi tổ dân phố, theo mã hồ sơ.";

/// The records of `state`, in [`ORDER`].
fn in_order(site: &Site, state: impl Fn(&State) -> bool) -> Vec<usize> {
    let records = &register(site).records;
    let mut order: Vec<usize> = (0..records.len()).filter(|&i| state(&records[i].state)).collect();
    order.sort_by_cached_key(|&i| {
        let e = &records[i].entry;
        (ToDanPho::read(&e.facility.to_dan_pho).ok(), e.id.clone())
    });
    order
}

fn listed(site: &Site) -> Vec<usize> {
    in_order(site, |s| matches!(s, State::Listed { .. }))
}

/// The outputs of the list; none when the site has no records.
pub fn outputs(site: &Site, templates: &Templates) -> Vec<Result<Output, Diagnostic>> {
    if register(site).records.is_empty() {
        return Vec::new();
    }
    let list = listed(site);
    let Views { pages, links } = views(site, &list);
    let remediated = remediated_page(site);
    let removed = removed_views(site);
    let nav = Nav::new(site, &list, links, remediated.rows.len(), removed.len());
    let mut results: Vec<Result<Output, Diagnostic>> =
        pages.iter().map(|page| list_page(site, templates, &nav, page, "list")).collect();
    results.push(list_page(site, templates, &nav, &remediated, "remediated"));
    results.push(removed_page(site, templates, &nav, &removed));
    results.extend(record_pages(site, templates, &nav, &removed));
    results.extend(old_tdp_addresses(site, templates, &list));
    results.push(Ok(csv(site)));
    results.push(json(site));
    results.push(feed(site, templates));
    results
}

/// The list pages (the whole list, then its views by status, category and tổ dân phố), and
/// the links to the views for every list page's navigation.
struct Views {
    pages: Vec<ListPage>,
    links: ViewLinks,
}

/// Links to the views of the list, by group.
struct ViewLinks {
    statuses: Vec<ViewLink>,
    categories: Vec<ViewLink>,
    to_dan_pho: Vec<ViewLink>,
}

/// A view of the list: its page and the link to it.
type View = (ListPage, ViewLink);

fn views(site: &Site, list: &[usize]) -> Views {
    let mut pages = vec![ListPage {
        path: format!("/{DIR}/"),
        title: "Danh sách cơ sở vi phạm về PCCC".into(),
        intro: "Các tổ chức, cá nhân vi phạm quy định về phòng cháy, chữa cháy đã bị xử lý và đang trong thời hạn công khai.".into(),
        rows: list.to_vec(),
        group_page: None,
    }];
    let mut group = |views: Vec<View>| -> Vec<ViewLink> {
        views
            .into_iter()
            .map(|(page, link)| {
                pages.push(page);
                link
            })
            .collect()
    };
    let links = ViewLinks {
        statuses: group(status_views(site, list)),
        categories: group(category_views(site, list)),
        to_dan_pho: group(tdp_views(site, list)),
    };
    Views { pages, links }
}

/// The view of the records of `rows` at `path`, linked as `label`.
fn view(
    site: &Site,
    path: String,
    label: &str,
    title: String,
    intro: String,
    rows: Vec<usize>,
) -> View {
    let link = link(site, label, &path, rows.len());
    (ListPage { path, title, intro, rows, group_page: None }, link)
}

/// Statuses a listed record can have, each with a view even when empty: (code, slug, label).
const STATUSES: [(&str, &str, &str); 4] = [
    ("qua_han", "qua-han", "Quá hạn khắc phục"),
    ("chua_khac_phuc", "chua-khac-phuc", "Chưa khắc phục"),
    ("dang_khac_phuc", "dang-khac-phuc", "Đang khắc phục"),
    ("chuyen_co_quan_dieu_tra", "chuyen-co-quan-dieu-tra", "Chuyển cơ quan điều tra"),
];

/// A view per status.
fn status_views(site: &Site, list: &[usize]) -> Vec<View> {
    let records = &register(site).records;
    STATUSES
        .iter()
        .map(|&(code, slug, label)| {
            let rows = list.iter().copied().filter(|&i| records[i].state.status().0 == code);
            view(
                site,
                format!("/{DIR}/tinh-trang/{slug}/"),
                label,
                format!("Cơ sở vi phạm: {}", label.to_lowercase()),
                format!("Các cơ sở trong danh sách có tình trạng “{label}”."),
                rows.collect(),
            )
        })
        .collect()
}

/// A view per category that has listed records.
fn category_views(site: &Site, list: &[usize]) -> Vec<View> {
    let records = &register(site).records;
    Category::ALL
        .iter()
        .map(|&category| {
            let rows: Vec<usize> = list
                .iter()
                .copied()
                .filter(|&i| records[i].entry.categories.contains(&category))
                .collect();
            (category, rows)
        })
        .filter(|(_, rows)| !rows.is_empty())
        .map(|(category, rows)| {
            view(
                site,
                format!("/{DIR}/loai/{}/", crate::slug::slugify(category.name())),
                category.label(),
                format!("Vi phạm: {}", category.label()),
                format!("Các cơ sở vi phạm thuộc loại “{}”.", category.label()),
                rows,
            )
        })
        .collect()
}

/// A view per tổ dân phố that has listed records, in natural order.
fn tdp_views(site: &Site, list: &[usize]) -> Vec<View> {
    let records = &register(site).records;
    let mut by_tdp: BTreeMap<ToDanPho, Vec<usize>> = BTreeMap::new();
    for &i in list {
        if let Ok(tdp) = ToDanPho::read(&records[i].entry.facility.to_dan_pho) {
            by_tdp.entry(tdp).or_default().push(i);
        }
    }
    by_tdp
        .into_iter()
        .map(|(tdp, rows)| {
            let name = tdp.name();
            let title = format!("Cơ sở vi phạm ở {name}");
            let intro = format!("Các cơ sở vi phạm trên địa bàn {name}.");
            let organisations = rows.iter().any(|&i| is_organisation(&records[i]));
            let (mut page, link) =
                view(site, tdp.path(&format!("/{DIR}/")), &name, title, intro, rows);
            page.group_page = organisations.then(|| GroupPage {
                name: format!("tổ dân phố số {tdp}"),
                url: site.config.permalink(&crate::view::neighbourhood::path(tdp)),
            });
            (page, link)
        })
        .collect()
}

/// The list of records remediated within the grace period.
fn remediated_page(site: &Site) -> ListPage {
    ListPage {
        path: format!("/{DIR}/da-khac-phuc/"),
        title: "Cơ sở đã khắc phục vi phạm".into(),
        intro: format!(
            "Các cơ sở đã khắc phục xong vi phạm. Mỗi cơ sở ở lại danh sách này {} ngày kể từ ngày khắc phục, sau đó không còn được công khai.",
            site.config.violations.grace_days
        ),
        rows: in_order(site, |s| matches!(s, State::Remediated { .. })),
        group_page: None,
    }
}

/// The records taken off the list, without personal data.
fn removed_views(site: &Site) -> Vec<RemovedView> {
    register(site)
        .records
        .iter()
        .filter_map(|r| match r.state {
            State::Removed { on, reason } => {
                let organisation = r.entry.owner.kind == OwnerKind::ToChuc;
                Some(RemovedView {
                    id: r.entry.id.clone(),
                    title: if organisation {
                        r.entry.facility.name.clone()
                    } else {
                        "Cá nhân (thông tin đã ẩn)".into()
                    },
                    to_dan_pho: organisation
                        .then(|| ToDanPho::name_or_written(&r.entry.facility.to_dan_pho)),
                    on: crate::dates::short(on),
                    reason: reason.label(),
                    evidence: r.entry.publication.removal.as_ref().map(|x| x.evidence.clone()),
                })
            }
            _ => None,
        })
        .collect()
}

/// The page of each published record, and what stays at the address of each record that left
/// the list.
fn record_pages(
    site: &Site,
    templates: &Templates,
    nav: &Nav,
    removed: &[RemovedView],
) -> Vec<Result<Output, Diagnostic>> {
    let records = &register(site).records;
    let mut results = Vec::new();
    for (i, record) in records.iter().enumerate() {
        if record.state.is_published() {
            results.push(record_page(site, templates, nav, i));
        } else if matches!(record.state, State::Removed { .. } | State::Retired) {
            results.push(gone_page(site, templates, nav, record, removed));
        }
    }
    results
}

/// Links between the views, shared by every list page.
#[derive(Debug, Serialize)]
struct Nav {
    all: ViewLink,
    statuses: Vec<ViewLink>,
    categories: Vec<ViewLink>,
    to_dan_pho: Vec<ViewLink>,
    remediated: ViewLink,
    removed: ViewLink,
    csv: String,
    data_page: String,
    json: String,
    feed: String,
    sample: bool,
    today: String,
    grace_days: i64,
}

impl Nav {
    /// The navigation of a list of `list` records, with its views' `links` and the numbers of
    /// records `remediated` and `removed`.
    fn new(
        site: &Site,
        list: &[usize],
        links: ViewLinks,
        remediated: usize,
        removed: usize,
    ) -> Nav {
        let permalink = |path: &str| site.config.permalink(&format!("/{DIR}/{path}"));
        Nav {
            all: link(site, "Tất cả", &format!("/{DIR}/"), list.len()),
            statuses: links.statuses,
            categories: links.categories,
            to_dan_pho: links.to_dan_pho,
            remediated: link(site, "Đã khắc phục", &format!("/{DIR}/da-khac-phuc/"), remediated),
            removed: link(site, "Đã gỡ khỏi danh sách", &format!("/{DIR}/da-go/"), removed),
            csv: permalink("danh-sach.csv"),
            data_page: permalink(&format!("{}/", crate::view::open_data::PAGE_DIR)),
            json: permalink("danh-sach.json"),
            feed: permalink("atom.xml"),
            sample: register(site).is_sample(),
            today: crate::dates::short(site.today),
            grace_days: site.config.violations.grace_days,
        }
    }
}

fn link(site: &Site, label: &str, path: &str, count: usize) -> ViewLink {
    ViewLink {
        label: label.to_string(),
        url: site.config.permalink(path),
        path: path.to_string(),
        count,
    }
}

/// Redirects from the addresses earlier versions gave the views per tổ dân phố, the slug of
/// the name as written (`to-dan-pho/to-dan-pho-so-3/`), to their address now (`so-3/`).
fn old_tdp_addresses(
    site: &Site,
    templates: &Templates,
    list: &[usize],
) -> Vec<Result<Output, Diagnostic>> {
    let section = format!("/{DIR}/");
    let mut old: BTreeMap<String, String> = BTreeMap::new();
    for &i in list {
        let written = &register(site).records[i].entry.facility.to_dan_pho;
        let Ok(tdp) = ToDanPho::read(written) else { continue };
        let slug = crate::slug::slugify(written);
        if !slug.is_empty() && slug != tdp.slug() {
            old.insert(format!("{section}{}/{slug}/", to_dan_pho::DIR), tdp.path(&section));
        }
    }
    old.into_iter()
        .map(|(from, to)| crate::view::redirect(templates, &from, &site.config.permalink(&to)))
        .collect()
}

fn list_page(
    site: &Site,
    templates: &Templates,
    nav: &Nav,
    page: &ListPage,
    kind: &str,
) -> Result<Output, Diagnostic> {
    let rows: Vec<RowView> =
        page.rows.iter().map(|&i| row(site, &register(site).records[i])).collect();
    let url = site.config.permalink(&page.path);
    let mut meta = MetaView::other(site, Some(&page.title), Some(&page.intro), url);
    let records = &register(site).records;
    meta.modified =
        page.rows.iter().map(|&i| changed_on(site, &records[i])).max().map(|d| day_stamp(site, d));
    let ctx = TemplateContext::page(&meta, &page.path)
        .with("title", &page.title)
        .with("intro", &page.intro)
        .with("order", ORDER)
        .with("kind", kind)
        .with("rows", &rows)
        .with("group_page", &page.group_page)
        .with("nav", nav);
    let html = templates.render("vi-pham-list.html", &ctx)?;
    Ok(Output::page(&page.path, html))
}

fn removed_page(
    site: &Site,
    templates: &Templates,
    nav: &Nav,
    removed: &[RemovedView],
) -> Result<Output, Diagnostic> {
    let path = format!("/{DIR}/da-go/");
    let title = "Cơ sở đã gỡ khỏi danh sách";
    let intro = "Các hồ sơ đã gỡ khỏi danh sách công khai, với lý do và văn bản làm căn cứ.";
    let mut meta = MetaView::other(site, Some(title), Some(intro), site.config.permalink(&path));
    let removals = register(site).records.iter().filter_map(|r| match r.state {
        State::Removed { on, .. } => Some(on),
        _ => None,
    });
    meta.modified = removals.max().map(|d| day_stamp(site, d));
    let ctx = TemplateContext::page(&meta, &path)
        .with("title", title)
        .with("intro", intro)
        .with("removed", removed)
        .with("nav", nav);
    let html = templates.render("vi-pham-removed.html", &ctx)?;
    Ok(Output::page(&path, html))
}

/// What stays at the address of a record that left the list: its id, when and why, and no
/// personal data, so that links shared earlier say the record was taken down.
fn gone_page(
    site: &Site,
    templates: &Templates,
    nav: &Nav,
    record: &Record,
    removed: &[RemovedView],
) -> Result<Output, Diagnostic> {
    let id = &record.entry.id;
    let path = format!("/{DIR}/{id}/");
    let title = format!("Hồ sơ {id} không còn được công khai");
    let mut meta = MetaView::other(site, Some(&title), None, site.config.permalink(&path));
    meta.noindex = true;
    let ctx = TemplateContext::page(&meta, &path)
        .with("title", &title)
        .with("removed", &removed.iter().find(|r| &r.id == id))
        .with("nav", nav)
        .with("corrections", &site.config.violations.corrections);
    let html = templates.render("vi-pham-gone.html", &ctx)?;
    Ok(Output::page(&path, html))
}

/// A record's page: the published fields, remediation steps and history.
#[derive(Debug, Serialize)]
struct RecordView {
    row: RowView,
    description: String,
    legal_refs: Vec<String>,
    sanctions: Vec<String>,
    corrective_measures: Vec<String>,
    updates: Vec<UpdateView>,
    history: Vec<UpdateView>,
    legal_basis: Option<String>,
    since: String,
    remediated_on: Option<String>,
    leaves_on: Option<String>,
    /// The page of the facility's tổ dân phố, for an organisation (an individual's record is
    /// not gathered there).
    to_dan_pho_page: Option<String>,
}

#[derive(Debug, Serialize)]
struct UpdateView {
    date: String,
    text: String,
}

fn record_page(
    site: &Site,
    templates: &Templates,
    nav: &Nav,
    index: usize,
) -> Result<Output, Diagnostic> {
    let record = &register(site).records[index];
    let e = &record.entry;
    let organisation = e.owner.kind == OwnerKind::ToChuc;
    let fields = published(e);
    let has = |key: &str| fields.iter().any(|f| f.key == key);
    let mut updates: Vec<UpdateView> = e
        .remediation
        .updates
        .iter()
        .filter(|u| u.date <= site.today)
        .map(|u| UpdateView {
            date: crate::dates::short(u.date),
            text: match (&u.note, organisation) {
                (Some(note), true) => format!("{}: {note}", u.status.label()),
                _ => u.status.label().to_string(),
            },
        })
        .collect();
    if let (Some(status), Some(date)) = (e.remediation.status, e.remediation.status_date)
        && date <= site.today
    {
        updates.push(UpdateView { date: crate::dates::short(date), text: status.label().into() });
    }
    let (remediated_on, leaves_on) = match record.state {
        State::Remediated { on, leaves } => {
            (Some(crate::dates::short(on)), Some(crate::dates::short(leaves)))
        }
        _ => (None, None),
    };
    let view = RecordView {
        row: row(site, record),
        description: e.description.clone(),
        legal_refs: e.legal_refs.clone(),
        sanctions: if has("sanctions") {
            e.sanctions.iter().map(|s| s.text()).collect()
        } else {
            Vec::new()
        },
        corrective_measures: if has("corrective_measures") {
            e.corrective_measures.clone()
        } else {
            Vec::new()
        },
        updates,
        history: e
            .history
            .iter()
            .filter(|h| h.date <= site.today)
            .map(|h| UpdateView { date: crate::dates::short(h.date), text: h.change.clone() })
            .collect(),
        legal_basis: e.publication.legal_basis.clone().filter(|_| has("publication.legal_basis")),
        since: crate::dates::short(e.publication.since),
        remediated_on,
        leaves_on,
        to_dan_pho_page: group_page_url(site, record),
    };
    let path = format!("/{DIR}/{}/", e.id);
    let title = view.row.title.clone();
    let description = format!("{}: {}", view.row.status_label, e.description);
    let mut meta =
        MetaView::other(site, Some(&title), Some(&description), site.config.permalink(&path));
    // Individuals' pages stay on the portal but out of search engines (domain brief §1.6).
    meta.noindex = !organisation;
    meta.modified = Some(day_stamp(site, changed_on(site, record)));
    let ctx = TemplateContext::page(&meta, &path)
        .with("record", &view)
        .with("nav", nav)
        .with("corrections", &site.config.violations.corrections);
    let html = templates
        .render("vi-pham-record.html", &ctx)
        .map_err(|d| d.note(format!("khi dựng hồ sơ vi phạm {}", record.origin.path.display())))?;
    Ok(Output::page(&path, html))
}

/// The page of the tổ dân phố of `record`'s facility, for an organisation: the group's page
/// lists it there ([`to_dan_pho_items`]); an individual's record is not gathered there.
fn group_page_url(site: &Site, record: &Record) -> Option<String> {
    let tdp = ToDanPho::read(&record.entry.facility.to_dan_pho).ok()?;
    is_organisation(record).then(|| site.config.permalink(&crate::view::neighbourhood::path(tdp)))
}

/// The last day, up to the build's, that `record` changed: it was published, its status or
/// its history moved.
fn changed_on(site: &Site, record: &Record) -> jiff::civil::Date {
    let e = &record.entry;
    let updates = e.remediation.updates.iter().map(|u| u.date);
    let status = e.remediation.status_date.into_iter();
    let history = e.history.iter().map(|h| h.date);
    updates
        .chain(status)
        .chain(history)
        .filter(|d| *d <= site.today)
        .chain([e.publication.since])
        .max()
        .unwrap_or(e.publication.since)
}

/// The records machine-readable files carry: published (listed and remediated) records of
/// organisations, in list order. An individual's record is shown only on its own page (which
/// search engines are asked to leave out) and in the lists a reader browses: a file that is
/// downloaded, copied and indexed whole (the CSV, the JSON, the feed, the search index, the
/// sitemap) would expose the person far beyond that (domain brief §1.6).
fn open_records(site: &Site) -> Vec<&Record> {
    register(site).records.iter().filter(|r| r.state.is_published() && is_organisation(r)).collect()
}

/// Whether the record's subject is an organisation, not a person.
fn is_organisation(record: &Record) -> bool {
    record.entry.owner.kind == OwnerKind::ToChuc
}

/// The fields `danh-sach.csv` carries, in its column order: those an office's sheet fills
/// ([`super::import::FIELDS`]) that the record of an organisation shows on its page, so that a
/// downloaded list can be edited and put back in `content/vi-pham/` as it is. The removal
/// fields are left out: a removed record is in no open data.
pub fn exported() -> impl Iterator<Item = &'static str> {
    super::import::FIELDS.into_iter().filter(|f| !f.starts_with("publication.removal."))
}

/// The header of `field` in the sheets the site imports: the one `site.toml`'s
/// `[violations.columns]` maps to it, else the office's ([`super::import::DEFAULT_COLUMNS`]).
pub fn header(site: &Site, field: &str) -> String {
    let configured = &site.config.violations.columns;
    let own = configured.iter().find(|(_, f)| f.as_str() == field).map(|(h, _)| h.clone());
    let default = super::import::DEFAULT_COLUMNS.iter().find(|(_, f)| *f == field);
    own.or_else(|| default.map(|(h, _)| h.to_string())).unwrap_or_else(|| field.to_string())
}

/// The cell of `field` for `record`, written as the import reads it back: labels for closed
/// lists, ISO dates, plain numbers, list items separated by `; `, dated steps one a line.
fn cell(record: &Record, field: &str) -> String {
    let e = &record.entry;
    let day = |d: Option<jiff::civil::Date>| d.map(|d| d.to_string()).unwrap_or_default();
    let decision = e.decision.as_ref();
    let sanction = |kind: super::schema::SanctionType| e.sanctions.iter().find(|s| s.kind == kind);
    match field {
        "id" => e.id.clone(),
        "sample" => if e.sample { "có" } else { "" }.to_string(),
        "facility.name" => e.facility.name.clone(),
        "facility.type" => e.facility.kind.label().to_string(),
        "facility.address" => e.facility.address.clone(),
        "facility.to_dan_pho" => e.facility.to_dan_pho.clone(),
        "owner.kind" => e.owner.kind.label().to_string(),
        "owner.name" => e.owner.name.clone(),
        "categories" => e.categories.iter().map(|c| c.label()).collect::<Vec<_>>().join("; "),
        "description" => e.description.clone(),
        "legal_refs" => e.legal_refs.join("; "),
        "decision.number" => decision.map(|d| d.number.clone()).unwrap_or_default(),
        "decision.symbol" => decision.map(|d| d.symbol.clone()).unwrap_or_default(),
        "decision.date" => day(decision.map(|d| d.date)),
        "decision.issuer" => decision.map(|d| d.issuer.clone()).unwrap_or_default(),
        "sanctions.fine_vnd" => sanction(super::schema::SanctionType::PhatTien)
            .and_then(|s| s.amount_vnd)
            .map(|a| a.to_string())
            .unwrap_or_default(),
        "sanctions.suspension_months" => sanction(super::schema::SanctionType::DinhChiCoThoiHan)
            .and_then(|s| s.months)
            .map(|m| m.to_string())
            .unwrap_or_default(),
        "corrective_measures" => e.corrective_measures.join("; "),
        "remediation.deadline" => day(e.remediation.deadline),
        "remediation.status" => {
            e.remediation.status.map(|s| s.label().to_string()).unwrap_or_default()
        }
        "remediation.status_date" => day(e.remediation.status_date),
        "remediation.updates" => e
            .remediation
            .updates
            .iter()
            .map(|u| match &u.note {
                Some(note) => format!("{}: {}: {note}", u.date, u.status.label()),
                None => format!("{}: {}", u.date, u.status.label()),
            })
            .collect::<Vec<_>>()
            .join("\n"),
        "publication.legal_basis" => e.publication.legal_basis.clone().unwrap_or_default(),
        "publication.since" => e.publication.since.to_string(),
        "publication.until" => day(e.publication.until),
        "history" => e
            .history
            .iter()
            .map(|h| format!("{}: {}", h.date, h.change))
            .collect::<Vec<_>>()
            .join("\n"),
        _ => String::new(),
    }
}

/// What each [`exported`] field holds: (field, type, meaning).
const FIELD_DOCS: [(&str, &str, &str); 26] = [
    ("id", TEXT, "Mã hồ sơ, không đổi và không trùng; địa chỉ trang hồ sơ là /vi-pham/<mã>/."),
    (
        "sample",
        MARK,
        "“có” khi hồ sơ là dữ liệu minh hoạ (giả định, không phải cơ sở thật); để trống khi là hồ sơ thật.",
    ),
    ("facility.name", TEXT, "Tên cơ sở vi phạm."),
    ("facility.type", CLOSED, "Loại hình cơ sở."),
    ("facility.address", TEXT, "Địa chỉ của cơ sở."),
    (
        "facility.to_dan_pho",
        TEXT,
        "Tổ dân phố của cơ sở, như cán bộ đã ghi (ví dụ “Tổ dân phố số 5”).",
    ),
    (
        "owner.kind",
        CLOSED,
        "Chủ cơ sở là tổ chức hay cá nhân. Tệp dữ liệu chỉ có hồ sơ của tổ chức.",
    ),
    ("owner.name", TEXT, "Tên tổ chức là chủ cơ sở."),
    ("categories", CLOSED_LIST, "Các hành vi vi phạm."),
    ("description", TEXT, "Mô tả vi phạm."),
    ("legal_refs", TEXT_LIST, "Các văn bản pháp luật làm căn cứ xử lý."),
    ("decision.number", TEXT, "Số của quyết định xử phạt."),
    ("decision.symbol", TEXT, "Ký hiệu của quyết định (ví dụ QĐ-XPHC)."),
    ("decision.date", DATE, "Ngày ký quyết định."),
    ("decision.issuer", TEXT, "Người hoặc cơ quan ký quyết định."),
    ("sanctions.fine_vnd", NUMBER, "Số tiền phạt, tính bằng đồng; để trống khi không phạt tiền."),
    (
        "sanctions.suspension_months",
        NUMBER,
        "Số tháng đình chỉ hoạt động có thời hạn; để trống khi không đình chỉ.",
    ),
    ("corrective_measures", TEXT_LIST, "Các biện pháp khắc phục hậu quả."),
    ("remediation.deadline", DATE, "Thời hạn khắc phục."),
    ("remediation.status", CLOSED, "Kết quả khắc phục theo lần cập nhật gần nhất."),
    ("remediation.status_date", DATE, "Ngày cập nhật kết quả khắc phục đó."),
    (
        "remediation.updates",
        STEPS,
        "Các bước khắc phục trước đó, mỗi dòng một bước: ngày, kết quả, việc đã làm.",
    ),
    ("publication.legal_basis", TEXT, "Văn bản cho phép công khai hồ sơ."),
    ("publication.since", DATE, "Ngày bắt đầu công khai."),
    ("publication.until", DATE, "Ngày hết công khai, khi đã định."),
    ("history", STEPS, "Lịch sử thay đổi của hồ sơ, mỗi dòng một lần: ngày, nội dung thay đổi."),
];

const TEXT: &str = "Chữ";
const MARK: &str = "Đánh dấu (“có” hoặc trống)";
const CLOSED: &str = "Một giá trị trong danh sách dưới đây (ghi bằng nhãn)";
const CLOSED_LIST: &str = "Một hoặc nhiều giá trị trong danh sách dưới đây, cách nhau bởi “; ”";
const TEXT_LIST: &str = "Danh sách chữ, cách nhau bởi “; ”";
const DATE: &str = "Ngày, dạng YYYY-MM-DD (ISO 8601)";
const NUMBER: &str = "Số nguyên, không dấu phân cách";
const STEPS: &str = "Nhiều dòng trong một ô, mỗi dòng “YYYY-MM-DD: …”";

/// The allowed values of `field`, when it is a closed list.
fn allowed(field: &str) -> Vec<Allowed> {
    use super::schema::{Category, FacilityType, Remediation};
    match field {
        "facility.type" => Allowed::all::<FacilityType>(),
        "owner.kind" => Allowed::all::<OwnerKind>(),
        "categories" => Allowed::all::<Category>(),
        "remediation.status" | "remediation.updates" => Allowed::all::<Remediation>(),
        _ => Vec::new(),
    }
}

/// The key of `field` in `danh-sach.json`: its own, or the published field it is part of
/// (`decision.date` is in `decision`).
fn json_key(field: &str) -> Option<String> {
    let published = |key: &str| super::PUBLISHED.iter().any(|(k, _)| *k == key);
    let whole = field.split('.').next().unwrap_or(field);
    [field, whole].into_iter().find(|k| published(k)).map(String::from)
}

/// The description of the list's open data, for its data page.
fn open_data(site: &Site) -> Option<OpenData> {
    let records = open_records(site);
    if register(site).records.is_empty() {
        return None;
    }
    let modified = records.iter().map(|r| changed_on(site, r)).max();
    let mut fields: Vec<DataField> = FIELD_DOCS
        .iter()
        .map(|&(field, kind, description)| DataField {
            header: header(site, field),
            key: json_key(field),
            kind,
            description: description.to_string(),
            allowed: allowed(field),
        })
        .collect();
    let statuses = STATUSES.iter().map(|&(name, _, label)| Allowed { name, label });
    fields.push(DataField {
        header: super::import::DERIVED[0].to_string(),
        key: Some("status_label".into()),
        kind: CLOSED,
        description: "Tình trạng của hồ sơ vào ngày tệp được tạo (tính từ thời hạn và kết quả khắc phục); khi nhập lại, cột này được bỏ qua.".into(),
        allowed: statuses.chain([Allowed { name: "da_khac_phuc", label: "Đã khắc phục" }]).collect(),
    });
    fields.push(DataField {
        header: super::import::DERIVED[1].to_string(),
        key: Some("url".into()),
        kind: "Địa chỉ web",
        description: "Trang của hồ sơ trên cổng thông tin; khi nhập lại, cột này được bỏ qua."
            .into(),
        allowed: Vec::new(),
    });
    let file = |name: &str| site.config.permalink(&format!("/{DIR}/{name}"));
    Some(OpenData {
        path: format!("/{DIR}/"),
        title: "Danh sách công khai cơ sở vi phạm về PCCC".into(),
        description: vec![
            "Các cơ sở vi phạm quy định về phòng cháy, chữa cháy đã bị xử lý và đang trong thời hạn công khai, kể cả các cơ sở đã khắc phục còn trong danh sách “Đã khắc phục”.".into(),
            "Tệp dữ liệu chỉ có hồ sơ của tổ chức. Hồ sơ của cá nhân chỉ xem được trên trang danh sách và trang hồ sơ, không có trong tệp dữ liệu, kênh tin hay chỉ mục tìm kiếm, để thông tin cá nhân được công khai ở mức tối thiểu (Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15).".into(),
        ],
        records: records.len(),
        sample: register(site).is_sample(),
        modified: modified.map(|d| day_stamp(site, d)),
        modified_short: modified.map(crate::dates::short),
        files: vec![
            DataFile {
                url: file("danh-sach.csv"),
                format: "CSV (UTF-8 có BOM, dấu phẩy, mọi ô trong ngoặc kép)".into(),
                note: "Mở bằng Excel hoặc LibreOffice (nếu LibreOffice hiện sai dấu tiếng Việt, chọn Bộ ký tự “Unicode (UTF-8)” trong hộp thoại Nhập văn bản). Tiêu đề cột giống bảng tính nhập liệu: sửa xong có thể đặt lại vào thư mục content/vi-pham/ để dựng trang.".into(),
            },
            DataFile {
                url: file("danh-sach.json"),
                format: "JSON".into(),
                note: "Cho phần mềm đọc: các trường công khai, khoá theo tên trường.".into(),
            },
            DataFile {
                url: file("atom.xml"),
                format: "Atom".into(),
                note: "Kênh tin các lần thay đổi của danh sách.".into(),
            },
        ],
        fields,
    })
}

/// `danh-sach.csv`: UTF-8 with a byte-order mark so that Excel (and LibreOffice) read the
/// diacritics; the [`exported`] fields under the site's import headers, then the
/// [`super::import::DERIVED`] columns: the status on the build's day and the record's page.
fn csv(site: &Site) -> Output {
    let mut header: Vec<String> = exported().map(|f| self::header(site, f)).collect();
    header.extend(super::import::DERIVED.iter().map(|h| h.to_string()));
    let rows: Vec<Vec<String>> = open_records(site)
        .into_iter()
        .map(|record| {
            let mut cells: Vec<String> = exported().map(|f| cell(record, f)).collect();
            cells.push(record.state.status().1.to_string());
            cells.push(site.config.permalink(&format!("/{DIR}/{}/", record.entry.id)));
            cells
        })
        .collect();
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    Output::bytes(format!("{DIR}/danh-sach.csv"), crate::spreadsheet::csv(&header, rows))
}

/// `danh-sach.json`: the same published fields, keyed as in the YAML schema.
fn json(site: &Site) -> Result<Output, Diagnostic> {
    let records: Vec<serde_json::Value> = open_records(site)
        .into_iter()
        .map(|record| {
            let mut object = serde_json::Map::new();
            for field in published(&record.entry) {
                object.insert(field.key.to_string(), serde_json::Value::String(field.value));
            }
            let (code, label) = record.state.status();
            object.insert("status".into(), code.into());
            object.insert("status_label".into(), label.into());
            object.insert(
                "url".into(),
                site.config.permalink(&format!("/{DIR}/{}/", record.entry.id)).into(),
            );
            serde_json::Value::Object(object)
        })
        .collect();
    crate::view::open_data::json_file(
        site,
        DIR,
        "Danh sách công khai cơ sở vi phạm về PCCC",
        register(site).is_sample(),
        records,
    )
}

/// `atom.xml`: the changes of the revision history of organisations' records, newest first,
/// and the removals (which name no one).
fn feed(site: &Site, templates: &Templates) -> Result<Output, Diagnostic> {
    let mut entries = Vec::new();
    for record in &register(site).records {
        let e = &record.entry;
        let url = site.config.permalink(&format!("/{DIR}/{}/", e.id));
        match record.state {
            State::Removed { on, reason } => entries.push(feed::Entry {
                day: on,
                id: format!("{url}#go"),
                title: format!("Gỡ hồ sơ {} khỏi danh sách", e.id),
                url: site.config.permalink(&format!("/{DIR}/da-go/")),
                summary: format!("Lý do: {}.", reason.label()),
            }),
            state if state.is_published() && is_organisation(record) => {
                let title = row(site, record).title;
                for (n, h) in e.history.iter().enumerate().filter(|(_, h)| h.date <= site.today) {
                    entries.push(feed::Entry {
                        day: h.date,
                        id: format!("{url}#thay-doi-{}", n + 1),
                        title: format!("{title}: {}", h.change),
                        url: url.clone(),
                        summary: h.change.clone(),
                    });
                }
            }
            _ => {}
        }
    }
    feed::file(site, templates, "vi-pham-atom.xml", DIR, None, entries)
}

/// The list of `site`, as loaded (empty when the site has none).
fn register(site: &Site) -> &Register {
    static EMPTY: Register = Register { records: Vec::new() };
    site.data.get::<Register>().unwrap_or(&EMPTY)
}

impl DataSetViews for Violations {
    fn outputs(&self, site: &Site, templates: &Templates) -> Vec<Result<Output, Diagnostic>> {
        outputs(site, templates)
    }

    fn search_docs(&self, site: &Site) -> Vec<Document> {
        search_docs(site)
    }

    fn open_data(&self, site: &Site) -> Option<OpenData> {
        open_data(site)
    }

    fn home_context(&self, site: &Site, context: &mut TemplateContext) {
        home_context(site, context);
    }

    fn to_dan_pho_items(&self, site: &Site) -> Vec<(ToDanPho, Item)> {
        to_dan_pho_items(site)
    }
}

/// The published records of organisations on the pages of their tổ dân phố: those still on the
/// list first, then those remediated, each with its status and deadline. An individual's record
/// is not gathered there, for the reason [`open_records`] gives: a page per group, indexed and
/// shared, would point at a person's home.
fn to_dan_pho_items(site: &Site) -> Vec<(ToDanPho, Item)> {
    let records = open_records(site);
    let listed: std::collections::BTreeSet<ToDanPho> = records
        .iter()
        .filter(|r| matches!(r.state, State::Listed { .. }))
        .filter_map(|r| ToDanPho::read(&r.entry.facility.to_dan_pho).ok())
        .collect();
    let section = format!("/{DIR}/");
    let mut items = Vec::new();
    for record in records {
        let e = &record.entry;
        let Ok(tdp) = ToDanPho::read(&e.facility.to_dan_pho) else { continue };
        let (_, status) = record.state.status();
        let line = match (record.state, e.remediation.deadline) {
            (State::Listed { .. }, Some(deadline)) => {
                format!("{status} · hạn khắc phục {}", crate::dates::short(deadline))
            }
            _ => status.to_string(),
        };
        let block = Block {
            order: order::VIOLATIONS,
            heading: "Cơ sở vi phạm về PCCC".into(),
            // The list's view of the group holds only records still listed.
            listing: listed.contains(&tdp).then(|| site.config.permalink(&tdp.path(&section))),
        };
        let tier = u8::from(!matches!(record.state, State::Listed { .. }));
        let item = Item {
            block,
            title: e.facility.name.clone(),
            url: site.config.permalink(&format!("/{DIR}/{}/", e.id)),
            line,
            sample: e.sample,
            sort: SortKey { tier, rank: 0, text: e.id.clone() },
        };
        items.push((tdp, item));
    }
    items
}

/// Search documents of the published records of organisations only: an individual's record
/// stays off search engines (domain brief §1.6), so its name is not put in a downloadable index
/// either.
fn search_docs(site: &Site) -> Vec<Document> {
    register(site)
        .records
        .iter()
        .filter(|r| r.state.is_published() && is_organisation(r))
        .map(|r| {
            let e = &r.entry;
            let categories: Vec<&str> = e.categories.iter().map(|c| c.label()).collect();
            Document {
                url: format!("/{DIR}/{}/", e.id),
                title: e.facility.name.clone(),
                kind: "Vi phạm".into(),
                summary: format!("{}: {}", r.state.status().1, e.description),
                headings: Vec::new(),
                tags: categories.iter().map(|c| c.to_string()).collect(),
                body: [
                    e.owner.name.as_str(),
                    e.facility.kind.label(),
                    &e.facility.address,
                    &e.facility.to_dan_pho,
                    &categories.join("; "),
                    &e.description,
                ]
                .join("\n"),
                sample: e.sample,
            }
        })
        .collect()
}

/// Counts for the home page.
#[derive(Debug, Serialize)]
struct Counts {
    url: String,
    listed: usize,
    overdue: usize,
    remediated: usize,
    remediated_shown: usize,
    removed: usize,
    sample: bool,
}

/// Adds `violations` (counts and the list's URL) to the home page's context.
fn home_context(site: &Site, context: &mut TemplateContext) {
    let records = &register(site).records;
    if records.is_empty() {
        return;
    }
    let count = |f: fn(&State) -> bool| records.iter().filter(|r| f(&r.state)).count();
    context.insert(
        "violations",
        &Counts {
            url: site.config.permalink(&format!("/{DIR}/")),
            listed: count(|s| matches!(s, State::Listed { .. })),
            overdue: count(|s| matches!(s, State::Listed { overdue: true, .. })),
            remediated: count(|s| matches!(s, State::Remediated { .. } | State::Retired)),
            remediated_shown: count(|s| matches!(s, State::Remediated { .. })),
            removed: count(|s| matches!(s, State::Removed { .. })),
            sample: register(site).is_sample(),
        },
    );
}
