"""Browser tests: real headless Chromium through Playwright, with axe-core (marked ``browser``)."""
