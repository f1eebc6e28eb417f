//! Type references as documented: a primitive EDM name or a named type, maybe a collection.

use serde::{Deserialize, Serialize};

/// The EDM primitive types, named as the docs and the model contract name them (no `Edm.`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Primitive {
    String,
    Boolean,
    Byte,
    SByte,
    Int16,
    Int32,
    Int64,
    Single,
    Double,
    Decimal,
    DateTimeOffset,
    Date,
    TimeOfDay,
    Duration,
    Guid,
    Binary,
    Stream,
}

impl Primitive {
    pub const ALL: [Primitive; 17] = [
        Primitive::String,
        Primitive::Boolean,
        Primitive::Byte,
        Primitive::SByte,
        Primitive::Int16,
        Primitive::Int32,
        Primitive::Int64,
        Primitive::Single,
        Primitive::Double,
        Primitive::Decimal,
        Primitive::DateTimeOffset,
        Primitive::Date,
        Primitive::TimeOfDay,
        Primitive::Duration,
        Primitive::Guid,
        Primitive::Binary,
        Primitive::Stream,
    ];

    /// The canonical name (`Edm.` stripped).
    pub fn name(self) -> &'static str {
        match self {
            Primitive::String => "String",
            Primitive::Boolean => "Boolean",
            Primitive::Byte => "Byte",
            Primitive::SByte => "SByte",
            Primitive::Int16 => "Int16",
            Primitive::Int32 => "Int32",
            Primitive::Int64 => "Int64",
            Primitive::Single => "Single",
            Primitive::Double => "Double",
            Primitive::Decimal => "Decimal",
            Primitive::DateTimeOffset => "DateTimeOffset",
            Primitive::Date => "Date",
            Primitive::TimeOfDay => "TimeOfDay",
            Primitive::Duration => "Duration",
            Primitive::Guid => "Guid",
            Primitive::Binary => "Binary",
            Primitive::Stream => "Stream",
        }
    }

    /// Reads a primitive name as pages write it: any case, with or without `Edm.`, and the
    /// common informal spellings (`int`, `bool`, `datetime`, ...). `None` for anything else.
    pub fn from_doc_name(text: &str) -> Option<Primitive> {
        let bare = text.trim();
        let bare = bare
            .strip_prefix("Edm.")
            .or_else(|| bare.strip_prefix("edm."))
            .unwrap_or(bare);
        let lower = bare.to_ascii_lowercase();
        let found = match lower.as_str() {
            "string" | "str" | "text" => Primitive::String,
            "boolean" | "bool" => Primitive::Boolean,
            "byte" => Primitive::Byte,
            "sbyte" => Primitive::SByte,
            "int16" | "short" => Primitive::Int16,
            "int32" | "int" | "integer" => Primitive::Int32,
            "int64" | "long" | "bigint" => Primitive::Int64,
            "single" | "float" => Primitive::Single,
            "double" => Primitive::Double,
            "decimal" => Primitive::Decimal,
            "datetimeoffset" | "datetime" | "timestamp" => Primitive::DateTimeOffset,
            "date" => Primitive::Date,
            "timeofday" | "time" => Primitive::TimeOfDay,
            "duration" | "timespan" => Primitive::Duration,
            "guid" | "uuid" => Primitive::Guid,
            "binary" | "base64" | "base64binary" => Primitive::Binary,
            "stream" => Primitive::Stream,
            _ => return None,
        };
        Some(found)
    }
}

/// The keyword some pages write in the type column of an enum-valued property.
pub const ENUMERATION_KEYWORD: &str = "Enumeration";

/// A documented type: a primitive's canonical name, [`ENUMERATION_KEYWORD`], or a type name
/// as the docs spell it (namespace stripped).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct TypeRef {
    pub name: String,
    pub collection: bool,
    /// The link target when the type cell linked to a page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
}

impl TypeRef {
    pub fn named(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            collection: false,
            link: None,
        }
    }

    pub fn primitive(&self) -> Option<Primitive> {
        Primitive::from_doc_name(&self.name)
    }

    pub fn is_enumeration_keyword(&self) -> bool {
        self.name.eq_ignore_ascii_case(ENUMERATION_KEYWORD)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn primitive_names_round_trip() {
        for p in Primitive::ALL {
            assert_eq!(Primitive::from_doc_name(p.name()), Some(p));
            assert_eq!(
                Primitive::from_doc_name(&format!("Edm.{}", p.name())),
                Some(p)
            );
        }
    }

    #[test]
    fn informal_spellings() {
        let table = [
            ("string", Some(Primitive::String)),
            ("Int", Some(Primitive::Int32)),
            ("bool", Some(Primitive::Boolean)),
            ("DateTime", Some(Primitive::DateTimeOffset)),
            ("edm.int64", Some(Primitive::Int64)),
            ("devicePlatformType", None),
            ("Enumeration", None),
        ];
        for (text, want) in table {
            assert_eq!(Primitive::from_doc_name(text), want, "{text}");
        }
    }
}
