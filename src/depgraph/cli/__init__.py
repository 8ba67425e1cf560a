"""The command line: parse, dispatch to the API, map errors to exit codes."""
