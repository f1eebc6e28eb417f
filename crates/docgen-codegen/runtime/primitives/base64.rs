//! `Edm.Binary`: bytes as standard base64 with padding (unpadded input is accepted too).
//!
//! Model fields hold `Vec<u8>` and name [`option`] or [`option_vec`] in `#[serde(with)]`;
//! [`Base64`] is the same as a type of its own, for a bare binary value.

use super::ParseError;

/// Bytes as standard base64 with padding; unpadded input is accepted too.
const BASE64: ::base64::engine::GeneralPurpose = ::base64::engine::GeneralPurpose::new(
    &::base64::alphabet::STANDARD,
    ::base64::engine::GeneralPurposeConfig::new()
        .with_decode_padding_mode(::base64::engine::DecodePaddingMode::Indifferent),
);

fn decode_base64(text: &str) -> Result<Vec<u8>, ParseError> {
    use ::base64::Engine as _;
    BASE64
        .decode(text)
        .map_err(|_| ParseError::new("Binary", text))
}

fn encode_base64(bytes: &[u8]) -> String {
    use ::base64::Engine as _;
    BASE64.encode(bytes)
}

/// `Edm.Binary` as a type of its own: bytes, serialised as base64. Model fields hold
/// `Vec<u8>` directly (through [`option`] and [`option_vec`]); this is for a bare binary value.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Base64(pub Vec<u8>);

impl serde::Serialize for Base64 {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&encode_base64(&self.0))
    }
}

impl<'de> serde::Deserialize<'de> for Base64 {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <String as serde::Deserialize>::deserialize(deserializer)?;
        decode_base64(&text)
            .map(Base64)
            .map_err(serde::de::Error::custom)
    }
}

/// For a field `Option<Vec<u8>>`.
pub mod option {
    use serde::{Deserialize as _, Serializer};

    pub fn serialize<S: Serializer>(
        value: &Option<Vec<u8>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(bytes) => serializer.serialize_str(&super::encode_base64(bytes)),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Vec<u8>>, D::Error> {
        Option::<String>::deserialize(deserializer)?
            .map(|text| super::decode_base64(&text))
            .transpose()
            .map_err(serde::de::Error::custom)
    }
}

/// For a field `Option<Vec<Vec<u8>>>` (a collection of binary values).
pub mod option_vec {
    use serde::{Deserialize as _, Serializer};

    pub fn serialize<S: Serializer>(
        value: &Option<Vec<Vec<u8>>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(items) => {
                serializer.collect_seq(items.iter().map(|bytes| super::encode_base64(bytes)))
            }
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Vec<Vec<u8>>>, D::Error> {
        let Some(items) = Option::<Vec<String>>::deserialize(deserializer)? else {
            return Ok(None);
        };
        items
            .iter()
            .map(|text| super::decode_base64(text))
            .collect::<Result<Vec<_>, _>>()
            .map(Some)
            .map_err(serde::de::Error::custom)
    }
}
