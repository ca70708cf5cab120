"""The Textual app. Only this package imports Textual; it calls the core for everything else."""
