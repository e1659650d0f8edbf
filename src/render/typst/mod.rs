//! Typst: Markdown events → the generated document (all escaping lives in
//! [`markup`]), the compiler that sets it as PDF/A ([`compile`]), and the lines it
//! had to set loose, read back from its pages ([`loose`]).

pub mod compile;
pub mod loose;
pub mod markup;
