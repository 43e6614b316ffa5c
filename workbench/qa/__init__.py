"""Quality assurance: segment checks, corpus checks, findings (see run.py for the entry points)."""
