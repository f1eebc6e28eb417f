//! The dependency graph between areas: which area's feature enables which.
//!
//! The input is a weight per ordered pair of areas: how many times items of the first
//! reference types of the second ([`crate::areas`] says which references count). The
//! output is an acyclic graph. Edges are taken heaviest first (ties by area index, so the
//! result is deterministic); an edge that would close a cycle is not taken but *cut*: the
//! references behind it are gated on the target's feature instead, item by item. Without
//! that, the hub every area hangs off (Intune's `shared`, which holds `deviceManagement`
//! and the base types) references a few types of a dozen areas, each of which references
//! the hub hundreds of times, and every feature would end up enabling most of the crate.
//!
//! The kept edges are reduced transitively (an edge implied by a longer path is dropped,
//! since Cargo closes feature dependencies itself); [`Graph::reaches`] answers for the
//! closure.

use std::collections::{BTreeMap, BTreeSet};

/// An acyclic dependency graph over areas `0..n`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Graph {
    /// Per area, the areas its feature enables directly, transitively reduced.
    pub deps: Vec<BTreeSet<usize>>,
    /// `reach[a][b]`: enabling `a` enables `b` (every area reaches itself).
    reach: Vec<Vec<bool>>,
    /// The edges not taken, to keep the graph acyclic: (from, to, weight), heaviest first.
    pub cut: Vec<(usize, usize, usize)>,
}

impl Graph {
    /// The graph of `n` areas from the reference counts `weights` (`(from, to) -> count`;
    /// self references and out-of-range areas are ignored).
    // reason: `reach` is n x n and `kept` n long, and the edges were filtered to
    //         `from < n && to < n` above.
    #[allow(clippy::indexing_slicing)]
    pub fn new(n: usize, weights: &BTreeMap<(usize, usize), usize>) -> Self {
        let mut edges: Vec<(usize, usize, usize)> = weights
            .iter()
            .filter(|((from, to), weight)| from != to && *from < n && *to < n && **weight > 0)
            .map(|(&(from, to), &weight)| (from, to, weight))
            .collect();
        edges.sort_by_key(|&(from, to, weight)| (std::cmp::Reverse(weight), from, to));

        let mut reach: Vec<Vec<bool>> = (0..n).map(|a| (0..n).map(|b| a == b).collect()).collect();
        let mut kept: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); n];
        let mut cut = Vec::new();
        for (from, to, weight) in edges {
            if reach[to][from] {
                cut.push((from, to, weight));
                continue;
            }
            kept[from].insert(to);
            // Whatever reaches `from` now reaches whatever `to` reaches.
            let targets: Vec<usize> = (0..n).filter(|&y| reach[to][y]).collect();
            for row in reach.iter_mut().filter(|row| row[from]) {
                for &y in &targets {
                    row[y] = true;
                }
            }
        }

        // Transitive reduction: in a DAG, `a -> b` is redundant when another direct
        // dependency of `a` reaches `b`.
        let deps = kept
            .iter()
            .map(|direct| {
                direct
                    .iter()
                    .copied()
                    .filter(|&b| !direct.iter().any(|&c| c != b && reach[c][b]))
                    .collect()
            })
            .collect();
        Graph { deps, reach, cut }
    }

    /// Whether enabling area `from` enables area `to`.
    pub fn reaches(&self, from: usize, to: usize) -> bool {
        self.reach
            .get(from)
            .and_then(|row| row.get(to))
            .copied()
            .unwrap_or(false)
    }

    /// Every area that enabling `area` enables, itself included, in index order.
    pub fn closure(&self, area: usize) -> Vec<usize> {
        (0..self.reach.len())
            .filter(|&b| self.reaches(area, b))
            .collect()
    }

    /// The smallest subset of `areas` whose features enable all of them: an area another
    /// member reaches is left out (of two that reach each other, which a DAG never has, the
    /// first stays). Sorted, without duplicates.
    pub fn minimal(&self, areas: &[usize]) -> Vec<usize> {
        let set: BTreeSet<usize> = areas.iter().copied().collect();
        set.iter()
            .copied()
            .filter(|&a| !set.iter().any(|&b| b != a && self.reaches(b, a)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn weights(edges: &[(usize, usize, usize)]) -> BTreeMap<(usize, usize), usize> {
        edges.iter().map(|&(a, b, w)| ((a, b), w)).collect()
    }

    fn deps(graph: &Graph) -> Vec<Vec<usize>> {
        graph
            .deps
            .iter()
            .map(|d| d.iter().copied().collect())
            .collect()
    }

    #[test]
    fn heavier_direction_wins_a_cycle() {
        // 0 = hub, 1 = big area referencing the hub 300 times, the hub referencing it 4.
        let graph = Graph::new(2, &weights(&[(1, 0, 300), (0, 1, 4)]));
        assert_eq!(deps(&graph), [vec![], vec![0]]);
        assert_eq!(graph.cut, [(0, 1, 4)]);
        assert!(graph.reaches(1, 0));
        assert!(!graph.reaches(0, 1));
    }

    #[test]
    fn longer_cycles_are_cut_and_edges_reduced() {
        // 1 -> 0 (9), 2 -> 1 (8), 0 -> 2 (7) closes 0 -> 2 -> 1 -> 0; 2 -> 0 (1) is implied
        // by 2 -> 1 -> 0. 3 stands alone; self references and unknown areas are ignored.
        let graph = Graph::new(
            4,
            &weights(&[
                (1, 0, 9),
                (2, 1, 8),
                (0, 2, 7),
                (2, 0, 1),
                (3, 3, 5),
                (3, 9, 5),
            ]),
        );
        assert_eq!(deps(&graph), [vec![], vec![0], vec![1], vec![]]);
        assert_eq!(graph.cut, [(0, 2, 7)]);
        assert_eq!(graph.closure(2), [0, 1, 2]);
        assert_eq!(graph.closure(3), [3]);
        assert_eq!(graph.minimal(&[0, 2, 1, 2]), [2]);
        assert_eq!(graph.minimal(&[3, 0]), [0, 3]);
        assert_eq!(graph.minimal(&[]), Vec::<usize>::new());
    }

    #[test]
    fn ties_are_broken_by_area_index() {
        let graph = Graph::new(2, &weights(&[(0, 1, 2), (1, 0, 2)]));
        assert_eq!(deps(&graph), [vec![1], vec![]]);
        assert_eq!(graph.cut, [(1, 0, 2)]);
        assert!(!graph.reaches(5, 0), "an unknown area reaches nothing");
    }
}
