//! Text from the page's own origin (`connect-src 'self'`): the service catalog, the gallery.

use crate::monaco::describe;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The text at `url`, or why there is none (HTTP status, network error).
pub async fn text(url: &str) -> Result<String, String> {
    js_text(url)
        .await?
        .as_string()
        .ok_or_else(|| "not text".to_owned())
}

/// The text at `url` as a JS string, left outside the page's memory (the catalog goes on to the
/// worker as it is).
pub async fn js_text(url: &str) -> Result<JsValue, String> {
    let response: web_sys::Response = JsFuture::from(gloo_utils::window().fetch_with_str(url))
        .await
        .map_err(|e| describe(&e))?
        .dyn_into()
        .map_err(|_| "not a response".to_owned())?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    let text = JsFuture::from(response.text().map_err(|e| describe(&e))?)
        .await
        .map_err(|e| describe(&e))?;
    match text.is_string() {
        true => Ok(text),
        false => Err("not text".to_owned()),
    }
}
