// The 14-month chart of `cargo run --example bieu_do_mau` (its first chart), drawn with
// plotters' SVG backend: values with dots, target line, band, axis labels; to compare sizes.
use plotters::prelude::*;

fn main() {
    let values = [0.0, 3.2, 8.5, 12.0, 17.11, 21.4, 26.0, 30.5, 36.2, 41.0, 44.8, 50.3, 55.0, 61.7];
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (360, 260)).into_drawing_area();
        let mut chart = ChartBuilder::on(&root)
            .caption("Cơ sở có thiết bị truyền tin", ("sans-serif", 14))
            .margin(8)
            .x_label_area_size(24)
            .y_label_area_size(48)
            .build_cartesian_2d(0f64..26f64, 0f64..100f64)
            .unwrap();
        chart
            .configure_mesh()
            .x_labels(5)
            .y_labels(5)
            .x_label_formatter(&|m| { let i = (*m as i32) + 5; format!("{}/{}", i % 12 + 1, 2025 + i / 12) })
            .y_label_formatter(&|v| format!("{} %", v))
            .label_style(("sans-serif", 14))
            .draw()
            .unwrap();
        // band: low 5/month, high 8/month capped at 100
        let upper: Vec<(f64, f64)> = (0..=25).map(|m| (m as f64, (8.0 * m as f64).min(100.0))).collect();
        let lower: Vec<(f64, f64)> = (0..=25).rev().map(|m| (m as f64, (5.0 * m as f64).min(100.0))).collect();
        let band: Vec<(f64, f64)> = upper.into_iter().chain(lower).collect();
        chart.draw_series(std::iter::once(Polygon::new(band, GREEN.mix(0.16)))).unwrap();
        chart.draw_series(LineSeries::new(vec![(0.0, 100.0), (26.0, 100.0)], RED.stroke_width(2))).unwrap();
        chart.draw_series(LineSeries::new(values.iter().enumerate().map(|(i, v)| (i as f64, *v)), BLUE.stroke_width(2))).unwrap();
        chart.draw_series(values.iter().enumerate().map(|(i, v)| Circle::new((i as f64, *v), 4, BLUE.filled()))).unwrap();
        root.present().unwrap();
    }
    println!("{}", svg.len());
    std::fs::write("out.svg", &svg).unwrap();
}
