//! Where a place of the ward is: the location every place kind shares (Tổ liên gia, điểm chữa
//! cháy công cộng, đội dân phòng, access problems, water sources), its checks, its links to a
//! map and its GeoJSON.
//!
//! A location is written in a record's YAML as drills write theirs, small unit to large:
//!
//! ```yaml
//! location:
//!   address: "Ngõ 102 phố Khương Đình"   # house, alley, street
//!   to_dan_pho: "Tổ dân phố số 5"         # read by crate::to_dan_pho
//!   geo: {lat: 20.9935, lng: 105.8142}    # optional: latitude first, as maps show it
//! ```
//!
//! Coordinates must lie in the ward's box ([`Bounds`]): a point outside is an error, because a
//! map link that opens in another district sends a resident (or a fire engine's driver) the
//! wrong way. The common mistake, latitude and longitude swapped, is recognised and named.
//!
//! Links need no map service: a `geo:` URI (RFC 5870), which opens the phone's map app, and an
//! OpenStreetMap link. The open data of every place kind is a GeoJSON `FeatureCollection`
//! (RFC 7946: longitude first, WGS 84, at most 6 decimals, about 10 cm), made by
//! [`feature_collection`].
//!
//! Beside the location, what every place record needs: reading its YAML files with every
//! problem ([`read_yaml`]), placing a message on a field ([`Source`]), stable ids
//! ([`check_ids`]) and no private phone number in a published text ([`phone_numbers`]).
//!
//! A leaf module: it imports only the other leaves (`diagnostic`, `front_matter`, `load`,
//! `slug`, `text`, `to_dan_pho`) and takes values, so any kind can use it without importing
//! another kind.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::de::DeserializeOwned;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};

use crate::closed_list::closed_list;
use crate::config::Config;
use crate::content_type::{DataSet, DataSetType, Placed};
use crate::diagnostic::{Diagnostic, Problems};
use crate::front_matter::locate::Positions;
use crate::load::{DataFile, SourceFile};
use crate::to_dan_pho::{ToDanPho, Unreadable};

/// Where a place is, as written in a record.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Location {
    /// House, alley and street, small to large ("Ngõ 102 phố Khương Đình").
    pub address: String,
    /// The tổ dân phố as written ("Tổ dân phố số 5", "TDP 5"); read by [`Location::to_dan_pho`].
    pub to_dan_pho: String,
    /// Coordinates, when known.
    #[serde(default)]
    pub geo: Option<Geo>,
}

/// A point: WGS 84 latitude and longitude in decimal degrees, as maps show them.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Geo {
    /// Latitude (vĩ độ), north positive.
    #[serde(deserialize_with = "coordinate")]
    pub lat: f64,
    /// Longitude (kinh độ), east positive.
    #[serde(deserialize_with = "coordinate")]
    pub lng: f64,
}

/// The box a ward's places must lie in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    /// The ward, for messages ("phường Khương Đình").
    pub name: &'static str,
    /// Southern and northern latitude.
    pub lat: (f64, f64),
    /// Western and eastern longitude.
    pub lng: (f64, f64),
}

/// Phường Khương Đình with a margin of a few hundred metres: Khương Đình, Khương Hạ, Khương
/// Trung, Kim Giang and the Nguyễn Trãi side all lie inside.
pub const WARD: Bounds =
    Bounds { name: "phường Khương Đình", lat: (20.985, 21.005), lng: (105.80, 105.825) };

impl Bounds {
    /// Whether `geo` lies in the box (edges included).
    pub fn contains(&self, geo: Geo) -> bool {
        within(geo.lat, self.lat) && within(geo.lng, self.lng)
    }

    /// The centre of the box, for examples in messages.
    pub fn centre(&self) -> Geo {
        Geo { lat: (self.lat.0 + self.lat.1) / 2.0, lng: (self.lng.0 + self.lng.1) / 2.0 }
    }
}

fn within(value: f64, (low, high): (f64, f64)) -> bool {
    value >= low && value <= high
}

