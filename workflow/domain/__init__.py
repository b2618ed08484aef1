"""Pure domain rules: no Flask, no SQLAlchemy — lifecycle, segmentation, alignment, numbers, diffing."""
