//! Code shared by the Rust components of this app (add `common-lib` to a component's Cargo.toml).

pub fn example_common_function() -> &'static str {
    "hello from common-rust"
}