impl Location {
    /// The place of the record in `file` for checks across kinds, when it has coordinates.
    pub fn placed(&self, file: &Path) -> Option<crate::content_type::Placed> {
        let geo = self.geo?;
        Some(crate::content_type::Placed { file: file.to_path_buf(), lat: geo.lat, lng: geo.lng })
    }

    /// The tổ dân phố, when it reads as one.
    pub fn to_dan_pho(&self) -> Option<ToDanPho> {
        ToDanPho::read(&self.to_dan_pho).ok()
    }

    /// The tổ dân phố's name ("Tổ dân phố số 5"), as written when it does not read as one.
    pub fn to_dan_pho_name(&self) -> String {
        ToDanPho::name_or_written(&self.to_dan_pho)
    }

    /// The address with its tổ dân phố, small to large, ending with the ward when `ward` is
    /// given ("Ngõ 102 phố Khương Đình, tổ dân phố số 5, phường Khương Đình").
    pub fn full_address(&self, ward: Option<&str>) -> String {
        let address = match (ward, self.address.trim()) {
            (Some(ward), a) if !crate::text::fold(a).contains(&crate::text::fold(ward)) => {
                format!("{a}, {ward}")
            }
            (_, a) => a.to_string(),
        };
        match self.to_dan_pho() {
            Some(group) => group.in_address(&address),
            None => address,
        }
    }
}

impl Geo {
    /// The `geo:` URI (RFC 5870) that opens the phone's map app: `geo:20.9935,105.8142`.
    pub fn geo_uri(self) -> String {
        format!("geo:{},{}", decimal(self.lat), decimal(self.lng))
    }

    /// The OpenStreetMap page centred on the point with a marker, at street zoom.
    pub fn osm_url(self) -> String {
        let (lat, lng) = (decimal(self.lat), decimal(self.lng));
        format!("https://www.openstreetmap.org/?mlat={lat}&mlon={lng}#map=18/{lat}/{lng}")
    }
}

