//! Text from the page's own origin (`connect-src 'self'`): the service catalog, the gallery.

use crate::monaco::describe;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The text at `url`, or why there is none (HTTP status, network error).
pub async fn text(url: &str) -> Result<String, String> {
    let response: web_sys::Response = JsFuture::from(gloo_utils::window().fetch_with_str(url))
        .await
        .map_err(|e| describe(&e))?
        .dyn_into()
        .map_err(|_| "not a response".to_owned())?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    JsFuture::from(response.text().map_err(|e| describe(&e))?)
        .await
        .map_err(|e| describe(&e))?
        .as_string()
        .ok_or_else(|| "not text".to_owned())
}
