#include "pipeline/cli.hpp"

int main(int argc, char** argv) { return docpipe::run_cli(argc, argv); }