/// `value` with at most 6 decimals (about 10 cm), trailing zeros dropped: `105.81`,
/// `20.993512`.
pub fn decimal(value: f64) -> String {
    let text = format!("{value:.6}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" { "0".to_string() } else { text.to_string() }
}

/// `value` rounded to 6 decimals, as GeoJSON writes it.
fn rounded(value: f64) -> f64 {
    (value * 1e6).round() / 1e6
}

/// How coordinates are written, for messages.
pub const GEO_HELP: &str = "chép lại toạ độ của điểm từ bản đồ (nhấp chuột phải vào điểm trên \
    OpenStreetMap hoặc Google Maps để thấy toạ độ): vĩ độ `lat` trước, kinh độ `lng` sau, bằng \
    độ thập phân với dấu chấm; ví dụ ở phường Khương Đình: `geo: {lat: 20.9935, lng: 105.8142}`";

/// Every problem of `location`, written at dotted path `key` (`location`) of the YAML `text` of
/// file `path`: an address missing, a tổ dân phố that does not read as one, coordinates that
/// are not numbers, outside `bounds`, or swapped. Each is placed on the value at fault.
pub fn check(
    location: &Location,
    key: &str,
    path: &Path,
    text: &Arc<str>,
    bounds: &Bounds,
) -> Vec<Diagnostic> {
    let positions = Positions::of(text);
    let place = |field: &str, d: Diagnostic| match positions
        .nearest(&format!("{key}.{field}"))
        .map(|at| at.value_or_key())
    {
        Some(span) => d.at(text, span),
        None => d,
    };
    let mut problems = Vec::new();
    if location.address.trim().is_empty() {
        let d = Diagnostic::error(path, format!("thiếu địa chỉ `{key}.address`"));
        problems.push(place("address", d).help(
            "ghi số nhà, ngõ, phố từ nhỏ đến lớn, ví dụ `address: \"Ngõ 102 phố Khương Đình\"`",
        ));
    }
    if let Err(why) = ToDanPho::read(&location.to_dan_pho) {
        let d = Diagnostic::error(path, why.message(location.to_dan_pho.trim()));
        let d = match why {
            Unreadable::Empty => place("to_dan_pho", d),
            _ => place_on(&positions, text, &format!("{key}.to_dan_pho"), &location.to_dan_pho, d),
        };
        problems.push(d.help(why.help()));
    }
    if let Some(geo) = location.geo {
        let written = |field: &str, value: f64| {
            positions
                .get(&format!("{key}.geo.{field}"))
                .filter(|at| !at.value.is_empty())
                .map_or_else(|| decimal(value), |at| text[at.value.clone()].to_string())
        };
        let lat = written("lat", geo.lat);
        let lng = written("lng", geo.lng);
        if let Some((field, message, help)) = geo_problem(geo, &lat, &lng, bounds) {
            problems
                .push(place(&format!("geo.{field}"), Diagnostic::error(path, message)).help(help));
        }
    }
    problems
}

/// `d` placed on `value` where it is written in the field at `dotted`, else on the field.
fn place_on(
    positions: &Positions,
    text: &Arc<str>,
    dotted: &str,
    value: &str,
    d: Diagnostic,
) -> Diagnostic {
    let Some(at) = positions.nearest(dotted) else { return d };
    let value = value.trim();
    match text[at.value.clone()].find(value).filter(|_| !value.is_empty()) {
        Some(i) => d.at(text, at.value.start + i..at.value.start + i + value.len()),
        None => d.at(text, at.value_or_key()),
    }
}

/// What is wrong with `geo` (written as `lat`, `lng`), if anything: the field to mark
/// (`lat` or `lng`), the message and what to write instead.
pub fn geo_problem(
    geo: Geo,
    lat: &str,
    lng: &str,
    bounds: &Bounds,
) -> Option<(&'static str, String, String)> {
    if !geo.lat.is_finite() || !geo.lng.is_finite() {
        let (field, written, name) = if geo.lat.is_finite() {
            ("lng", lng, "kinh độ")
        } else {
            ("lat", lat, "vĩ độ")
        };
        return Some((
            field,
            format!("{name} `{field}: {written}` không phải là một số"),
            GEO_HELP.to_string(),
        ));
    }
    if bounds.contains(geo) {
        return None;
    }
    let swapped = Geo { lat: geo.lng, lng: geo.lat };
    if bounds.contains(swapped) {
        return Some((
            "lat",
            format!(
                "vĩ độ và kinh độ bị đổi chỗ: `lat: {lat}` là một kinh độ, `lng: {lng}` là một vĩ độ"
            ),
            format!(
                "viết `geo: {{lat: {lng}, lng: {lat}}}`: vĩ độ `lat` (ở Hà Nội khoảng 21) trước, \
                 kinh độ `lng` (khoảng 105,8) sau"
            ),
        ));
    }
    let field = if within(geo.lat, bounds.lat) { "lng" } else { "lat" };
    Some((
        field,
        format!(
            "toạ độ `lat: {lat}, lng: {lng}` nằm ngoài {}: vĩ độ `lat` phải từ {} đến {}, kinh độ \
             `lng` từ {} đến {}",
            bounds.name,
            decimal(bounds.lat.0),
            decimal(bounds.lat.1),
            decimal(bounds.lng.0),
            decimal(bounds.lng.1)
        ),
        format!("kiểm tra lại dấu âm và các chữ số; {GEO_HELP}"),
    ))
}

/// Reads a coordinate: a number. A number written with a decimal comma (`20,99`, as
/// Vietnamese writes it) or in quotes is refused with the number to write instead.
fn coordinate<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    d.deserialize_any(Coordinate)
}

struct Coordinate;

