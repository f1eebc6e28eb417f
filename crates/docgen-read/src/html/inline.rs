//! Inline content: text, links, code spans and line breaks of an element, collected without
//! recursion so that no nesting depth can exhaust the stack.

use scraper::{ElementRef, Node};

use super::{chrome, Lowering};
use crate::blocks::{Inline, Link};
use crate::lines::collapse_spaces;

/// One step of the iterative inline walk.
enum Step<'a> {
    Enter(ElementRef<'a>),
    Text(&'a str),
    Comment,
    Leave(Leave),
}

/// What to do when an inline element's content has been collected.
enum Leave {
    Link { start: usize, href: Option<String> },
    Code { start: usize },
    Space,
}

impl<'h> Lowering<'_, 'h> {
    /// Collects an element's text, links and code spans into `out`, iteratively (any depth).
    /// Block elements inside (paragraphs in a cell, ...) are separated by spaces.
    pub(super) fn collect(&mut self, element: ElementRef<'h>, out: &mut Inline) {
        let mut stack = Vec::new();
        open(element, out, &mut stack);
        while let Some(step) = stack.pop() {
            match step {
                Step::Enter(e) => {
                    self.aligner.element(e.value().name());
                    if chrome::is_chrome(e.value()) {
                        self.skip(e);
                    } else {
                        open(e, out, &mut stack);
                    }
                }
                Step::Text(text) => out.text.push_str(text),
                Step::Comment => {
                    self.aligner.comment();
                }
                Step::Leave(Leave::Link { start, href }) => {
                    let text = collapse_spaces(out.text.get(start..).unwrap_or(""));
                    if let Some(href) = href {
                        out.links.push(Link { text, href });
                    }
                }
                Step::Leave(Leave::Code { start }) => {
                    let code = out
                        .text
                        .get(start..)
                        .unwrap_or("")
                        .replace(['\n', '\r'], " ");
                    out.code.push(code);
                }
                Step::Leave(Leave::Space) => push_space(out),
            }
        }
    }
}

/// Starts an element in the inline walk: applies what it means and queues its children.
fn open<'a>(element: ElementRef<'a>, out: &mut Inline, stack: &mut Vec<Step<'a>>) {
    let name = element.value().name().to_ascii_lowercase();
    match name.as_str() {
        "br" => push_space(out),
        "img" => {
            if let Some(alt) = element.attr("alt") {
                out.text.push_str(alt);
            }
        }
        "a" => stack.push(Step::Leave(Leave::Link {
            start: out.text.len(),
            href: element.attr("href").map(str::to_owned),
        })),
        "code" => stack.push(Step::Leave(Leave::Code {
            start: out.text.len(),
        })),
        other if chrome::is_block(other) => {
            push_space(out);
            stack.push(Step::Leave(Leave::Space));
        }
        _ => {}
    }
    let children: Vec<Step<'a>> = element
        .children()
        .filter_map(|child| match child.value() {
            Node::Text(text) => Some(Step::Text(text)),
            Node::Comment(_) => Some(Step::Comment),
            Node::Element(_) => ElementRef::wrap(child).map(Step::Enter),
            _ => None,
        })
        .collect();
    stack.extend(children.into_iter().rev());
}

pub(super) fn push_space(inline: &mut Inline) {
    if !inline.text.is_empty() && !inline.text.ends_with(' ') {
        inline.text.push(' ');
    }
}

/// Folds white space in text and link text, as every reader does.
pub(super) fn tidy(mut inline: Inline) -> Inline {
    crate::lines::collapse_spaces_in_place(&mut inline.text);
    for link in &mut inline.links {
        crate::lines::collapse_spaces_in_place(&mut link.text);
    }
    inline
}
