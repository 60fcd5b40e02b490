"""Cross-province drives after the signing: travel batches, arrival, onboarding and retention at 3 and 6 months."""
