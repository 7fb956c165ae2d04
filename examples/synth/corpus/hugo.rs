//! Writes the same corpus as a Hugo site for the side-by-side benchmark: one page per paragraph
//! (decision), a section page per meeting that shows its paragraphs in full, a section per organ,
//! documents with their tables, and taxonomies for cases (Dnr), people and years, so Hugo builds
//! about the pages protokoll builds. Plain templates, no theme.

use super::model::*;
use super::site::{put, q};
use std::fmt::Write as _;
use std::io;
use std::path::Path;

const CONFIG: &str = r#"baseURL = "/"
languageCode = "sv"
defaultContentLanguage = "sv"
disableKinds = ["RSS", "sitemap", "robotsTXT"]
[taxonomies]
arende = "arenden"
person = "personer"
ar = "ar"
[markup.goldmark.renderer]
unsafe = false
"#;

const BASEOF: &str = r#"<!DOCTYPE html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} – {{ site.Title }}{{ end }}</title>
<link rel="stylesheet" href="/style.css">
</head>
<body>
<header><a href="/">{{ site.Title }}</a>
<nav><ul>{{ range site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}
<li><a href="/arenden/">Ärenden</a></li><li><a href="/personer/">Personer</a></li><li>
<a href="/ar/">År</a></li></ul></nav>
</header>
{{ if not .IsHome }}<nav aria-label="Brödsmulor"><ol>{{ range .Ancestors.Reverse }}<li><a href="
{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ol></nav>{{ end }}
<main>{{ block "main" . }}{{ end }}</main>
<footer><p>{{ site.Title }}</p></footer>
</body>
</html>
"#;

const SINGLE: &str = r#"{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
{{ with .Params.arenden }}<p>Dnr: {{ range . }}<a href="{{ (printf "/arenden/%s/" (urlize .)) }}">
{{ . }}</a> {{ end }}</p>{{ end }}
{{ with .Params.personer }}<p>Personer: {{ range . }}<a href="
{{ (printf "/personer/%s/" (urlize .)) }}">{{ . }}</a> {{ end }}</p>{{ end }}
{{ .Content }}
</article>
<nav>{{ with .PrevInSection }}<a rel="prev" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }} 
{{ with .NextInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>
{{ end }}
"#;

const LIST: &str = r#"{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}
{{ if .Params.mote }}{{ range .Pages.ByWeight }}<section><h2><a href="{{ .RelPermalink }}">
{{ .Title }}</a></h2>{{ .Content }}</section>{{ end }}
{{ else }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>
{{ with .Summary }} <p>{{ . | plainify | truncate 220 }}</p>{{ end }}</li>{{ end }}</ul>{{ end }}
{{ end }}
"#;

fn fm(title: &str, extra: &str) -> String {
    format!("+++\ntitle = {}\n{extra}+++\n", q(title))
}

fn tags(key: &str, values: &[String]) -> String {
    if values.is_empty() {
        return String::new();
    }
    let v: Vec<String> = values.iter().map(|x| q(x)).collect();
    format!("{key} = [{}]\n", v.join(", "))
}

/// A Dnr as a taxonomy term (Hugo would read its `/` as a folder).
fn term(dnr: &str) -> String {
    dnr.replace('/', "-")
}

/// Writes the Hugo site (config, layouts, content) into `root`.
pub fn write(c: &Corpus, root: &Path) -> io::Result<()> {
    put(
        root,
        "hugo.toml",
        &format!("title = {}\n{CONFIG}", q(&c.title)),
    )?;
    put(root, "layouts/_default/baseof.html", BASEOF)?;
    put(root, "layouts/_default/single.html", SINGLE)?;
    put(root, "layouts/_default/list.html", LIST)?;
    put(
        root,
        "static/style.css",
        "body{font-family:sans-serif;max-width:50rem;margin:auto}\n",
    )?;
    put(root, "content/_index.md", &fm(&c.title, ""))?;
    for o in &c.organs {
        put(
            root,
            &format!("content/{}/_index.md", o.id),
            &fm(&o.name, ""),
        )?;
    }
    for (m, meeting) in c.meetings.iter().enumerate() {
        let organ = &c.organs[meeting.organ];
        let key = c.meeting_key(m);
        let mut body = String::new();
        for (title, group) in [
            ("Beslutande", &meeting.voting),
            ("Tjänstgörande ersättare", &meeting.serving),
            ("Ej tjänstgörande ersättare", &meeting.present_substitutes),
            ("Övriga deltagare", &meeting.others),
        ] {
            if !group.is_empty() {
                let _ = writeln!(body, "## {title}\n");
                for a in group {
                    let _ = writeln!(body, "- {}", c.written(a));
                }
                body.push('\n');
            }
        }
        let people: Vec<String> = meeting
            .voting
            .iter()
            .map(|a| c.people[a.person].name.clone())
            .collect();
        put(
            root,
            &format!("content/{key}/_index.md"),
            &(fm(
                &format!("{} {}", organ.short, meeting.date),
                &format!(
                    "date = {}\nmote = true\n{}{}",
                    meeting.date,
                    tags("personer", &people),
                    tags("ar", &[meeting.date.y.to_string()])
                ),
            ) + &body),
        )?;
        for item in &meeting.items {
            let mut people: Vec<String> = item
                .presenters
                .iter()
                .map(|a| c.people[a.person].name.clone())
                .collect();
            people.dedup();
            let dnr: Vec<String> = item.dnr.iter().map(|d| term(d)).collect();
            let extra = format!(
                "date = {}\nweight = {}\n{}{}{}",
                meeting.date,
                item.nr,
                tags("arenden", &dnr),
                tags("personer", &people),
                tags("ar", &[meeting.date.y.to_string()])
            );
            let mut s = fm(&format!("§ {} {}", item.nr, item.title), &extra);
            if !item.presenters.is_empty() {
                let names: Vec<String> = item.presenters.iter().map(|a| c.written(a)).collect();
                let _ = write!(s, "Föredragande: {}\n\n", names.join(" och "));
            }
            if !item.background.is_empty() {
                let _ = write!(s, "### Bakgrund\n\n{}\n\n", item.background.join("\n\n"));
            }
            if !item.basis.is_empty() {
                let _ = write!(
                    s,
                    "### Beslutsunderlag\n\n- {}\n\n",
                    item.basis.join("\n- ")
                );
            }
            let _ = write!(s, "### Beslut\n\n{}\n", item.decision);
            if !item.send_to.is_empty() {
                let _ = write!(
                    s,
                    "\n### Beslutet skickas till\n\n- {}\n",
                    item.send_to.join("\n- ")
                );
            }
            put(root, &format!("content/{key}/{}.md", item.nr), &s)?;
        }
    }
    put(root, "content/dokument/_index.md", &fm("Handlingar", ""))?;
    for d in &c.documents {
        let dnr: Vec<String> = d.dnr.iter().map(|x| term(x)).collect();
        let extra = format!(
            "date = {}\n{}{}",
            d.date,
            tags("arenden", &dnr),
            tags("ar", &[d.date.y.to_string()])
        );
        put(
            root,
            &format!("content/dokument/{}.md", d.id),
            &(fm(&d.title, &extra) + &d.body),
        )?;
    }
    Ok(())
}
