"""Real-browser tests: the citizen journey in headless Chromium."""