impl Visitor<'_> for Coordinate {
    type Value = f64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("f64")
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<f64, E> {
        Ok(v)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<f64, E> {
        Ok(v as f64)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<f64, E> {
        Ok(v as f64)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<f64, E> {
        let dotted = v.trim().replace(',', ".");
        let message = match dotted.parse::<f64>() {
            Ok(_) if v.contains(',') => {
                format!(
                    "toạ độ `{v}` viết bằng dấu phẩy\nviết số thập phân bằng dấu chấm: `{dotted}`"
                )
            }
            Ok(_) => format!("toạ độ `{v}` viết như một chữ\nbỏ dấu ngoặc kép: `{dotted}`"),
            Err(_) => format!("toạ độ `{v}` không phải là một số\n{GEO_HELP}"),
        };
        Err(E::custom(message))
    }
}

closed_list! {
    /// Fire-fighting equipment kept at a place (a Tổ liên gia's households, a community fire
    /// point, a đội dân phòng's store), after CATP Hà Nội's guidance on the models (domain
    /// brief §4.1).
    pub enum Equipment, "loại phương tiện" {
        /// Portable extinguisher (powder or CO₂).
        BinhChuaChay = "binh_chua_chay", "Bình chữa cháy xách tay";
        /// Crowbar, bolt-cutters, hammer: to open a door or a grille.
        DungCuPhaDo = "dung_cu_pha_do", "Dụng cụ phá dỡ thô sơ (xà beng, kìm cộng lực, búa)";
        /// Bells linked between households.
        ChuongLienKet = "chuong_lien_ket", "Chuông báo cháy liên kết";
        /// Push button of the alarm.
        NutAnBaoChay = "nut_an_bao_chay", "Nút ấn báo cháy";
        /// Hose and nozzle.
        VoiLang = "voi_lang", "Vòi và lăng chữa cháy";
        /// Portable pump.
        MayBom = "may_bom", "Máy bơm chữa cháy khiêng tay";
        /// Smoke hood.
        MatNaLocDoc = "mat_na_loc_doc", "Mặt nạ lọc độc";
        /// Torch.
        DenPin = "den_pin", "Đèn pin chiếu sáng sự cố";
        /// Rope ladder, escape rope.
        ThangDay = "thang_day", "Thang dây, dây thoát nạn";
        /// Fire blanket.
        ChanChuaChay = "chan_chua_chay", "Chăn chữa cháy";
        /// Water bucket, sand.
        XoCatNuoc = "xo_cat_nuoc", "Xô, thùng cát, bể nước tại chỗ";
    }
}

/// An item of equipment and how many.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// What.
    pub item: Equipment,
    /// How many.
    pub qty: u32,
}

impl Item {
    /// "Bình chữa cháy xách tay: 14".
    pub fn text(&self) -> String {
        format!("{}: {}", self.item.label(), self.qty)
    }
}

/// A record's YAML file: where messages about it point.
#[derive(Debug, Clone)]
pub struct Source {
    /// The file, relative to the site root.
    pub path: PathBuf,
    /// Its text, NFC.
    pub text: Arc<str>,
}

impl Source {
    /// Every problem of the record's `location` field, inside the ward ([`check`], [`WARD`]).
    pub fn check_location(&self, location: &Location) -> Vec<Diagnostic> {
        check(location, "location", &self.path, &self.text, &WARD)
    }

    /// An error about field `key` (dotted), placed on its value, or on its nearest written
    /// parent, or on the record's first line when nothing of it is written.
    pub fn error(&self, key: &str, message: impl Into<String>) -> Diagnostic {
        let d = Diagnostic::error(&self.path, message);
        match Positions::of(&self.text).nearest(key) {
            Some(at) => d.at(&self.text, at.value_or_key()),
            None => d.at(&self.text, 0..self.text.find('\n').unwrap_or(self.text.len())),
        }
    }

    /// Like [`Source::error`], placed on `value` where the field's value holds it.
    pub fn error_at_value(&self, key: &str, value: &str, message: impl Into<String>) -> Diagnostic {
        let positions = Positions::of(&self.text);
        place_on(&positions, &self.text, key, value, Diagnostic::error(&self.path, message))
    }
}

/// The model side of a place kind whose records are one YAML file each (Tổ liên gia, điểm chữa
/// cháy công cộng, đội dân phòng): its folder, its record, its checks and where a record is.
/// Reading, checking and ordering the records follow ([`read_sorted`], into [`Records`]), and
/// so does the kind's [`DataSetType`].
pub trait PlaceKind: Send + Sync + 'static {
    /// One record, as written in its YAML file.
    type Record: DeserializeOwned + fmt::Debug + Send + Sync + 'static;
    /// The folder of `content/` the records live in, and the URL of the list.
    const DIR: &'static str;
    /// The data set as messages name it ("danh sách tổ liên gia").
    const WHAT: &'static str;
    /// Every problem of every record, all at once.
    fn check(records: &[(Self::Record, Source)]) -> Vec<Diagnostic>;
    /// A record's location and name, which give the list's order.
    fn place(record: &Self::Record) -> (&Location, &str);
}

