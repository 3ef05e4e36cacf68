//! The overview map of places (issue 16, point 4), drawn at build time without a map service:
//! each place a numbered marker at its coordinates, over the ward's outline when the site has
//! one (a GeoJSON Polygon or MultiPolygon), with a north arrow and a scale bar in metres.
//!
//! The page prints the same places as a numbered list beside the map, for screen readers and
//! print: marker `n` is the `n`th of the points given (counted from 1), so the two agree.
//!
//! Projection: equirectangular, with longitudes shrunk by the cosine of the middle latitude so
//! a metre east and a metre north are drawn the same length. Over a ward (a few kilometres) the
//! error against a true conformal projection is far below a marker's size.

use serde_json::Value;

use super::svg::{Anchor, Rect, coord, escape, text};

/// One place on the map.
#[derive(Debug, Clone, PartialEq)]
pub struct MapPoint<'a> {
    /// Latitude in degrees, north positive (WGS 84).
    pub lat: f64,
    /// Longitude in degrees, east positive (WGS 84).
    pub lon: f64,
    /// The place's name: the marker's accessible name and tooltip.
    pub label: &'a str,
    /// The place's page, if the marker should link to it.
    pub href: Option<&'a str>,
    pub symbol: Symbol,
}

/// The shape of a marker. Shape and colour both differ, so the kinds stay apart in grey print
/// and for readers who do not tell the colours apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Symbol {
    /// Blue circle.
    Circle,
    /// Red square.
    Square,
    /// Green triangle, point up.
    Triangle,
    /// Brown diamond.
    Diamond,
}

impl Symbol {
    /// The fill, each ≥ 4.5:1 against white (and the white number on it ≥ 4.5:1 too).
    fn colour(self) -> &'static str {
        match self {
            Symbol::Circle => "#0b4f9c",
            Symbol::Square => "#b3261e",
            Symbol::Triangle => "#1d6b35",
            Symbol::Diamond => "#8a4b00",
        }
    }

    /// The shape centred on (0, 0), about 24 units across.
    fn shape(self) -> String {
        let fill = self.colour();
        let edge = "stroke=\"#fff\" stroke-width=\"1.5\"";
        match self {
            Symbol::Circle => format!("<circle r=\"12\" fill=\"{fill}\" {edge}/>"),
            Symbol::Square => format!(
                "<rect x=\"-11\" y=\"-11\" width=\"22\" height=\"22\" fill=\"{fill}\" {edge}/>"
            ),
            Symbol::Triangle => {
                format!("<polygon points=\"0,-16 15,10 -15,10\" fill=\"{fill}\" {edge}/>")
            }
            Symbol::Diamond => {
                format!("<polygon points=\"0,-15 15,0 0,15 -15,0\" fill=\"{fill}\" {edge}/>")
            }
        }
    }

    /// Where the number sits: a triangle's centre of mass is below its box's centre.
    fn number_baseline(self) -> f64 {
        match self {
            Symbol::Triangle => 8.0,
            _ => 5.0,
        }
    }
}

/// The outline of an area: rings of (longitude, latitude) pairs, as GeoJSON writes them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Outline {
    pub rings: Vec<Vec<(f64, f64)>>,
}

impl Outline {
    /// Whether the point lies inside the area: inside an odd number of rings, so a hole (an
    /// inner ring) is outside, and each polygon of a MultiPolygon counts. Over a ward, degrees
    /// can be taken as plane coordinates.
    pub fn contains(&self, lon: f64, lat: f64) -> bool {
        let mut inside = false;
        for ring in &self.rings {
            for pair in ring.windows(2) {
                let ((x1, y1), (x2, y2)) = (pair[0], pair[1]);
                if (y1 > lat) != (y2 > lat) && lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1) {
                    inside = !inside;
                }
            }
        }
        inside
    }
}

/// Why a GeoJSON text is not an outline: what is wrong, in Vietnamese, and where when the JSON
/// parser says; the caller adds the file's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutlineError {
    pub message: String,
    /// 1-based line and 1-based character column (not byte: names may have diacritics).
    pub line_col: Option<(usize, usize)>,
}

