//! One page to render: its URL, template, title, breadcrumbs, the view the template gets (made
//! when the page is rendered, for entity pages), its JSON twin and the feeds about it.

use super::api::Twin;
use crate::model::site::Site;
use serde_json::Value;
use std::borrow::Cow;

/// A page's view: ready, or made on demand from the `Site` (an entity page).
pub enum View<'a> {
    /// Made already (one-off pages and lists).
    Ready(Value),
    /// Made when the page is rendered.
    Lazy(Box<dyn Fn() -> Value + Send + Sync + 'a>),
}

impl<'a> View<'a> {
    /// A view made when the page is rendered.
    pub fn lazy(make: impl Fn() -> Value + Send + Sync + 'a) -> View<'a> {
        View::Lazy(Box::new(make))
    }

    /// The view's value.
    pub fn value(&self) -> Cow<'_, Value> {
        match self {
            View::Ready(v) => Cow::Borrowed(v),
            View::Lazy(make) => Cow::Owned(make()),
        }
    }
}

impl From<Value> for View<'_> {
    fn from(v: Value) -> Self {
        View::Ready(v)
    }
}

/// One page to render.
pub struct Page<'a> {
    /// Site path, ending in `/` (or a file name).
    pub url: String,
    /// Template name.
    pub template: &'static str,
    /// Title.
    pub title: String,
    /// Breadcrumbs above the title (title, url).
    pub crumbs: Vec<(String, String)>,
    /// The page's own data, under the name the template expects.
    pub data: (&'static str, View<'a>),
    /// The JSON twin written as `index.json` beside the page (see `render/api/`).
    pub twin: Option<Twin>,
    /// Feeds and calendars about this page: (title, site path, media type).
    pub feeds: Vec<(String, String, &'static str)>,
}

/// A breadcrumb: (title, url).
pub fn crumb(t: &str, u: &str) -> (String, String) {
    (t.to_string(), u.to_string())
}

/// A feed link, when feeds are written (they need `bas_url`).
pub fn feed(site: &Site, title: &str, url: &str) -> Vec<(String, String, &'static str)> {
    site.config
        .bas_url
        .as_ref()
        .map(|_| (title.to_string(), url.to_string(), "application/atom+xml"))
        .into_iter()
        .collect()
}

/// A calendar link, when calendars are written.
pub fn calendar(site: &Site, title: &str, url: &str) -> Vec<(String, String, &'static str)> {
    site.config
        .bas_url
        .as_ref()
        .map(|_| (title.to_string(), url.to_string(), "text/calendar"))
        .into_iter()
        .collect()
}