/// The records of place kind `K`, checked, by tổ dân phố, then name: the data set its
/// [`DataSetType::load`] gives the model.
pub struct Records<K: PlaceKind>(pub Vec<(K::Record, Source)>);

impl<K: PlaceKind> fmt::Debug for Records<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Records").field(&self.0).finish()
    }
}

impl<K: PlaceKind> DataSetType for K {
    fn dir(&self) -> &'static str {
        K::DIR
    }

    fn load(
        &self,
        _config: &Config,
        files: &[&DataFile],
        _today: jiff::civil::Date,
        problems: &mut Problems,
    ) -> Box<dyn DataSet> {
        Box::new(Records::<K>(read_sorted(files, K::WHAT, problems, K::check, K::place)))
    }

    fn places(&self, set: &dyn DataSet) -> Vec<Placed> {
        let Some(records) = (set as &dyn std::any::Any).downcast_ref::<Records<K>>() else {
            return Vec::new();
        };
        records.0.iter().filter_map(|(r, s)| K::place(r).0.placed(&s.path)).collect()
    }
}

/// Reads a place set's records ([`read_yaml`]), checks them all with `check` and puts them in
/// list order: by tổ dân phố, then by name (folded, so that readers' order holds whatever the
/// tone marks). `place` gives a record's location and name.
pub fn read_sorted<T: DeserializeOwned>(
    files: &[&DataFile],
    what: &str,
    problems: &mut Problems,
    check: fn(&[(T, Source)]) -> Vec<Diagnostic>,
    place: fn(&T) -> (&Location, &str),
) -> Vec<(T, Source)> {
    let mut records = read_yaml::<T>(files, what, problems);
    problems.extend(check(&records));
    records.sort_by_key(|(record, _)| {
        let (location, name) = place(record);
        (location.to_dan_pho(), crate::text::fold(name))
    });
    records
}

/// Reads every YAML file of `files` (one record a file) into `T`, with every problem of every
/// file; a file of another type is refused, `what` naming the data set in the message
/// ("danh sách tổ liên gia").
pub fn read_yaml<T: DeserializeOwned>(
    files: &[&DataFile],
    what: &str,
    problems: &mut Problems,
) -> Vec<(T, Source)> {
    let mut records = Vec::new();
    for file in files {
        if !matches!(file.extension.as_str(), "yaml" | "yml") {
            problems.push(
                Diagnostic::error(&file.path, format!("không đọc được loại tệp này trong {what}"))
                    .help("dùng tệp .yaml, mỗi tệp một hồ sơ"),
            );
            continue;
        }
        let bytes = match &file.bytes {
            Ok(Some(bytes)) => bytes,
            Ok(None) => {
                problems.push(
                    Diagnostic::error(&file.path, "tệp YAML quá lớn để đọc")
                        .help("mỗi tệp chỉ ghi một hồ sơ; tách hồ sơ ra nhiều tệp nhỏ"),
                );
                continue;
            }
            Err(d) => {
                problems.push(d.clone());
                continue;
            }
        };
        let text = match crate::load::decode(&file.path, bytes) {
            Ok(text) => text,
            Err(d) => {
                problems.push(d);
                continue;
            }
        };
        let source_file = SourceFile {
            path: file.path.clone(),
            content_path: file.content_path.clone(),
            text: Arc::clone(&text),
        };
        match crate::front_matter::deserialize_data::<T>(&source_file) {
            Ok(record) => records.push((record, Source { path: file.path.clone(), text })),
            Err(ds) => problems.extend(ds),
        }
    }
    records
}

/// The rule a phone number in a published field breaks.
pub const PHONE_RULE: &str = "Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15: không đăng số điện \
    thoại riêng của người dân";

