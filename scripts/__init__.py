"""The pipeline: ingest -> preannotate -> ls -> convert -> validate -> build -> publish, with evaluate."""
