"""Public pages: the home page, the language switch, the privacy notice."""
