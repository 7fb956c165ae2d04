//! Property tests of the personnummer guard, 10,000 generated numbers each: every valid
//! personnummer and samordningsnummer in every written form is caught, wherever it stands in a
//! text; organisation numbers, numbers with a wrong check digit and numbers with an impossible date
//! never are. The numbers are made here with their own Luhn and calendar code, independent of the
//! guard's.

use proptest::prelude::*;
use protokoll::reading::personnummer::{Kind, find};

fn leap(y: u32) -> bool {
    (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400)
}

fn days(y: u32, m: u32) -> u32 {
    [
        31,
        if leap(y) { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ][m as usize - 1]
}

/// The Luhn check digit of nine digits.
fn check_digit(nine: &str) -> u32 {
    let mut sum = 0;
    for (i, c) in nine.chars().enumerate() {
        let mut v = c.to_digit(10).unwrap() * if i % 2 == 0 { 2 } else { 1 };
        if v > 9 {
            v -= 9;
        }
        sum += v;
    }
    (10 - sum % 10) % 10
}

/// The written forms: 10 or 12 digits, with or without a separator.
#[derive(Debug, Clone, Copy)]
enum Form {
    Ten,
    TenDash,
    TenPlus,
    Twelve,
    TwelveDash,
}

fn write(form: Form, year: u32, rest: &str) -> String {
    let yy = format!("{:02}", year % 100);
    let (date, tail) = rest.split_at(4);
    match form {
        Form::Ten => format!("{yy}{date}{tail}"),
        Form::TenDash => format!("{yy}{date}-{tail}"),
        Form::TenPlus => format!("{yy}{date}+{tail}"),
        Form::Twelve => format!("{year}{date}{tail}"),
        Form::TwelveDash => format!("{year}{date}-{tail}"),
    }
}

fn form() -> impl Strategy<Value = Form> {
    prop_oneof![
        Just(Form::Ten),
        Just(Form::TenDash),
        Just(Form::TenPlus),
        Just(Form::Twelve),
        Just(Form::TwelveDash),
    ]
}

/// Text around a number: anything but digits, Swedish letters and line breaks included.
fn context() -> impl Strategy<Value = String> {
    "[a-zA-ZåäöÅÄÖé .,:;()/\n\t-]{0,30}"
}

/// A valid number: (text as written, year, kind).
fn valid() -> impl Strategy<Value = (String, Kind)> {
    (form(), 1800u32..=2099, 1u32..=12, any::<bool>(), 0u32..1000).prop_flat_map(
        |(form, year, month, samordning, serial)| {
            // `+` means a hundred years or older: only years up to 1999.
            let year = if matches!(form, Form::TenPlus) && year >= 2000 {
                year - 200
            } else {
                year
            };
            (1..=days(year, month)).prop_map(move |day| {
                let day = if samordning { day + 60 } else { day };
                let nine = format!("{:02}{month:02}{day:02}{serial:03}", year % 100);
                let rest = format!("{month:02}{day:02}{serial:03}{}", check_digit(&nine));
                let kind = if samordning {
                    Kind::Samordningsnummer
                } else {
                    Kind::Personnummer
                };
                (write(form, year, &rest), kind)
            })
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 10_000,
        max_global_rejects: 1_000_000,
        ..ProptestConfig::default()
    })]

    #[test]
    fn every_valid_number_is_caught_where_it_stands(
        (number, kind) in valid(), before in context(), after in context()
    ) {
        let text = format!("{before}{number}{after}");
        let found = find(&text);
        prop_assert_eq!(found.len(), 1, "{:?}", text);
        prop_assert_eq!(found[0].offset, before.len());
        prop_assert_eq!(found[0].len, number.len());
        prop_assert_eq!(found[0].kind, kind);
    }

    #[test]
    fn a_wrong_check_digit_is_never_caught(
        (number, _) in valid(), shift in 1u32..=9, before in context(), after in context()
    ) {
        let last = number.chars().last().unwrap().to_digit(10).unwrap();
        let wrong = format!("{}{}", &number[..number.len() - 1], (last + shift) % 10);
        let text = format!("{before}{wrong}{after}");
        prop_assert!(find(&text).is_empty(), "{:?}", text);
    }

    #[test]
    fn organisation_numbers_are_never_caught(
        first in 1u32..=9, second in 0u32..=9, month_field in 20u32..=99,
        tail in 0u32..100_000, form in 0usize..4, before in context(), after in context()
    ) {
        let nine = format!("{first}{second}{month_field}{tail:05}");
        let ten = format!("{nine}{}", check_digit(&nine));
        let number = match form {
            0 => ten.clone(),
            1 => format!("{}-{}", &ten[..6], &ten[6..]),
            2 => format!("16{ten}"),
            _ => format!("16{}-{}", &ten[..6], &ten[6..]),
        };
        let text = format!("{before}{number}{after}");
        prop_assert!(find(&text).is_empty(), "{:?}", text);
    }

    #[test]
    fn impossible_dates_are_never_caught(
        yy in 0u32..100, month in 0u32..=19, day in 0u32..=99, serial in 0u32..1000,
        dash in any::<bool>(), before in context(), after in context()
    ) {
        // Possible in some century the guard considers (1800s, 1900s, 2000s), as either kind?
        let possible = (1..=12).contains(&month)
            && [1800, 1900, 2000].iter().any(|c| {
                let max = days(c + yy, month);
                (1..=max).contains(&day) || (61..=60 + max).contains(&day)
            });
        prop_assume!(!possible);
        let nine = format!("{yy:02}{month:02}{day:02}{serial:03}");
        let ten = format!("{nine}{}", check_digit(&nine));
        let number = if dash { format!("{}-{}", &ten[..6], &ten[6..]) } else { ten };
        let text = format!("{before}{number}{after}");
        prop_assert!(find(&text).is_empty(), "{:?}", text);
    }
}
