mod bindings;

// `golem app build` moves the exported interface into the `pack:name-exports` package.
use crate::bindings::exports::pa_ck::na_me_exports::component_name_api::*;
// Shared code of the app's Rust components (also add it to Cargo.toml):
// use common_lib::example_common_function;
use std::cell::RefCell;

/// The component's state. Golem keeps it durable across invocations and worker restarts.
struct State {
    total: u64,
}

thread_local! {
    static STATE: RefCell<State> = const { RefCell::new(State { total: 0 }) };
}

struct Component;

impl Guest for Component {
    /// Adds `value` to the counter.
    fn add(value: u64) {
        STATE.with_borrow_mut(|state| state.total += value);
    }

    /// Returns the counter.
    fn get() -> u64 {
        STATE.with_borrow(|state| state.total)
    }
}

bindings::export!(Component with_types_in bindings);
