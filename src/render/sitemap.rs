//! `/sitemap.xml` (every HTML page but the 404 page, as absolute URLs) and `/robots.txt`, which
//! points at the sitemap. Without `bas_url` there is no sitemap and robots.txt only allows all.

use super::feeds::esc;
use crate::model::site::Site;
use crate::output::OutFile;
use std::path::PathBuf;

/// The site path of an HTML file: `a/b/index.html` → `/a/b/`.
pub fn page_url(path: &std::path::Path) -> String {
    let p = path.to_string_lossy().replace('\\', "/");
    match p.strip_suffix("index.html") {
        Some(dir) => format!("/{dir}"),
        None => format!("/{p}"),
    }
}

/// The sitemap and robots.txt for the output files at `paths`.
pub fn all<'a>(site: &Site, paths: impl Iterator<Item = &'a std::path::Path>) -> Vec<OutFile> {
    let mut robots = String::from("User-agent: *\nAllow: /\n");
    let Some(base) = site.config.bas_url.as_deref() else {
        return vec![(PathBuf::from("robots.txt"), robots.into_bytes())];
    };
    let mut pages: Vec<String> = paths
        .filter(|p| p.extension().is_some_and(|e| e == "html") && *p != "404.html")
        .map(page_url)
        .collect();
    pages.sort();
    robots.push_str(&format!("Sitemap: {base}/sitemap.xml\n"));
    let mut out = vec![(PathBuf::from("robots.txt"), robots.into_bytes())];
    let head = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
    let ns = "xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"";
    let urlset = |chunk: &[String]| {
        let mut x = format!("{head}<urlset {ns}>\n");
        for p in chunk {
            x.push_str(&format!(
                "  <url><loc>{}</loc></url>\n",
                esc(&format!("{base}{p}"))
            ));
        }
        x.push_str("</urlset>\n");
        x.into_bytes()
    };
    if pages.len() <= MAX_URLS {
        out.push((PathBuf::from("sitemap.xml"), urlset(&pages)));
        return out;
    }
    // Over the protocol's limit: numbered sitemaps and an index at /sitemap.xml.
    let mut index = format!("{head}<sitemapindex {ns}>\n");
    for (i, chunk) in pages.chunks(MAX_URLS).enumerate() {
        let name = format!("sitemap-{}.xml", i + 1);
        index.push_str(&format!(
            "  <sitemap><loc>{}</loc></sitemap>\n",
            esc(&format!("{base}/{name}"))
        ));
        out.push((PathBuf::from(name), urlset(chunk)));
    }
    index.push_str("</sitemapindex>\n");
    out.push((PathBuf::from("sitemap.xml"), index.into_bytes()));
    out
}

/// URLs per sitemap file (the sitemaps.org limit).
pub const MAX_URLS: usize = 50_000;

#[cfg(test)]
mod tests {
    use super::page_url;
    use std::path::Path;

    #[test]
    fn index_files_become_directory_urls() {
        assert_eq!(page_url(Path::new("index.html")), "/");
        assert_eq!(
            page_url(Path::new("styrelsen/2024-09-12/index.html")),
            "/styrelsen/2024-09-12/"
        );
        assert_eq!(page_url(Path::new("404.html")), "/404.html");
    }
}
