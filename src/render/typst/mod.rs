//! Typst: Markdown events → the generated document (all escaping lives in
//! [`markup`]), and the compiler that sets it as PDF/A ([`compile`]).

pub mod compile;
pub mod markup;
