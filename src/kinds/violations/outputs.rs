pub fn outputs(
    _s: &crate::model::Site,
    _t: &crate::render::Templates,
) -> Vec<Result<crate::render::Output, crate::diagnostic::Diagnostic>> {
    Vec::new()
}
pub fn home_context(_s: &crate::model::Site, _c: &mut tera::Context) {}
