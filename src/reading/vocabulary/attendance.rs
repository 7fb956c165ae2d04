//! The attendance as minutes print it: the groups (beslutande, tjänstgörande ersättare, anmält
//! förhinder …), the roles after a name, and partial attendance (`fr.o.m. § 16`, `ersätter …`).