/// Every text in `texts` (field key and value) that holds something read as a phone number
/// (a Vietnamese mobile or landline, `0912 345 678`, `+84 912 345 678`, `024 3856 1234`), as an
/// error on the number naming the rule. Hotlines (114) are too short to be read as one.
pub fn phone_numbers(source: &Source, texts: &[(&str, &str)]) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (key, value) in texts {
        for span in find_phones(value) {
            let shown = &value[span];
            problems.push(
                source
                    .error_at_value(
                        key,
                        shown,
                        format!(
                            "trường công khai `{key}` có số điện thoại “{shown}”: không được đăng \
                             số điện thoại riêng"
                        ),
                    )
                    .help(
                        "xoá số điện thoại; ghi chức vụ của người phụ trách (ví dụ “Tổ trưởng tổ \
                         dân phố”), người dân liên hệ qua Công an phường hoặc gọi 114",
                    )
                    .note(PHONE_RULE),
            );
        }
    }
    problems
}

/// The byte ranges of `text` that read as phone numbers: digits in groups separated by one
/// space, dot or dash, with 10 or 11 digits starting with 0, or `+84` then 9 or 10 digits.
pub fn find_phones(text: &str) -> Vec<std::ops::Range<usize>> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let starts = bytes[i].is_ascii_digit()
            || (bytes[i] == b'+' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit));
        let after_digit = i > 0 && bytes[i - 1].is_ascii_digit();
        if !starts || after_digit {
            i += 1;
            continue;
        }
        let start = i;
        let mut digits = String::new();
        let mut end = i;
        let mut j = if bytes[i] == b'+' { i + 1 } else { i };
        while j < bytes.len() {
            if bytes[j].is_ascii_digit() {
                digits.push(bytes[j] as char);
                j += 1;
                end = j;
            } else if matches!(bytes[j], b' ' | b'.' | b'-')
                && bytes.get(j + 1).is_some_and(u8::is_ascii_digit)
            {
                j += 1;
            } else {
                break;
            }
        }
        let phone = if bytes[start] == b'+' {
            digits.starts_with("84") && matches!(digits.len(), 11 | 12)
        } else {
            digits.starts_with('0') && matches!(digits.len(), 10 | 11)
        };
        if phone {
            found.push(start..end);
        }
        i = end.max(i + 1);
    }
    found
}

/// Ids that are not slugs or are used twice, each an error on the id.
pub fn check_ids<'a>(
    ids: impl IntoIterator<Item = (&'a str, &'a Source)>,
    example: &str,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut seen: std::collections::HashMap<&str, &Source> = std::collections::HashMap::new();
    for (id, source) in ids {
        if !crate::slug::is_valid(id) {
            problems.push(source.error("id", format!("mã hồ sơ `{id}` không hợp lệ")).help(
                format!("chỉ dùng chữ thường không dấu, số và dấu gạch ngang, ví dụ {example}"),
            ));
        } else if let Some(first) = seen.insert(id, source) {
            problems.push(
                source
                    .error("id", format!("mã hồ sơ `{id}` bị trùng"))
                    .note(format!("đã dùng ở {}", first.path.display()))
                    .help("mỗi hồ sơ một mã riêng: mã là địa chỉ trang của hồ sơ, không đổi"),
            );
        }
    }
    problems
}

