"""What every feature shares: model helpers, access checks, audit, web glue."""
