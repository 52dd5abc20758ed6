"""rules.yaml: `loader` validates it with cerberus and builds the `Config` every command runs
with; `office` holds the reviewing office's own settings (the `letter:` section)."""
