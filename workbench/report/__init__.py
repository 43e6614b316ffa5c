"""Reports of QA results: HTML for people; JSON, CSV and Markdown for tools and pull requests."""
