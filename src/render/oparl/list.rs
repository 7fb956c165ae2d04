//! OParl external object lists as static pages of a fixed size: `data`, `pagination` and `links`
//! (`first`, `prev`, `self`, `next`, `last`), each page its own file.

use super::urls;
use crate::output::OutFile;
use serde::Serialize;
use std::path::PathBuf;

/// Objects per list page. Fixed, so a page's URL always holds the same places of the list; the
/// specification recommends paging lists of more than 100.
pub const PAGE_SIZE: usize = 100;

#[derive(Serialize)]
struct Page<'a, T> {
    data: &'a [T],
    links: Links,
    pagination: Pagination,
}

#[derive(Serialize)]
struct Pagination {
    #[serde(rename = "currentPage")]
    current_page: usize,
    #[serde(rename = "elementsPerPage")]
    elements_per_page: usize,
    #[serde(rename = "totalElements")]
    total_elements: usize,
    #[serde(rename = "totalPages")]
    total_pages: usize,
}

#[derive(Serialize)]
struct Links {
    first: String,
    last: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    next: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    prev: Option<String>,
    #[serde(rename = "self")]
    this: String,
}

/// The pages of the list in folder `folder` (a site path ending in `/`) holding `items` in their
/// order; an empty list is one empty page, so the URL a `Body` names always exists.
pub fn pages<T: Serialize>(bas_url: &str, folder: &str, items: &[T]) -> Vec<OutFile> {
    let total_pages = items.len().div_ceil(PAGE_SIZE).max(1);
    let url = |n: usize| urls::absolute(bas_url, &urls::list_page(folder, n));
    (1..=total_pages)
        .map(|n| {
            let start = (n - 1) * PAGE_SIZE;
            let data = &items[start.min(items.len())..(start + PAGE_SIZE).min(items.len())];
            let page = Page {
                data,
                links: Links {
                    first: url(1),
                    last: url(total_pages),
                    next: (n < total_pages).then(|| url(n + 1)),
                    prev: (n > 1).then(|| url(n - 1)),
                    this: url(n),
                },
                pagination: Pagination {
                    current_page: n,
                    elements_per_page: PAGE_SIZE,
                    total_elements: items.len(),
                    total_pages,
                },
            };
            let path = urls::list_page(folder, n);
            (PathBuf::from(&path[1..]), super::to_bytes(&page))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(f: &OutFile) -> serde_json::Value {
        serde_json::from_slice(&f.1).unwrap()
    }

    #[test]
    fn a_long_list_is_cut_into_linked_pages_of_the_fixed_size() {
        let items: Vec<usize> = (0..PAGE_SIZE * 2 + 1).collect();
        let pages = pages("https://x.se/k", "/oparl/bodies/", &items);
        assert_eq!(pages.len(), 3);
        assert_eq!(pages[1].0, PathBuf::from("oparl/bodies/2.json"));
        let second = json(&pages[1]);
        assert_eq!(second["data"][0], PAGE_SIZE);
        assert_eq!(
            second["links"]["next"],
            "https://x.se/k/oparl/bodies/3.json"
        );
        assert_eq!(
            second["links"]["prev"],
            "https://x.se/k/oparl/bodies/1.json"
        );
        assert_eq!(second["pagination"]["totalElements"], PAGE_SIZE * 2 + 1);
        let last = json(&pages[2]);
        assert_eq!(last["data"].as_array().unwrap().len(), 1);
        assert!(last["links"].get("next").is_none());
    }

    #[test]
    fn an_empty_list_is_one_empty_page() {
        let pages = pages("https://x.se", "/oparl/bodies/", &Vec::<usize>::new());
        assert_eq!(pages.len(), 1);
        assert_eq!(json(&pages[0])["data"], serde_json::json!([]));
    }
}
