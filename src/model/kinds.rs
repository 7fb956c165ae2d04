//! The closed vocabularies of the record: the kinds of document (tjänsteskrivelse, motion, the
//! yearly reports …) and the roles a membership can have, each with the key publishers write in
//! the content and the Swedish text the pages show.

/// What a document is. The key is the `typ` of its front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DocumentKind {
    /// Årsredovisning: the yearly accounts.
    AnnualReport,
    /// Verksamhetsberättelse: the yearly account of the work done.
    ActivityReport,
    /// Revisionsberättelse: the auditors' report.
    AuditReport,
    /// Verksamhetsplan och budget.
    Plan,
    /// Tjänsteskrivelse: an official's report to a body.
    OfficialReport,
    /// Motion: a member's proposal.
    Motion,
    /// Beslut: a decision, usually of another authority.
    Decision,
    /// Protokollsutdrag: an extract of a protokoll.
    Extract,
    /// Bilaga: an attachment.
    Attachment,
    /// Skrivelse: a letter.
    Letter,
}

impl DocumentKind {
    /// Every kind, in the order lists show them (the yearly reports first).
    pub const ALL: [DocumentKind; 10] = [
        DocumentKind::AnnualReport,
        DocumentKind::ActivityReport,
        DocumentKind::AuditReport,
        DocumentKind::Plan,
        DocumentKind::OfficialReport,
        DocumentKind::Motion,
        DocumentKind::Decision,
        DocumentKind::Extract,
        DocumentKind::Attachment,
        DocumentKind::Letter,
    ];

    /// The key written as `typ` in the front matter and used in URLs, JSON and CSS.
    pub fn key(self) -> &'static str {
        match self {
            DocumentKind::AnnualReport => "arsredovisning",
            DocumentKind::ActivityReport => "verksamhetsberattelse",
            DocumentKind::AuditReport => "revisionsberattelse",
            DocumentKind::Plan => "verksamhetsplan",
            DocumentKind::OfficialReport => "tjansteskrivelse",
            DocumentKind::Motion => "motion",
            DocumentKind::Decision => "beslut",
            DocumentKind::Extract => "protokollsutdrag",
            DocumentKind::Attachment => "bilaga",
            DocumentKind::Letter => "skrivelse",
        }
    }

    /// The Swedish name pages show.
    pub fn text(self) -> &'static str {
        match self {
            DocumentKind::AnnualReport => "Årsredovisning",
            DocumentKind::ActivityReport => "Verksamhetsberättelse",
            DocumentKind::AuditReport => "Revisionsberättelse",
            DocumentKind::Plan => "Verksamhetsplan och budget",
            DocumentKind::OfficialReport => "Tjänsteskrivelse",
            DocumentKind::Motion => "Motion",
            DocumentKind::Decision => "Beslut",
            DocumentKind::Extract => "Protokollsutdrag",
            DocumentKind::Attachment => "Bilaga",
            DocumentKind::Letter => "Skrivelse",
        }
    }

    /// The kind whose key this is.
    pub fn from_key(key: &str) -> Option<DocumentKind> {
        DocumentKind::ALL.into_iter().find(|k| k.key() == key)
    }

    /// Whether it is a yearly report (listed under its year, its tables kept as data).
    pub fn is_report(self) -> bool {
        matches!(
            self,
            DocumentKind::AnnualReport
                | DocumentKind::ActivityReport
                | DocumentKind::AuditReport
                | DocumentKind::Plan
        )
    }
}

/// The role a person has in an organ (a membership, `[[person.uppdrag]]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// Ordförande.
    Chair,
    /// Vice ordförande.
    ViceChair,
    /// Andre vice ordförande.
    SecondViceChair,
    /// Ledamot.
    Member,
    /// Ersättare.
    Substitute,
    /// Personlig ersättare (for one named ledamot).
    PersonalSubstitute,
    /// Adjungerad ersättare.
    CoOptedSubstitute,
    /// Ombud (a delegate to a förbundsmöte).
    Delegate,
    /// Ersättare för ombud.
    DelegateSubstitute,
    /// Sekreterare.
    Secretary,
    /// Revisor.
    Auditor,
    /// Revisorsersättare.
    AuditorSubstitute,
    /// Ledamot utan rösträtt.
    MemberWithoutVote,
}

impl Role {
    /// Every role, in the order the register documents them.
    pub const ALL: [Role; 13] = [
        Role::Chair,
        Role::ViceChair,
        Role::SecondViceChair,
        Role::Member,
        Role::Substitute,
        Role::PersonalSubstitute,
        Role::CoOptedSubstitute,
        Role::Delegate,
        Role::DelegateSubstitute,
        Role::Secretary,
        Role::Auditor,
        Role::AuditorSubstitute,
        Role::MemberWithoutVote,
    ];

    /// The role as the register writes it (`roll`), which is also how pages and data show it.
    pub fn text(self) -> &'static str {
        match self {
            Role::Chair => "ordförande",
            Role::ViceChair => "vice ordförande",
            Role::SecondViceChair => "andre vice ordförande",
            Role::Member => "ledamot",
            Role::Substitute => "ersättare",
            Role::PersonalSubstitute => "personlig ersättare",
            Role::CoOptedSubstitute => "adjungerad ersättare",
            Role::Delegate => "ombud",
            Role::DelegateSubstitute => "ersättare för ombud",
            Role::Secretary => "sekreterare",
            Role::Auditor => "revisor",
            Role::AuditorSubstitute => "revisorsersättare",
            Role::MemberWithoutVote => "ledamot (utan rösträtt)",
        }
    }

    /// The role the register's text names.
    pub fn from_text(text: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.text() == text)
    }

    /// Whether the role carries a vote (an ersättare votes only when serving, which a membership
    /// cannot know).
    pub fn votes(self) -> bool {
        matches!(
            self,
            Role::Chair | Role::ViceChair | Role::SecondViceChair | Role::Member | Role::Delegate
        )
    }

    /// Whether the role is a substitute's (listed in the second column of a sändlista).
    pub fn is_substitute(self) -> bool {
        matches!(
            self,
            Role::Substitute
                | Role::PersonalSubstitute
                | Role::CoOptedSubstitute
                | Role::DelegateSubstitute
                | Role::AuditorSubstitute
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_texts_read_back() {
        for k in DocumentKind::ALL {
            assert_eq!(DocumentKind::from_key(k.key()), Some(k));
        }
        for r in Role::ALL {
            assert_eq!(Role::from_text(r.text()), Some(r));
        }
        let reports: Vec<_> = DocumentKind::ALL
            .into_iter()
            .filter(|k| k.is_report())
            .collect();
        assert_eq!(reports.len(), 4);
        assert_eq!(
            DocumentKind::from_key("bilaga"),
            Some(DocumentKind::Attachment)
        );
        assert_eq!(DocumentKind::from_key("Bilaga"), None);
    }
}
