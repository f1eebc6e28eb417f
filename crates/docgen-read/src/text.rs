//! placeholder until the text reader lands
