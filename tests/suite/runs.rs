//! Rendering in runs: a meeting's page and its paragraph pages are rendered together, sharing each
//! paragraph's view and twin; the files must be exactly those each page gives alone.

use protokoll::render::{Renderer, pages};

#[test]
fn a_meeting_rendered_with_its_paragraphs_gives_the_files_of_each_page_alone() {
    let root = crate::common::repo();
    let site = protokoll::read_site(&root).unwrap_or_else(|e| panic!("{e}"));
    let renderer = Renderer::new(&site, &root).unwrap();
    let list = pages::all(&site);
    let runs = pages::runs(&list);
    assert_eq!(runs.iter().map(|r| r.len()).sum::<usize>(), list.len());
    let shared: Vec<_> = runs.iter().filter(|r| r.len() > 1).collect();
    assert!(
        shared.len() >= 4,
        "the real site's protokoll each make a run with their paragraphs"
    );
    for run in shared {
        let together = renderer.run(&site, &list[run.clone()]).unwrap();
        let alone: Vec<_> = list[run.clone()]
            .iter()
            .flat_map(|p| renderer.page(&site, p).unwrap())
            .collect();
        assert_eq!(together.len(), alone.len(), "{}", list[run.start].url);
        for (a, b) in together.iter().zip(&alone) {
            assert_eq!(a.0, b.0);
            assert!(
                a.1 == b.1,
                "{} differs when rendered in its run",
                a.0.display()
            );
        }
    }
}
