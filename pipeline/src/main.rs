fn main() {
    std::process::exit(sdf_pipeline::cli::main());
}