impl From<String> for OutlineError {
    fn from(message: String) -> OutlineError {
        OutlineError { message, line_col: None }
    }
}

impl From<&str> for OutlineError {
    fn from(message: &str) -> OutlineError {
        OutlineError::from(message.to_string())
    }
}

/// Reads a GeoJSON (RFC 7946) Polygon or MultiPolygon, bare or in a Feature or
/// FeatureCollection (every polygon of the collection is kept; any other geometry is refused).
/// Each position must be `[longitude, latitude]` in range (a pair written latitude first is
/// named as such) and each ring closed (its last position its first).
pub fn read_outline(geojson: &str) -> Result<Outline, OutlineError> {
    let value: Value = serde_json::from_str(geojson).map_err(|e| OutlineError {
        message: format!("tệp không phải JSON hợp lệ: {}", json_error(&e)),
        line_col: Some((e.line(), char_column(geojson, e.line(), e.column()))),
    })?;
    let mut outline = Outline::default();
    collect(&value, &mut outline)?;
    if outline.rings.is_empty() {
        return Err("GeoJSON không có vùng nào: cần một `Polygon` hoặc `MultiPolygon`".into());
    }
    Ok(outline)
}

/// The character column of serde_json's 1-based byte `column` on 1-based `line` of `text`.
fn char_column(text: &str, line: usize, column: usize) -> usize {
    let line = text.split('\n').nth(line.saturating_sub(1)).unwrap_or("");
    let mut end = column.saturating_sub(1).min(line.len());
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    line[..end].chars().count() + 1
}

/// serde_json's reason in Vietnamese, for the mistakes a hand-edited file has.
fn json_error(e: &serde_json::Error) -> &'static str {
    use serde_json::error::Category;
    match e.classify() {
        Category::Eof => "tệp kết thúc giữa chừng, thiếu `]` hoặc `}`",
        Category::Syntax => "sai cú pháp JSON (thiếu hoặc thừa dấu phẩy, ngoặc hay dấu nháy)",
        Category::Data | Category::Io => "dữ liệu không hợp lệ",
    }
}

fn collect(value: &Value, outline: &mut Outline) -> Result<(), OutlineError> {
    let kind = value.get("type").and_then(Value::as_str).unwrap_or("");
    match kind {
        "FeatureCollection" => {
            let features = value
                .get("features")
                .and_then(Value::as_array)
                .ok_or("`FeatureCollection` thiếu mảng `features`")?;
            features.iter().try_for_each(|f| collect(f, outline))
        }
        "Feature" => match value.get("geometry") {
            Some(geometry) if !geometry.is_null() => collect(geometry, outline),
            _ => Err("một `Feature` không có `geometry`".into()),
        },
        "Polygon" => polygon(coordinates(value)?, outline),
        "MultiPolygon" => {
            let polygons = coordinates(value)?
                .as_array()
                .ok_or("`coordinates` của `MultiPolygon` phải là một mảng các vùng")?;
            polygons.iter().try_for_each(|p| polygon(p, outline))
        }
        "" => {
            Err("GeoJSON thiếu `type`: viết `\"type\": \"Polygon\"` hoặc `\"MultiPolygon\"`".into())
        }
        other => Err(format!(
            "ranh giới phải là `Polygon` hoặc `MultiPolygon`, không phải `{}`",
            other.chars().take(40).collect::<String>()
        )
        .into()),
    }
}

fn coordinates(value: &Value) -> Result<&Value, OutlineError> {
    value.get("coordinates").ok_or_else(|| "vùng thiếu `coordinates`".into())
}

fn polygon(value: &Value, outline: &mut Outline) -> Result<(), OutlineError> {
    let rings = value.as_array().ok_or("`coordinates` của `Polygon` phải là một mảng các vòng")?;
    for ring in rings {
        let positions = ring.as_array().ok_or("mỗi vòng của vùng phải là một mảng các toạ độ")?;
        let ring: Vec<(f64, f64)> = positions.iter().map(position).collect::<Result<_, _>>()?;
        if ring.len() < 4 {
            return Err(format!(
                "một vòng chỉ có {} toạ độ: vòng khép kín cần ít nhất 4, toạ độ cuối trùng toạ độ đầu",
                ring.len()
            )
            .into());
        }
        let (first, last) = (ring[0], ring[ring.len() - 1]);
        if first != last {
            return Err(format!(
                "vòng thứ {} chưa khép kín: toạ độ cuối [{}, {}] phải trùng toạ độ đầu [{}, {}]",
                outline.rings.len() + 1,
                last.0,
                last.1,
                first.0,
                first.1
            )
            .into());
        }
        outline.rings.push(ring);
    }
    Ok(())
}

