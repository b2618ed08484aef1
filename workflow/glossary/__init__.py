"""The glossary (termbase): pure term matching plus its import/export and services."""
