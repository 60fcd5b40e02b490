"""Pure domain rules of Recruit: identity numbers, codes, regions and classifications (no Flask)."""
