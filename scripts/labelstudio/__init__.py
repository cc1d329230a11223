"""Label Studio: the local server, the project and its tasks, and its exports read and converted."""
