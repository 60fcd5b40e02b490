"""The live dashboard of an event for the bureau's big screen, and the read-only links that open it."""