/// One point of a GeoJSON `FeatureCollection`: a record with coordinates.
#[derive(Debug, Clone)]
pub struct Feature {
    /// Where it is.
    pub geo: Geo,
    /// Its stable id (the record's slug).
    pub id: String,
    /// The record's page, absolute.
    pub url: String,
    /// Its name.
    pub name: String,
    /// Its status code (`hoat_dong`) and label (“Đang hoạt động”), when it has one.
    pub status: Option<(&'static str, &'static str)>,
    /// Further properties of the kind, in order.
    pub properties: Vec<(&'static str, serde_json::Value)>,
}

/// A GeoJSON `FeatureCollection` (RFC 7946) of `features`: each a `Point` whose coordinates are
/// `[longitude, latitude]` rounded to 6 decimals, with the properties `id`, `name`, `url`,
/// `status` and `status_label` when it has a status, then the kind's own.
pub fn feature_collection(features: &[Feature]) -> serde_json::Value {
    let features: Vec<serde_json::Value> = features.iter().map(feature).collect();
    serde_json::json!({ "type": "FeatureCollection", "features": features })
}

fn feature(f: &Feature) -> serde_json::Value {
    let mut properties = serde_json::Map::new();
    properties.insert("id".into(), f.id.clone().into());
    properties.insert("name".into(), f.name.clone().into());
    properties.insert("url".into(), f.url.clone().into());
    if let Some((code, label)) = f.status {
        properties.insert("status".into(), code.into());
        properties.insert("status_label".into(), label.into());
    }
    for (key, value) in &f.properties {
        properties.insert((*key).to_string(), value.clone());
    }
    serde_json::json!({
        "type": "Feature",
        "id": f.id,
        "geometry": {
            "type": "Point",
            "coordinates": [rounded(f.geo.lng), rounded(f.geo.lat)],
        },
        "properties": properties,
    })
}

/// What templates show of a location.
#[derive(Debug, Clone, Serialize)]
pub struct LocationView {
    /// The address as written.
    pub address: String,
    /// The address with the tổ dân phố and the ward, small to large.
    pub full_address: String,
    /// The tổ dân phố's name ("Tổ dân phố số 5"), as written when it does not read as one.
    pub to_dan_pho: String,
    /// The tổ dân phố's slug (`so-5`), when it reads as one.
    pub to_dan_pho_slug: Option<String>,
    /// Latitude and longitude as written in links (`20.9935`), when known.
    pub lat: Option<String>,
    /// Longitude, when known.
    pub lng: Option<String>,
    /// The `geo:` link, when the coordinates are known.
    pub geo_uri: Option<String>,
    /// The OpenStreetMap link, when the coordinates are known.
    pub osm_url: Option<String>,
}

impl LocationView {
    /// The view of `location`; `ward` ends the full address.
    pub fn new(location: &Location, ward: Option<&str>) -> LocationView {
        let group = location.to_dan_pho();
        LocationView {
            address: location.address.clone(),
            full_address: location.full_address(ward),
            to_dan_pho: location.to_dan_pho_name(),
            to_dan_pho_slug: group.map(|g| g.slug()),
            lat: location.geo.map(|g| decimal(g.lat)),
            lng: location.geo.map(|g| decimal(g.lng)),
            geo_uri: location.geo.map(Geo::geo_uri),
            osm_url: location.geo.map(Geo::osm_url),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(lat: f64, lng: f64) -> Geo {
        Geo { lat, lng }
    }

    #[test]
    fn links_follow_rfc_5870_and_osm() {
        let g = at(20.9935, 105.8142);
        assert_eq!(g.geo_uri(), "geo:20.9935,105.8142");
        assert_eq!(
            g.osm_url(),
            "https://www.openstreetmap.org/?mlat=20.9935&mlon=105.8142#map=18/20.9935/105.8142"
        );
        assert_eq!(at(20.99351234, 105.8).geo_uri(), "geo:20.993512,105.8");
        assert_eq!(decimal(-0.0000001), "0");
        assert_eq!(decimal(21.0), "21");
    }

    #[test]
    fn geojson_puts_longitude_first_with_six_decimals() {
        let f = Feature {
            geo: at(20.99351234, 105.81429999),
            id: "a".into(),
            url: "https://x/a/".into(),
            name: "A".into(),
            status: Some(("hoat_dong", "Đang hoạt động")),
            properties: vec![("households", 12.into())],
        };
        let v = feature_collection(&[f]);
        assert_eq!(v["type"], "FeatureCollection");
        let f = &v["features"][0];
        assert_eq!(f["geometry"]["type"], "Point");
        assert_eq!(f["geometry"]["coordinates"], serde_json::json!([105.8143, 20.993512]));
        assert_eq!(f["properties"]["status"], "hoat_dong");
        assert_eq!(f["properties"]["households"], 12);
        assert_eq!(f["properties"]["url"], "https://x/a/");
    }

    #[test]
    fn points_outside_the_ward_and_swapped_ones_are_named() {
        assert_eq!(geo_problem(at(20.9935, 105.8142), "", "", &WARD), None);
        let (field, message, help) =
            geo_problem(at(105.8142, 20.9935), "105.8142", "20.9935", &WARD).unwrap();
        assert_eq!(field, "lat");
        assert_eq!(
            message,
            "vĩ độ và kinh độ bị đổi chỗ: `lat: 105.8142` là một kinh độ, `lng: 20.9935` là một \
             vĩ độ"
        );
        assert!(help.starts_with("viết `geo: {lat: 20.9935, lng: 105.8142}`"), "{help}");
        let (field, message, _) =
            geo_problem(at(20.9935, -105.8142), "20.9935", "-105.8142", &WARD).unwrap();
        assert_eq!(field, "lng");
        assert_eq!(
            message,
            "toạ độ `lat: 20.9935, lng: -105.8142` nằm ngoài phường Khương Đình: vĩ độ `lat` \
             phải từ 20.985 đến 21.005, kinh độ `lng` từ 105.8 đến 105.825"
        );
        let (field, message, _) =
            geo_problem(at(f64::NAN, 105.81), ".nan", "105.81", &WARD).unwrap();
        assert_eq!((field, message.as_str()), ("lat", "vĩ độ `lat: .nan` không phải là một số"));
    }

    #[test]
    fn check_places_each_problem_on_its_value() {
        let text: Arc<str> = "id: a\nlocation:\n  address: \"\"\n  to_dan_pho: Tổ liên gia 3\n  \
                              geo: {lat: 105.81, lng: 20.99}\n"
            .into();
        let location: Location = serde_yaml::from_str::<serde_yaml::Value>(&text)
            .map(|v| serde_yaml::from_value(v["location"].clone()).unwrap())
            .unwrap();
        let problems = check(&location, "location", Path::new("a.yaml"), &text, &WARD);
        let shown: Vec<(usize, usize, &str)> = problems
            .iter()
            .map(|d| {
                let (line, col) = d.line_col().unwrap();
                (line, col, d.message.as_str())
            })
            .collect();
        assert_eq!(
            shown,
            [
                (3, 12, "thiếu địa chỉ `location.address`"),
                (4, 15, "không đọc được tổ dân phố `Tổ liên gia 3`"),
                (
                    5,
                    14,
                    "vĩ độ và kinh độ bị đổi chỗ: `lat: 105.81` là một kinh độ, `lng: 20.99` là \
                     một vĩ độ"
                ),
            ]
        );
    }

    #[test]
    fn a_decimal_comma_is_refused_with_the_number_to_write() {
        let e = serde_yaml::from_str::<Geo>("{lat: '20,99', lng: 105.81}").unwrap_err();
        assert!(
            e.to_string().starts_with(
                "lat: toạ độ `20,99` viết bằng dấu phẩy\nviết số thập phân bằng dấu chấm: `20.99`"
            ),
            "{e}"
        );
        let g: Geo = serde_yaml::from_str("{lat: 21, lng: 105.81}").unwrap();
        assert_eq!(g, at(21.0, 105.81));
    }

    #[test]
    fn phone_numbers_are_found_but_not_hotlines_or_dates() {
        let found = |t: &str| -> Vec<String> {
            find_phones(t).into_iter().map(|r| t[r].to_string()).collect()
        };
        assert_eq!(found("Gọi 0912 345 678 hoặc 114"), ["0912 345 678"]);
        assert_eq!(found("+84 912.345.678"), ["+84 912.345.678"]);
        assert_eq!(found("024 3856 1234"), ["024 3856 1234"]);
        assert!(found("kiểm tra 2026-03-01, 12 hộ, 114, số 05/QĐ").is_empty());
    }

    #[test]
    fn full_address_runs_small_to_large() {
        let l = Location {
            address: "Ngõ 102 phố Khương Đình".into(),
            to_dan_pho: "TDP 5".into(),
            geo: None,
        };
        assert_eq!(
            l.full_address(Some("phường Khương Đình")),
            "Ngõ 102 phố Khương Đình, tổ dân phố số 5, phường Khương Đình"
        );
    }
}
