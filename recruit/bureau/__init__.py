"""The bureau's frame: the /bureau blueprint that guards every bureau page, its home, staff accounts and the
audit log. The features' own bureau pages (events, reviews, seekers) register under it (recruit/blueprints.py).
"""