/// `[lon, lat]`, checked in range; a pair written the other way round (latitude first, as map
/// apps copy it) is named as such.
fn position(value: &Value) -> Result<(f64, f64), String> {
    let pair = value.as_array().filter(|a| a.len() >= 2);
    let numbers = pair.and_then(|a| Some((a[0].as_f64()?, a[1].as_f64()?)));
    let Some((lon, lat)) = numbers else {
        return Err(format!("toạ độ `{value}` phải là hai số [kinh độ, vĩ độ]"));
    };
    if !(-90.0..=90.0).contains(&lat) && (-90.0..=90.0).contains(&lon) {
        return Err(format!(
            "toạ độ [{lon}, {lat}]: vĩ độ {lat} nằm ngoài −90..90; có lẽ đã viết vĩ độ trước, \
             GeoJSON viết kinh độ trước: [{lat}, {lon}]"
        ));
    }
    if !(-180.0..=180.0).contains(&lon) || !(-90.0..=90.0).contains(&lat) {
        return Err(format!(
            "toạ độ [{lon}, {lat}] nằm ngoài trái đất: kinh độ −180..180, vĩ độ −90..90"
        ));
    }
    Ok((lon, lat))
}

/// Width of the `viewBox`, in user units (about CSS pixels on a phone).
const WIDTH: f64 = 360.0;
/// Room around the places, in user units: half a marker and the arrow's corner.
const MARGIN: f64 = 24.0;
/// The smallest area shown, in metres across: one place alone is not drawn at a house's scale.
const MIN_EXTENT_M: f64 = 300.0;
const FONT: f64 = 14.0;
const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// Degrees to metres east and north of a reference point.
struct Projection {
    lon0: f64,
    lat0: f64,
    cos_lat: f64,
    /// User units a metre, and the metres of the top-left corner.
    scale: f64,
    west: f64,
    north: f64,
}

impl Projection {
    fn metres(&self, lon: f64, lat: f64) -> (f64, f64) {
        let per_degree = EARTH_RADIUS_M * std::f64::consts::PI / 180.0;
        ((lon - self.lon0) * per_degree * self.cos_lat, (lat - self.lat0) * per_degree)
    }

    /// Longitude to x (east is right), latitude to y (north is up, so y grows southward).
    fn xy(&self, lon: f64, lat: f64) -> (f64, f64) {
        let (east, north) = self.metres(lon, lat);
        (MARGIN + (east - self.west) * self.scale, MARGIN + (self.north - north) * self.scale)
    }
}

/// The projection that fits `points` and `outline` in the width, and the drawing's height.
fn fit(points: &[(f64, f64)], outline: Option<&Outline>) -> Option<(Projection, f64)> {
    let all: Vec<(f64, f64)> = points
        .iter()
        .copied()
        .chain(outline.into_iter().flat_map(|o| o.rings.iter().flatten().copied()))
        .collect();
    let (lon_min, lon_max, lat_min, lat_max) = all.iter().fold(
        (f64::INFINITY, f64::NEG_INFINITY, f64::INFINITY, f64::NEG_INFINITY),
        |(a, b, c, d), &(lon, lat)| (a.min(lon), b.max(lon), c.min(lat), d.max(lat)),
    );
    if all.is_empty() {
        return None;
    }
    let (lon0, lat0) = ((lon_min + lon_max) / 2.0, (lat_min + lat_max) / 2.0);
    let mut projection = Projection {
        lon0,
        lat0,
        cos_lat: lat0.to_radians().cos(),
        scale: 1.0,
        west: 0.0,
        north: 0.0,
    };
    let (west, south) = projection.metres(lon_min, lat_min);
    let (east, north) = projection.metres(lon_max, lat_max);
    let width_m = (east - west).max(MIN_EXTENT_M);
    // Tall areas are kept at most 1.25 times as tall as wide, so a phone sees them whole.
    let height_m = (north - south).max(MIN_EXTENT_M * 0.6).max(width_m * 0.5);
    let inner = WIDTH - 2.0 * MARGIN;
    let scale = (inner / width_m).min(inner * 1.25 / height_m);
    projection.scale = scale;
    projection.west = (west + east) / 2.0 - inner / scale / 2.0;
    projection.north = (north + south) / 2.0 + height_m / 2.0;
    let height = height_m * scale + 2.0 * MARGIN + 30.0; // 30: the scale bar's row
    Some((projection, height))
}

