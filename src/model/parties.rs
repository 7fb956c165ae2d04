//! Political parties: the names of the party codes the papers print after a name ("(S)").

/// Swedish party names by code.
pub fn party_name(code: &str) -> String {
    match code {
        "S" => "Socialdemokraterna",
        "M" => "Moderaterna",
        "C" => "Centerpartiet",
        "KD" => "Kristdemokraterna",
        "V" => "Vänsterpartiet",
        "L" => "Liberalerna",
        "FP" => "Folkpartiet liberalerna",
        "MP" => "Miljöpartiet de gröna",
        "SD" => "Sverigedemokraterna",
        other => other,
    }
    .to_string()
}
