//! Tags nested under other tags (OpenAPI 3.2's `parent`): each tag that others name as their
//! parent gets a Cargo feature that turns on theirs, so that one feature selects a family of
//! tags. Modules stay one per operation's first tag: nesting them would move public paths
//! whenever a spec regroups its tags.

use std::collections::HashMap;

use super::Lowering;
use crate::ir::ParentFeature;
use crate::load::TAG_PARENT;
use crate::naming;

impl Lowering<'_> {
    /// The features of the tags that others are nested under, sorted by feature. A `parent`
    /// that names no other tag, or that closes a loop of parents, is a located warning and is
    /// not followed. Call once every operation has its group.
    pub(super) fn parent_features(&mut self) -> Vec<ParentFeature> {
        let tags = &self.spec.tags;
        let index_of: HashMap<&str, usize> = tags.iter().enumerate().map(|(i, tag)| (tag.name.as_str(), i)).collect();
        let mut parent_of: Vec<Option<usize>> = vec![None; tags.len()];
        let mut problems = Vec::new();
        for (index, tag) in tags.iter().enumerate() {
            let Some(value) = tag.extensions.get(TAG_PARENT) else { continue };
            match value.as_str().and_then(|name| index_of.get(name)) {
                Some(&parent) if parent != index => parent_of[index] = Some(parent),
                _ => problems.push((index, format!("`parent` {value} names no other tag; this tag is not nested"))),
            }
        }
        // A loop of parents (which the spec forbids) is cut at the first of its tags found.
        for index in 0..tags.len() {
            let mut at = parent_of[index];
            for _ in 0..tags.len() {
                match at {
                    Some(current) if current == index => {
                        parent_of[index] = None;
                        problems.push((index, "`parent` closes a loop of parents; this tag is not nested".to_owned()));
                        break;
                    }
                    Some(current) => at = parent_of[current],
                    None => break,
                }
            }
        }
        for (index, message) in problems {
            self.warn(&format!("#/tags/{index}/{TAG_PARENT}"), message);
        }

        let mut children: Vec<Vec<usize>> = vec![Vec::new(); tags.len()];
        for (index, parent) in parent_of.iter().enumerate() {
            if let Some(parent) = parent {
                children[*parent].push(index);
            }
        }
        let mut features: Vec<Option<String>> = vec![None; tags.len()];
        let mut parents = Vec::new();
        // Children before their parents: a tag's depth below its root, deepest first.
        let depth = |mut index: usize| {
            let mut depth = 0;
            while let Some(parent) = parent_of[index] {
                depth += 1;
                index = parent;
            }
            depth
        };
        let mut order: Vec<usize> = (0..tags.len()).collect();
        order.sort_by_key(|&index| std::cmp::Reverse(depth(index)));
        for index in order {
            let name = tags[index].name.as_str();
            let own = self.group_ids.get(name).map(|id| self.groups[id.0].feature.clone());
            let mut included: Vec<String> =
                children[index].iter().filter_map(|&child| features[child].clone()).collect();
            if included.is_empty() {
                features[index] = own;
                continue;
            }
            included.sort();
            let feature =
                own.unwrap_or_else(|| naming::feature_name(&self.group_modules.claim(&naming::snake_ident(name))));
            features[index] = Some(feature.clone());
            parents.push(ParentFeature { tag: name.to_owned(), feature, children: included });
        }
        parents.sort_by(|a, b| a.feature.cmp(&b.feature));
        parents
    }
}
