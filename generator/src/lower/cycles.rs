//! Breaking type cycles: a type that contains itself by value gets a `Box` on the edge that
//! closes the cycle, and an alias that refers to itself becomes a newtype struct.

use crate::ir::{NamedType, TypeId, TypeKind, TypeRef};

/// How a type reference holds its target.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Holding {
    /// In place: a cycle of these has infinite size.
    ByValue,
    /// Behind a `Vec` or map, which already allocates.
    Indirect,
}

fn target(ty: &TypeRef) -> Option<(TypeId, Holding)> {
    let mut holding = Holding::ByValue;
    let mut ty = ty;
    loop {
        match ty {
            TypeRef::Named(id) => return Some((*id, holding)),
            TypeRef::List(inner) | TypeRef::Map(inner) => {
                holding = Holding::Indirect;
                ty = inner;
            }
            _ => return None,
        }
    }
}

/// Rewrites `types` so that every type has a finite size and no alias expands to itself.
pub fn break_cycles(types: &mut [NamedType]) {
    // Aliases whose expansion reaches themselves through other aliases must become newtypes.
    let alias_edges: Vec<Vec<usize>> = types
        .iter()
        .map(|named| match &named.kind {
            TypeKind::Alias(ty) => target(ty)
                .filter(|(id, _)| matches!(types[id.0].kind, TypeKind::Alias(_)))
                .map(|(id, _)| vec![id.0])
                .unwrap_or_default(),
            _ => Vec::new(),
        })
        .collect();
    let alias_components = strongly_connected(&alias_edges);
    for (index, named) in types.iter_mut().enumerate() {
        let cyclic = alias_components.in_cycle(index, &alias_edges);
        if let (true, TypeKind::Alias(ty)) = (cyclic, &named.kind) {
            named.kind = TypeKind::Newtype { ty: ty.clone(), boxed: false };
        }
    }

    let edges: Vec<Vec<usize>> = types
        .iter()
        .map(|named| {
            crate::lower::type_refs_of(&named.kind)
                .into_iter()
                .filter_map(target)
                .filter(|(_, holding)| *holding == Holding::ByValue)
                .map(|(id, _)| id.0)
                .collect()
        })
        .collect();
    let components = strongly_connected(&edges);
    let boxes = |from: usize, ty: &TypeRef| {
        target(ty).is_some_and(|(id, holding)| holding == Holding::ByValue && components.same(from, id.0))
    };
    for (index, named) in types.iter_mut().enumerate() {
        match &mut named.kind {
            TypeKind::Struct(s) => {
                for field in &mut s.fields {
                    field.boxed = boxes(index, &field.ty);
                }
            }
            TypeKind::Union(u) => {
                for variant in &mut u.variants {
                    variant.boxed = boxes(index, &variant.ty);
                }
            }
            TypeKind::Newtype { ty, boxed } => *boxed = boxes(index, ty),
            TypeKind::Alias(_) | TypeKind::Enum(_) => {}
        }
    }
}

/// Strongly connected components: `component[node]` numbers them.
struct Components {
    component: Vec<usize>,
    sizes: Vec<usize>,
}

impl Components {
    fn same(&self, a: usize, b: usize) -> bool {
        self.component[a] == self.component[b]
    }

    fn in_cycle(&self, node: usize, edges: &[Vec<usize>]) -> bool {
        self.sizes[self.component[node]] > 1 || edges[node].contains(&node)
    }
}

/// Tarjan's algorithm with an explicit stack, so a long chain of types cannot overflow.
fn strongly_connected(edges: &[Vec<usize>]) -> Components {
    const UNVISITED: usize = usize::MAX;
    let count = edges.len();
    let mut index = vec![UNVISITED; count];
    let mut low = vec![0; count];
    let mut on_stack = vec![false; count];
    let mut stack = Vec::new();
    let mut component = vec![UNVISITED; count];
    let mut sizes = Vec::new();
    let mut next_index = 0;
    // Call frames: (node, next edge to look at).
    let mut frames: Vec<(usize, usize)> = Vec::new();
    for root in 0..count {
        if index[root] != UNVISITED {
            continue;
        }
        frames.push((root, 0));
        index[root] = next_index;
        low[root] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (node, ref mut edge)) = frames.last_mut() {
            if let Some(&next) = edges[node].get(*edge) {
                *edge += 1;
                if index[next] == UNVISITED {
                    index[next] = next_index;
                    low[next] = next_index;
                    next_index += 1;
                    stack.push(next);
                    on_stack[next] = true;
                    frames.push((next, 0));
                } else if on_stack[next] {
                    low[node] = low[node].min(index[next]);
                }
                continue;
            }
            frames.pop();
            if let Some(&(parent, _)) = frames.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index[node] {
                let id = sizes.len();
                let mut size = 0;
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = id;
                    size += 1;
                    if member == node {
                        break;
                    }
                }
                sizes.push(size);
            }
        }
    }
    Components { component, sizes }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_cycles_and_singletons() {
        // 0 -> 1 -> 2 -> 0, 3 -> 3, 4 alone.
        let edges = vec![vec![1], vec![2], vec![0], vec![3], vec![]];
        let components = strongly_connected(&edges);
        assert!(components.same(0, 2));
        assert!(components.in_cycle(1, &edges));
        assert!(components.in_cycle(3, &edges));
        assert!(!components.in_cycle(4, &edges));
        assert!(!components.same(3, 4));
    }

    #[test]
    fn long_chains_do_not_overflow() {
        let edges: Vec<Vec<usize>> =
            (0..200_000).map(|i| if i + 1 < 200_000 { vec![i + 1] } else { vec![0] }).collect();
        let components = strongly_connected(&edges);
        assert!(components.same(0, 199_999));
    }
}
