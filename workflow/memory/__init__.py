"""The translation memory: pure fuzzy index and scoring."""