/// The map as an `<svg>` element, to be inlined in the page before the numbered list of the
/// same points. Points with coordinates that are not numbers in range are not drawn, but keep
/// their number so the list and the map still agree.
pub fn overview(
    id: &str,
    title: &str,
    points: &[MapPoint<'_>],
    outline: Option<&Outline>,
) -> String {
    let drawable: Vec<(usize, &MapPoint<'_>)> = points
        .iter()
        .enumerate()
        .filter(|(_, p)| {
            p.lat.is_finite() && p.lon.is_finite() && p.lat.abs() <= 90.0 && p.lon.abs() <= 180.0
        })
        .collect();
    let lonlat: Vec<(f64, f64)> = drawable.iter().map(|(_, p)| (p.lon, p.lat)).collect();
    let id = escape(id);
    let linked = drawable.iter().any(|(_, p)| p.href.is_some());
    // Links inside role="img" would be hidden from screen readers: a map with links is a group.
    let role = if linked { "group" } else { "img" };
    let Some((projection, height)) = fit(&lonlat, outline) else {
        return format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 360 60\" class=\"ban-do\" role=\"img\" \
             aria-labelledby=\"{id}-tieu-de\"><title id=\"{id}-tieu-de\">{}</title>{}</svg>",
            escape(title),
            text(180.0, 35.0, Anchor::Middle, FONT, "nhan-trong", "Chưa có địa điểm nào có toạ độ")
        );
    };
    let mut body = String::new();
    if let Some(outline) = outline {
        body.push_str(&outline_path(&projection, outline));
    }
    body.push_str(&markers(&projection, &drawable));
    body.push_str(&north_arrow());
    body.push_str(&scale_bar(projection.scale, height));
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" class=\"ban-do\" role=\"{role}\" \
         aria-labelledby=\"{id}-tieu-de\" fill=\"#1b1b1b\"><title id=\"{id}-tieu-de\">{}</title>{body}</svg>",
        coord(WIDTH),
        coord(height),
        escape(title),
    )
}

fn outline_path(projection: &Projection, outline: &Outline) -> String {
    let mut d = String::new();
    for ring in &outline.rings {
        for (i, &(lon, lat)) in ring.iter().enumerate() {
            let (x, y) = projection.xy(lon, lat);
            d.push_str(&format!("{}{},{}", if i == 0 { "M" } else { "L" }, coord(x), coord(y)));
        }
        d.push('Z');
    }
    format!(
        "<path class=\"ranh-gioi\" d=\"{d}\" fill=\"#f4f4f2\" fill-rule=\"evenodd\" stroke=\"#4a4a4a\" \
         stroke-width=\"1.5\" stroke-dasharray=\"6 3\"/>"
    )
}

