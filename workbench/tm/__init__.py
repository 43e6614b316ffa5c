"""Translation memory: sqlite store, match scores, import/export, leverage, analysis, checks."""
