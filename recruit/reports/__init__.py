"""Reports: match summaries generated on a schedule or by hand."""
