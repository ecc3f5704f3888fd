// The command line: parses arguments (Boost.Program_options) and runs the command.
#pragma once

namespace docpipe {

// Returns the exit status: 0 success, 1 some input failed, 2 usage error.
int run_cli(int argc, char** argv);

}  // namespace docpipe