/// Numbered markers; one drawn over another is moved aside on a ring around its place, with a
/// thin line back to a dot at the true spot. The lines go first, under every marker, so none
/// crosses a number.
fn markers(projection: &Projection, drawable: &[(usize, &MapPoint<'_>)]) -> String {
    // The north arrow's corner is taken.
    let mut placed = vec![Rect { x: WIDTH - 32.0, y: 0.0, w: 32.0, h: 42.0 }];
    let mut leaders = String::new();
    let mut out = String::new();
    for (index, point) in drawable {
        let (px, py) = projection.xy(point.lon, point.lat);
        let (x, y) = free_spot(px, py, &placed);
        placed.push(Rect { x: x - 16.0, y: y - 16.0, w: 32.0, h: 32.0 });
        let number = (index + 1).to_string();
        if (x, y) != (px, py) {
            leaders.push_str(&format!(
                "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#4a4a4a\"/><circle cx=\"{}\" cy=\"{}\" r=\"2.5\" fill=\"#1b1b1b\"/>",
                coord(px), coord(py), coord(x), coord(y), coord(px), coord(py)
            ));
        }
        let digits = format!(
            "<text y=\"{}\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"700\" \
             fill=\"#fff\" class=\"so\">{number}</text>",
            coord(point.symbol.number_baseline())
        );
        let marker = format!(
            "<g class=\"diem\" data-so=\"{number}\" transform=\"translate({},{})\">{}{digits}</g>",
            coord(x),
            coord(y),
            point.symbol.shape(),
        );
        let name = escape(&format!("{number}. {}", point.label));
        match point.href {
            Some(href) => out.push_str(&format!(
                "<a href=\"{}\" aria-label=\"{name}\"><title>{name}</title>{marker}</a>",
                escape(href)
            )),
            None => out.push_str(&format!("<g><title>{name}</title>{marker}</g>")),
        }
    }
    format!("<g class=\"dia-diem\">{leaders}{out}</g>")
}

/// The marker's own spot when free, else the nearest free one on rings around it.
fn free_spot(x: f64, y: f64, placed: &[Rect]) -> (f64, f64) {
    let free = |x: f64, y: f64| {
        let rect = Rect { x: x - 16.0, y: y - 16.0, w: 32.0, h: 32.0 };
        !placed.iter().any(|r| r.overlaps(&rect))
    };
    if free(x, y) {
        return (x, y);
    }
    for ring in 1..=6 {
        let radius = 34.0 * f64::from(ring);
        for step in 0..(8 * ring) {
            let angle = std::f64::consts::TAU * f64::from(step) / f64::from(8 * ring)
                - std::f64::consts::FRAC_PI_2;
            let (cx, cy) = (x + radius * angle.cos(), y + radius * angle.sin());
            if (MARGIN / 2.0..=WIDTH - MARGIN / 2.0).contains(&cx)
                && cy >= MARGIN / 2.0
                && free(cx, cy)
            {
                return (cx, cy);
            }
        }
    }
    (x, y)
}

/// An arrow pointing up, "B" (Bắc, north) under it, in the top-right corner.
fn north_arrow() -> String {
    let x = WIDTH - 18.0;
    format!(
        "<g class=\"huong-bac\"><title>Hướng bắc</title><polygon points=\"{x},4 {},22 {x},17 {},22\" fill=\"#1b1b1b\"/>{}</g>",
        coord(x + 8.0),
        coord(x - 8.0),
        text(x, 38.0, Anchor::Middle, FONT, "nhan-bac", "B"),
        x = coord(x),
    )
}

/// A bar of a round length (1, 2 or 5 times a power of ten metres) about a quarter of the width,
/// in the bottom-left corner.
fn scale_bar(units_per_metre: f64, height: f64) -> String {
    let rough = WIDTH / 4.0 / units_per_metre;
    let power = 10f64.powf(rough.log10().floor());
    let metres = [5.0, 2.0, 1.0].iter().map(|m| m * power).find(|m| *m <= rough).unwrap_or(power);
    let length = metres * units_per_metre;
    let y = height - 12.0;
    let label = if metres >= 1000.0 {
        format!("{} km", super::svg::number(metres / 1000.0, 1))
    } else {
        format!("{} m", super::svg::number(metres, 0))
    };
    format!(
        "<g class=\"ti-le\"><path d=\"M{x},{top}V{y}H{end}V{top}\" fill=\"none\" stroke=\"#1b1b1b\" stroke-width=\"2\"/>{}</g>",
        text(MARGIN + length + 8.0, y, Anchor::Start, FONT, "nhan-ti-le", &label),
        x = coord(MARGIN),
        top = coord(y - 6.0),
        y = coord(y),
        end = coord(MARGIN + length),
    )
}

#[cfg(test)]
mod tests;
