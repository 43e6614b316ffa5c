"""Translation memory: a sqlite store, match scores, import/export, leverage, analysis and checks."""
