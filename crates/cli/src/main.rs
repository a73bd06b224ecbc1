//! The `baocao` binary: the command line of the `baocao_cli` library.

use std::process::ExitCode;

fn main() -> ExitCode {
    ExitCode::from(baocao_cli::run(std::env::args_os(), true))
}
