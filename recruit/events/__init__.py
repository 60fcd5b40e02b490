"""Events: job fairs, cross-province drives and online events, with the employers taking part."""
