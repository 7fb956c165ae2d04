//! Swedish counts with the right form of the noun: "1 möte", "2 möten", "0 beslut". Every page that
//! prints a number of things takes its words from here, so no page says "1 möten".

/// A countable noun in its singular and plural forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Noun {
    /// One: "möte".
    pub one: &'static str,
    /// Zero, two or more: "möten".
    pub many: &'static str,
}

/// "möte"/"möten".
pub const MEETING: Noun = Noun {
    one: "möte",
    many: "möten",
};
/// "beslut" (the same in both).
pub const DECISION: Noun = Noun {
    one: "beslut",
    many: "beslut",
};
/// "ärende"/"ärenden".
pub const CASE: Noun = Noun {
    one: "ärende",
    many: "ärenden",
};
/// "handling"/"handlingar".
pub const DOCUMENT: Noun = Noun {
    one: "handling",
    many: "handlingar",
};
/// "rapport"/"rapporter".
pub const REPORT: Noun = Noun {
    one: "rapport",
    many: "rapporter",
};
/// "person"/"personer".
pub const PERSON: Noun = Noun {
    one: "person",
    many: "personer",
};
/// "paragraf"/"paragrafer".
pub const PARAGRAPH: Noun = Noun {
    one: "paragraf",
    many: "paragrafer",
};
/// "handling eller paragraf"/"handlingar och paragrafer": the entries of a case.
pub const CASE_ENTRY: Noun = Noun {
    one: "handling eller paragraf",
    many: "handlingar och paragrafer",
};

impl Noun {
    /// The form that goes with `n`: singular for exactly one, plural otherwise (also for 0).
    pub fn form(self, n: usize) -> &'static str {
        if n == 1 { self.one } else { self.many }
    }

    /// `n` and the noun: "1 möte", "12 möten", "1 234 personer".
    pub fn count(self, n: usize) -> String {
        format!("{} {}", number(n), self.form(n))
    }
}

/// A whole number as Swedish prints it: groups of three digits from 10 000 up, joined by a
/// no-break space ("9999", "12 345"), as the Språkrådet recommends for running text.
pub fn number(n: usize) -> String {
    let digits = n.to_string();
    if digits.len() <= 4 {
        return digits;
    }
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{a0}');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_takes_the_singular_and_every_other_count_the_plural() {
        assert_eq!(MEETING.count(1), "1 möte");
        assert_eq!(MEETING.count(0), "0 möten");
        assert_eq!(MEETING.count(2), "2 möten");
        assert_eq!(DOCUMENT.count(1), "1 handling");
        assert_eq!(PERSON.count(21), "21 personer");
        assert_eq!(DECISION.count(1), "1 beslut");
        assert_eq!(CASE_ENTRY.count(1), "1 handling eller paragraf");
    }

    #[test]
    fn large_numbers_are_grouped_by_three_from_ten_thousand() {
        assert_eq!(number(9999), "9999");
        assert_eq!(number(12_345), "12\u{a0}345");
        assert_eq!(number(1_234_567), "1\u{a0}234\u{a0}567");
        assert_eq!(MEETING.count(100_000), "100\u{a0}000 möten");
    }
}
