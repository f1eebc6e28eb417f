//! Example bodies as JSON, with the position of every object and key.
//!
//! `serde_json` decides validity and words the error (its line and byte column point into the
//! body); a second, positional pass over text `serde_json` accepted records where each object
//! starts and where each key is, which `serde_json::Value` forgets. Positions are 0-based lines
//! of the body and 1-based character columns.

/// A JSON value with its position in the body.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub value: Value,
    pub line: u32,
    pub column: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Object(Vec<Member>),
    Array(Vec<Node>),
    String(String),
    /// Numbers, booleans, null: only names matter to the lints.
    Scalar,
}

/// A key of an object, where it is written, and its value.
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    pub key: String,
    pub line: u32,
    pub column: u32,
    pub value: Node,
}

/// Why a body is not JSON: `serde_json`'s message and where, in the body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invalid {
    pub message: String,
    /// 0-based line of the body.
    pub line: u32,
    /// 1-based character column, when `serde_json` gave one.
    pub column: Option<u32>,
}

impl Node {
    /// The object's members, when it is an object.
    pub fn members(&self) -> Option<&[Member]> {
        match &self.value {
            Value::Object(members) => Some(members),
            _ => None,
        }
    }

    pub fn get(&self, key: &str) -> Option<&Node> {
        self.members()?
            .iter()
            .find(|m| m.key == key)
            .map(|m| &m.value)
    }
}

/// Parses a body. `Err` when `serde_json` rejects it.
pub fn parse(body: &str) -> Result<Node, Invalid> {
    if let Err(err) = serde_json::from_str::<serde_json::Value>(body) {
        let line = u32::try_from(err.line().saturating_sub(1)).unwrap_or(u32::MAX);
        let text = body.lines().nth(err.line().saturating_sub(1)).unwrap_or("");
        // serde_json counts bytes consumed on the line; the offending character is the last.
        let column = (err.column() > 0).then(|| {
            let end = floor_char_boundary(text, err.column());
            let chars = text.get(..end).unwrap_or(text).chars().count().max(1);
            u32::try_from(chars).unwrap_or(u32::MAX)
        });
        let message = err.to_string();
        let message = match message.rsplit_once(" at line ") {
            Some((message, _position)) => message.to_owned(),
            None => message,
        };
        return Err(Invalid {
            message,
            line,
            column,
        });
    }
    let mut parser = Parser {
        text: body,
        pos: 0,
        depth: 0,
        line_starts: std::iter::once(0)
            .chain(body.match_indices('\n').map(|(i, _)| i + 1))
            .collect(),
    };
    // serde_json accepted the text; `None` here would be a bug in this parser, and the lints
    // then treat the body as having nothing to check rather than failing.
    parser.value().ok_or_else(|| Invalid {
        message: "the body could not be walked".to_owned(),
        line: 0,
        column: None,
    })
}

fn floor_char_boundary(text: &str, index: usize) -> usize {
    let mut index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// serde_json's own nesting limit; bodies it accepts never exceed it.
const MAX_DEPTH: usize = 128;

struct Parser<'a> {
    text: &'a str,
    pos: usize,
    depth: usize,
    line_starts: Vec<usize>,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn position(&self, at: usize) -> (u32, u32) {
        let line = self.line_starts.partition_point(|&s| s <= at).max(1) - 1;
        let start = self.line_starts.get(line).copied().unwrap_or(0);
        let column = self.text.get(start..at).map_or(0, |s| s.chars().count()) + 1;
        (
            u32::try_from(line).unwrap_or(u32::MAX),
            u32::try_from(column).unwrap_or(u32::MAX),
        )
    }

    fn value(&mut self) -> Option<Node> {
        self.skip_ws();
        let (line, column) = self.position(self.pos);
        let value = match self.peek()? {
            b'{' => self.nested(Self::object)?,
            b'[' => self.nested(Self::array)?,
            b'"' => Value::String(self.string()?),
            _ => {
                while !matches!(
                    self.peek(),
                    None | Some(b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r')
                ) {
                    self.pos += 1;
                }
                Value::Scalar
            }
        };
        Some(Node {
            value,
            line,
            column,
        })
    }

    fn nested(&mut self, inner: fn(&mut Self) -> Option<Value>) -> Option<Value> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return None;
        }
        let value = inner(self);
        self.depth -= 1;
        value
    }

    fn object(&mut self) -> Option<Value> {
        self.pos += 1;
        let mut members = Vec::new();
        loop {
            self.skip_ws();
            match self.peek()? {
                b'}' => {
                    self.pos += 1;
                    return Some(Value::Object(members));
                }
                b',' => self.pos += 1,
                b'"' => {
                    let (line, column) = self.position(self.pos);
                    let key = self.string()?;
                    self.skip_ws();
                    if self.peek()? != b':' {
                        return None;
                    }
                    self.pos += 1;
                    let value = self.value()?;
                    members.push(Member {
                        key,
                        line,
                        column,
                        value,
                    });
                }
                _ => return None,
            }
        }
    }

    fn array(&mut self) -> Option<Value> {
        self.pos += 1;
        let mut items = Vec::new();
        loop {
            self.skip_ws();
            match self.peek()? {
                b']' => {
                    self.pos += 1;
                    return Some(Value::Array(items));
                }
                b',' => self.pos += 1,
                _ => items.push(self.value()?),
            }
        }
    }

    /// A string token at `pos`, decoded (escapes included) by serde_json.
    fn string(&mut self) -> Option<String> {
        let start = self.pos;
        let bytes = self.text.as_bytes();
        let mut i = start + 1;
        while let Some(&byte) = bytes.get(i) {
            match byte {
                b'\\' => i += 2,
                b'"' => {
                    self.pos = i + 1;
                    return serde_json::from_str(self.text.get(start..=i)?).ok();
                }
                _ => i += 1,
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_keep_their_positions() {
        let body = "{\n  \"a\": 1,\n  \"b\\u0041\": { \"c\": [ {\"d\": \"x\"} ] }\n}";
        let root = parse(body).unwrap();
        let members = root.members().unwrap();
        assert_eq!(
            members
                .iter()
                .map(|m| (m.key.as_str(), m.line, m.column))
                .collect::<Vec<_>>(),
            [("a", 1, 3), ("bA", 2, 3)]
        );
        let c = root.get("bA").unwrap().get("c").unwrap();
        let Value::Array(items) = &c.value else {
            panic!("an array")
        };
        assert_eq!((items[0].line, items[0].column), (2, 23));
        assert_eq!(
            items[0].get("d").map(|d| &d.value),
            Some(&Value::String("x".into()))
        );
    }

    #[test]
    fn errors_point_into_the_body() {
        let err = parse("{\n  \"a\": 1,\n  \"é\": ,\n}").unwrap_err();
        assert_eq!((err.line, err.column), (2, Some(8)));
        assert_eq!(err.message, "expected value");
        let err = parse("{ \"a\": 1 } trailing").unwrap_err();
        assert_eq!(err.line, 0);
        assert!(err.message.contains("trailing"), "{}", err.message);
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let deep = "[".repeat(10_000) + &"]".repeat(10_000);
        assert!(parse(&deep).is_err());
    }
}
