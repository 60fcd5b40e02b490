"""Check-in at the gate: QR scans, ID numbers, walk-ins and anonymous visitors."""
