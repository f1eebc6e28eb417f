//! Polymorphic families: a base type and every type derived from it, directly or through
//! other derived types.
//!
//! A list of `deviceConfiguration` returns `windows10GeneralConfiguration`s,
//! `iosCustomConfiguration`s and so on, each with its own properties; a struct for the base
//! would drop them. So every struct type that some documented type derives from gets a
//! polymorphic enum, named `Any` + the base's name (`AnyDeviceConfiguration`), in the
//! generated `polymorphic` module. Its variants are the base itself and each descendant,
//! chosen by `@odata.type`, plus a fallback holding an unknown derived type's JSON. The
//! name is allocated after every model type's, so a documented type never loses its name
//! to a generated one.

use crate::layout::StructLayout;
use crate::naming::RustName;
use crate::resolve::TypeTable;

/// The polymorphic enum of one base type.
pub(crate) struct AnyEnum {
    pub name: RustName,
    /// Type indices: the base first, then its descendants in table order.
    pub members: Vec<usize>,
    /// Whether every member struct is `Eq` (set by [`crate::layout::finish`]).
    pub eq: bool,
}

pub(crate) struct Families {
    /// Per type index, the enum of a base with derived types.
    any: Vec<Option<AnyEnum>>,
}

impl Families {
    /// The families of `layouts`' types. Each layout's base chain (already cut at cycles and
    /// unresolved bases) says which bases it descends from.
    // reason: `descendants` is `table.types.len()` long; bases and `type_index` are type
    //         indices from the same table.
    #[allow(clippy::indexing_slicing)]
    pub fn new(table: &mut TypeTable<'_>, layouts: &[StructLayout<'_>]) -> Self {
        let mut descendants: Vec<Vec<usize>> = vec![Vec::new(); table.types.len()];
        for layout in layouts {
            for &base in &layout.bases {
                descendants[base].push(layout.type_index);
            }
        }
        let mut any = Vec::with_capacity(descendants.len());
        for (base, derived) in descendants.into_iter().enumerate() {
            if derived.is_empty() {
                any.push(None);
                continue;
            }
            let name = table.allocate(&format!("any {}", table.types[base].def.name));
            let mut members = vec![base];
            members.extend(derived);
            any.push(Some(AnyEnum {
                name,
                members,
                eq: true,
            }));
        }
        Self { any }
    }

    /// The polymorphic enum of `type_index`, when it has derived types.
    pub fn any(&self, type_index: usize) -> Option<&AnyEnum> {
        self.any.get(type_index).and_then(Option::as_ref)
    }

    /// Every polymorphic enum with its base's type index, in table order.
    pub fn iter(&self) -> impl Iterator<Item = (usize, &AnyEnum)> {
        self.any
            .iter()
            .enumerate()
            .filter_map(|(base, any)| any.as_ref().map(|any| (base, any)))
    }

    pub fn set_eq(&mut self, eq: impl Fn(usize) -> bool) {
        for (base, any) in self.any.iter_mut().enumerate() {
            if let Some(any) = any {
                any.eq = eq(base);
            }
        }
    }
}
