//! Byte-level helpers of the static export: LEB128 varints, run-length columns and a small stable
//! content hash (FNV-1a) for naming immutable files. `docs/SEARCH.md` describes the formats.

/// Appends `v` as an unsigned LEB128 varint.
pub fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Reads a varint at `*pos`, advancing it; `None` at a truncated end.
pub fn get_varint(bytes: &[u8], pos: &mut usize) -> Option<u64> {
    let mut v = 0u64;
    let mut shift = 0;
    loop {
        let b = *bytes.get(*pos)?;
        *pos += 1;
        v |= u64::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return Some(v);
        }
        shift += 7;
        if shift > 63 {
            return None;
        }
    }
}

/// A column of small values, one per document, as (value, run length) varint pairs.
pub fn run_length(values: &[u32]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < values.len() {
        let v = values[i];
        let start = i;
        while i < values.len() && values[i] == v {
            i += 1;
        }
        put_varint(&mut out, u64::from(v));
        put_varint(&mut out, (i - start) as u64);
    }
    out
}

/// FNV-1a, 64 bits: stable across platforms and releases, enough to name files by content.
pub fn fnv1a(state: u64, bytes: &[u8]) -> u64 {
    let mut h = state;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The FNV-1a offset basis.
pub const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip_at_every_width() {
        let values = [
            0u64,
            1,
            127,
            128,
            300,
            16_383,
            16_384,
            u64::from(u32::MAX),
            u64::MAX,
        ];
        let mut buf = Vec::new();
        for v in values {
            put_varint(&mut buf, v);
        }
        let mut pos = 0;
        let back: Vec<u64> = values
            .iter()
            .map(|_| get_varint(&buf, &mut pos).unwrap())
            .collect();
        assert_eq!(back, values);
        assert_eq!(pos, buf.len());
        assert_eq!(get_varint(&[0x80], &mut 0), None, "truncated varint");
    }

    #[test]
    fn run_length_stores_runs_as_pairs() {
        assert_eq!(run_length(&[3, 3, 3, 0, 5, 5]), [3, 3, 0, 1, 5, 2]);
        assert!(run_length(&[]).is_empty());
    }

    #[test]
    fn fnv1a_matches_the_published_test_vector() {
        // FNV-1a 64 of "a" from the reference test suite.
        assert_eq!(fnv1a(FNV_START, b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
