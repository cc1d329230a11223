"""The one kind of error a step raises for bad input: the command prints it as one `error:` line and exits 1."""


class PipelineError(Exception):
    """A problem in the input that stops a step; its message names the file, task and region."""
